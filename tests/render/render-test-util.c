/* render-test-util.c: hand-made snapshots for the render tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "render-test-util.h"
#include "soleus-gait.h"

static double
bump (double phase,
      double start,
      double end)
{
  if (phase < start || phase > end)
    return 0;
  return sin (G_PI * (phase - start) / (end - start));
}

static void
base_snapshot (SoleusSnapshot *out,
               double          time_s)
{
  memset (out, 0, sizeof *out);
  out->time_s = time_s;
  out->step = (guint64) llround (time_s / SOLEUS_STEP_S);

  /* every control at its default (a full range of ankle movement, no
   * stocking...), then standing */
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    out->control[i] = soleus_param_info (i)->default_value;
  out->control[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  out->control[SOLEUS_PARAM_WEIGHT_KG] = 75;
  out->control[SOLEUS_PARAM_HEIGHT_CM] = 175;

  for (int i = 0; i < SOLEUS_N_VESSELS; i++)
    {
      out->vessel[i].fill = 1.0;
      out->vessel[i].velocity_cm_s = 5.0;
      out->vessel[i].flow_ml_s = 1.0;
      out->vessel[i].volume_ml = 20;
      out->vessel[i].pressure_mmhg = 10;
    }
  for (int i = 0; i < SOLEUS_N_VALVES; i++)
    {
      out->valve[i].open = 1.0;
      out->valve[i].flow_ml_s = 1.0;
    }

  out->heart_rate_bpm = 70;
  out->heart_phase = fmod (time_s * 70.0 / 60.0, 1.0);
}

void
render_test_snapshot_walking (SoleusSnapshot *out,
                              double          gait_phase,
                              double          time_s)
{
  double ph = gait_phase - floor (gait_phase);
  /* soleus contraction in late stance, calf refilling in swing */
  double act = bump (ph, 0.22, 0.64);
  double load = ph < 0.62 ? 0.4 + 0.6 * bump (ph, -0.05, 0.65) : 0;
  double eject = act;
  double refill = 1 - act;

  base_snapshot (out, time_s);
  out->control[SOLEUS_PARAM_SPEED_KMH] = 3.0;
  out->walking = TRUE;
  out->gait_phase = ph;
  soleus_gait_angles (ph, &out->hip_angle_deg, &out->knee_angle_deg,
                      &out->ankle_angle_deg);
  out->foot_load = load;
  out->soleus_activation = act;
  out->soleus_pressure_mmhg = 170 * act;
  out->plantar_squeeze_mmhg = 90 * (ph < 0.6 ? bump (ph, 0.0, 0.6) : 0);

  out->vessel[SOLEUS_VESSEL_PLANTAR].fill = 1.0 - 0.6 * bump (ph, 0.0, 0.6);
  out->vessel[SOLEUS_VESSEL_CALF_DEEP_LOWER].fill = 0.7 + 0.4 * refill;
  out->vessel[SOLEUS_VESSEL_CALF_DEEP_UPPER].fill = 0.45 + 0.7 * refill - 0.2 * eject;
  out->vessel[SOLEUS_VESSEL_POPLITEAL].fill = 1.0 + 0.3 * eject;
  out->vessel[SOLEUS_VESSEL_FEMORAL].fill = 1.0 + 0.3 * eject;

  out->vessel[SOLEUS_VESSEL_FOOT_MICRO].velocity_cm_s = 3;
  out->vessel[SOLEUS_VESSEL_PLANTAR].velocity_cm_s = 4 + 25 * bump (ph, 0.0, 0.5);
  out->vessel[SOLEUS_VESSEL_CALF_DEEP_LOWER].velocity_cm_s = 6 + 10 * refill;
  out->vessel[SOLEUS_VESSEL_CALF_DEEP_UPPER].velocity_cm_s = 3 + 45 * eject;
  out->vessel[SOLEUS_VESSEL_POPLITEAL].velocity_cm_s = 4 + 45 * eject;
  out->vessel[SOLEUS_VESSEL_FEMORAL].velocity_cm_s = 6 + 35 * eject;
  out->vessel[SOLEUS_VESSEL_ILIAC].velocity_cm_s = 10 + 20 * eject;
  out->vessel[SOLEUS_VESSEL_ABDOMINAL_IVC].velocity_cm_s = 15;
  out->vessel[SOLEUS_VESSEL_THORACIC_IVC].velocity_cm_s = 18;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_CALF].velocity_cm_s = 3;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_THIGH].velocity_cm_s = 4;

  /* proximal valves open during ejection, shut during refill; the valves
   * below the pump the other way round */
  out->valve[SOLEUS_VALVE_FOOT_OUTLET].open = ph < 0.55 ? 1.0 : 0.3;
  out->valve[SOLEUS_VALVE_CALF_LOWER].open = act > 0.3 ? 0.0 : 1.0;
  out->valve[SOLEUS_VALVE_CALF_UPPER].open = act > 0.15 ? 1.0 : 0.4;
  out->valve[SOLEUS_VALVE_POPLITEAL].open = act > 0.15 ? 1.0 : 0.0;
  out->valve[SOLEUS_VALVE_FEMORAL].open = act > 0.1 ? 1.0 : 0.2;
  out->valve[SOLEUS_VALVE_PERFORATOR].open = act > 0.2 ? 0.0 : 1.0;
  out->valve[SOLEUS_VALVE_SAPHENOUS].open = 0.8;
  out->valve[SOLEUS_VALVE_SAPHENOFEMORAL].open = 0.9;
  out->valve[SOLEUS_VALVE_PERFORATOR].flow_ml_s = act > 0.2 ? 0.0 : 0.8;
}

