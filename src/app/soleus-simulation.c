/* soleus-simulation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's SoleusModel wrapped for widgets: one double property per
 * control of the core's parameter table (the same names, ranges and
 * defaults), playback (playing, rate), a simulated clock, and a second model
 * of a healthy leg doing the same activity, the reference the strip chart
 * and the readouts compare with.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-format.h"
#include "soleus-number.h"
#include "soleus-replays.h"
#include "soleus-scenario.h"
#include "soleus-simulation.h"
#include "soleus-text.h"

/* Steps per history sample (0.1 s of simulated time). */
#define STEPS_PER_SAMPLE ((guint64) (1.0 / (SOLEUS_STEP_S * SOLEUS_HISTORY_HZ) + 0.5))

typedef struct
{
  SoleusHistorySample samples[SOLEUS_HISTORY_LENGTH];
  guint               start;
  guint               len;
} History;

struct _SoleusSimulation
{
  GObject               parent_instance;

  SoleusModel          *model;
  /* The healthy leg doing what this one does: always stepped, so that it
   * is there at once whenever it is shown again. */
  SoleusModel          *reference;
  const SoleusScenario *scenario;
  SoleusScenarioFile   *scenario_file;   /* owns scenario when it is a file's */
  /* The other leg in compare mode, when it is a second scenario file played
   * in step with this one (NULL: the healthy leg is shown). */
  SoleusModel          *other;
  SoleusScenarioFile   *reference_file;
  const SoleusScenario *reference_scenario;
  /* The scenario's saved states, for seeking; made when first needed. */
  SoleusReplays        *replays;

  SoleusSnapshot        previous;
  double                accumulator_s;   /* simulated time not yet stepped */
  double                rate;
  double                achieved_rate;
  double                controls[SOLEUS_N_PARAMS];  /* last notified values */

  /* Large: allocated apart (a GObject instance must stay under 64 KiB). */
  History              *fine;
  History              *coarse;
  guint                 n_samples;

  guint                 playing : 1;
};

G_DEFINE_FINAL_TYPE (SoleusSimulation, soleus_simulation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_RATE,
  PROP_TIME,
  PROP_SCENARIO,
  PROP_FIRST_CONTROL,
  N_PROPS = PROP_FIRST_CONTROL + SOLEUS_N_PARAMS
};

enum {
  ADVANCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (soleus-simulation-error-quark, soleus_simulation_error)

/* The healthy leg does what this one does: same posture, activity and
 * height; every patient factor at its healthy mark. */
static void
sync_reference (SoleusSimulation *self)
{
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      double value = soleus_replays_reference_follows (i)
                     ? soleus_model_get_param (self->model, i)
                     : soleus_param_info (i)->healthy_value;

      soleus_model_set_param (self->reference, i, value);
    }
}

/* The leg shown beside this one: a second scenario file's, or the healthy
 * leg. */
static SoleusModel *
shown_reference (SoleusSimulation *self)
{
  return self->other != NULL ? self->other : self->reference;
}

static void
notify_changed_controls (SoleusSimulation *self)
{
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      double value = soleus_model_get_param (self->model, i);

      if (!G_APPROX_VALUE (value, self->controls[i], 1e-12))
        {
          self->controls[i] = value;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_CONTROL + i]);
        }
    }
}

static void
history_push (History                   *history,
              const SoleusHistorySample *sample)
{
  guint index;

  if (history->len < SOLEUS_HISTORY_LENGTH)
    {
      index = (history->start + history->len) % SOLEUS_HISTORY_LENGTH;
      history->len++;
    }
  else
    {
      index = history->start;
      history->start = (history->start + 1) % SOLEUS_HISTORY_LENGTH;
    }

  history->samples[index] = *sample;
}

static void
history_clear (History *history)
{
  history->start = 0;
  history->len = 0;
}

static void
record_sample (SoleusSimulation *self)
{
  SoleusReadouts readouts;
  SoleusReadouts reference;
  SoleusHistorySample sample_;
  SoleusHistorySample *sample = &sample_;

  soleus_model_get_readouts (self->model, &readouts);
  soleus_model_get_readouts (shown_reference (self), &reference);

  sample->time_s = soleus_model_get_snapshot (self->model)->time_s;
  sample->ankle_pressure_mmhg = readouts.ankle_pressure_mmhg;
  sample->calf_volume_change_ml = readouts.calf_volume_change_ml;
  sample->reference_ankle_pressure_mmhg = reference.ankle_pressure_mmhg;
  sample->reference_calf_volume_change_ml = reference.calf_volume_change_ml;

  history_push (self->fine, sample);
  if (self->n_samples % SOLEUS_HISTORY_COARSE_EVERY == 0)
    history_push (self->coarse, sample);
  self->n_samples++;
}

