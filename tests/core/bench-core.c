/* bench-core.c: how fast the core runs, in simulated seconds per CPU second
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A benchmark, not a test: it prints figures and always succeeds. Run it
 * with `meson test --benchmark --suite core` or directly.
 */

#include <stdio.h>
#include <time.h>

#include "soleus-model.h"
#include "soleus-model-private.h"

static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double
run (const char   *label,
     SoleusPosture posture,
     double        speed_kmh,
     double        ankle_per_min,
     double        seconds)
{
  SoleusModel *m = soleus_model_new ();
  double t0, t1, factor;
  uint64_t s0;

  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, posture);
  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, speed_kmh);
  soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, ankle_per_min);
  soleus_model_step (m, 10000);   /* warm up */
  s0 = soleus_model_substeps (m);
  t0 = cpu_s ();
  soleus_model_step (m, (uint64_t) (seconds * 1000.0));
  t1 = cpu_s ();
  factor = seconds / (t1 - t0);
  printf ("%-28s %8.0fx real time  (%.3f sub-steps per step, %.0f ns per step)\n",
          label, factor, (double) (soleus_model_substeps (m) - s0) / (seconds * 1000.0),
          (t1 - t0) / (seconds * 1000.0) * 1e9);
  soleus_model_free (m);
  return factor;
}

int
main (void)
{
  double walk, still;

  walk = run ("walking 3 km/h", SOLEUS_POSTURE_STANDING, 3.0, 0.0, 120.0);
  run ("walking 6 km/h", SOLEUS_POSTURE_STANDING, 6.0, 0.0, 60.0);
  run ("ankle exercise 60/min", SOLEUS_POSTURE_SITTING, 0.0, 60.0, 60.0);
  still = run ("standing still", SOLEUS_POSTURE_STANDING, 0.0, 0.0, 300.0);
  run ("sitting still", SOLEUS_POSTURE_SITTING, 0.0, 0.0, 300.0);
  run ("supine", SOLEUS_POSTURE_SUPINE, 0.0, 0.0, 300.0);
  printf ("walking_realtime_factor %.0f\nstill_realtime_factor %.0f\n", walk, still);
  return 0;
}
