/* soleus-cli-handout.c: `soleus-cli handout`, the patient handout as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page the app prints (soleus_handout_write_pdf): this leg, at the state
 * `soleus-cli run` computes with the same options at --time (by default
 * where `run` stops), beside a healthy leg doing the same. The healthy leg
 * is a second model as the app's reference (sync_reference in
 * src/app/soleus-simulation.c): the same posture, speed, ankle exercise and
 * height as this leg, every other control at its healthy mark in the
 * parameter table, advanced in step with it so that it follows each change
 * of the scenario's timeline.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-cli-private.h"
#include "soleus-text.h"
#include "soleus-handout.h"

#define HANDOUT_OPTIONS (SOLEUS_CLI_OPT_CONTROLS | SOLEUS_CLI_OPT_SCENARIO | \
                         SOLEUS_CLI_OPT_SCENARIO_FILE | \
                         SOLEUS_CLI_OPT_OUTPUT_PDF | SOLEUS_CLI_OPT_TIME | \
                         SOLEUS_CLI_OPT_SKIN_TONE | SOLEUS_CLI_OPT_FIGURE | \
                         SOLEUS_CLI_OPT_UNITS | \
                         SOLEUS_CLI_OPT_DATE)

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli handout --output FILE.pdf [OPTION…]"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("Write the one-page patient handout as a PDF: the leg at "
                                  "one moment of a run beside a healthy leg doing the same, "
                                  "the key readouts in plain words, what may be felt and "
                                  "what helps. The run is the one 'soleus-cli run' "
                                  "simulates with the same controls and scenario. The "
                                  "healthy leg has the same posture, speed, ankle exercise "
                                  "and height, and every other control at its healthy "
                                  "value. An educational model, not a diagnostic tool."),
                                NULL, HANDOUT_OPTIONS, error);
}

/* The healthy leg does what this one does: same posture, activity and
 * height; every patient factor at its healthy mark. As the app's
 * sync_reference (), but setting only what changed, since it runs at every
 * step. */
static void
sync_healthy (SoleusModel       *healthy,
              const SoleusModel *leg)
{
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      double value;

      switch ((SoleusParamId) id)
        {
        case SOLEUS_PARAM_POSTURE:
        case SOLEUS_PARAM_SPEED_KMH:
        case SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN:
        case SOLEUS_PARAM_HEIGHT_CM:
          value = soleus_model_get_param (leg, (SoleusParamId) id);
          break;
        default:
          value = soleus_param_info ((SoleusParamId) id)->healthy_value;
          break;
        }

      if (!G_APPROX_VALUE (soleus_model_get_param (healthy, (SoleusParamId) id), value, 1e-12))
        soleus_model_set_param (healthy, (SoleusParamId) id, value);
    }
}

/* Advances this leg to time_s as `run` does, and the healthy leg in step.
 * Without a scenario the controls never change after t = 0; with one, the
 * leg moves one step at a time so that the healthy leg takes each change
 * of posture or activity at the step after it. */
static void
advance_both (const SoleusCliArgs *args,
              SoleusModel         *leg,
              SoleusModel         *healthy,
              double               time_s)
{
  guint64 target = (guint64) llround (time_s / SOLEUS_STEP_S);

  sync_healthy (healthy, leg);
  if (args->scenario == NULL)
    {
      soleus_cli_advance_model (args, leg, time_s);
      soleus_model_advance_to (healthy, time_s);
      return;
    }

  for (guint64 step = soleus_model_get_snapshot (leg)->step; step < target; step++)
    {
      soleus_cli_advance_model (args, leg, (double) (step + 1) * SOLEUS_STEP_S);
      soleus_model_step (healthy, 1);
      sync_healthy (healthy, leg);
    }

  /* Where the step count rounds otherwise, the end is run's. */
  soleus_cli_advance_model (args, leg, time_s);
  soleus_model_advance_to (healthy, soleus_model_get_snapshot (leg)->time_s);
}

gboolean
soleus_cli_handout (int      argc,
                    char   **argv,
                    GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autoptr(SoleusCliOutput) output = NULL;
  g_autoptr(GError) handout_error = NULL;
  g_autoptr(GDateTime) date = NULL;
  SoleusHandoutContent content = { 0 };
  SoleusReadouts leg_readouts;
  SoleusReadouts healthy_readouts;
  SoleusModel *leg;
  SoleusModel *healthy;
  gboolean ok;

  if (!soleus_cli_parse_args (argv[0], HANDOUT_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error) ||
      !soleus_cli_check_output_path (SOLEUS_OUTPUT_HANDOUT, args.output_path, error))
    return FALSE;

  /* Everything is checked: only now may a file appear, and before the
   * simulation, so that an unwritable place fails at once. */
  output = soleus_cli_output_open_file ("output", args.output_path, error);
  if (output == NULL)
    return FALSE;

  soleus_cli_warn_ineffective (&args);

  leg = soleus_cli_start_model (&args, error);
  if (leg == NULL)
    return FALSE;

  healthy = soleus_model_new ();
  if (healthy == NULL)
    {
      soleus_model_free (leg);
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_FAILED,
                   _("not enough memory for the model"));
      return FALSE;
    }

  advance_both (&args, leg, healthy, soleus_cli_frame_time (&args));
  soleus_model_get_readouts (leg, &leg_readouts);
  soleus_model_get_readouts (healthy, &healthy_readouts);

  /* The day given, else today; printed in the long form, as the app
   * prints it. */
  date = args.date != NULL ? g_date_time_ref (args.date) : g_date_time_new_now_local ();

  content.leg = soleus_model_get_snapshot (leg);
  content.leg_readouts = &leg_readouts;
  content.healthy = soleus_model_get_snapshot (healthy);
  content.healthy_readouts = &healthy_readouts;
  content.date = date;
  content.skin_tone = args.skin_tone;
  content.pressure_unit = args.pressure_kpa ? SOLEUS_HANDOUT_KPA : SOLEUS_HANDOUT_MMHG;
  content.weight_unit = args.weight_lb ? SOLEUS_HANDOUT_LB : SOLEUS_HANDOUT_KG;
  content.figure = args.figure;

  ok = soleus_handout_write_pdf_to_writer (&content, soleus_cli_output_get_writer (output),
                                           &handout_error);
  soleus_model_free (healthy);
  soleus_model_free (leg);

  return soleus_cli_output_commit_painted (output, ok, handout_error, error);
}
