/* test-simulation.c: SoleusSimulation, the running model the widgets bind to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In-process tests that need no display: properties made from the core's
 * parameter table, scripted controls refused with an error and no change,
 * the clock, playback, scenarios and the strip chart's history. Each test
 * ends with the simulation finalized, so no reference is left behind.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "soleus-scenario.h"
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

/* Counts a signal's emissions. */
static void
count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static guint
history_length (SoleusSimulation *simulation)
{
  const SoleusHistorySample *first, *second;
  guint n_first, n_second;

  return soleus_simulation_get_history (simulation, FALSE,
                                        &first, &n_first, &second, &n_second);
}

static void
test_defaults (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();

  g_assert_true (soleus_simulation_get_playing (simulation));
  assert_same_double (soleus_simulation_get_rate (simulation), 1.0);
  g_assert_null (soleus_simulation_get_scenario (simulation));
  g_assert_null (soleus_simulation_get_scenario_title (simulation));
  g_assert_null (soleus_simulation_get_reference_title (simulation));
  /* The history starts with the state at rest. */
  g_assert_cmpuint (history_length (simulation), ==, 1);

  /* One double property per control of the table, with its range and
   * default. */
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      const SoleusParamInfo *info = soleus_param_info (i);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (simulation),
                                                        info->name);
      double value;

      g_assert_nonnull (pspec);
      g_assert_true (G_IS_PARAM_SPEC_DOUBLE (pspec));
      assert_same_double (G_PARAM_SPEC_DOUBLE (pspec)->minimum, info->min);
      assert_same_double (G_PARAM_SPEC_DOUBLE (pspec)->maximum, info->max);
      g_object_get (simulation, info->name, &value, NULL);
      assert_same_double (value, info->default_value);
      assert_same_double (soleus_simulation_get_control (simulation, i), info->default_value);
    }

  g_assert_finalize_object (simulation);
}

static void
test_set_control (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  guint advanced = 0;

  g_signal_connect_swapped (simulation, "notify::valve-weakness", G_CALLBACK (count_cb),
                            &notified);
  g_signal_connect_swapped (simulation, "advanced", G_CALLBACK (count_cb), &advanced);

  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.5, &error));
  g_assert_no_error (error);
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_VALVE_WEAKNESS), 0.5);
  g_assert_cmpuint (notified, ==, 1);
  /* Drawn again at once, also while the clock stands. */
  g_assert_cmpuint (advanced, ==, 1);

  /* The same value again changes nothing, so nothing is notified. */
  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.5, NULL));
  g_assert_cmpuint (notified, ==, 1);

  advanced = 0;
  g_assert_false (soleus_simulation_set_control (simulation, "valve-strength", 0.2, &error));
  g_assert_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_UNKNOWN_CONTROL);
  g_clear_error (&error);

  g_assert_false (soleus_simulation_set_control (simulation, "valve-weakness", 1.5, &error));
  g_assert_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_OUT_OF_RANGE);
  /* The words of the scenario files and soleus-cli, whatever the locale. */
  g_assert_cmpstr (error->message, ==, "valve-weakness: 1.5 is out of range (0 to 1)");
  g_clear_error (&error);
  g_assert_false (soleus_simulation_set_control (simulation, "weight", NAN, &error));
  g_assert_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  /* Refused input changed nothing and told nobody. */
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_VALVE_WEAKNESS), 0.5);
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_WEIGHT_KG),
                      soleus_param_info (SOLEUS_PARAM_WEIGHT_KG)->default_value);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (advanced, ==, 0);

  /* -0 is 0, so a session saves and replays bit-identically. */
  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", -0.0, NULL));
  g_assert_false (signbit (soleus_simulation_get_control (simulation,
                                                          SOLEUS_PARAM_VALVE_WEAKNESS)));

  g_assert_finalize_object (simulation);
}

