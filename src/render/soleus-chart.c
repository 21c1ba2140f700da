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
  double fs = chart->font_size > 0 ? chart->font_size : 13;
  double lw = 1.0 * pal->line_scale;
  double t0 = chart->t_min, t1 = chart->t_max;
  double v0 = chart->v_min, v1 = chart->v_max;
  double tscale;
  const char *tunit;
  double px, py, pw, ph;
  double step, label_w = 0;
  gboolean key_below;
  g_autofree char *title = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);

  if (!(width > 4 * fs && height > 4 * fs))
    return;

  /* time window */
  if (!(t1 > t0))
    {
      const SoleusChartSeries *c = &chart->current;

      if (c->n > 0)
        {
          t1 = c->t_s[c->n - 1];
          t0 = chart->window_s > 0 ? t1 - chart->window_s : c->t_s[0];
        }
      else
        {
          t0 = 0;
          t1 = chart->window_s > 0 ? chart->window_s : 60;
        }
      if (!(t1 > t0))
        t1 = t0 + 1;
    }

  /* value range */
  if (!(v1 > v0))
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
      v0 = floor (lo / step) * step;
      v1 = ceil (hi / step) * step;
      if (v1 - hi < step * 0.1)
        v1 += step * 0.5;
    }

  tscale = time_unit (t1 - t0, &tunit);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);

  /* value tick labels decide the left margin */
  step = soleus_chart_nice_step (v1 - v0, MAX (2, (int) (height / (fs * 3.2))));
  for (double v = ceil (v0 / step) * step; v <= v1 + step * 1e-6; v += step)
    {
      PangoLayout *l;
      g_autofree char *txt = g_strdup_printf ("%g", fabs (v) < step * 1e-6 ? 0.0 : v);
      int w;

      l = chart_layout (cr, chart, 1, FALSE, txt);
      pango_layout_get_size (l, &w, NULL);
      label_w = MAX (label_w, w / (double) PANGO_SCALE);
      g_object_unref (l);
    }

  /* title with unit; the key goes beside it, or under it when narrow */
  title = chart->unit && *chart->unit ? g_strdup_printf ("%s (%s)", chart->title ? chart->title : "",
                                                         chart->unit)
                                      : g_strdup (chart->title ? chart->title : "");
  {
    double key_w = 0;

    for (int k = 0; k < 3; k++)
      if (key_text (chart, k) != NULL)
        key_w += text_width (cr, chart, 0.92, FALSE, key_text (chart, k)) + fs * 3.0;
    key_below = text_width (cr, chart, 1.0, TRUE, title) + key_w + fs > width;
  }

  px = x + label_w + fs * 0.8;
  py = y + fs * (key_below ? 3.6 : 2.2);
  pw = width - (px - x) - fs * 0.8;
  ph = height - (py - y) - fs * 2.8;
  if (pw < 10 || ph < 10)
    {
      cairo_restore (cr);
      return;
    }

  show_text (cr, chart, &pal->text, 1.0, TRUE, title, x, y + fs * 0.1, 0, 0, NULL);

  /* plot area */
  cairo_rectangle (cr, px, py, pw, ph);
  set_color (cr, &pal->panel);
  cairo_fill (cr);

#define MAPX(t) (px + ((t) - t0) / (t1 - t0) * pw)
#define MAPY(v) (py + ph - ((v) - v0) / (v1 - v0) * ph)

  if (chart->has_band)
    {
      double b0 = CLAMP (chart->band_low, v0, v1);
      double b1 = CLAMP (chart->band_high, v0, v1);

      cairo_rectangle (cr, px, MAPY (b1), pw, MAPY (b0) - MAPY (b1));
      set_color (cr, &pal->band);
      cairo_fill (cr);
    }

  /* grid and value ticks */
  cairo_set_line_width (cr, lw * 0.8);
  for (double v = ceil (v0 / step) * step; v <= v1 + step * 1e-6; v += step)
    {
      g_autofree char *txt = g_strdup_printf ("%g", fabs (v) < step * 1e-6 ? 0.0 : v);
      double yy = round (MAPY (v)) + 0.5;

      cairo_move_to (cr, px, yy);
      cairo_line_to (cr, px + pw, yy);
      set_color (cr, &pal->grid);
      cairo_stroke (cr);
      show_text (cr, chart, &pal->text_dim, 0.92, FALSE, txt, px - fs * 0.4, yy, 1, 0.5, NULL);
    }

  /* time ticks */
  {
    double span = (t1 - t0) / tscale;
    double tstep = soleus_chart_nice_step (span, MAX (2, (int) (width / (fs * 6))));

    for (double tt = ceil (t0 / tscale / tstep) * tstep; tt <= t1 / tscale + tstep * 1e-6; tt += tstep)
      {
        g_autofree char *txt = g_strdup_printf ("%g", fabs (tt) < tstep * 1e-6 ? 0.0 : tt);
        double xx = round (MAPX (tt * tscale)) + 0.5;

        cairo_move_to (cr, xx, py);
        cairo_line_to (cr, xx, py + ph);
        set_color (cr, &pal->grid);
        cairo_stroke (cr);
        show_text (cr, chart, &pal->text_dim, 0.92, FALSE, txt, xx, py + ph + fs * 0.3, 0.5, 0, NULL);
      }
    show_text (cr, chart, &pal->text_dim, 0.92, FALSE, tunit, px + pw, py + ph + fs * 1.45, 1, 0, NULL);
  }

  cairo_save (cr);
  cairo_rectangle (cr, px, py, pw, ph);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (chart->reference.n > 0)
    {
      double dash[] = { 6 * lw, 4 * lw };

      series_path (cr, &chart->reference, t0, t1, v0, v1, px, py, pw, ph);
      set_color (cr, &pal->reference);
      cairo_set_line_width (cr, lw * 2.0);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (chart->current.n > 0)
    {
      series_path (cr, &chart->current, t0, t1, v0, v1, px, py, pw, ph);
      set_color (cr, &pal->series);
      cairo_set_line_width (cr, lw * 2.4);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* frame */
  cairo_rectangle (cr, round (px) + 0.5, round (py) + 0.5, round (pw), round (ph));
  set_color (cr, &pal->panel_line);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);

  /* key, top right: a swatch of each line's style, not colour alone */
  {
    double kx = px + pw;
    double ky = y + fs * (key_below ? 1.5 : 0.15);

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

  cairo_restore (cr);
}
