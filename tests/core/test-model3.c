/* test-model3.c: the model-3 targets of physiology.md section 5 (M1-M12)
 * that the model reaches
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test cites the measurement it checks, as physiology.md gives it.
 * Every test prints its values ("#" lines of TAP) for MODEL.md's table.
 */

#include <glib.h>
#include <math.h>

#include "soleus-model.h"
#include "soleus-model-private.h"
#include "soleus-protocol.h"
#include "soleus-scenario.h"

#define STEPS_PER_S 1000

/* M1: virtual APG of a healthy leg: EF at least 62% and RVF 20-35%
 * (Christopoulos et al., J Vasc Surg 1987;5:148; Nicolaides, Circulation
 * 2000;102:e126). The calf's muscle veins, which the soleus does not
 * empty, keep the residual volume; the tibial and peroneal trunks' own
 * outlet lets one rise onto the toes empty the deep veins. */
static void
test_m1_apg_healthy (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusApgResult r;

  soleus_controls_init_defaults (c);
  g_assert_true (soleus_protocol_apg (c, &r));
  g_test_message ("M1 healthy: VV %.1f mL EF %.1f%% RVF %.1f%% VFI %.2f mL/s",
                  r.vv_ml, r.ef_percent, r.rvf_percent, r.vfi_ml_s);
  g_assert_cmpfloat (r.ef_percent, >=, 62.0);
  g_assert_cmpfloat (r.rvf_percent, >=, 20.0);
  g_assert_cmpfloat (r.rvf_percent, <=, 35.0);
}

/* M2: APG with deep valve weakness 1.0 (deep site): EF at least 10 points
 * below the healthy leg's, VFI over 2 mL/s, VV not below the healthy
 * leg's (Christopoulos et al., J Vasc Surg 1987;5:148, and Surgery 1988:
 * deep venous disease lowers the EF and raises the VV and VFI). */
static void
test_m2_apg_deep (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusApgResult h, d;

  soleus_controls_init_defaults (c);
  g_assert_true (soleus_protocol_apg (c, &h));
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = 1.0;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_DEEP;
  g_assert_true (soleus_protocol_apg (c, &d));
  g_test_message ("M2 deep 1.0: EF %.1f%% (healthy %.1f%%), VFI %.2f mL/s, VV %.1f mL "
                  "(healthy %.1f), RVF %.1f%%",
                  d.ef_percent, h.ef_percent, d.vfi_ml_s, d.vv_ml, h.vv_ml, d.rvf_percent);
  g_assert_cmpfloat (d.ef_percent, <=, h.ef_percent - 10.0);
  g_assert_cmpfloat (d.vfi_ml_s, >, 2.0);
  g_assert_cmpfloat (d.vv_ml, >=, h.vv_ml);
}

/* M3: AVP with deep valve weakness 0.6, compression 0 vs 30 mmHg: the
 * walking pressure is lower with the stocking (Horner, Fernandes e
 * Fernandes & Nicolaides, BMJ 1980;280:820). */
static void
test_m3_compression_avp (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusAvpResult bare, stocking;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.6;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_DEEP;
  g_assert_true (soleus_protocol_avp (c, &bare));
  c[SOLEUS_PARAM_COMPRESSION_MMHG] = 30.0;
  g_assert_true (soleus_protocol_avp (c, &stocking));
  g_test_message ("M3 deep 0.6: walking %.1f mmHg bare, %.1f with 30 mmHg "
                  "(standing %.1f, %.1f; RT90 %.1f, %.1f s)",
                  bare.walking_mmhg, stocking.walking_mmhg, bare.standing_mmhg,
                  stocking.standing_mmhg, bare.rt90_s, stocking.rt90_s);
  g_assert_cmpfloat (stocking.walking_mmhg, <, bare.walking_mmhg);
}

/* M4: APG with deep valve weakness 0.48, compression 0 vs 40 mmHg: the VFI
 * falls by 35-65% (Partsch, Menzinger & Mostbeck, Dermatol Surg
 * 1999;25:695: 8.45 -> 4.25 mL/s). */
static void
test_m4_compression_vfi (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusApgResult bare, stocking;
  double fall;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.48;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_DEEP;
  g_assert_true (soleus_protocol_apg (c, &bare));
  c[SOLEUS_PARAM_COMPRESSION_MMHG] = 40.0;
  g_assert_true (soleus_protocol_apg (c, &stocking));
  fall = 100.0 * (bare.vfi_ml_s - stocking.vfi_ml_s) / bare.vfi_ml_s;
  g_test_message ("M4 deep 0.48: VFI %.2f -> %.2f mL/s with 40 mmHg (-%.0f%%); "
                  "EF %.1f -> %.1f%%, VV %.1f -> %.1f mL",
                  bare.vfi_ml_s, stocking.vfi_ml_s, fall, bare.ef_percent,
                  stocking.ef_percent, bare.vv_ml, stocking.vv_ml);
  g_assert_cmpfloat (fall, >=, 35.0);
  g_assert_cmpfloat (fall, <=, 65.0);
}