static void
test_step (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  guint time_notified = 0;
  guint advanced = 0;
  double start = soleus_simulation_get_time (simulation);

  g_signal_connect_swapped (simulation, "notify::time", G_CALLBACK (count_cb), &time_notified);
  g_signal_connect_swapped (simulation, "advanced", G_CALLBACK (count_cb), &advanced);

  /* A step is a tenth of a second of simulated time and one history
   * sample, whether playing or not. */
  soleus_simulation_set_playing (simulation, FALSE);
  soleus_simulation_step (simulation);
  g_assert_cmpfloat_with_epsilon (soleus_simulation_get_time (simulation) - start, 0.1, 1e-9);
  g_assert_cmpuint (history_length (simulation), ==, 2);
  g_assert_cmpuint (time_notified, ==, 1);
  g_assert_cmpuint (advanced, ==, 1);

  for (guint i = 0; i < 9; i++)
    soleus_simulation_step (simulation);
  g_assert_cmpfloat_with_epsilon (soleus_simulation_get_time (simulation) - start, 1.0, 1e-9);
  g_assert_cmpuint (history_length (simulation), ==, 11);
  /* The snapshot one step back is kept for interpolation. */
  g_assert_cmpfloat (soleus_simulation_get_previous (simulation)->time_s, <,
                     soleus_simulation_get_snapshot (simulation)->time_s);

  /* Reset: the clock and the history start again, the controls go back to
   * their defaults. */
  g_assert_true (soleus_simulation_set_control (simulation, "atrophy", 0.4, NULL));
  soleus_simulation_reset (simulation);
  assert_same_double (soleus_simulation_get_time (simulation), start);
  g_assert_cmpuint (history_length (simulation), ==, 1);
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_ATROPHY), 0.0);

  g_assert_finalize_object (simulation);
}

