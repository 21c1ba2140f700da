/* soleus-chart.c: a strip chart of a time series with its healthy reference
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "soleus-chart.h"

static void
set_color (cairo_t           *cr,
           const SoleusColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

double
soleus_chart_nice_step (double span,
                        int    max_ticks)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double raw, mag;

  if (!(span > 0) || max_ticks < 1)
    return 1;

  raw = span / max_ticks;
  mag = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * mag >= raw)
      return steps[i] * mag;
  return 10 * mag;
}

static PangoLayout *
chart_layout (cairo_t           *cr,
              const SoleusChart *chart,
              double             scale,
              gboolean           bold,
              const char        *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (chart->font ? chart->font : "Sans");
  double size = chart->font_size > 0 ? chart->font_size : 13;

  pango_font_description_set_absolute_size (desc, size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
show_text (cairo_t           *cr,
           const SoleusChart *chart,
           const SoleusColor *color,
           double             scale,
           gboolean           bold,
           const char        *text,
           double             x,
           double             y,
           double             align_x,   /* 0 left, 0.5 centre, 1 right */
           double             align_y,
           double            *out_w)
{
  PangoLayout *layout = chart_layout (cr, chart, scale, bold, text);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - align_x * w / PANGO_SCALE, y - align_y * h / PANGO_SCALE);
  set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
  if (out_w != NULL)
    *out_w = w / (double) PANGO_SCALE;
  g_object_unref (layout);
}

static double
text_width (cairo_t           *cr,
            const SoleusChart *chart,
            double             scale,
            gboolean           bold,
            const char        *text)
{
  PangoLayout *layout = chart_layout (cr, chart, scale, bold, text);
  int w;

  pango_layout_get_size (layout, &w, NULL);
  g_object_unref (layout);
  return w / (double) PANGO_SCALE;
}

static const char *
key_text (const SoleusChart *chart,
          int                k)
{
  if (k == 0)
    return chart->current.label;
  if (k == 1)
    return chart->reference.n > 0 ? chart->reference.label : NULL;
  return chart->has_band ? chart->band_label : NULL;
}

/* Time axis units: seconds up to 5 min, minutes up to 3 h, then hours. */
static double
time_unit (double      span_s,
           const char **unit)
{
  if (span_s <= 300)
    {
      *unit = "s";
      return 1;
    }
  if (span_s <= 3 * 3600)
    {
      *unit = "min";
      return 60;
    }
  *unit = "h";
  return 3600;
}

static void
series_range (const SoleusChartSeries *s,
              double                   t0,
              double                   t1,
              double                  *lo,
              double                  *hi)
{
  for (gsize i = 0; i < s->n; i++)
    {
      if (s->t_s[i] < t0 || s->t_s[i] > t1 || !isfinite (s->value[i]))
        continue;
      *lo = MIN (*lo, s->value[i]);
      *hi = MAX (*hi, s->value[i]);
    }
}

/* The curve, decimated to min/max per device-ish column when dense. */
static void
series_path (cairo_t                 *cr,
             const SoleusChartSeries *s,
             double                   t0,
             double                   t1,
             double                   v0,
             double                   v1,
             double                   px,
             double                   py,
             double                   pw,
             double                   ph)
{
  gboolean pen = FALSE;
  int last_col = G_MININT;
  double col_min = 0, col_max = 0, col_first = 0, col_last = 0;

#define MAPX(t) (px + ((t) - t0) / (t1 - t0) * pw)
#define MAPY(v) (py + ph - ((v) - v0) / (v1 - v0) * ph)

  for (gsize i = 0; i < s->n; i++)
    {
      double t = s->t_s[i], v = s->value[i];
      int col;

      if (t < t0 || t > t1)
        continue;
      if (!isfinite (v))
        {
          pen = FALSE;
          continue;
        }
      v = CLAMP (v, v0 - (v1 - v0), v1 + (v1 - v0));

      col = (int) floor (MAPX (t) * 2);
      if (pen && col == last_col)
        {
          col_min = MIN (col_min, v);
          col_max = MAX (col_max, v);
          col_last = v;
          continue;
        }
      if (pen && last_col != G_MININT)
        {
          double xx = last_col / 2.0;
          cairo_line_to (cr, xx, MAPY (col_first));
          cairo_line_to (cr, xx, MAPY (col_min));
          cairo_line_to (cr, xx, MAPY (col_max));
          cairo_line_to (cr, xx, MAPY (col_last));
        }
      if (!pen)
        cairo_move_to (cr, MAPX (t), MAPY (v));
      pen = TRUE;
      last_col = col;
      col_min = col_max = col_first = col_last = v;
    }
  if (pen)
    cairo_line_to (cr, last_col / 2.0, MAPY (col_last));
#undef MAPX
#undef MAPY
}

