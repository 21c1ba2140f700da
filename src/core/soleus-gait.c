/* soleus-gait.c: the one table of joint angles over a stride
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "soleus-gait.h"

#include <math.h>
#include <stddef.h>

#define N_ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))

typedef struct
{
  double phase;
  double value;
} Key;

/* 3t^2 - 2t^3 on [0, 1]: eases in and out of each keyframe, so that the
 * angles and their rates are continuous at every key. */
static double
smooth01 (double t)
{
  if (!(t >= 0))
    t = 0;
  if (t > 1)
    t = 1;
  return t * t * (3 - 2 * t);
}

static double
keys_eval (const Key *k,
           size_t     n,
           double     phase)
{
  phase -= floor (phase);

  for (size_t i = 0; i + 1 < n; i++)
    {
      if (phase <= k[i + 1].phase)
        {
          double t = (phase - k[i].phase) / (k[i + 1].phase - k[i].phase);
          return k[i].value + (k[i + 1].value - k[i].value) * smooth01 (t);
        }
    }
  return k[n - 1].value;
}

/* Keyframes after Perry J, Burnfield JM, Gait Analysis: Normal and
 * Pathological Function, 2nd ed., Slack 2010, ch. 5-7 (ankle, knee, hip),
 * placed at the boundaries of its phases of gait: loading response ends at
 * 12 % of the stride, mid stance at 31 %, terminal stance at 50 %, pre-swing
 * (toe-off) at 62 %, initial swing at 75 %, mid swing at 87 %.
 * Hip: about 25 deg of flexion at initial contact, 10 deg of extension at the
 * end of terminal stance, the peak flexion late in swing.
 * Knee: about 5 deg at initial contact, 15-20 deg in loading response,
 * nearly straight in terminal stance, 40 deg at toe-off, 60 deg in initial
 * swing, 25 deg at the end of mid swing, straight again before contact.
 * Ankle: neutral at contact, 5-6 deg of plantar flexion in loading response,
 * 10 deg of dorsiflexion in terminal stance, 15-20 deg of plantar flexion at
 * toe-off, back to neutral in mid swing.
 * This replaces a coarser table of six keys per joint (rounded from the 1992
 * first edition) that ramped the knee straight from 60 deg to 5 deg over
 * the whole of swing and held the hip at 5 deg of extension. */
static const Key hip_keys[] = {
  { 0.0, 25 }, { 0.15, 20 }, { 0.5, -10 }, { 0.6, -6 }, { 0.75, 18 },
  { 0.87, 27 }, { 1.0, 25 },
};
static const Key knee_keys[] = {
  { 0.0, 4 }, { 0.15, 17 }, { 0.4, 5 }, { 0.6, 38 }, { 0.72, 60 },
  { 0.87, 25 }, { 0.97, 4 }, { 1.0, 4 },
};
static const Key ankle_keys[] = {
  { 0.0, 0 }, { 0.07, -6 }, { 0.45, 10 }, { 0.62, -18 }, { 0.75, -2 },
  { 0.87, 2 }, { 1.0, 0 },
};

void
soleus_gait_angles (double  phase,
                    double *hip_deg,
                    double *knee_deg,
                    double *ankle_deg)
{
  if (hip_deg)
    *hip_deg = keys_eval (hip_keys, N_ELEMENTS (hip_keys), phase);
  if (knee_deg)
    *knee_deg = keys_eval (knee_keys, N_ELEMENTS (knee_keys), phase);
  if (ankle_deg)
    *ankle_deg = keys_eval (ankle_keys, N_ELEMENTS (ankle_keys), phase);
}
