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
  /* What the window shows is in the file now; more edits mark it again. */
  _soleus_window_set_steps_modified (self, FALSE);

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
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (path));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---------------------------------------------------------------------- */
/* Exporting a video */

typedef struct
{
  SoleusModel        *model;
  SoleusScenarioFile *file;       /* a copy of the open file, or NULL */
  const SoleusScenario *builtin;  /* a built-in scenario, or NULL */
  gboolean            settle;
  SoleusRecordOptions options;
  char               *path;
  char               *action;     /* "app.record" when scripted */
  gint               *progress;   /* per mille done, shared with the window */
  /* The chart's lead-in: the ankle vein pressure before the first frame. */
  GArray             *lead_t_s;
  GArray             *lead_pressure;
} RecordJob;

static void
record_job_free (RecordJob *job)
{
  g_clear_pointer (&job->model, soleus_model_free);
  g_clear_pointer (&job->file, soleus_scenario_file_free);
  g_clear_object (&job->options.cancellable);
  g_free (job->path);
  g_free (job->action);
  g_free (job->progress);
  g_array_unref (job->lead_t_s);
  g_array_unref (job->lead_pressure);
  g_free (job);
}

/* In the worker: how far it got, read by the window's timer. */
static void
record_progress_cb (guint    done,
                    guint    n_frames,
                    gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) ((guint64) done * 1000 / n_frames));
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
    {
      double start_s = 120.0;
      double fps = job->options.fps;
      guint n = (guint) floor (SOLEUS_RECORDER_CHART_SECONDS * fps);

      /* The last seconds of settling are the chart's lead-in. */
      for (guint i = n; i > 0; i--)
        {
          const SoleusSnapshot *snapshot;

          soleus_model_advance_to (job->model, start_s - i / fps);
          snapshot = soleus_model_get_snapshot (job->model);
          g_array_append_val (job->lead_t_s, snapshot->time_s);
          g_array_append_val (job->lead_pressure, snapshot->ankle_pressure_mmhg);
        }
      soleus_model_advance_to (job->model, start_s);
    }
  job->options.lead_t_s = (const double *) job->lead_t_s->data;
  job->options.lead_pressure = (const double *) job->lead_pressure->data;
  job->options.n_lead = job->lead_t_s->len;
  /* In the window's palette, skin tone and figure, through the one writer: the
   * file appears only when it is whole. */
  if (soleus_render_record_model (job->model, scenario, &job->options, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
update_export_bar (gpointer user_data)
{
  SoleusWindow *self = user_data;

  if (self->export_progress != NULL)
    {
      double fraction = g_atomic_int_get (self->export_progress) / 1000.0;

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_bar_progress), fraction);
    }
  return G_SOURCE_CONTINUE;
}

static void
end_export (SoleusWindow *self)
{
  g_clear_handle_id (&self->export_timer, g_source_remove);
  g_clear_object (&self->export_cancellable);
  self->export_progress = NULL;
  gtk_widget_set_visible (self->export_bar, FALSE);
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

  end_export (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      _soleus_window_report_failure (self, job->action, NULL, error->message, "", FALSE);
    }
  else if (job->action == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (job->path);

      toast_result (self, TRUE, file, TRUE, NULL);
    }
  _soleus_window_job_done (self);
}

gboolean
soleus_window_is_exporting (SoleusWindow *self)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);

  return self->export_cancellable != NULL;
}

double
soleus_window_get_export_progress (SoleusWindow *self)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), -1.0);

  if (self->export_progress == NULL)
    return -1.0;
  return g_atomic_int_get (self->export_progress) / 1000.0;
}

void
soleus_window_cancel_export (SoleusWindow *self)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* Renders from simulation steps at a fixed frame rate, not from the
 * screen, so the video is smooth whatever the machine. It starts from a
 * copy of the running scenario's model, so nothing is replayed however
 * long the session has run, or settles two minutes with the controls as
 * they stand; and it renders in a worker thread, with a progress bar and
 * Cancel, so the window keeps going. One export at a time. */
