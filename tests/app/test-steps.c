/* test-steps.c: the presenter's steps edited as the window's list does,
 * and written into a scenario file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "soleus-steps.h"

static void
controls_with (double controls[SOLEUS_N_PARAMS],
               double valve_weakness)
{
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    controls[i] = soleus_param_info (i)->default_value;
  controls[SOLEUS_PARAM_VALVE_WEAKNESS] = valve_weakness;
}

/* Appended, moved, re-captioned and deleted as the list's buttons do:
 * each step keeps its caption, moment and controls. */
static void
test_edit (void)
{
  g_autoptr(SoleusSteps) steps = soleus_steps_new_for_scenario (
    soleus_scenario_find ("healthy-walk"));
  double controls[SOLEUS_N_PARAMS];
  guint n = soleus_steps_get_n (steps);
  guint added;

  g_assert_cmpuint (n, ==, soleus_scenario_find ("healthy-walk")->n_story);
  /* The story starts where the scenario does. */
  g_assert_cmpfloat_with_epsilon (soleus_steps_get (steps, 0)->time_s, 110.0, 1e-12);

  controls_with (controls, 0.8);
  added = soleus_steps_append (steps, "Mine", 200.0, controls);
  g_assert_cmpuint (added, ==, n);
  g_assert_cmpuint (soleus_steps_get_n (steps), ==, n + 1);

  soleus_steps_move (steps, added, 0);
  g_assert_cmpstr (soleus_steps_get (steps, 0)->caption, ==, "Mine");
  g_assert_cmpfloat_with_epsilon (soleus_steps_get (steps, 0)->time_s, 200.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_steps_get (steps, 0)->controls[SOLEUS_PARAM_VALVE_WEAKNESS], 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_steps_get (steps, 1)->time_s, 110.0, 1e-12);
  /* Out of range: nothing moves. */
  soleus_steps_move (steps, 0, n + 1);
  g_assert_cmpstr (soleus_steps_get (steps, 0)->caption, ==, "Mine");

  soleus_steps_set_caption (steps, 0, "Mine, edited");
  g_assert_cmpstr (soleus_steps_get (steps, 0)->caption, ==, "Mine, edited");

  soleus_steps_remove (steps, 1);
  g_assert_cmpuint (soleus_steps_get_n (steps), ==, n);
  g_assert_cmpfloat_with_epsilon (soleus_steps_get (steps, 1)->time_s, 120.0, 1e-12);
  soleus_steps_remove (steps, n);
  g_assert_cmpuint (soleus_steps_get_n (steps), ==, n);
}

/* Written into a file in place of its steps, in the list's order: a moment
 * before the step before's makes it version 2. */
static void
test_to_file (void)
{
  g_autoptr(SoleusSteps) steps = soleus_steps_new_for_scenario (
    soleus_scenario_find ("varicose-veins"));
  g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_from_builtin (
    soleus_scenario_find ("varicose-veins"));
  double controls[SOLEUS_N_PARAMS];
  double back[SOLEUS_N_PARAMS];
  guint n = soleus_steps_get_n (steps);

  soleus_scenario_file_add_step (file, "Replaced");
  controls_with (controls, 0.9);
  soleus_steps_append (steps, "Mine", 200.0, controls);
  soleus_steps_to_file (steps, file);

  g_assert_cmpuint (soleus_scenario_file_get_n_steps (file), ==, n + 1);
  g_assert_cmpstr (soleus_scenario_file_get_step_caption (file, n), ==, "Mine");
  g_assert_cmpfloat_with_epsilon (soleus_scenario_file_get_step_time (file, n), 200.0, 1e-12);
  soleus_scenario_file_get_step_controls (file, n, back);
  g_assert_cmpmem (back, sizeof back, controls, sizeof controls);
  g_assert_cmpuint (soleus_scenario_file_get_version (file), ==, 2);

  /* Between the walk's start (120 s) and its end (420 s): in time order. */
  soleus_steps_move (steps, n, 2);
  soleus_steps_to_file (steps, file);
  g_assert_cmpstr (soleus_scenario_file_get_step_caption (file, 2), ==, "Mine");
  g_assert_cmpuint (soleus_scenario_file_get_version (file), ==, 1);
}