/* Where the plot goes and what it spans, shared by the steps of
 * soleus_chart_paint (). */
typedef struct
{
  double      fs;        /* font size */
  double      lw;        /* line width */
  double      t0, t1;    /* time window, s */
  double      v0, v1;    /* value range */
  double      step;      /* between value ticks */
  double      tscale;    /* s per time-axis unit */
  const char *tunit;
  double      px, py, pw, ph;  /* plot area */
  gboolean    key_below; /* the key under the title, not beside it */
} ChartGeom;

#define MAPX(t) (g->px + ((t) - g->t0) / (g->t1 - g->t0) * g->pw)
#define MAPY(v) (g->py + g->ph - ((v) - g->v0) / (g->v1 - g->v0) * g->ph)

/* The time window: the chart's own, or the last window_s of the current
 * series. */
static void
chart_time_window (const SoleusChart *chart,
                   double            *t0,
                   double            *t1)
{
  *t0 = chart->t_min;
  *t1 = chart->t_max;
  if (!(*t1 > *t0))
    {
      const SoleusChartSeries *c = &chart->current;

      if (c->n > 0)
        {
          *t1 = c->t_s[c->n - 1];
          *t0 = chart->window_s > 0 ? *t1 - chart->window_s : c->t_s[0];
        }
      else
        {
          *t0 = 0;
          *t1 = chart->window_s > 0 ? chart->window_s : 60;
        }
      if (!(*t1 > *t0))
        *t1 = *t0 + 1;
    }
}

/* The value range: the chart's own, or what the series and the band need,
 * from zero unless negative, rounded out to ticks. */
static void
chart_value_range (const SoleusChart *chart,
                   double             t0,
                   double             t1,
                   double            *v0,
                   double            *v1)
{
  double step;

  *v0 = chart->v_min;
  *v1 = chart->v_max;
  if (!(*v1 > *v0))
    {
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

      series_range (&chart->current, t0, t1, &lo, &hi);
      series_range (&chart->reference, t0, t1, &lo, &hi);
      if (chart->has_band)
        {
          lo = MIN (lo, chart->band_low);
          hi = MAX (hi, chart->band_high);
        }
      if (lo > hi)
        {
          lo = 0;
          hi = 1;
        }
      if (lo >= 0)
        lo = 0;
      if (hi - lo < 1e-9)
        hi = lo + 1;
      step = soleus_chart_nice_step (hi - lo, 5);
      *v0 = floor (lo / step) * step;
      *v1 = ceil (hi / step) * step;
      if (*v1 - hi < step * 0.1)
        *v1 += step * 0.5;
    }
}

/* The widest value tick label, which decides the left margin. */
static double
chart_value_label_width (cairo_t           *cr,
                         const SoleusChart *chart,
                         const ChartGeom   *g)
{
  double label_w = 0;

  for (double v = ceil (g->v0 / g->step) * g->step; v <= g->v1 + g->step * 1e-6; v += g->step)
    {
      g_autofree char *txt = g_strdup_printf ("%g", fabs (v) < g->step * 1e-6 ? 0.0 : v);

      label_w = MAX (label_w, text_width (cr, chart, 1, FALSE, txt));
    }
  return label_w;
}

/* Whether the key goes under the title because both do not fit in width. */
static gboolean
chart_key_below (cairo_t           *cr,
                 const SoleusChart *chart,
                 const char        *title,
                 double             fs,
                 double             width)
{
  double key_w = 0;

  for (int k = 0; k < 3; k++)
    if (key_text (chart, k) != NULL)
      key_w += text_width (cr, chart, 0.92, FALSE, key_text (chart, k)) + fs * 3.0;
  return text_width (cr, chart, 1.0, TRUE, title) + key_w + fs > width;
}

