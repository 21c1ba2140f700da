/* test-chart.c: the strip chart
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Besides what is drawn, where: known values on a fixed axis land at the
 * pixel rows and columns the axis mapping predicts. The plot area is found
 * in the picture (the panel on a background the chart never paints), so
 * the check does not depend on how wide the tick labels are in the fonts
 * of the machine; the fonts are pinned all the same (tests/render/fonts.conf).
 */

#include <math.h>

#include <glib.h>

#include "render-test-util.h"
#include "soleus-chart.h"

static void
test_nice_step (void)
{
  g_assert_cmpfloat_with_epsilon (soleus_chart_nice_step (10, 5), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_chart_nice_step (100, 5), 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_chart_nice_step (7, 5), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_chart_nice_step (0.3, 3), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_chart_nice_step (90, 4), 25, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_chart_nice_step (0, 4), 1, 1e-12);
}

/* Counts pixels close to a colour. */
static guint
count_near (cairo_surface_t   *s,
            const SoleusColor *c,
            int                tol)
{
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  int r = (int) round (c->r * 255), g = (int) round (c->g * 255), b = (int) round (c->b * 255);
  guint n = 0;

  cairo_surface_flush (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((guint32 *) (cairo_image_surface_get_data (s) + y * stride))[x];

        if (ABS ((int) (p >> 16 & 0xff) - r) <= tol && ABS ((int) (p >> 8 & 0xff) - g) <= tol &&
            ABS ((int) (p & 0xff) - b) <= tol)
          n++;
      }
  return n;
}

static void
test_paint (void)
{
  const SoleusPaletteColors *pal = soleus_palette_get_colors (SOLEUS_PALETTE_PROJECTOR);
  double t[600], v[600], rt[600], rv[600];
  SoleusChart chart = { 0 };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 240);
  cairo_t *cr = cairo_create (s);

  for (int i = 0; i < 600; i++)
    {
      t[i] = i * 0.5;
      v[i] = 85 - 55 * (i > 100 && i < 400) + 5 * sin (i * 0.7);
      rt[i] = t[i];
      rv[i] = 85 - 60 * (i > 100 && i < 400);
    }

  chart.title = "Ankle vein pressure";
  chart.unit = "mmHg";
  chart.current = (SoleusChartSeries) { t, v, 600, "This leg" };
  chart.reference = (SoleusChartSeries) { rt, rv, 600, "Healthy leg" };
  chart.has_band = TRUE;
  chart.band_low = 15;
  chart.band_high = 35;
  chart.band_label = "Healthy while walking";

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  soleus_chart_paint (cr, &chart, SOLEUS_PALETTE_PROJECTOR, 0, 0, 640, 240);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  /* the current curve, the dashed reference and the band are all there */
  g_assert_cmpuint (count_near (s, &pal->series, 30), >, 300);
  g_assert_cmpuint (count_near (s, &pal->reference, 30), >, 150);
  {
    /* the band over white */
    SoleusColor band = {
      1 - pal->band.a + pal->band.r * pal->band.a,
      1 - pal->band.a + pal->band.g * pal->band.a,
      1 - pal->band.a + pal->band.b * pal->band.a, 1,
    };
    g_assert_cmpuint (count_near (s, &band, 12), >, 2000);
  }
  cairo_surface_destroy (s);
}

