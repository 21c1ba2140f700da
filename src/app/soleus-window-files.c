/* soleus-window-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's file jobs: opening and comparing scenario files (read in
 * worker threads, taken in the order asked), saving the leg as a scenario
 * file, the picture, the strip chart's data, a recorded loop, the recent
 * files, and the file choosers that ask for all of them.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-csv.h"
#include "soleus-file-writer.h"
#include "soleus-recorder.h"
#include "soleus-scenario-file.h"
#include "soleus-scenario.h"
#include "soleus-window-private.h"

/* "Saved “leg.png”" (or "Recorded"), or why not. */
static void
toast_result (SoleusWindow *self,
              gboolean      ok,
              GFile        *file,
              gboolean      recorded,
              const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!ok)
    {
      _soleus_window_show_toast (self, error->message);
      return;
    }

  name = g_file_get_basename (file);
  text = recorded ? g_strdup_printf (_("Recorded “%s”"), name)
                  : g_strdup_printf (_("Saved “%s”"), name);
  _soleus_window_show_toast (self, text);
}

/* ---------------------------------------------------------------------- */
/* Jobs and their failures */

/* A file job's failure: a scripted action (action names it) reports it in
 * the log, as for any bad scripted input, and never opens a dialog; a
 * person sees it in a dialog or a toast. */
void
_soleus_window_report_failure (SoleusWindow *self,
                               const char   *action,
                               const char   *heading,
                               const char   *message,
                               const char   *consequence,
                               gboolean      dialog)
{
  if (action != NULL)
    g_warning ("%s: %s%s", action, message, consequence);
  else if (dialog)
    _soleus_window_show_error_dialog (self, heading, message);
  else
    _soleus_window_show_toast (self, message);
}

void
_soleus_window_job_started (SoleusWindow *self)
{
  self->jobs_pending++;
}

void
_soleus_window_job_done (SoleusWindow *self)
{
  g_assert (self->jobs_pending > 0);
  self->jobs_pending--;
  g_signal_emit_by_name (self, "state-changed");
}

/* ---------------------------------------------------------------------- */
/* Scenario files */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *mb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (mb, ma);
}

typedef enum
{
  OPEN_AS_THIS_LEG,
  OPEN_AS_OTHER_LEG,
} OpenAs;

typedef struct
{
  char               *path;
  char               *action;  /* "app.open" when scripted, NULL for a person */
  OpenAs              open_as;
  gboolean            read;    /* the worker has finished with it */
  SoleusScenarioFile *file;    /* what it read, or NULL and error */
  GError             *error;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job->action);
  g_clear_pointer (&job->file, soleus_scenario_file_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* Reading happens in a worker thread: a slow disk or a file that is not
 * what it claims never freezes the window (the reader itself refuses
 * what is not a regular file and what is too large). */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  SoleusScenarioFile *file = soleus_scenario_file_load (job->path, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) soleus_scenario_file_free);
}

/* One read file, taken in the window. */
static void
apply_opened (SoleusWindow *self,
              OpenJob      *job)
{
  g_autofree char *uri = NULL;

  if (job->file == NULL)
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      g_free (self->last_error);
      self->last_error = g_strdup (job->error->message);
      _soleus_window_report_failure (self, job->action, heading, job->error->message,
                      "; the session is kept", TRUE);
      return;
    }

  g_clear_pointer (&self->last_error, g_free);
  uri = g_filename_to_uri (job->path, NULL, NULL);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  if (job->open_as == OPEN_AS_THIS_LEG)
    soleus_simulation_load_scenario_file (self->simulation, g_steal_pointer (&job->file));
  else
    {
      /* Two saved scenarios side by side: the other leg plays this file in
       * step with the open one. */
      soleus_simulation_set_reference_file (self->simulation, g_steal_pointer (&job->file));
      soleus_window_set_compare (self, TRUE);
    }
  soleus_simulation_set_playing (self->simulation, TRUE);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SoleusWindow *self = SOLEUS_WINDOW (source);
  OpenJob *job = user_data;

  job->file = g_task_propagate_pointer (G_TASK (result), &job->error);
  job->read = TRUE;

  /* The window has gone (its dispose cancels): nothing left to show. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Files are taken in the order they were asked for, whichever thread
   * finishes first. */
  while (!g_queue_is_empty (&self->opens)
         && ((OpenJob *) g_queue_peek_head (&self->opens))->read)
    {
      OpenJob *head = g_queue_pop_head (&self->opens);

      apply_opened (self, head);
      open_job_free (head);
      _soleus_window_job_done (self);
    }
}

