/* soleus-scene-private.h: internals shared inside soleus-render
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "soleus-scene.h"

G_BEGIN_DECLS

/* Sagittal hip, knee and ankle angles of a typical stride at a gait phase
 * (0 = heel strike), for the far leg and for test snapshots. */
void soleus_scene_reference_gait (double  phase,
                                  double *hip_deg,
                                  double *knee_deg,
                                  double *ankle_deg);

G_END_DECLS