/* The other legs to the given step: the healthy reference follows this
 * leg's controls; a second scenario plays its own timeline. */
static void
step_reference (SoleusSimulation *self,
                guint64           target)
{
  const SoleusSnapshot *state = soleus_model_get_snapshot (self->reference);

  if (target > state->step)
    soleus_model_step (self->reference, target - state->step);

  if (self->other != NULL
      && target > soleus_model_get_snapshot (self->other)->step)
    soleus_scenario_advance_to (self->reference_scenario, self->other,
                                target * SOLEUS_STEP_S);
}

/* Advances both legs by n steps, sampling the history on its 0.1 s grid. */
static void
step_models (SoleusSimulation *self,
             guint64           n_steps)
{
  while (n_steps > 0)
    {
      guint64 now = soleus_model_get_snapshot (self->model)->step;
      guint64 to_sample = STEPS_PER_SAMPLE - now % STEPS_PER_SAMPLE;
      guint64 chunk = MIN (n_steps, to_sample);

      if (chunk > 1)
        {
          guint64 target = now + chunk - 1;

          if (self->scenario != NULL)
            soleus_scenario_advance_to (self->scenario, self->model, target * SOLEUS_STEP_S);
          else
            soleus_model_step (self->model, chunk - 1);
          step_reference (self, target);
        }

      /* Keep the state one step back for interpolation. */
      self->previous = *soleus_model_get_snapshot (self->model);

      if (self->scenario != NULL)
        soleus_scenario_advance_to (self->scenario, self->model, (now + chunk) * SOLEUS_STEP_S);
      else
        soleus_model_step (self->model, 1);
      step_reference (self, now + chunk);

      n_steps -= chunk;
      if ((now + chunk) % STEPS_PER_SAMPLE == 0)
        record_sample (self);

      sync_reference (self);
    }
}

static void
after_advance (SoleusSimulation *self)
{
  notify_changed_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
  g_signal_emit (self, signals[ADVANCED], 0);
}

static void
restart_reference (SoleusSimulation *self)
{
  soleus_model_reset (self->reference);
  sync_reference (self);
  if (self->other != NULL)
    soleus_scenario_start (self->reference_scenario, self->other);
}

/* After the model was reset: the healthy leg, the clock and the history
 * start again from its first sample. */
static void
restart_history (SoleusSimulation *self)
{
  restart_reference (self);
  self->accumulator_s = 0.0;
  history_clear (self->fine);
  history_clear (self->coarse);
  self->n_samples = 0;
  self->previous = *soleus_model_get_snapshot (self->model);
  record_sample (self);
}

/* After soleus_scenario_start () has reset the model: the healthy leg,
 * the clock and the history start again with it. (Each reset settles a
 * model for a minute of simulated time, so the model is not reset twice.) */
