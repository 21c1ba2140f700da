/* soleus-chart.h: a strip chart of a time series with its healthy reference
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Draws one quantity against time: axes with ticks and units, the current
 * curve, and a healthy reference as a band, a curve, or both. Used by the
 * app's strip chart, exports and the printed handout. Text passed in is
 * shown as given: translate it first.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-palette.h"

G_BEGIN_DECLS

typedef struct
{
  const double *t_s;      /* times, seconds, increasing */
  const double *value;
  gsize         n;
  const char   *label;    /* for the key; NULL for none */
} SoleusChartSeries;

typedef struct
{
  const char        *title;       /* "Ankle vein pressure" */
  const char        *unit;        /* "mmHg" */
  /* The time window shown. When t_max <= t_min, the window ends at the
   * last sample of current and spans window_s (default: all samples). */
  double             t_min;
  double             t_max;
  double             window_s;
  /* The value axis. When v_max <= v_min it fits the data, the band and the
   * reference, from zero when all are positive. */
  double             v_min;
  double             v_max;
  SoleusChartSeries  current;
  SoleusChartSeries  reference;   /* optional: n = 0 for none */
  gboolean           has_band;
  double             band_low;
  double             band_high;
  const char        *band_label;  /* "Healthy range" */
  const char        *font;        /* Pango family; NULL: "Sans" */
  double             font_size;   /* in user units; 0: 13 */
} SoleusChart;

void soleus_chart_paint (cairo_t           *cr,
                         const SoleusChart *chart,
                         SoleusPalette      palette,
                         double             x,
                         double             y,
                         double             width,
                         double             height);

/* Nice tick spacing for a span, about max_ticks ticks (1, 2, 2.5, 5 x 10^n). */
double soleus_chart_nice_step (double span,
                               int    max_ticks);

G_END_DECLS
