/* bench-seek.c: how long the timeline takes to go to a moment of the
 * 10-hour flight (a program that prints figures, never a timed test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulation loads the flight, its worker thread fills the saved states,
 * then it seeks to 40 moments spread over the ten hours in a fixed order
 * (forward and back). Each seek is timed by the wall clock and by the main
 * thread's CPU time; for scale, the same moments are played straight from
 * the start, as without saved states.
 */

#include <glib.h>
#include <math.h>
#include <time.h>

#include "soleus-scenario.h"
#include "soleus-simulation.h"

static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* All threads': the seek plays the healthy leg in a thread of its own. */
static double
process_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (void)
{
  const char *name = "long-haul-flight";
  const SoleusScenario *flight = soleus_scenario_find (name);
  g_autoptr(SoleusSimulation) simulation = soleus_simulation_new ();
  double wall[40], cpu[40];
  double fill_start, cold_cpu, cold_wall, cold_process, straight_cpu = 0.0;
  gint64 deadline, t0;
  GRand *rand = g_rand_new_with_seed (13);

  /* Cold: a seek to 9.5 h before any state is saved plays the way there. */
  g_assert_true (soleus_simulation_load_scenario (simulation, name, NULL));
  soleus_simulation_set_playing (simulation, FALSE);
  t0 = g_get_monotonic_time ();
  fill_start = cpu_s ();
  cold_process = process_cpu_s ();
  soleus_simulation_seek (simulation, 9.5 * 3600.0);
  cold_cpu = cpu_s () - fill_start;
  cold_process = process_cpu_s () - cold_process;
  cold_wall = (g_get_monotonic_time () - t0) * 1e-6;

  /* Warm: wait for the worker to reach the end (polled, with a deadline). */
  g_assert_true (soleus_simulation_load_scenario (simulation, name, NULL));
  soleus_simulation_set_playing (simulation, FALSE);
  t0 = g_get_monotonic_time ();
  deadline = t0 + 600 * G_USEC_PER_SEC;
  while (soleus_simulation_get_timeline_reached (simulation) < flight->duration_s)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  g_print ("saved states of the flight filled in %.2f s (wall, worker thread)\n",
           (g_get_monotonic_time () - t0) * 1e-6);

  for (guint i = 0; i < G_N_ELEMENTS (wall); i++)
    {
      double moment = g_rand_double_range (rand, 0.0, flight->duration_s);
      double c = cpu_s ();
      gint64 w = g_get_monotonic_time ();

      soleus_simulation_seek (simulation, moment);
      wall[i] = (g_get_monotonic_time () - w) * 1e-6;
      cpu[i] = cpu_s () - c;

      if (i < 5)
        {
          /* The same moment played straight from the start, without saved
           * states (this leg only). */
          SoleusModel *model = soleus_model_new ();

          c = cpu_s ();
          soleus_scenario_start (flight, model);
          soleus_scenario_advance_to (flight, model, moment);
          straight_cpu += cpu_s () - c;
          g_assert_cmpuint (soleus_model_state_hash (model), ==,
                            soleus_simulation_get_state_hash (simulation));
          soleus_model_free (model);
        }
    }
  qsort (wall, G_N_ELEMENTS (wall), sizeof (double), compare_doubles);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), compare_doubles);

  g_print ("cold seek to 9.5 h, nothing saved yet: %.2f s wall, %.2f s CPU "
           "(%.2f s in all threads)\n", cold_wall, cold_cpu, cold_process);
  g_print ("warm seek, 40 moments of the 10-hour flight: median %.0f ms, max %.0f ms wall; "
           "median %.0f ms, max %.0f ms CPU\n",
           wall[20] * 1e3, wall[39] * 1e3, cpu[20] * 1e3, cpu[39] * 1e3);
  g_print ("played straight from the start instead (one leg, mean of 5): %.2f s CPU\n",
           straight_cpu / 5.0);

  g_rand_free (rand);
  return 0;
}
