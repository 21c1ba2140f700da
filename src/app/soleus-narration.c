/* soleus-narration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The story the clinic tells (physiology.md section 1), told from the
 * snapshot: lying, sitting, standing still, walking, ankle pumps; weak
 * valves letting blood fall back; swelling and pooling over hours. The
 * moment of the stride is the picture's tag (the render layer's).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-narration.h"
#include "soleus-patient.h"

#define MMHG_PER_KPA 7.50062
#define LB_PER_KG 2.20462

/* Backflow faster than this (mL/s) through a valve counts as reflux to tell
 * about; the normal closing puff of a healthy valve is smaller and short. */
#define REFLUX_FLOW_ML_S 0.3

gboolean
soleus_snapshot_has_reflux (const SoleusSnapshot *s)
{
  for (guint i = 0; i < SOLEUS_N_VALVES; i++)
    if (s->valve[i].leak > 0.0 && s->valve[i].flow_ml_s < -REFLUX_FLOW_ML_S)
      return TRUE;

  return FALSE;
}

static gboolean
is_moving (const SoleusSnapshot *s)
{
  return s->walking;
}

static guint activity_story (const SoleusSnapshot *s);

/* The sentence of what the leg does: its posture and its activity. What
 * the leg does, not the moment of the stride: the phase of the step is a
 * tag by the foot in the picture (the render layer's), so the sentence
 * holds while the leg walks. */
static const char *
activity_sentence (const SoleusSnapshot *s)
{
  return soleus_caption_text (activity_story (s));
}

char *
soleus_narrate_caption (const SoleusSnapshot *s)
{
  const char *main;
  const char *extra = NULL;

  g_return_val_if_fail (s != NULL, NULL);

  main = activity_sentence (s);
  if (soleus_snapshot_has_reflux (s))
    extra = _("Weak valves let blood fall back down the leg.");

  if (extra != NULL)
    return g_strdup_printf ("%s %s", main, extra);

  return g_strdup (main);
}

/* ---------------------------------------------------------------------- */
/* The caption: one story at a time */

/* A backflow lasting longer than this counts as reflux in the clinic
 * (0.5 s, Labropoulos 2003); it is the duration of the last backflow of
 * each valve, so it holds from one stride to the next. */
#define REFLUX_BACKFLOW_S 0.5
/* Blood seen falling back keeps the story of weak valves for this much
 * simulated time: it falls back in part of each stride only. */
#define REFLUX_HOLD_S 4.0
/* What the model does by itself (a valve starting to leak, swelling
 * building) changes the caption at most this often. */
#define CAPTION_HOLD_US (4 * G_USEC_PER_SEC)
/* The window of the core's mean ankle pressure (SoleusReadouts). */
#define WALK_MEAN_S 10.0

enum
{
  STORY_LYING,
  STORY_LEGS_UP,
  STORY_SITTING,
  STORY_STANDING,
  STORY_WALKING,
  STORY_ANKLE_PUMPS,
  STORY_REFLUX,
  STORY_HEAVY,
  STORY_SLOWING,
  STORY_SWOLLEN,
  STORY_POOLING,
  STORY_POOLING_SWOLLEN,
  N_STORIES
};

guint
soleus_caption_count (void)
{
  return N_STORIES;
}

const char *
soleus_caption_text (guint story)
{
  switch (story)
    {
    case STORY_LYING:
      return _("Lying down: the leg is level with the heart, so the veins need no pump.");
    case STORY_LEGS_UP:
      return _("Legs raised: the veins drain downhill to the heart, and the pressure at the "
               "ankle is low.");
    case STORY_SITTING:
      return _("Sitting still: no pump. Blood moves slowly in the deep calf veins and fluid "
               "seeps into the tissue.");
    case STORY_STANDING:
      return _("Standing still: no pump. The veins fill with the whole column of blood up to "
               "the heart.");
    case STORY_WALKING:
      return _("Walking: with every step the foot and calf muscles squeeze the veins, "
               "and the valves keep the blood going up toward the heart.");
    case STORY_ANKLE_PUMPS:
      return _("Ankle pumps: each time the calf tightens it squeezes blood up the deep "
               "veins, and the valves stop it falling back.");
    case STORY_REFLUX:
      return _("Weak valves let blood fall back down the leg after each squeeze, so the "
               "pump lowers the ankle pressure less than it should.");
    case STORY_HEAVY:
      return _("A leg like this feels heavy and aches after standing.");
    case STORY_SLOWING:
      return _("Blood flow in the deep calf veins is slowing: moving the ankles speeds it up.");
    case STORY_SWOLLEN:
      return _("A patient would see the ankle swollen by evening.");
    case STORY_POOLING:
      return _("Blood has been pooling in the deep calf veins for hours: time to "
               "walk or move the ankles.");
    case STORY_POOLING_SWOLLEN:
      return _("Blood has been pooling in the deep calf veins for hours, and the "
               "ankle would be swollen by evening: time to walk or move the ankles.");
    default:
      return NULL;
    }
}

