/* test-laws.c: unit tests of the vein law, the valve law, the gait
 * waveforms, the abdomen and the parameter table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "soleus-model.h"
#include "soleus-model-private.h"
#include "soleus-number.h"

/* The vein law (Heldt 2002 J Appl Physiol 92:1239 for the full side,
 * Shapiro 1977 J Biomech Eng 99:126 for collapse): monotonic, slope 1/c0
 * just above V0, stiffening when full, collapsing to minus infinity. */
static void
test_vein_law (void)
{
  const double v0 = 12.0, vmax = 65.0, c0 = 2.5;
  double last = -HUGE_VAL;
  double slope_lo, slope_hi;

  g_assert_cmpfloat_with_epsilon (soleus_vein_transmural_mmhg (v0, v0, vmax, c0), 0.0, 1e-12);
  for (double v = 1e-6; v < v0 + 2 * vmax; v *= 1.01)
    {
      double p = soleus_vein_transmural_mmhg (v, v0, vmax, c0);
      g_assert_true (isfinite (p));
      g_assert_cmpfloat (p, >, last);
      last = p;
    }
  slope_lo = (soleus_vein_transmural_mmhg (v0 + 0.01, v0, vmax, c0)
              - soleus_vein_transmural_mmhg (v0, v0, vmax, c0)) / 0.01;
  g_assert_cmpfloat_with_epsilon (slope_lo, 1.0 / c0, 1e-3);
  slope_hi = (soleus_vein_transmural_mmhg (v0 + 0.8 * vmax + 0.01, v0, vmax, c0)
              - soleus_vein_transmural_mmhg (v0 + 0.8 * vmax, v0, vmax, c0)) / 0.01;
  g_assert_cmpfloat (slope_hi, >, 5.0 / c0);
  g_assert_cmpfloat (soleus_vein_transmural_mmhg (0.5 * v0, v0, vmax, c0), <, 0.0);
  g_assert_cmpfloat (soleus_vein_transmural_mmhg (0.001 * v0, v0, vmax, c0), <, -1000.0);

  g_assert_cmpfloat_with_epsilon (soleus_vein_collapse_factor (2 * v0, v0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_vein_collapse_factor (0.5 * v0, v0), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_vein_collapse_factor (0.0, v0), 0.0, 1e-12);
}

/* Mynard 2012 Int J Numer Method Biomed Eng 28:626: the valve opens with a
 * forward pressure difference, closes with a backward one, stays in [0,1];
 * its area runs from the leak to full. */
static void
test_valve_law (void)
{
  g_assert_cmpfloat (soleus_valve_dzdt (0.5, 2.0), >, 0.0);
  g_assert_cmpfloat (soleus_valve_dzdt (0.5, -2.0), <, 0.0);
  g_assert_cmpfloat_with_epsilon (soleus_valve_dzdt (1.0, 5.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_valve_dzdt (0.0, -5.0), 0.0, 1e-12);
  /* Saturation: no faster than about 50 per second, whatever the drop. */
  g_assert_cmpfloat (fabs (soleus_valve_dzdt (1.0, -1e6)), <, 60.0);
  g_assert_cmpfloat (fabs (soleus_valve_dzdt (0.0, 1e6)), <, 80.0);

  g_assert_cmpfloat_with_epsilon (soleus_valve_area (0.0, 0.05), 0.05, 1e-15);
  g_assert_cmpfloat_with_epsilon (soleus_valve_area (1.0, 0.05), 1.0, 1e-15);

  /* The weakness map: 0 competent; leaks of 0.02-0.1 (mild to severe,
   * physiology.md) at the middle of the slider; monotonic. */
  g_assert_cmpfloat_with_epsilon (soleus_valve_leak_from_weakness (0.0), 0.0, 1e-12);
  g_assert_cmpfloat (soleus_valve_leak_from_weakness (0.3), >=, 0.015);
  g_assert_cmpfloat (soleus_valve_leak_from_weakness (0.3), <=, 0.03);
  g_assert_cmpfloat (soleus_valve_leak_from_weakness (0.6), >=, 0.08);
  g_assert_cmpfloat (soleus_valve_leak_from_weakness (0.6), <=, 0.12);
  for (double w = 0.0; w < 1.0; w += 0.01)
    g_assert_cmpfloat (soleus_valve_leak_from_weakness (w + 0.01), >,
                       soleus_valve_leak_from_weakness (w));
}

/* Gait waveforms (physiology.md section 3): heel strike at 0, the plexus
 * squeezed in stance 0-0.6, the soleus in late stance 0.25-0.65. */
static void
test_gait (void)
{
  g_assert_cmpfloat_with_epsilon (soleus_gait_soleus_shape (0.1), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_gait_soleus_shape (0.8), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_gait_soleus_shape (0.45), 1.0, 1e-12);
  g_assert_cmpfloat (soleus_gait_plantar_shape (0.3), >, 0.9);
  g_assert_cmpfloat_with_epsilon (soleus_gait_plantar_shape (0.7), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_gait_thigh_shape (0.3), 0.0, 1e-12);
  for (double ph = 0.0; ph < 1.0; ph += 0.001)
    {
      g_assert_cmpfloat (soleus_gait_soleus_shape (ph), >=, 0.0);
      g_assert_cmpfloat (soleus_gait_soleus_shape (ph), <=, 1.0);
    }
  /* Cadence follows speed: about 0.86 strides per second at 3 km/h. */
  g_assert_cmpfloat_with_epsilon (soleus_gait_stride_hz (3.0), 0.86, 0.05);
  g_assert_cmpfloat (soleus_gait_stride_hz (6.0), >, soleus_gait_stride_hz (3.0));
  /* Soleus peak 150-180 mmHg at walking pace (Ballard 1998: 181 +/- 69). */
  g_assert_cmpfloat (300.0 * soleus_gait_activation (3.0), >=, 150.0);
  g_assert_cmpfloat (300.0 * soleus_gait_activation (3.0), <=, 180.0);
}

/* IAP_supine = 2 + 0.35 (BMI - 22), clipped to 0-20; upright adds a few
 * mmHg (physiology.md; Sugerman 1997 J Intern Med 241:71). */
static void
test_iap (void)
{
  double bmi = 75.0 / (1.75 * 1.75);

  g_assert_cmpfloat_with_epsilon (soleus_iap_mmhg (75, 175, SOLEUS_POSTURE_SUPINE),
                                  2.0 + 0.35 * (bmi - 22.0), 1e-9);
  g_assert_cmpfloat (soleus_iap_mmhg (75, 175, SOLEUS_POSTURE_STANDING), >,
                     soleus_iap_mmhg (75, 175, SOLEUS_POSTURE_SUPINE));
  g_assert_cmpfloat_with_epsilon (soleus_iap_mmhg (40, 210, SOLEUS_POSTURE_SUPINE), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_iap_mmhg (200, 140, SOLEUS_POSTURE_SUPINE), 20.0, 1e-12);
  /* Morbid obesity: 9-13 mmHg supine. */
  g_assert_cmpfloat (soleus_iap_mmhg (130, 175, SOLEUS_POSTURE_SUPINE), >=, 9.0);
  g_assert_cmpfloat (soleus_iap_mmhg (130, 175, SOLEUS_POSTURE_SUPINE), <=, 13.0);
}

static void
test_param_table (void)
{
  static const char *const names[SOLEUS_N_PARAMS] = {
    "posture", "speed", "ankle-exercise", "valve-weakness", "reflux-site",
    "atrophy", "weight", "height", "obstruction", "compression", "ankle-mobility"
  };

  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) i);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->name, ==, names[i]);
      g_assert_cmpint (soleus_param_find (names[i]), ==, i);
      g_assert_true (info->label != NULL && info->label[0] != '\0');
      g_assert_true (info->blurb != NULL && info->blurb[0] != '\0');
      g_assert_nonnull (info->unit);
      g_assert_cmpfloat (info->min, <, info->max);
      g_assert_true (soleus_param_in_range ((SoleusParamId) i, info->default_value));
      g_assert_true (soleus_param_in_range ((SoleusParamId) i, info->healthy_value));
      g_assert_cmpfloat (info->step, >, 0.0);
      if (info->choices != NULL)
        {
          int n = 0;
          while (info->choices[n] != NULL)
            {
              g_assert_nonnull (info->choice_labels[n]);
              n++;
            }
          g_assert_null (info->choice_labels[n]);
          g_assert_cmpfloat_with_epsilon (info->max, n - 1, 1e-12);
          g_assert_null (info->marks[0].label);
        }
      else
        {
          int n = 0;

          /* A slider is marked at both ends and, between, at its key
           * points, in order; the healthy value among them. */
          while (n < SOLEUS_PARAM_MAX_MARKS && info->marks[n].label != NULL)
            {
              if (n > 0)
                g_assert_cmpfloat (info->marks[n - 1].value, <, info->marks[n].value);
              n++;
            }
          g_assert_cmpint (n, >=, 3);
          g_assert_cmpfloat_with_epsilon (info->marks[0].value, info->min, 1e-12);
          g_assert_cmpfloat_with_epsilon (info->marks[n - 1].value, info->max, 1e-12);
          {
            gboolean healthy_marked = FALSE;

            for (int k = 0; k < n; k++)
              healthy_marked |= G_APPROX_VALUE (info->marks[k].value, info->healthy_value, 1e-12);
            g_assert_true (healthy_marked);
          }
        }
    }
  g_assert_null (soleus_param_info (SOLEUS_N_PARAMS));
  g_assert_cmpint (soleus_param_find ("nope"), ==, -1);
  g_assert_cmpint (soleus_param_find (NULL), ==, -1);
  g_assert_cmpstr (soleus_param_info (SOLEUS_PARAM_SPEED_KMH)->unit, ==, "km/h");
  g_assert_cmpstr (soleus_param_info (SOLEUS_PARAM_WEIGHT_KG)->unit, ==, "kg");
  g_assert_cmpstr (soleus_param_info (SOLEUS_PARAM_COMPRESSION_MMHG)->unit, ==, "mmHg");
  g_assert_cmpfloat_with_epsilon (soleus_param_info (SOLEUS_PARAM_REFLUX_SITE)->default_value,
                                  SOLEUS_REFLUX_BOTH, 1e-12);
  g_assert_true (soleus_param_info (SOLEUS_PARAM_OBSTRUCTION)->advanced);
  g_assert_true (soleus_param_info (SOLEUS_PARAM_COMPRESSION_MMHG)->advanced);
}

