/* soleus-cli-run.c: `soleus-cli run`, a headless simulation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run starts from the model's supine steady state (as after a night in
 * bed), applies the controls from t = 0 and reports every change from t = 0.
 * With --scenario the scenario's timeline plays, and the controls given on
 * the command line replace its starting (time-0) controls; its later events
 * still apply at their times.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "soleus-cli-private.h"
#include "soleus-csv.h"
#include "soleus-patient.h"
#include "soleus-text.h"

#define DEFAULT_DURATION_S 300.0

#define RUN_OPTIONS (SOLEUS_CLI_OPT_CONTROLS | SOLEUS_CLI_OPT_SCENARIO | \
                     SOLEUS_CLI_OPT_SCENARIO_FILE | \
                     SOLEUS_CLI_OPT_DURATION | SOLEUS_CLI_OPT_CSV | \
                     SOLEUS_CLI_OPT_SAMPLE_HZ | SOLEUS_CLI_OPT_JSON)

/* Untranslated names of the valves for JSON keys and CSV columns, in the
 * order of SoleusValve. */
static const char *const valve_keys[] = {
  "foot_outlet",
  "calf_lower",
  "calf_upper",
  "popliteal",
  "femoral",
  "saphenous",
  "saphenofemoral",
  "perforator",
};
G_STATIC_ASSERT (G_N_ELEMENTS (valve_keys) == SOLEUS_N_VALVES);

/* The CSV time series: one column per field of the snapshot or the
 * readouts. */
typedef enum
{
  FROM_SNAPSHOT,
  FROM_READOUTS,
} Source;

typedef struct
{
  const char *key;
  Source      source;
  size_t      offset;
} Column;

#define SNAPSHOT(field) FROM_SNAPSHOT, offsetof (SoleusSnapshot, field)
#define READOUTS(field) FROM_READOUTS, offsetof (SoleusReadouts, field)

static const Column columns[] = {
  { "ankle_pressure_mmHg",        READOUTS (ankle_pressure_mmhg) },
  { "femoral_pressure_mmHg",      READOUTS (femoral_pressure_mmhg) },
  { "iap_mmHg",                   SNAPSHOT (iap_mmhg) },
  { "calf_volume_change_mL",      READOUTS (calf_volume_change_ml) },
  { "lower_leg_volume_change_mL", READOUTS (lower_leg_volume_change_ml) },
  { "tissue_fluid_change_mL",     SNAPSHOT (tissue_fluid_change_ml) },
  { "popliteal_velocity_cm_s",    SNAPSHOT (vessel[SOLEUS_VESSEL_POPLITEAL].velocity_cm_s) },
  { "femoral_velocity_cm_s",      SNAPSHOT (vessel[SOLEUS_VESSEL_FEMORAL].velocity_cm_s) },
  { "venous_return_mL_min",       READOUTS (venous_return_ml_min) },
  { "stasis_index",               READOUTS (stasis_index) },
  { "gait_phase",                 SNAPSHOT (gait_phase) },
  { "ankle_angle_deg",            SNAPSHOT (ankle_angle_deg) },
  { "foot_load",                  SNAPSHOT (foot_load) },
  { "soleus_activation",          SNAPSHOT (soleus_activation) },
  { "soleus_pressure_mmHg",       SNAPSHOT (soleus_pressure_mmhg) },
  { "plantar_squeeze_mmHg",       SNAPSHOT (plantar_squeeze_mmhg) },
};

static double
read_column (const Column         *column,
             const SoleusSnapshot *snapshot,
             const SoleusReadouts *readouts)
{
  const char *base = column->source == FROM_SNAPSHOT
                   ? (const char *) snapshot
                   : (const char *) readouts;
  double v;

  memcpy (&v, base + column->offset, sizeof v);
  return v;
}

SoleusModel *
soleus_cli_start_model (const SoleusCliArgs  *args,
                        GError              **error)
{
  SoleusModel *model = soleus_model_new ();

  if (model == NULL)
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_FAILED,
                   _("not enough memory for the model"));
      return NULL;
    }

  /* The model starts at the supine steady state; a scenario resets it there
   * and sets its time-0 controls, which the command line then overrides. */
  if (args->scenario != NULL)
    soleus_scenario_start (args->scenario, model);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      if (args->scenario != NULL && !args->control_given[id])
        continue;

      if (!soleus_model_set_param (model, (SoleusParamId) id, args->controls[id]))
        {
          g_autofree char *range = soleus_cli_param_range ((SoleusParamId) id);

          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       _("--%s: refused by the model (%s)"),
                       soleus_param_info ((SoleusParamId) id)->name, range);
          soleus_model_free (model);
          return NULL;
        }
    }

  return model;
}