/* M5: APG with superficial weakness 0.5, compression 0 vs 15 mmHg: the
 * VFI falls and the EF rises (Ibegbuna, Delis & Nicolaides, Int Angiol
 * 1997;16:185); the venous volume falls with it. */
static void
test_m5_compression_superficial (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusApgResult bare, stocking;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.5;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_SUPERFICIAL;
  g_assert_true (soleus_protocol_apg (c, &bare));
  c[SOLEUS_PARAM_COMPRESSION_MMHG] = 15.0;
  g_assert_true (soleus_protocol_apg (c, &stocking));
  g_test_message ("M5 superficial 0.5: VFI %.2f -> %.2f mL/s with 15 mmHg; "
                  "EF %.1f -> %.1f%%; VV %.1f -> %.1f mL",
                  bare.vfi_ml_s, stocking.vfi_ml_s, bare.ef_percent, stocking.ef_percent,
                  bare.vv_ml, stocking.vv_ml);
  g_assert_cmpfloat (stocking.vfi_ml_s, <, bare.vfi_ml_s);
  g_assert_cmpfloat (stocking.ef_percent, >, bare.ef_percent);
}

/* M6: seated 4 h (a long-haul flight), compression 0 vs 15-20 mmHg: the
 * lower leg swells much less with the stocking. Gianesini et al.,
 * Phlebology 2020 (doi:10.1177/0268355519873527; 16 flights of 4 h, the
 * same passenger, the leg measured from the ankle to below the knee):
 * ankle socks +117.3 +/- 25.8 mL (+5.2%), a below-knee 15-20 mmHg
 * stocking -3.1 +/- 14.4 mL; the stocking's interface pressure was 13.3
 * +/- 2.5 mmHg at the ankle and 18.1 +/- 2.4 mmHg 4 cm above it. The
 * model's 20 mmHg puts 16 mmHg on the calf's skin and its 15 mmHg 12
 * mmHg, the two ends of the study's 15-20 mmHg class (its measured ankle
 * pressure, 13.3, lies between them). At both the calf's swelling must be
 * at most a third of the bare calf's: a third of 117 mL lies nearly three
 * standard deviations above what the stocking allowed, so the bound is
 * looser than the measurement, never tighter. The swelling is the calf's
 * tissue fluid since sitting down (the study measured from take-off,
 * already seated, so the veins' filling is not in it; nor is the foot,
 * which the study did not measure; its values are printed). */
static void
seated_swelling_ml (double  compression_mmhg,
                    int     hours,
                    double *calf_ml,
                    double *foot_ml)
{
  SoleusModel *m = soleus_model_new ();
  const SoleusSnapshot *s;

  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_SITTING);
  soleus_model_set_param (m, SOLEUS_PARAM_COMPRESSION_MMHG, compression_mmhg);
  soleus_model_step (m, (guint64) hours * 3600 * STEPS_PER_S);
  s = soleus_model_get_snapshot (m);
  *calf_ml = s->calf_fluid_ml;
  *foot_ml = s->foot_fluid_ml;
  soleus_model_free (m);
}

static void
test_m6_seated_swelling (void)
{
  /* The quick form (sanitizer build) sits 1 h: the same code path. */
  const int hours = g_test_slow () ? 4 : 1;
  double bare, c15, c20, bare_foot, c15_foot, c20_foot;

  seated_swelling_ml (0.0, hours, &bare, &bare_foot);
  seated_swelling_ml (15.0, hours, &c15, &c15_foot);
  seated_swelling_ml (20.0, hours, &c20, &c20_foot);
  g_test_message ("M6 seated %d h: calf tissue fluid %+.1f mL bare, %+.1f mL at 15 mmHg "
                  "(%.0f%% of bare), %+.1f mL at 20 mmHg (%.0f%% of bare); "
                  "foot %+.1f, %+.1f, %+.1f mL",
                  hours, bare, c15, 100.0 * c15 / bare, c20, 100.0 * c20 / bare,
                  bare_foot, c15_foot, c20_foot);
  g_assert_cmpfloat (bare, >, 0.0);
  g_assert_cmpfloat (c15, <=, bare / 3.0);
  g_assert_cmpfloat (c20, <=, bare / 3.0);
  g_assert_cmpfloat (c20, <, c15);
}

