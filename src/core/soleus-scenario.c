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

/* The pace of a scenario (its rate, then the chart's window): a walk plays
 * as it happens, with five minutes on the chart; hours at a desk or in a
 * seat pass in a minute or two, slowing down for a walk or the exercise. */
#define PACE(t, rate, window) { (t), (rate), (window) }
#define STORY(t, caption) { (t), (caption) }

static const SoleusScenarioPace walk_pace[] = {
  PACE (0, 1, 360),
};

static const SoleusScenarioPace office_pace[] = {
  PACE (0, 600, 12 * HOUR),
  PACE (4 * HOUR - 30, 10, 900),
  PACE (4 * HOUR + 660, 600, 12 * HOUR),
};

static const SoleusScenarioPace flight_pace[] = {
  PACE (0, 600, 12 * HOUR),
};

static const SoleusScenarioPace flight_exercise_pace[] = {
  PACE (0, 600, 12 * HOUR),
  PACE (HOUR - 20, 10, 600),
  PACE (HOUR + 220, 600, 12 * HOUR),
};

static const SoleusScenarioPace shop_pace[] = {
  PACE (0, 600, 12 * HOUR),
};

static const SoleusScenarioStory healthy_walk_story[] = {
  STORY (0, SOLEUS_N_ ("Standing still, the column of blood up to the heart presses on the "
                       "ankle veins: watch the ankle pressure, the headline number.")),
  STORY (120, SOLEUS_N_ ("Walking: each step squeezes the calf and the valves keep the blood "
                         "going up, so the ankle pressure falls to about a third.")),
  STORY (420, SOLEUS_N_ ("Standing still again, the veins refill slowly from the arteries. "
                         "A slow refill means the valves hold.")),
};

static const SoleusScenarioStory office_day_story[] = {
  STORY (0, SOLEUS_N_ ("Sitting at a desk, the calf hardly moves, so nothing pumps the "
                       "veins: watch the ankle swell hour by hour.")),
  STORY (4 * HOUR, SOLEUS_N_ ("A walk at lunch: the calf pump empties the veins at once "
                              "and the ankle pressure falls.")),
  STORY (4 * HOUR + 600, SOLEUS_N_ ("Back at the desk, the pressure rises again and the "
                                    "swelling goes on. Short walks through the day help.")),
};

static const SoleusScenarioStory flight_story[] = {
  STORY (0, SOLEUS_N_ ("In an aircraft seat the knees are bent and the calf is still, so "
                       "blood pools in the leg veins.")),
  STORY (2 * HOUR, SOLEUS_N_ ("Hour after hour, fluid leaves the full veins for the tissue: "
                              "watch the ankle swell.")),
  STORY (6 * HOUR, SOLEUS_N_ ("Blood that moves slowly for hours is what raises the risk "
                              "of a clot on long flights.")),
};

static const SoleusScenarioStory flight_exercise_story[] = {
  STORY (0, SOLEUS_N_ ("The same seat for ten hours, but with three minutes of ankle "
                       "exercise every hour.")),
  STORY (HOUR, SOLEUS_N_ ("Ankle pumps: each flex squeezes the calf veins, the pressure "
                          "drops and the blood moves on.")),
  STORY (HOUR + 180, SOLEUS_N_ ("Sitting still again: compare the swelling with the "
                                "flight without exercise.")),
};

static const SoleusScenarioStory shop_worker_story[] = {
  STORY (0, SOLEUS_N_ ("Standing still behind a counter, the whole column of blood presses "
                       "on the ankle and the calf hardly moves.")),
  STORY (4 * HOUR, SOLEUS_N_ ("A seated break: the ankle pressure falls, though less than "
                              "walking would lower it.")),
  STORY (4 * HOUR + 1800, SOLEUS_N_ ("Standing again for the afternoon, the swelling "
                                     "builds up until the evening.")),
};

static const SoleusScenarioStory varicose_story[] = {
  STORY (0, SOLEUS_N_ ("Leaky valves in the superficial veins. Standing still, the ankle "
                       "pressure is that of a healthy leg.")),
  STORY (120, SOLEUS_N_ ("Walking: blood falls back through the leaking valves, so the "
                         "ankle pressure falls less than in a healthy leg.")),
  STORY (420, SOLEUS_N_ ("Standing still again, the veins refill within seconds through "
                         "the leaking valves: a sign of valve failure.")),
};

static const SoleusScenarioStory post_thrombotic_story[] = {
  STORY (0, SOLEUS_N_ ("After a deep vein clot, the deep valves leak and the vein in "
                       "the pelvis is narrowed.")),
  STORY (120, SOLEUS_N_ ("Walking barely lowers the pressure: blood falls back through the "
                         "deep valves and cannot leave fast enough.")),
  STORY (420, SOLEUS_N_ ("Standing still, the pressure is back at once. Years of this "
                         "bring swelling, brown skin and ulcers.")),
};

