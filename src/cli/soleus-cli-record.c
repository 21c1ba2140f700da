/* soleus-cli-record.c: `soleus-cli record`, an animated PNG loop of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loop starts at the state `soleus-cli run` computes with the same
 * options, at --time (by default where `run` stops, as for render): the
 * same start (soleus_cli_start_model) and the same timeline
 * (soleus_cli_advance_model). From there the render layer's recorder
 * (soleus_render_record_model) paints --seconds of it at --fps frames per
 * second, advancing the model through the same scenario, into an APNG that
 * loops forever. The same options give the same file, byte for byte. It is
 * written through the io library's SoleusFileWriter: a failure keeps the
 * old file.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "soleus-cli-private.h"
#include "soleus-text.h"
#include "soleus-recorder.h"

#define RECORD_OPTIONS (SOLEUS_CLI_OPT_CONTROLS | SOLEUS_CLI_OPT_SCENARIO | \
                        SOLEUS_CLI_OPT_SCENARIO_FILE | \
                        SOLEUS_CLI_OPT_OUTPUT_APNG | SOLEUS_CLI_OPT_TIME | \
                        SOLEUS_CLI_OPT_SECONDS | SOLEUS_CLI_OPT_FPS | \
                        SOLEUS_CLI_OPT_SIZE_APNG | SOLEUS_CLI_OPT_PALETTE | \
                        SOLEUS_CLI_OPT_SKIN_TONE | SOLEUS_CLI_OPT_FIGURE)

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli record --output FILE.png [OPTION…]"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("Record a loop of the leg, its veins, valves and muscle "
                                  "pump as an animated PNG (APNG), from one moment of a run "
                                  "on. The run is the one 'soleus-cli run' simulates with "
                                  "the same controls and scenario: from rest lying down, "
                                  "with the controls applied from the start. Viewers "
                                  "without APNG show the first frame. --height is the "
                                  "body's height; the image's is --size."),
                                NULL, RECORD_OPTIONS, error);
}

/* The recorder's frame limit, told in terms of the options. */
static gboolean
check_frames (const SoleusCliArgs  *args,
              GError              **error)
{
  double n_frames = MAX (round (args->seconds * args->fps), 1.0);

  if (n_frames > SOLEUS_RECORDER_MAX_FRAMES)
    {
      char seconds[G_ASCII_DTOSTR_BUF_SIZE];
      char fps[G_ASCII_DTOSTR_BUF_SIZE];

      soleus_format_double (seconds, args->seconds);
      soleus_format_double (fps, args->fps);
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --seconds: 200 s at 30 fps is 6000 frames (at most
                    * 3600); keep "--seconds" and "--fps" */
                   _("--seconds: %s s at %s fps is %.0f frames (at most %u; shorten "
                     "--seconds or lower --fps)"),
                   seconds, fps, n_frames, (guint) SOLEUS_RECORDER_MAX_FRAMES);
      return FALSE;
    }

  return TRUE;
}

gboolean
soleus_cli_record (int      argc,
                   char   **argv,
                   GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autoptr(SoleusCliOutput) output = NULL;
  g_autoptr(GError) record_error = NULL;
  SoleusModel *model;
  gboolean ok;

  if (!soleus_cli_parse_args (argv[0], RECORD_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error) ||
      !soleus_cli_check_output_path (SOLEUS_OUTPUT_RECORDING, args.output_path, error) ||
      !check_frames (&args, error))
    return FALSE;

  model = soleus_cli_start_output_model (&args, &output, error);
  if (model == NULL)
    return FALSE;

  soleus_cli_advance_model (&args, model, soleus_cli_frame_time (&args));

  /* The recorder advances the model as soleus_cli_advance_model () does:
   * through the scenario (a file's too, seen as one), else by itself. */
  ok = soleus_render_record_model_to_writer (model, args.scenario, args.seconds, args.fps,
                                             args.width, args.height, args.palette,
                                             args.skin_tone, args.figure,
                                             soleus_cli_output_get_writer (output),
                                             &record_error);
  soleus_model_free (model);

  return soleus_cli_output_commit_painted (output, ok, record_error, error);
}
