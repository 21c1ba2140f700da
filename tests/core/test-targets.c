/* test-targets.c: the validation targets P1-P12 of physiology.md
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test cites the measurement it checks. The bounds are physiology.md's
 * and are not to be loosened: a test that fails is telling us about the
 * model. Every test prints its values (g_test_message, "#" lines of TAP),
 * from which MODEL.md's table is filled.
 */

#include <glib.h>
#include <math.h>

#include "soleus-model.h"
#include "soleus-model-private.h"
#include "soleus-protocol.h"
#include "soleus-scenario.h"

#define STEPS_PER_S 1000

/* The varicose and post-thrombotic legs of the scenarios. */
#define SUPERFICIAL_WEAKNESS 0.6
#define DEEP_WEAKNESS 1.0
#define PT_OBSTRUCTION 0.7

static SoleusModel *
model_in (SoleusPosture posture)
{
  SoleusModel *m = soleus_model_new ();

  g_assert_nonnull (m);
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, posture));
  return m;
}

/* P1: motionless 3 min. Standing ankle 76-95 mmHg (Stick 1992 J Appl
 * Physiol 72:2063: 84 median; Stick 1993 Eur J Appl Physiol 66:434: 75-79;
 * Perry 1986 J Appl Physiol 60:2114: foot 95); sitting 55-72 (Spacil 2019
 * Clin Cardiol Res: about 70); supine 4-17 (Stick 1993: ankle 7; Perry 1986:
 * foot 17); legs raised 30 cm: at most right atrial + 3 mmHg. */
static void
test_p1_posture (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusPostureResult r;

  soleus_controls_init_defaults (c);
  g_assert_true (soleus_protocol_posture (c, &r));
  g_test_message ("P1 standing %.1f sitting %.1f supine %.1f legs-up %.1f RA %.1f mmHg",
                  r.standing_mmhg, r.sitting_mmhg, r.supine_mmhg, r.legs_up_mmhg,
                  r.right_atrial_mmhg);
  g_assert_cmpfloat (r.standing_mmhg, >=, 76.0);
  g_assert_cmpfloat (r.standing_mmhg, <=, 95.0);
  g_assert_cmpfloat (r.sitting_mmhg, >=, 55.0);
  g_assert_cmpfloat (r.sitting_mmhg, <=, 72.0);
  g_assert_cmpfloat (r.supine_mmhg, >=, 4.0);
  g_assert_cmpfloat (r.supine_mmhg, <=, 17.0);
  g_assert_cmpfloat (r.legs_up_mmhg, <=, r.right_atrial_mmhg + 3.0);
}

/* P2 and P3: walking 3 km/h from steady standing. Plateau 15-35 mmHg
 * (Stick 1992: 23.5 median at 3 km/h), a fall of at least 55% (Pollack &
 * Wood 1949 J Clin Invest 28:559: 64 (54-71) mmHg), reached within 15
 * strides and 60 s (Stick 1993: within the first minute). After stopping,
 * RT90 20-60 s (Pollack & Wood 1949: 31 (8-57) s). */
static void
test_p2_p3_avp (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusAvpResult r;

  soleus_controls_init_defaults (c);
  g_assert_true (soleus_protocol_avp (c, &r));
  g_test_message ("P2 standing %.1f walking %.1f drop %.1f mmHg "
                  "(%.1f%%) plateau after %d strides, %.1f s",
                  r.standing_mmhg, r.walking_mmhg, r.drop_mmhg, r.drop_percent,
                  r.strides_to_plateau, r.seconds_to_plateau);
  g_test_message ("P3 RT90 %.1f s", r.rt90_s);
  g_assert_cmpfloat (r.walking_mmhg, >=, 15.0);
  g_assert_cmpfloat (r.walking_mmhg, <=, 35.0);
  g_assert_cmpfloat (r.drop_percent, >=, 55.0);
  g_assert_cmpint (r.strides_to_plateau, <=, 15);
  g_assert_cmpfloat (r.seconds_to_plateau, <=, 60.0);
  g_assert_true (isfinite (r.rt90_s));
  g_assert_cmpfloat (r.rt90_s, >=, 20.0);
  g_assert_cmpfloat (r.rt90_s, <=, 60.0);
}