/* A file's translated captions: read in German, one step re-captioned and
 * written back, the other steps keep their text and every translation; the
 * edited one has only its new text. */
static void
test_keeps_translations (void)
{
  g_autoptr(SoleusScenarioFile) made = soleus_scenario_file_from_builtin (
    soleus_scenario_find ("varicose-veins"));
  g_autoptr(SoleusScenarioFile) file = NULL;
  g_autoptr(SoleusScenarioFile) saved = NULL;
  g_autoptr(SoleusSteps) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *saved_data = NULL;
  const char *english[] = { "Lying", "Standing", "Walking" };
  const char *german[] = { "Liegen", "Stehen", "Gehen" };
  const char *french[] = { "Couché", "Debout", "Marche" };

  while (soleus_scenario_file_get_n_steps (made) > 0)
    soleus_scenario_file_remove_step (made, 0);
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    {
      guint s = soleus_scenario_file_add_step (made, english[i]);

      soleus_scenario_file_set_step_caption (made, s, "de", german[i]);
      soleus_scenario_file_set_step_caption (made, s, "fr", french[i]);
    }
  data = soleus_scenario_file_to_data (made, NULL);
  file = soleus_scenario_file_load_from_data (data, -1, "talk.soleus", &error);
  g_assert_no_error (error);

  g_setenv ("LANGUAGE", "de", TRUE);
  steps = soleus_steps_new_for_file (file);
  g_assert_cmpstr (soleus_steps_get (steps, 0)->caption, ==, "Liegen");
  soleus_steps_set_caption (steps, 1, "Auf den Beinen");
  soleus_steps_to_file (steps, file);
  g_unsetenv ("LANGUAGE");

  saved_data = soleus_scenario_file_to_data (file, NULL);
  saved = soleus_scenario_file_load_from_data (saved_data, -1, "talk.soleus", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soleus_scenario_file_get_n_steps (saved), ==, 3);
  for (guint i = 0; i < 3; i += 2)
    {
      g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (saved, i, NULL),
                       ==, english[i]);
      g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (saved, i, "de"),
                       ==, german[i]);
      g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (saved, i, "fr"),
                       ==, french[i]);
    }
  g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (saved, 1, NULL),
                   ==, "Auf den Beinen");
  g_assert_null (soleus_scenario_file_get_step_caption_for_locale (saved, 1, "de"));
  g_assert_null (soleus_scenario_file_get_step_caption_for_locale (saved, 1, "fr"));

  /* Moved, a step takes its translations along. */
  soleus_steps_move (steps, 2, 0);
  soleus_steps_to_file (steps, saved);
  g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (saved, 0, "fr"),
                   ==, "Marche");
  g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (saved, 1, "fr"),
                   ==, "Couché");
}

/* Before the steps go (another scenario, a file, the window closing): a
 * person with unsaved steps is asked; nothing to save, or a script (which
 * must never wait on a dialog), goes straight on. */
static void
test_unsaved_choice (void)
{
  g_assert_cmpint (soleus_steps_unsaved_choice (TRUE, FALSE), ==, SOLEUS_UNSAVED_ASK);
  g_assert_cmpint (soleus_steps_unsaved_choice (FALSE, FALSE), ==, SOLEUS_UNSAVED_GO_ON);
  g_assert_cmpint (soleus_steps_unsaved_choice (TRUE, TRUE), ==, SOLEUS_UNSAVED_GO_ON);
  g_assert_cmpint (soleus_steps_unsaved_choice (FALSE, TRUE), ==, SOLEUS_UNSAVED_GO_ON);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/steps/edit", test_edit);
  g_test_add_func ("/steps/to-file", test_to_file);
  g_test_add_func ("/steps/keeps-translations", test_keeps_translations);
  g_test_add_func ("/steps/unsaved-choice", test_unsaved_choice);

  return g_test_run ();
}