static const SoleusScenarioStory sedentary_older_story[] = {
  STORY (0, SOLEUS_N_ ("A calf muscle wasted by years of sitting. Standing still, the "
                       "ankle pressure is that of any leg.")),
  STORY (120, SOLEUS_N_ ("Walking: the weak calf still empties the veins, but works close "
                         "to its limit to do so: watch the muscle effort.")),
  STORY (420, SOLEUS_N_ ("Standing still again, the valves hold. Exercise that "
                         "strengthens the calf keeps the pump able.")),
};

static const SoleusScenarioStory obesity_story[] = {
  STORY (0, SOLEUS_N_ ("Extra weight presses on the belly and the belly on the large vein "
                       "to the heart: the leg veins start higher.")),
  STORY (120, SOLEUS_N_ ("Walking still lowers the ankle pressure, but not as far as in a "
                         "lighter leg.")),
  STORY (420, SOLEUS_N_ ("Standing still again, the pressure climbs back to its higher "
                         "level.")),
};

#define PACED(p) (p), N_OF (p)
#define TOLD(s) (s), N_OF (s)

/* The 600 s scenarios start ten seconds before the walk. */
static const SoleusScenario scenarios[] = {
  { "healthy-walk", SOLEUS_N_ ("Healthy walk"),
    SOLEUS_N_ ("A healthy leg stands, walks for five minutes, then stands still again."),
    600, healthy_walk, N_OF (healthy_walk),
    110, PACED (walk_pace), TOLD (healthy_walk_story) },
  { "office-day", SOLEUS_N_ ("Office day"),
    SOLEUS_N_ ("Eight hours at a desk with one short walk at lunch."),
    8 * HOUR, office_day, N_OF (office_day),
    0, PACED (office_pace), TOLD (office_day_story) },
  { "long-haul-flight", SOLEUS_N_ ("Long-haul flight"),
    SOLEUS_N_ ("Ten hours in an aircraft seat without getting up."),
    10 * HOUR, flight, N_OF (flight),
    0, PACED (flight_pace), TOLD (flight_story) },
  { "long-haul-flight-exercise", SOLEUS_N_ ("Long-haul flight with ankle exercise"),
    SOLEUS_N_ ("Ten hours seated, with three minutes of ankle exercise every hour."),
    10 * HOUR, flight_exercise, N_OF (flight_exercise),
    0, PACED (flight_exercise_pace), TOLD (flight_exercise_story) },
  { "shop-worker", SOLEUS_N_ ("Standing shop worker"),
    SOLEUS_N_ ("A working day standing behind a counter, with a half-hour seated break."),
    8 * HOUR, shop_worker, N_OF (shop_worker),
    0, PACED (shop_pace), TOLD (shop_worker_story) },
  { "varicose-veins", SOLEUS_N_ ("Varicose veins"),
    SOLEUS_N_ ("Leaky valves in the superficial veins: walking lowers the ankle "
               "pressure less, and it comes back within seconds."),
    600, varicose, N_OF (varicose),
    110, PACED (walk_pace), TOLD (varicose_story) },
  { "post-thrombotic", SOLEUS_N_ ("Post-thrombotic leg"),
    SOLEUS_N_ ("After a deep vein clot: leaky deep valves and narrowed veins, so "
               "walking barely lowers the pressure."),
    600, post_thrombotic, N_OF (post_thrombotic),
    110, PACED (walk_pace), TOLD (post_thrombotic_story) },
  { "sedentary-older", SOLEUS_N_ ("Sedentary older adult"),
    SOLEUS_N_ ("A wasted calf muscle works close to its limit to keep the veins "
               "emptying; a rise onto the toes empties them less."),
    600, sedentary_older, N_OF (sedentary_older),
    110, PACED (walk_pace), TOLD (sedentary_older_story) },
  { "obesity", SOLEUS_N_ ("Obesity"),
    SOLEUS_N_ ("Extra weight raises the pressure in the belly, and with it the "
               "pressure in the leg veins."),
    600, obesity, N_OF (obesity),
    110, PACED (walk_pace), TOLD (obesity_story) },
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

SoleusScenarioPace
soleus_scenario_pace_at (const SoleusScenario *scenario,
                         double                time_s)
{
  SoleusScenarioPace pace = { 0.0, 1.0, 60.0 };
  double duration_s;

  if (scenario == NULL)
    return pace;
  if (scenario->n_pace > 0)
    {
      pace = scenario->pace[0];
      for (size_t k = 1; k < scenario->n_pace; k++)
        if (scenario->pace[k].time_s <= time_s)
          pace = scenario->pace[k];
      return pace;
    }

  duration_s = scenario->duration_s;
  if (duration_s > 900.0)
    pace.rate = fmin (600.0, duration_s / 60.0);
  pace.window_s = fmin (fmax (duration_s, 60.0), 12.0 * HOUR);
  return pace;
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