static void
restart_around_scenario (SoleusSimulation *self)
{
  restart_history (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  after_advance (self);
}

/* The scenario changed, or the leg beside it: the saved states go. */
static void
drop_replays (SoleusSimulation *self)
{
  g_clear_pointer (&self->replays, soleus_replays_free);
}

static void
push_trace_sample (const SoleusReplaySample *leg,
                   const SoleusReplaySample *reference,
                   gpointer                  user_data)
{
  SoleusSimulation *self = user_data;
  SoleusHistorySample sample = {
    leg->time_s,
    leg->ankle_pressure_mmhg,
    leg->calf_volume_change_ml,
    reference->ankle_pressure_mmhg,
    reference->calf_volume_change_ml,
  };

  history_push (self->coarse, &sample);
}

static void
ensure_replays (SoleusSimulation *self)
{
  if (self->replays == NULL)
    self->replays = soleus_replays_new (self->scenario,
                                        self->other != NULL ? self->reference_scenario : NULL,
                                        self->scenario->duration_s);
}

/* A scenario picked starts at its own pace and near its key moment; its
 * saved states start filling at once, for the timeline. */
static void
start_at_pace (SoleusSimulation *self)
{
  SoleusScenarioPace pace = soleus_scenario_pace_at (self->scenario, self->scenario->start_s);

  ensure_replays (self);
  soleus_simulation_set_rate (self, pace.rate);
  if (self->scenario->start_s > 0.0)
    soleus_simulation_seek (self, self->scenario->start_s);
}

static void
soleus_simulation_finalize (GObject *object)
{
  SoleusSimulation *self = SOLEUS_SIMULATION (object);

  g_clear_pointer (&self->replays, soleus_replays_free);
  g_clear_pointer (&self->model, soleus_model_free);
  g_clear_pointer (&self->reference, soleus_model_free);
  g_clear_pointer (&self->other, soleus_model_free);
  g_clear_pointer (&self->scenario_file, soleus_scenario_file_free);
  g_clear_pointer (&self->reference_file, soleus_scenario_file_free);
  g_clear_pointer (&self->fine, g_free);
  g_clear_pointer (&self->coarse, g_free);

  G_OBJECT_CLASS (soleus_simulation_parent_class)->finalize (object);
}

static void
soleus_simulation_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SoleusSimulation *self = SOLEUS_SIMULATION (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_TIME:
      g_value_set_double (value, soleus_simulation_get_time (self));
      break;

    case PROP_SCENARIO:
      g_value_set_string (value, soleus_simulation_get_scenario (self));
      break;

    default:
      if (prop_id >= PROP_FIRST_CONTROL && prop_id < N_PROPS)
        g_value_set_double (value,
                            soleus_model_get_param (self->model, prop_id - PROP_FIRST_CONTROL));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_simulation_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SoleusSimulation *self = SOLEUS_SIMULATION (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      soleus_simulation_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_RATE:
      soleus_simulation_set_rate (self, g_value_get_double (value));
      break;

    default:
      if (prop_id >= PROP_FIRST_CONTROL && prop_id < N_PROPS)
        {
          SoleusParamId id = prop_id - PROP_FIRST_CONTROL;

          /* GObject has checked the value against the pspec, whose range is
           * the table's; the core checks again and refuses what is off. */
          if (!soleus_model_set_param (self->model, id, g_value_get_double (value)))
            return;
          sync_reference (self);
          notify_changed_controls (self);
          /* Redraw now, also while paused: the picture and the caption
           * show the new control before the clock moves. */
          g_signal_emit (self, signals[ADVANCED], 0);
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_simulation_class_init (SoleusSimulationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = soleus_simulation_finalize;
  object_class->get_property = soleus_simulation_get_property;
  object_class->set_property = soleus_simulation_set_property;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL,
                         SOLEUS_SIMULATION_MIN_RATE, SOLEUS_SIMULATION_MAX_RATE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIME] =
    g_param_spec_double ("time", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SCENARIO] =
    g_param_spec_string ("scenario", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* One property per control, generated from the core's table so that the
   * bounds never disagree. */
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      const SoleusParamInfo *info = soleus_param_info (i);

      properties[PROP_FIRST_CONTROL + i] =
        g_param_spec_double (info->name, NULL, NULL,
                             info->min, info->max, info->default_value,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SoleusSimulation::advanced:
   *
   * There is something new to draw: the simulated clock moved, or a
   * control changed.
   */
  signals[ADVANCED] =
    g_signal_new ("advanced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
soleus_simulation_init (SoleusSimulation *self)
{
  self->model = soleus_model_new ();
  self->reference = soleus_model_new ();
  if (self->model == NULL || self->reference == NULL)
    g_error ("Not enough memory for the simulation");

  self->fine = g_new0 (History, 1);
  self->coarse = g_new0 (History, 1);
  self->rate = 1.0;
  self->playing = TRUE;
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    self->controls[i] = soleus_model_get_param (self->model, i);
  sync_reference (self);
  self->previous = *soleus_model_get_snapshot (self->model);
  record_sample (self);
}

SoleusSimulation *
soleus_simulation_new (void)
{
  return g_object_new (SOLEUS_TYPE_SIMULATION, NULL);
}

void
soleus_simulation_advance (SoleusSimulation *self,
                           double            wall_s,
                           double            budget_s)
{
  gint64 start;
  double done_s = 0.0;
  double asked_s;
  double before_s;

  g_return_if_fail (SOLEUS_IS_SIMULATION (self));

  if (!self->playing || wall_s <= 0.0)
    return;
  before_s = soleus_simulation_get_time (self);

  /* A long stall (a suspended laptop) must not turn into minutes of
   * catching up. */
  wall_s = MIN (wall_s, 0.25);
  asked_s = wall_s * self->rate;
  self->accumulator_s += asked_s;

  start = g_get_monotonic_time ();
  while (self->accumulator_s >= SOLEUS_STEP_S)
    {
      /* Step in slices of at most 50 ms of simulated time, checking the
       * budget between them. */
      guint64 n = (guint64) (self->accumulator_s / SOLEUS_STEP_S);
      guint64 slice = MIN (n, (guint64) 50);

      step_models (self, slice);
      self->accumulator_s -= slice * SOLEUS_STEP_S;
      done_s += slice * SOLEUS_STEP_S;

      if ((g_get_monotonic_time () - start) * 1e-6 > budget_s)
        {
          /* Behind: drop what could not be done rather than pile it up. */
          self->accumulator_s = 0.0;
          break;
        }
    }

  self->achieved_rate = done_s / wall_s;

  /* A scenario changes its pace at its own moments: slower for a walk,
   * faster for hours of sitting. */
  if (self->scenario != NULL && done_s > 0.0)
    {
      SoleusScenarioPace was = soleus_scenario_pace_at (self->scenario, before_s);
      SoleusScenarioPace now = soleus_scenario_pace_at (self->scenario,
                                                        soleus_simulation_get_time (self));

      if (!G_APPROX_VALUE (was.time_s, now.time_s, 1e-9))
        soleus_simulation_set_rate (self, now.rate);
    }

  if (done_s > 0.0)
    after_advance (self);
}

gboolean
soleus_simulation_follow (SoleusSimulation **slot,
                          gulong            *handler,
                          SoleusSimulation  *simulation,
                          GCallback          advanced_cb,
                          gpointer           user_data)
{
  g_return_val_if_fail (slot != NULL && handler != NULL, FALSE);
  g_return_val_if_fail (simulation == NULL || SOLEUS_IS_SIMULATION (simulation), FALSE);

  if (*slot == simulation)
    return FALSE;

  if (*slot != NULL)
    {
      g_clear_signal_handler (handler, *slot);
      g_clear_object (slot);
    }

  if (simulation != NULL)
    {
      *slot = g_object_ref (simulation);
      *handler = g_signal_connect (simulation, "advanced", advanced_cb, user_data);
    }
  return TRUE;
}

gboolean
soleus_simulation_seek (SoleusSimulation *self,
                        double            time_s)
{
  const guint64 fine_steps = STEPS_PER_SAMPLE * SOLEUS_HISTORY_LENGTH;
  const guint64 coarse_steps = STEPS_PER_SAMPLE * SOLEUS_HISTORY_COARSE_EVERY;
  SoleusModel *leg, *healthy, *other;
  guint64 target, from, window;

  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), FALSE);

  if (self->scenario == NULL || !(time_s >= 0.0))
    return FALSE;
  time_s = MIN (time_s, SOLEUS_SCENARIO_FILE_MAX_TIME_S);

  ensure_replays (self);

  /* The coarse history comes from the replays' traces. When the chart
   * shows the fine history, its window before the moment is played again
   * from a point of the coarse grid; else only the last few seconds are. */
  target = (guint64) floor (time_s / SOLEUS_STEP_S + 0.5);
  window = (guint64) (soleus_scenario_pace_at (self->scenario, time_s).window_s / SOLEUS_STEP_S);
  if (window > fine_steps)
    window = 0;
  from = target > window ? (target - window) / coarse_steps * coarse_steps : 0;
  if (!soleus_replays_models_at (self->replays, from * SOLEUS_STEP_S, &leg, &healthy, &other))
    return FALSE;

  soleus_model_free (self->model);
  self->model = leg;
  soleus_model_free (self->reference);
  self->reference = healthy;
  if (other != NULL)
    {
      soleus_model_free (self->other);
      self->other = other;
    }

  history_clear (self->fine);
  history_clear (self->coarse);
  soleus_replays_foreach_sample (self->replays, from * SOLEUS_STEP_S, push_trace_sample, self);
  self->n_samples = (guint) (from / STEPS_PER_SAMPLE);
  self->previous = *soleus_model_get_snapshot (self->model);
  self->accumulator_s = 0.0;
  record_sample (self);
  sync_reference (self);

  step_models (self, target - from);
  after_advance (self);

  return TRUE;
}

const SoleusScenario *
soleus_simulation_get_schedule (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return self->scenario;
}

double
soleus_simulation_get_timeline_reached (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0.0);

  return self->replays != NULL ? soleus_replays_get_reached (self->replays) : 0.0;
}

guint64
soleus_simulation_get_state_hash (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0);

  return soleus_model_state_hash (self->model);
}

/* Without a scenario the window of time shown grows with the playback
 * rate, so fast-forward shows hours. */
static double
window_for_rate (double rate)
{
  if (rate <= 2.0)
    return 60.0;
  if (rate <= 10.0)
    return 600.0;
  if (rate <= 60.0)
    return 2.0 * 3600.0;
  return 12.0 * 3600.0;
}

double
soleus_simulation_get_chart_window (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 60.0);

  if (self->scenario != NULL)
    return soleus_scenario_pace_at (self->scenario, soleus_simulation_get_time (self)).window_s;
  return window_for_rate (self->rate);
}

void
soleus_simulation_step (SoleusSimulation *self)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));

  step_models (self, STEPS_PER_SAMPLE);
  self->accumulator_s = 0.0;
  after_advance (self);
}

