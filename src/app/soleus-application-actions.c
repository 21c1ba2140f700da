/* soleus-application-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's actions: the menu's (about, preferences, quit) and the
 * scripted ones a test or a presenter's remote calls over D-Bus (play,
 * set-control, open, screenshot, ...). Scripted input is checked like any
 * other: a bad name, value or path is refused with one warning in the log,
 * and nothing changes.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-application-private.h"
#include "soleus-file-writer.h"
#include "soleus-preferences-window.h"
#include "soleus-samples.h"
#include "soleus-text.h"

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SoleusApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Soleus contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Soleus"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Soleus contributors"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "copyright", _("© 2026 The Soleus contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: keep the warning that this is not a
                         * diagnostic tool; it matters to patients. */
                        "comments", _("Soleus shows how the calf muscle pump, the “second heart”, "
                                      "returns blood from the feet to the heart, and what goes "
                                      "wrong when we stop moving.\n\n"
                                      "Soleus is an educational model, not a diagnostic tool. "
                                      "It does not measure anyone’s legs and gives no medical "
                                      "advice: ask a clinician about your own health."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static SoleusSimulation *
get_simulation (SoleusApplication *self)
{
  return soleus_window_get_simulation (_soleus_application_get_window (self));
}

static void
play_simulation (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  soleus_simulation_set_playing (get_simulation (user_data), TRUE);
}

static void
pause_simulation (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  soleus_simulation_set_playing (get_simulation (user_data), FALSE);
}

static void
step_simulation (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SoleusSimulation *simulation = get_simulation (user_data);

  soleus_simulation_set_playing (simulation, FALSE);
  soleus_simulation_step (simulation);
}

static void
reset_simulation (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  soleus_simulation_reset (get_simulation (user_data));
}

/* Scripted input is checked like any other: a bad name or value is refused
 * with a warning in the log, and nothing changes. */
static void
set_speed (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  double rate = g_variant_get_double (parameter);

  if (!(rate >= SOLEUS_SIMULATION_MIN_RATE && rate <= SOLEUS_SIMULATION_MAX_RATE))
    {
      g_warning ("app.set-speed: %g is out of range (%g to %g); speed unchanged",
                 rate, SOLEUS_SIMULATION_MIN_RATE, SOLEUS_SIMULATION_MAX_RATE);
      return;
    }

  soleus_simulation_set_rate (get_simulation (user_data), rate);
}

/* Goes to a moment of the scenario, as the timeline does. */
static void
seek_simulation (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SoleusSimulation *simulation = get_simulation (user_data);
  double time_s = g_variant_get_double (parameter);

  if (!(time_s >= 0.0 && time_s <= SOLEUS_SCENARIO_FILE_MAX_TIME_S))
    {
      g_warning ("app.seek: %g is out of range (0 to %g s); nothing changed",
                 time_s, SOLEUS_SCENARIO_FILE_MAX_TIME_S);
      return;
    }
  if (!soleus_simulation_seek (simulation, time_s))
    g_warning ("app.seek: no scenario is playing; nothing changed");
}

/* A presenter step with the controls and the moment as they are, as "Add
 * Step" makes it with a caption typed. */
static void
add_step (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  const char *caption = g_variant_get_string (parameter, NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (caption));

  if (*stripped == '\0' || g_utf8_strlen (stripped, -1) > 500)
    {
      g_warning ("app.add-step: a caption of 1 to 500 characters is needed; nothing changed");
      return;
    }
  soleus_window_add_step (_soleus_application_get_window (user_data), stripped);
}

/* As PageDown and PageUp reach a step, counted from 0. */
static void
go_to_step (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SoleusWindow *window = _soleus_application_get_window (user_data);
  guint index = g_variant_get_uint32 (parameter);

  if (!soleus_window_go_to_step (window, index))
    g_warning ("app.go-to-step: there is no step %u; nothing changed", index);
}

static void
set_control (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  const char *name;
  double value;

  g_variant_get (parameter, "(&sd)", &name, &value);
  if (!soleus_simulation_set_control (get_simulation (user_data), name, value, &error))
    g_warning ("app.set-control: %s; nothing changed", error->message);
}

static void
load_scenario (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  SoleusSimulation *simulation = get_simulation (user_data);

  if (!soleus_simulation_load_scenario (simulation, g_variant_get_string (parameter, NULL),
                                        &error))
    {
      g_warning ("app.scenario: %s; nothing changed", error->message);
      return;
    }
  soleus_simulation_set_playing (simulation, TRUE);
}

/* The path-taking actions refuse relative paths: a D-Bus-activated
 * instance runs in /, where a relative path would land anywhere. A path is
 * echoed escaped and cut: it may hold anything. */
static gboolean
check_path (const char *action,
            const char *path)
{
  g_autofree char *shown = NULL;

  if (g_path_is_absolute (path))
    return TRUE;

  shown = soleus_text_quote (path, -1, SOLEUS_TEXT_QUOTE_CHARS);
  g_warning ("app.%s: %s is not an absolute path; nothing done", action, shown);
  return FALSE;
}

/* The rule soleus-cli follows for the same kind of output. */
static gboolean
check_extension (const char       *action,
                 const char       *path,
                 SoleusOutputKind  kind,
                 const char       *rule)
{
  g_autofree char *shown = NULL;

  if (soleus_output_path_fits (kind, path))
    return TRUE;

  shown = soleus_text_quote (path, -1, SOLEUS_TEXT_QUOTE_CHARS);
  g_warning ("app.%s: %s %s; nothing saved", action, shown, rule);
  return FALSE;
}

static void
save_screenshot (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_variant_get_string (parameter, NULL);

  if (check_path ("screenshot", path)
      && !soleus_window_save_screenshot (_soleus_application_get_window (user_data), path, &error))
    g_warning ("app.screenshot: %s", error->message);
}

static void
export_csv (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_variant_get_string (parameter, NULL);

  if (check_path ("export-csv", path)
      && !soleus_window_export_csv (_soleus_application_get_window (user_data), path, &error))
    g_warning ("app.export-csv: %s", error->message);
}

static void
print_handout (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_variant_get_string (parameter, NULL);

  if (check_path ("print-handout", path)
      && check_extension ("print-handout", path, SOLEUS_OUTPUT_HANDOUT,
                          "does not end in .pdf (the handout is a PDF)")
      && !soleus_window_write_handout (_soleus_application_get_window (user_data), path, &error))
    g_warning ("app.print-handout: %s", error->message);
}

static void
open_file (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  const char *path = g_variant_get_string (parameter, NULL);

  if (check_path ("open", path))
    soleus_window_open_file (_soleus_application_get_window (user_data), path, "app.open");
}

/* A sample by its file name, opened as if from the file manager. */
static void
open_sample (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *path = soleus_samples_get_path (name);
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    {
      g_warning ("app.open-sample: “%s” is not one of the samples in %s; nothing changed",
                 name, soleus_samples_get_dir ());
      return;
    }

  file = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (user_data), &file, 1, "scripted");
}

