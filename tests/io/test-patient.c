/* test-patient.c: the clinical cut-offs behind the plain words
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib.h>

#include "soleus-patient.h"

/* Each cut-off belongs to the lower step: a walking ankle pressure of
 * exactly 38 mmHg is still normal, exactly 60 mmHg still only raised. */
static void
test_walk_pressure_steps (void)
{
  g_assert_cmpint (soleus_walk_pressure_level (23.5), ==, SOLEUS_WALK_PRESSURE_NORMAL);
  g_assert_cmpint (soleus_walk_pressure_level (SOLEUS_WALK_PRESSURE_RAISED_MMHG), ==,
                   SOLEUS_WALK_PRESSURE_NORMAL);
  g_assert_cmpint (soleus_walk_pressure_level (38.5), ==, SOLEUS_WALK_PRESSURE_RAISED);
  g_assert_cmpint (soleus_walk_pressure_level (SOLEUS_WALK_PRESSURE_HIGH_MMHG), ==,
                   SOLEUS_WALK_PRESSURE_RAISED);
  g_assert_cmpint (soleus_walk_pressure_level (60.5), ==, SOLEUS_WALK_PRESSURE_HIGH);
  g_assert_cmpint (soleus_walk_pressure_level (95.0), ==, SOLEUS_WALK_PRESSURE_HIGH);
}

/* The pressure the words speak of: a walking leg's mean, not the swing of
 * this instant; the pressure now when still or without readouts. */
static void
test_ankle_pressure_source (void)
{
  SoleusSnapshot snapshot = { 0 };
  SoleusReadouts readouts = { 0 };

  snapshot.ankle_pressure_mmhg = 80.0;
  readouts.ankle_pressure_mmhg = 70.0;
  readouts.ankle_pressure_mean_mmhg = 30.0;

  snapshot.walking = TRUE;
  g_assert_cmpfloat_with_epsilon (soleus_patient_ankle_pressure (&snapshot, &readouts), 30.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (soleus_patient_ankle_pressure (&snapshot, NULL), 80.0, 1e-12);
  snapshot.walking = FALSE;
  g_assert_cmpfloat_with_epsilon (soleus_patient_ankle_pressure (&snapshot, &readouts), 70.0, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/patient/walk-pressure-steps", test_walk_pressure_steps);
  g_test_add_func ("/io/patient/ankle-pressure-source", test_ankle_pressure_source);

  return g_test_run ();
}
