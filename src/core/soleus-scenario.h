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
