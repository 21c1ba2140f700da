/* soleus-render-export.h: frames to PNG, SVG and PDF files; render figures
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-file-writer.h"
#include "soleus-model.h"
#include "soleus-palette.h"
#include "soleus-scene.h"

G_BEGIN_DECLS

#define SOLEUS_RENDER_ERROR (soleus_render_error_quark ())

typedef enum
{
  SOLEUS_RENDER_ERROR_FORMAT,       /* the file name has no .png, .svg or .pdf */
  SOLEUS_RENDER_ERROR_SIZE,         /* width or height outside 16..16384 */
  SOLEUS_RENDER_ERROR_WRITE,        /* Cairo could not write the file */
  SOLEUS_RENDER_ERROR_SCENARIO,     /* no scenario of that name */
  SOLEUS_RENDER_ERROR_CONTROL,      /* a control value out of range */
  SOLEUS_RENDER_ERROR_UNAVAILABLE,  /* a GStreamer element is not installed */
} SoleusRenderError;

typedef enum
{
  SOLEUS_RENDER_FORMAT_PNG,
  SOLEUS_RENDER_FORMAT_SVG,
  SOLEUS_RENDER_FORMAT_PDF,
} SoleusRenderFormat;

#define SOLEUS_RENDER_MIN_SIZE 16
#define SOLEUS_RENDER_MAX_SIZE 16384

typedef struct
{
  double paint_ms_1080p;   /* median paint of an animated frame, 1920x1080 */
  double paint_ms_2160p;   /* the same at 3840x2160 */
  double first_paint_ms;   /* new scene to first frame done, 1920x1080 */
  /* The same three by the painting thread's CPU clock: what other
   * processes on a shared machine take does not count (NaN where the
   * clock is missing). */
  double paint_cpu_ms_1080p;
  double paint_cpu_ms_2160p;
  double first_paint_cpu_ms;
  guint  n_frames;         /* frames timed at each size */
} SoleusRenderBench;

GQuark   soleus_render_error_quark       (void);

/* The format from the file name's extension (case-insensitive), by the
 * rule of soleus_output_path_fits (): ".png" alone names no format. */
gboolean soleus_render_format_from_path  (const char          *path,
                                          SoleusRenderFormat  *format,
                                          GError             **error);

/* Paints one picture into a file of the given format (PNG, SVG or PDF),
 * through a SoleusFileWriter (soleus-file-writer.h says what happens to
 * what is already there): the window's snapshot export and
 * soleus_render_export_file () share it. */
typedef void (*SoleusRenderPaintFunc) (cairo_t  *cr,
                                       double    width,
                                       double    height,
                                       gpointer  user_data);

gboolean soleus_render_export_paint      (const char          *path,
                                          SoleusRenderFormat   format,
                                          int                  width,
                                          int                  height,
                                          SoleusRenderPaintFunc paint,
                                          gpointer             user_data,
                                          GError             **error);

/* A cairo_write_func_t writing into the SoleusFileWriter closure, for
 * cairo_*_surface_create_for_stream () and cairo_surface_write_to_png_stream ():
 * the painter's way into the io library's one file writer. */
cairo_status_t soleus_file_writer_cairo_write (void                *closure,
                                               const unsigned char *data,
                                               unsigned int         length);

/* The same into a writer the caller commits (or abandons). */
gboolean soleus_render_export_paint_to_writer (SoleusFileWriter *writer,
                                               SoleusRenderFormat format,
                                               int              width,
                                               int              height,
                                               SoleusRenderPaintFunc paint,
                                               gpointer         user_data,
                                               GError         **error);

/* Writes one frame to path, choosing PNG, SVG or PDF by its extension.
 * scene may be NULL (a new scene is used); when given, its blood cells and
 * options are used and palette is applied to it. */
gboolean soleus_render_export_file       (SoleusScene          *scene,
                                          const SoleusSnapshot *snapshot,
                                          const char           *path,
                                          int                   width,
                                          int                   height,
                                          SoleusPalette         palette,
                                          GError              **error);

/* The same into a writer the caller commits, the format chosen by the
 * writer's path. */
gboolean soleus_render_export_file_to_writer (SoleusScene        *scene,
                                              const SoleusSnapshot *snapshot,
                                              SoleusFileWriter   *writer,
                                              int                 width,
                                              int                 height,
                                              SoleusPalette       palette,
                                              GError            **error);

/* Runs the built-in scenario to time_s and writes that frame: the engine of
 * `soleus-cli render`. controls, when not NULL, holds SOLEUS_N_PARAMS values
 * set after the scenario starts (NAN leaves a control to the scenario); a
 * later scenario event on the same control still applies. The last second
 * before time_s is painted off-screen at 60 frames per second so that the
 * blood cells stand where an animation would have them. */
gboolean soleus_render_scenario_to_file  (const char           *scenario_name,
                                          double                time_s,
                                          const double         *controls,
                                          const char           *path,
                                          int                   width,
                                          int                   height,
                                          SoleusPalette         palette,
                                          GError              **error);

/* The file-writing steps every render output shares. open_writer: a writer
 * for path, its failure as a SOLEUS_RENDER_ERROR_WRITE. check_writer:
 * TRUE while the writer has not failed, else its reason as a render error.
 * commit_writer: commits, then checks, so that a file that could not be
 * written whole is reported. */
SoleusFileWriter *soleus_render_open_writer   (const char        *path,
                                               GError           **error);
gboolean          soleus_render_check_writer  (SoleusFileWriter  *writer,
                                               GError           **error);
gboolean          soleus_render_commit_writer (SoleusFileWriter  *writer,
                                               GError           **error);

/* Sorts n values in ascending order (for medians and percentiles). */
void     soleus_render_sort_doubles      (double              *values,
                                          gsize                n);

/* Times the painter on the model's healthy walk (frames precomputed, so
 * only painting is timed; image surfaces, labels on). n_frames 0 means 120.
 * For `soleus-cli bench --json`: paint_ms_1080p, paint_ms_2160p,
 * first_paint_ms, each also by the thread's CPU clock. */
void     soleus_render_bench             (guint                n_frames,
                                          SoleusRenderBench   *out);

G_END_DECLS