/* M7: supine, 75 vs 150 kg (175 cm): IAP rises 6-10 mmHg (Sugerman 1997
 * J Intern Med 241:71); the femoral venous pressure rises at least 0.8
 * times as much (Regli 2011 Shock: IAP passes to the femoral vein about
 * one for one) and the femoral velocity falls (Willenberg et al. 2010 J
 * Vasc Surg 52:664). The abdominal vena cava, a Starling resistor, is
 * never below the pressure around it. */
static SoleusReadouts
supine_at (double          weight_kg,
           SoleusSnapshot *snap)
{
  SoleusModel *m = soleus_model_new ();
  SoleusReadouts r;

  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_WEIGHT_KG, weight_kg));
  soleus_model_step (m, 180 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  *snap = *soleus_model_get_snapshot (m);
  soleus_model_free (m);
  return r;
}

static void
test_m7_iap (void)
{
  SoleusSnapshot s75, s150;
  SoleusReadouts a = supine_at (75.0, &s75);
  SoleusReadouts b = supine_at (150.0, &s150);
  double d_iap = b.iap_mmhg - a.iap_mmhg;
  double d_fem = b.femoral_pressure_mmhg - a.femoral_pressure_mmhg;
  int aivc = SOLEUS_VESSEL_ABDOMINAL_IVC;

  g_test_message ("M7 IAP %.1f -> %.1f mmHg (+%.1f); femoral %.1f -> %.1f mmHg "
                  "(+%.1f, %.2f x IAP); abdominal IVC %.1f -> %.1f mmHg; "
                  "femoral peak velocity %.1f -> %.1f cm/s",
                  a.iap_mmhg, b.iap_mmhg, d_iap, a.femoral_pressure_mmhg,
                  b.femoral_pressure_mmhg, d_fem, d_fem / d_iap,
                  s75.vessel[aivc].pressure_mmhg, s150.vessel[aivc].pressure_mmhg,
                  a.femoral_velocity_peak_cm_s, b.femoral_velocity_peak_cm_s);
  g_assert_cmpfloat (d_iap, >=, 6.0);
  g_assert_cmpfloat (d_iap, <=, 10.0);
  /* Downstream of a squeezed abdomen: never below the IAP. */
  g_assert_cmpfloat (s150.vessel[aivc].pressure_mmhg, >=, b.iap_mmhg);
  g_assert_cmpfloat (b.femoral_pressure_mmhg, >, b.iap_mmhg);
  g_assert_cmpfloat (d_fem, >=, 0.8 * d_iap);
  g_assert_cmpfloat (b.femoral_velocity_peak_cm_s, <, a.femoral_velocity_peak_cm_s);
}

/* M8: AVP and APG with superficial weakness 0.5, 75 vs 120 kg: the
 * walking pressure and the VFI are higher at 120 kg (van Rij et al., Eur J
 * Vasc Endovasc Surg 2008;35:739). */
