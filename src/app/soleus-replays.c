/* soleus-replays.c: the saved states of a scenario's legs, for the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scrubbing the timeline asks for the state at any moment of a scenario.
 * Each leg has a SoleusReplay (the core's checkpoints); a worker thread
 * plays them forward one slice at a time under a lock, so that a seek in
 * the main thread waits for at most one slice and then finds the
 * checkpoint before its moment ready. Memory: at most MAX_CHECKPOINTS
 * copies of a model per leg.
 */

#include "config.h"

#include "soleus-replays.h"

#include <sys/resource.h>

/* At most this many checkpoints per leg; a 10-hour flight keeps one every
 * 9.4 minutes of simulated time, so a seek replays at most that. */
#define MAX_CHECKPOINTS 64
#define MIN_INTERVAL_S 60.0
/* The trace's grid: the coarse history of the strip chart (10 s). */
#define SAMPLE_EVERY_S 10.0
/* The worker's slice of simulated time between two looks at the lock: a
 * seek waits for at most one. */
#define SLICE_S 10.0

typedef enum
{
  LEG,
  HEALTHY,
  OTHER,
  N_LEGS
} Leg;

struct _SoleusReplays
{
  GMutex          lock;
  SoleusReplay   *replays[N_LEGS];   /* OTHER may be NULL */
  /* The schedules the replays play, copies of their own (the worker may
   * outlive a scenario file's): this leg's, the healthy leg's derived from
   * it, the other leg's. */
  SoleusScenario  schedules[N_LEGS];
  GArray         *events[N_LEGS];
  double          until_s;
  GThread        *worker;
  gint            stop;              /* atomic */
  /* The window's and the worker's: the last to let go frees it, so that
   * dropping the replays never waits for the worker's slice. */
  gint            refs;              /* atomic */
  /* How far this leg's replay reaches, in whole seconds: read without the
   * lock, so that the window never waits on the worker to show it. */
  gint            reached_s;         /* atomic */
};

gboolean
soleus_replays_reference_follows (SoleusParamId id)
{
  switch (id)
    {
    case SOLEUS_PARAM_POSTURE:
    case SOLEUS_PARAM_SPEED_KMH:
    case SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN:
    case SOLEUS_PARAM_HEIGHT_CM:
      return TRUE;
    default:
      return FALSE;
    }
}

static const SoleusScenario *
set_schedule (SoleusReplays        *self,
              Leg                   leg,
              const SoleusScenario *scenario)
{
  GArray *events = self->events[leg];

  self->schedules[leg] = (SoleusScenario) {
    .name = scenario->name,
    .title = "",
    .description = "",
    .duration_s = scenario->duration_s,
    .events = (const SoleusScenarioEvent *) (gpointer) events->data,
    .n_events = events->len,
  };
  return &self->schedules[leg];
}

static const SoleusScenario *
copy_schedule (SoleusReplays        *self,
               Leg                   leg,
               const SoleusScenario *scenario)
{
  self->events[leg] = g_array_new (FALSE, FALSE, sizeof (SoleusScenarioEvent));
  g_array_append_vals (self->events[leg], scenario->events, scenario->n_events);
  return set_schedule (self, leg, scenario);
}

/* Every control it does not follow at its healthy mark from the start, then
 * the events of the controls it follows, in their order. */
static const SoleusScenario *
derive_healthy (SoleusReplays        *self,
                const SoleusScenario *scenario)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (SoleusScenarioEvent));

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    if (!soleus_replays_reference_follows (i))
      {
        SoleusScenarioEvent ev = { 0.0, i, soleus_param_info (i)->healthy_value };

        g_array_append_val (events, ev);
      }
  for (size_t k = 0; k < scenario->n_events; k++)
    if (soleus_replays_reference_follows (scenario->events[k].param))
      g_array_append_val (events, scenario->events[k]);

  self->events[HEALTHY] = events;
  return set_schedule (self, HEALTHY, scenario);
}

static void
replays_release (SoleusReplays *self)
{
  if (!g_atomic_int_dec_and_test (&self->refs))
    return;
  for (guint leg = 0; leg < N_LEGS; leg++)
    {
      soleus_replay_free (self->replays[leg]);
      g_clear_pointer (&self->events[leg], g_array_unref);
    }
  g_mutex_clear (&self->lock);
  g_free (self);
}

static gpointer
worker (gpointer data)
{
  SoleusReplays *self = data;

  /* Background work: the window's own thread goes first. (On Linux this
   * sets the nice value of the calling thread only.) */
  setpriority (PRIO_PROCESS, 0, 10);

  for (double t = SLICE_S; !g_atomic_int_get (&self->stop); t += SLICE_S)
    {
      gboolean done = t >= self->until_s;

      g_mutex_lock (&self->lock);
      for (guint leg = 0; leg < N_LEGS; leg++)
        if (self->replays[leg] != NULL)
          soleus_replay_extend (self->replays[leg], MIN (t, self->until_s));
      g_atomic_int_set (&self->reached_s,
                        (gint) soleus_replay_get_reached (self->replays[LEG]));
      g_mutex_unlock (&self->lock);
      if (done)
        break;
    }
  replays_release (self);
  return NULL;
}

