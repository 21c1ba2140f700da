/* soleus-timeline.h: a scenario's moments, to scrub through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "soleus-simulation.h"
#include "soleus-steps.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_TIMELINE (soleus_timeline_get_type ())

G_DECLARE_FINAL_TYPE (SoleusTimeline, soleus_timeline, SOLEUS, TIMELINE, GtkWidget)

void soleus_timeline_set_simulation (SoleusTimeline   *self,
                                     SoleusSimulation *simulation);
/* The marks: each moment the scenario changes a control, and each step
 * with a moment, numbered as PageDown counts them. Call it when the
 * scenario or its steps change; without a scenario the timeline hides. */
void soleus_timeline_update         (SoleusTimeline   *self,
                                     SoleusSteps      *steps);

G_END_DECLS