void
render_test_snapshot_standing (SoleusSnapshot *out,
                               double          time_s)
{
  base_snapshot (out, time_s);
  out->foot_load = 1.0;
  out->soleus_activation = 0.04;
  out->soleus_pressure_mmhg = 8;
  out->plantar_squeeze_mmhg = 20;
  out->tissue_fluid_change_ml = 55;

  for (int i = SOLEUS_VESSEL_FOOT_MICRO; i <= SOLEUS_VESSEL_FEMORAL; i++)
    {
      out->vessel[i].fill = 2.0;
      out->vessel[i].velocity_cm_s = 2.0;
    }
  out->vessel[SOLEUS_VESSEL_CALF_DEEP_UPPER].fill = 2.6;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_CALF].fill = 1.8;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_THIGH].fill = 1.5;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_CALF].velocity_cm_s = 1.0;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_THIGH].velocity_cm_s = 1.0;
  for (int i = 0; i < SOLEUS_N_VALVES; i++)
    out->valve[i].open = 0.75;
  out->valve[SOLEUS_VALVE_PERFORATOR].flow_ml_s = 0.1;
}

void
render_test_snapshot_reflux (SoleusSnapshot *out,
                             double          gait_phase,
                             double          time_s)
{
  render_test_snapshot_walking (out, gait_phase, time_s);
  out->control[SOLEUS_PARAM_VALVE_WEAKNESS] = 1.0;
  out->control[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_BOTH;
  out->tissue_fluid_change_ml = 110;

  for (int i = 0; i < SOLEUS_N_VALVES; i++)
    out->valve[i].leak = i == SOLEUS_VALVE_FOOT_OUTLET ? 0.0 : 0.09;

  for (int i = SOLEUS_VESSEL_CALF_DEEP_LOWER; i <= SOLEUS_VESSEL_FEMORAL; i++)
    out->vessel[i].fill = MAX (out->vessel[i].fill, 1.9);
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_CALF].fill = 2.6;
  out->vessel[SOLEUS_VESSEL_SAPHENOUS_THIGH].fill = 2.3;

  if (out->soleus_activation < 0.15)
    {
      /* relaxation: blood falls back down through the leaking valves */
      for (int v = SOLEUS_VALVE_CALF_UPPER; v < SOLEUS_N_VALVES; v++)
        {
          out->valve[v].open = 0.0;
          out->valve[v].flow_ml_s = -2.5;
        }
      out->valve[SOLEUS_VALVE_PERFORATOR].flow_ml_s = -1.0;
      out->vessel[SOLEUS_VESSEL_CALF_DEEP_UPPER].velocity_cm_s = -12;
      out->vessel[SOLEUS_VESSEL_POPLITEAL].velocity_cm_s = -18;
      out->vessel[SOLEUS_VESSEL_FEMORAL].velocity_cm_s = -14;
      out->vessel[SOLEUS_VESSEL_SAPHENOUS_CALF].velocity_cm_s = -10;
      out->vessel[SOLEUS_VESSEL_SAPHENOUS_THIGH].velocity_cm_s = -14;
    }
}

void
render_test_snapshot_posture (SoleusSnapshot *out,
                              SoleusPosture   posture)
{
  base_snapshot (out, 1.0);
  out->control[SOLEUS_PARAM_POSTURE] = posture;
  switch (posture)
    {
    case SOLEUS_POSTURE_SITTING:
      out->hip_angle_deg = 90;
      out->knee_angle_deg = 90;
      out->foot_load = 0.2;
      break;
    case SOLEUS_POSTURE_LEGS_UP:
      out->hip_angle_deg = 30;
      out->knee_angle_deg = 15;
      out->ankle_angle_deg = -15;
      for (int i = 0; i < SOLEUS_N_VESSELS; i++)
        out->vessel[i].fill = 0.6;
      break;
    case SOLEUS_POSTURE_SUPINE:
      out->ankle_angle_deg = -20;
      break;
    case SOLEUS_POSTURE_STANDING:
    default:
      out->foot_load = 1.0;
      break;
    }
}

