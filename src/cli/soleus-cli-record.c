/* soleus-cli-record.c: `soleus-cli record`, a video of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The video starts at the state `soleus-cli run` computes with the same
 * options, at --time (by default where `run` stops, as for render): the
 * same start (soleus_cli_start_model) and the same timeline
 * (soleus_cli_advance_model). From there the render layer's recorder
 * (soleus_render_record_model) paints --seconds of it at --fps frames per
 * second, advancing the model through the same scenario, into an MP4, WebM
 * or GIF by the name's extension. The same options paint the same frames.
 * It is written through the io library's SoleusFileWriter: a failure keeps
 * the old file. On a terminal, a line on stderr tells how far it got.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "soleus-cli-private.h"
#include "soleus-render-export.h"
#include "soleus-text.h"
#include "soleus-recorder.h"

#define RECORD_OPTIONS (SOLEUS_CLI_OPT_CONTROLS | SOLEUS_CLI_OPT_SCENARIO | \
                        SOLEUS_CLI_OPT_SCENARIO_FILE | \
                        SOLEUS_CLI_OPT_OUTPUT_VIDEO | SOLEUS_CLI_OPT_TIME | \
                        SOLEUS_CLI_OPT_SECONDS | SOLEUS_CLI_OPT_FPS | \
                        SOLEUS_CLI_OPT_SIZE_VIDEO | SOLEUS_CLI_OPT_PALETTE | \
                        SOLEUS_CLI_OPT_SKIN_TONE | SOLEUS_CLI_OPT_FIGURE | \
                        SOLEUS_CLI_OPT_CAPTION | \
                        SOLEUS_CLI_OPT_CHART)

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli record --output FILE.mp4|FILE.webm|FILE.gif [OPTION…]"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("Record a video of the leg, its veins, valves and muscle "
                                  "pump, from one moment of a run on. The run is the one "
                                  "'soleus-cli run' simulates with the same controls and "
                                  "scenario: from rest lying down, with the controls applied "
                                  "from the start. The name of --output sets the format: MP4 "
                                  "(H.264) plays in PowerPoint, Keynote, Google Slides and "
                                  "LibreOffice Impress; WebM in web pages; GIF everywhere, "
                                  "looping, in 255 colours. --height is the body's height; "
                                  "the video's is --size."),
                                NULL, RECORD_OPTIONS, error);
}

/* The progress line on a terminal: rewritten in place, at most once per
 * per cent. */
typedef struct
{
  int last_percent;
} Progress;

static void
progress_cb (guint    done,
             guint    n_frames,
             gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int) (100.0 * done / n_frames);

  if (percent == progress->last_percent)
    return;
  progress->last_percent = percent;
  /* Translators: the progress line of soleus-cli record: per cent, then
   * frames done of all */
  g_printerr ("\r");
  g_printerr (_("Recording: %3d %% (%u of %u frames)"), percent, done, n_frames);
  if (done == n_frames)
    g_printerr ("\n");
}

/* The chart's lead-in: the last SOLEUS_RECORDER_CHART_SECONDS before
 * start_s, played again on a second model started the same way, at the
 * frame rate, so the first frame's chart shows what led to it. The
 * recorded model is not touched: its frames are those of an uninterrupted
 * run. */
static gboolean
record_lead (const SoleusCliArgs  *args,
             double                start_s,
             double                fps,
             GArray               *t_s,
             GArray               *pressure,
             GError              **error)
{
  double from_s = MAX (0.0, start_s - SOLEUS_RECORDER_CHART_SECONDS);
  guint n = (guint) floor ((start_s - from_s) * fps);
  SoleusModel *lead;

  if (n == 0)
    return TRUE;
  lead = soleus_cli_start_model (args, error);
  if (lead == NULL)
    return FALSE;
  for (guint i = n; i > 0; i--)
    {
      double time_s = start_s - i / fps;
      const SoleusSnapshot *snapshot;

      soleus_cli_advance_model (args, lead, time_s);
      snapshot = soleus_model_get_snapshot (lead);
      g_array_append_val (t_s, snapshot->time_s);
      g_array_append_val (pressure, snapshot->ankle_pressure_mmhg);
    }
  soleus_model_free (lead);
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
  g_autoptr(GError) check_error = NULL;
  SoleusRecordOptions options;
  Progress progress = { -1 };
  g_autoptr(GArray) lead_t_s = NULL;
  g_autoptr(GArray) lead_pressure = NULL;
  SoleusModel *model;
  gboolean ok;

  if (!soleus_cli_parse_args (argv[0], RECORD_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error) ||
      !soleus_cli_check_output_path (SOLEUS_OUTPUT_RECORDING, args.output_path, error))
    return FALSE;

  soleus_record_options_init (&options);
  soleus_video_format_from_path (args.output_path, &options.format);
  options.seconds = args.seconds;
  options.fps = args.fps;
  options.width = args.width;
  options.height = args.height;
  options.palette = args.palette;
  options.skin_tone = args.skin_tone;
  options.figure = args.figure;
  options.caption = args.caption;
  options.chart = args.chart;
  if (isatty (STDERR_FILENO))
    {
      options.progress = progress_cb;
      options.progress_data = &progress;
    }

  /* Refused before any file appears: an odd size for MP4 or WebM, or a
   * format whose GStreamer elements are not installed. */
  if (!soleus_record_options_check (&options, &check_error) ||
      !soleus_video_format_is_available (options.format, &check_error))
    {
      g_set_error_literal (error, SOLEUS_CLI_ERROR,
                           g_error_matches (check_error, SOLEUS_RENDER_ERROR,
                                            SOLEUS_RENDER_ERROR_UNAVAILABLE)
                           ? SOLEUS_CLI_ERROR_IO : SOLEUS_CLI_ERROR_USAGE,
                           check_error->message);
      return FALSE;
    }

  model = soleus_cli_start_output_model (&args, &output, error);
  if (model == NULL)
    return FALSE;

  soleus_cli_advance_model (&args, model, soleus_cli_frame_time (&args));
  if (options.chart)
    {
      lead_t_s = g_array_new (FALSE, FALSE, sizeof (double));
      lead_pressure = g_array_new (FALSE, FALSE, sizeof (double));
      if (!record_lead (&args, soleus_model_get_snapshot (model)->time_s, options.fps,
                        lead_t_s, lead_pressure, error))
        {
          soleus_model_free (model);
          return FALSE;
        }
      options.lead_t_s = (const double *) lead_t_s->data;
      options.lead_pressure = (const double *) lead_pressure->data;
      options.n_lead = lead_t_s->len;
    }

  /* The recorder advances the model as soleus_cli_advance_model () does:
   * through the scenario (a file's too, seen as one), else by itself. */
  ok = soleus_render_record_model_to_writer (model, args.scenario, &options,
                                             soleus_cli_output_get_writer (output),
                                             &record_error);
  soleus_model_free (model);
  if (!ok && progress.last_percent >= 0 && progress.last_percent < 100)
    g_printerr ("\n");

  return soleus_cli_output_commit_painted (output, ok, record_error, error);
}