void
soleus_window_record (SoleusWindow              *self,
                      const char                *path,
                      const SoleusWindowRecording *recording,
                      const char                *action)
{
  const char *name = soleus_simulation_get_scenario (self->simulation);
  SoleusScenarioFile *file = soleus_simulation_get_scenario_file (self->simulation);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;
  RecordJob *job;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (recording != NULL);

  if (self->export_cancellable != NULL)
    {
      _soleus_window_report_failure (self, action, NULL,
                                     _("A video is being exported: wait for it or cancel it "
                                       "first"), "; nothing done", FALSE);
      return;
    }

  job = g_new0 (RecordJob, 1);
  job->lead_t_s = g_array_new (FALSE, FALSE, sizeof (double));
  job->lead_pressure = g_array_new (FALSE, FALSE, sizeof (double));
  soleus_record_options_init (&job->options);
  if (!soleus_video_format_from_path (path, &job->options.format))
    job->options.format = SOLEUS_N_VIDEO_FORMATS;
  job->options.seconds = recording->seconds;
  job->options.fps = recording->fps;
  job->options.width = recording->width;
  job->options.height = recording->height;
  job->options.caption = recording->caption;
  job->options.chart = recording->chart;
  job->options.palette = _soleus_window_current_palette (self);
  {
    g_autofree char *tone = NULL;

    g_object_get (self->play_area, "skin-tone", &tone, NULL);
    if (!soleus_skin_tone_from_string (tone, &job->options.skin_tone))
      job->options.skin_tone = SOLEUS_SKIN_TONE_LIGHT;
  }
  {
    g_autofree char *figure = NULL;

    g_object_get (self->play_area, "figure", &figure, NULL);
    if (!soleus_figure_from_string (figure, &job->options.figure))
      job->options.figure = SOLEUS_FIGURE_MALE;
  }
  /* Refused at once, before a thread or a file: options out of range or a
   * format this system lacks the GStreamer elements for. */
  if (!soleus_record_options_check (&job->options, &error) ||
      !soleus_video_format_is_available (job->options.format, &error))
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      _soleus_window_report_failure (self, action, _("Could not export the video"),
                                     error->message, "; nothing written", TRUE);
      record_job_free (job);
      return;
    }

  job->path = g_strdup (path);
  job->action = g_strdup (action);
  job->progress = g_new0 (gint, 1);
  job->options.progress = record_progress_cb;
  job->options.progress_data = job->progress;
  job->options.cancellable = g_cancellable_new ();

  if (file != NULL)
    {
      gsize length;
      g_autofree char *data = soleus_scenario_file_to_data (file, &length);

      job->file = soleus_scenario_file_load_from_data (data, length, NULL, NULL);
    }
  else if (name != NULL)
    job->builtin = soleus_scenario_find (name);

  if (job->file != NULL || job->builtin != NULL)
    {
      const SoleusHistorySample *first, *second;
      guint n_first, n_second;

      job->model = soleus_simulation_copy_model (self->simulation);
      /* The chart's lead-in is what the window's chart holds: the model is
       * a copy of the one that made it. */
      soleus_simulation_get_history (self->simulation, FALSE, &first, &n_first,
                                     &second, &n_second);
      for (guint i = 0; i < n_first + n_second; i++)
        {
          const SoleusHistorySample *sample = i < n_first ? &first[i] : &second[i - n_first];

          g_array_append_val (job->lead_t_s, sample->time_s);
          g_array_append_val (job->lead_pressure, sample->ankle_pressure_mmhg);
        }
    }
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

  self->export_cancellable = g_object_ref (job->options.cancellable);
  self->export_progress = job->progress;
  basename = g_path_get_basename (path);
  /* Translators: shown while a video is written: Exporting “leg.mp4” */
  text = g_strdup_printf (_("Exporting “%s”"), basename);
  gtk_label_set_text (GTK_LABEL (self->export_bar_label), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_bar_progress), 0.0);
  gtk_widget_set_visible (self->export_bar, TRUE);
  self->export_timer = g_timeout_add (100, update_export_bar, self);

  task = g_task_new (self, NULL, recorded_cb, NULL);
  g_task_set_source_tag (task, soleus_window_record);
  g_task_set_task_data (task, job, (GDestroyNotify) record_job_free);
  _soleus_window_job_started (self);
  g_task_run_in_thread (task, record_in_thread);
}

static guint
find_video_formats (void)
{
  guint formats = 0;

  for (guint i = 0; i < SOLEUS_N_VIDEO_FORMATS; i++)
    if (soleus_video_format_is_available (i, NULL))
      formats |= 1u << i;
  return formats;
}

static void
find_video_formats_in_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  g_task_return_int (task, find_video_formats ());
}

static void
video_formats_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SoleusWindow *self = SOLEUS_WINDOW (source);
  guint formats = g_task_propagate_int (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable) || self->video_formats_known)
    return;
  self->video_formats = formats;
  self->video_formats_known = TRUE;
  g_signal_emit_by_name (self, "state-changed");
}

guint
_soleus_window_get_video_formats (SoleusWindow *self)
{
  if (!self->video_formats_known)
    {
      self->video_formats = find_video_formats ();
      self->video_formats_known = TRUE;
    }
  return self->video_formats;
}

static void
cancel_clicked_cb (GtkButton    *button,
                   SoleusWindow *self)
{
  soleus_window_cancel_export (self);
}