/* Same controls, same steps: the same numbers, bit for bit. */
static void
test_deterministic (void)
{
  SoleusSimulation *a = soleus_simulation_new ();
  SoleusSimulation *b = soleus_simulation_new ();
  SoleusReadouts ra, rb;

  for (guint k = 0; k < 2; k++)
    {
      SoleusSimulation *s = k == 0 ? a : b;

      g_assert_true (soleus_simulation_set_control (s, "posture", SOLEUS_POSTURE_STANDING,
                                                    NULL));
      g_assert_true (soleus_simulation_set_control (s, "speed", 3.0, NULL));
      g_assert_true (soleus_simulation_set_control (s, "valve-weakness", 0.6, NULL));
      for (guint i = 0; i < 20; i++)
        soleus_simulation_step (s);
    }

  soleus_simulation_get_readouts (a, &ra);
  soleus_simulation_get_readouts (b, &rb);
  g_assert_cmpmem (&ra, sizeof ra, &rb, sizeof rb);
  assert_same_double (soleus_simulation_get_snapshot (a)->time_s,
                      soleus_simulation_get_snapshot (b)->time_s);
  g_assert_cmpmem (soleus_simulation_get_snapshot (a)->control,
                   sizeof soleus_simulation_get_snapshot (a)->control,
                   soleus_simulation_get_snapshot (b)->control,
                   sizeof soleus_simulation_get_snapshot (b)->control);

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
test_playback (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  guint playing_notified = 0;
  guint rate_notified = 0;
  double start;

  g_signal_connect_swapped (simulation, "notify::playing", G_CALLBACK (count_cb),
                            &playing_notified);
  g_signal_connect_swapped (simulation, "notify::rate", G_CALLBACK (count_cb), &rate_notified);

  soleus_simulation_set_playing (simulation, FALSE);
  soleus_simulation_set_playing (simulation, FALSE);
  g_assert_false (soleus_simulation_get_playing (simulation));
  g_assert_cmpuint (playing_notified, ==, 1);

  /* Paused, the clock stands whatever time passes. */
  start = soleus_simulation_get_time (simulation);
  soleus_simulation_advance (simulation, 0.2, 10.0);
  assert_same_double (soleus_simulation_get_time (simulation), start);

  /* Rates outside the offered range are brought into it. */
  soleus_simulation_set_rate (simulation, 60.0);
  assert_same_double (soleus_simulation_get_rate (simulation), 60.0);
  soleus_simulation_set_rate (simulation, 60.0);
  g_assert_cmpuint (rate_notified, ==, 1);
  soleus_simulation_set_rate (simulation, 1e6);
  assert_same_double (soleus_simulation_get_rate (simulation), SOLEUS_SIMULATION_MAX_RATE);
  soleus_simulation_set_rate (simulation, 0.0);
  assert_same_double (soleus_simulation_get_rate (simulation), SOLEUS_SIMULATION_MIN_RATE);
  g_assert_cmpuint (rate_notified, ==, 3);

  g_assert_finalize_object (simulation);
}

static void
test_scenario (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  const SoleusScenario *scenario = soleus_scenario_get (0);
  g_autoptr(GError) error = NULL;
  guint scenario_notified = 0;

  g_signal_connect_swapped (simulation, "notify::scenario", G_CALLBACK (count_cb),
                            &scenario_notified);

  g_assert_false (soleus_simulation_load_scenario (simulation, "no-such-scenario", &error));
  g_assert_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_UNKNOWN_SCENARIO);
  g_clear_error (&error);
  g_assert_null (soleus_simulation_get_scenario (simulation));
  g_assert_cmpuint (scenario_notified, ==, 0);

  g_assert_true (soleus_simulation_load_scenario (simulation, scenario->name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (soleus_simulation_get_scenario (simulation), ==, scenario->name);
  /* Untranslated here: the test binds no text domain. */
  g_assert_cmpstr (soleus_simulation_get_scenario_title (simulation), ==, scenario->title);
  g_assert_cmpuint (scenario_notified, ==, 1);
  /* It starts near its key moment, at its own pace, with the history of
   * the lead-up on its 0.1 s grid. */
  g_assert_cmpfloat (scenario->start_s, >, 0.0);
  assert_same_double (soleus_simulation_get_time (simulation), scenario->start_s);
  assert_same_double (soleus_simulation_get_rate (simulation),
                      soleus_scenario_pace_at (scenario, scenario->start_s).rate);
  g_assert_cmpuint (history_length (simulation), ==,
                    (guint) (scenario->start_s * SOLEUS_HISTORY_HZ) + 1);

  /* The scenario's starting controls are applied over the defaults. */
  for (size_t i = 0; i < scenario->n_events && scenario->events[i].time_s <= 0.0; i++)
    assert_same_double (soleus_simulation_get_control (simulation, scenario->events[i].param),
                        scenario->events[i].value);

  soleus_simulation_reset (simulation);
  g_assert_null (soleus_simulation_get_scenario (simulation));
  g_assert_cmpuint (scenario_notified, ==, 2);

  g_assert_finalize_object (simulation);
}

/* The healthy leg does what this leg does, with healthy valves and muscle. */
static void
test_reference (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  const SoleusSnapshot *reference;

  g_assert_true (soleus_simulation_set_control (simulation, "posture", SOLEUS_POSTURE_SITTING,
                                                NULL));
  g_assert_true (soleus_simulation_set_control (simulation, "height", 190.0, NULL));
  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.8, NULL));
  g_assert_true (soleus_simulation_set_control (simulation, "atrophy", 0.5, NULL));
  soleus_simulation_step (simulation);

  reference = soleus_simulation_get_reference_snapshot (simulation);
  assert_same_double (reference->control[SOLEUS_PARAM_POSTURE], SOLEUS_POSTURE_SITTING);
  assert_same_double (reference->control[SOLEUS_PARAM_HEIGHT_CM], 190.0);
  assert_same_double (reference->control[SOLEUS_PARAM_VALVE_WEAKNESS],
                      soleus_param_info (SOLEUS_PARAM_VALVE_WEAKNESS)->healthy_value);
  assert_same_double (reference->control[SOLEUS_PARAM_ATROPHY],
                      soleus_param_info (SOLEUS_PARAM_ATROPHY)->healthy_value);
  /* It keeps in step with this leg's clock. */
  assert_same_double (reference->time_s, soleus_simulation_get_snapshot (simulation)->time_s);

  g_assert_finalize_object (simulation);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulation/defaults", test_defaults);
  g_test_add_func ("/simulation/set-control", test_set_control);
  g_test_add_func ("/simulation/step", test_step);
  g_test_add_func ("/simulation/deterministic", test_deterministic);
  g_test_add_func ("/simulation/playback", test_playback);
  g_test_add_func ("/simulation/scenario", test_scenario);
  g_test_add_func ("/simulation/reference", test_reference);

  return g_test_run ();
}
