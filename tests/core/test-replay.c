/* test-replay.c: a scenario's state reached from a checkpoint is the state
 * reached by playing, bit for bit; the checkpoints stay within their bound
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib.h>
#include <math.h>

#include "soleus-replay.h"
#include "soleus-scenario.h"

/* The hash of the scenario's state at time_s, played from its start in
 * slices of the given number of steps (1 for the finest slicing). */
static guint64
played_hash (const SoleusScenario *scenario,
             double                time_s,
             guint64               slice)
{
  SoleusModel *model = soleus_model_new ();
  guint64 target = (guint64) floor (time_s / SOLEUS_STEP_S + 0.5);
  guint64 hash;

  g_assert_nonnull (model);
  soleus_scenario_start (scenario, model);
  while (soleus_model_get_snapshot (model)->step < target)
    {
      guint64 now = soleus_model_get_snapshot (model)->step;
      guint64 next = MIN (target, now + slice);

      soleus_scenario_advance_to (scenario, model, next * SOLEUS_STEP_S);
    }
  hash = soleus_model_state_hash (model);
  soleus_model_free (model);
  return hash;
}

static guint64
replay_hash (SoleusReplay *replay,
             double        time_s)
{
  SoleusModel *model = soleus_replay_model_at (replay, time_s);
  guint64 hash;

  g_assert_nonnull (model);
  g_assert_cmpfloat (fabs (soleus_model_get_snapshot (model)->time_s - time_s), <, 1e-9);
  hash = soleus_model_state_hash (model);
  soleus_model_free (model);
  return hash;
}

/* The window plays in slices set by the frame clock; soleus-cli in others:
 * the state does not depend on them, across the walk's start at 120 s. */
static void
test_slicing (void)
{
  const SoleusScenario *walk = soleus_scenario_find ("healthy-walk");
  guint64 whole = played_hash (walk, 125.0, G_MAXUINT32);

  g_assert_cmpuint (whole, ==, played_hash (walk, 125.0, 37));
  g_assert_cmpuint (whole, ==, played_hash (walk, 125.0, 100));
  /* A moment later is another state. */
  g_assert_cmpuint (whole, !=, played_hash (walk, 125.1, 100));
}

/* Forward, backward, between checkpoints and on them, with a table so
 * small that it thins twice on the way. */
static void
test_seek_matches_play (void)
{
  const SoleusScenario *walk = soleus_scenario_find ("varicose-veins");
  SoleusReplay *replay = soleus_replay_new (walk, 10.0, 4, 10.0);
  const double moments[] = { 131.4, 3.2, 119.9, 120.0, 60.0, 0.0, 155.0, 80.05 };

  g_assert_nonnull (replay);
  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_test_message ("seek to %.2f s", moments[i]);
      g_assert_cmpuint (replay_hash (replay, moments[i]), ==,
                        played_hash (walk, moments[i], 50));
      g_assert_cmpuint (soleus_replay_get_n_checkpoints (replay), <=, 4);
    }
  /* 155 s with at most four checkpoints from 10 s apart: 40 s apart now. */
  g_assert_cmpfloat_with_epsilon (soleus_replay_get_interval (replay), 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (soleus_replay_get_reached (replay), 155.0, 1e-9);
  soleus_replay_free (replay);
}

/* The trace is the scenario played on its grid: its samples are those of
 * a model played to each grid point. */
static void
test_trace (void)
{
  const SoleusScenario *walk = soleus_scenario_find ("healthy-walk");
  SoleusReplay *replay = soleus_replay_new (walk, 30.0, 8, 10.0);
  const SoleusReplaySample *trace;
  SoleusModel *model = soleus_model_new ();
  SoleusReadouts readouts;
  size_t n;

  g_assert_nonnull (replay);
  g_assert_true (soleus_replay_extend (replay, 130.0));
  n = soleus_replay_get_trace (replay, &trace);
  g_assert_cmpuint (n, ==, 14);
  for (size_t i = 0; i < n; i++)
    g_assert_cmpfloat (fabs (trace[i].time_s - 10.0 * i), <, 1e-9);

  soleus_scenario_start (walk, model);
  soleus_scenario_advance_to (walk, model, 130.0);
  soleus_model_get_readouts (model, &readouts);
  /* The same bits. */
  g_assert_cmpmem (&trace[13].ankle_pressure_mmhg, sizeof (double),
                   &readouts.ankle_pressure_mmhg, sizeof (double));
  g_assert_cmpmem (&trace[13].calf_volume_change_ml, sizeof (double),
                   &readouts.calf_volume_change_ml, sizeof (double));
  /* Walking from 120 s lowers the pressure of standing. */
  g_assert_cmpfloat (trace[13].ankle_pressure_mmhg, <, trace[11].ankle_pressure_mmhg);

  soleus_model_free (model);
  soleus_replay_free (replay);
}

static void
test_refuses_nonsense (void)
{
  const SoleusScenario *walk = soleus_scenario_find ("healthy-walk");

  g_assert_null (soleus_replay_new (NULL, 10.0, 4, 10.0));
  g_assert_null (soleus_replay_new (walk, 0.0, 4, 10.0));
  g_assert_null (soleus_replay_new (walk, 10.0, 1, 10.0));
  g_assert_null (soleus_replay_new (walk, 10.0, 4, NAN));
  g_assert_null (soleus_replay_model_at (NULL, 1.0));
}

/* Every built-in scenario has a pace, a start before its end and a story
 * told in time order, from its start. */
static void
test_builtin_pacing (void)
{
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *s = soleus_scenario_get (i);
      SoleusScenarioPace pace = soleus_scenario_pace_at (s, s->start_s);

      g_test_message ("%s", s->name);
      g_assert_cmpuint (s->n_pace, >, 0);
      g_assert_cmpuint (s->n_story, >, 1);
      g_assert_cmpfloat (s->start_s, <, s->duration_s);
      g_assert_cmpfloat (pace.rate, >=, 0.1);
      g_assert_cmpfloat (pace.rate, <=, 600.0);
      /* A minute or two per real minute of the whole, or the walk as it
       * happens: no scenario takes an hour to watch. */
      g_assert_cmpfloat ((s->duration_s - s->start_s) / pace.rate, <, 15.0 * 60.0);
      g_assert_cmpfloat (s->story[0].time_s, <=, s->start_s);
      for (size_t k = 1; k < s->n_story; k++)
        g_assert_cmpfloat (s->story[k].time_s, >, s->story[k - 1].time_s);
    }
}

static void
test_default_pace (void)
{
  SoleusScenario s = { "file", "", "", 300.0, NULL, 0, 0.0, NULL, 0, NULL, 0 };
  SoleusScenarioPace pace = soleus_scenario_pace_at (&s, 0.0);

  g_assert_cmpfloat_with_epsilon (pace.rate, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pace.window_s, 300.0, 1e-12);
  s.duration_s = 6.0 * 3600.0;
  pace = soleus_scenario_pace_at (&s, 100.0);
  g_assert_cmpfloat_with_epsilon (pace.rate, 360.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pace.window_s, 6.0 * 3600.0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/replay/slicing", test_slicing);
  g_test_add_func ("/core/replay/seek-matches-play", test_seek_matches_play);
  g_test_add_func ("/core/replay/trace", test_trace);
  g_test_add_func ("/core/replay/refuses-nonsense", test_refuses_nonsense);
  g_test_add_func ("/core/replay/builtin-pacing", test_builtin_pacing);
  g_test_add_func ("/core/replay/default-pace", test_default_pace);

  return g_test_run ();
}
