/* test-chart.c: the strip chart
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>

#include <glib.h>

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
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/chart/nice-step", test_nice_step);
  g_test_add_func ("/render/chart/paint", test_paint);
  g_test_add_func ("/render/chart/degenerate", test_degenerate);

  return g_test_run ();
}
