/* soleus-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A slider under the play area from the scenario's start to its end, with a
 * mark at each moment it changes a control and a numbered mark at each
 * presenter step. Dragging it, clicking it or moving it with the arrow,
 * Page and Home/End keys goes to that moment: the simulation seeks there
 * from its saved states (soleus_simulation_seek), once per idle cycle
 * however many moves the pointer makes.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-timeline.h"

struct _SoleusTimeline
{
  GtkWidget         parent_instance;

  GtkWidget        *scale;
  SoleusSimulation *simulation;
  gulong            advanced_handler;
  double            pending_s;       /* the moment asked for, or NAN */
  guint             seek_idle;
  gint64            shown_second;    /* of the screen reader's value text */
};

G_DEFINE_FINAL_TYPE (SoleusTimeline, soleus_timeline, GTK_TYPE_WIDGET)

/* "1:05:30" or "4:10": hours only when there are some. */
static char *
format_moment (double time_s)
{
  guint64 seconds = (guint64) MAX (0.0, floor (time_s + 0.5));

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", seconds / 3600,
                            (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  return g_strdup_printf ("%u:%02u", (guint) (seconds / 60), (guint) (seconds % 60));
}

static char *
format_value_cb (GtkScale *scale,
                 double    value,
                 gpointer  user_data)
{
  return format_moment (value);
}

static void
update_value_text (SoleusTimeline *self,
                   double          time_s)
{
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (self->scale));
  g_autofree char *moment = format_moment (time_s);
  g_autofree char *end = format_moment (gtk_adjustment_get_upper (adjustment));
  /* Translators: what a screen reader says of the timeline, "4:10 of 10:00" */
  g_autofree char *text = g_strdup_printf (_("%s of %s"), moment, end);

  self->shown_second = (gint64) time_s;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
advanced_cb (SoleusSimulation *simulation,
             SoleusTimeline   *self)
{
  double time_s = soleus_simulation_get_time (simulation);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)) || self->seek_idle != 0)
    return;

  gtk_range_set_value (GTK_RANGE (self->scale), time_s);
  if ((gint64) time_s != self->shown_second)
    update_value_text (self, time_s);
}

static gboolean
seek_idle_cb (gpointer user_data)
{
  SoleusTimeline *self = user_data;
  double time_s = self->pending_s;

  self->seek_idle = 0;
  self->pending_s = NAN;
  if (self->simulation != NULL && !isnan (time_s))
    soleus_simulation_seek (self->simulation, time_s);
  update_value_text (self, time_s);

  return G_SOURCE_REMOVE;
}

static gboolean
change_value_cb (GtkRange       *range,
                 GtkScrollType   scroll,
                 double          value,
                 SoleusTimeline *self)
{
  GtkAdjustment *adjustment = gtk_range_get_adjustment (range);

  self->pending_s = CLAMP (value, gtk_adjustment_get_lower (adjustment),
                           gtk_adjustment_get_upper (adjustment));
  if (self->seek_idle == 0)
    self->seek_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, seek_idle_cb, self, NULL);

  /* Let the slider move at once; the picture follows. */
  return FALSE;
}

static void
soleus_timeline_dispose (GObject *object)
{
  SoleusTimeline *self = SOLEUS_TIMELINE (object);

  g_clear_handle_id (&self->seek_idle, g_source_remove);
  soleus_timeline_set_simulation (self, NULL);
  g_clear_pointer (&self->scale, gtk_widget_unparent);

  G_OBJECT_CLASS (soleus_timeline_parent_class)->dispose (object);
}

static void
soleus_timeline_class_init (SoleusTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_timeline_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline");
}

static void
soleus_timeline_init (SoleusTimeline *self)
{
  self->pending_s = NAN;
  self->shown_second = -1;
  self->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.0, 600.0, 1.0);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (self->scale), GTK_POS_LEFT);
  gtk_scale_set_format_value_func (GTK_SCALE (self->scale), format_value_cb, NULL, NULL);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_widget_set_parent (self->scale, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Go to any moment of the scenario; the marks are its "
                                    "events and numbered steps"),
                                  -1);
  gtk_widget_set_tooltip_text (self->scale, _("Go to any moment of the scenario"));
  g_signal_connect (self->scale, "change-value", G_CALLBACK (change_value_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
soleus_timeline_set_simulation (SoleusTimeline   *self,
                                SoleusSimulation *simulation)
{
  g_return_if_fail (SOLEUS_IS_TIMELINE (self));

  soleus_simulation_follow (&self->simulation, &self->advanced_handler, simulation,
                            G_CALLBACK (advanced_cb), self);
}

void
soleus_timeline_update (SoleusTimeline *self,
                        SoleusSteps    *steps)
{
  const SoleusScenario *scenario;
  GtkScale *scale;
  double end_s, page_s;
  guint n;

  g_return_if_fail (SOLEUS_IS_TIMELINE (self));

  scenario = self->simulation != NULL ? soleus_simulation_get_schedule (self->simulation) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), scenario != NULL);
  if (scenario == NULL)
    return;

  scale = GTK_SCALE (self->scale);
  end_s = MAX (scenario->duration_s, 1.0);
  /* The arrows move by a hundredth, PageUp and PageDown by a tenth. */
  page_s = end_s / 10.0;
  gtk_range_set_range (GTK_RANGE (scale), 0.0, end_s);
  gtk_range_set_increments (GTK_RANGE (scale), end_s / 100.0, page_s);

  gtk_scale_clear_marks (scale);
  for (size_t k = 0; k < scenario->n_events; k++)
    if (scenario->events[k].time_s > 0.0 && scenario->events[k].time_s <= end_s)
      gtk_scale_add_mark (scale, scenario->events[k].time_s, GTK_POS_BOTTOM, NULL);

  n = steps != NULL ? soleus_steps_get_n (steps) : 0;
  for (guint i = 0; i < n; i++)
    {
      const SoleusStep *step = soleus_steps_get (steps, i);
      g_autofree char *number = NULL;

      if (isnan (step->time_s) || step->time_s > end_s)
        continue;
      number = g_strdup_printf ("%u", i + 1);
      gtk_scale_add_mark (scale, step->time_s, GTK_POS_TOP, number);
    }

  gtk_range_set_value (GTK_RANGE (scale), soleus_simulation_get_time (self->simulation));
  update_value_text (self, soleus_simulation_get_time (self->simulation));
}
