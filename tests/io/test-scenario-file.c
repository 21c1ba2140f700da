/* test-scenario-file.c: .soleus scenario files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Round trips, every way a file can be wrong (each with its message and its
 * line), the built-in scenarios played through a file bit for bit, and the
 * sample file that is installed.
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "soleus-scenario-file-private.h"

/* ---------------------------------------------------------------------- */
/* Helpers */

static void
assert_same_double (double a,
                    double b)
{
  /* Bit for bit: a round trip loses nothing. */
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static void
assert_same_controls (const double a[SOLEUS_N_PARAMS],
                      const double b[SOLEUS_N_PARAMS])
{
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    if (!(isnan (a[id]) && isnan (b[id])))
      assert_same_double (a[id], b[id]);
}

static void
assert_same_file (SoleusScenarioFile *a,
                  SoleusScenarioFile *b)
{
  double ca[SOLEUS_N_PARAMS], cb[SOLEUS_N_PARAMS];
  g_auto(GStrv) la = soleus_scenario_file_get_locales (a);
  g_auto(GStrv) lb = soleus_scenario_file_get_locales (b);

  g_assert_cmpstr (soleus_scenario_file_get_title_for_locale (a, NULL), ==,
                   soleus_scenario_file_get_title_for_locale (b, NULL));
  g_assert_cmpstr (soleus_scenario_file_get_description_for_locale (a, NULL), ==,
                   soleus_scenario_file_get_description_for_locale (b, NULL));
  g_assert_cmpstrv (la, lb);
  for (guint i = 0; la[i] != NULL; i++)
    {
      g_assert_cmpstr (soleus_scenario_file_get_title_for_locale (a, la[i]), ==,
                       soleus_scenario_file_get_title_for_locale (b, la[i]));
      g_assert_cmpstr (soleus_scenario_file_get_description_for_locale (a, la[i]), ==,
                       soleus_scenario_file_get_description_for_locale (b, la[i]));
    }
  assert_same_double (soleus_scenario_file_get_duration (a),
                      soleus_scenario_file_get_duration (b));

  soleus_scenario_file_get_controls (a, ca);
  soleus_scenario_file_get_controls (b, cb);
  assert_same_controls (ca, cb);

  g_assert_cmpuint (soleus_scenario_file_get_n_events (a), ==,
                    soleus_scenario_file_get_n_events (b));
  for (guint k = 0; k < soleus_scenario_file_get_n_events (a); k++)
    {
      const SoleusScenarioEvent *ea = soleus_scenario_file_get_event (a, k);
      const SoleusScenarioEvent *eb = soleus_scenario_file_get_event (b, k);

      assert_same_double (ea->time_s, eb->time_s);
      g_assert_cmpint (ea->param, ==, eb->param);
      assert_same_double (ea->value, eb->value);
    }

  g_assert_cmpuint (soleus_scenario_file_get_n_steps (a), ==,
                    soleus_scenario_file_get_n_steps (b));
  for (guint i = 0; i < soleus_scenario_file_get_n_steps (a); i++)
    {
      double ta = soleus_scenario_file_get_step_time (a, i);
      double tb = soleus_scenario_file_get_step_time (b, i);

      g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (a, i, NULL), ==,
                       soleus_scenario_file_get_step_caption_for_locale (b, i, NULL));
      for (guint l = 0; la[l] != NULL; l++)
        g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (a, i, la[l]), ==,
                         soleus_scenario_file_get_step_caption_for_locale (b, i, la[l]));
      g_assert_cmpint (isnan (ta), ==, isnan (tb));
      if (!isnan (ta))
        assert_same_double (ta, tb);
      soleus_scenario_file_get_step_controls (a, i, ca);
      soleus_scenario_file_get_step_controls (b, i, cb);
      for (int id = 0; id < SOLEUS_N_PARAMS; id++)
        g_assert_cmpint (isnan (ca[id]), ==, isnan (cb[id]));
      assert_same_controls (ca, cb);
    }
}

static SoleusScenarioFile *
reload (SoleusScenarioFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  SoleusScenarioFile *back;
  gsize length = 0;

  data = soleus_scenario_file_to_data (file, &length);
  g_assert_nonnull (data);
  back = soleus_scenario_file_load_from_data (data, (gssize) length, "test.soleus", &error);
  if (error != NULL)
    g_test_message ("%s", data);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

/* The state two models must share to be the same, bit for bit. */
static void
assert_same_state (SoleusModel *a,
                   SoleusModel *b)
{
  const SoleusSnapshot *sa = soleus_model_get_snapshot (a);
  const SoleusSnapshot *sb = soleus_model_get_snapshot (b);
  SoleusReadouts ra, rb;

  g_assert_cmpuint (sa->step, ==, sb->step);
  g_assert_cmpmem (sa->vessel, sizeof sa->vessel, sb->vessel, sizeof sb->vessel);
  g_assert_cmpmem (sa->valve, sizeof sa->valve, sb->valve, sizeof sb->valve);
  g_assert_cmpmem (sa->control, sizeof sa->control, sb->control, sizeof sb->control);
  assert_same_double (sa->gait_phase, sb->gait_phase);
  assert_same_double (sa->calf_fluid_ml, sb->calf_fluid_ml);
  assert_same_double (sa->foot_fluid_ml, sb->foot_fluid_ml);
  assert_same_double (sa->heart_phase, sb->heart_phase);

  /* SoleusReadouts holds doubles only: no padding. */
  soleus_model_get_readouts (a, &ra);
  soleus_model_get_readouts (b, &rb);
  g_assert_cmpmem (&ra, sizeof ra, &rb, sizeof rb);
}

/* ---------------------------------------------------------------------- */
/* Building, saving, loading */

static void
test_new (void)
{
  g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_new ();
  double controls[SOLEUS_N_PARAMS];

  g_assert_nonnull (soleus_scenario_file_get_title (file));
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_duration (file), 300, 1e-12);
  g_assert_cmpuint (soleus_scenario_file_get_n_events (file), ==, 0);
  g_assert_cmpuint (soleus_scenario_file_get_n_steps (file), ==, 0);

  soleus_scenario_file_get_controls (file, controls);
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    g_assert_cmpfloat_with_epsilon (controls[id],
                                    soleus_param_info ((SoleusParamId) id)->default_value,
                                    1e-12);

  /* Setters refuse what the model would refuse, and change nothing. */
  g_assert_false (soleus_scenario_file_set_control (file, SOLEUS_PARAM_VALVE_WEAKNESS, 1.5));
  g_assert_false (soleus_scenario_file_set_control (file, SOLEUS_PARAM_POSTURE, 1.5));
  g_assert_false (soleus_scenario_file_set_duration (file, 0));
  g_assert_false (soleus_scenario_file_add_event (file, -1, SOLEUS_PARAM_SPEED_KMH, 3));
  g_assert_false (soleus_scenario_file_add_event (file, 10, SOLEUS_PARAM_SPEED_KMH, 9));
  g_assert_cmpuint (soleus_scenario_file_get_n_events (file), ==, 0);

  /* Events stay in time order, after those of the same time. */
  g_assert_true (soleus_scenario_file_add_event (file, 20, SOLEUS_PARAM_SPEED_KMH, 2));
  g_assert_true (soleus_scenario_file_add_event (file, 10, SOLEUS_PARAM_SPEED_KMH, 1));
  g_assert_true (soleus_scenario_file_add_event (file, 20, SOLEUS_PARAM_SPEED_KMH, 3));
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_event (file, 0)->value, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_event (file, 1)->value, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_event (file, 2)->value, 3, 1e-12);
  soleus_scenario_file_remove_event (file, 1);
  g_assert_cmpuint (soleus_scenario_file_get_n_events (file), ==, 2);
}

