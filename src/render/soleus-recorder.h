/* soleus-recorder.h: video recordings (MP4, WebM, GIF) rendered frame by frame
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A recording is painted from simulation steps at a fixed frame rate, not
 * captured from the screen, so it is smooth whatever the machine's speed,
 * and the same inputs paint the same frames. The frames go to GStreamer
 * for MP4 (H.264 main profile, 4:2:0, which presentation programs play)
 * and WebM (VP8), and to Soleus's own GIF encoder (soleus-gif.h), since
 * Debian's GStreamer has none. The format follows the file name's
 * extension. The file is written through a SoleusFileWriter
 * (soleus-file-writer.h): a failed or cancelled recording leaves no
 * partial file and keeps an older one.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "soleus-file-writer.h"
#include "soleus-model.h"
#include "soleus-palette.h"
#include "soleus-scenario.h"

G_BEGIN_DECLS

/* Limits of a recording (errors are SOLEUS_RENDER_ERROR_SIZE for the size,
 * SOLEUS_RENDER_ERROR_CONTROL for the others, from soleus-render-export.h). */
#define SOLEUS_RECORDER_MIN_SIZE    16
#define SOLEUS_RECORDER_MAX_SIZE    3840
#define SOLEUS_RECORDER_MIN_FPS     1.0
#define SOLEUS_RECORDER_MAX_FPS     60.0
#define SOLEUS_RECORDER_MAX_SECONDS 600.0
/* The span of a recording's chart, in simulated seconds. */
#define SOLEUS_RECORDER_CHART_SECONDS 10.0
#define SOLEUS_RECORDER_MAX_FRAMES  36000
/* A GIF's frame delays are in hundredths of a second and viewers slow
 * down delays under two: a GIF keeps every other frame above this. */
#define SOLEUS_RECORDER_MAX_GIF_FPS 30.0

typedef enum
{
  SOLEUS_VIDEO_MP4,
  SOLEUS_VIDEO_WEBM,
  SOLEUS_VIDEO_GIF,
  SOLEUS_N_VIDEO_FORMATS,
} SoleusVideoFormat;

/* The format from the file name's extension (.mp4, .webm, .gif, any
 * case), by the rule of soleus_output_path_fits (). */
gboolean     soleus_video_format_from_path     (const char         *path,
                                                SoleusVideoFormat  *format);
/* "mp4", "webm", "gif". */
const char  *soleus_video_format_to_extension  (SoleusVideoFormat   format);

/* Whether this system can write the format: every GStreamer element it
 * needs is installed. If not, error (SOLEUS_RENDER_ERROR_UNAVAILABLE) names
 * the missing element and the Debian package that holds it. */
gboolean     soleus_video_format_is_available  (SoleusVideoFormat   format,
                                                GError            **error);

/* Paints frame index (0 .. n_frames - 1) filling (0, 0, width, height) of
 * cr, an opaque image surface cleared to black. Returning FALSE stops the
 * recording (set error to say why, or leave it unset for a generic
 * message). */
typedef gboolean (*SoleusRecorderFrameFunc) (cairo_t   *cr,
                                             guint      index,
                                             double     width,
                                             double     height,
                                             gpointer   user_data,
                                             GError   **error);

/* Called after each frame is encoded, in the recording's thread. */
typedef void (*SoleusRecorderProgressFunc) (guint     done,
                                            guint     n_frames,
                                            gpointer  user_data);

typedef struct
{
  /* Paints the frames in order, once each. */
  SoleusRecorderFrameFunc     paint;
  /* Optional: paints any frame out of order without disturbing paint's
   * sequence; a GIF's palette is chosen from a few such samples. */
  SoleusRecorderFrameFunc     sample;
  gpointer                    user_data;
  SoleusRecorderProgressFunc  progress;
  gpointer                    progress_data;
  /* Checked after every frame: a cancelled recording fails with
   * G_IO_ERROR_CANCELLED and writes nothing. */
  GCancellable               *cancellable;
} SoleusRecorderFrames;

/* Writes n_frames frames, each shown for 1 / fps seconds (a GIF loops
 * forever), of width x height pixels (even sizes for MP4 and WebM) into
 * out, which the caller commits or abandons. Returns FALSE with error set
 * when an argument is out of range, the format is not available, paint
 * fails, the recording is cancelled or the file cannot be written. */
gboolean soleus_recorder_write_to_writer (SoleusFileWriter           *out,
                                          SoleusVideoFormat           format,
                                          int                         width,
                                          int                         height,
                                          guint                       n_frames,
                                          double                      fps,
                                          const SoleusRecorderFrames *frames,
                                          GError                    **error);

/* What to record from a model. */
typedef struct
{
  SoleusVideoFormat  format;
  double             seconds;      /* > 0, at most SOLEUS_RECORDER_MAX_SECONDS */
  double             fps;
  int                width;
  int                height;
  SoleusPalette      palette;
  SoleusSkinTone     skin_tone;
  SoleusFigure       figure;
  gboolean           caption;      /* a line: scenario, time, ankle pressure */
  gboolean           chart;        /* the ankle vein pressure below the leg */
  /* Optional, with chart: the ankle vein pressure before the recording
   * starts, n_lead samples in increasing time (the caller's, read during
   * the call), so the first frame's chart shows what led there. Samples
   * older than SOLEUS_RECORDER_CHART_SECONDS before the start, or not
   * before it, are ignored. */
  const double      *lead_t_s;
  const double      *lead_pressure;
  guint              n_lead;
  SoleusRecorderProgressFunc progress;
  gpointer           progress_data;
  GCancellable      *cancellable;
} SoleusRecordOptions;

/* MP4, 5 s at 30 fps, 1280 x 720, light palette and skin, no caption or
 * chart. */
void     soleus_record_options_init     (SoleusRecordOptions *options);

/* The number of frames a recording holds (a GIF at most 30 a second: see
 * SOLEUS_RECORDER_MAX_GIF_FPS), and their rate. */
guint    soleus_record_options_get_n_frames (const SoleusRecordOptions *options,
                                             double                    *fps);

/* Checks the options before anything is painted or any file appears:
 * seconds, fps and size in range, and an even size for MP4 and WebM. */
gboolean soleus_record_options_check    (const SoleusRecordOptions *options,
                                         GError                   **error);

/* Records options->seconds of the model from its current time: frame i
 * shows the model at its starting time + i / fps, painted with one
 * SoleusScene so that the blood cells move on smoothly from frame to
 * frame. With a scenario, the model is advanced by
 * soleus_scenario_advance_to (the model must then have been started by
 * soleus_scenario_start, so that its time is the scenario's), applying the
 * scenario's events on the way; otherwise by soleus_model_advance_to. The
 * model is left at the time of the last frame painted (untouched when an
 * argument is refused). The same model state, scenario and options paint
 * the same frames; a GIF is the same file byte for byte. */
gboolean soleus_render_record_model     (SoleusModel                *model,
                                         const SoleusScenario       *scenario,
                                         const SoleusRecordOptions  *options,
                                         const char                 *path,
                                         GError                    **error);

/* The same into a writer the caller commits (or abandons). */
gboolean soleus_render_record_model_to_writer (SoleusModel               *model,
                                               const SoleusScenario      *scenario,
                                               const SoleusRecordOptions *options,
                                               SoleusFileWriter          *out,
                                               GError                   **error);

G_END_DECLS