static guint32
pixel_at (cairo_surface_t *s,
          int              x,
          int              y)
{
  return ((const guint32 *) (cairo_image_surface_get_data (s) +
                             y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
}

static gboolean
pixel_near (guint32            p,
            const SoleusColor *c,
            int                tol)
{
  return ABS ((int) (p >> 16 & 0xff) - (int) round (c->r * 255)) <= tol &&
         ABS ((int) (p >> 8 & 0xff) - (int) round (c->g * 255)) <= tol &&
         ABS ((int) (p & 0xff) - (int) round (c->b * 255)) <= tol;
}

/* The longest run of pixels other than bg along a row (dx = 1) or a column
 * (dx = 0), from start to end (exclusive). */
static void
longest_run (cairo_surface_t *s,
             guint32          bg,
             int              fixed,
             gboolean         along_row,
             int              end,
             int             *first,
             int             *last)
{
  int run_start = -1, best = 0;

  *first = *last = -1;
  for (int i = 0; i <= end; i++)
    {
      gboolean in = i < end &&
                    (along_row ? pixel_at (s, i, fixed) : pixel_at (s, fixed, i)) != bg;

      if (in && run_start < 0)
        run_start = i;
      else if (!in && run_start >= 0)
        {
          if (i - run_start > best)
            {
              best = i - run_start;
              *first = run_start;
              *last = i - 1;
            }
          run_start = -1;
        }
    }
}

/* The centre (in pixel coordinates: row r spans r to r + 1) of the pixels
 * near colour c in a column between rows y0 and y1, or NAN; n gets their
 * count. */
static double
centre_in_column (cairo_surface_t   *s,
                  int                x,
                  int                y0,
                  int                y1,
                  const SoleusColor *c,
                  int               *n)
{
  int first = -1, last = -1;

  *n = 0;
  for (int y = y0; y <= y1; y++)
    if (pixel_near (pixel_at (s, x, y), c, 40))
      {
        if (first < 0)
          first = y;
        last = y;
        (*n)++;
      }
  return first < 0 ? NAN : (first + last + 1) / 2.0;
}

static double
centre_in_row (cairo_surface_t   *s,
               int                y,
               int                x0,
               int                x1,
               const SoleusColor *c)
{
  int first = -1, last = -1;

  for (int x = x0; x <= x1; x++)
    if (pixel_near (pixel_at (s, x, y), c, 40))
      {
        if (first < 0)
          first = x;
        last = x;
      }
  return first < 0 ? NAN : (first + last + 1) / 2.0;
}

/* c painted with its alpha over the opaque colour under. */
static SoleusColor
over (const SoleusColor *c,
      const SoleusColor *under)
{
  SoleusColor r = {
    c->r * c->a + under->r * (1 - c->a),
    c->g * c->a + under->g * (1 - c->a),
    c->b * c->a + under->b * (1 - c->a),
    1,
  };
  return r;
}

/* A pixel of the panel or of its antialiased edge over the magenta
 * background, not of the one-pixel frame drawn around it; coverage gets
 * how much of the pixel the panel covers, from the green channel (0 on
 * magenta). */
static gboolean
panel_pixel (guint32            p,
             const SoleusColor *panel,
             double            *coverage)
{
  int g = p >> 8 & 0xff;

  *coverage = CLAMP (g / (panel->g * 255), 0, 1);
  return (p >> 16 & 0xff) >= 0xfc && (p & 0xff) >= 0xfc && g <= panel->g * 255 + 2;
}

/* One edge of the plot area, from the outermost painted pixel at index
 * `outer` inwards (step +1 or -1). Where the panel's antialiased edge
 * shows, to a tenth of a pixel; where the frame covers it, to half a pixel
 * (the middle of the frame's pixel). Returns the edge's coordinate. */
static double
plot_edge (cairo_surface_t   *s,
           const SoleusColor *panel,
           int                fixed,
           gboolean           along_row,
           int                outer,
           int                step)
{
  for (int i = outer; ABS (i - outer) <= 2; i += step)
    {
      guint32 p = along_row ? pixel_at (s, i, fixed) : pixel_at (s, fixed, i);
      double coverage;

      if (!panel_pixel (p, panel, &coverage))
        continue;
      if (coverage < 0.98 || i == outer)
        return step > 0 ? i + 1 - coverage : i + coverage;
      /* a full panel pixel right inside the frame: the edge is under it */
      return i - step + 0.5;
    }
  g_error ("no plot area edge at pixel %d", outer);
  return NAN;
}

/* The plot area's edges along a row or column: the longest run of painted
 * pixels, each end placed by plot_edge (). */
static void
plot_edges (cairo_surface_t   *s,
            guint32            bg,
            const SoleusColor *panel,
            int                fixed,
            gboolean           along_row,
            int                end,
            double            *lo,
            double            *hi)
{
  int first, last;

  longest_run (s, bg, fixed, along_row, end, &first, &last);
  g_assert_cmpint (first, >, 0);
  *lo = plot_edge (s, panel, fixed, along_row, first, 1);
  *hi = plot_edge (s, panel, fixed, along_row, last, -1);
}

/* On a fixed axis, -5 to 105 mmHg over -2.5 to 62.5 s (so that no grid line
 * lies on the plot area's edges): a trace at 25 mmHg that steps to 75 at
 * 30 s, a dashed reference at 60 and a band from 80 to 90 are drawn where
 * the axis puts them. The plot area's edges are found to half a pixel or
 * better (plot_edge ()), a line's centre to half a pixel from its first
 * and last pixel: a value drawn more than a pixel from where the axis
 * puts it fails. */
static void
test_value_position (void)
{
  const SoleusPaletteColors *pal = soleus_palette_get_colors (SOLEUS_PALETTE_LIGHT);
  const SoleusColor magenta = { 1, 0, 1, 1 };
  const SoleusColor panel = over (&pal->panel, &magenta);
  const SoleusColor band = over (&pal->band, &panel);
  const double tolerance = 1.0;
  static double t[1201], v[1201], rv[1201];
  SoleusChart chart = { 0 };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 340);
  cairo_t *cr = cairo_create (s);
  guint32 bg;
  int n;
  double left, right, top, bottom, measured;

#define ROW_OF(value) (bottom - ((value) + 5) / 110.0 * (bottom - top))
#define COL_OF(time_s) (left + ((time_s) + 2.5) / 65.0 * (right - left))

  for (int i = 0; i <= 1200; i++)
    {
      t[i] = i * 0.05;
      v[i] = t[i] < 30 ? 25 : 75;
      rv[i] = 60;
    }
  chart.title = "Ankle vein pressure";
  chart.unit = "mmHg";
  chart.t_min = -2.5;
  chart.t_max = 62.5;
  chart.v_min = -5;
  chart.v_max = 105;
  chart.current = (SoleusChartSeries) { t, v, 1201, "This leg" };
  chart.reference = (SoleusChartSeries) { t, rv, 1201, "Healthy leg" };
  chart.has_band = TRUE;
  chart.band_low = 80;
  chart.band_high = 90;
  chart.band_label = "Band";

  cairo_set_source_rgb (cr, magenta.r, magenta.g, magenta.b);
  cairo_paint (cr);
  soleus_chart_paint (cr, &chart, SOLEUS_PALETTE_LIGHT, 20, 10, 640, 300);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  bg = pixel_at (s, 0, 0);

  /* The plot area: the longest run of painted pixels across the middle
   * row, then down a column a quarter of the way in (off the time grid),
   * then across the row of 50 mmHg (off the value grid). */
  plot_edges (s, bg, &panel, 160, TRUE, 700, &left, &right);
  plot_edges (s, bg, &panel, (int) COL_OF (13), FALSE, 340, &top, &bottom);
  plot_edges (s, bg, &panel, (int) ROW_OF (50), TRUE, 700, &left, &right);
  g_test_message ("plot area from %.2f,%.2f to %.2f,%.2f", left, top, right, bottom);
  g_assert_cmpfloat (left, >, 20);
  g_assert_cmpfloat (right, <, 660);
  g_assert_cmpfloat (top, >, 10);
  g_assert_cmpfloat (bottom, <, 310);
  g_assert_cmpfloat (right - left, >, 400);
  g_assert_cmpfloat (bottom - top, >, 150);
  g_assert_true (pixel_near (pixel_at (s, (int) left + 3, (int) top + 3), &panel, 3));

  /* The trace: 25 mmHg before the step, 75 after, one line thick. */
  measured = centre_in_column (s, (int) COL_OF (15), (int) top, (int) bottom, &pal->series, &n);
  g_test_message ("25 mmHg at 15 s: row %.2f, predicted %.2f", measured, ROW_OF (25));
  g_assert_cmpfloat (fabs (measured - ROW_OF (25)), <=, tolerance);
  g_assert_cmpint (n, <=, (int) ceil (2.4 * pal->line_scale) + 1);
  measured = centre_in_column (s, (int) COL_OF (45), (int) top, (int) bottom, &pal->series, &n);
  g_test_message ("75 mmHg at 45 s: row %.2f, predicted %.2f", measured, ROW_OF (75));
  g_assert_cmpfloat (fabs (measured - ROW_OF (75)), <=, tolerance);
  g_assert_cmpint (n, <=, (int) ceil (2.4 * pal->line_scale) + 1);

  /* The step: where the trace crosses 50 mmHg, at 30 s. */
  measured = centre_in_row (s, (int) ROW_OF (50), (int) left, (int) right, &pal->series);
  g_test_message ("the step at 30 s: column %.2f, predicted %.2f", measured, COL_OF (30));
  g_assert_cmpfloat (fabs (measured - COL_OF (30)), <=, tolerance);

  /* The dashed reference at 60 mmHg: found in many columns, always on its
   * row. */
  {
    int found = 0, columns = 0;

    for (double ts = 2; ts < 58; ts += 0.5)
      {
        double row = centre_in_column (s, (int) COL_OF (ts), (int) top, (int) bottom,
                                       &pal->reference, &n);

        columns++;
        if (isnan (row))
          continue;
        found++;
        g_assert_cmpfloat (fabs (row - ROW_OF (60)), <=, tolerance);
      }
    g_test_message ("reference at 60 mmHg found in %d of %d columns", found, columns);
    g_assert_cmpint (found, >, columns / 3);
  }

  /* The band from 80 to 90 mmHg, at 15 s: its rows of full colour lie
   * between its edges, within the pixel each edge shares. */
  {
    int first = -1, last = -1;

    for (int y = (int) top; y <= (int) bottom; y++)
      if (pixel_near (pixel_at (s, (int) COL_OF (15), y), &band, 3))
        {
          if (first < 0)
            first = y;
          last = y;
        }
    g_test_message ("band at 15 s: full rows %d to %d, predicted edges %.2f and %.2f",
                    first, last, ROW_OF (90), ROW_OF (80));
    g_assert_cmpint (first, >=, 0);
    g_assert_cmpfloat (first, >=, ROW_OF (90) - tolerance);
    g_assert_cmpfloat (first, <=, ROW_OF (90) + 1);
    g_assert_cmpfloat (last + 1, <=, ROW_OF (80) + tolerance);
    g_assert_cmpfloat (last + 1, >=, ROW_OF (80) - 1);
  }

#undef ROW_OF
#undef COL_OF
  cairo_surface_destroy (s);
}

static void
test_degenerate (void)
{
  SoleusChart chart = { 0 };
  double t[1] = { 5 }, v[1] = { NAN };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 120);
  cairo_t *cr = cairo_create (s);

  /* empty, one NaN sample, tiny: no crash, no Cairo error */
  soleus_chart_paint (cr, &chart, SOLEUS_PALETTE_LIGHT, 0, 0, 300, 120);
  chart.current = (SoleusChartSeries) { t, v, 1, NULL };
  chart.window_s = 7200;
  soleus_chart_paint (cr, &chart, SOLEUS_PALETTE_DARK, 0, 0, 300, 120);
  soleus_chart_paint (cr, &chart, SOLEUS_PALETTE_DARK, 0, 0, 10, 10);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  render_test_pin_fonts ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/chart/nice-step", test_nice_step);
  g_test_add_func ("/render/chart/paint", test_paint);
  g_test_add_func ("/render/chart/value-position", test_value_position);
  g_test_add_func ("/render/chart/degenerate", test_degenerate);

  return g_test_run ();
}