static void
test_m8_weight_avp (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusAvpResult light, heavy;

  soleus_controls_init_defaults (c);
  c[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.5;
  c[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_SUPERFICIAL;
  g_assert_true (soleus_protocol_avp (c, &light));
  c[SOLEUS_PARAM_WEIGHT_KG] = 120.0;
  g_assert_true (soleus_protocol_avp (c, &heavy));
  g_test_message ("M8 superficial 0.5: walking %.1f mmHg at 75 kg, %.1f at 120 kg; "
                  "standing %.1f, %.1f",
                  light.walking_mmhg, heavy.walking_mmhg, light.standing_mmhg,
                  heavy.standing_mmhg);
  g_assert_cmpfloat (heavy.walking_mmhg, >, light.walking_mmhg);
  g_assert_cmpfloat (heavy.standing_mmhg, >, light.standing_mmhg);

  {
    SoleusApgResult a, b;

    c[SOLEUS_PARAM_WEIGHT_KG] = 75.0;
    g_assert_true (soleus_protocol_apg (c, &a));
    c[SOLEUS_PARAM_WEIGHT_KG] = 120.0;
    g_assert_true (soleus_protocol_apg (c, &b));
    g_test_message ("M8 superficial 0.5: VFI %.2f mL/s at 75 kg, %.2f at 120 kg",
                    a.vfi_ml_s, b.vfi_ml_s);
    g_assert_cmpfloat (b.vfi_ml_s, >, a.vfi_ml_s);
  }
}

/* The built-in scenarios that show weight: obesity raises the ambulatory
 * venous pressure (van Rij et al., Eur J Vasc Endovasc Surg 2008;35:739),
 * so the Obesity scenario (130 kg) walks at a higher ankle pressure than
 * Healthy walk, and its abdominal pressure is higher. Both are read three
 * minutes into their walk (10 s mean), as the window shows them. */
static double
scenario_walking_mmhg (const char *name,
                       double     *iap_mmhg)
{
  const SoleusScenario *sc = soleus_scenario_find (name);
  SoleusModel *m = soleus_model_new ();
  SoleusReadouts r;

  g_assert_nonnull (sc);
  soleus_scenario_start (sc, m);
  soleus_scenario_advance_to (sc, m, 300.0);
  g_assert_true (soleus_model_get_snapshot (m)->walking);
  soleus_model_get_readouts (m, &r);
  *iap_mmhg = soleus_model_get_snapshot (m)->iap_mmhg;
  soleus_model_free (m);
  return r.ankle_pressure_mean_mmhg;
}

static void
test_obesity_scenario (void)
{
  double iap_h, iap_o;
  double healthy = scenario_walking_mmhg ("healthy-walk", &iap_h);
  double obese = scenario_walking_mmhg ("obesity", &iap_o);

  g_test_message ("Obesity scenario walking %.2f mmHg (IAP %.1f), Healthy walk %.2f "
                  "mmHg (IAP %.1f)", obese, iap_o, healthy, iap_h);
  g_assert_cmpfloat (iap_o, >, iap_h);
  g_assert_cmpfloat (obese, >, healthy);
}

/* The Sedentary older adult scenario says what its leg does: "A wasted
 * calf muscle works close to its limit to keep the veins emptying; a rise
 * onto the toes empties them less" (physiology.md section 1, point 6; the
 * APG ejection fraction rises with calf strength, Padberg 2004 J Vasc Surg
 * 39:79). Its walk draws more of the muscle's maximum than the same person
 * with an unwasted calf, most of it, and its tiptoe ejects a smaller
 * fraction of the calf's venous volume. */
static void
test_sedentary_scenario (void)
{
  const SoleusScenario *sc = soleus_scenario_find ("sedentary-older");
  double c[SOLEUS_N_PARAMS];
  double effort[2];
  SoleusApgResult apg[2];

  g_assert_nonnull (sc);
  for (int k = 0; k < 2; k++)
    {
      SoleusModel *m = soleus_model_new ();
      SoleusReadouts r;

      soleus_scenario_start (sc, m);
      if (k == 1)
        soleus_model_set_param (m, SOLEUS_PARAM_ATROPHY, 0.0);
      soleus_scenario_advance_to (sc, m, 300.0);
      g_assert_true (soleus_model_get_snapshot (m)->walking);
      soleus_model_get_readouts (m, &r);
      effort[k] = r.effort;
      soleus_model_free (m);

      soleus_scenario_controls_at (sc, 300.0, c);
      if (k == 1)
        c[SOLEUS_PARAM_ATROPHY] = 0.0;
      c[SOLEUS_PARAM_SPEED_KMH] = 0.0;
      c[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_SUPINE;
      g_assert_true (soleus_protocol_apg (c, &apg[k]));
    }
  g_test_message ("Sedentary older adult: effort %.2f walking (%.2f unwasted), APG EF "
                  "%.1f%% (%.1f%% unwasted)", effort[0], effort[1], apg[0].ef_percent,
                  apg[1].ef_percent);
  g_assert_cmpfloat (effort[0], >, effort[1]);
  g_assert_cmpfloat (effort[0], >=, 0.8);
  g_assert_cmpfloat (apg[0].ef_percent, <, apg[1].ef_percent);
}

/* M9: atrophy 0, 0.1, ... 1.0: the walking pressure rises and the APG EF
 * falls at every step (Padberg 2004 J Vasc Surg 39:79: calf strengthening
 * raised the EF; physiology.md section 5: no plateau), and the effort
 * readout is the activation the muscle law uses, so the soleus pressure
 * while walking is that activation times this muscle's maximum. */
static void
test_m9_atrophy (void)
{
  double last_ef = HUGE_VAL;
  double last_walk = -HUGE_VAL;

  for (int k = 0; k <= 10; k++)
    {
      double c[SOLEUS_N_PARAMS];
      SoleusApgResult r;
      SoleusAvpResult a;

      soleus_controls_init_defaults (c);
      c[SOLEUS_PARAM_ATROPHY] = 0.1 * k;
      g_assert_true (soleus_protocol_apg (c, &r));
      g_assert_true (soleus_protocol_avp (c, &a));
      g_test_message ("M9 atrophy %.1f: EF %.1f%% RVF %.1f%%, walking %.2f mmHg", 0.1 * k,
                      r.ef_percent, r.rvf_percent, a.walking_mmhg);
      g_assert_cmpfloat (r.ef_percent, <, last_ef);
      g_assert_cmpfloat (a.walking_mmhg, >, last_walk);
      last_ef = r.ef_percent;
      last_walk = a.walking_mmhg;
    }

  for (int k = 0; k <= 10; k++)
    {
      SoleusModel *m = soleus_model_new ();
      SoleusReadouts r;
      double peak_act = 0.0;

      soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING);
      soleus_model_set_param (m, SOLEUS_PARAM_ATROPHY, 0.1 * k);
      soleus_model_step (m, 3 * STEPS_PER_S);
      soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 3.0);
      /* Over two strides, the peak of the activation drawn. */
      for (int i = 0; i < 2400; i++)
        {
          const SoleusSnapshot *s;

          soleus_model_step (m, 1);
          s = soleus_model_get_snapshot (m);
          if (s->soleus_activation > peak_act)
            peak_act = s->soleus_activation;
        }
      soleus_model_get_readouts (m, &r);
      if (k % 5 == 0)
        g_test_message ("M9 atrophy %.1f: effort %.3f, peak activation %.3f",
                        0.1 * k, r.effort, peak_act);
      g_assert_cmpfloat (fabs (peak_act - r.effort), <, 0.01);
      soleus_model_free (m);
    }
}

/* M10: ankle mobility 1 vs 0.3: a smaller fall of the walking pressure with
 * the stiff ankle (Back et al., J Vasc Surg 1995;22:519). */
static void
test_m10_ankle_mobility (void)
{
  double c[SOLEUS_N_PARAMS];
  SoleusAvpResult full, stiff;

  soleus_controls_init_defaults (c);
  g_assert_true (soleus_protocol_avp (c, &full));
  c[SOLEUS_PARAM_ANKLE_MOBILITY] = 0.3;
  g_assert_true (soleus_protocol_avp (c, &stiff));
  g_test_message ("M10 fall %.1f mmHg (mobility 1), %.1f mmHg (0.3); walking %.1f, %.1f",
                  full.drop_mmhg, stiff.drop_mmhg, full.walking_mmhg, stiff.walking_mmhg);
  g_assert_cmpfloat (stiff.drop_mmhg, <, full.drop_mmhg);
}

/* M11: the blood-flow readout. A healthy leg lying and walking: "brisk"
 * (normalised on a healthy leg at rest in bed); 10 h seated is worse than
 * 4 h; hourly ankle exercise keeps it better than none over 10 h (WHO
 * WRIGHT project 2007: seated travel over 4 h; Thromb Haemost
 * 2009;101:1100: ankle exercise doubles the popliteal velocity). */
static void
test_m11_blood_flow (void)
{
  const SoleusScenario *still = soleus_scenario_find ("long-haul-flight");
  const SoleusScenario *moving = soleus_scenario_find ("long-haul-flight-exercise");
  SoleusModel *m = soleus_model_new ();
  SoleusReadouts r, r4, r10, rx;

  soleus_model_step (m, 3600 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  g_test_message ("M11 supine 1 h: %s (%.2f h of slow flow, flow ratio %.2f)",
                  soleus_blood_flow_name (r.blood_flow), r.slow_flow_h, r.deep_flow_ratio);
  g_assert_cmpint (r.blood_flow, ==, SOLEUS_BLOOD_FLOW_BRISK);

  soleus_model_reset (m);
  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING);
  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 3.0);
  soleus_model_step (m, 1800 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  g_test_message ("M11 walking 30 min: %s (%.2f h, flow ratio %.1f)",
                  soleus_blood_flow_name (r.blood_flow), r.slow_flow_h, r.deep_flow_ratio);
  g_assert_cmpint (r.blood_flow, ==, SOLEUS_BLOOD_FLOW_BRISK);

  g_assert_nonnull (still);
  g_assert_nonnull (moving);
  soleus_scenario_start (still, m);
  soleus_scenario_advance_to (still, m, 4 * 3600.0);
  soleus_model_get_readouts (m, &r4);
  soleus_scenario_advance_to (still, m, 10 * 3600.0);
  soleus_model_get_readouts (m, &r10);
  soleus_scenario_start (moving, m);
  soleus_scenario_advance_to (moving, m, 10 * 3600.0);
  soleus_model_get_readouts (m, &rx);
  g_test_message ("M11 seated 4 h: %s (%.2f h); 10 h: %s (%.2f h); "
                  "10 h with hourly ankle exercise: %s (%.2f h)",
                  soleus_blood_flow_name (r4.blood_flow), r4.slow_flow_h,
                  soleus_blood_flow_name (r10.blood_flow), r10.slow_flow_h,
                  soleus_blood_flow_name (rx.blood_flow), rx.slow_flow_h);
  g_assert_cmpfloat (r10.slow_flow_h, >, r4.slow_flow_h);
  g_assert_cmpint (r10.blood_flow, >=, r4.blood_flow);
  g_assert_cmpint (r10.blood_flow, ==, SOLEUS_BLOOD_FLOW_POOLING);
  g_assert_cmpfloat (rx.slow_flow_h, <, r10.slow_flow_h);
  g_assert_cmpint (rx.blood_flow, <, r10.blood_flow);
  soleus_model_free (m);
}

/* M12: every control change, in every posture, standing still and
 * walking or exercising: the ankle pressure readout never steps by more
 * than 5 mmHg within 10 ms (a change of control ramps; stopping finishes
 * the stride). Then, motionless, the supine and legs-up values sit in
 * their healthy bands (P1: supine 4-17 mmHg, Stick 1993 and Perry 1986;
 * legs raised at most the right atrial pressure + 3 mmHg, and not below
 * the band's 0 mmHg). */
static double
max_step_10ms (SoleusModel *m,
               int          seconds)
{
  double worst = 0.0;
  double ring[10];
  int n = 0;

  for (int k = 0; k < seconds * STEPS_PER_S; k++)
    {
      double p;

      soleus_model_step (m, 1);
      p = soleus_model_get_snapshot (m)->ankle_pressure_mmhg;
      if (n >= 10 && fabs (p - ring[n % 10]) > worst)
        worst = fabs (p - ring[n % 10]);
      ring[n % 10] = p;
      n++;
    }
  return worst;
}

static void
test_m12_ramps (void)
{
  static const struct { SoleusParamId id; double value; } changes[] = {
    { SOLEUS_PARAM_COMPRESSION_MMHG, 40.0 },
    { SOLEUS_PARAM_WEIGHT_KG, 200.0 },
    { SOLEUS_PARAM_HEIGHT_CM, 210.0 },
    { SOLEUS_PARAM_ATROPHY, 1.0 },
    { SOLEUS_PARAM_ANKLE_MOBILITY, 0.0 },
    { SOLEUS_PARAM_OBSTRUCTION, 1.0 },
    { SOLEUS_PARAM_VALVE_WEAKNESS, 0.6 },
    { SOLEUS_PARAM_SPEED_KMH, 0.0 },          /* stop walking */
    { SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, 0.0 }, /* stop the exercise */
  };
  double worst = 0.0;
  SoleusModel *m = soleus_model_new ();

  for (int posture = 0; posture < SOLEUS_N_POSTURES; posture++)
    for (int moving = 0; moving < 2; moving++)
      for (size_t k = 0; k < G_N_ELEMENTS (changes); k++)
        {
          double w;

          soleus_model_reset (m);
          soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, posture);
          if (moving)
            {
              soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 3.0);
              soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, 30.0);
            }
          soleus_model_step (m, 60 * STEPS_PER_S + 437);
          soleus_model_set_param (m, changes[k].id, changes[k].value);
          w = max_step_10ms (m, 4);
          if (w > worst)
            worst = w;
          if (w > 5.0)
            g_test_message ("M12 posture %d moving %d control %s: step %.1f mmHg in 10 ms",
                            posture, moving, soleus_param_info (changes[k].id)->name, w);
          g_assert_cmpfloat (w, <=, 5.0);
        }
  g_test_message ("M12 largest ankle readout change within 10 ms after a control "
                  "change: %.2f mmHg", worst);

  {
    double c[SOLEUS_N_PARAMS];
    SoleusPostureResult r;

    soleus_controls_init_defaults (c);
    g_assert_true (soleus_protocol_posture (c, &r));
    g_test_message ("M12 motionless supine %.1f mmHg, legs up %.1f mmHg (RA %.1f)",
                    r.supine_mmhg, r.legs_up_mmhg, r.right_atrial_mmhg);
    g_assert_cmpfloat (r.supine_mmhg, >=, 4.0);
    g_assert_cmpfloat (r.supine_mmhg, <=, 17.0);
    g_assert_cmpfloat (r.legs_up_mmhg, <=, r.right_atrial_mmhg + 3.0);
    g_assert_cmpfloat (r.legs_up_mmhg, >=, 0.0);
  }
  soleus_model_free (m);
}