SoleusReplays *
soleus_replays_new (const SoleusScenario *scenario,
                    const SoleusScenario *other,
                    double                until_s)
{
  SoleusReplays *self;
  double interval_s;

  g_return_val_if_fail (scenario != NULL, NULL);

  self = g_new0 (SoleusReplays, 1);
  g_mutex_init (&self->lock);
  self->until_s = CLAMP (until_s, 0.0, 7.0 * 24.0 * 3600.0);

  interval_s = MAX (MIN_INTERVAL_S, self->until_s / MAX_CHECKPOINTS);
  self->replays[LEG] = soleus_replay_new (copy_schedule (self, LEG, scenario), interval_s,
                                          MAX_CHECKPOINTS, SAMPLE_EVERY_S);
  self->replays[HEALTHY] = soleus_replay_new (derive_healthy (self, scenario), interval_s,
                                              MAX_CHECKPOINTS, SAMPLE_EVERY_S);
  if (other != NULL)
    self->replays[OTHER] = soleus_replay_new (copy_schedule (self, OTHER, other), interval_s,
                                              MAX_CHECKPOINTS, SAMPLE_EVERY_S);
  if (self->replays[LEG] == NULL || self->replays[HEALTHY] == NULL
      || (other != NULL && self->replays[OTHER] == NULL))
    g_error ("Not enough memory for the timeline");

  self->refs = 2;
  self->worker = g_thread_new ("soleus-replays", worker, self);
  return self;
}

void
soleus_replays_free (SoleusReplays *self)
{
  if (self == NULL)
    return;

  /* The worker stops after its slice and frees the replays if it is the
   * last to hold them; nothing here waits for it. */
  g_atomic_int_set (&self->stop, 1);
  g_thread_unref (self->worker);
  replays_release (self);
}

typedef struct
{
  SoleusReplay *replay;
  double        time_s;
  SoleusModel  *model;
} ModelAt;

static gpointer
model_at_thread (gpointer data)
{
  ModelAt *job = data;

  job->model = soleus_replay_model_at (job->replay, job->time_s);
  return NULL;
}

gboolean
soleus_replays_models_at (SoleusReplays *self,
                          double         time_s,
                          SoleusModel  **leg,
                          SoleusModel  **healthy,
                          SoleusModel  **other)
{
  ModelAt jobs[N_LEGS] = { { 0 } };
  GThread *threads[N_LEGS] = { NULL };

  g_return_val_if_fail (self != NULL, FALSE);

  /* The legs' replays are independent: the healthy leg's (and the other
   * leg's) are played in threads of their own while this one plays the
   * leg's, so a seek past what the worker has saved takes about as long
   * as one leg. The worker waits on the lock meanwhile. */
  g_mutex_lock (&self->lock);
  for (int k = 0; k < N_LEGS; k++)
    {
      jobs[k] = (ModelAt) { self->replays[k], time_s, NULL };
      if (k > LEG && self->replays[k] != NULL)
        threads[k] = g_thread_try_new ("soleus-seek", model_at_thread, &jobs[k], NULL);
    }
  model_at_thread (&jobs[LEG]);
  for (int k = LEG + 1; k < N_LEGS; k++)
    {
      if (threads[k] != NULL)
        g_thread_join (threads[k]);
      else if (self->replays[k] != NULL)
        model_at_thread (&jobs[k]);   /* no thread to be had: in turn */
    }
  g_mutex_unlock (&self->lock);
  *leg = jobs[LEG].model;
  *healthy = jobs[HEALTHY].model;
  *other = jobs[OTHER].model;

  if (*leg == NULL || *healthy == NULL || (self->replays[OTHER] != NULL && *other == NULL))
    {
      g_clear_pointer (leg, soleus_model_free);
      g_clear_pointer (healthy, soleus_model_free);
      g_clear_pointer (other, soleus_model_free);
      return FALSE;
    }
  return TRUE;
}

void
soleus_replays_foreach_sample (SoleusReplays          *self,
                               double                  before_s,
                               SoleusReplaysSampleFunc func,
                               gpointer                user_data)
{
  const SoleusReplaySample *leg, *reference;
  size_t n, n_reference;
  SoleusReplay *shown;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  shown = self->replays[OTHER] != NULL ? self->replays[OTHER] : self->replays[HEALTHY];
  n = soleus_replay_get_trace (self->replays[LEG], &leg);
  n_reference = soleus_replay_get_trace (shown, &reference);
  for (size_t i = 0; i < MIN (n, n_reference) && leg[i].time_s < before_s - 1e-9; i++)
    func (&leg[i], &reference[i], user_data);
  g_mutex_unlock (&self->lock);
}

double
soleus_replays_get_reached (SoleusReplays *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return g_atomic_int_get (&self->reached_s);
}
