/* test-gait.c: the one gait table is continuous, periodic and anatomical
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "soleus-gait.h"

/* Phases of gait after Perry J, Burnfield JM, Gait Analysis: Normal and
 * Pathological Function, 2nd ed., Slack 2010, ch. 1: stance ends with
 * toe-off at 62 % of the stride, initial swing at 75 %. */
#define TOE_OFF 0.62
#define END_INITIAL_SWING 0.75

/* The fastest a joint turns in normal walking: the knee's 60 deg in about a
 * tenth of a stride (Perry & Burnfield 2010, ch. 6), under 400 deg per
 * stride even with the easing of the keyframes. A step in a table would
 * exceed it at some sample. */
#define MAX_DEG_PER_STRIDE 400.0

static void
angles (double  phase,
        double  out[3])
{
  soleus_gait_angles (phase, &out[0], &out[1], &out[2]);
}

static void
test_periodic (void)
{
  double a0[3], a1[3], a[3], b[3];

  /* Phase 0 and phase 1 are the same instant: the same bits. */
  angles (0.0, a0);
  angles (1.0, a1);
  g_assert_cmpmem (a0, sizeof a0, a1, sizeof a1);

  /* Just before the end of the stride is just after its start. */
  angles (1.0 - 1e-9, a);
  for (int j = 0; j < 3; j++)
    g_assert_cmpfloat_with_epsilon (a[j], a0[j], 1e-6);

  /* Any number of strides later, or earlier, the same pose. */
  for (double ph = 0.0; ph < 1.0; ph += 0.037)
    {
      angles (ph, a);
      angles (ph + 3.0, b);
      for (int j = 0; j < 3; j++)
        g_assert_cmpfloat_with_epsilon (a[j], b[j], 1e-9);
      angles (ph - 2.0, b);
      for (int j = 0; j < 3; j++)
        g_assert_cmpfloat_with_epsilon (a[j], b[j], 1e-9);
    }
}

static void
test_continuous (void)
{
  const int n = 100000;
  const double h = 1.0 / n;
  double last[3], a[3];

  angles (0.0, last);
  for (int i = 1; i <= n; i++)
    {
      angles (i * h, a);
      for (int j = 0; j < 3; j++)
        {
          g_assert_true (isfinite (a[j]));
          g_assert_cmpfloat (fabs (a[j] - last[j]), <=, MAX_DEG_PER_STRIDE * h);
          last[j] = a[j];
        }
    }
}

/* Ranges and landmarks after Perry & Burnfield 2010, ch. 5 (ankle), 6
 * (knee) and 7 (hip), with a margin for the spread between subjects. */
static void
test_anatomical (void)
{
  double hip_min = HUGE_VAL, hip_max = -HUGE_VAL;
  double knee_min = HUGE_VAL, knee_stance_max = -HUGE_VAL, knee_swing_max = -HUGE_VAL;
  double ankle_min = HUGE_VAL, ankle_max = -HUGE_VAL;
  double ankle_min_phase = -1, hip_min_phase = -1, knee_max_phase = -1;
  double hip, knee, ankle;

  for (int i = 0; i < 1000; i++)
    {
      double ph = i / 1000.0;

      soleus_gait_angles (ph, &hip, &knee, &ankle);
      /* hip: at most 35 deg of flexion, at most 20 deg of extension */
      g_assert_cmpfloat (hip, <=, 35.0);
      g_assert_cmpfloat (hip, >=, -20.0);
      /* knee: never hyperextended, never past 70 deg in walking */
      g_assert_cmpfloat (knee, >=, 0.0);
      g_assert_cmpfloat (knee, <=, 70.0);
      /* ankle: 10 deg of dorsiflexion, 15-20 deg of plantar flexion */
      g_assert_cmpfloat (ankle, <=, 15.0);
      g_assert_cmpfloat (ankle, >=, -25.0);

      if (hip < hip_min)
        hip_min = hip, hip_min_phase = ph;
      hip_max = MAX (hip_max, hip);
      knee_min = MIN (knee_min, knee);
      if (ph < 0.5)
        knee_stance_max = MAX (knee_stance_max, knee);
      if (knee > knee_swing_max)
        knee_swing_max = knee, knee_max_phase = ph;
      if (ankle < ankle_min)
        ankle_min = ankle, ankle_min_phase = ph;
      ankle_max = MAX (ankle_max, ankle);
    }

  /* The hip flexes 20-30 deg for contact and extends in late stance. */
  g_assert_cmpfloat (hip_max, >=, 20.0);
  g_assert_cmpfloat (hip_min, <=, -5.0);
  g_assert_cmpfloat (hip_min_phase, >, 0.31);
  g_assert_cmpfloat (hip_min_phase, <, TOE_OFF);

  /* The knee is nearly straight at contact, flexes 15-20 deg in loading
   * response, and 60 deg at the end of initial swing. */
  soleus_gait_angles (0.0, NULL, &knee, NULL);
  g_assert_cmpfloat (knee, <=, 10.0);
  g_assert_cmpfloat (knee_min, <=, 5.0);
  g_assert_cmpfloat (knee_stance_max, >=, 10.0);
  g_assert_cmpfloat (knee_stance_max, <=, 25.0);
  g_assert_cmpfloat (knee_swing_max, >=, 55.0);
  g_assert_cmpfloat (knee_max_phase, >, TOE_OFF);
  g_assert_cmpfloat (knee_max_phase, <, END_INITIAL_SWING + 0.02);

  /* The ankle dorsiflexes about 10 deg in terminal stance and plantar
   * flexes most around toe-off. */
  soleus_gait_angles (0.0, NULL, NULL, &ankle);
  g_assert_cmpfloat (fabs (ankle), <=, 5.0);
  g_assert_cmpfloat (ankle_max, >=, 5.0);
  g_assert_cmpfloat (ankle_min, <=, -10.0);
  g_assert_cmpfloat (fabs (ankle_min_phase - TOE_OFF), <, 0.05);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/gait/periodic", test_periodic);
  g_test_add_func ("/core/gait/continuous", test_continuous);
  g_test_add_func ("/core/gait/anatomical", test_anatomical);

  return g_test_run ();
}