/* M12, legs raised and held: the ankle readout stays inside the healthy
 * band the app and its help give for that posture, 0-6 mmHg (P1: at most
 * the right atrial pressure + 3 mmHg), for 30 min, both the instant value
 * and its 10 s mean, from 10 s after the legs are raised (the posture's
 * 2 s ramp and the mean's window). The saphenous vein of a raised leg is
 * collapsed and reads the pressure around it: the skin's tissue pressure,
 * -0.3 +/- 3.6 mmHg in a supine foot (Barton, Amann-Vesti & Franzeck, J
 * Vasc Res 2006;43:321), plus the pressure at which a flattened vein still
 * carries its flow; the tissue drains slowly by lymph while it no longer
 * filters, so the reading falls with time and must not leave the band. */
static void
test_m12_legs_up_held (void)
{
  SoleusModel *m = soleus_model_new ();
  const SoleusSnapshot *s;
  SoleusReadouts r;
  double lo = HUGE_VAL, hi = -HUGE_VAL, ra_hi = -HUGE_VAL;

  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_LEGS_UP);
  soleus_model_step (m, 10 * STEPS_PER_S);
  for (int k = 0; k < 1790 * 10; k++)
    {
      double ra;

      soleus_model_step (m, STEPS_PER_S / 10);
      s = soleus_model_get_snapshot (m);
      soleus_model_get_readouts (m, &r);
      ra = s->vessel[SOLEUS_VESSEL_RIGHT_ATRIUM].pressure_mmhg;
      lo = fmin (lo, fmin (s->ankle_pressure_mmhg, r.ankle_pressure_mean_mmhg));
      hi = fmax (hi, fmax (s->ankle_pressure_mmhg, r.ankle_pressure_mean_mmhg));
      ra_hi = fmax (ra_hi, s->ankle_pressure_mmhg - (ra + 3.0));
    }
  g_test_message ("M12 legs up held 30 min: ankle %.2f-%.2f mmHg (%.2f after 30 min), "
                  "at most %.2f mmHg above RA + 3", lo, hi, r.ankle_pressure_mean_mmhg, ra_hi);
  g_assert_cmpfloat (lo, >=, 0.0);
  g_assert_cmpfloat (hi, <=, 6.0);
  g_assert_cmpfloat (ra_hi, <=, 0.0);
  soleus_model_free (m);
}

