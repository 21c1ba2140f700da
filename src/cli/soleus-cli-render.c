/* soleus-cli-render.c: `soleus-cli render`, one frame of the leg to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frame is the state `soleus-cli run` computes with the same options:
 * the same start (soleus_cli_start_model) and the same timeline
 * (soleus_cli_advance_model), stopped at --time, which defaults to where
 * `run` stops (the scenario's length, else 300 s). The last second before it
 * is advanced through a scene at 60 frames per second, unpainted, so that
 * the blood cells stand where an animation would have them: the same
 * options give the same image. The painter and the PNG, SVG and PDF writers
 * are the render layer's; the file writer is io's (soleus-file-writer.h): a
 * failure keeps the old file.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-cli-private.h"
#include "soleus-text.h"
#include "soleus-render-export.h"
#include "soleus-scene.h"

#define RENDER_OPTIONS (SOLEUS_CLI_OPT_CONTROLS | SOLEUS_CLI_OPT_SCENARIO | \
                        SOLEUS_CLI_OPT_SCENARIO_FILE | \
                        SOLEUS_CLI_OPT_OUTPUT | SOLEUS_CLI_OPT_TIME | \
                        SOLEUS_CLI_OPT_SIZE | SOLEUS_CLI_OPT_PALETTE | \
                        SOLEUS_CLI_OPT_SKIN_TONE | SOLEUS_CLI_OPT_FIGURE)

/* The blood cells are carried along over the last second before the frame,
 * at the frame rate of an animation. */
#define CELL_WARMUP_S 1.0
#define CELL_WARMUP_FPS 60

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli render --output FILE.png|svg|pdf [OPTION…]"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("Draw the leg, its veins, valves and muscle pump at one "
                                  "moment of a run to a PNG, SVG or PDF file. The run is the "
                                  "one 'soleus-cli run' simulates with the same controls and "
                                  "scenario: from rest lying down, with the controls applied "
                                  "from the start. --height is the body's height; the "
                                  "image's is --size."),
                                NULL, RENDER_OPTIONS, error);
}

double
soleus_cli_frame_time (const SoleusCliArgs *args)
{
  if (!isnan (args->time_s))
    return args->time_s;
  if (args->scenario != NULL)
    return args->scenario->duration_s;
  return SOLEUS_CLI_DEFAULT_TIME_S;
}

/* Runs the model to time_s as `run` does, carrying a scene's blood cells
 * through the last second, and returns the scene; the model is at time_s. */
static SoleusScene *
advance_scene (const SoleusCliArgs *args,
               SoleusModel         *model,
               double               time_s)
{
  g_autoptr(SoleusScene) scene = soleus_scene_new ();
  double warm_start = MAX (time_s - CELL_WARMUP_S, 0.0);

  soleus_cli_advance_model (args, model, warm_start);
  soleus_scene_advance (scene, soleus_model_get_snapshot (model));

  for (int f = 1; warm_start + (double) f / CELL_WARMUP_FPS < time_s; f++)
    {
      soleus_cli_advance_model (args, model, warm_start + (double) f / CELL_WARMUP_FPS);
      soleus_scene_advance (scene, soleus_model_get_snapshot (model));
    }

  soleus_cli_advance_model (args, model, time_s);
  return g_steal_pointer (&scene);
}

gboolean
soleus_cli_render (int      argc,
                   char   **argv,
                   GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autoptr(SoleusCliOutput) output = NULL;
  g_autoptr(SoleusScene) scene = NULL;
  g_autoptr(GError) render_error = NULL;
  SoleusModel *model;
  double time_s;
  gboolean ok;

  if (!soleus_cli_parse_args (argv[0], RENDER_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error) ||
      !soleus_cli_check_output_path (SOLEUS_OUTPUT_PICTURE, args.output_path, error))
    return FALSE;

  time_s = soleus_cli_frame_time (&args);

  model = soleus_cli_start_output_model (&args, &output, error);
  if (model == NULL)
    return FALSE;

  scene = advance_scene (&args, model, time_s);
  soleus_scene_set_skin_tone (scene, args.skin_tone);
  soleus_scene_set_figure (scene, args.figure);
  ok = soleus_render_export_file_to_writer (scene, soleus_model_get_snapshot (model),
                                            soleus_cli_output_get_writer (output),
                                            args.width, args.height, args.palette,
                                            &render_error);
  soleus_model_free (model);

  return soleus_cli_output_commit_painted (output, ok, render_error, error);
}