/* P4: superficial valve weakness (saphenous and perforator valves leak):
 * a fall of 25-50 mmHg and RT90 under 10 s (Pollack & Wood 1949:
 * superficial reflux, fall 37 (30-47) mmHg, refill 2.8 (1.2-5.5) s). */
static void
test_p4_superficial (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusAvpResult r;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = SUPERFICIAL_WEAKNESS;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_SUPERFICIAL;
  g_assert_true (soleus_protocol_avp (c, &r));
  g_test_message ("P4 standing %.1f walking %.1f drop %.1f mmHg RT90 %.1f s",
                  r.standing_mmhg, r.walking_mmhg, r.drop_mmhg, r.rt90_s);
  g_assert_cmpfloat (r.drop_mmhg, >=, 25.0);
  g_assert_cmpfloat (r.drop_mmhg, <=, 50.0);
  g_assert_true (isfinite (r.rt90_s));
  g_assert_cmpfloat (r.rt90_s, <, 10.0);
}

/* P5: deep valve weakness plus outflow obstruction (post-thrombotic): a
 * fall of at most 25 mmHg and RT90 under 5 s (Pollack & Wood 1949: fall
 * 11 (5-13) mmHg, refill < 1 s). A fall too small to time counts as an
 * instant refill. */
static void
test_p5_post_thrombotic (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusAvpResult r;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = DEEP_WEAKNESS;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_DEEP;
  c[SOLEUS_PARAM_OBSTRUCTION] = PT_OBSTRUCTION;
  g_assert_true (soleus_protocol_avp (c, &r));
  g_test_message ("P5 standing %.1f walking %.1f drop %.1f mmHg RT90 %.1f s",
                  r.standing_mmhg, r.walking_mmhg, r.drop_mmhg, r.rt90_s);
  g_assert_cmpfloat (r.drop_mmhg, <=, 25.0);
  if (isfinite (r.rt90_s))
    g_assert_cmpfloat (r.rt90_s, <, 5.0);
}

/* P6: backflow after a distal squeeze is released, standing (the duplex
 * reflux test, cuff compression and release; thresholds from Labropoulos
 * 2003 J Vasc Surg 38:793): competent valves close
 * with backflow under 0.5 s (superficial), 1 s (popliteal, femoral) and
 * 0.35 s (perforators); weak valves exceed these thresholds. "Weak" here is
 * the middle of the slider (0.6, leak 0.1), both sites. */
#define P6_WEAKNESS 0.6

static void
squeeze_backflow (double weakness,
                  double out[SOLEUS_N_VALVES])
{
  SoleusModel *m = model_in (SOLEUS_POSTURE_STANDING);

  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_VALVE_WEAKNESS, weakness));
  soleus_model_step (m, 120 * STEPS_PER_S);
  g_assert_true (soleus_model_squeeze_calf (m, 1.0));
  soleus_model_step (m, 1100);
  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    out[v] = 0.0;
  for (int k = 0; k < 1000; k++)
    {
      SoleusReadouts r;

      soleus_model_step (m, 10);
      soleus_model_get_readouts (m, &r);
      for (int v = 0; v < SOLEUS_N_VALVES; v++)
        if (r.backflow_s[v] > out[v])
          out[v] = r.backflow_s[v];
    }
  soleus_model_free (m);
}

