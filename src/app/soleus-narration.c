/* soleus-narration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The story the clinic tells (physiology.md section 1), told from the
 * snapshot: heel strike, flat foot, push-off, swing; standing still; weak
 * valves letting blood fall back.
 */

#include "config.h"

#include <glib/gi18n.h>

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

char *
soleus_narrate_caption (const SoleusSnapshot *s)
{
  SoleusPosture posture = (SoleusPosture) s->control[SOLEUS_PARAM_POSTURE];
  const char *main;
  const char *extra = NULL;

  g_return_val_if_fail (s != NULL, NULL);

  if (is_moving (s) && posture == SOLEUS_POSTURE_STANDING)
    {
      double p = s->gait_phase;

      if (p < 0.08)
        main = _("Heel strike: blood collects in the veins of the foot.");
      else if (p < 0.25)
        main = _("Flat foot: body weight squeezes the foot veins and pushes blood up into the calf.");
      else if (p < 0.6)
        main = _("Push-off: the soleus squeezes the deep veins; the valve below closes and blood rises toward the knee.");
      else
        main = _("Swing: the calf relaxes and refills from the foot; the valves above close and hold the blood up.");
    }
  else if (is_moving (s))
    {
      if (s->soleus_activation > 0.3)
        main = _("Ankle pump: the calf muscle contracts and squeezes blood up the deep veins.");
      else
        main = _("Ankle pump: the calf relaxes and refills; the valves close and stop blood falling back.");
    }
  else
    {
      switch (posture)
        {
        case SOLEUS_POSTURE_STANDING:
          main = _("Standing still: no pump. The veins fill with the whole column of blood up to the heart.");
          break;
        case SOLEUS_POSTURE_SITTING:
          main = _("Sitting still: no pump. Blood moves slowly in the deep calf veins and fluid seeps into the tissue.");
          break;
        case SOLEUS_POSTURE_LEGS_UP:
          main = _("Legs raised: the veins drain downhill to the heart, and the pressure at the ankle is low.");
          break;
        case SOLEUS_POSTURE_SUPINE:
        case SOLEUS_N_POSTURES:
        default:
          main = _("Lying down: the leg is level with the heart, so the veins need no pump.");
          break;
        }
    }

  if (soleus_snapshot_has_reflux (s))
    extra = _("Weak valves let blood fall back down the leg.");

  if (extra != NULL)
    return g_strdup_printf ("%s %s", main, extra);

  return g_strdup (main);
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

void
soleus_healthy_pressure_range (const SoleusSnapshot *s,
                               double               *low,
                               double               *high,
                               const char          **label)
{
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
}