static void
load_file (SoleusWindow *self,
           const char   *path,
           const char   *action,
           OpenAs        open_as)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job = g_new0 (OpenJob, 1);

  job->path = g_strdup (path);
  job->action = g_strdup (action);
  job->open_as = open_as;
  g_queue_push_tail (&self->opens, job);

  task = g_task_new (self, NULL, file_loaded_cb, job);
  g_task_set_source_tag (task, load_file);
  g_task_set_task_data (task, job, NULL);
  _soleus_window_job_started (self);
  g_task_run_in_thread (task, load_in_thread);
}

void
soleus_window_open_file (SoleusWindow *self,
                         const char   *path,
                         const char   *action)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load_file (self, path, action, OPEN_AS_THIS_LEG);
}

void
soleus_window_compare_file (SoleusWindow *self,
                            const char   *path,
                            const char   *action)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load_file (self, path, action, OPEN_AS_OTHER_LEG);
}

/* The leg as it is set now, as a scenario file: the open file's title,
 * timeline and steps are kept, with the controls as they stand; when the
 * presenter made or edited steps in the window, those steps instead, and
 * the scenario's own starting controls. */
gboolean
soleus_window_save_file (SoleusWindow *self,
                         const char   *path,
                         GError      **error)
{
  SoleusScenarioFile *open_file = soleus_simulation_get_scenario_file (self->simulation);
  const char *name = soleus_simulation_get_scenario (self->simulation);
  const SoleusScenario *builtin = name != NULL ? soleus_scenario_find (name) : NULL;
  g_autoptr(SoleusScenarioFile) file = NULL;
  g_autofree char *data = NULL;
  g_autofree char *uri = NULL;
  gsize length;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (open_file != NULL)
    {
      data = soleus_scenario_file_to_data (open_file, &length);
      file = soleus_scenario_file_load_from_data (data, length, NULL, error);
      if (file == NULL)
        return FALSE;
    }
  else if (builtin != NULL)
    file = soleus_scenario_file_from_builtin (builtin);
  else
    {
      file = soleus_scenario_file_new ();
      soleus_scenario_file_set_title (file, NULL, _("My leg"));
    }

  /* The presenter's steps, as made or edited in the window, each with its
   * controls: the scenario keeps its own start, so that each step plays
   * again as it was made. */
  if (self->steps_edited)
    soleus_steps_to_file (self->steps, file);
  if (!self->steps_edited || (open_file == NULL && builtin == NULL))
    for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
      soleus_scenario_file_set_control (file, i,
                                        soleus_simulation_get_control (self->simulation, i));

  if (!soleus_scenario_file_save (file, path, error))
    return FALSE;

  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  return TRUE;
}