/* The plot area, the band, the grid and the tick labels of both axes. */
static void
chart_draw_axes (cairo_t                   *cr,
                 const SoleusChart         *chart,
                 const SoleusPaletteColors *pal,
                 const ChartGeom           *g,
                 double                     width)
{
  double fs = g->fs;

  /* plot area */
  cairo_rectangle (cr, g->px, g->py, g->pw, g->ph);
  set_color (cr, &pal->panel);
  cairo_fill (cr);

  if (chart->has_band)
    {
      double b0 = CLAMP (chart->band_low, g->v0, g->v1);
      double b1 = CLAMP (chart->band_high, g->v0, g->v1);

      cairo_rectangle (cr, g->px, MAPY (b1), g->pw, MAPY (b0) - MAPY (b1));
      set_color (cr, &pal->band);
      cairo_fill (cr);
    }

  /* grid and value ticks */
  cairo_set_line_width (cr, g->lw * 0.8);
  for (double v = ceil (g->v0 / g->step) * g->step; v <= g->v1 + g->step * 1e-6; v += g->step)
    {
      g_autofree char *txt = g_strdup_printf ("%g", fabs (v) < g->step * 1e-6 ? 0.0 : v);
      double yy = round (MAPY (v)) + 0.5;

      cairo_move_to (cr, g->px, yy);
      cairo_line_to (cr, g->px + g->pw, yy);
      set_color (cr, &pal->grid);
      cairo_stroke (cr);
      show_text (cr, chart, &pal->text_dim, 0.92, FALSE, txt, g->px - fs * 0.4, yy, 1, 0.5, NULL);
    }

  /* time ticks */
  {
    double span = (g->t1 - g->t0) / g->tscale;
    double tstep = soleus_chart_nice_step (span, MAX (2, (int) (width / (fs * 6))));

    for (double tt = ceil (g->t0 / g->tscale / tstep) * tstep; tt <= g->t1 / g->tscale + tstep * 1e-6; tt += tstep)
      {
        g_autofree char *txt = g_strdup_printf ("%g", fabs (tt) < tstep * 1e-6 ? 0.0 : tt);
        double xx = round (MAPX (tt * g->tscale)) + 0.5;

        cairo_move_to (cr, xx, g->py);
        cairo_line_to (cr, xx, g->py + g->ph);
        set_color (cr, &pal->grid);
        cairo_stroke (cr);
        show_text (cr, chart, &pal->text_dim, 0.92, FALSE, txt, xx, g->py + g->ph + fs * 0.3, 0.5, 0, NULL);
      }
    show_text (cr, chart, &pal->text_dim, 0.92, FALSE, g->tunit, g->px + g->pw, g->py + g->ph + fs * 1.45, 1, 0, NULL);
  }
}