/* The bar over the picture while a video is written: what, how far, and
 * Cancel. */
void
_soleus_window_init_export_bar (SoleusWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->export_bar_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->export_bar_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->export_bar_label), 30);
  self->export_bar_progress = gtk_progress_bar_new ();
  gtk_widget_set_valign (self->export_bar_progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->export_bar_progress, 200, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_bar_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);
  g_signal_connect (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_widget_set_tooltip_text (cancel, _("Stop the export; no file is written"));

  gtk_box_append (GTK_BOX (box), self->export_bar_label);
  gtk_box_append (GTK_BOX (box), self->export_bar_progress);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_visible (box, FALSE);
  self->export_bar = box;
  gtk_overlay_add_overlay (self->play_overlay, box);

  /* Which formats work here, without holding up the first frame. */
  {
    g_autoptr(GTask) task = g_task_new (self, NULL, video_formats_found_cb, NULL);

    g_task_set_source_tag (task, _soleus_window_init_export_bar);
    g_task_run_in_thread (task, find_video_formats_in_thread);
  }
}

/* ---------------------------------------------------------------------- */
/* The export dialog: length, size, frame rate, caption and chart, and the
 * formats this system can write; then a file chooser. */

static const struct
{
  int         width;
  int         height;
  const char *label;
} export_sizes[] = {
  { 1280, 720, N_("720p (1280 × 720)") },
  { 1920, 1080, N_("1080p (1920 × 1080)") },
  { 3840, 2160, N_("2160p (3840 × 2160)") },
};

static const struct
{
  SoleusVideoFormat format;
  const char       *label;
} export_formats[] = {
  { SOLEUS_VIDEO_MP4, N_("MP4 (H.264): for slides") },
  { SOLEUS_VIDEO_WEBM, N_("WebM (VP8): for web pages") },
  { SOLEUS_VIDEO_GIF, N_("Animated GIF: plays anywhere") },
};

typedef struct
{
  SoleusWindow *window;
  GtkWidget    *seconds;
  GtkWidget    *size;
  GtkWidget    *fps;
  GtkWidget    *format;
  GtkWidget    *caption;
  GtkWidget    *chart;
  SoleusVideoFormat formats[SOLEUS_N_VIDEO_FORMATS];   /* of the format list */
} ExportDialog;

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  SoleusWindow *self = user_data;
  SoleusWindowRecording *recording = g_object_get_data (G_OBJECT (chooser), "recording");
  SoleusVideoFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser),
                                                                 "format"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = _soleus_window_file_get_local_path (file, &error);
  if (path == NULL)
    {
      _soleus_window_show_error_dialog (self, _("Export Video"), error->message);
      goto out;
    }
  /* The format chosen in the dialog, whatever the name typed. */
  {
    SoleusVideoFormat typed;

    if (!soleus_video_format_from_path (path, &typed) || typed != format)
      {
        char *named = g_strconcat (path, ".", soleus_video_format_to_extension (format),
                                   NULL);

        g_free (path);
        path = named;
      }
  }
  soleus_window_record (self, path, recording, NULL);

