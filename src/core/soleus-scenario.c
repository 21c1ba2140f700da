/* soleus-scenario.c: built-in scenarios
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each scenario is a set of controls with a timeline. The values that make
 * a leg "varicose" or "post-thrombotic" are those the validation tests use
 * (tests/core/test-targets.c, P4 and P5), so the scenario shows what the
 * tests check.
 */

#include "soleus-scenario.h"

#include <math.h>
#include <string.h>

#define EV(t, p, v) { (t), SOLEUS_PARAM_ ## p, (v) }
#define N_OF(a) (sizeof (a) / sizeof ((a)[0]))
#define HOUR 3600.0

/* Stand for 2 min, walk 5 min at 3 km/h, stand and watch the refill. */
#define WALK_TIMELINE(speed) \
  EV (0, POSTURE, SOLEUS_POSTURE_STANDING), \
  EV (120, SPEED_KMH, (speed)), \
  EV (420, SPEED_KMH, 0)

static const SoleusScenarioEvent healthy_walk[] = {
  WALK_TIMELINE (3),
};

static const SoleusScenarioEvent office_day[] = {
  EV (0, POSTURE, SOLEUS_POSTURE_SITTING),
  EV (4 * HOUR, POSTURE, SOLEUS_POSTURE_STANDING),
  EV (4 * HOUR, SPEED_KMH, 4),
  EV (4 * HOUR + 600, SPEED_KMH, 0),
  EV (4 * HOUR + 600, POSTURE, SOLEUS_POSTURE_SITTING),
};

static const SoleusScenarioEvent flight[] = {
  EV (0, POSTURE, SOLEUS_POSTURE_SITTING),
};

/* Three minutes of ankle exercise at 30 per minute at the start of every
 * hour (airline in-seat exercise advice; WHO WRIGHT project 2007). */
#define ANKLE_HOUR(h) \
  EV ((h) * HOUR, ANKLE_EXERCISE_PER_MIN, 30), \
  EV ((h) * HOUR + 180, ANKLE_EXERCISE_PER_MIN, 0)

static const SoleusScenarioEvent flight_exercise[] = {
  EV (0, POSTURE, SOLEUS_POSTURE_SITTING),
  ANKLE_HOUR (1), ANKLE_HOUR (2), ANKLE_HOUR (3), ANKLE_HOUR (4), ANKLE_HOUR (5),
  ANKLE_HOUR (6), ANKLE_HOUR (7), ANKLE_HOUR (8), ANKLE_HOUR (9),
};

static const SoleusScenarioEvent shop_worker[] = {
  EV (0, POSTURE, SOLEUS_POSTURE_STANDING),
  EV (4 * HOUR, POSTURE, SOLEUS_POSTURE_SITTING),
  EV (4 * HOUR + 1800, POSTURE, SOLEUS_POSTURE_STANDING),
};

static const SoleusScenarioEvent varicose[] = {
  EV (0, VALVE_WEAKNESS, 0.6),
  EV (0, REFLUX_SITE, SOLEUS_REFLUX_SUPERFICIAL),
  WALK_TIMELINE (3),
};

static const SoleusScenarioEvent post_thrombotic[] = {
  EV (0, VALVE_WEAKNESS, 1.0),
  EV (0, REFLUX_SITE, SOLEUS_REFLUX_DEEP),
  EV (0, OBSTRUCTION, 0.7),
  WALK_TIMELINE (3),
};

static const SoleusScenarioEvent sedentary_older[] = {
  EV (0, ATROPHY, 0.6),
  EV (0, WEIGHT_KG, 80),
  EV (0, HEIGHT_CM, 168),
  WALK_TIMELINE (2.5),
};

static const SoleusScenarioEvent obesity[] = {
  EV (0, WEIGHT_KG, 130),
  WALK_TIMELINE (3),
};

