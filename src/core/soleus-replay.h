/* soleus-replay.h: a scenario's states at any moment, from saved states
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A replay plays a scenario once from its start, keeping a copy of the
 * model (a checkpoint) every interval of simulated time and a trace of the
 * ankle pressure and calf volume on a fixed grid. The state at any moment
 * is then the nearest checkpoint before it, advanced through the scenario:
 * the same steps as playing, so the same bits. Memory is bounded: when the
 * checkpoints fill their table, every second one is dropped and the
 * interval doubles.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "soleus-model.h"
#include "soleus-scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _SoleusReplay SoleusReplay;

typedef struct
{
  double time_s;
  double ankle_pressure_mmhg;
  double calf_volume_change_ml;
} SoleusReplaySample;

/* The scenario must outlive the replay. interval_s (at least a step) is the
 * first spacing of the checkpoints, max_checkpoints (at least 2) their
 * most, sample_every_s (at least a step) the grid of the trace. NULL when
 * out of memory or given nonsense. */
SoleusReplay         *soleus_replay_new             (const SoleusScenario *scenario,
                                                     double                interval_s,
                                                     size_t                max_checkpoints,
                                                     double                sample_every_s);
void                  soleus_replay_free            (SoleusReplay         *self);

/* Plays on from the furthest moment reached to time_s (at most a week),
 * saving checkpoints and the trace on the way. Returns false when out of
 * memory (the checkpoints so far stay usable). */
bool                  soleus_replay_extend          (SoleusReplay         *self,
                                                     double                time_s);
/* The furthest moment played so far. */
double                soleus_replay_get_reached     (const SoleusReplay   *self);

/* A new model in the state the scenario has at time_s (rounded to a
 * step): the checkpoint before it, advanced. Extends the replay first when
 * time_s is beyond it. NULL when out of memory. */
SoleusModel          *soleus_replay_model_at        (SoleusReplay         *self,
                                                     double                time_s);

size_t                soleus_replay_get_n_checkpoints (const SoleusReplay *self);
double                soleus_replay_get_interval    (const SoleusReplay   *self);
/* The trace from the start to the furthest moment reached, one sample per
 * grid point. */
size_t                soleus_replay_get_trace       (const SoleusReplay        *self,
                                                     const SoleusReplaySample **samples);

#ifdef __cplusplus
}
#endif