static guint
activity_story (const SoleusSnapshot *s)
{
  switch ((SoleusPosture) s->control[SOLEUS_PARAM_POSTURE])
    {
    case SOLEUS_POSTURE_STANDING:
      return is_moving (s) ? STORY_WALKING : STORY_STANDING;
    case SOLEUS_POSTURE_SITTING:
      return is_moving (s) ? STORY_ANKLE_PUMPS : STORY_SITTING;
    case SOLEUS_POSTURE_LEGS_UP:
      return is_moving (s) ? STORY_ANKLE_PUMPS : STORY_LEGS_UP;
    case SOLEUS_POSTURE_SUPINE:
    case SOLEUS_N_POSTURES:
    default:
      return is_moving (s) ? STORY_ANKLE_PUMPS : STORY_LYING;
    }
}

/* Whether a moving leg's valves let blood fall back, steadily over the
 * strides rather than at one moment of them. */
static gboolean
leaking (SoleusCaptionKeeper  *k,
         const SoleusSnapshot *s)
{
  if (!is_moving (s))
    return FALSE;

  if (soleus_snapshot_has_reflux (s))
    {
      k->reflux_seen_s = s->time_s;
      return TRUE;
    }
  for (guint i = 0; i < SOLEUS_N_VALVES; i++)
    if (s->valve[i].leak > 0.0 && s->valve[i].backflow_s >= REFLUX_BACKFLOW_S)
      return TRUE;

  return k->reflux_seen_s >= 0.0 && s->time_s - k->reflux_seen_s < REFLUX_HOLD_S;
}

/* The story by priority: hours of pooling, swelling, blood falling back,
 * an aching leg, a slowing flow; else what the leg does (the cut-offs of
 * soleus_narrate_feeling ()). */
static guint
choose_story (SoleusCaptionKeeper  *k,
              const SoleusSnapshot *s,
              const SoleusReadouts *r)
{
  gboolean swollen = r->tissue_fluid_change_ml >= SOLEUS_SWELLING_ML;
  gboolean leak = leaking (k, s);

  if (r->blood_flow == SOLEUS_BLOOD_FLOW_POOLING)
    return swollen ? STORY_POOLING_SWOLLEN : STORY_POOLING;
  if (swollen)
    return STORY_SWOLLEN;
  if (leak)
    return STORY_REFLUX;
  /* The mean pressure is of the last 10 s: a walk shorter than that still
   * counts the standing before it. */
  if (s->walking && s->time_s - k->moving_since_s >= WALK_MEAN_S
      && soleus_walk_pressure_level (r->ankle_pressure_mean_mmhg)
         != SOLEUS_WALK_PRESSURE_NORMAL)
    return STORY_HEAVY;
  if (r->blood_flow == SOLEUS_BLOOD_FLOW_SLOWING)
    return STORY_SLOWING;

  return activity_story (s);
}

void
soleus_caption_keeper_init (SoleusCaptionKeeper *k)
{
  g_return_if_fail (k != NULL);

  k->story = -1;
  k->posture = -1;
  k->moving = FALSE;
  k->shown_us = 0;
  k->reflux_seen_s = -1.0;
  k->time_s = 0.0;
  k->was_moving = FALSE;
  k->moving_since_s = 0.0;
}

