/* soleus-scenario.h: built-in scenarios, named sets of controls with a
 * timeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "soleus-model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One change of one control at a time since the scenario's start. */
typedef struct
{
  double        time_s;
  SoleusParamId param;
  double        value;
} SoleusScenarioEvent;

/* From time_s on, the scenario plays at rate times real time and the chart
 * shows the last window_s of simulated time: hours of sitting pass in a
 * minute, a walk plays as it happens. */
typedef struct
{
  double time_s;
  double rate;
  double window_s;
} SoleusScenarioPace;

/* What the presenter says from time_s on, in plain words: what to look at
 * and what it means (English, SOLEUS_N_). */
typedef struct
{
  double      time_s;
  const char *caption;
} SoleusScenarioStory;

typedef struct
{
  const char                *name;        /* machine name: "healthy-walk" */
  const char                *title;       /* English, SOLEUS_N_ */
  const char                *description; /* one plain line, SOLEUS_N_ */
  double                     duration_s;  /* suggested length of a run */
  /* Events in time order; those at time 0 are the starting controls, applied
   * over the defaults. */
  const SoleusScenarioEvent *events;
  size_t                     n_events;
  /* Where picking the scenario starts: near its key moment. */
  double                     start_s;
  /* In time order; none: soleus_scenario_pace_at () picks one from the
   * duration. */
  const SoleusScenarioPace  *pace;
  size_t                     n_pace;
  const SoleusScenarioStory *story;
  size_t                     n_story;
} SoleusScenario;

size_t                soleus_scenario_count (void);
const SoleusScenario *soleus_scenario_get   (size_t      index);
/* NULL when there is no scenario of that name. */
const SoleusScenario *soleus_scenario_find  (const char *name);

/* The controls in force at time_s since the start (defaults, then every event
 * with time <= time_s). */
void                  soleus_scenario_controls_at (const SoleusScenario *scenario,
                                                   double                time_s,
                                                   double                controls[SOLEUS_N_PARAMS]);

/* The pace in force at time_s: the last with time <= time_s, else the
 * first; a scenario without one plays at 1x when it lasts up to 15 minutes,
 * else in about a minute (at most 600x), with a window of its duration
 * (at least a minute, at most 12 hours). */
SoleusScenarioPace    soleus_scenario_pace_at     (const SoleusScenario *scenario,
                                                   double                time_s);

/* Resets the model to its start and applies the scenario's time-0 controls. */
void                  soleus_scenario_start       (const SoleusScenario *scenario,
                                                   SoleusModel          *model);
/* Advances the model to time_s, applying each event at its own step. */
void                  soleus_scenario_advance_to  (const SoleusScenario *scenario,
                                                   SoleusModel          *model,
                                                   double                time_s);

#ifdef __cplusplus
}
#endif
