/* soleus-gait.h: the one table of joint angles over a stride
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The model's walking pose (the near leg) and the painter's far leg, half a
 * stride behind, both read their sagittal hip, knee and ankle angles here.
 */

#pragma once

#ifdef __cplusplus
extern "C" {
#endif

/* Sagittal joint angles of a typical stride at a gait phase (0 = initial
 * contact of this leg, 1 = its next initial contact; any real number, taken
 * modulo 1), in degrees: hip and knee flexion positive, ankle dorsiflexion
 * positive and plantar flexion negative (as in SoleusSnapshot). Any of the
 * outputs may be NULL. */
void soleus_gait_angles (double  phase,
                         double *hip_deg,
                         double *knee_deg,
                         double *ankle_deg);

#ifdef __cplusplus
}
#endif