gboolean
soleus_caption_keeper_update (SoleusCaptionKeeper  *k,
                              const SoleusSnapshot *s,
                              const SoleusReadouts *r,
                              gint64                now_us)
{
  int posture;
  guint story;

  g_return_val_if_fail (k != NULL && s != NULL && r != NULL, FALSE);

  /* Back to the start (reset, a scenario, a file): a new story. */
  if (s->time_s < k->time_s)
    soleus_caption_keeper_init (k);
  k->time_s = s->time_s;
  if (is_moving (s) && !k->was_moving)
    k->moving_since_s = s->time_s;
  k->was_moving = is_moving (s);

  posture = (int) s->control[SOLEUS_PARAM_POSTURE];
  story = choose_story (k, s, r);
  if (k->story >= 0 && (guint) k->story == story)
    return FALSE;

  /* What a person changed (the posture, moving or not) shows at once;
   * what the model does by itself waits until the sentence shown has been
   * there long enough to be read. */
  if (k->story >= 0 && posture == k->posture && is_moving (s) == k->moving
      && now_us - k->shown_us < CAPTION_HOLD_US)
    return FALSE;

  k->story = (int) story;
  k->posture = posture;
  k->moving = is_moving (s);
  k->shown_us = now_us;

  return TRUE;
}

const char *
soleus_caption_keeper_get_text (const SoleusCaptionKeeper *k)
{
  g_return_val_if_fail (k != NULL, NULL);

  return k->story >= 0 ? soleus_caption_text ((guint) k->story) : NULL;
}

guint
soleus_caption_keeper_get_story (const SoleusCaptionKeeper *k)
{
  g_return_val_if_fail (k != NULL && k->story >= 0, 0);

  return (guint) k->story;
}

char *
soleus_format_pressure (double             mmhg,
                        SoleusPressureUnit unit)
{
  if (unit == SOLEUS_PRESSURE_KPA)
    /* Translators: a pressure in kilopascals */
    return g_strdup_printf (_("%.1f kPa"), mmhg / MMHG_PER_KPA);

  /* Translators: a pressure in millimetres of mercury */
  return g_strdup_printf (_("%.0f mmHg"), mmhg);
}

char *
soleus_format_weight (double           kg,
                      SoleusWeightUnit unit)
{
  if (unit == SOLEUS_WEIGHT_LB)
    /* Translators: a body weight in pounds */
    return g_strdup_printf (_("%.0f lb"), kg * LB_PER_KG);

  /* Translators: a body weight in kilograms */
  return g_strdup_printf (_("%.0f kg"), kg);
}

char *
soleus_describe_activity (const double controls[SOLEUS_N_PARAMS])
{
  SoleusPosture posture = (SoleusPosture) controls[SOLEUS_PARAM_POSTURE];

  if (posture == SOLEUS_POSTURE_STANDING)
    {
      if (controls[SOLEUS_PARAM_SPEED_KMH] <= 0.0)
        return g_strdup (_("Standing still"));
      /* Translators: walking speed */
      return g_strdup_printf (_("Walking at %.1f km/h"), controls[SOLEUS_PARAM_SPEED_KMH]);
    }

  if (controls[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] <= 0.0)
    return g_strdup (_("Still"));

  return g_strdup_printf (_("Ankle pumps, %.0f a minute"),
                          controls[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN]);
}

/* The thresholds are those of the handout's plain words (soleus-patient.h):
 * a swelling of SOLEUS_SWELLING_ML or more is seen by evening; reflux, or a
 * walking ankle pressure above normal (healthy 15-35 mmHg, Stick 1992),
 * makes legs heavy and achy. The blood flow is the core's word: hours of pooling come
 * first (with the swelling they usually bring), then the swelling and the
 * aching, then a flow that has begun to slow. */
const char *
soleus_narrate_feeling (const SoleusSnapshot *s,
                        const SoleusReadouts *r)
{
  gboolean swollen;

  g_return_val_if_fail (s != NULL && r != NULL, NULL);

  swollen = r->tissue_fluid_change_ml >= SOLEUS_SWELLING_ML;
  if (r->blood_flow == SOLEUS_BLOOD_FLOW_POOLING)
    return swollen ? _("Blood has been pooling in the deep calf veins for hours, and the "
                       "ankle would be swollen by evening: time to walk or move the ankles.")
                   : _("Blood has been pooling in the deep calf veins for hours: time to "
                       "walk or move the ankles.");
  if (swollen)
    return _("A patient would see the ankle swollen by evening.");
  if (soleus_snapshot_has_reflux (s)
      || (s->walking && soleus_walk_pressure_level (r->ankle_pressure_mean_mmhg)
                        != SOLEUS_WALK_PRESSURE_NORMAL))
    return _("A leg like this feels heavy and aches after standing.");
  if (r->blood_flow == SOLEUS_BLOOD_FLOW_SLOWING)
    return _("Blood flow in the deep calf veins is slowing: moving the ankles speeds it up.");

  return NULL;
}

