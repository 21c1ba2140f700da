/* soleus-recorder.h: animated PNG (APNG) recordings rendered frame by frame
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A recording is painted from simulation steps at a fixed frame rate, not
 * captured from the screen, so it is smooth whatever the machine's speed.
 * Each frame is painted into an image surface, encoded by Cairo as a PNG and
 * its image data repackaged into the chunks of an animated PNG (APNG 1.0,
 * https://wiki.mozilla.org/APNG_Specification): viewers without APNG show
 * the first frame as a plain PNG. The file is written through a
 * SoleusFileWriter (soleus-file-writer.h): a failed or cancelled recording
 * leaves no partial file and keeps an older one.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-file-writer.h"
#include "soleus-model.h"
#include "soleus-palette.h"
#include "soleus-scenario.h"

G_BEGIN_DECLS

/* Limits of a recording (errors are SOLEUS_RENDER_ERROR_SIZE for the size,
 * SOLEUS_RENDER_ERROR_CONTROL for the others, from soleus-render-export.h). */
#define SOLEUS_RECORDER_MIN_SIZE   16
#define SOLEUS_RECORDER_MAX_SIZE   3840
#define SOLEUS_RECORDER_MIN_FPS    1.0
#define SOLEUS_RECORDER_MAX_FPS    60.0
#define SOLEUS_RECORDER_MAX_FRAMES 3600

/* Paints frame index (0 .. n_frames - 1) filling (0, 0, width, height) of
 * cr, an opaque image surface cleared to black. Called once per frame in
 * order; returning FALSE stops the recording (set error to say why, or
 * leave it unset for a generic message). This is also the place to report
 * progress. */
typedef gboolean (*SoleusRecorderFrameFunc) (cairo_t   *cr,
                                             guint      index,
                                             double     width,
                                             double     height,
                                             gpointer   user_data,
                                             GError   **error);

/* Writes n_frames frames, each shown for 1 / fps seconds and looping
 * forever, as an animated PNG of width x height pixels to path. Returns
 * FALSE with error set, and path untouched, when an argument is out of
 * range, paint fails or the file cannot be written. The same frames give a
 * byte-identical file. */
gboolean soleus_recorder_write_apng (const char               *path,
                                     int                       width,
                                     int                       height,
                                     guint                     n_frames,
                                     double                    fps,
                                     SoleusRecorderFrameFunc   paint,
                                     gpointer                  user_data,
                                     GError                  **error);

/* The same into a writer the caller commits (or abandons). */
gboolean soleus_recorder_write_apng_to_writer (SoleusFileWriter       *out,
                                               int                     width,
                                               int                     height,
                                               guint                   n_frames,
                                               double                  fps,
                                               SoleusRecorderFrameFunc paint,
                                               gpointer                user_data,
                                               GError                **error);

/* Records seconds of the model from its current time at fps frames per
 * second (round (seconds * fps) frames, at least one): frame i shows the
 * model at its starting time + i / fps, painted with one SoleusScene so
 * that the blood cells move on smoothly from frame to frame. With a
 * scenario, the model is advanced by soleus_scenario_advance_to (the model
 * must then have been started by soleus_scenario_start, so that its time is
 * the scenario's), applying the scenario's events on the way; otherwise by
 * soleus_model_advance_to. The model is left at the time of the last frame
 * painted (untouched when an argument is refused). Deterministic: the same
 * model state, scenario and arguments give a byte-identical file. The
 * figure is drawn in skin_tone, with the build of figure. */
gboolean soleus_render_record_model (SoleusModel              *model,
                                     const SoleusScenario     *scenario,
                                     double                    seconds,
                                     double                    fps,
                                     int                       width,
                                     int                       height,
                                     SoleusPalette             palette,
                                     SoleusSkinTone            skin_tone,
                                     SoleusFigure              figure,
                                     const char               *path,
                                     GError                  **error);

/* The same into a writer the caller commits (or abandons). */
gboolean soleus_render_record_model_to_writer (SoleusModel            *model,
                                               const SoleusScenario   *scenario,
                                               double                  seconds,
                                               double                  fps,
                                               int                     width,
                                               int                     height,
                                               SoleusPalette           palette,
                                               SoleusSkinTone          skin_tone,
                                               SoleusFigure            figure,
                                               SoleusFileWriter       *out,
                                               GError                **error);

G_END_DECLS
