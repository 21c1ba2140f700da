/* test-narration.c: what the window says of the leg, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In-process tests that need no display: the caption for each posture and
 * activity, how long the window's caption holds, the reflux threshold, what
 * a patient would feel at the clinical cut-offs, the units, and the description for screen readers.
 * The strings are the untranslated English: the test binds no text domain.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "soleus-narration.h"
#include "soleus-simulation.h"

/* Bit for bit: the values are set or computed the same way, not
 * approximated. */
static void
assert_same_double (double a,
                    double b)
{
  if (memcmp (&a, &b, sizeof a) != 0)
    g_error ("%.17g is not %.17g", a, b);
}

static SoleusSnapshot *
snapshot_new (SoleusPosture posture,
              gboolean      walking)
{
  SoleusSnapshot *s = g_new0 (SoleusSnapshot, 1);

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    s->control[i] = soleus_param_info (i)->default_value;
  s->control[SOLEUS_PARAM_POSTURE] = posture;
  s->walking = walking;

  return s;
}

static void
assert_caption (const SoleusSnapshot *s,
                const char           *expected)
{
  g_autofree char *caption = soleus_narrate_caption (s);

  g_assert_cmpstr (caption, ==, expected);
}

static void
test_caption_still (void)
{
  static const struct {
    SoleusPosture posture;
    const char   *caption;
  } cases[] = {
    { SOLEUS_POSTURE_SUPINE, "Lying down: the leg is level with the heart, so the veins need no pump." },
    { SOLEUS_POSTURE_SITTING, "Sitting still: no pump. Blood moves slowly in the deep calf veins and fluid seeps into the tissue." },
    { SOLEUS_POSTURE_STANDING, "Standing still: no pump. The veins fill with the whole column of blood up to the heart." },
    { SOLEUS_POSTURE_LEGS_UP, "Legs raised: the veins drain downhill to the heart, and the pressure at the ankle is low." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree SoleusSnapshot *s = snapshot_new (cases[i].posture, FALSE);

      assert_caption (s, cases[i].caption);
    }
}

static void
test_caption_walking (void)
{
  g_autofree SoleusSnapshot *s = snapshot_new (SOLEUS_POSTURE_STANDING, TRUE);
  const char *walking = "Walking: with every step the foot and calf muscles squeeze the veins, "
                        "and the valves keep the blood going up toward the heart.";
  const char *pumps = "Ankle pumps: each time the calf tightens it squeezes blood up the deep "
                      "veins, and the valves stop it falling back.";

  /* The same sentence at every moment of the stride: the phase of the step
   * is the picture's tag, not the caption's. */
  for (double p = 0.0; p < 1.0; p += 0.01)
    {
      s->gait_phase = p;
      assert_caption (s, walking);
    }

  /* Sitting or lying, the movement is ankle pumps, the same while the
   * calf tightens and relaxes. */
  s->control[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_SITTING;
  s->soleus_activation = 0.5;
  assert_caption (s, pumps);
  s->soleus_activation = 0.0;
  assert_caption (s, pumps);
}

/* The window's caption holds a story: not a moment of the stride, not a
 * flicker of backflow; what the model does by itself waits 4 s; what a
 * person changes shows at once. */
static void
test_caption_keeper (void)
{
  g_autofree SoleusSnapshot *s = snapshot_new (SOLEUS_POSTURE_STANDING, TRUE);
  SoleusReadouts r = { 0 };
  SoleusCaptionKeeper k;
  gint64 now = 1000 * G_USEC_PER_SEC;
  guint changes = 0;

  r.blood_flow = SOLEUS_BLOOD_FLOW_BRISK;
  r.ankle_pressure_mean_mmhg = 23.0;
  soleus_caption_keeper_init (&k);
  g_assert_null (soleus_caption_keeper_get_text (&k));
  g_assert_true (soleus_caption_keeper_update (&k, s, &r, now));
  g_assert_true (g_str_has_prefix (soleus_caption_keeper_get_text (&k), "Walking:"));

  /* Ten seconds of strides at 60 frames a second: one story. */
  for (int i = 0; i < 600; i++)
    {
      s->time_s += 1.0 / 60;
      s->gait_phase = fmod (s->time_s, 1.1) / 1.1;
      s->soleus_activation = s->gait_phase > 0.25 && s->gait_phase < 0.6 ? 0.8 : 0.0;
      changes += soleus_caption_keeper_update (&k, s, &r, now + i * G_USEC_PER_SEC / 60);
    }
  g_assert_cmpuint (changes, ==, 0);
  now += 10 * G_USEC_PER_SEC;

  /* Weak valves: blood falls back in part of each stride. The story
   * changes once, 4 s after the last, and holds between the strides
   * where no blood falls back. */
  s->valve[SOLEUS_VALVE_POPLITEAL].leak = 0.6;
  s->valve[SOLEUS_VALVE_POPLITEAL].flow_ml_s = -2.0;
  g_assert_true (soleus_caption_keeper_update (&k, s, &r, now));
  g_assert_true (g_str_has_prefix (soleus_caption_keeper_get_text (&k), "Weak valves"));
  for (int i = 1; i < 600; i++)
    {
      s->time_s += 1.0 / 60;
      s->valve[SOLEUS_VALVE_POPLITEAL].flow_ml_s = (i / 20) % 2 ? -2.0 : 1.0;
      changes += soleus_caption_keeper_update (&k, s, &r, now + i * G_USEC_PER_SEC / 60);
    }
  g_assert_cmpuint (changes, ==, 0);
  now += 10 * G_USEC_PER_SEC;

  /* Swelling building, less than 4 s after a change: it waits. */
  s->valve[SOLEUS_VALVE_POPLITEAL].leak = 0.0;
  s->control[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_SITTING;
  s->walking = FALSE;
  g_assert_true (soleus_caption_keeper_update (&k, s, &r, now));
  g_assert_true (g_str_has_prefix (soleus_caption_keeper_get_text (&k), "Sitting still"));
  r.tissue_fluid_change_ml = 150.0;
  s->time_s += 1.0;
  g_assert_false (soleus_caption_keeper_update (&k, s, &r, now + 3 * G_USEC_PER_SEC));
  g_assert_true (g_str_has_prefix (soleus_caption_keeper_get_text (&k), "Sitting still"));
  s->time_s += 1.0;
  g_assert_true (soleus_caption_keeper_update (&k, s, &r, now + 4 * G_USEC_PER_SEC));
  g_assert_cmpstr (soleus_caption_keeper_get_text (&k), ==,
                   "A patient would see the ankle swollen by evening.");

  /* A person changing the posture is told at once, and back to the start
   * (a reset) is a new story. */
  r.tissue_fluid_change_ml = 0.0;
  s->control[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_SUPINE;
  g_assert_true (soleus_caption_keeper_update (&k, s, &r, now + 4 * G_USEC_PER_SEC + 1));
  g_assert_true (g_str_has_prefix (soleus_caption_keeper_get_text (&k), "Lying down"));
  s->time_s = 0.0;
  s->control[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  g_assert_true (soleus_caption_keeper_update (&k, s, &r, now + 4 * G_USEC_PER_SEC + 2));
  g_assert_true (g_str_has_prefix (soleus_caption_keeper_get_text (&k), "Standing still"));

  /* Every story has a sentence. */
  for (guint i = 0; i < soleus_caption_count (); i++)
    g_assert_nonnull (soleus_caption_text (i));
  g_assert_null (soleus_caption_text (soleus_caption_count ()));
}

static void
test_reflux (void)
{
  g_autofree SoleusSnapshot *s = snapshot_new (SOLEUS_POSTURE_STANDING, FALSE);
  const char *still = "Standing still: no pump. The veins fill with the whole column of blood "
                      "up to the heart.";
  g_autofree char *with_reflux = g_strdup_printf ("%s %s", still,
                                                  "Weak valves let blood fall back down the leg.");

  /* A leaking valve with blood falling back faster than 0.3 mL/s. */
  s->valve[1].leak = 0.4;
  s->valve[1].flow_ml_s = -0.31;
  g_assert_true (soleus_snapshot_has_reflux (s));
  assert_caption (s, with_reflux);

  /* The closing puff of a valve is smaller. */
  s->valve[1].flow_ml_s = -0.3;
  g_assert_false (soleus_snapshot_has_reflux (s));
  assert_caption (s, still);

  /* A competent valve never counts, whatever its flow. */
  s->valve[1].leak = 0.0;
  s->valve[1].flow_ml_s = -5.0;
  g_assert_false (soleus_snapshot_has_reflux (s));
}

static void
test_feeling (void)
{
  g_autofree SoleusSnapshot *s = snapshot_new (SOLEUS_POSTURE_STANDING, TRUE);
  SoleusReadouts r = { 0 };

  r.blood_flow = SOLEUS_BLOOD_FLOW_BRISK;
  r.ankle_pressure_mean_mmhg = 38.0;
  r.tissue_fluid_change_ml = 99.9;
  g_assert_null (soleus_narrate_feeling (s, &r));

  /* Above 38 mmHg while walking: heavy legs. */
  r.ankle_pressure_mean_mmhg = 38.1;
  g_assert_cmpstr (soleus_narrate_feeling (s, &r), ==,
                   "A leg like this feels heavy and aches after standing.");
  /* Not while standing still, where the pressure is high in any leg. */
  s->walking = FALSE;
  g_assert_null (soleus_narrate_feeling (s, &r));

  /* 100 mL of fluid in the tissue is seen by evening. */
  r.tissue_fluid_change_ml = 100.0;
  g_assert_cmpstr (soleus_narrate_feeling (s, &r), ==,
                   "A patient would see the ankle swollen by evening.");

  r.blood_flow = SOLEUS_BLOOD_FLOW_POOLING;
  g_assert_cmpstr (soleus_narrate_feeling (s, &r), ==,
                   "Blood has been pooling in the deep calf veins for hours, and the ankle "
                   "would be swollen by evening: time to walk or move the ankles.");
  r.tissue_fluid_change_ml = 0.0;
  g_assert_cmpstr (soleus_narrate_feeling (s, &r), ==,
                   "Blood has been pooling in the deep calf veins for hours: time to walk or "
                   "move the ankles.");

  r.blood_flow = SOLEUS_BLOOD_FLOW_SLOWING;
  g_assert_cmpstr (soleus_narrate_feeling (s, &r), ==,
                   "Blood flow in the deep calf veins is slowing: moving the ankles speeds it up.");
}

static void
test_units (void)
{
  double controls[SOLEUS_N_PARAMS] = { 0 };
  struct {
    char *text;
    const char *expected;
  } cases[] = {
    { soleus_format_pressure (23.4, SOLEUS_PRESSURE_MMHG), "23 mmHg" },
    /* 7.50062 mmHg to the kilopascal */
    { soleus_format_pressure (75.0062, SOLEUS_PRESSURE_KPA), "10.0 kPa" },
    { soleus_format_weight (75.0, SOLEUS_WEIGHT_KG), "75 kg" },
    /* 2.20462 lb to the kilogram */
    { soleus_format_weight (75.0, SOLEUS_WEIGHT_LB), "165 lb" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].text, ==, cases[i].expected);
      g_free (cases[i].text);
    }

  controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  {
    g_autofree char *still = soleus_describe_activity (controls);
    g_assert_cmpstr (still, ==, "Standing still");
  }
  controls[SOLEUS_PARAM_SPEED_KMH] = 3.0;
  {
    g_autofree char *walking = soleus_describe_activity (controls);
    g_assert_cmpstr (walking, ==, "Walking at 3.0 km/h");
  }
  /* Sitting, the walking speed does not apply; the ankle pumps do. */
  controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_SITTING;
  {
    g_autofree char *sitting = soleus_describe_activity (controls);
    g_assert_cmpstr (sitting, ==, "Still");
  }
  controls[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] = 30.0;
  {
    g_autofree char *pumps = soleus_describe_activity (controls);
    g_assert_cmpstr (pumps, ==, "Ankle pumps, 30 a minute");
  }
}

static void
test_healthy_range (void)
{
  static const struct {
    SoleusPosture posture;
    gboolean      walking;
    double        low, high;
    const char   *label;
  } cases[] = {
    { SOLEUS_POSTURE_STANDING, TRUE, 15.0, 35.0, "Healthy walking" },
    { SOLEUS_POSTURE_STANDING, FALSE, 76.0, 95.0, "Healthy standing" },
    { SOLEUS_POSTURE_SITTING, FALSE, 55.0, 72.0, "Healthy sitting" },
    { SOLEUS_POSTURE_LEGS_UP, FALSE, 0.0, 6.0, "Healthy, legs raised" },
    { SOLEUS_POSTURE_SUPINE, FALSE, 4.0, 17.0, "Healthy lying" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree SoleusSnapshot *s = snapshot_new (cases[i].posture, cases[i].walking);
      double low = -1.0, high = -1.0;
      const char *label = NULL;

      g_assert_true (soleus_healthy_pressure_range (s, &low, &high, &label));
      assert_same_double (low, cases[i].low);
      assert_same_double (high, cases[i].high);
      g_assert_cmpstr (label, ==, cases[i].label);
    }

  /* Ankle pumps sitting or lying: no range was measured; the still
   * leg's would flatter them. */
  for (SoleusPosture p = 0; p < SOLEUS_N_POSTURES; p++)
    if (p != SOLEUS_POSTURE_STANDING)
      {
        g_autofree SoleusSnapshot *s = snapshot_new (p, TRUE);
        double low = 0.0, high = 0.0;
        const char *label = "";

        g_assert_false (soleus_healthy_pressure_range (s, &low, &high, &label));
        g_assert_true (isnan (low) && isnan (high));
        g_assert_null (label);
      }
}

/* The description of a real simulation's leg, as a screen reader gets it. */
static void
test_description (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  const SoleusSnapshot *s;
  SoleusReadouts r;
  g_autofree char *caption = NULL;
  g_autofree char *pressure = NULL;
  g_autofree char *description = NULL;
  g_autofree char *expected_start = NULL;

  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.5, NULL));
  soleus_simulation_step (simulation);
  s = soleus_simulation_get_snapshot (simulation);
  soleus_simulation_get_readouts (simulation, &r);

  caption = soleus_narrate_caption (s);
  pressure = soleus_format_pressure (r.ankle_pressure_mean_mmhg, SOLEUS_PRESSURE_KPA);
  description = soleus_narrate_description (s, &r, SOLEUS_PRESSURE_KPA);

  /* The posture and activity first, then the pressure in the unit asked
   * for; the caption of the moment last. */
  expected_start = g_strdup_printf ("A leg, lying down. Still. Ankle vein pressure %s. ", pressure);
  g_assert_true (g_str_has_prefix (description, expected_start));
  g_assert_true (g_str_has_suffix (description, caption));
  g_assert_true (g_str_has_suffix (pressure, " kPa"));
  /* Weakened valves are told, leaking or not. */
  g_assert_true (strstr (description, "The valves are weakened.") != NULL
                 || strstr (description, "Some valves leak") != NULL);

  g_assert_finalize_object (simulation);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/narration/caption-still", test_caption_still);
  g_test_add_func ("/narration/caption-walking", test_caption_walking);
  g_test_add_func ("/narration/caption-keeper", test_caption_keeper);
  g_test_add_func ("/narration/reflux", test_reflux);
  g_test_add_func ("/narration/feeling", test_feeling);
  g_test_add_func ("/narration/units", test_units);
  g_test_add_func ("/narration/healthy-range", test_healthy_range);
  g_test_add_func ("/narration/description", test_description);

  return g_test_run ();
}