static void
test_param_parse (void)
{
  double v = -1.0;

  g_assert_true (soleus_param_parse (SOLEUS_PARAM_POSTURE, "standing", &v));
  g_assert_cmpfloat_with_epsilon (v, SOLEUS_POSTURE_STANDING, 1e-12);
  g_assert_true (soleus_param_parse (SOLEUS_PARAM_POSTURE, "legs-up", &v));
  g_assert_cmpfloat_with_epsilon (v, SOLEUS_POSTURE_LEGS_UP, 1e-12);
  g_assert_true (soleus_param_parse (SOLEUS_PARAM_REFLUX_SITE, "deep", &v));
  g_assert_cmpfloat_with_epsilon (v, SOLEUS_REFLUX_DEEP, 1e-12);
  g_assert_true (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "3.5", &v));
  g_assert_cmpfloat_with_epsilon (v, 3.5, 1e-12);
  g_assert_true (soleus_param_parse (SOLEUS_PARAM_WEIGHT_KG, "120", &v));
  g_assert_cmpfloat_with_epsilon (v, 120.0, 1e-12);
  g_assert_true (soleus_param_parse (SOLEUS_PARAM_POSTURE, "1", &v));
  g_assert_cmpfloat_with_epsilon (v, 1.0, 1e-12);

  v = 42.0;
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "7", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "-1", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "fast", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "3x", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "nan", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "inf", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, "0x3", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_POSTURE, "flying", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_POSTURE, "1.5", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_POSTURE, "4", &v));
  g_assert_false (soleus_param_parse (SOLEUS_N_PARAMS, "1", &v));
  g_assert_false (soleus_param_parse (SOLEUS_PARAM_SPEED_KMH, NULL, &v));
  g_assert_cmpfloat_with_epsilon (v, 42.0, 1e-12);
}

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* The one number reader: whole strings in the C locale, -0 read as +0 so
 * that it prints and round-trips as 0. */