/* A file with every feature: translations, odd numbers, timed and untimed
 * steps, text that needs escaping. */
static SoleusScenarioFile *
make_full_file (void)
{
  SoleusScenarioFile *file = soleus_scenario_file_new ();
  guint s;

  soleus_scenario_file_set_title (file, NULL, "Varicose veins; a \"test\" = 1");
  soleus_scenario_file_set_title (file, "de", "Krampfadern ä ö ü");
  soleus_scenario_file_set_title (file, "pt_BR", "Varizes");
  soleus_scenario_file_set_description (file, NULL, "Two lines\nand a # hash, [brackets]");
  soleus_scenario_file_set_description (file, "de", "Zwei Zeilen");
  g_assert_true (soleus_scenario_file_set_duration (file, 0.1 + 0.2));

  g_assert_true (soleus_scenario_file_set_control (file, SOLEUS_PARAM_POSTURE,
                                                   SOLEUS_POSTURE_STANDING));
  g_assert_true (soleus_scenario_file_set_control (file, SOLEUS_PARAM_VALVE_WEAKNESS, 0.6));
  g_assert_true (soleus_scenario_file_set_control (file, SOLEUS_PARAM_REFLUX_SITE,
                                                   SOLEUS_REFLUX_SUPERFICIAL));
  g_assert_true (soleus_scenario_file_set_control (file, SOLEUS_PARAM_WEIGHT_KG, 1.0 / 3.0 + 80));

  g_assert_true (soleus_scenario_file_add_event (file, 120, SOLEUS_PARAM_SPEED_KMH, 3));
  g_assert_true (soleus_scenario_file_add_event (file, 120.0005, SOLEUS_PARAM_SPEED_KMH, 2.5));
  g_assert_true (soleus_scenario_file_add_event (file, 420, SOLEUS_PARAM_POSTURE,
                                                 SOLEUS_POSTURE_SITTING));

  s = soleus_scenario_file_add_step (file, "Standing; still.");
  soleus_scenario_file_set_step_caption (file, s, "de", "Stehen.");
  g_assert_true (soleus_scenario_file_set_step_time (file, s, 0));
  s = soleus_scenario_file_add_step (file, "Walking, untimed");
  g_assert_true (soleus_scenario_file_set_step_control (file, s, SOLEUS_PARAM_SPEED_KMH, 4));
  s = soleus_scenario_file_add_step (file, "Compression");
  g_assert_true (soleus_scenario_file_set_step_time (file, s, 200));
  g_assert_true (soleus_scenario_file_set_step_control (file, s, SOLEUS_PARAM_COMPRESSION_MMHG,
                                                        30));
  g_assert_true (soleus_scenario_file_set_step_control (file, s, SOLEUS_PARAM_SPEED_KMH, 0));
  /* Out of range times are refused; a step's time later than the next
   * step's is taken (version 2), and this file keeps them in order. */
  g_assert_false (soleus_scenario_file_set_step_time (file, 1, -1.0));
  g_assert_false (soleus_scenario_file_set_step_time (file, 1, 8.0 * 24 * 3600));
  g_assert_cmpuint (soleus_scenario_file_get_version (file), ==, 1);
  g_assert_false (soleus_scenario_file_set_step_control (file, s, SOLEUS_PARAM_ATROPHY, 2));

  return file;
}

static void
test_round_trip (void)
{
  g_autoptr(SoleusScenarioFile) file = make_full_file ();
  g_autoptr(SoleusScenarioFile) back = reload (file);
  g_autoptr(SoleusScenarioFile) again = reload (back);
  g_autofree char *first = soleus_scenario_file_to_data (file, NULL);
  g_autofree char *second = soleus_scenario_file_to_data (back, NULL);

  assert_same_file (file, back);
  assert_same_file (file, again);
  /* Saving is deterministic. */
  g_assert_cmpstr (first, ==, second);
  g_assert_true (strstr (first, "[Soleus Scenario]\nVersion=1\n") != NULL);
  g_assert_true (strstr (first, "valve-weakness=0.6\n") != NULL);
  g_assert_true (strstr (first, "posture=standing\n") != NULL);
  g_assert_true (strstr (first, "Event1=120;speed;3\n") != NULL);
  g_assert_true (strstr (first, "Event3=420;posture;sitting\n") != NULL);
  g_assert_true (strstr (first, "Title[de]=") != NULL);
  g_assert_true (strstr (first, "[Step 3]\n") != NULL);
}