static const char *
posture_phrase (SoleusPosture posture)
{
  switch (posture)
    {
    case SOLEUS_POSTURE_SITTING:
      return _("sitting");
    case SOLEUS_POSTURE_STANDING:
      return _("standing");
    case SOLEUS_POSTURE_LEGS_UP:
      return _("lying with the legs raised");
    case SOLEUS_POSTURE_SUPINE:
    case SOLEUS_N_POSTURES:
    default:
      return _("lying down");
    }
}

char *
soleus_narrate_description (const SoleusSnapshot *s,
                            const SoleusReadouts *r,
                            SoleusPressureUnit    unit)
{
  g_autofree char *caption = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *pressure = NULL;
  const char *valves;
  const char *swelling;
  const char *flow;

  g_return_val_if_fail (s != NULL && r != NULL, NULL);

  caption = soleus_narrate_caption (s);
  activity = soleus_describe_activity (s->control);
  pressure = soleus_format_pressure (r->ankle_pressure_mean_mmhg, unit);

  if (soleus_snapshot_has_reflux (s))
    valves = _("Some valves leak and blood falls back through them.");
  else if (s->control[SOLEUS_PARAM_VALVE_WEAKNESS] > 0.0)
    valves = _("The valves are weakened.");
  else
    valves = _("The valves are healthy and let blood go only up.");

  if (r->tissue_fluid_change_ml > 20.0)
    swelling = _("The ankle is swollen.");
  else if (r->tissue_fluid_change_ml > 5.0)
    swelling = _("The ankle is slightly swollen.");
  else
    swelling = _("The ankle is not swollen.");

  switch (r->blood_flow)
    {
    case SOLEUS_BLOOD_FLOW_POOLING:
      flow = _("Blood flow in the deep calf veins: pooling.");
      break;
    case SOLEUS_BLOOD_FLOW_SLOWING:
      flow = _("Blood flow in the deep calf veins: slowing.");
      break;
    case SOLEUS_BLOOD_FLOW_BRISK:
    case SOLEUS_N_BLOOD_FLOWS:
    default:
      flow = _("Blood flow in the deep calf veins: brisk.");
      break;
    }

  /* Translators: a description of the animated leg for screen readers: the
   * posture, the activity, the ankle vein pressure, the valves, the swelling,
   * the blood flow and what happens now. */
  return g_strdup_printf (_("A leg, %s. %s. Ankle vein pressure %s. %s %s %s %s"),
                          posture_phrase ((SoleusPosture) s->control[SOLEUS_PARAM_POSTURE]),
                          activity, pressure, valves, swelling, flow, caption);
}

gboolean
soleus_healthy_pressure_range (const SoleusSnapshot *s,
                               double               *low,
                               double               *high,
                               const char          **label)
{
  /* Ankle pumps sitting or lying: no measured range (physiology.md has
   * none); the sitting range is of a motionless leg and would make the
   * exercise look better than walking. */
  if (s->walking && (SoleusPosture) s->control[SOLEUS_PARAM_POSTURE] != SOLEUS_POSTURE_STANDING)
    {
      *low = *high = NAN;
      *label = NULL;
      return FALSE;
    }

  switch ((SoleusPosture) s->control[SOLEUS_PARAM_POSTURE])
    {
    case SOLEUS_POSTURE_STANDING:
      if (s->walking)
        {
          /* Stick 1992: 23.5 mmHg median at 3 km/h; P2 */
          *low = 15.0, *high = 35.0;
          *label = _("Healthy walking");
        }
      else
        {
          /* Stick 1992 and 1993, Perry 1986; P1 */
          *low = 76.0, *high = 95.0;
          *label = _("Healthy standing");
        }
      break;
    case SOLEUS_POSTURE_SITTING:
      /* Spacil 2019; P1 */
      *low = 55.0, *high = 72.0;
      *label = _("Healthy sitting");
      break;
    case SOLEUS_POSTURE_LEGS_UP:
      /* P1: at most the right atrial pressure plus 3 mmHg */
      *low = 0.0, *high = 6.0;
      *label = _("Healthy, legs raised");
      break;
    case SOLEUS_POSTURE_SUPINE:
    case SOLEUS_N_POSTURES:
    default:
      /* Stick 1993, Perry 1986; P1 */
      *low = 4.0, *high = 17.0;
      *label = _("Healthy lying");
      break;
    }

  return TRUE;
}