static void
test_number_parse (void)
{
  static const char *const refused[] = {
    "", " 1", "1 ", "1,5", "0x10", "inf", "-inf", "nan", "1e999", "-1e999", "1e", "--1",
    "1.2.3", "e5", "+", "-", ".", "1\n", "\xd9\xa1",
  };
  g_autofree char *long_text = NULL;
  double v;

  g_assert_true (soleus_number_parse ("0.6", &v));
  g_assert_true (same_bits (v, 0.6));
  g_assert_true (soleus_number_parse ("6e-1", &v));
  g_assert_true (same_bits (v, 0.6));
  g_assert_true (soleus_number_parse ("+3", &v));
  g_assert_true (same_bits (v, 3.0));
  g_assert_true (soleus_number_parse ("-2.5E2", &v));
  g_assert_true (same_bits (v, -250.0));
  g_assert_true (soleus_number_parse (".5", &v));
  g_assert_true (same_bits (v, 0.5));

  /* Negative zeros, however written, are +0: the same bits as "0". */
  for (guint i = 0; i < 4; i++)
    {
      const char *zeros[] = { "-0", "-0.0", "-0e5", "-1e-400" };

      v = 1.0;
      g_assert_true (soleus_number_parse (zeros[i], &v));
      g_assert_true (same_bits (v, 0.0));
      g_assert_false (signbit (v));
    }
  g_assert_false (signbit (soleus_number_normalize (-0.0)));
  g_assert_true (same_bits (soleus_number_normalize (-1.5), -1.5));
  g_assert_true (isnan (soleus_number_normalize (NAN)));

  /* Longer than any buffer on the stack: read all the same. */
  long_text = g_strconcat ("0.", "60000000000000000000000000000000000000000000000000",
                           "00000000000000000000000000000000000000000000000001", NULL);
  g_assert_true (soleus_number_parse (long_text, &v));
  g_assert_true (same_bits (v, 0.6));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      v = 42.0;
      g_assert_false (soleus_number_parse (refused[i], &v));
      g_assert_true (same_bits (v, 42.0));
    }
  g_assert_false (soleus_number_parse (NULL, &v));
}

