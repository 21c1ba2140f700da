/* soleus-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions and the keys that reach them. Each file chooser has
 * an action of its own (win.open, win.save, ...), so the menus in
 * ui/soleus-window.ui name what they do, not a number.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-print-operation.h"
#include "soleus-scenario.h"
#include "soleus-window-private.h"

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  _soleus_window_go_to_step (self, self->step_index + 1);
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  _soleus_window_go_to_step (self, MAX (self->step_index - 1, 0));
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  soleus_simulation_set_playing (self->simulation,
                                 !soleus_simulation_get_playing (self->simulation));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  soleus_simulation_set_playing (self->simulation, FALSE);
  soleus_simulation_step (self->simulation);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  soleus_simulation_reset (self->simulation);
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

/* Esc closes the panel open over the picture, or lets go of a valve held
 * in a close-up, or else leaves presentation mode, or else full screen. */
static void
unfullscreen_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  if (_soleus_window_layout_close_panel (self))
    return;
  if (g_strcmp0 (soleus_window_get_picked_valve (self), "auto") != 0)
    soleus_window_pick_valve (self, "auto", NULL);
  else if (self->presenting)
    soleus_window_set_presenting (self, FALSE);
  else if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
}

static void
scenario_key_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  guint index = g_variant_get_uint32 (parameter);
  const SoleusScenario *scenario;

  if (index >= soleus_scenario_count ())
    return;

  scenario = soleus_scenario_get (index);
  _soleus_window_ask_unsaved (SOLEUS_WINDOW (widget), SOLEUS_PENDING_SCENARIO, scenario->name);
}

/* ---------------------------------------------------------------------- */
/* The patient handout */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  g_autoptr(SoleusPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  /* The picture stands still while the page is made. */
  soleus_simulation_set_playing (self->simulation, FALSE);
  operation = soleus_print_operation_new (self->simulation);
  soleus_print_operation_apply_settings (operation, self->settings);

  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _soleus_window_show_toast (self, error->message);
}

/* ---------------------------------------------------------------------- */
/* The help */

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SoleusWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (error->message);
  /* Translators: %s says why, as "No application is registered as
   * handling this file" */
  text = g_strdup_printf (_("Could not open the help (a help viewer such as Yelp is needed): %s"),
                          error->message);
  _soleus_window_show_toast (self, text);
  g_signal_emit_by_name (self, "state-changed");
}

void
soleus_window_show_help (SoleusWindow *self)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  gtk_show_uri_full (GTK_WINDOW (self), HELP_URI, GDK_CURRENT_TIME, NULL, help_shown_cb,
                     g_object_ref (self));
}

/* ---------------------------------------------------------------------- */
/* Files, each through a chooser */

static const struct
{
  const char    *action_name;
  SoleusFileJob  job;
} file_actions[] = {
  { "win.open",           SOLEUS_FILE_JOB_OPEN },
  { "win.save",           SOLEUS_FILE_JOB_SAVE },
  { "win.compare-file",   SOLEUS_FILE_JOB_COMPARE },
  { "win.export-picture", SOLEUS_FILE_JOB_PICTURE },
  { "win.export-data",    SOLEUS_FILE_JOB_CSV },
  { "win.record",         SOLEUS_FILE_JOB_RECORD },
};

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_actions); i++)
    if (g_str_equal (action_name, file_actions[i].action_name))
      {
        /* Another file replaces the steps: unsaved ones are asked about. */
        if (file_actions[i].job == SOLEUS_FILE_JOB_OPEN)
          _soleus_window_ask_unsaved (SOLEUS_WINDOW (widget), SOLEUS_PENDING_OPEN, NULL);
        else
          _soleus_window_choose_file (SOLEUS_WINDOW (widget), file_actions[i].job);
        return;
      }
  g_return_if_reached ();
}

/* A file from the recent list, picked by a person: asked about steps not
 * saved, unlike the scripted app.open. */
static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _soleus_window_ask_unsaved (SOLEUS_WINDOW (widget), SOLEUS_PENDING_OPEN_PATH,
                              g_variant_get_string (parameter, NULL));
}

/* A sample from Open Sample, picked by a person: asked about steps not
 * saved first (app.open-sample, scripted, never asks). */
static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _soleus_window_ask_unsaved (SOLEUS_WINDOW (widget), SOLEUS_PENDING_SAMPLE,
                              g_variant_get_string (parameter, NULL));
}

/* Quit from the menu or Ctrl+Q: a person is asked about steps not saved
 * (app.quit, the scripted one, never asks). */
static void
quit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _soleus_window_ask_unsaved (SOLEUS_WINDOW (widget), SOLEUS_PENDING_QUIT, NULL);
}

/* ---------------------------------------------------------------------- */
/* The actions and their keys */

void
_soleus_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.unfullscreen", NULL, unfullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-key", "u", scenario_key_action);
  gtk_widget_class_install_action (widget_class, "win.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-step", NULL,
                                   previous_step_action);
  gtk_widget_class_install_property_action (widget_class, "win.compare", "compare");
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.quit", NULL, quit_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  for (guint i = 0; i < G_N_ELEMENTS (file_actions); i++)
    gtk_widget_class_install_action (widget_class, file_actions[i].action_name, NULL,
                                     file_action);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presenting");
  /* "auto" or a valve's name: the valve held in a close-up */
  gtk_widget_class_install_property_action (widget_class, "win.pick-valve", "picked-valve");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  /* The controls and readouts, as GNOME's applications show a sidebar. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-controls", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.unfullscreen", NULL);
  /* What presentation clickers send. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.next-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "win.previous-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-picture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-data", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.compare", NULL);
  for (guint i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0,
                                           "win.scenario-key", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0,
                                           "win.scenario-key", "u", i);
    }
}