/* The reference (dashed) and the current series, clipped to the plot. */
static void
chart_draw_series (cairo_t                   *cr,
                   const SoleusChart         *chart,
                   const SoleusPaletteColors *pal,
                   const ChartGeom           *g)
{
  double lw = g->lw;

  cairo_save (cr);
  cairo_rectangle (cr, g->px, g->py, g->pw, g->ph);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (chart->reference.n > 0)
    {
      double dash[] = { 6 * lw, 4 * lw };

      series_path (cr, &chart->reference, g->t0, g->t1, g->v0, g->v1, g->px, g->py, g->pw, g->ph);
      set_color (cr, &pal->reference);
      cairo_set_line_width (cr, lw * 2.0);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (chart->current.n > 0)
    {
      series_path (cr, &chart->current, g->t0, g->t1, g->v0, g->v1, g->px, g->py, g->pw, g->ph);
      set_color (cr, &pal->series);
      cairo_set_line_width (cr, lw * 2.4);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The key, top right: a swatch of each line's style, not colour alone. */
static void
chart_draw_key (cairo_t                   *cr,
                const SoleusChart         *chart,
                const SoleusPaletteColors *pal,
                const ChartGeom           *g,
                double                     y)
{
  double fs = g->fs, lw = g->lw;
  double kx = g->px + g->pw;
  double ky = y + fs * (g->key_below ? 1.5 : 0.15);

  for (int k = 2; k >= 0; k--)
    {
      const char *text = key_text (chart, k);
      double tw;

      if (text == NULL)
        continue;

      show_text (cr, chart, &pal->text, 0.92, FALSE, text, kx, ky, 1, 0, &tw);
      kx -= tw + fs * 0.4;
      if (k == 2)
        {
          cairo_rectangle (cr, kx - fs * 1.6, ky + fs * 0.2, fs * 1.6, fs * 0.8);
          set_color (cr, &pal->band);
          cairo_fill (cr);
        }
      else
        {
          double dash[] = { 6 * lw, 4 * lw };

          cairo_move_to (cr, kx - fs * 1.8, ky + fs * 0.6);
          cairo_line_to (cr, kx, ky + fs * 0.6);
          set_color (cr, k == 0 ? &pal->series : &pal->reference);
          cairo_set_line_width (cr, lw * (k == 0 ? 2.4 : 2.0));
          if (k == 1)
            cairo_set_dash (cr, dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      kx -= fs * 2.6;
    }
}

#undef MAPX
#undef MAPY

void
soleus_chart_paint (cairo_t           *cr,
                    const SoleusChart *chart,
                    SoleusPalette      palette,
                    double             x,
                    double             y,
                    double             width,
                    double             height)
{
  const SoleusPaletteColors *pal = soleus_palette_get_colors (palette);
  ChartGeom geom = { 0 }, *g = &geom;
  double label_w;
  g_autofree char *title = NULL;
  SoleusChart fitted;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);

  /* Every language fits: a title or a key wider than the chart (German
   * at a narrow window) makes all its text smaller, down to 0.6 of its
   * size, rather than being cut at the chart's edge. */
  fitted = *chart;
  fitted.font_size = chart->font_size > 0 ? chart->font_size : 13;
  {
    double fs = fitted.font_size;
    double title_w, key_w = 0;
    const char *name = chart->title ? chart->title : "";

    title = chart->unit && *chart->unit ? g_strdup_printf ("%s (%s)", name, chart->unit)
                                        : g_strdup (name);
    title_w = text_width (cr, chart, 1.0, TRUE, title);
    for (int k = 0; k < 3; k++)
      if (key_text (chart, k) != NULL)
        key_w += text_width (cr, chart, 0.92, FALSE, key_text (chart, k)) + fs * 3.0;
    if (title_w > width || key_w > width)
      fitted.font_size = fs * MAX (0.6, MIN (width / title_w, width / key_w));
  }
  chart = &fitted;

  g->fs = chart->font_size;
  g->lw = 1.0 * pal->line_scale;
  if (!(width > 4 * g->fs && height > 4 * g->fs))
    return;

  chart_time_window (chart, &g->t0, &g->t1);
  chart_value_range (chart, g->t0, g->t1, &g->v0, &g->v1);
  g->tscale = time_unit (g->t1 - g->t0, &g->tunit);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);

  g->step = soleus_chart_nice_step (g->v1 - g->v0, MAX (2, (int) (height / (g->fs * 3.2))));
  label_w = chart_value_label_width (cr, chart, g);

  /* title with unit; the key goes beside it, or under it when narrow */
  g->key_below = chart_key_below (cr, chart, title, g->fs, width);

  g->px = x + label_w + g->fs * 0.8;
  g->py = y + g->fs * (g->key_below ? 3.6 : 2.2);
  g->pw = width - (g->px - x) - g->fs * 0.8;
  g->ph = height - (g->py - y) - g->fs * 2.8;
  if (g->pw < 10 || g->ph < 10)
    {
      cairo_restore (cr);
      return;
    }

  show_text (cr, chart, &pal->text, 1.0, TRUE, title, x, y + g->fs * 0.1, 0, 0, NULL);
  chart_draw_axes (cr, chart, pal, g, width);
  chart_draw_series (cr, chart, pal, g);

  /* frame */
  cairo_rectangle (cr, round (g->px) + 0.5, round (g->py) + 0.5, round (g->pw), round (g->ph));
  set_color (cr, &pal->panel_line);
  cairo_set_line_width (cr, g->lw);
  cairo_stroke (cr);

  chart_draw_key (cr, chart, pal, g, y);

  cairo_restore (cr);
}
