/* soleus-replays.h: the saved states of a scenario's legs, for the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "soleus-replay.h"
#include "soleus-scenario.h"

G_BEGIN_DECLS

typedef struct _SoleusReplays SoleusReplays;

/* The other legs follow these controls of this leg (posture, activity,
 * height); every other control of the healthy leg is at its healthy mark. */
gboolean       soleus_replays_reference_follows (SoleusParamId         id);

/* Replays of this leg's scenario, of the healthy leg doing the same and of
 * other (a second scenario in compare mode, or NULL); their schedules are
 * copied. A worker thread plays them on to until_s, so that
 * a later seek finds its checkpoint ready. */
SoleusReplays *soleus_replays_new               (const SoleusScenario *scenario,
                                                 const SoleusScenario *other,
                                                 double                until_s);
/* Stops the worker (after the slice of its work under way) and frees
 * everything, then or when the worker has stopped: never waits for it. */
void           soleus_replays_free              (SoleusReplays        *self);

/* New models in the states the legs have at time_s; *other is NULL
 * without a second scenario. FALSE when out of memory. */
gboolean       soleus_replays_models_at         (SoleusReplays        *self,
                                                 double                time_s,
                                                 SoleusModel         **leg,
                                                 SoleusModel         **healthy,
                                                 SoleusModel         **other);

typedef void (*SoleusReplaysSampleFunc) (const SoleusReplaySample *leg,
                                         const SoleusReplaySample *reference,
                                         gpointer                  user_data);
/* The traces' samples before time_s, oldest first: this leg's with the shown
 * reference's (the other leg's, else the healthy leg's). */
void           soleus_replays_foreach_sample    (SoleusReplays          *self,
                                                 double                  before_s,
                                                 SoleusReplaysSampleFunc func,
                                                 gpointer                user_data);
/* How far the worker has played (whole seconds; a seek beyond plays on
 * itself), for a benchmark or a test; never waits on the worker. */
double         soleus_replays_get_reached       (SoleusReplays        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusReplays, soleus_replays_free)

G_END_DECLS
