/* soleus-window-steps.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presenter's steps made in the window: "Add Step" keeps the controls
 * as they stand and the scenario's moment, with a caption the presenter
 * types; steps are edited, moved and deleted in the side panel's list
 * (SoleusStepsPanel), played with PageDown and PageUp, and saved in the
 * scenario file with the rest (soleus-window-files.c).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-window-private.h"

#define MAX_CAPTION_CHARS 500

guint
_soleus_window_add_step (SoleusWindow *self,
                         const char   *caption)
{
  double controls[SOLEUS_N_PARAMS];
  double time_s = NAN;
  guint index;

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    controls[i] = soleus_simulation_get_control (self->simulation, i);
  /* The moment, when there is a scenario to go back to it in. */
  if (soleus_simulation_get_schedule (self->simulation) != NULL)
    time_s = soleus_simulation_get_time (self->simulation);

  index = soleus_steps_append (self->steps, caption, time_s, controls);
  self->steps_edited = TRUE;
  _soleus_window_set_steps_modified (self, TRUE);
  self->step_index = (int) index;
  _soleus_window_steps_changed (self);

  return index;
}

void
_soleus_window_set_steps_modified (SoleusWindow *self,
                                   gboolean      modified)
{
  if (self->steps_modified == modified)
    return;
  self->steps_modified = modified;
  _soleus_window_update_title (self);
}

/* What was asked for, now that nothing is left to ask. */
static void
run_pending (SoleusWindow *self)
{
  SoleusPending pending = self->pending;
  g_autofree char *scenario = g_steal_pointer (&self->pending_scenario);

  self->pending = SOLEUS_PENDING_NONE;
  switch (pending)
    {
    case SOLEUS_PENDING_SCENARIO:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.scenario", "s", scenario);
      break;
    case SOLEUS_PENDING_OPEN:
      _soleus_window_choose_file (self, SOLEUS_FILE_JOB_OPEN);
      break;
    case SOLEUS_PENDING_OPEN_PATH:
      soleus_window_open_file (self, scenario, NULL);
      break;
    case SOLEUS_PENDING_SAMPLE:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.open-sample", "s", scenario);
      break;
    case SOLEUS_PENDING_CLOSE:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;
    case SOLEUS_PENDING_QUIT:
      self->close_confirmed = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "app.quit", NULL);
      break;
    case SOLEUS_PENDING_NONE:
    default:
      break;
    }
}

/* After the dialog's response is over: closing or quitting from inside it
 * would destroy the dialog while it still emits. */
static gboolean
run_pending_idle (gpointer data)
{
  run_pending (SOLEUS_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SoleusWindow     *self)
{
  self->unsaved_dialog = NULL;
  if (g_str_equal (response, "save"))
    /* The existing Save, chooser and all; what was asked for follows when
     * the file is written (_soleus_window_unsaved_save_done ()). */
    _soleus_window_choose_file (self, SOLEUS_FILE_JOB_SAVE);
  else if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_pending_idle, g_object_ref (self),
                     g_object_unref);
  else
    {
      self->pending = SOLEUS_PENDING_NONE;
      g_clear_pointer (&self->pending_scenario, g_free);
    }
}

