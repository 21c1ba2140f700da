/* soleus-strip-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two strip charts side by side: the ankle vein pressure and the change of
 * calf blood volume, each with the healthy leg doing the same (the
 * simulation's reference leg) drawn beside the current curve, and the
 * clinical range of the ankle pressure as a band. Drawn by the render
 * layer's chart painter, the same one the exports and the handout use.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-chart.h"
#include "soleus-strip-chart.h"

#define MMHG_PER_KPA 7.50062
/* Redraw at most ten times a second: a chart of minutes needs no more. */
#define REDRAW_US (G_USEC_PER_SEC / 10)

struct _SoleusStripChart
{
  GtkWidget           parent_instance;

  SoleusSimulation   *simulation;
  gulong              advanced_handler;
  gint64              last_redraw;
  SoleusPalette       palette;
  SoleusPressureUnit  unit;

  /* Scratch arrays, kept between frames to avoid allocating per frame. */
  double             *t;
  double             *pressure;
  double             *pressure_ref;
  double             *volume;
  double             *volume_ref;
};

G_DEFINE_FINAL_TYPE (SoleusStripChart, soleus_strip_chart, GTK_TYPE_WIDGET)

static void
soleus_strip_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SoleusStripChart *self = SOLEUS_STRIP_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const SoleusHistorySample *first, *second;
  const SoleusSnapshot *state;
  guint n_first, n_second, n;
  double window_s;
  double scale;
  gboolean coarse;
  SoleusChart chart = { 0 };
  const char *other;
  double gap = 12.0;
  double half;
  cairo_t *cr;

  if (self->simulation == NULL || width < 40 || height < 40)
    return;

  state = soleus_simulation_get_snapshot (self->simulation);
  window_s = soleus_simulation_get_chart_window (self->simulation);
  coarse = window_s > 600.0;
  n = soleus_simulation_get_history (self->simulation, coarse,
                                     &first, &n_first, &second, &n_second);
  if (n == 0)
    return;

  scale = self->unit == SOLEUS_PRESSURE_KPA ? 1.0 / MMHG_PER_KPA : 1.0;
  for (guint i = 0; i < n; i++)
    {
      const SoleusHistorySample *s = i < n_first ? &first[i] : &second[i - n_first];

      self->t[i] = s->time_s;
      self->pressure[i] = s->ankle_pressure_mmhg * scale;
      self->pressure_ref[i] = s->reference_ankle_pressure_mmhg * scale;
      self->volume[i] = s->calf_volume_change_ml;
      self->volume_ref[i] = s->reference_calf_volume_change_ml;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  half = (width - gap) / 2.0;

  chart.window_s = window_s;
  chart.title = _("Ankle vein pressure");
  chart.unit = self->unit == SOLEUS_PRESSURE_KPA ? _("kPa") : _("mmHg");
  chart.current = (SoleusChartSeries) { self->t, self->pressure, n, _("This leg") };
  other = soleus_simulation_get_reference_title (self->simulation);
  if (other == NULL)
    other = _("Healthy leg");
  chart.reference = (SoleusChartSeries) { self->t, self->pressure_ref, n, other };
  chart.has_band = soleus_healthy_pressure_range (state, &chart.band_low, &chart.band_high,
                                                  &chart.band_label);
  chart.band_low *= scale;
  chart.band_high *= scale;
  soleus_chart_paint (cr, &chart, self->palette, 0, 0, half, height);

  chart.title = _("Calf blood volume change");
  chart.unit = _("mL");
  chart.current = (SoleusChartSeries) { self->t, self->volume, n, _("This leg") };
  chart.reference = (SoleusChartSeries) { self->t, self->volume_ref, n, other };
  chart.has_band = FALSE;
  /* A leg at rest changes by thousandths of a millilitre: show at least
   * 20 mL so that noise does not look like an event. */
  {
    double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

    for (guint i = 0; i < n; i++)
      {
        lo = MIN (lo, MIN (self->volume[i], self->volume_ref[i]));
        hi = MAX (hi, MAX (self->volume[i], self->volume_ref[i]));
      }
    if (hi - lo < 20.0)
      {
        double mid = (hi + lo) / 2.0;

        chart.v_min = mid - 10.0;
        chart.v_max = mid + 10.0;
      }
  }
  soleus_chart_paint (cr, &chart, self->palette, half + gap, 0, half, height);

  cairo_destroy (cr);
}

static void
advanced_cb (SoleusSimulation *simulation,
             SoleusStripChart *self)
{
  gint64 now = g_get_monotonic_time ();

  if (now - self->last_redraw >= REDRAW_US || !soleus_simulation_get_playing (simulation))
    {
      self->last_redraw = now;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
soleus_strip_chart_dispose (GObject *object)
{
  SoleusStripChart *self = SOLEUS_STRIP_CHART (object);

  soleus_strip_chart_set_simulation (self, NULL);

  G_OBJECT_CLASS (soleus_strip_chart_parent_class)->dispose (object);
}

static void
soleus_strip_chart_finalize (GObject *object)
{
  SoleusStripChart *self = SOLEUS_STRIP_CHART (object);

  g_free (self->t);
  g_free (self->pressure);
  g_free (self->pressure_ref);
  g_free (self->volume);
  g_free (self->volume_ref);

  G_OBJECT_CLASS (soleus_strip_chart_parent_class)->finalize (object);
}

static void
soleus_strip_chart_class_init (SoleusStripChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_strip_chart_dispose;
  object_class->finalize = soleus_strip_chart_finalize;

  widget_class->snapshot = soleus_strip_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "stripchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
soleus_strip_chart_init (SoleusStripChart *self)
{
  self->t = g_new0 (double, SOLEUS_HISTORY_LENGTH);
  self->pressure = g_new0 (double, SOLEUS_HISTORY_LENGTH);
  self->pressure_ref = g_new0 (double, SOLEUS_HISTORY_LENGTH);
  self->volume = g_new0 (double, SOLEUS_HISTORY_LENGTH);
  self->volume_ref = g_new0 (double, SOLEUS_HISTORY_LENGTH);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Strip chart of ankle vein pressure and calf blood volume, "
                                    "this leg beside a healthy leg"),
                                  -1);
}

void
soleus_strip_chart_set_simulation (SoleusStripChart *self,
                                   SoleusSimulation *simulation)
{
  g_return_if_fail (SOLEUS_IS_STRIP_CHART (self));

  if (soleus_simulation_follow (&self->simulation, &self->advanced_handler, simulation,
                                G_CALLBACK (advanced_cb), self))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
soleus_strip_chart_set_palette (SoleusStripChart *self,
                                SoleusPalette     palette)
{
  g_return_if_fail (SOLEUS_IS_STRIP_CHART (self));

  self->palette = palette;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
soleus_strip_chart_set_pressure_unit (SoleusStripChart   *self,
                                      SoleusPressureUnit  unit)
{
  g_return_if_fail (SOLEUS_IS_STRIP_CHART (self));

  self->unit = unit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