static void
test_save_load (void)
{
  g_autoptr(SoleusScenarioFile) file = make_full_file ();
  g_autoptr(SoleusScenarioFile) back = NULL;
  g_autoptr(SoleusScenarioFile) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("soleus-scenario-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *unwritable = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "leg.soleus", NULL);
  g_assert_true (soleus_scenario_file_save (file, path, &error));
  g_assert_no_error (error);

  back = soleus_scenario_file_load (path, &error);
  g_assert_no_error (error);
  assert_same_file (file, back);

  missing = g_build_filename (dir, "missing.soleus", NULL);
  none = soleus_scenario_file_load (missing, &error);
  g_assert_null (none);
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
  g_assert_true (strstr (error->message, "missing.soleus") != NULL);
  g_clear_error (&error);

  unwritable = g_build_filename (dir, "no-such-dir", "leg.soleus", NULL);
  g_assert_false (soleus_scenario_file_save (file, unwritable, &error));
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_builtin_round_trip (void)
{
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_from_builtin (scenario);
      g_autoptr(SoleusScenarioFile) back = reload (file);
      const SoleusScenario *view = soleus_scenario_file_as_scenario (back);
      double expected[SOLEUS_N_PARAMS], got[SOLEUS_N_PARAMS];

      assert_same_file (file, back);
      g_assert_cmpstr (soleus_scenario_file_get_title_for_locale (back, NULL), ==,
                       scenario->title);
      assert_same_double (view->duration_s, scenario->duration_s);

      /* The controls in force at every event's time, and between. */
      for (size_t k = 0; k < scenario->n_events; k++)
        for (int d = -1; d <= 1; d++)
          {
            double t = scenario->events[k].time_s + d * 0.25;

            soleus_scenario_controls_at (scenario, t, expected);
            soleus_scenario_file_controls_at (back, t, got);
            assert_same_controls (expected, got);
          }
    }
}

/* A built-in scenario and the same saved as a file reach the same state, bit
 * for bit, whatever slices time is advanced in. */
static void
test_builtin_bit_identical (void)
{
  static const char *const names[] = { "healthy-walk", "varicose-veins", "post-thrombotic",
                                       "sedentary-older" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_find (names[i]);
      g_autoptr(SoleusScenarioFile) saved = soleus_scenario_file_from_builtin (scenario);
      g_autoptr(SoleusScenarioFile) file = reload (saved);
      SoleusModel *a = soleus_model_new ();
      SoleusModel *b = soleus_model_new ();

      g_test_message ("%s", names[i]);
      soleus_scenario_start (scenario, a);
      soleus_scenario_file_start (file, b);
      assert_same_state (a, b);

      soleus_scenario_advance_to (scenario, a, 300);
      for (double t = 0; t < 300; t += 7.3)
        soleus_scenario_file_advance_to (file, b, t);
      soleus_scenario_file_advance_to (file, b, 300);
      assert_same_state (a, b);

      soleus_model_free (a);
      soleus_model_free (b);
    }
}

/* Steps with a time play by themselves; the presenter's steps add up. */
static void
test_steps (void)
{
  g_autoptr(SoleusScenarioFile) file = make_full_file ();
  double controls[SOLEUS_N_PARAMS];
  SoleusModel *model = soleus_model_new ();

  soleus_scenario_file_controls_at_step (file, 1, controls);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_SPEED_KMH], 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_VALVE_WEAKNESS], 0.6, 1e-12);
  soleus_scenario_file_controls_at_step (file, 2, controls);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_SPEED_KMH], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_COMPRESSION_MMHG], 30, 1e-12);

  /* Untimed step 2 does not play; timed step 3 does, at 200 s. */
  soleus_scenario_file_controls_at (file, 199, controls);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_SPEED_KMH], 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_COMPRESSION_MMHG], 0, 1e-12);
  soleus_scenario_file_controls_at (file, 200, controls);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_SPEED_KMH], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_COMPRESSION_MMHG], 30, 1e-12);

  soleus_scenario_file_start (file, model);
  soleus_scenario_file_advance_to (file, model, 201);
  g_assert_cmpfloat_with_epsilon (soleus_model_get_param (model, SOLEUS_PARAM_COMPRESSION_MMHG),
                                  30, 1e-12);
  soleus_model_free (model);
}

/* Steps a presenter put in another order: written as version 2, read back
 * the same, playing in time order as version 1's steps do; version 1 still
 * refuses step times that decrease. */
static void
test_steps_in_any_order (void)
{
  g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_from_builtin (
    soleus_scenario_find ("healthy-walk"));
  g_autoptr(SoleusScenarioFile) ordered = NULL;
  g_autoptr(SoleusScenarioFile) back = NULL;
  SoleusModel *a = soleus_model_new ();
  SoleusModel *b = soleus_model_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *v1 = NULL;
  guint s;

  s = soleus_scenario_file_add_step (file, "Walking with weak valves");
  g_assert_true (soleus_scenario_file_set_step_time (file, s, 300));
  g_assert_true (soleus_scenario_file_set_step_control (file, s, SOLEUS_PARAM_VALVE_WEAKNESS,
                                                        0.7));
  s = soleus_scenario_file_add_step (file, "Standing, before");
  g_assert_true (soleus_scenario_file_set_step_time (file, s, 100));
  g_assert_cmpuint (soleus_scenario_file_get_version (file), ==, 2);

  data = soleus_scenario_file_to_data (file, NULL);
  g_assert_nonnull (strstr (data, "[Soleus Scenario]\nVersion=2\n"));
  back = soleus_scenario_file_load_from_data (data, -1, "v2.soleus", &error);
  g_assert_no_error (error);
  assert_same_file (file, back);
  g_assert_cmpstr (soleus_scenario_file_get_step_caption (back, 0), ==,
                   "Walking with weak valves");
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_step_time (back, 1), 100, 1e-12);

  /* It plays as the same steps in time order do. */
  ordered = soleus_scenario_file_from_builtin (soleus_scenario_find ("healthy-walk"));
  s = soleus_scenario_file_add_step (ordered, "Standing, before");
  g_assert_true (soleus_scenario_file_set_step_time (ordered, s, 100));
  s = soleus_scenario_file_add_step (ordered, "Walking with weak valves");
  g_assert_true (soleus_scenario_file_set_step_time (ordered, s, 300));
  g_assert_true (soleus_scenario_file_set_step_control (ordered, s,
                                                        SOLEUS_PARAM_VALVE_WEAKNESS, 0.7));
  g_assert_cmpuint (soleus_scenario_file_get_version (ordered), ==, 1);
  soleus_scenario_file_start (back, a);
  soleus_scenario_file_advance_to (back, a, 310.0);
  soleus_scenario_file_start (ordered, b);
  soleus_scenario_file_advance_to (ordered, b, 310.0);
  g_assert_cmpuint (soleus_model_state_hash (a), ==, soleus_model_state_hash (b));
  g_assert_cmpfloat_with_epsilon (soleus_model_get_param (a, SOLEUS_PARAM_VALVE_WEAKNESS),
                                  0.7, 1e-12);

  /* The same text as version 1 is refused, naming the step. */
  v1 = g_strdup (data);
  memcpy (strstr (v1, "Version=2"), "Version=1", 9);
  g_assert_null (soleus_scenario_file_load_from_data (v1, -1, "v1.soleus", &error));
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "is before [Step 1] (300 s)"));

  soleus_model_free (a);
  soleus_model_free (b);
}