out:
  g_object_unref (chooser);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportDialog     *export)
{
  SoleusWindow *self = export->window;
  SoleusWindowRecording *recording;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  SoleusVideoFormat format;
  guint size, format_index;

  if (g_strcmp0 (response, "export") != 0)
    {
      g_free (export);
      return;
    }

  size = gtk_drop_down_get_selected (GTK_DROP_DOWN (export->size));
  format_index = gtk_drop_down_get_selected (GTK_DROP_DOWN (export->format));
  format = export->formats[MIN (format_index, SOLEUS_N_VIDEO_FORMATS - 1)];
  recording = g_new0 (SoleusWindowRecording, 1);
  recording->seconds = gtk_spin_button_get_value (GTK_SPIN_BUTTON (export->seconds));
  recording->width = export_sizes[MIN (size, G_N_ELEMENTS (export_sizes) - 1)].width;
  recording->height = export_sizes[MIN (size, G_N_ELEMENTS (export_sizes) - 1)].height;
  recording->fps = gtk_drop_down_get_selected (GTK_DROP_DOWN (export->fps)) == 1 ? 60.0 : 30.0;
  recording->caption = gtk_check_button_get_active (GTK_CHECK_BUTTON (export->caption));
  recording->chart = gtk_check_button_get_active (GTK_CHECK_BUTTON (export->chart));
  g_free (export);

  chooser = gtk_file_chooser_native_new (_("Export Video"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _(export_formats[format].label));
  gtk_file_filter_add_suffix (filter, soleus_video_format_to_extension (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested name of an exported video, without its
   * extension */
  name = g_strconcat (_("soleus-video"), ".", soleus_video_format_to_extension (format), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "recording", recording, g_free);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

void
_soleus_window_show_export_dialog (SoleusWindow *self)
{
  ExportDialog *export = g_new0 (ExportDialog, 1);
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *sizes[G_N_ELEMENTS (export_sizes) + 1] = { NULL };
  const char *formats[SOLEUS_N_VIDEO_FORMATS + 1] = { NULL };
  const char *rates[] = { _("30 frames per second"), _("60 frames per second"), NULL };
  GtkWidget *dialog, *grid;
  guint n_formats = 0;

  export->window = self;
  for (guint i = 0; i < G_N_ELEMENTS (export_sizes); i++)
    sizes[i] = _(export_sizes[i].label);
  /* Only the formats that work here; the others say what to install. */
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GError) error = NULL;

      if ((_soleus_window_get_video_formats (self) & (1u << export_formats[i].format)) != 0)
        {
          export->formats[n_formats] = export_formats[i].format;
          formats[n_formats++] = _(export_formats[i].label);
        }
      else if (!soleus_video_format_is_available (export_formats[i].format, &error))
        {
          g_string_append_c (missing, '\n');
          g_string_append (missing, error->message);
        }
    }

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  export->format = add_row (GTK_GRID (grid), 0, _("_Format"),
                            gtk_drop_down_new_from_strings (formats));
  export->seconds = add_row (GTK_GRID (grid), 1, _("_Length in seconds"),
                             gtk_spin_button_new_with_range (1.0, SOLEUS_RECORDER_MAX_SECONDS,
                                                             1.0));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (export->seconds), 10.0);
  export->size = add_row (GTK_GRID (grid), 2, _("_Size"), gtk_drop_down_new_from_strings (sizes));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (export->size), 1);
  export->fps = add_row (GTK_GRID (grid), 3, _("_Frame rate"),
                         gtk_drop_down_new_from_strings (rates));
  export->caption = gtk_check_button_new_with_mnemonic (_("Show a _caption: scenario, time "
                                                          "and ankle vein pressure"));
  gtk_grid_attach (GTK_GRID (grid), export->caption, 0, 4, 2, 1);
  export->chart = gtk_check_button_new_with_mnemonic (_("Show the pressure _chart below "
                                                        "the leg"));
  gtk_grid_attach (GTK_GRID (grid), export->chart, 0, 5, 2, 1);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Video"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s%s",
                                  _("The video is drawn from the simulation step by step, "
                                    "from the leg as it is now, in the window’s colours. "
                                    "You can go on working while it is written."),
                                  missing->str);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
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
  [SOLEUS_FILE_JOB_RECORD] = { N_("Export Video"), N_("_Export"), GTK_FILE_CHOOSER_ACTION_SAVE,
                    N_("Videos (MP4, WebM, GIF)"), "mp4 webm gif", N_("soleus-video.mp4") },
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
    {
      if (job == SOLEUS_FILE_JOB_SAVE)
        _soleus_window_unsaved_save_done (self, FALSE);
      goto out;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = _soleus_window_file_get_local_path (file, &error);
  if (path == NULL)
    {
      /* Nothing is read or written; nothing the user made is lost. */
      _soleus_window_show_error_dialog (self, _(file_jobs[job].title), error->message);
      if (job == SOLEUS_FILE_JOB_SAVE)
        _soleus_window_unsaved_save_done (self, FALSE);
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
      /* Chosen through the export dialog (_soleus_window_show_export_dialog). */
      g_assert_not_reached ();
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
        {
          toast_result (self, TRUE, file, FALSE, NULL);
          _soleus_window_unsaved_save_done (self, TRUE);
        }
      else
        {
          _soleus_window_show_error_dialog (self, _("Could not save the scenario"), error->message);
          _soleus_window_unsaved_save_done (self, FALSE);
        }
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

  /* A video asks for its length, size and format first. */
  if (job == SOLEUS_FILE_JOB_RECORD)
    {
      _soleus_window_show_export_dialog (self);
      return;
    }

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
  if (compare)
    load_file (self, path, NULL, OPEN_AS_OTHER_LEG);
  else
    _soleus_window_ask_unsaved (self, SOLEUS_PENDING_OPEN_PATH, path);
}

void
soleus_window_open_gfile_scripted (SoleusWindow *self,
                                   GFile        *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = _soleus_window_file_get_local_path (file, &error);
  if (path == NULL)
    {
      _soleus_window_show_error_dialog (self, _(file_jobs[SOLEUS_FILE_JOB_OPEN].title),
                                        error->message);
      return;
    }
  load_file (self, path, NULL, OPEN_AS_THIS_LEG);
}