SoleusModel *
soleus_cli_start_output_model (const SoleusCliArgs  *args,
                               SoleusCliOutput     **output,
                               GError              **error)
{
  *output = soleus_cli_output_open_file ("output", args->output_path, error);
  if (*output == NULL)
    return NULL;

  soleus_cli_warn_ineffective (args);

  return soleus_cli_start_model (args, error);
}

const char *
soleus_cli_scenario_label (const SoleusCliArgs *args)
{
  if (args->scenario_file != NULL)
    return args->scenario_file_path;
  return args->scenario != NULL ? args->scenario->name : NULL;
}

void
soleus_cli_advance_model (const SoleusCliArgs *args,
                          SoleusModel         *model,
                          double               time_s)
{
  if (args->scenario != NULL)
    soleus_scenario_advance_to (args->scenario, model, time_s);
  else
    soleus_model_advance_to (model, time_s);
}

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli run [OPTION…]"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("Simulate one leg from rest lying down (the supine steady "
                                  "state), with the controls applied from t = 0, and print "
                                  "its readouts. Every change is measured from t = 0."),
                                NULL, RUN_OPTIONS, error);
}

static void
write_csv_header (SoleusCliOutput      *csv,
                  const SoleusCliArgs  *args,
                  double                duration_s)
{
  g_autoptr(GString) stream = g_string_new (NULL);

  /* The window's CSV dialect (soleus-csv.h): "# key: value" comment lines,
   * untranslated like the columns; a file name that holds a newline or an
   * escape is escaped, so it stays on its comment line. */
  soleus_csv_preamble (stream, "soleus-cli", PACKAGE_VERSION, soleus_cli_model_version ());
  if (args->scenario_file != NULL)
    soleus_csv_comment (stream, "scenario_file", args->scenario_file_path);
  else
    soleus_csv_comment (stream, "scenario",
                        args->scenario != NULL ? args->scenario->name : "none");
  soleus_csv_comment (stream, "start", "supine steady state");
  soleus_csv_comment_number (stream, "duration_s", duration_s, NULL);
  soleus_csv_comment_number (stream, "sample_hz", args->sample_hz, NULL);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *key = g_strdup_printf ("control %s", info->name);
      g_autofree char *value = soleus_cli_param_value ((SoleusParamId) id,
                                                       args->controls[id]);

      if (info->choices == NULL)
        soleus_csv_comment_number (stream, key, args->controls[id], info->unit);
      else
        soleus_csv_comment (stream, key, value);
    }

  soleus_csv_field (stream, "time_s");
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      g_autofree char *column = soleus_cli_param_column ((SoleusParamId) id);

      soleus_csv_field (stream, column);
    }
  soleus_csv_field (stream, "walking");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    soleus_csv_field (stream, columns[i].key);
  for (guint v = 0; v < SOLEUS_N_VALVES; v++)
    {
      g_autofree char *open = g_strdup_printf ("valve_%s_open", valve_keys[v]);
      g_autofree char *flow = g_strdup_printf ("valve_%s_flow_mL_s", valve_keys[v]);

      soleus_csv_field (stream, open);
      soleus_csv_field (stream, flow);
    }
  soleus_csv_end_row (stream);
  soleus_cli_output_write (csv, stream->str, stream->len);
}

static void
write_csv_row (SoleusCliOutput *csv,
               SoleusModel     *model,
               GString         *line)
{
  const SoleusSnapshot *snapshot = soleus_model_get_snapshot (model);
  SoleusReadouts readouts;

  soleus_model_get_readouts (model, &readouts);

  g_string_truncate (line, 0);
  soleus_csv_number (line, "%.3f", snapshot->time_s);

  /* The controls from this time on (a scenario's event at this time
   * included), as the header names them. */
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      g_autofree char *value = NULL;

      value = soleus_cli_param_value ((SoleusParamId) id,
                                      soleus_model_get_param (model, (SoleusParamId) id));
      soleus_csv_field (line, value);
    }

  soleus_csv_field (line, snapshot->walking ? "1" : "0");

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    soleus_csv_number (line, "%.7g", read_column (&columns[i], snapshot, &readouts));

  for (guint v = 0; v < SOLEUS_N_VALVES; v++)
    {
      soleus_csv_number (line, "%.4g", snapshot->valve[v].open);
      soleus_csv_number (line, "%.7g", snapshot->valve[v].flow_ml_s);
    }

  soleus_csv_end_row (line);
  soleus_cli_output_write (csv, line->str, line->len);
}