static void
test_set_param (void)
{
  SoleusModel *m = soleus_model_new ();

  g_assert_nonnull (m);
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    g_assert_cmpfloat_with_epsilon (soleus_model_get_param (m, (SoleusParamId) i),
                                    soleus_param_info ((SoleusParamId) i)->default_value,
                                    1e-12);
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 6.0));
  g_assert_false (soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 6.5));
  g_assert_false (soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, NAN));
  g_assert_false (soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, 0.5));
  g_assert_cmpfloat_with_epsilon (soleus_model_get_param (m, SOLEUS_PARAM_SPEED_KMH), 6.0, 1e-12);
  /* The snapshot shows a new control at once, before the next step (a
   * paused window narrates what was just set). */
  g_assert_cmpfloat_with_epsilon (soleus_model_get_snapshot (m)->control[SOLEUS_PARAM_SPEED_KMH],
                                  6.0, 1e-12);
  /* Speed applies only standing: supine, it is kept but ignored. */
  soleus_model_step (m, 2000);
  g_assert_false (soleus_model_get_snapshot (m)->walking);
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING));
  soleus_model_step (m, 2000);
  g_assert_true (soleus_model_get_snapshot (m)->walking);
  /* Ankle exercise is ignored standing. */
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 0.0));
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, 30.0));
  soleus_model_step (m, 2000);
  g_assert_false (soleus_model_get_snapshot (m)->walking);
  soleus_model_reset (m);
  g_assert_cmpfloat_with_epsilon (soleus_model_get_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN),
                                  0.0, 1e-12);
  g_assert_cmpuint (soleus_model_get_snapshot (m)->step, ==, 0);
  soleus_model_free (m);
  soleus_model_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/laws/vein", test_vein_law);
  g_test_add_func ("/core/laws/valve", test_valve_law);
  g_test_add_func ("/core/laws/gait", test_gait);
  g_test_add_func ("/core/laws/iap", test_iap);
  g_test_add_func ("/core/params/table", test_param_table);
  g_test_add_func ("/core/params/parse", test_param_parse);
  g_test_add_func ("/core/number/parse", test_number_parse);
  g_test_add_func ("/core/params/set", test_set_param);

  return g_test_run ();
}