/* ---------------------------------------------------------------------- */
/* Broken files */

static const char valid_text[] =
  "# A comment\n"                                 /* 1 */
  "[Soleus Scenario]\n"                           /* 2 */
  "Version=1\n"                                   /* 3 */
  "Title=Leg\n"                                   /* 4 */
  "Duration=300\n"                                /* 5 */
  "\n"                                            /* 6 */
  "[Controls]\n"                                  /* 7 */
  "posture=standing\n"                            /* 8 */
  "valve-weakness=0.6\n"                          /* 9 */
  "\n"                                            /* 10 */
  "[Timeline]\n"                                  /* 11 */
  "Event1=120;speed;3\n"                          /* 12 */
  "Event2=420;speed;0\n"                          /* 13 */
  "\n"                                            /* 14 */
  "[Step 1]\n"                                    /* 15 */
  "Caption=Standing\n"                            /* 16 */
  "Time=0\n"                                      /* 17 */
  "\n"                                            /* 18 */
  "[Step 2]\n"                                    /* 19 */
  "Caption=Walking\n"                             /* 20 */
  "Time=120\n"                                    /* 21 */
  "speed=3\n";                                    /* 22 */

typedef struct
{
  const char *name;
  const char *text;       /* NULL: the valid text with a change */
  const char *find;       /* replaced in the valid text ... */
  const char *replace;    /* ... by this */
  gssize      length;     /* > 0: the first length bytes of the text */
  const char *cut_after;  /* the valid text cut just after this */
  int         code;
  const char *message;    /* the whole message */
  guint       line;       /* without a message: the line it names */
} BadCase;