static char *
format_json (const SoleusCliArgs  *args,
             double                duration_s,
             const SoleusSnapshot *snapshot,
             const SoleusReadouts *r)
{
  g_autoptr(SoleusJson) json = soleus_cli_json_new_summary ();

  soleus_cli_json_scenario (json, args);
  soleus_json_number (json, "duration_s", duration_s);
  soleus_cli_json_controls (json, "controls", args->controls);

  /* The scenario's later changes, within the run. */
  soleus_json_begin_array (json, "timeline");
  for (size_t k = 0; args->scenario != NULL && k < args->scenario->n_events; k++)
    {
      const SoleusScenarioEvent *event = &args->scenario->events[k];
      const SoleusParamInfo *info = soleus_param_info (event->param);
      g_autofree char *key = soleus_cli_param_key (event->param);

      if (event->time_s <= 0 || event->time_s > duration_s)
        continue;

      soleus_json_begin_object (json, NULL);
      soleus_json_number (json, "time_s", event->time_s);
      soleus_json_string (json, "control", key);
      if (info->choices != NULL)
        {
          g_autofree char *name = soleus_cli_param_value (event->param, event->value);
          soleus_json_string (json, "value", name);
        }
      else
        soleus_json_number (json, "value", event->value);
      soleus_json_end_object (json);
    }
  soleus_json_end_array (json);

  soleus_cli_json_controls (json, "controls_at_end", snapshot->control);

  soleus_json_number (json, "ankle_pressure_mmHg", r->ankle_pressure_mean_mmhg);
  soleus_json_number (json, "ankle_pressure_min_mmHg", r->ankle_pressure_min_mmhg);
  soleus_json_number (json, "ankle_pressure_max_mmHg", r->ankle_pressure_max_mmhg);
  soleus_json_number (json, "ankle_pressure_instant_mmHg", r->ankle_pressure_mmhg);
  soleus_json_number (json, "femoral_pressure_mmHg", r->femoral_pressure_mmhg);
  soleus_json_number (json, "iap_mmHg", r->iap_mmhg);
  soleus_json_number (json, "calf_volume_change_mL", r->calf_volume_change_ml);
  soleus_json_number (json, "lower_leg_volume_change_mL", r->lower_leg_volume_change_ml);
  soleus_json_number (json, "tissue_fluid_change_mL", r->tissue_fluid_change_ml);
  soleus_json_number (json, "calf_ejection_mL", r->calf_ejection_ml);
  soleus_json_number (json, "popliteal_velocity_cm_s", r->popliteal_velocity_cm_s);
  soleus_json_number (json, "femoral_velocity_cm_s", r->femoral_velocity_cm_s);
  soleus_json_number (json, "femoral_velocity_peak_cm_s", r->femoral_velocity_peak_cm_s);
  soleus_json_number (json, "rt90_s", r->rt90_s);
  /* rt90_s is null both before any stop and after a walk that did not lower
   * the pressure; this says which. */
  soleus_json_bool (json, "rt90_no_refill", r->rt90_no_fall);
  soleus_json_number (json, "stasis_index", r->stasis_index);
  /* The blood-flow word and the numbers that produce it. */
  soleus_json_string (json, "blood_flow", soleus_blood_flow_name (r->blood_flow));
  soleus_json_number (json, "deep_flow_ratio", r->deep_flow_ratio);
  soleus_json_number (json, "slow_flow_h", r->slow_flow_h);
  soleus_json_number (json, "effort", r->effort);
  soleus_json_number (json, "venous_return_mL_min", r->venous_return_ml_min);
  soleus_json_number (json, "blood_volume_error", r->blood_volume_error);

  soleus_json_begin_object (json, "backflow_s");
  for (guint v = 0; v < SOLEUS_N_VALVES; v++)
    soleus_json_number (json, valve_keys[v], r->backflow_s[v]);
  soleus_json_end_object (json);

  return soleus_cli_json_finish_summary (json);
}

/* A control's value for people: "Standing", "3 km/h", "0.6". */
static char *
format_control (SoleusParamId id,
                double        value)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (info->choices != NULL)
    {
      guint index = (guint) lround (value);

      return g_strdup (g_dgettext (GETTEXT_PACKAGE, info->choice_labels[index]));
    }

  if (info->unit[0] != '\0')
    return g_strdup_printf ("%s %s", soleus_format_double (buf, value), info->unit);

  return g_strdup (soleus_format_double (buf, value));
}

