/* soleus-replay.c: a scenario's states at any moment, from saved states
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The frontier model plays the scenario forward (soleus_scenario_advance_to,
 * as the window and soleus-cli play it), stopping at every grid point of
 * the trace and of the checkpoints. The model's state after n steps does
 * not depend on how the steps are sliced (soleus-model.h), so a state
 * reached from a checkpoint is the state reached by playing.
 */

#include "soleus-replay.h"

#include <math.h>
#include <stdlib.h>

/* As the scenario files: nothing further than a week. */
#define MAX_TIME_S (7.0 * 24.0 * 3600.0)

struct _SoleusReplay
{
  const SoleusScenario *scenario;
  SoleusModel          *frontier;
  SoleusModel         **checkpoints;   /* checkpoints[i] at step i * interval */
  size_t                n_checkpoints;
  size_t                max_checkpoints;
  uint64_t              interval;      /* steps */
  uint64_t              sample_every;  /* steps */
  SoleusReplaySample   *trace;
  size_t                n_trace;
  size_t                trace_size;
};

static uint64_t
to_step (double time_s)
{
  return (uint64_t) floor (time_s / SOLEUS_STEP_S + 0.5);
}

static uint64_t
frontier_step (const SoleusReplay *self)
{
  return soleus_model_get_snapshot (self->frontier)->step;
}

static bool
record_sample (SoleusReplay *self)
{
  SoleusReadouts readouts;
  SoleusReplaySample *sample;

  if (self->n_trace == self->trace_size)
    {
      size_t size = self->trace_size * 2;
      SoleusReplaySample *trace = realloc (self->trace, size * sizeof *trace);

      if (trace == NULL)
        return false;
      self->trace = trace;
      self->trace_size = size;
    }
  soleus_model_get_readouts (self->frontier, &readouts);
  sample = &self->trace[self->n_trace++];
  sample->time_s = soleus_model_get_snapshot (self->frontier)->time_s;
  sample->ankle_pressure_mmhg = readouts.ankle_pressure_mmhg;
  sample->calf_volume_change_ml = readouts.calf_volume_change_ml;
  return true;
}

/* A full table keeps every second checkpoint (those at even multiples,
 * which are multiples of the doubled interval). */
static void
thin_checkpoints (SoleusReplay *self)
{
  size_t kept = 0;

  for (size_t i = 0; i < self->n_checkpoints; i++)
    {
      if (i % 2 == 0)
        self->checkpoints[kept++] = self->checkpoints[i];
      else
        soleus_model_free (self->checkpoints[i]);
    }
  self->n_checkpoints = kept;
  self->interval *= 2;
}

static bool
save_checkpoint (SoleusReplay *self)
{
  SoleusModel *copy;

  if (self->n_checkpoints == self->max_checkpoints)
    {
      thin_checkpoints (self);
      /* The frontier may no longer stand on the doubled grid. */
      if (frontier_step (self) % self->interval != 0)
        return true;
    }
  copy = soleus_model_copy (self->frontier);
  if (copy == NULL)
    return false;
  self->checkpoints[self->n_checkpoints++] = copy;
  return true;
}

SoleusReplay *
soleus_replay_new (const SoleusScenario *scenario,
                   double                interval_s,
                   size_t                max_checkpoints,
                   double                sample_every_s)
{
  SoleusReplay *self;

  if (scenario == NULL || max_checkpoints < 2
      || !(interval_s >= SOLEUS_STEP_S) || !(interval_s <= MAX_TIME_S)
      || !(sample_every_s >= SOLEUS_STEP_S) || !(sample_every_s <= MAX_TIME_S))
    return NULL;

  self = calloc (1, sizeof *self);
  if (self == NULL)
    return NULL;
  self->scenario = scenario;
  self->max_checkpoints = max_checkpoints;
  self->interval = to_step (interval_s);
  self->sample_every = to_step (sample_every_s);
  self->trace_size = 64;
  self->trace = malloc (self->trace_size * sizeof *self->trace);
  self->checkpoints = calloc (max_checkpoints, sizeof *self->checkpoints);
  self->frontier = soleus_model_new ();
  if (self->trace == NULL || self->checkpoints == NULL || self->frontier == NULL)
    {
      soleus_replay_free (self);
      return NULL;
    }

  soleus_scenario_start (scenario, self->frontier);
  if (!save_checkpoint (self) || !record_sample (self))
    {
      soleus_replay_free (self);
      return NULL;
    }
  return self;
}

void
soleus_replay_free (SoleusReplay *self)
{
  if (self == NULL)
    return;
  for (size_t i = 0; i < self->n_checkpoints; i++)
    soleus_model_free (self->checkpoints[i]);
  free (self->checkpoints);
  free (self->trace);
  soleus_model_free (self->frontier);
  free (self);
}

bool
soleus_replay_extend (SoleusReplay *self,
                      double        time_s)
{
  uint64_t target;

  if (self == NULL || !(time_s >= 0.0))
    return false;
  target = to_step (fmin (time_s, MAX_TIME_S));

  while (frontier_step (self) < target)
    {
      uint64_t now = frontier_step (self);
      uint64_t next_sample = (now / self->sample_every + 1) * self->sample_every;
      uint64_t next_checkpoint = (now / self->interval + 1) * self->interval;
      uint64_t next = target;

      if (next_sample < next)
        next = next_sample;
      if (next_checkpoint < next)
        next = next_checkpoint;

      soleus_scenario_advance_to (self->scenario, self->frontier, next * SOLEUS_STEP_S);
      if (next % self->sample_every == 0 && !record_sample (self))
        return false;
      if (next % self->interval == 0 && !save_checkpoint (self))
        return false;
    }
  return true;
}

double
soleus_replay_get_reached (const SoleusReplay *self)
{
  if (self == NULL)
    return 0.0;
  return soleus_model_get_snapshot (self->frontier)->time_s;
}

SoleusModel *
soleus_replay_model_at (SoleusReplay *self,
                        double        time_s)
{
  SoleusModel *model;
  uint64_t target;
  size_t index;

  if (self == NULL || !(time_s >= 0.0))
    return NULL;
  target = to_step (fmin (time_s, MAX_TIME_S));

  if (target >= frontier_step (self))
    {
      soleus_replay_extend (self, target * SOLEUS_STEP_S);
      if (frontier_step (self) == target)
        return soleus_model_copy (self->frontier);
    }

  index = (size_t) (target / self->interval);
  if (index >= self->n_checkpoints)
    index = self->n_checkpoints - 1;
  model = soleus_model_copy (self->checkpoints[index]);
  if (model != NULL)
    soleus_scenario_advance_to (self->scenario, model, target * SOLEUS_STEP_S);
  return model;
}

size_t
soleus_replay_get_n_checkpoints (const SoleusReplay *self)
{
  return self != NULL ? self->n_checkpoints : 0;
}

double
soleus_replay_get_interval (const SoleusReplay *self)
{
  return self != NULL ? self->interval * SOLEUS_STEP_S : 0.0;
}

size_t
soleus_replay_get_trace (const SoleusReplay        *self,
                         const SoleusReplaySample **samples)
{
  if (samples != NULL)
    *samples = self != NULL ? self->trace : NULL;
  return self != NULL ? self->n_trace : 0;
}