static void
test_p6_backflow (void)
{
  double healthy[SOLEUS_N_VALVES], weak[SOLEUS_N_VALVES];

  squeeze_backflow (0.0, healthy);
  squeeze_backflow (P6_WEAKNESS, weak);
  g_test_message ("P6 competent: saphenous %.2f saphenofemoral %.2f "
                  "perforator %.2f popliteal %.2f femoral %.2f s",
                  healthy[SOLEUS_VALVE_SAPHENOUS], healthy[SOLEUS_VALVE_SAPHENOFEMORAL],
                  healthy[SOLEUS_VALVE_PERFORATOR], healthy[SOLEUS_VALVE_POPLITEAL],
                  healthy[SOLEUS_VALVE_FEMORAL]);
  g_test_message ("P6 weak (%.1f, both): saphenous %.2f saphenofemoral %.2f "
                  "perforator %.2f popliteal %.2f femoral %.2f s",
                  P6_WEAKNESS, weak[SOLEUS_VALVE_SAPHENOUS], weak[SOLEUS_VALVE_SAPHENOFEMORAL],
                  weak[SOLEUS_VALVE_PERFORATOR], weak[SOLEUS_VALVE_POPLITEAL],
                  weak[SOLEUS_VALVE_FEMORAL]);
  g_assert_cmpfloat (healthy[SOLEUS_VALVE_SAPHENOUS], <, 0.5);
  g_assert_cmpfloat (healthy[SOLEUS_VALVE_SAPHENOFEMORAL], <, 0.5);
  g_assert_cmpfloat (healthy[SOLEUS_VALVE_PERFORATOR], <, 0.35);
  g_assert_cmpfloat (healthy[SOLEUS_VALVE_POPLITEAL], <, 1.0);
  g_assert_cmpfloat (healthy[SOLEUS_VALVE_FEMORAL], <, 1.0);
  g_assert_cmpfloat (weak[SOLEUS_VALVE_SAPHENOUS], >, 0.5);
  g_assert_cmpfloat (weak[SOLEUS_VALVE_SAPHENOFEMORAL], >, 0.5);
  g_assert_cmpfloat (weak[SOLEUS_VALVE_PERFORATOR], >, 0.35);
  g_assert_cmpfloat (weak[SOLEUS_VALVE_POPLITEAL], >, 1.0);
  g_assert_cmpfloat (weak[SOLEUS_VALVE_FEMORAL], >, 1.0);
}

/* P7: virtual APG, healthy (Christopoulos 1987 J Vasc Surg 5:148; Padberg
 * 2004 J Vasc Surg 39:79; Araki 1994 J Vasc Surg 20:872): EF >= 60%,
 * RVF <= 35%, VFI < 2 mL/s, VV 80-170 mL. */
static void
test_p7_apg_healthy (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusApgResult r;

  soleus_controls_init_defaults (c);
  g_assert_true (soleus_protocol_apg (c, &r));
  g_test_message ("P7 VV %.1f mL VFI %.2f mL/s EV %.1f mL EF %.1f%% RV %.1f mL RVF %.1f%%",
                  r.vv_ml, r.vfi_ml_s, r.ev_ml, r.ef_percent, r.rv_ml, r.rvf_percent);
  g_assert_cmpfloat (r.ef_percent, >=, 60.0);
  g_assert_cmpfloat (r.rvf_percent, <=, 35.0);
  g_assert_cmpfloat (r.vfi_ml_s, <, 2.0);
  g_assert_cmpfloat (r.vv_ml, >=, 80.0);
  g_assert_cmpfloat (r.vv_ml, <=, 170.0);
}

/* P8: virtual APG, superficial reflux: VFI over 2 mL/s (Padberg 2004: best
 * cut-off 2.06; varicose legs 2.6 +/- 1.7, van Bemmelen 1993). */
static void
test_p8_apg_reflux (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusApgResult r;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = SUPERFICIAL_WEAKNESS;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_SUPERFICIAL;
  g_assert_true (soleus_protocol_apg (c, &r));
  g_test_message ("P8 VV %.1f mL VFI %.2f mL/s EF %.1f%% RVF %.1f%%",
                  r.vv_ml, r.vfi_ml_s, r.ef_percent, r.rvf_percent);
  g_assert_cmpfloat (r.vfi_ml_s, >, 2.0);

  /* EF falls with superficial reflux (textbook APG criteria: about 50%
   * against > 60% in healthy legs; Christopoulos 1987 J Vasc Surg 5:148:
   * the venous volume rises with reflux) and the volume rises. */
  {
    SoleusApgResult h;

    soleus_controls_init_defaults (c);
    g_assert_true (soleus_protocol_apg (c, &h));
    g_test_message ("P8 healthy EF %.1f%% VV %.1f mL; superficial reflux EF %.1f%% VV %.1f mL",
                    h.ef_percent, h.vv_ml, r.ef_percent, r.vv_ml);
    g_assert_cmpfloat (r.ef_percent, <, h.ef_percent);
    g_assert_cmpfloat (r.vv_ml, >, h.vv_ml);
  }
}