static const SoleusScenario scenarios[] = {
  { "healthy-walk", SOLEUS_N_ ("Healthy walk"),
    SOLEUS_N_ ("A healthy leg stands, walks for five minutes, then stands still again."),
    600, healthy_walk, N_OF (healthy_walk) },
  { "office-day", SOLEUS_N_ ("Office day"),
    SOLEUS_N_ ("Eight hours at a desk with one short walk at lunch."),
    8 * HOUR, office_day, N_OF (office_day) },
  { "long-haul-flight", SOLEUS_N_ ("Long-haul flight"),
    SOLEUS_N_ ("Ten hours in an aircraft seat without getting up."),
    10 * HOUR, flight, N_OF (flight) },
  { "long-haul-flight-exercise", SOLEUS_N_ ("Long-haul flight with ankle exercise"),
    SOLEUS_N_ ("Ten hours seated, with three minutes of ankle exercise every hour."),
    10 * HOUR, flight_exercise, N_OF (flight_exercise) },
  { "shop-worker", SOLEUS_N_ ("Standing shop worker"),
    SOLEUS_N_ ("A working day standing behind a counter, with a half-hour seated break."),
    8 * HOUR, shop_worker, N_OF (shop_worker) },
  { "varicose-veins", SOLEUS_N_ ("Varicose veins"),
    SOLEUS_N_ ("Leaky valves in the superficial veins: walking lowers the ankle "
               "pressure less, and it comes back within seconds."),
    600, varicose, N_OF (varicose) },
  { "post-thrombotic", SOLEUS_N_ ("Post-thrombotic leg"),
    SOLEUS_N_ ("After a deep vein clot: leaky deep valves and narrowed veins, so "
               "walking barely lowers the pressure."),
    600, post_thrombotic, N_OF (post_thrombotic) },
  { "sedentary-older", SOLEUS_N_ ("Sedentary older adult"),
    SOLEUS_N_ ("A wasted calf muscle works close to its limit to keep the veins "
               "emptying; a rise onto the toes empties them less."),
    600, sedentary_older, N_OF (sedentary_older) },
  { "obesity", SOLEUS_N_ ("Obesity"),
    SOLEUS_N_ ("Extra weight raises the pressure in the belly, and with it the "
               "pressure in the leg veins."),
    600, obesity, N_OF (obesity) },
};

size_t
soleus_scenario_count (void)
{
  return N_OF (scenarios);
}

const SoleusScenario *
soleus_scenario_get (size_t index)
{
  if (index >= N_OF (scenarios))
    return NULL;
  return &scenarios[index];
}

const SoleusScenario *
soleus_scenario_find (const char *name)
{
  if (name == NULL)
    return NULL;
  for (size_t i = 0; i < N_OF (scenarios); i++)
    if (strcmp (scenarios[i].name, name) == 0)
      return &scenarios[i];
  return NULL;
}

void
soleus_scenario_controls_at (const SoleusScenario *scenario,
                             double                time_s,
                             double                controls[SOLEUS_N_PARAMS])
{
  if (controls == NULL)
    return;
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    controls[i] = soleus_param_info ((SoleusParamId) i)->default_value;
  if (scenario == NULL)
    return;
  for (size_t k = 0; k < scenario->n_events; k++)
    if (scenario->events[k].time_s <= time_s)
      controls[scenario->events[k].param] = scenario->events[k].value;
}

/* The step at which an event applies. */
static uint64_t
event_step (const SoleusScenarioEvent *ev)
{
  return (uint64_t) floor (ev->time_s / SOLEUS_STEP_S + 0.5);
}

void
soleus_scenario_start (const SoleusScenario *scenario,
                       SoleusModel          *model)
{
  if (model == NULL)
    return;
  soleus_model_reset (model);
  if (scenario == NULL)
    return;
  for (size_t k = 0; k < scenario->n_events; k++)
    if (event_step (&scenario->events[k]) == 0)
      soleus_model_set_param (model, scenario->events[k].param, scenario->events[k].value);
}

void
soleus_scenario_advance_to (const SoleusScenario *scenario,
                            SoleusModel          *model,
                            double                time_s)
{
  uint64_t target;

  if (model == NULL || !(time_s >= 0.0))
    return;
  if (scenario == NULL)
    {
      soleus_model_advance_to (model, time_s);
      return;
    }
  target = (uint64_t) floor (time_s / SOLEUS_STEP_S + 0.5);
  for (;;)
    {
      uint64_t now = soleus_model_get_snapshot (model)->step;
      uint64_t next = target;

      /* Apply every event due at this step, then run to the next one. */
      for (size_t k = 0; k < scenario->n_events; k++)
        {
          uint64_t s = event_step (&scenario->events[k]);
          if (s == now && s > 0)
            soleus_model_set_param (model, scenario->events[k].param,
                                    scenario->events[k].value);
          else if (s > now && s < next)
            next = s;
        }
      if (now >= target)
        break;
      soleus_model_step (model, next - now);
    }
}