static void
show_help (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  soleus_window_show_help (_soleus_application_get_window (user_data));
}

static void
compare_file (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  const char *path = g_variant_get_string (parameter, NULL);

  if (check_path ("compare-file", path))
    soleus_window_compare_file (_soleus_application_get_window (user_data), path, "app.compare-file");
}

static void
save_file (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_variant_get_string (parameter, NULL);

  if (check_path ("save", path)
      && !soleus_window_save_file (_soleus_application_get_window (user_data), path, &error))
    g_warning ("app.save: %s", error->message);
}

/* app.record PATH: a video of the window's leg, 5 s of 1280 x 720 at 30
 * frames per second; app.record-video (PATH, OPTIONS) with any of
 * "seconds" (d), "fps" (d), "width" (i), "height" (i), "caption" (b) and
 * "chart" (b). The format follows the name, as in soleus-cli record. */
static void
record_video (SoleusApplication *self,
              const char        *action,
              const char        *path,
              GVariant          *options)
{
  SoleusWindowRecording recording = { 5.0, 30.0, 1280, 720, FALSE, FALSE };
  g_autofree char *action_name = g_strconcat ("app.", action, NULL);

  if (!check_path (action, path))
    return;

  if (!check_extension (action, path, SOLEUS_OUTPUT_RECORDING,
                        "does not end in .mp4, .webm or .gif (a recording is a video)"))
    return;

  if (options != NULL)
    {
      g_variant_lookup (options, "seconds", "d", &recording.seconds);
      g_variant_lookup (options, "fps", "d", &recording.fps);
      g_variant_lookup (options, "width", "i", &recording.width);
      g_variant_lookup (options, "height", "i", &recording.height);
      g_variant_lookup (options, "caption", "b", &recording.caption);
      g_variant_lookup (options, "chart", "b", &recording.chart);
    }

  /* Options out of range are refused by the window, in the log. */
  soleus_window_record (_soleus_application_get_window (self), path, &recording, action_name);
}