/* Readouts that mean what they say: RT90 says "no refill" when the walk
 * did not lower the pressure (a leg walking lying down is exercising its
 * ankle, whose pressure barely falls), and the venous return does not beat
 * with the quiet-standing sway (its 10 s window holds three sway periods). */
static void
test_readout_meaning (void)
{
  SoleusModel *m = soleus_model_new ();
  SoleusReadouts r;
  double lo = HUGE_VAL, hi = -HUGE_VAL;

  /* Standing still: the venous return readout over 30 s, after 3 min. */
  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING);
  soleus_model_step (m, 180 * STEPS_PER_S);
  for (int k = 0; k < 300; k++)
    {
      soleus_model_step (m, 100);
      soleus_model_get_readouts (m, &r);
      if (r.venous_return_ml_min < lo)
        lo = r.venous_return_ml_min;
      if (r.venous_return_ml_min > hi)
        hi = r.venous_return_ml_min;
    }
  g_test_message ("venous return standing still: %.1f-%.1f mL/min", lo, hi);
  g_assert_cmpfloat (hi - lo, <, 0.05 * hi);

  /* A healthy walk lowers the pressure: RT90 is timed. */
  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 3.0);
  soleus_model_step (m, 60 * STEPS_PER_S);
  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 0.0);
  soleus_model_step (m, 90 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  g_assert_false (r.rt90_no_fall);
  g_assert_true (isfinite (r.rt90_s));

  /* Legs raised, the veins already empty: ankle exercise cannot lower the
   * ankle pressure, so there is no refill to time, and RT90 says so. */
  soleus_model_reset (m);
  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_LEGS_UP);
  soleus_model_step (m, 60 * STEPS_PER_S);
  soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, 30.0);
  soleus_model_step (m, 60 * STEPS_PER_S);
  soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, 0.0);
  soleus_model_step (m, 30 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  g_test_message ("legs up, ankle exercise stopped: RT90 %s%.1f s",
                  r.rt90_no_fall ? "none (no fall) " : "", r.rt90_s);
  g_assert_true (r.rt90_no_fall);
  g_assert_true (isnan (r.rt90_s));
  soleus_model_free (m);
}