static char *
format_summary (const SoleusCliArgs  *args,
                double                duration_s,
                const SoleusReadouts *r)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, _("Soleus model %s: an educational model, not a diagnostic tool"),
                          soleus_cli_model_version ());
  g_string_append_c (out, '\n');

  if (args->scenario_file != NULL)
    {
      /* A file's texts, and its name, may hold control characters that a
       * terminal would obey (ESC, BEL): they are shown escaped. */
      g_autofree char *title =
        soleus_text_escape (soleus_scenario_file_get_title (args->scenario_file), -1, 0);
      g_autofree char *path = soleus_text_escape (args->scenario_file_path, -1, 0);

      g_string_append_printf (out, _("Scenario: %s (%s)"), title, path);
    }
  else if (args->scenario != NULL)
    g_string_append_printf (out, _("Scenario: %s (%s)"),
                            g_dgettext (GETTEXT_PACKAGE, args->scenario->title),
                            args->scenario->name);
  else
    g_string_append (out, _("Scenario: none, from rest lying down"));
  g_string_append_c (out, '\n');

  g_string_append_printf (out, _("Simulated time: %s s"),
                          soleus_format_double (buf, duration_s));
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "%s\n", _("Controls from t = 0:"));
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *value = format_control ((SoleusParamId) id, args->controls[id]);

      g_string_append_printf (out, "  %s: %s\n",
                              g_dgettext (GETTEXT_PACKAGE, info->label), value);
    }

  if (args->scenario != NULL)
    {
      for (size_t k = 0; k < args->scenario->n_events; k++)
        {
          const SoleusScenarioEvent *event = &args->scenario->events[k];
          const SoleusParamInfo *info = soleus_param_info (event->param);
          g_autofree char *value = format_control (event->param, event->value);

          if (event->time_s <= 0 || event->time_s > duration_s)
            continue;

          /* Translators: "At 120 s: Walking speed 3 km/h" */
          g_string_append_printf (out, _("At %s s: %s %s"),
                                  soleus_format_double (buf, event->time_s),
                                  g_dgettext (GETTEXT_PACKAGE, info->label), value);
          g_string_append_c (out, '\n');
        }
    }

  /* A file's presenter steps that play by themselves, with their captions. */
  for (guint i = 0; args->scenario_file != NULL &&
                    i < soleus_scenario_file_get_n_steps (args->scenario_file); i++)
    {
      double t = soleus_scenario_file_get_step_time (args->scenario_file, i);
      g_autofree char *caption = NULL;

      if (isnan (t) || t > duration_s)
        continue;
      caption = soleus_text_escape (soleus_scenario_file_get_step_caption (args->scenario_file,
                                                                           i), -1, 0);
      /* Translators: "Step 2 at 60 s: Walking. With every step …" */
      g_string_append_printf (out, _("Step %u at %s s: %s"), i + 1,
                              soleus_format_double (buf, t), caption);
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "%s\n", _("At the end:"));
  soleus_cli_append_figure (out, _("Ankle venous pressure, mean of the last 10 s"), "%.1f",
                            r->ankle_pressure_mean_mmhg, "mmHg");
  soleus_cli_append_figure (out, _("Ankle venous pressure, lowest of the last 10 s"), "%.1f",
                            r->ankle_pressure_min_mmhg, "mmHg");
  soleus_cli_append_figure (out, _("Ankle venous pressure, highest of the last 10 s"), "%.1f",
                            r->ankle_pressure_max_mmhg, "mmHg");
  soleus_cli_append_figure (out, _("Refill time after the last stop (RT90)"), "%.1f", r->rt90_s,
                            "s");
  soleus_cli_append_figure (out, _("Femoral venous pressure"), "%.1f", r->femoral_pressure_mmhg,
                            "mmHg");
  soleus_cli_append_figure (out, _("Intra-abdominal pressure"), "%.1f", r->iap_mmhg, "mmHg");
  soleus_cli_append_figure (out, _("Calf blood volume change since t = 0"), "%+.1f",
                            r->calf_volume_change_ml, "mL");
  soleus_cli_append_figure (out, _("Lower-leg volume change since t = 0"), "%+.1f",
                            r->lower_leg_volume_change_ml, "mL");
  soleus_cli_append_figure (out, _("Tissue fluid change since t = 0"), "%+.1f",
                            r->tissue_fluid_change_ml, "mL");
  soleus_cli_append_figure (out, _("Popliteal vein velocity, mean of the last 60 s"), "%.1f",
                            r->popliteal_velocity_cm_s, "cm/s");
  soleus_cli_append_figure (out, _("Femoral vein velocity, mean of the last 60 s"), "%.1f",
                            r->femoral_velocity_cm_s, "cm/s");
  soleus_cli_append_figure (out, _("Femoral vein velocity, peak of the last 60 s"), "%.1f",
                            r->femoral_velocity_peak_cm_s, "cm/s");
  soleus_cli_append_figure (out, _("Venous return"), "%.0f", r->venous_return_ml_min, "mL/min");
  /* The same words as the window, the handout and blood_flow in --json. */
  g_string_append_printf (out, "  %s: %s\n", _("Blood flow in the calf"),
                          soleus_blood_flow_word (r->blood_flow));
  soleus_cli_append_figure (out, _("Muscle effort (1 = the soleus at its maximum)"), "%.2f",
                            r->effort, NULL);
  soleus_cli_append_figure (out, _("Blood volume error (relative)"), "%.1e", r->blood_volume_error,
                            NULL);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A control that the posture in force makes idle is valid input, but worth
 * a note: "--speed 3" lying down walks nowhere. Not with a scenario, whose
 * posture may change later. */
