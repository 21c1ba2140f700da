/* soleus-steps.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presentation clickers send PageDown and PageUp; each press moves to the
 * next or the previous step: a set of controls and a caption for the hall.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-narration.h"
#include "soleus-steps.h"

struct _SoleusSteps
{
  GArray *steps;   /* of SoleusStep */
};

static void
clear_step (gpointer data)
{
  SoleusStep *step = data;

  g_clear_pointer (&step->caption, g_free);
  g_clear_pointer (&step->source_caption, g_free);
  g_clear_pointer (&step->translations, g_strfreev);
}

static SoleusSteps *
steps_new (void)
{
  SoleusSteps *self = g_new0 (SoleusSteps, 1);

  self->steps = g_array_new (FALSE, TRUE, sizeof (SoleusStep));
  g_array_set_clear_func (self->steps, clear_step);

  return self;
}

static SoleusStep *
add_step (SoleusSteps *self,
          const char  *caption)
{
  SoleusStep step = { g_strdup (caption), NAN, { 0 }, NULL, NULL };

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    step.controls[i] = NAN;
  g_array_append_val (self->steps, step);

  return &g_array_index (self->steps, SoleusStep, self->steps->len - 1);
}

SoleusSteps *
soleus_steps_new_tour (void)
{
  SoleusSteps *self = steps_new ();
  SoleusStep *step;

  step = add_step (self, _("Lying down, the leg is level with the heart: "
                           "the veins need no pump."));
  step->controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_SUPINE;
  step->controls[SOLEUS_PARAM_SPEED_KMH] = 0.0;
  step->controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.0;

  step = add_step (self, _("Standing still, the column of blood up to the heart "
                           "presses on the ankle veins."));
  step->controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  step->controls[SOLEUS_PARAM_SPEED_KMH] = 0.0;
  step->controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.0;

  step = add_step (self, _("Walking, the foot and calf pumps empty the veins "
                           "with every step: the ankle pressure falls by two thirds."));
  step->controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  step->controls[SOLEUS_PARAM_SPEED_KMH] = 3.0;
  step->controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.0;

  step = add_step (self, _("Weak valves let blood fall back: standing still, "
                           "the veins refill within seconds."));
  step->controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  step->controls[SOLEUS_PARAM_SPEED_KMH] = 0.0;
  step->controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.7;

  step = add_step (self, _("Walking with weak valves, the pump can no longer "
                           "lower the pressure: the leg swells and aches."));
  step->controls[SOLEUS_PARAM_POSTURE] = SOLEUS_POSTURE_STANDING;
  step->controls[SOLEUS_PARAM_SPEED_KMH] = 3.0;
  step->controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.7;

  return self;
}

static char *
describe_controls (const double controls[SOLEUS_N_PARAMS])
{
  const SoleusParamInfo *posture = soleus_param_info (SOLEUS_PARAM_POSTURE);
  guint index = (guint) controls[SOLEUS_PARAM_POSTURE];
  g_autofree char *activity = soleus_describe_activity (controls);
  GString *text = g_string_new (NULL);

  /* "Standing · Walking at 3.0 km/h · Valve weakness 60%" */
  g_string_append (text, g_dgettext (GETTEXT_PACKAGE, posture->choice_labels[index]));
  g_string_append (text, " · ");
  g_string_append (text, activity);
  if (controls[SOLEUS_PARAM_VALVE_WEAKNESS] > 0.0)
    g_string_append_printf (text, _(" · Valve weakness %.0f%%"),
                            100.0 * controls[SOLEUS_PARAM_VALVE_WEAKNESS]);
  if (controls[SOLEUS_PARAM_ATROPHY] > 0.0)
    g_string_append_printf (text, _(" · Muscle wasting %.0f%%"),
                            100.0 * controls[SOLEUS_PARAM_ATROPHY]);

  return g_string_free (text, FALSE);
}

SoleusSteps *
soleus_steps_new_for_scenario (const SoleusScenario *scenario)
{
  SoleusSteps *self = steps_new ();
  double last_time = -1.0;

  g_return_val_if_fail (scenario != NULL, self);

  /* The story in plain words, each step at its moment. */
  for (size_t i = 0; i < scenario->n_story; i++)
    {
      double time_s = MAX (scenario->story[i].time_s, scenario->start_s);
      SoleusStep *step = add_step (self, g_dgettext (GETTEXT_PACKAGE,
                                                     scenario->story[i].caption));

      step->time_s = time_s;
      soleus_scenario_controls_at (scenario, time_s, step->controls);
    }
  if (scenario->n_story > 0)
    return self;

  /* One step at the start and one at each later moment of the timeline. */
  for (size_t i = 0; i <= scenario->n_events; i++)
    {
      double time_s = i == 0 ? 0.0 : scenario->events[i - 1].time_s;
      double controls[SOLEUS_N_PARAMS];
      g_autofree char *caption = NULL;
      SoleusStep *step;

      if (i > 0 && !(time_s > last_time))
        continue;
      last_time = time_s;

      soleus_scenario_controls_at (scenario, time_s, controls);
      caption = describe_controls (controls);
      step = add_step (self, caption);
      step->time_s = time_s;
      for (guint p = 0; p < SOLEUS_N_PARAMS; p++)
        step->controls[p] = controls[p];
    }

  return self;
}