/* P6 while walking: a healthy leg's valves close as competent valves do,
 * with no backflow past the duplex reflux cutoffs (Labropoulos et al., J
 * Vasc Surg 2003;38:793, as physiology.md gives them: superficial 0.5 s,
 * popliteal and femoral 1 s, perforators 0.35 s; the calf and foot valves
 * are held to 0.5 s, as the patient handout does). The longest backflow
 * over 40 s of walking counts, not only the last one. Weak valves (0.6,
 * leak 0.1) stay past the cutoffs where walking shows their reflux: the
 * saphenous valves with superficial weakness, the perforators (outward,
 * at every push-off) with deep weakness. */
static const double walk_cutoff_s[SOLEUS_N_VALVES] = {
  [SOLEUS_VALVE_FOOT_OUTLET]    = 0.5,
  [SOLEUS_VALVE_CALF_LOWER]     = 0.5,
  [SOLEUS_VALVE_CALF_UPPER]     = 0.5,
  [SOLEUS_VALVE_POPLITEAL]      = 1.0,
  [SOLEUS_VALVE_FEMORAL]        = 1.0,
  [SOLEUS_VALVE_SAPHENOUS]      = 0.5,
  [SOLEUS_VALVE_SAPHENOFEMORAL] = 0.5,
  [SOLEUS_VALVE_PERFORATOR]     = 0.35,
};