/* P9: APG with the atrophy slider raised (Padberg 2004: 6 months of calf
 * strengthening moved EF by +3.5 points and RVF by -8.8 points while VFI
 * did not change): EF falls and RVF rises while VFI stays within 0.3 mL/s;
 * the effort readout rises monotonically. */
static void
test_p9_atrophy (void)
{
  const double levels[] = { 0.0, 0.3, 0.6 };
  SoleusApgResult r[3];
  double effort[3];

  for (int k = 0; k < 3; k++)
    {
      double c[SOLEUS_N_PARAMS];
      SoleusModel *m;
      SoleusReadouts ro;

      soleus_controls_init_defaults (c);
      c[SOLEUS_PARAM_ATROPHY] = levels[k];
      g_assert_true (soleus_protocol_apg (c, &r[k]));
      m = model_in (SOLEUS_POSTURE_STANDING);
      soleus_model_set_param (m, SOLEUS_PARAM_ATROPHY, levels[k]);
      soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 3.0);
      soleus_model_step (m, 10 * STEPS_PER_S);
      soleus_model_get_readouts (m, &ro);
      effort[k] = ro.effort;
      soleus_model_free (m);
      g_test_message ("P9 atrophy %.1f: EF %.1f%% RVF %.1f%% VFI %.2f mL/s effort %.2f",
                      levels[k], r[k].ef_percent, r[k].rvf_percent, r[k].vfi_ml_s, effort[k]);
    }
  /* The load raises the effort too: obesity (120 kg) at every atrophy
   * level, still monotonic and capped at 1. */
  {
    double last = 0.0;

    for (int k = 0; k < 3; k++)
      {
        SoleusModel *m = model_in (SOLEUS_POSTURE_STANDING);
        SoleusReadouts ro;

        soleus_model_set_param (m, SOLEUS_PARAM_ATROPHY, levels[k]);
        soleus_model_set_param (m, SOLEUS_PARAM_WEIGHT_KG, 120.0);
        soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 3.0);
        soleus_model_step (m, 1000);
        soleus_model_get_readouts (m, &ro);
        soleus_model_free (m);
        g_test_message ("P9 atrophy %.1f, 120 kg: effort %.2f", levels[k], ro.effort);
        g_assert_cmpfloat (ro.effort, >=, effort[k]);
        g_assert_cmpfloat (ro.effort, <=, 1.0);
        if (ro.effort < 1.0)
          g_assert_cmpfloat (ro.effort, >, last);
        else
          g_assert_cmpfloat (ro.effort, >=, last);
        if (k == 0)
          g_assert_cmpfloat (ro.effort, >, effort[k]);
        last = ro.effort;
      }
  }
  for (int k = 1; k < 3; k++)
    {
      g_assert_cmpfloat (r[k].ef_percent, <, r[k - 1].ef_percent);
      g_assert_cmpfloat (r[k].rvf_percent, >, r[k - 1].rvf_percent);
      g_assert_cmpfloat (fabs (r[k].vfi_ml_s - r[0].vfi_ml_s), <=, 0.3);
      g_assert_cmpfloat (effort[k], >, effort[k - 1]);
    }
}

/* P10: motionless standing, 20 min after the veins have filled: calf
 * volume drift 0.08-0.25 %/min (Stick 1989 Eur J Appl Physiol 59:39: 0.17
 * standing); during slow walking the drift is negative (Stick 1992). The
 * calf is 2000 mL of tissue (SOLEUS_CALF_TISSUE_ML). */