SoleusSteps *
soleus_steps_new_for_file (SoleusScenarioFile *file)
{
  g_auto(GStrv) locales = NULL;
  SoleusSteps *self;
  guint n;

  g_return_val_if_fail (file != NULL, NULL);

  n = soleus_scenario_file_get_n_steps (file);
  if (n == 0)
    return soleus_steps_new_for_scenario (soleus_scenario_file_as_scenario (file));

  locales = soleus_scenario_file_get_locales (file);
  self = steps_new ();
  for (guint i = 0; i < n; i++)
    {
      SoleusStep *step = add_step (self, soleus_scenario_file_get_step_caption (file, i));
      g_autoptr(GStrvBuilder) translations = g_strv_builder_new ();

      /* Kept to be written back: the caption shown is the one in the
       * user's language, the file has it in every language it speaks. */
      step->source_caption =
        g_strdup (soleus_scenario_file_get_step_caption_for_locale (file, i, NULL));
      for (guint l = 0; locales[l] != NULL; l++)
        {
          const char *text =
            soleus_scenario_file_get_step_caption_for_locale (file, i, locales[l]);

          if (text == NULL)
            continue;
          g_strv_builder_add (translations, locales[l]);
          g_strv_builder_add (translations, text);
        }
      step->translations = g_strv_builder_end (translations);

      step->time_s = soleus_scenario_file_get_step_time (file, i);
      /* All the controls in force at this step: PageUp goes back exactly. */
      soleus_scenario_file_controls_at_step (file, i, step->controls);
    }

  return self;
}

SoleusSteps *
soleus_steps_new_take (GArray *steps)
{
  SoleusSteps *self = g_new0 (SoleusSteps, 1);

  self->steps = steps;
  g_array_set_clear_func (self->steps, clear_step);

  return self;
}

void
soleus_steps_free (SoleusSteps *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->steps);
  g_free (self);
}

guint
soleus_steps_append (SoleusSteps  *self,
                     const char   *caption,
                     double        time_s,
                     const double  controls[SOLEUS_N_PARAMS])
{
  SoleusStep *step;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (caption != NULL && controls != NULL, 0);

  step = add_step (self, caption);
  step->time_s = time_s;
  memcpy (step->controls, controls, sizeof step->controls);

  return self->steps->len - 1;
}

void
soleus_steps_set_caption (SoleusSteps *self,
                          guint        index,
                          const char  *caption)
{
  SoleusStep *step;

  g_return_if_fail (self != NULL && caption != NULL);

  if (index >= self->steps->len)
    return;
  step = &g_array_index (self->steps, SoleusStep, index);
  if (g_strcmp0 (step->caption, caption) == 0)
    return;
  g_free (step->caption);
  step->caption = g_strdup (caption);
  /* The file's text and its translations say something else now. */
  g_clear_pointer (&step->source_caption, g_free);
  g_clear_pointer (&step->translations, g_strfreev);
}

void
soleus_steps_remove (SoleusSteps *self,
                     guint        index)
{
  g_return_if_fail (self != NULL);

  if (index < self->steps->len)
    g_array_remove_index (self->steps, index);
}

void
soleus_steps_move (SoleusSteps *self,
                   guint        from,
                   guint        to)
{
  SoleusStep step;

  g_return_if_fail (self != NULL);

  if (from >= self->steps->len || to >= self->steps->len || from == to)
    return;

  /* Out of the array without freeing its caption, then back in. */
  step = g_array_index (self->steps, SoleusStep, from);
  g_array_index (self->steps, SoleusStep, from).caption = NULL;
  g_array_index (self->steps, SoleusStep, from).source_caption = NULL;
  g_array_index (self->steps, SoleusStep, from).translations = NULL;
  g_array_remove_index (self->steps, from);
  g_array_insert_val (self->steps, to, step);
}

void
soleus_steps_to_file (SoleusSteps        *self,
                      SoleusScenarioFile *file)
{
  g_return_if_fail (self != NULL && file != NULL);

  while (soleus_scenario_file_get_n_steps (file) > 0)
    soleus_scenario_file_remove_step (file, 0);

  for (guint i = 0; i < self->steps->len; i++)
    {
      const SoleusStep *step = &g_array_index (self->steps, SoleusStep, i);
      guint s = soleus_scenario_file_add_step (file, step->source_caption != NULL
                                                     ? step->source_caption
                                                     : step->caption);

      for (guint t = 0; step->translations != NULL && step->translations[t] != NULL
                        && step->translations[t + 1] != NULL; t += 2)
        soleus_scenario_file_set_step_caption (file, s, step->translations[t],
                                               step->translations[t + 1]);

      if (!isnan (step->time_s))
        soleus_scenario_file_set_step_time (file, s, step->time_s);
      for (guint p = 0; p < SOLEUS_N_PARAMS; p++)
        if (!isnan (step->controls[p]))
          soleus_scenario_file_set_step_control (file, s, p, step->controls[p]);
    }
}

guint
soleus_steps_get_n (SoleusSteps *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->steps->len;
}

const SoleusStep *
soleus_steps_get (SoleusSteps *self,
                  guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);

  return &g_array_index (self->steps, SoleusStep, index);
}

SoleusUnsavedChoice
soleus_steps_unsaved_choice (gboolean modified,
                             gboolean scripted)
{
  if (!modified || scripted)
    return SOLEUS_UNSAVED_GO_ON;

  return SOLEUS_UNSAVED_ASK;
}