/* The last scenario files opened or saved, newest first. */
void
_soleus_window_update_recent_menu (SoleusWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      const char *uri = gtk_recent_info_get_uri (l->data);
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (path == NULL || !g_str_has_suffix (path, ".soleus")
          || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      name = g_filename_display_basename (path);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open", g_variant_new_string (path));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---------------------------------------------------------------------- */
/* Recording a loop */

typedef struct
{
  SoleusModel        *model;
  SoleusScenarioFile *file;       /* a copy of the open file, or NULL */
  const SoleusScenario *builtin;  /* a built-in scenario, or NULL */
  gboolean            settle;
  double              seconds;
  SoleusPalette       palette;
  SoleusSkinTone      skin_tone;
  SoleusFigure        figure;
  char               *path;
  char               *action;     /* "app.record" when scripted */
} RecordJob;

static void
record_job_free (RecordJob *job)
{
  g_clear_pointer (&job->model, soleus_model_free);
  g_clear_pointer (&job->file, soleus_scenario_file_free);
  g_free (job->path);
  g_free (job->action);
  g_free (job);
}

static void
record_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RecordJob *job = task_data;
  const SoleusScenario *scenario = job->file != NULL
                                   ? soleus_scenario_file_as_scenario (job->file)
                                   : job->builtin;
  GError *error = NULL;

  if (job->settle)
    soleus_model_advance_to (job->model, 120.0);
  /* In the window's palette, skin tone and figure, through the one writer: the
   * file appears only when it is whole. */
  if (soleus_render_record_model (job->model, scenario, job->seconds, 30.0, 960, 540,
                                  job->palette, job->skin_tone, job->figure, job->path,
                                  &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SoleusWindow *self = SOLEUS_WINDOW (source);
  RecordJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _soleus_window_report_failure (self, job->action, NULL, error->message, "", FALSE);
  else if (job->action == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (job->path);

      toast_result (self, TRUE, file, TRUE, NULL);
    }
  _soleus_window_job_done (self);
}

/* Renders N seconds from simulation steps at a fixed frame rate, not from
 * the screen, so the loop is smooth whatever the machine. It starts from a
 * copy of the running scenario's model, so nothing is replayed however long
 * the session has run, or settles two minutes with the controls as they
 * stand; and it renders in a worker thread, so the window keeps going. */
void
soleus_window_record (SoleusWindow *self,
                      const char   *path,
                      double        seconds,
                      const char   *action)
{
  const char *name = soleus_simulation_get_scenario (self->simulation);
  SoleusScenarioFile *file = soleus_simulation_get_scenario_file (self->simulation);
  g_autoptr(GTask) task = NULL;
  RecordJob *job;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (RecordJob, 1);
  job->seconds = seconds;
  job->palette = _soleus_window_current_palette (self);
  {
    g_autofree char *tone = NULL;

    g_object_get (self->play_area, "skin-tone", &tone, NULL);
    if (!soleus_skin_tone_from_string (tone, &job->skin_tone))
      job->skin_tone = SOLEUS_SKIN_TONE_LIGHT;
  }
  {
    g_autofree char *figure = NULL;

    g_object_get (self->play_area, "figure", &figure, NULL);
    if (!soleus_figure_from_string (figure, &job->figure))
      job->figure = SOLEUS_FIGURE_MALE;
  }
  job->path = g_strdup (path);
  job->action = g_strdup (action);

  if (file != NULL)
    {
      gsize length;
      g_autofree char *data = soleus_scenario_file_to_data (file, &length);

      job->file = soleus_scenario_file_load_from_data (data, length, NULL, NULL);
    }
  else if (name != NULL)
    job->builtin = soleus_scenario_find (name);

  if (job->file != NULL || job->builtin != NULL)
    job->model = soleus_simulation_copy_model (self->simulation);
  else
    {
      job->model = soleus_model_new ();
      for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
        soleus_model_set_param (job->model, i,
                                soleus_simulation_get_control (self->simulation, i));
      job->settle = TRUE;
    }
  if (job->model == NULL)
    g_error ("Not enough memory for a recording");

  task = g_task_new (self, NULL, recorded_cb, NULL);
  g_task_set_source_tag (task, soleus_window_record);
  g_task_set_task_data (task, job, (GDestroyNotify) record_job_free);
  _soleus_window_job_started (self);
  g_task_run_in_thread (task, record_in_thread);

}

/* ---------------------------------------------------------------------- */
/* File choosers: every file the window reads or writes goes through one */

char *
_soleus_window_file_get_local_path (GFile   *file,
                                    GError **error)
{
  g_autofree char *name = NULL;
  char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (file);
  if (path != NULL)
    return path;

  name = g_file_get_parse_name (file);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               /* Translators: %s is a file's address, such as sftp://host/leg.soleus */
               _("“%s” is not on this computer: Soleus opens and saves files in local "
                 "folders only. Copy it to a folder on this computer, or pick one there."),
               name);
  return NULL;
}

static const struct {
  const char           *title;
  const char           *accept;
  GtkFileChooserAction  action;
  const char           *filter_name;
  const char           *suffixes;      /* space-separated */
  const char           *current_name;  /* NULL for an open dialog */
} file_jobs[] = {
  [SOLEUS_FILE_JOB_PICTURE] = { N_("Save Picture"), N_("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE,
                     N_("Pictures (PNG, SVG, PDF)"), "png svg pdf", N_("soleus-leg.png") },
  [SOLEUS_FILE_JOB_CSV] = { N_("Export Data"), N_("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE,
                 N_("Comma-separated values"), "csv", N_("soleus-data.csv") },
  [SOLEUS_FILE_JOB_OPEN] = { N_("Open Scenario"), N_("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN,
                  N_("Soleus scenarios"), "soleus", NULL },
  [SOLEUS_FILE_JOB_COMPARE] = { N_("Compare with a Scenario"), N_("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN,
                     N_("Soleus scenarios"), "soleus", NULL },
  [SOLEUS_FILE_JOB_SAVE] = { N_("Save Scenario"), N_("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE,
                  N_("Soleus scenarios"), "soleus", N_("my-leg.soleus") },
  [SOLEUS_FILE_JOB_RECORD] = { N_("Record a Five-Second Loop"), N_("_Record"), GTK_FILE_CHOOSER_ACTION_SAVE,
                    N_("Animated PNG"), "png", N_("soleus-loop.png") },
};

static void
file_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  SoleusWindow    *self)
{
  SoleusFileJob job = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "soleus-file-job"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = _soleus_window_file_get_local_path (file, &error);
  if (path == NULL)
    {
      /* Nothing is read or written; nothing the user made is lost. */
      _soleus_window_show_error_dialog (self, _(file_jobs[job].title), error->message);
      goto out;
    }

  switch (job)
    {
    case SOLEUS_FILE_JOB_PICTURE:
      toast_result (self, soleus_window_save_screenshot (self, path, &error), file, FALSE, error);
      break;
    case SOLEUS_FILE_JOB_CSV:
      toast_result (self, soleus_window_export_csv (self, path, &error), file, FALSE, error);
      break;
    case SOLEUS_FILE_JOB_RECORD:
      /* The rule of app.record and soleus-cli record: a name the format
       * would not match is not written. */
      if (!soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, path))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("“%s” does not end in .png: a loop is "
                                                     "saved as an animated PNG"), name);

          _soleus_window_show_toast (self, text);
          break;
        }
      /* Tells when it is done, or why not. */
      soleus_window_record (self, path, 5.0, NULL);
      break;
    case SOLEUS_FILE_JOB_OPEN:
      /* A file that does not load shows its own dialog. */
      soleus_window_open_file (self, path, NULL);
      break;
    case SOLEUS_FILE_JOB_COMPARE:
      soleus_window_compare_file (self, path, NULL);
      break;
    case SOLEUS_FILE_JOB_SAVE:
      if (soleus_window_save_file (self, path, &error))
        toast_result (self, TRUE, file, FALSE, NULL);
      else
        _soleus_window_show_error_dialog (self, _("Could not save the scenario"), error->message);
      break;
    case SOLEUS_N_FILE_JOBS:
    default:
      g_assert_not_reached ();
    }

out:
  g_object_unref (dialog);
}

/* Every file the window reads or writes for a person goes through a
 * chooser: the window's actions (win.open, win.save, ...) call this. */
void
_soleus_window_choose_file (SoleusWindow  *self,
                            SoleusFileJob  job)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_auto(GStrv) suffixes = NULL;

  g_return_if_fail (job < SOLEUS_N_FILE_JOBS);

  filter = gtk_file_filter_new ();
  suffixes = g_strsplit (file_jobs[job].suffixes, " ", -1);

  dialog = gtk_file_chooser_native_new (_(file_jobs[job].title), GTK_WINDOW (self),
                                        file_jobs[job].action,
                                        _(file_jobs[job].accept), _("_Cancel"));
  gtk_file_filter_set_name (filter, _(file_jobs[job].filter_name));
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (file_jobs[job].current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                       _(file_jobs[job].current_name));
  g_object_set_data (G_OBJECT (dialog), "soleus-file-job", GINT_TO_POINTER (job));
  g_signal_connect (dialog, "response", G_CALLBACK (file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---------------------------------------------------------------------- */
/* The picture and the chart's data */

gboolean
soleus_window_save_screenshot (SoleusWindow *self,
                               const char   *path,
                               GError      **error)
{
  SoleusRenderFormat format;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!soleus_render_format_from_path (path, &format, error))
    return FALSE;

  /* Through the io library's one writer (soleus-file-writer.h), as the
   * CLI writes: an unguessable temporary name never followed through a
   * link, the old file's mode and links kept, devices written as they are. */
  return soleus_play_area_save_picture (self->play_area, path, format, error);
}

/* The strip chart's data in the CSV dialect soleus-cli writes too
 * (soleus-csv.h): comment lines with the controls and the model version,
 * then one row per sample, in the C locale whatever the language. */
static GString *
format_csv (SoleusWindow *self)
{
  static const char *const columns[] = {
    "time_s", "ankle_pressure_mmHg", "calf_volume_change_mL",
    "healthy_ankle_pressure_mmHg", "healthy_calf_volume_change_mL",
  };
  const SoleusHistorySample *first, *second;
  guint n_first, n_second, n;
  GString *csv = g_string_new (NULL);
  const char *scenario = soleus_simulation_get_scenario (self->simulation);

  soleus_csv_preamble (csv, "Soleus", PACKAGE_VERSION, PACKAGE_VERSION);
  soleus_csv_comment (csv, "scenario", scenario ? scenario : "none");
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      const SoleusParamInfo *info = soleus_param_info (i);
      double value = soleus_simulation_get_control (self->simulation, i);

      if (info->choices != NULL)
        soleus_csv_comment (csv, info->name, info->choices[(guint) value]);
      else
        soleus_csv_comment_number (csv, info->name, value, info->unit);
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    soleus_csv_field (csv, columns[c]);
  soleus_csv_end_row (csv);

  n = soleus_simulation_get_history (self->simulation, FALSE,
                                     &first, &n_first, &second, &n_second);
  for (guint i = 0; i < n; i++)
    {
      const SoleusHistorySample *s = i < n_first ? &first[i] : &second[i - n_first];

      soleus_csv_number (csv, "%.3f", s->time_s);
      soleus_csv_number (csv, "%.4f", s->ankle_pressure_mmhg);
      soleus_csv_number (csv, "%.4f", s->calf_volume_change_ml);
      soleus_csv_number (csv, "%.4f", s->reference_ankle_pressure_mmhg);
      soleus_csv_number (csv, "%.4f", s->reference_calf_volume_change_ml);
      soleus_csv_end_row (csv);
    }

  return csv;
}

gboolean
soleus_window_export_csv (SoleusWindow *self,
                          const char   *path,
                          GError      **error)
{
  g_autoptr(GString) csv = NULL;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = format_csv (self);

  /* Through the io library's one writer, as the CLI writes. */
  return soleus_file_write_contents (path, csv->str, csv->len, error);
}

void
_soleus_window_clear_opens (SoleusWindow *self)
{
  g_queue_clear_full (&self->opens, (GDestroyNotify) open_job_free);
}

/* A file handed over by the desktop (the file manager, "soleus FILE"):
 * opened as this leg, or as the other leg to compare with. A file that is
 * not on this computer gets the same message as a pick in the chooser. */
void
soleus_window_open_gfile (SoleusWindow *self,
                          GFile        *file,
                          gboolean      compare)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = _soleus_window_file_get_local_path (file, &error);
  if (path == NULL)
    {
      SoleusFileJob job = compare ? SOLEUS_FILE_JOB_COMPARE : SOLEUS_FILE_JOB_OPEN;

      _soleus_window_show_error_dialog (self, _(file_jobs[job].title), error->message);
      return;
    }
  load_file (self, path, NULL, compare ? OPEN_AS_OTHER_LEG : OPEN_AS_THIS_LEG);
}