static void
test_p10_drift (void)
{
  SoleusModel *m = model_in (SOLEUS_POSTURE_STANDING);
  SoleusReadouts a, b;
  double standing, walking;

  soleus_model_step (m, 300 * STEPS_PER_S);
  soleus_model_get_readouts (m, &a);
  soleus_model_step (m, 1200 * STEPS_PER_S);
  soleus_model_get_readouts (m, &b);
  standing = (b.calf_volume_change_ml - a.calf_volume_change_ml) / 20.0 / 2000.0 * 100.0;

  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 2.0);
  soleus_model_step (m, 180 * STEPS_PER_S);
  soleus_model_get_readouts (m, &a);
  soleus_model_step (m, 600 * STEPS_PER_S);
  soleus_model_get_readouts (m, &b);
  walking = (b.calf_volume_change_ml - a.calf_volume_change_ml) / 10.0 / 2000.0 * 100.0;
  g_test_message ("P10 drift standing %.3f %%/min, walking 2 km/h "
                  "%.3f %%/min (tissue fluid %+.1f mL)",
                  standing, walking, b.tissue_fluid_change_ml);
  g_assert_cmpfloat (standing, >=, 0.08);
  g_assert_cmpfloat (standing, <=, 0.25);
  g_assert_cmpfloat (walking, <, 0.0);
  soleus_model_free (m);
}

/* P11: the stasis index ranks sitting still > standing still > supine >
 * ankle exercise > walking (physiology.md). The index is illustrative; the
 * ranking follows the travel-thrombosis evidence (WHO WRIGHT project 2007:
 * seated travel over 4 h doubles the risk) and the flow measurements
 * (Thromb Haemost 2009;101:1100: popliteal velocity 11 cm/s supine, 24 with
 * ankle exercise). */
static double
stasis_after (SoleusPosture posture,
              double        speed,
              double        ankle_ex)
{
  SoleusModel *m = model_in (posture);
  SoleusReadouts r;

  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, speed);
  soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, ankle_ex);
  soleus_model_step (m, 180 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  soleus_model_free (m);
  return r.stasis_index;
}

static void
test_p11_stasis (void)
{
  double sitting = stasis_after (SOLEUS_POSTURE_SITTING, 0, 0);
  double standing = stasis_after (SOLEUS_POSTURE_STANDING, 0, 0);
  double supine = stasis_after (SOLEUS_POSTURE_SUPINE, 0, 0);
  double ankle = stasis_after (SOLEUS_POSTURE_SITTING, 0, 30);
  double walking = stasis_after (SOLEUS_POSTURE_STANDING, 3, 0);

  g_test_message ("P11 stasis sitting %.3f standing %.3f supine %.3f "

                  "ankle-exercise %.3f walking %.3f",
                  sitting, standing, supine, ankle, walking);
  g_assert_cmpfloat (sitting, >, standing);
  g_assert_cmpfloat (standing, >, supine);
  g_assert_cmpfloat (supine, >, ankle);
  g_assert_cmpfloat (ankle, >, walking);
}

/* Vein velocities, duplex-equivalent (the maximum of the Doppler
 * spectrum, see SOLEUS_DUPLEX_PROFILE_FACTOR). Supine at rest: femoral
 * vein peak velocity 14.8 cm/s in non-obese subjects (Willenberg 2010 J
 * Vasc Surg 52:664), checked within 8-25 cm/s; popliteal mean velocity
 * 11 cm/s supine, 24 cm/s with ankle exercise (Thromb Haemost
 * 2009;101:1100), checked within 6-18 cm/s and higher with exercise.
 * Walking: popliteal and femoral peaks are of the order of tens of cm/s,
 * up to about 100 cm/s [est, order of magnitude]; checked below 150 cm/s
 * once the first strides have left the 60 s window. */
static SoleusReadouts
readouts_after (SoleusPosture posture,
                double        speed,
                double        ankle_ex,
                double        seconds)
{
  SoleusModel *m = model_in (posture);
  SoleusReadouts r;

  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, speed);
  soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, ankle_ex);
  soleus_model_step (m, (uint64_t) (seconds * STEPS_PER_S));
  soleus_model_get_readouts (m, &r);
  soleus_model_free (m);
  return r;
}