void
_soleus_window_ask_unsaved (SoleusWindow  *self,
                            SoleusPending  pending,
                            const char    *scenario)
{
  GtkWidget *dialog;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  /* One question at a time. */
  if (self->unsaved_dialog != NULL)
    return;

  self->pending = pending;
  g_free (self->pending_scenario);
  self->pending_scenario = g_strdup (scenario);
  if (soleus_steps_unsaved_choice (self->steps_modified, FALSE) == SOLEUS_UNSAVED_GO_ON)
    {
      run_pending (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the presenter steps?"),
                                   _("The steps added or edited in this window are not saved "
                                     "yet. If you do not save them, they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response_cb), self);
  self->unsaved_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_soleus_window_unsaved_save_done (SoleusWindow *self,
                                  gboolean      saved)
{
  if (self->pending == SOLEUS_PENDING_NONE)
    return;
  if (saved)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_pending_idle, g_object_ref (self),
                     g_object_unref);
  else
    {
      /* Not saved: nothing is dropped; the person asks again. */
      self->pending = SOLEUS_PENDING_NONE;
      g_clear_pointer (&self->pending_scenario, g_free);
    }
}

typedef struct
{
  SoleusWindow *window;
  GtkWidget    *entry;
  int           index;    /* the step edited, or -1 for a new one */
} CaptionDialog;

static void
caption_dialog_free (gpointer data)
{
  CaptionDialog *dialog = data;

  g_object_unref (dialog->window);
  g_free (dialog);
}

static const char *
entry_caption (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Nothing but spaces is no caption. */
static gboolean
caption_is_empty (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return *stripped == '\0';
}

static void
caption_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "apply",
                                           !caption_is_empty (entry_caption (GTK_WIDGET (entry))));
}

static void
caption_activate_cb (GtkEntry         *entry,
                     AdwMessageDialog *dialog)
{
  if (!caption_is_empty (entry_caption (GTK_WIDGET (entry))))
    adw_message_dialog_response (dialog, "apply");
}

static void
caption_response_cb (AdwMessageDialog *message_dialog,
                     const char       *response,
                     CaptionDialog    *dialog)
{
  SoleusWindow *self = dialog->window;
  g_autofree char *caption = NULL;

  if (!g_str_equal (response, "apply"))
    return;

  caption = g_strstrip (g_strdup (entry_caption (dialog->entry)));
  if (*caption == '\0')
    return;

  if (dialog->index < 0)
    {
      _soleus_window_add_step (self, caption);
      return;
    }
  if ((guint) dialog->index < soleus_steps_get_n (self->steps))
    {
      soleus_steps_set_caption (self->steps, dialog->index, caption);
      self->steps_edited = TRUE;
      _soleus_window_set_steps_modified (self, TRUE);
      _soleus_window_steps_changed (self);
    }
}

/* One dialog for a new step's caption and for an edited one. */
static void
ask_caption (SoleusWindow *self,
             int           index)
{
  CaptionDialog *dialog = g_new0 (CaptionDialog, 1);
  const char *heading = index < 0 ? _("Add Step") : _("Edit Step");
  const char *body = index < 0
    ? _("The step keeps the controls and the moment as they are now. What should the hall "
        "read at this step?")
    : _("What should the hall read at this step?");
  GtkWidget *message;

  dialog->window = g_object_ref (self);
  dialog->index = index;
  dialog->entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (dialog->entry), MAX_CAPTION_CHARS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (dialog->entry),
                                  _("Now watch the valves close as the calf squeezes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Caption"),
                                  -1);
  if (index >= 0)
    gtk_editable_set_text (GTK_EDITABLE (dialog->entry),
                           soleus_steps_get (self->steps, index)->caption);

  message = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), dialog->entry);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "apply",
                                   index < 0 ? _("_Add") : _("_Save"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  caption_changed_cb (GTK_EDITABLE (dialog->entry), ADW_MESSAGE_DIALOG (message));

  g_signal_connect (dialog->entry, "changed", G_CALLBACK (caption_changed_cb), message);
  g_signal_connect (dialog->entry, "activate", G_CALLBACK (caption_activate_cb), message);
  g_signal_connect_data (message, "response", G_CALLBACK (caption_response_cb), dialog,
                         (GClosureNotify) (void (*) (void)) caption_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message));
  gtk_widget_grab_focus (dialog->entry);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_caption (SOLEUS_WINDOW (widget), -1);
}

static void
edit_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < soleus_steps_get_n (self->steps))
    ask_caption (self, (int) index);
}

static void
delete_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= soleus_steps_get_n (self->steps))
    return;

  soleus_steps_remove (self->steps, index);
  if (self->step_index > (int) index)
    self->step_index--;
  else if (self->step_index == (int) index)
    self->step_index = -1;
  self->steps_edited = TRUE;
  _soleus_window_set_steps_modified (self, TRUE);
  _soleus_window_steps_changed (self);
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  guint index;
  int delta;
  gint64 to;

  g_variant_get (parameter, "(ui)", &index, &delta);
  to = (gint64) index + delta;
  if (index >= soleus_steps_get_n (self->steps)
      || to < 0 || to >= soleus_steps_get_n (self->steps))
    return;

  soleus_steps_move (self->steps, index, (guint) to);
  /* The step on screen stays the one on screen. */
  if (self->step_index == (int) index)
    self->step_index = (int) to;
  else if (self->step_index == (int) to)
    self->step_index = (int) index;
  self->steps_edited = TRUE;
  _soleus_window_set_steps_modified (self, TRUE);
  _soleus_window_steps_changed (self);
}

static void
go_to_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < soleus_steps_get_n (self->steps))
    _soleus_window_go_to_step (self, (int) index);
}

void
soleus_window_add_step (SoleusWindow *self,
                        const char   *caption)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (caption != NULL);

  _soleus_window_add_step (self, caption);
}

gboolean
soleus_window_go_to_step (SoleusWindow *self,
                          guint         index)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);

  if (self->steps == NULL || index >= soleus_steps_get_n (self->steps))
    return FALSE;
  _soleus_window_go_to_step (self, (int) index);
  return TRUE;
}

void
_soleus_window_class_steps_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-step", NULL, add_step_action);
  gtk_widget_class_install_action (widget_class, "win.edit-step", "u", edit_step_action);
  gtk_widget_class_install_action (widget_class, "win.delete-step", "u", delete_step_action);
  gtk_widget_class_install_action (widget_class, "win.move-step", "(ui)", move_step_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-step", "u", go_to_step_action);
}
