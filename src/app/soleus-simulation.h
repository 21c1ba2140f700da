/* soleus-simulation.h: the running model, as a GObject the widgets bind to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "soleus-model.h"
#include "soleus-scenario.h"
#include "soleus-scenario-file.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_SIMULATION (soleus_simulation_get_type ())

G_DECLARE_FINAL_TYPE (SoleusSimulation, soleus_simulation, SOLEUS, SIMULATION, GObject)

#define SOLEUS_SIMULATION_ERROR (soleus_simulation_error_quark ())

typedef enum
{
  SOLEUS_SIMULATION_ERROR_UNKNOWN_CONTROL,
  SOLEUS_SIMULATION_ERROR_OUT_OF_RANGE,
  SOLEUS_SIMULATION_ERROR_UNKNOWN_SCENARIO,
} SoleusSimulationError;

/* Playback rates: slow motion to watch a valve close, fast-forward to watch
 * hours of sitting swell the ankle. */
#define SOLEUS_SIMULATION_MIN_RATE 0.1
#define SOLEUS_SIMULATION_MAX_RATE 600.0

/* The strip chart's history: one sample every 0.1 s of simulated time for
 * the last 10 minutes, and one every 10 s for the last 16 hours. */
#define SOLEUS_HISTORY_HZ 10
#define SOLEUS_HISTORY_LENGTH 6000
#define SOLEUS_HISTORY_COARSE_EVERY 100

typedef struct
{
  double time_s;
  double ankle_pressure_mmhg;
  double calf_volume_change_ml;
  double reference_ankle_pressure_mmhg;  /* the healthy leg, same activity */
  double reference_calf_volume_change_ml;
} SoleusHistorySample;

GQuark                soleus_simulation_error_quark        (void);

SoleusSimulation     *soleus_simulation_new                (void);

/* For a view that follows a simulation: points *slot at simulation (a new
 * reference, or NULL), moving the "advanced" handler *handler, connected to
 * advanced_cb with user_data, from the old simulation to the new one.
 * Returns FALSE, changing nothing, when *slot already is simulation. */
gboolean              soleus_simulation_follow             (SoleusSimulation **slot,
                                                            gulong            *handler,
                                                            SoleusSimulation  *simulation,
                                                            GCallback          advanced_cb,
                                                            gpointer           user_data);

/* Advances by wall-clock seconds times the playback rate, in whole fixed
 * steps; the remainder waits for the next call. Spends at most budget_s of
 * CPU time on physics, so fast-forward never freezes the interface (the
 * clock then runs slower than asked: see get_achieved_rate). */
void                  soleus_simulation_advance            (SoleusSimulation *self,
                                                            double            wall_s,
                                                            double            budget_s);
/* One tenth of a second of simulated time, whether playing or not. */
void                  soleus_simulation_step               (SoleusSimulation *self);
/* Back to the supine rest state with every control at its default. */
void                  soleus_simulation_reset              (SoleusSimulation *self);

gboolean              soleus_simulation_get_playing        (SoleusSimulation *self);
void                  soleus_simulation_set_playing        (SoleusSimulation *self,
                                                            gboolean          playing);
double                soleus_simulation_get_rate           (SoleusSimulation *self);
void                  soleus_simulation_set_rate           (SoleusSimulation *self,
                                                            double            rate);
double                soleus_simulation_get_achieved_rate  (SoleusSimulation *self);
double                soleus_simulation_get_time           (SoleusSimulation *self);

double                soleus_simulation_get_control        (SoleusSimulation *self,
                                                            SoleusParamId     id);
gboolean              soleus_simulation_set_control        (SoleusSimulation *self,
                                                            const char       *name,
                                                            double            value,
                                                            GError          **error);

/* The scenario's state at time_s (at most a week), whatever was played
 * before: bit-identical to playing the scenario to that moment, from its
 * saved states (soleus-replays.h); the history holds what led there.
 * Controls changed by hand since the scenario started are not kept. FALSE,
 * changing nothing, without a scenario. */
gboolean              soleus_simulation_seek               (SoleusSimulation *self,
                                                            double            time_s);
/* The scenario playing (a file's as a built-in), or NULL: its duration,
 * events, pace and story. */
const SoleusScenario *soleus_simulation_get_schedule       (SoleusSimulation *self);
/* How far the saved states reach (0 before the first seek): a seek up to
 * there replays at most the spacing of two of them. */
double                soleus_simulation_get_timeline_reached (SoleusSimulation *self);
/* soleus_model_state_hash () of this leg. */
guint64               soleus_simulation_get_state_hash     (SoleusSimulation *self);
/* The simulated time the strip chart shows: the scenario's window at this
 * moment, or without one a window that grows with the rate. */
double                soleus_simulation_get_chart_window   (SoleusSimulation *self);

/* Resets and runs a built-in scenario's timeline: at its own pace, from
 * near its key moment. */
gboolean              soleus_simulation_load_scenario      (SoleusSimulation *self,
                                                            const char       *name,
                                                            GError          **error);
const char           *soleus_simulation_get_scenario       (SoleusSimulation *self);
/* Resets and plays a scenario file (taken over) at its pace. */
void                  soleus_simulation_load_scenario_file (SoleusSimulation   *self,
                                                            SoleusScenarioFile *file);
SoleusScenarioFile   *soleus_simulation_get_scenario_file  (SoleusSimulation *self);
/* The other leg of compare mode plays this file (taken over) in step with
 * this one, both legs starting again; NULL brings back the healthy
 * reference, which catches up with this leg's clock. */
void                  soleus_simulation_set_reference_file (SoleusSimulation   *self,
                                                            SoleusScenarioFile *file);
/* The title of that file, or NULL for the healthy reference. */
const char           *soleus_simulation_get_reference_title (SoleusSimulation *self);
/* The open scenario's title, in the user's language, or NULL. */
const char           *soleus_simulation_get_scenario_title (SoleusSimulation *self);

const SoleusSnapshot *soleus_simulation_get_snapshot       (SoleusSimulation *self);
/* A copy of this leg's model as it is now, to record from (free it with
 * soleus_model_free). */
SoleusModel          *soleus_simulation_copy_model         (SoleusSimulation *self);
/* The simulated clock of the healthy leg, shown or not. */
double                soleus_simulation_get_healthy_time   (SoleusSimulation *self);
/* The snapshot one step earlier, and how far (0..1) the clock stands
 * between the two: the play area interpolates for smooth slow motion. */
const SoleusSnapshot *soleus_simulation_get_previous       (SoleusSimulation *self);
double                soleus_simulation_get_alpha          (SoleusSimulation *self);
/* The healthy leg doing the same, for "your leg beside a healthy leg". */
const SoleusSnapshot *soleus_simulation_get_reference_snapshot (SoleusSimulation *self);
void                  soleus_simulation_get_readouts       (SoleusSimulation *self,
                                                            SoleusReadouts   *out);
void                  soleus_simulation_get_reference_readouts (SoleusSimulation *self,
                                                                SoleusReadouts   *out);

/* History samples, oldest first, in two runs of a ring; returns how many are
 * stored. coarse picks the 10 s history. */
guint                 soleus_simulation_get_history        (SoleusSimulation          *self,
                                                            gboolean                   coarse,
                                                            const SoleusHistorySample **first,
                                                            guint                      *n_first,
                                                            const SoleusHistorySample **second,
                                                            guint                      *n_second);

G_END_DECLS
