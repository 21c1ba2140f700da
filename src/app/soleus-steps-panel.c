/* soleus-steps-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps PageDown and PageUp go through, in the side panel: each row
 * with its number, its caption and its moment, buttons to move it up or
 * down, to edit its caption and to delete it; activating a row goes to its
 * step. "Add Step" captures the controls and the moment as they are, with
 * a caption the presenter types. What the buttons do is the window's
 * (soleus-window-steps.c); this only shows.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-steps-panel.h"

struct _SoleusStepsPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *heading;
  GtkWidget  *hint;
  GtkWidget  *list;
  GtkWidget  *add_button;
};

G_DEFINE_FINAL_TYPE (SoleusStepsPanel, soleus_steps_panel, GTK_TYPE_WIDGET)

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* Without an action (the first step cannot move up), the button shows
   * it cannot be used: an action would make it sensitive again. */
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
    }
  else
    {
      g_variant_unref (g_variant_ref_sink (target));
      gtk_widget_set_sensitive (button, FALSE);
    }

  return button;
}

/* "at 2:00", "at 1:05:30" */
static char *
format_moment (double time_s)
{
  guint64 seconds = (guint64) MAX (0.0, floor (time_s + 0.5));
  g_autofree char *clock = NULL;

  if (seconds >= 3600)
    clock = g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", seconds / 3600,
                             (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  else
    clock = g_strdup_printf ("%u:%02u", (guint) (seconds / 60), (guint) (seconds % 60));

  /* Translators: the moment of the scenario a presenter step goes to */
  return g_strdup_printf (_("at %s"), clock);
}

static GtkWidget *
make_row (const SoleusStep *step,
          guint             index,
          guint             n)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *caption = gtk_label_new (step->caption);
  GtkWidget *button;
  /* Translators: what a screen reader says of a presenter step's row */
  g_autofree char *name = g_strdup_printf (_("Step %u: %s"), index + 1, step->caption);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_widget_add_css_class (number_label, "numeric");
  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), number_label);

  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), caption);
  if (!isnan (step->time_s))
    {
      g_autofree char *moment = format_moment (step->time_s);
      GtkWidget *moment_label = gtk_label_new (moment);

      gtk_label_set_xalign (GTK_LABEL (moment_label), 0.0);
      gtk_widget_add_css_class (moment_label, "caption");
      gtk_widget_add_css_class (moment_label, "dim-label");
      gtk_box_append (GTK_BOX (texts), moment_label);
    }
  gtk_box_append (GTK_BOX (box), texts);

  button = icon_button ("go-up-symbolic", _("Move Step Up"),
                        index > 0 ? "win.move-step" : NULL,
                        g_variant_new ("(ui)", index, -1));
  gtk_box_append (GTK_BOX (box), button);
  button = icon_button ("go-down-symbolic", _("Move Step Down"),
                        index + 1 < n ? "win.move-step" : NULL,
                        g_variant_new ("(ui)", index, 1));
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), icon_button ("document-edit-symbolic", _("Edit Caption"),
                                              "win.edit-step", g_variant_new_uint32 (index)));
  gtk_box_append (GTK_BOX (box), icon_button ("user-trash-symbolic", _("Delete Step"),
                                              "win.delete-step",
                                              g_variant_new_uint32 (index)));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.go-to-step");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_uint32 (index));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return row;
}

static void
soleus_steps_panel_dispose (GObject *object)
{
  SoleusStepsPanel *self = SOLEUS_STEPS_PANEL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (soleus_steps_panel_parent_class)->dispose (object);
}

static void
soleus_steps_panel_class_init (SoleusStepsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_steps_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stepspanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
soleus_steps_panel_init (SoleusStepsPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->heading = gtk_label_new (_("Presenter Steps"));
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0.0);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_widget_set_parent (self->heading, GTK_WIDGET (self));

  self->hint = gtk_label_new (_("PageDown and PageUp go through the steps. A step added now "
                                "keeps the controls and the moment, with what you type."));
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0.0);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_widget_set_parent (self->hint, GTK_WIDGET (self));

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Presenter Steps"),
                                  -1);
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));

  self->add_button = gtk_button_new_with_mnemonic (_("_Add Step…"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->add_button,
                               _("Keep the controls and the moment as they are, with a caption"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "win.add-step");
  gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));
}

void
soleus_steps_panel_update (SoleusStepsPanel *self,
                           SoleusSteps      *steps,
                           int               current)
{
  GtkWidget *child;
  guint n;

  g_return_if_fail (SOLEUS_IS_STEPS_PANEL (self));

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  n = steps != NULL ? soleus_steps_get_n (steps) : 0;
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = make_row (soleus_steps_get (steps, i), i, n);

      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      if ((int) i == current)
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
    }
  gtk_widget_set_visible (self->list, n > 0);
}