static void
walk_backflow (double           speed_kmh,
               double           weakness,
               SoleusRefluxSite site,
               double           out[SOLEUS_N_VALVES])
{
  SoleusModel *m = soleus_model_new ();

  g_assert_nonnull (m);
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING));
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, speed_kmh));
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_VALVE_WEAKNESS, weakness));
  g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_REFLUX_SITE, site));
  soleus_model_step (m, 20 * STEPS_PER_S);
  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    out[v] = 0.0;
  for (int k = 0; k < 4000; k++)
    {
      SoleusReadouts r;

      soleus_model_step (m, 10);
      soleus_model_get_readouts (m, &r);
      for (int v = 0; v < SOLEUS_N_VALVES; v++)
        if (r.backflow_s[v] > out[v])
          out[v] = r.backflow_s[v];
    }
  g_test_message ("walking %.0f km/h, weakness %.1f (site %d): backflow foot %.3f "
                  "calf lower %.3f calf upper %.3f popliteal %.3f femoral %.3f "
                  "saphenous %.3f saphenofemoral %.3f perforator %.3f s",
                  speed_kmh, weakness, (int) site,
                  out[SOLEUS_VALVE_FOOT_OUTLET], out[SOLEUS_VALVE_CALF_LOWER],
                  out[SOLEUS_VALVE_CALF_UPPER], out[SOLEUS_VALVE_POPLITEAL],
                  out[SOLEUS_VALVE_FEMORAL], out[SOLEUS_VALVE_SAPHENOUS],
                  out[SOLEUS_VALVE_SAPHENOFEMORAL], out[SOLEUS_VALVE_PERFORATOR]);
  soleus_model_free (m);
}

static void
test_p6_walking_backflow (void)
{
  static const double speeds[] = { 3.0, 5.0 };

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      double healthy[SOLEUS_N_VALVES];
      double superficial[SOLEUS_N_VALVES];
      double deep[SOLEUS_N_VALVES];

      walk_backflow (speeds[i], 0.0, SOLEUS_REFLUX_BOTH, healthy);
      for (int v = 0; v < SOLEUS_N_VALVES; v++)
        g_assert_cmpfloat (healthy[v], <, walk_cutoff_s[v]);

      walk_backflow (speeds[i], 0.6, SOLEUS_REFLUX_SUPERFICIAL, superficial);
      g_assert_cmpfloat (superficial[SOLEUS_VALVE_SAPHENOUS], >,
                         walk_cutoff_s[SOLEUS_VALVE_SAPHENOUS]);
      g_assert_cmpfloat (superficial[SOLEUS_VALVE_SAPHENOFEMORAL], >,
                         walk_cutoff_s[SOLEUS_VALVE_SAPHENOFEMORAL]);

      walk_backflow (speeds[i], 0.6, SOLEUS_REFLUX_DEEP, deep);
      g_assert_cmpfloat (deep[SOLEUS_VALVE_PERFORATOR], >,
                         walk_cutoff_s[SOLEUS_VALVE_PERFORATOR]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/model3/m1-apg-healthy", test_m1_apg_healthy);
  g_test_add_func ("/core/model3/m2-apg-deep", test_m2_apg_deep);
  g_test_add_func ("/core/model3/m3-compression-avp", test_m3_compression_avp);
  g_test_add_func ("/core/model3/m4-compression-vfi", test_m4_compression_vfi);
  g_test_add_func ("/core/model3/m5-compression-superficial",
                   test_m5_compression_superficial);
  g_test_add_func ("/core/model3/m6-seated-swelling", test_m6_seated_swelling);
  g_test_add_func ("/core/model3/m7-iap-starling-resistor", test_m7_iap);
  g_test_add_func ("/core/model3/m8-weight", test_m8_weight_avp);
  g_test_add_func ("/core/model3/obesity-scenario", test_obesity_scenario);
  g_test_add_func ("/core/model3/sedentary-scenario", test_sedentary_scenario);
  g_test_add_func ("/core/model3/m9-atrophy", test_m9_atrophy);
  g_test_add_func ("/core/model3/m10-ankle-mobility", test_m10_ankle_mobility);
  g_test_add_func ("/core/model3/m11-blood-flow", test_m11_blood_flow);
  g_test_add_func ("/core/model3/m12-ramps", test_m12_ramps);
  g_test_add_func ("/core/model3/m12-legs-up-held", test_m12_legs_up_held);
  g_test_add_func ("/core/model3/readout-meaning", test_readout_meaning);
  g_test_add_func ("/core/model3/p6-walking-backflow", test_p6_walking_backflow);

  return g_test_run ();
}