static const BadCase bad_cases[] = {
  { "truncated", NULL, NULL, NULL, 0, "Caption=Walking\nTim", SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:21: 'Tim' is not a key=value line, a [group] or a # comment; the file "
    "may be truncated" },
  { "truncated-group", NULL, NULL, NULL, 0, "\n[Step", SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:15: '[Step': a group name without its closing ']'; the file may be "
    "truncated" },
  { "garbage", "\x7f" "ELF\x02\x01\x01\x00\x00\x00", NULL, NULL, 10, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE, "case.soleus:1: a NUL byte: this is not a text file" },
  { "garbage-text", "Lorem ipsum dolor sit amet\n", NULL, NULL, 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:1: 'Lorem ipsum dolor sit amet' is not a key=value line, a [group] or a "
    "# comment" },
  { "not-utf8", NULL, "Title=Leg", "Title=L\xe9g", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:4: not UTF-8 text" },
  { "empty", "", NULL, NULL, 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_MISSING,
    "case.soleus:1: empty: not a scenario file (no [Soleus Scenario] group)" },
  { "missing-group", NULL, "[Soleus Scenario]", "[Soleus]", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_MISSING,
    "case.soleus:2: [Soleus]: not a scenario file (it must begin with [Soleus Scenario])" },
  { "key-before-group", "Version=1\n[Soleus Scenario]\n", NULL, NULL, 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:1: Version: a key before the first group (a scenario file begins with "
    "[Soleus Scenario])" },
  { "version-99", NULL, "Version=1", "Version=99", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_VERSION,
    "case.soleus:3: Version 99 is not supported: this Soleus reads versions 1 to 2 (a newer "
    "Soleus may have written the file)" },
  { "version-0", NULL, "Version=1", "Version=0", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_VERSION,
    "case.soleus:3: Version 0 is not supported: this Soleus reads versions 1 to 2 (a newer "
    "Soleus may have written the file)" },
  { "version-missing", NULL, "Version=1\n", "", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_MISSING,
    "case.soleus:2: [Soleus Scenario] has no Version" },
  { "version-bad", NULL, "Version=1", "Version=one", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:3: Version: 'one' is not a whole number" },
  { "title-missing", NULL, "Title=Leg\n", "", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_MISSING,
    "case.soleus:2: [Soleus Scenario] has no Title" },
  { "out-of-range", NULL, "valve-weakness=0.6", "valve-weakness=1.5", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_RANGE,
    "case.soleus:9: valve-weakness: 1.5 is out of range (0 to 1)" },
  { "bad-choice", NULL, "posture=standing", "posture=lying", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_RANGE,
    "case.soleus:8: posture: 'lying' is not one of supine, sitting, standing, legs-up" },
  { "unknown-control", NULL, "valve-weakness=0.6", "valve-weaknes=0.6", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY,
    "case.soleus:9: 'valve-weaknes' is not a control (one of posture, speed, "
    "ankle-exercise, valve-weakness, reflux-site, atrophy, weight, height, obstruction, "
    "compression, ankle-mobility)" },
  { "unknown-key", NULL, "Duration=300", "Length=300", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY,
    "case.soleus:5: Length: unknown key in [Soleus Scenario] (Version, Title, Description "
    "or Duration)" },
  { "unknown-group", NULL, "[Timeline]", "[Timelines]", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY,
    "case.soleus:11: [Timelines]: unknown group ([Soleus Scenario], [Controls], [Timeline] "
    "or [Step 1], [Step 2], …)" },
  { "bad-number", NULL, "Duration=300", "Duration=300s", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:5: Duration: '300s' is not a number (0.001 to 604800 s)" },
  { "bad-control-number", NULL, "valve-weakness=0.6", "valve-weakness=0,6", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:9: valve-weakness: '0,6' is not a number (0 to 1)" },
  { "duration-zero", NULL, "Duration=300", "Duration=0", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_RANGE,
    "case.soleus:5: Duration: 0 s is out of range (0.001 to 604800 s)" },
  { "event-negative", NULL, "Event1=120;speed;3", "Event1=-5;speed;3", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_RANGE,
    "case.soleus:12: Event1: -5 s is out of range (0 to 604800 s)" },
  { "event-format", NULL, "Event1=120;speed;3", "Event1=120;speed", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:12: Event1: '120;speed' is not TIME;CONTROL;VALUE (as in 120;speed;3)" },
  { "event-value", NULL, "Event2=420;speed;0", "Event2=420;speed;7", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_RANGE,
    "case.soleus:13: Event2 speed: 7 is out of range (0 to 6 km/h)" },
  { "event-control", NULL, "Event2=420;speed;0", "Event2=420;pace;0", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY,
    "case.soleus:13: Event2: 'pace' is not a control (one of posture, speed, "
    "ankle-exercise, valve-weakness, reflux-site, atrophy, weight, height, obstruction, "
    "compression, ankle-mobility)" },
  { "events-out-of-time-order", NULL, "Event2=420;speed;0", "Event2=60;speed;0", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:13: Event2: 60 s is before Event1 (120 s); events go in time order" },
  { "events-misnumbered", NULL, "Event2=420", "Event3=420", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:13: Event3: out of order (expected Event2 here)" },
  { "steps-out-of-order", NULL, "[Step 1]", "[Step 3]", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:15: [Step 3]: out of order (expected [Step 1] here)" },
  { "step-time-backwards", NULL, "Time=0\n", "Time=200\n", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:21: [Step 2] Time: 120 s is before [Step 1] (200 s); steps go in time "
    "order" },
  { "step-caption-missing", NULL, "Caption=Walking\n", "", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_MISSING, "case.soleus:19: [Step 2] has no Caption" },
  { "step-bad-value", NULL, "speed=3", "speed=fast", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:22: [Step 2] speed: 'fast' is not a number (0 to 6 km/h)" },
  { "step-unknown-key", NULL, "speed=3", "sped=3", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY,
    "case.soleus:22: [Step 2] sped: unknown key (Caption, Time or a control: posture, "
    "speed, ankle-exercise, valve-weakness, reflux-site, atrophy, weight, height, "
    "obstruction, compression, ankle-mobility)" },
  { "duplicate-key", NULL, "valve-weakness=0.6\n", "valve-weakness=0.6\nposture=sitting\n", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:10: posture: given twice in [Controls] (first on line 8)" },
  { "duplicate-group", NULL, "[Timeline]", "[Controls]", 0, NULL, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
    "case.soleus:11: [Controls]: given twice (first on line 7)" },
  /* GKeyFile's own refusal, which carries no line: found by the loader. */
  { "bad-key-name", NULL, "Title=Leg", "Title=Leg\nTitle[de=Bein", 0, NULL,
    SOLEUS_SCENARIO_FILE_ERROR_PARSE, NULL, 5 },
};

static char *
make_case_text (const BadCase *c,
                gsize         *length)
{
  GString *text;

  if (c->text != NULL)
    {
      *length = c->length > 0 ? (gsize) c->length : strlen (c->text);
      return g_memdup2 (c->text, *length + 1);
    }

  text = g_string_new (valid_text);
  if (c->find != NULL)
    {
      const char *at = strstr (text->str, c->find);
      gsize pos;

      g_assert_nonnull (at);
      pos = (gsize) (at - text->str);
      g_string_erase (text, (gssize) pos, (gssize) strlen (c->find));
      g_string_insert (text, (gssize) pos, c->replace);
    }
  if (c->length > 0)
    g_string_truncate (text, (gsize) c->length);
  if (c->cut_after != NULL)
    {
      const char *at = strstr (text->str, c->cut_after);

      g_assert_nonnull (at);
      g_string_truncate (text, (gsize) (at - text->str) + strlen (c->cut_after));
    }

  *length = text->len;
  return g_string_free (text, FALSE);
}

static void
test_valid_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) file =
    soleus_scenario_file_load_from_data (valid_text, -1, "case.soleus", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (soleus_scenario_file_get_title (file), ==, "Leg");
  g_assert_cmpuint (soleus_scenario_file_get_n_events (file), ==, 2);
  g_assert_cmpuint (soleus_scenario_file_get_n_steps (file), ==, 2);
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_control (file,
                                                                    SOLEUS_PARAM_VALVE_WEAKNESS),
                                  0.6, 1e-12);
  /* CRLF line ends and spaces around '=' read the same. */
  {
    g_autoptr(GString) crlf = g_string_new (valid_text);
    g_autoptr(SoleusScenarioFile) same = NULL;

    g_string_replace (crlf, "\n", "\r\n", 0);
    g_string_replace (crlf, "posture=standing", "posture = standing ", 0);
    same = soleus_scenario_file_load_from_data (crlf->str, -1, "case.soleus", &error);
    g_assert_no_error (error);
    assert_same_file (file, same);
  }
}

static void
test_bad_file (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) file = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = make_case_text (c, &length);
  file = soleus_scenario_file_load_from_data (text, (gssize) length, "case.soleus", &error);
  g_assert_null (file);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", c->name, error->message);
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, c->code);
  if (c->message != NULL)
    g_assert_cmpstr (error->message, ==, c->message);
  else
    {
      g_autofree char *prefix = g_strdup_printf ("case.soleus:%u: ", c->line);

      g_assert_true (g_str_has_prefix (error->message, prefix));
    }
  /* One line. */
  g_assert_null (strchr (error->message, '\n'));
}

/* Every prefix of a valid file, every byte flipped: never a crash, always a
 * file or one clear error. */
static void
test_fuzz (void)
{
  g_autoptr(SoleusScenarioFile) full = make_full_file ();
  gsize length = 0;
  g_autofree char *text = soleus_scenario_file_to_data (full, &length);
  g_autofree char *copy = g_malloc (length + 1);

  for (gsize n = 0; n <= length; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SoleusScenarioFile) file =
        soleus_scenario_file_load_from_data (text, (gssize) n, "cut.soleus", &error);

      g_assert_true ((file == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (g_str_has_prefix (error->message, "cut.soleus"));
    }

  for (gsize i = 0; i < length; i += 3)
    {
      static const char bytes[] = { '\0', '\n', '[', ']', '=', ';', '\\', '#', 'x', '\xff' };

      for (guint b = 0; b < G_N_ELEMENTS (bytes); b++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(SoleusScenarioFile) file = NULL;

          memcpy (copy, text, length + 1);
          copy[i] = bytes[b];
          file = soleus_scenario_file_load_from_data (copy, (gssize) length, "flip.soleus",
                                                      &error);
          g_assert_true ((file == NULL) != (error == NULL));
        }
    }
}

/* ---------------------------------------------------------------------- */
/* The sample file */

static void
test_sample (void)
{
  g_autofree char *path = g_build_filename (SCENARIO_DIR, "varicose-explained.soleus", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_load (path, &error);
  g_autoptr(SoleusScenarioFile) back = NULL;
  double controls[SOLEUS_N_PARAMS];
  guint n;
  SoleusModel *model;

  g_assert_no_error (error);
  g_assert_cmpstr (soleus_scenario_file_get_title_for_locale (file, NULL), ==,
                   "Varicose veins, explained");
  g_assert_nonnull (soleus_scenario_file_get_title_for_locale (file, "de"));
  n = soleus_scenario_file_get_n_steps (file);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (n, <=, 6);
  for (guint i = 0; i < n; i++)
    {
      const char *caption = soleus_scenario_file_get_step_caption (file, i);

      g_assert_nonnull (caption);
      g_assert_cmpuint (strlen (caption), >, 20);
    }

  /* Healthy standing, then walking, then weak valves, then compression. */
  soleus_scenario_file_controls_at_step (file, 0, controls);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_POSTURE], SOLEUS_POSTURE_STANDING, 1e-12);
  g_assert_cmpfloat_with_epsilon (controls[SOLEUS_PARAM_VALVE_WEAKNESS], 0, 1e-12);
  soleus_scenario_file_controls_at_step (file, n - 1, controls);
  g_assert_cmpfloat (controls[SOLEUS_PARAM_VALVE_WEAKNESS], >, 0);
  g_assert_cmpfloat (controls[SOLEUS_PARAM_COMPRESSION_MMHG], >, 0);

  back = reload (file);
  assert_same_file (file, back);

  /* It plays to its end. */
  model = soleus_model_new ();
  soleus_scenario_file_start (file, model);
  soleus_scenario_file_advance_to (file, model, soleus_scenario_file_get_duration (file));
  g_assert_cmpfloat_with_epsilon (soleus_model_get_param (model, SOLEUS_PARAM_COMPRESSION_MMHG),
                                  controls[SOLEUS_PARAM_COMPRESSION_MMHG], 1e-12);
  soleus_model_free (model);
}

/* A negative zero reads as 0, so that it is written as "0" (or "supine")
 * and reads back with the same bits, from a file or through the setters. */
static void
test_negative_zero (void)
{
  static const char text[] =
    "[Soleus Scenario]\nVersion=1\nTitle=Zeros\n"
    "[Controls]\nposture=-0\nspeed=-0.0\natrophy=-0e3\n"
    "[Timeline]\nEvent1=-0;valve-weakness;-0\n"
    "[Step 1]\nCaption=Still\nTime=-0\nspeed=-0\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) file = NULL;
  g_autoptr(SoleusScenarioFile) again = NULL;
  g_autoptr(SoleusScenarioFile) set = soleus_scenario_file_new ();
  g_autofree char *data = NULL;
  double controls[SOLEUS_N_PARAMS];

  file = soleus_scenario_file_load_from_data (text, -1, "zeros.soleus", &error);
  g_assert_no_error (error);

  assert_same_double (soleus_scenario_file_get_control (file, SOLEUS_PARAM_POSTURE), 0.0);
  assert_same_double (soleus_scenario_file_get_control (file, SOLEUS_PARAM_SPEED_KMH), 0.0);
  assert_same_double (soleus_scenario_file_get_control (file, SOLEUS_PARAM_ATROPHY), 0.0);
  assert_same_double (soleus_scenario_file_get_event (file, 0)->time_s, 0.0);
  assert_same_double (soleus_scenario_file_get_event (file, 0)->value, 0.0);
  assert_same_double (soleus_scenario_file_get_step_time (file, 0), 0.0);
  soleus_scenario_file_get_step_controls (file, 0, controls);
  assert_same_double (controls[SOLEUS_PARAM_SPEED_KMH], 0.0);

  data = soleus_scenario_file_to_data (file, NULL);
  g_assert_null (strstr (data, "-0"));
  again = soleus_scenario_file_load_from_data (data, -1, "again.soleus", &error);
  g_assert_no_error (error);
  assert_same_file (file, again);

  /* The setters too. */
  g_assert_true (soleus_scenario_file_set_control (set, SOLEUS_PARAM_SPEED_KMH, -0.0));
  assert_same_double (soleus_scenario_file_get_control (set, SOLEUS_PARAM_SPEED_KMH), 0.0);
  g_assert_true (soleus_scenario_file_add_event (set, -0.0, SOLEUS_PARAM_ATROPHY, -0.0));
  assert_same_double (soleus_scenario_file_get_event (set, 0)->time_s, 0.0);
  assert_same_double (soleus_scenario_file_get_event (set, 0)->value, 0.0);
  soleus_scenario_file_add_step (set, "Step");
  g_assert_true (soleus_scenario_file_set_step_time (set, 0, -0.0));
  assert_same_double (soleus_scenario_file_get_step_time (set, 0), 0.0);
  g_assert_true (soleus_scenario_file_set_step_control (set, 0, SOLEUS_PARAM_SPEED_KMH, -0.0));
  soleus_scenario_file_get_step_controls (set, 0, controls);
  assert_same_double (controls[SOLEUS_PARAM_SPEED_KMH], 0.0);
}

/* ---------------------------------------------------------------------- */
/* Reading from disk: only regular files, never more than the limit */

typedef struct
{
  gboolean            done;
  SoleusScenarioFile *file;
  GError             *error;
} Loaded;

static void
loaded_cb (GObject      *source G_GNUC_UNUSED,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->file = soleus_scenario_file_load_finish (result, &loaded->error);
  loaded->done = TRUE;
}

/* Loads path off the main thread and waits for the result, polling the
 * main context with a deadline: a reader that blocks on a FIFO fails the
 * test rather than hanging it. */
static void
load_async_with_deadline (const char   *path,
                          GCancellable *cancellable,
                          Loaded       *loaded)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  memset (loaded, 0, sizeof *loaded);
  soleus_scenario_file_load_async (path, cancellable, loaded_cb, loaded);
  while (!loaded->done && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSource) tick = g_timeout_source_new (100);

      g_source_set_dummy_callback (tick);
      g_source_attach (tick, NULL);
      g_main_context_iteration (NULL, TRUE);
      g_source_destroy (tick);
    }
  if (!loaded->done)
    g_error ("loading %s did not end within 60 s", path);
}

static void
test_load_special (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("soleus-scenario-XXXXXX", &error);
  g_autofree char *fifo = NULL;
  g_autofree char *fifo_message = NULL;
  Loaded loaded;

  g_assert_no_error (error);
  fifo = g_build_filename (dir, "pipe.soleus", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fifo_message = g_strdup_printf ("%s: cannot read (not a regular file)", fifo);

  /* In a thread, so that a reader that blocks cannot hang the test. */
  load_async_with_deadline (fifo, NULL, &loaded);
  g_assert_null (loaded.file);
  g_assert_error (loaded.error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
  g_assert_cmpstr (loaded.error->message, ==, fifo_message);
  g_clear_error (&loaded.error);

  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      load_async_with_deadline ("/dev/zero", NULL, &loaded);
      g_assert_null (loaded.file);
      g_assert_error (loaded.error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
      g_assert_cmpstr (loaded.error->message, ==,
                       "/dev/zero: cannot read (not a regular file)");
      g_clear_error (&loaded.error);
    }

  /* Once it has been refused without blocking, the synchronous call may
   * be tried too. */
  g_assert_null (soleus_scenario_file_load (fifo, &error));
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, fifo_message);
  g_clear_error (&error);

  g_assert_null (soleus_scenario_file_load (dir, &error));
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
  g_assert_true (g_str_has_suffix (error->message, ": cannot read (a folder, not a file)"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (fifo), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* One byte over the limit is refused, from the size alone; at the limit the
 * text is read and parsed. */
static void
test_load_size_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("soleus-scenario-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gsize limit = 1024 * 1024;

  g_assert_no_error (error);
  path = g_build_filename (dir, "big.soleus", NULL);

  /* A valid file padded with a comment to exactly the limit. */
  text = g_strnfill (limit, '#');
  memcpy (text, valid_text, strlen (valid_text));
  g_file_set_contents (path, text, (gssize) limit, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_load (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (soleus_scenario_file_get_n_steps (file), ==, 2);
  }

  g_free (text);
  text = g_strnfill (limit + 1, '#');
  g_file_set_contents (path, text, (gssize) limit + 1, &error);
  g_assert_no_error (error);
  g_assert_null (soleus_scenario_file_load (path, &error));
  message = g_strdup_printf ("%s: too large for a scenario file (more than 1 MiB)", path);
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The asynchronous call gives what the synchronous one does, and hears a
 * cancellation. */
static void
test_load_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) file = make_full_file ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = g_dir_make_tmp ("soleus-scenario-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  Loaded loaded;

  g_assert_no_error (error);
  path = g_build_filename (dir, "leg.soleus", NULL);
  g_assert_true (soleus_scenario_file_save (file, path, &error));
  g_assert_no_error (error);

  load_async_with_deadline (path, NULL, &loaded);
  g_assert_no_error (loaded.error);
  g_assert_nonnull (loaded.file);
  assert_same_file (file, loaded.file);
  g_clear_pointer (&loaded.file, soleus_scenario_file_free);

  missing = g_build_filename (dir, "missing.soleus", NULL);
  load_async_with_deadline (missing, NULL, &loaded);
  g_assert_null (loaded.file);
  g_assert_error (loaded.error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO);
  g_assert_nonnull (strstr (loaded.error->message, "no such file"));
  g_clear_error (&loaded.error);

  g_cancellable_cancel (cancellable);
  load_async_with_deadline (path, cancellable, &loaded);
  g_assert_null (loaded.file);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&loaded.error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A byte-order mark, as Notepad saves UTF-8, is not part of the text. */
static void
test_byte_order_mark (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat ("\xef\xbb\xbf", valid_text, NULL);
  g_autofree char *bad = NULL;
  g_autoptr(SoleusScenarioFile) with = NULL;
  g_autoptr(SoleusScenarioFile) without = NULL;
  g_autoptr(SoleusScenarioFile) refused = NULL;

  with = soleus_scenario_file_load_from_data (text, -1, "bom.soleus", &error);
  g_assert_no_error (error);
  without = soleus_scenario_file_load_from_data (valid_text, -1, "case.soleus", &error);
  g_assert_no_error (error);
  assert_same_file (with, without);

  /* Lines are counted as without it. */
  bad = g_strconcat ("\xef\xbb\xbf[Soleus Scenario]\nVersion=1\nTitle=Leg\nspeed=3\n", NULL);
  refused = soleus_scenario_file_load_from_data (bad, -1, "bom.soleus", &error);
  g_assert_null (refused);
  g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY);
  g_assert_true (g_str_has_prefix (error->message, "bom.soleus:4: speed: unknown key"));
}

/* format with its "@" replaced by text. */
static char *
substitute (const char *format,
            const char *text)
{
  GString *out = g_string_new (format);

  g_string_replace (out, "@", text, 0);
  return g_string_free (out, FALSE);
}

/* Messages quote at most 60 characters of the input, letters of any script
 * as text, control characters escaped: never 5,000 characters, nor an ESC
 * that a terminal would obey. */
static void
test_messages_cut (void)
{
  struct
  {
    const char *find;
    const char *replace_format;   /* @: the long text */
    const char *long_text;
    const char *message;
  } cases[] = {
    { "Duration=300", "Duration=300\n@=1", "k", "case.soleus:6: @: unknown key in" },
    { "Caption=Walking", "Caption=Walking\n@=3", "k",
      "case.soleus:21: [Step 2] @: unknown key" },
    { "[Timeline]", "[@]", "g", "case.soleus:11: [@]: unknown group" },
    { "valve-weakness=0.6", "valve-weakness=2.@", "0",
      "case.soleus:9: valve-weakness: 2.@ is out of range" },
    { "valve-weakness=0.6", "valve-weakness=@", "x",
      "case.soleus:9: valve-weakness: '@' is not a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *long_text = g_strnfill (5000, cases[i].long_text[0]);
      g_autofree char *cut = g_strdup_printf ("%.60s…", long_text);
      g_autofree char *replace = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GString) text = g_string_new (valid_text);
      g_autoptr(GError) error = NULL;
      g_autoptr(SoleusScenarioFile) file = NULL;

      /* 5,000 characters of it: the message shows 60 and an ellipsis. */
      replace = substitute (cases[i].replace_format, long_text);
      g_assert_cmpuint (g_string_replace (text, cases[i].find, replace, 1), ==, 1);
      file = soleus_scenario_file_load_from_data (text->str, -1, "case.soleus", &error);
      g_assert_null (file);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 400);
      /* The number case begins with "2.". */
      if (cases[i].long_text[0] == '0')
        {
          g_free (cut);
          cut = g_strdup_printf ("%.58s…", long_text);
        }
      expected = substitute (cases[i].message, cut);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("'%s' does not begin with '%s'", error->message, expected);
    }

  {
    /* A key with an ESC and a bell, and one in another script. */
    g_autoptr(GString) text = g_string_new (valid_text);
    g_autoptr(GError) error = NULL;
    g_autoptr(SoleusScenarioFile) file = NULL;

    g_string_replace (text, "Duration=300", "Duration=300\nk\x1b[31m\x07=1", 1);
    file = soleus_scenario_file_load_from_data (text->str, -1, "case.soleus", &error);
    /* GKeyFile refuses it; its message is escaped too. */
    g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE);
    g_assert_cmpstr (error->message, ==, "case.soleus:6: Invalid key name: k\\x1b[31m\\x07");
    g_clear_error (&error);

    /* What it lets through is escaped here. */
    g_string_assign (text, valid_text);
    g_string_replace (text, "Duration=300", "Duration=300\nk\t\x7fz=1", 1);
    g_clear_pointer (&file, soleus_scenario_file_free);
    file = soleus_scenario_file_load_from_data (text->str, -1, "case.soleus", &error);
    g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY);
    g_assert_true (g_str_has_prefix (error->message,
                                     "case.soleus:6: k\\t\\x7fz: unknown key in"));
    g_clear_error (&error);

    g_string_assign (text, valid_text);
    g_string_replace (text, "valve-weakness=0.6", "Klappenschwäche=0,6", 1);
    g_clear_pointer (&file, soleus_scenario_file_free);
    file = soleus_scenario_file_load_from_data (text->str, -1, "case.soleus", &error);
    g_assert_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY);
    g_assert_true (g_str_has_prefix (error->message,
                                     "case.soleus:9: 'Klappenschwäche' is not a control"));
  }
}

/* The reader leaves GKeyFile out when its own scan can vouch for the text;
 * whatever the text, it gives what GKeyFile gives. */
static void
assert_same_as_keyfile (const char *text,
                        gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keyfile_error = NULL;
  g_autoptr(SoleusScenarioFile) file =
    soleus_scenario_file_load_from_data_full (text, length, "case.soleus", FALSE, &error);
  g_autoptr(SoleusScenarioFile) keyfile_file =
    soleus_scenario_file_load_from_data_full (text, length, "case.soleus", TRUE, &keyfile_error);

  if (file != NULL)
    {
      g_autofree char *a = soleus_scenario_file_to_data (file, NULL);
      g_autofree char *b = NULL;

      g_assert_no_error (keyfile_error);
      b = soleus_scenario_file_to_data (keyfile_file, NULL);
      g_assert_cmpstr (a, ==, b);
    }
  else
    {
      g_assert_null (keyfile_file);
      g_assert_nonnull (error);
      g_assert_error (keyfile_error, error->domain, error->code);
      g_assert_cmpstr (error->message, ==, keyfile_error->message);
    }
}

static void
test_same_as_keyfile (void)
{
  static const char *const texts[] = {
    /* Left to GKeyFile: */
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\r",                 /* \r, no newline */
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\n[Controls]\v\n",  /* \v after ']' */
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\n[Con\x01trols]\n",
    "[Soleus Scenario]\nEncoding=latin1\nVersion=1\nTitle=Leg\n",
    "[Soleus Scenario]\nEncoding=UTF-8\nVersion=1\nTitle=Leg\n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\nTitle[]=x\n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\nTitle[dé]=x\n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\nTi]tle=x\n",
    "[Soleus Scenario]\nVersion=1\nTitle\t=Leg\n",
    /* a space before the locale, or first: GKeyFile refuses the name */
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\nTitle [fr]=Jambe\n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\nTitleh weak valves [fr]=x\n",
    "[Soleus Scenario]\nVersion=1\nTítulo=Leg\n",
    /* Escapes: GKeyFile unescapes. */
    "[Soleus Scenario]\nVersion=1\nTitle=\\sLeg\\n\\t\\\\\n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\\q\n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\\\n",
    /* The scan's own: */
    "[Soleus Scenario]  \t\nVersion=1\nTitle=  Leg  \r\n[Step 1]\nCaption = a ; b \n",
    "[Soleus Scenario]\nVersion=1\nTitle=Leg\nTitle[de_DE@euro]=Bein\nDescription=\n",
  };
  g_autoptr(SoleusScenarioFile) full = make_full_file ();
  g_autofree char *full_text = soleus_scenario_file_to_data (full, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_same_as_keyfile (texts[i], -1);
  assert_same_as_keyfile (valid_text, -1);
  assert_same_as_keyfile (full_text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      gsize length = 0;
      g_autofree char *text = make_case_text (&bad_cases[i], &length);

      assert_same_as_keyfile (text, (gssize) length);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/scenario-file/new", test_new);
  g_test_add_func ("/io/scenario-file/round-trip", test_round_trip);
  g_test_add_func ("/io/scenario-file/steps-in-any-order", test_steps_in_any_order);
  g_test_add_func ("/io/scenario-file/save-load", test_save_load);
  g_test_add_func ("/io/scenario-file/builtin-round-trip", test_builtin_round_trip);
  g_test_add_func ("/io/scenario-file/builtin-bit-identical", test_builtin_bit_identical);
  g_test_add_func ("/io/scenario-file/steps", test_steps);
  g_test_add_func ("/io/scenario-file/valid", test_valid_text);
  g_test_add_func ("/io/scenario-file/negative-zero", test_negative_zero);
  g_test_add_func ("/io/scenario-file/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/io/scenario-file/same-as-keyfile", test_same_as_keyfile);
  g_test_add_func ("/io/scenario-file/messages-cut", test_messages_cut);
  g_test_add_func ("/io/scenario-file/load-special", test_load_special);
  g_test_add_func ("/io/scenario-file/load-size-limit", test_load_size_limit);
  g_test_add_func ("/io/scenario-file/load-async", test_load_async);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/io/scenario-file/bad/%s",
                                               bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad_file);
    }
  g_test_add_func ("/io/scenario-file/fuzz", test_fuzz);
  g_test_add_func ("/io/scenario-file/sample", test_sample);

  return g_test_run ();
}