void
soleus_simulation_reset (SoleusSimulation *self)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));

  soleus_model_reset (self->model);
  restart_history (self);
  drop_replays (self);

  if (self->scenario != NULL)
    {
      self->scenario = NULL;
      g_clear_pointer (&self->scenario_file, soleus_scenario_file_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
    }

  after_advance (self);
}

gboolean
soleus_simulation_get_playing (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), FALSE);

  return self->playing;
}

void
soleus_simulation_set_playing (SoleusSimulation *self,
                               gboolean          playing)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));

  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  self->accumulator_s = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
soleus_simulation_get_rate (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 1.0);

  return self->rate;
}

void
soleus_simulation_set_rate (SoleusSimulation *self,
                            double            rate)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));

  rate = CLAMP (rate, SOLEUS_SIMULATION_MIN_RATE, SOLEUS_SIMULATION_MAX_RATE);
  if (G_APPROX_VALUE (self->rate, rate, 1e-12))
    return;

  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

double
soleus_simulation_get_achieved_rate (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0.0);

  return self->achieved_rate;
}

double
soleus_simulation_get_time (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0.0);

  return soleus_model_get_snapshot (self->model)->time_s;
}

double
soleus_simulation_get_control (SoleusSimulation *self,
                               SoleusParamId     id)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0.0);
  g_return_val_if_fail (id < SOLEUS_N_PARAMS, 0.0);

  return soleus_model_get_param (self->model, id);
}