void
soleus_cli_warn_ineffective (const SoleusCliArgs *args)
{
  int posture = (int) args->controls[SOLEUS_PARAM_POSTURE];

  if (args->scenario != NULL)
    return;

  if (args->control_given[SOLEUS_PARAM_SPEED_KMH] &&
      args->controls[SOLEUS_PARAM_SPEED_KMH] > 0 &&
      posture != SOLEUS_POSTURE_STANDING)
    g_printerr ("soleus-cli: %s\n",
                _("note: --speed applies only when standing (add --posture standing)"));

  if (args->control_given[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] &&
      args->controls[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] > 0 &&
      posture == SOLEUS_POSTURE_STANDING)
    g_printerr ("soleus-cli: %s\n",
                _("note: --ankle-exercise applies only sitting or lying down"));
}

gboolean
soleus_cli_run (int      argc,
                char   **argv,
                GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autoptr(SoleusCliOutput) csv = NULL;
  g_autofree char *text = NULL;
  const SoleusSnapshot *snapshot;
  SoleusReadouts readouts;
  SoleusModel *model = NULL;
  double duration_s;
  gboolean ok = FALSE;

  if (!soleus_cli_parse_args (argv[0], RUN_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error))
    return FALSE;

  if (args.csv_path != NULL && strcmp (args.csv_path, "-") == 0 && args.json)
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("--csv: '-' (standard output) cannot be combined with --json; "
                     "give a file name"));
      return FALSE;
    }

  if (args.duration_s > 0)
    duration_s = args.duration_s;
  else if (args.scenario != NULL)
    duration_s = args.scenario->duration_s;
  else
    duration_s = DEFAULT_DURATION_S;

  /* Everything is checked: only now may an output file appear. */
  if (args.csv_path != NULL)
    {
      csv = soleus_cli_output_open ("csv", args.csv_path, error);
      if (csv == NULL)
        return FALSE;
    }

  soleus_cli_warn_ineffective (&args);

  model = soleus_cli_start_model (&args, error);
  if (model == NULL)
    return FALSE;

  if (csv != NULL)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      guint64 n_samples = (guint64) floor (duration_s * args.sample_hz + 1e-9);

      write_csv_header (csv, &args, duration_s);
      for (guint64 k = 0; k <= n_samples && soleus_cli_output_check (csv, NULL); k++)
        {
          soleus_cli_advance_model (&args, model, (double) k / args.sample_hz);
          write_csv_row (csv, model, line);
        }
    }

  soleus_cli_advance_model (&args, model, duration_s);

  snapshot = soleus_model_get_snapshot (model);
  soleus_model_get_readouts (model, &readouts);

  /* Every output is written out before any is committed: with stdout
   * full, the CSV file keeps its old content. */
  if (csv != NULL && !soleus_cli_output_finish (csv, error))
    goto out;

  if (args.json)
    text = format_json (&args, duration_s, snapshot, &readouts);
  else if (args.csv_path == NULL || strcmp (args.csv_path, "-") != 0)
    text = format_summary (&args, duration_s, &readouts);

  ok = (text == NULL || soleus_cli_print_stdout (text, error));
  if (ok && csv != NULL)
    ok = soleus_cli_output_commit (csv, error);

out:
  soleus_model_free (model);
  return ok;
}