void
render_test_pin_fonts (void)
{
  PangoFontMap *map;
  PangoContext *context;
  PangoFont *font;
  PangoFontDescription *desc;
  PangoFontDescription *found;
  g_autofree char *family = NULL;

  g_setenv ("FONTCONFIG_FILE", TEST_FONTS_CONF, TRUE);

  map = pango_cairo_font_map_get_default ();
  context = pango_font_map_create_context (map);
  desc = pango_font_description_from_string ("Sans 12");
  font = pango_font_map_load_font (map, context, desc);
  pango_font_description_free (desc);
  g_object_unref (context);
  if (font == NULL)
    g_error ("no font at all under %s: install fonts-dejavu-core", TEST_FONTS_CONF);
  found = pango_font_describe (font);
  g_object_unref (font);
  family = g_strdup (pango_font_description_get_family (found));
  pango_font_description_free (found);
  if (g_strcmp0 (family, "DejaVu Sans") != 0)
    g_error ("\"Sans\" is %s, not DejaVu Sans, under %s: install fonts-dejavu-core",
             family, TEST_FONTS_CONF);
}

double
render_test_compare (cairo_surface_t *a,
                     cairo_surface_t *b,
                     int              channel_tolerance,
                     const char      *diff_path)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  cairo_surface_t *diff = NULL;
  guint64 bad = 0;

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return 1.0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  if (diff_path != NULL)
    diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);

  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             y * cairo_image_surface_get_stride (b));
      guint32 *rd = diff ? (guint32 *) (cairo_image_surface_get_data (diff) +
                                        y * cairo_image_surface_get_stride (diff)) : NULL;

      for (int x = 0; x < w; x++)
        {
          int m = 0;

          for (int c = 0; c < 24; c += 8)
            m = MAX (m, ABS ((int) ((ra[x] >> c) & 0xff) - (int) ((rb[x] >> c) & 0xff)));
          if (m > channel_tolerance)
            bad++;
          if (rd != NULL)
            {
              guint32 grey = ((ra[x] & 0xff) + ((ra[x] >> 8) & 0xff) + ((ra[x] >> 16) & 0xff)) / 12 + 160;

              rd[x] = m > channel_tolerance ? 0xffff0000 : (grey << 16 | grey << 8 | grey);
            }
        }
    }

  if (diff != NULL)
    {
      cairo_surface_mark_dirty (diff);
      cairo_surface_write_to_png (diff, diff_path);
      cairo_surface_destroy (diff);
    }

  return (double) bad / ((double) w * h);
}

guint
render_test_count_diff_in (cairo_surface_t         *a,
                           cairo_surface_t         *b,
                           const cairo_rectangle_t *rect,
                           int                      tolerance)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  int x0 = MAX (0, (int) floor (rect->x));
  int y0 = MAX (0, (int) floor (rect->y));
  int x1 = MIN (w, (int) ceil (rect->x + rect->width));
  int y1 = MIN (h, (int) ceil (rect->y + rect->height));
  guint n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = y0; y < y1; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             y * cairo_image_surface_get_stride (b));

      for (int x = x0; x < x1; x++)
        for (int c = 0; c < 24; c += 8)
          if (ABS ((int) ((ra[x] >> c) & 0xff) - (int) ((rb[x] >> c) & 0xff)) > tolerance)
            {
              n++;
              break;
            }
    }
  return n;
}

guint
render_test_max_tile_diff (cairo_surface_t   *a,
                           cairo_surface_t   *b,
                           int                tile,
                           int                tolerance,
                           cairo_rectangle_t *where)
{
  int w = MIN (cairo_image_surface_get_width (a), cairo_image_surface_get_width (b));
  int h = MIN (cairo_image_surface_get_height (a), cairo_image_surface_get_height (b));
  guint most = 0;

  for (int y = 0; y < h; y += tile)
    for (int x = 0; x < w; x += tile)
      {
        cairo_rectangle_t r = { x, y, MIN (tile, w - x), MIN (tile, h - y) };
        guint n = render_test_count_diff_in (a, b, &r, tolerance);

        if (n > most)
          {
            most = n;
            if (where != NULL)
              *where = r;
          }
      }
  return most;
}