gboolean
soleus_simulation_set_control (SoleusSimulation *self,
                               const char       *name,
                               double            value,
                               GError          **error)
{
  const SoleusParamInfo *info;
  int id;

  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  id = soleus_param_find (name);
  if (id < 0)
    {
      /* A script's name is echoed safely: no control characters, cut. */
      g_autofree char *shown = soleus_text_escape (name, -1, SOLEUS_TEXT_QUOTE_CHARS);

      g_set_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_UNKNOWN_CONTROL,
                   _("There is no control called “%s”"), shown);
      return FALSE;
    }

  /* One rule for numbers from the command line, files and D-Bus: -0 is 0,
   * so a session saves and replays bit-identically. */
  value = soleus_number_normalize (value);

  info = soleus_param_info (id);
  if (!soleus_param_in_range (id, value))
    {
      char shown[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *range = soleus_format_range (info->min, info->max, info->unit);

      /* The words of the scenario files and soleus-cli, numbers in the C
       * locale as typed. */
      g_set_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_OUT_OF_RANGE,
                   /* Translators: valve-weakness: 1.5 is out of range (0 to 1) */
                   _("%s: %s is out of range (%s)"),
                   info->name, soleus_format_double (shown, value), range);
      return FALSE;
    }

  g_object_set (self, info->name, value, NULL);

  return TRUE;
}

gboolean
soleus_simulation_load_scenario (SoleusSimulation *self,
                                 const char       *name,
                                 GError          **error)
{
  const SoleusScenario *scenario;

  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  scenario = soleus_scenario_find (name);
  if (scenario == NULL)
    {
      g_set_error (error, SOLEUS_SIMULATION_ERROR, SOLEUS_SIMULATION_ERROR_UNKNOWN_SCENARIO,
                   _("There is no scenario called “%s”"), name);
      return FALSE;
    }

  /* soleus_scenario_start resets the model itself: reset only the rest,
   * since each reset settles a model for a minute of simulated time. */
  drop_replays (self);
  g_clear_pointer (&self->scenario_file, soleus_scenario_file_free);
  self->scenario = scenario;
  soleus_scenario_start (scenario, self->model);
  restart_around_scenario (self);
  start_at_pace (self);

  return TRUE;
}