static void
test_velocities (void)
{
  SoleusReadouts rest = readouts_after (SOLEUS_POSTURE_SUPINE, 0, 0, 120);
  SoleusReadouts ankle = readouts_after (SOLEUS_POSTURE_SUPINE, 0, 30, 120);
  SoleusReadouts walk = readouts_after (SOLEUS_POSTURE_STANDING, 3, 0, 150);

  g_test_message ("V supine: femoral peak %.1f cm/s, popliteal mean %.1f cm/s; "
                  "ankle exercise 30/min: popliteal mean %.1f cm/s, femoral peak %.1f cm/s; "
                  "walking 3 km/h: popliteal mean %.1f, femoral mean %.1f, "
                  "femoral peak %.1f cm/s",
                  rest.femoral_velocity_peak_cm_s, rest.popliteal_velocity_cm_s,
                  ankle.popliteal_velocity_cm_s, ankle.femoral_velocity_peak_cm_s,
                  walk.popliteal_velocity_cm_s, walk.femoral_velocity_cm_s,
                  walk.femoral_velocity_peak_cm_s);
  g_assert_cmpfloat (rest.femoral_velocity_peak_cm_s, >=, 8.0);
  g_assert_cmpfloat (rest.femoral_velocity_peak_cm_s, <=, 25.0);
  g_assert_cmpfloat (rest.popliteal_velocity_cm_s, >=, 6.0);
  g_assert_cmpfloat (rest.popliteal_velocity_cm_s, <=, 18.0);
  g_assert_cmpfloat (ankle.popliteal_velocity_cm_s, >, rest.popliteal_velocity_cm_s);
  g_assert_cmpfloat (walk.femoral_velocity_peak_cm_s, <, 150.0);
  g_assert_cmpfloat (walk.femoral_velocity_peak_cm_s, >, rest.femoral_velocity_peak_cm_s);
}

/* P12: total blood + tissue fluid conserved to 1e-9 relative over 10
 * simulated hours (physiology.md), here the flight with hourly exercise,
 * which moves between stillness and exercise. Determinism and slider
 * extremes are in test-numerics.c. */
static void
test_p12_conservation (void)
{
  const SoleusScenario *sc = soleus_scenario_find ("long-haul-flight-exercise");
  SoleusModel *m = soleus_model_new ();
  SoleusReadouts r;
  double worst = 0.0;
  /* The quick form (the sanitizer build) runs the first 2 h, an
   * exercise bout included; the optimised build runs all 10. */
  const int hours = g_test_slow () ? 10 : 2;

  g_assert_nonnull (sc);
  soleus_scenario_start (sc, m);
  for (int h = 1; h <= hours; h++)
    {
      soleus_scenario_advance_to (sc, m, h * 3600.0);
      soleus_model_get_readouts (m, &r);
      if (fabs (r.blood_volume_error) > worst)
        worst = fabs (r.blood_volume_error);
    }
  g_test_message ("P12 worst relative volume error over %d h: %.3g", hours, worst);
  g_assert_cmpfloat (worst, <, 1e-9);
  soleus_model_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/targets/p1-posture", test_p1_posture);
  g_test_add_func ("/core/targets/p2-p3-avp", test_p2_p3_avp);
  g_test_add_func ("/core/targets/p4-superficial-reflux", test_p4_superficial);
  g_test_add_func ("/core/targets/p5-post-thrombotic", test_p5_post_thrombotic);
  g_test_add_func ("/core/targets/p6-backflow", test_p6_backflow);
  g_test_add_func ("/core/targets/p7-apg-healthy", test_p7_apg_healthy);
  g_test_add_func ("/core/targets/p8-apg-reflux", test_p8_apg_reflux);
  g_test_add_func ("/core/targets/p9-atrophy", test_p9_atrophy);
  g_test_add_func ("/core/targets/p10-drift", test_p10_drift);
  g_test_add_func ("/core/targets/p11-stasis", test_p11_stasis);
  g_test_add_func ("/core/targets/p12-conservation", test_p12_conservation);
  g_test_add_func ("/core/targets/velocities", test_velocities);

  return g_test_run ();
}