static void
record_loop (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  record_video (user_data, "record", g_variant_get_string (parameter, NULL), NULL);
}

static void
record_with_options (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  g_autoptr(GVariant) options = NULL;
  const char *path;

  g_variant_get (parameter, "(&s@a{sv})", &path, &options);
  record_video (user_data, "record-video", path, options);
}

static void
cancel_export (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  soleus_window_cancel_export (_soleus_application_get_window (user_data));
}

static void
set_compare (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  soleus_window_set_compare (_soleus_application_get_window (user_data), g_variant_get_boolean (parameter));
}

static void
set_presentation (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  soleus_window_set_presenting (_soleus_application_get_window (user_data), g_variant_get_boolean (parameter));
}

static void
pick_valve (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  if (!soleus_window_pick_valve (_soleus_application_get_window (user_data),
                                 g_variant_get_string (parameter, NULL), &error))
    g_warning ("app.pick-valve: %s", error->message);
}

static void
start_choice (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  if (!soleus_window_choose (_soleus_application_get_window (user_data),
                             g_variant_get_string (parameter, NULL), &error))
    g_warning ("app.start-choice: %s; nothing changed", error->message);
}

static void
show_start_page (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  soleus_window_show_start_page (_soleus_application_get_window (user_data));
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SoleusApplication *self = user_data;
  GtkWidget *preferences;

  preferences = soleus_preferences_window_new (GTK_WINDOW (_soleus_application_get_window (self)),
                                               soleus_application_get_settings (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Scripts read app.state right after an action: bring it up to date then,
 * not at the next tick. */
static void
action_done_cb (GSimpleAction     *action,
                GVariant          *parameter,
                SoleusApplication *self)
{
  _soleus_application_update_state (self);
}

static void
quit_app (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  SoleusApplication *self = user_data;
  GList *windows;

  /* Close the windows first so that each saves its state. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_entries[] = {
  { "about", show_about },
  { "preferences", show_preferences },
  { "quit", quit_app },
  { "play", play_simulation },
  { "pause", pause_simulation },
  { "step", step_simulation },
  { "reset", reset_simulation },
  { "set-speed", set_speed, "d" },
  { "seek", seek_simulation, "d" },
  { "add-step", add_step, "s" },
  { "go-to-step", go_to_step, "u" },
  { "set-control", set_control, "(sd)" },
  { "scenario", load_scenario, "s" },
  { "screenshot", save_screenshot, "s" },
  { "export-csv", export_csv, "s" },
  { "print-handout", print_handout, "s" },
  { "open", open_file, "s" },
  { "open-sample", open_sample, "s" },
  { "help", show_help },
  { "compare-file", compare_file, "s" },
  { "save", save_file, "s" },
  { "record", record_loop, "s" },
  { "record-video", record_with_options, "(sa{sv})" },
  { "cancel-export", cancel_export },
  { "compare", set_compare, "b" },
  { "presentation", set_presentation, "b" },
  { "pick-valve", pick_valve, "s" },
  { "start-choice", start_choice, "s" },
  { "start-page", show_start_page },
};

/* Light, dark and projector colours set the style of the whole window;
 * "system" and colour-blind safe follow the desktop. */

void
_soleus_application_actions_init (SoleusApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  for (guint i = 0; i < G_N_ELEMENTS (app_entries); i++)
    g_signal_connect_object (g_action_map_lookup_action (G_ACTION_MAP (self), app_entries[i].name),
                             "activate", G_CALLBACK (action_done_cb), self,
                             G_CONNECT_AFTER);
}