const char *
soleus_simulation_get_scenario (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return self->scenario != NULL ? self->scenario->name : NULL;
}

void
soleus_simulation_load_scenario_file (SoleusSimulation   *self,
                                      SoleusScenarioFile *file)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));
  g_return_if_fail (file != NULL);

  /* A file plays through the core's scenario player, as a built-in does. */
  drop_replays (self);
  g_clear_pointer (&self->scenario_file, soleus_scenario_file_free);
  self->scenario_file = file;
  self->scenario = soleus_scenario_file_as_scenario (file);
  soleus_scenario_start (self->scenario, self->model);
  restart_around_scenario (self);
  start_at_pace (self);
}

void
soleus_simulation_set_reference_file (SoleusSimulation   *self,
                                      SoleusScenarioFile *file)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));

  drop_replays (self);
  g_clear_pointer (&self->reference_file, soleus_scenario_file_free);
  self->reference_file = file;
  self->reference_scenario = file != NULL ? soleus_scenario_file_as_scenario (file) : NULL;

  if (file == NULL)
    {
      /* Back to the healthy leg, which has kept in step all along: nothing
       * to replay. */
      g_clear_pointer (&self->other, soleus_model_free);
      after_advance (self);
      return;
    }

  if (self->other == NULL)
    {
      self->other = soleus_model_new ();
      if (self->other == NULL)
        g_error ("Not enough memory for the simulation");
    }

  /* Both legs start again together, so they walk in step. */
  if (self->scenario != NULL)
    {
      soleus_scenario_start (self->scenario, self->model);
      restart_around_scenario (self);
    }
  else
    {
      double controls[SOLEUS_N_PARAMS];

      for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
        controls[i] = soleus_model_get_param (self->model, i);
      soleus_model_reset (self->model);
      for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
        soleus_model_set_param (self->model, i, controls[i]);
      restart_around_scenario (self);
    }
}

const char *
soleus_simulation_get_reference_title (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return self->reference_file != NULL ? soleus_scenario_file_get_title (self->reference_file)
                                       : NULL;
}

SoleusScenarioFile *
soleus_simulation_get_scenario_file (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return self->scenario_file;
}

const char *
soleus_simulation_get_scenario_title (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  if (self->scenario_file != NULL)
    return soleus_scenario_file_get_title (self->scenario_file);
  if (self->scenario != NULL)
    return g_dgettext (GETTEXT_PACKAGE, self->scenario->title);

  return NULL;
}

const SoleusSnapshot *
soleus_simulation_get_snapshot (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return soleus_model_get_snapshot (self->model);
}

double
soleus_simulation_get_healthy_time (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0.0);

  return soleus_model_get_snapshot (self->reference)->time_s;
}

SoleusModel *
soleus_simulation_copy_model (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return soleus_model_copy (self->model);
}

const SoleusSnapshot *
soleus_simulation_get_previous (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return &self->previous;
}

const SoleusSnapshot *
soleus_simulation_get_reference_snapshot (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), NULL);

  return soleus_model_get_snapshot (shown_reference (self));
}

double
soleus_simulation_get_alpha (SoleusSimulation *self)
{
  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 1.0);

  return CLAMP (self->accumulator_s / SOLEUS_STEP_S, 0.0, 1.0);
}

void
soleus_simulation_get_readouts (SoleusSimulation *self,
                                SoleusReadouts   *out)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));
  g_return_if_fail (out != NULL);

  soleus_model_get_readouts (self->model, out);
}

void
soleus_simulation_get_reference_readouts (SoleusSimulation *self,
                                          SoleusReadouts   *out)
{
  g_return_if_fail (SOLEUS_IS_SIMULATION (self));
  g_return_if_fail (out != NULL);

  soleus_model_get_readouts (shown_reference (self), out);
}

guint
soleus_simulation_get_history (SoleusSimulation           *self,
                               gboolean                    coarse,
                               const SoleusHistorySample **first,
                               guint                      *n_first,
                               const SoleusHistorySample **second,
                               guint                      *n_second)
{
  const History *history;
  guint tail;

  g_return_val_if_fail (SOLEUS_IS_SIMULATION (self), 0);

  history = coarse ? self->coarse : self->fine;
  tail = MIN (history->len, SOLEUS_HISTORY_LENGTH - history->start);
  *first = &history->samples[history->start];
  *n_first = tail;
  *second = history->samples;
  *n_second = history->len - tail;

  return history->len;
}
