/* soleus-render-export.c: frames to PNG, SVG and PDF files; render figures
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "soleus-file-writer.h"
#include "soleus-render-export.h"
#include "soleus-scenario.h"

cairo_status_t
soleus_file_writer_cairo_write (void                *closure,
                                const unsigned char *data,
                                unsigned int         length)
{
  return soleus_file_writer_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                          : CAIRO_STATUS_WRITE_ERROR;
}

G_DEFINE_QUARK (soleus-render-error-quark, soleus_render_error)

gboolean
soleus_render_format_from_path (const char          *path,
                                SoleusRenderFormat  *format,
                                GError             **error)
{
  static const struct {
    const char         *extension;
    SoleusRenderFormat  format;
  } formats[] = {
    { ".png", SOLEUS_RENDER_FORMAT_PNG },
    { ".svg", SOLEUS_RENDER_FORMAT_SVG },
    { ".pdf", SOLEUS_RENDER_FORMAT_PDF },
  };

  g_return_val_if_fail (path != NULL, FALSE);

  /* The rule every output name follows (soleus_output_path_fits ()). */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (soleus_output_path_has_extension (path, formats[i].extension))
      {
        if (format != NULL)
          *format = formats[i].format;
        return TRUE;
      }

  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_FORMAT,
               "Cannot tell the image format of “%s”: the name must end in .png, .svg or .pdf",
               path);
  return FALSE;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *display = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
               "Could not write “%s”: %s", display, cairo_status_to_string (status));
  return FALSE;
}

SoleusFileWriter *
soleus_render_open_writer (const char  *path,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SoleusFileWriter *writer;

  g_return_val_if_fail (path != NULL, NULL);

  writer = soleus_file_writer_open (path, &local_error);
  if (writer == NULL)
    g_set_error_literal (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
                         local_error->message);
  return writer;
}

/* The writer's failure, if it failed (it knows the reason, where Cairo
 * only says "error while writing to output stream"), as a render error. */
gboolean
soleus_render_check_writer (SoleusFileWriter  *writer,
                            GError           **error)
{
  return !soleus_file_writer_set_error_in (writer, SOLEUS_RENDER_ERROR,
                                           SOLEUS_RENDER_ERROR_WRITE, error);
}

gboolean
soleus_render_commit_writer (SoleusFileWriter  *writer,
                             GError           **error)
{
  soleus_file_writer_commit (writer, NULL);
  return soleus_render_check_writer (writer, error);
}

gboolean
soleus_render_export_paint_to_writer (SoleusFileWriter       *writer,
                                      SoleusRenderFormat      format,
                                      int                     width,
                                      int                     height,
                                      SoleusRenderPaintFunc   paint,
                                      gpointer                user_data,
                                      GError                **error)
{
  const char *path;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);

  path = soleus_file_writer_get_path (writer);

  /* Through the writer's stream, whatever the file is called. */
  switch (format)
    {
    case SOLEUS_RENDER_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (soleus_file_writer_cairo_write, writer,
                                                     width, height);
      break;
    case SOLEUS_RENDER_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (soleus_file_writer_cairo_write, writer,
                                                     width, height);
      break;
    case SOLEUS_RENDER_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      break;
    }

  if (!check_status (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  paint (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == SOLEUS_RENDER_FORMAT_PNG)
        status = cairo_surface_write_to_png_stream (surface, soleus_file_writer_cairo_write,
                                                    writer);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  return soleus_render_check_writer (writer, error) && check_status (status, path, error);
}

gboolean
soleus_render_export_paint (const char             *path,
                            SoleusRenderFormat      format,
                            int                     width,
                            int                     height,
                            SoleusRenderPaintFunc   paint,
                            gpointer                user_data,
                            GError                **error)
{
  g_autoptr(SoleusFileWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);

  writer = soleus_render_open_writer (path, error);
  return writer != NULL &&
         soleus_render_export_paint_to_writer (writer, format, width, height, paint, user_data,
                                               error) &&
         soleus_render_commit_writer (writer, error);
}

typedef struct
{
  SoleusScene          *scene;
  const SoleusSnapshot *snapshot;
} SceneFrame;

static void
paint_scene_frame (cairo_t  *cr,
                   double    width,
                   double    height,
                   gpointer  user_data)
{
  SceneFrame *frame = user_data;

  soleus_scene_paint (frame->scene, cr, frame->snapshot, width, height);
}

/* The file name's format and the size, checked before any file appears. */
static gboolean
check_export (const char          *path,
              int                  width,
              int                  height,
              SoleusRenderFormat  *format,
              GError             **error)
{
  if (!soleus_render_format_from_path (path, format, error))
    return FALSE;

  if (width < SOLEUS_RENDER_MIN_SIZE || width > SOLEUS_RENDER_MAX_SIZE ||
      height < SOLEUS_RENDER_MIN_SIZE || height > SOLEUS_RENDER_MAX_SIZE)
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SIZE,
                   "The image size %d × %d is outside %d to %d pixels",
                   width, height, SOLEUS_RENDER_MIN_SIZE, SOLEUS_RENDER_MAX_SIZE);
      return FALSE;
    }
  return TRUE;
}

gboolean
soleus_render_export_file (SoleusScene          *scene,
                           const SoleusSnapshot *snapshot,
                           const char           *path,
                           int                   width,
                           int                   height,
                           SoleusPalette         palette,
                           GError              **error)
{
  g_autoptr(SoleusFileWriter) writer = NULL;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_export (path, width, height, NULL, error))
    return FALSE;

  writer = soleus_render_open_writer (path, error);
  return writer != NULL &&
         soleus_render_export_file_to_writer (scene, snapshot, writer, width, height, palette,
                                              error) &&
         soleus_render_commit_writer (writer, error);
}

gboolean
soleus_render_export_file_to_writer (SoleusScene          *scene,
                                     const SoleusSnapshot *snapshot,
                                     SoleusFileWriter     *writer,
                                     int                   width,
                                     int                   height,
                                     SoleusPalette         palette,
                                     GError              **error)
{
  g_autoptr(SoleusScene) own = NULL;
  SoleusRenderFormat format;
  SceneFrame frame;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_export (soleus_file_writer_get_path (writer), width, height, &format, error))
    return FALSE;

  if ((int) palette < 0 || palette >= SOLEUS_N_PALETTES)
    palette = SOLEUS_PALETTE_LIGHT;

  if (scene == NULL)
    scene = own = soleus_scene_new ();
  soleus_scene_set_palette (scene, palette);

  frame = (SceneFrame) { scene, snapshot };
  return soleus_render_export_paint_to_writer (writer, format, width, height,
                                               paint_scene_frame, &frame, error);
}

/* Builds a model at the scenario's start, with the given controls on top,
 * and runs it to just before time_s. */
static SoleusModel *
start_scenario (const char     *scenario_name,
                const double   *controls,
                const SoleusScenario **out_scenario,
                GError        **error)
{
  const SoleusScenario *scenario = soleus_scenario_find (scenario_name);
  SoleusModel *model;

  if (scenario == NULL)
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SCENARIO,
                   "There is no scenario called “%s”", scenario_name);
      return NULL;
    }

  model = soleus_model_new ();
  soleus_scenario_start (scenario, model);

  if (controls != NULL)
    {
      for (int i = 0; i < SOLEUS_N_PARAMS; i++)
        {
          if (isnan (controls[i]))
            continue;
          if (!soleus_model_set_param (model, i, controls[i]))
            {
              g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL,
                           "The value %g is out of range for %s", controls[i],
                           soleus_param_info (i)->name);
              soleus_model_free (model);
              return NULL;
            }
        }
    }

  *out_scenario = scenario;
  return model;
}

gboolean
soleus_render_scenario_to_file (const char    *scenario_name,
                                double         time_s,
                                const double  *controls,
                                const char    *path,
                                int            width,
                                int            height,
                                SoleusPalette  palette,
                                GError       **error)
{
  g_autoptr(SoleusScene) scene = NULL;
  const SoleusScenario *scenario = NULL;
  SoleusModel *model;
  double warm_start;
  gboolean ok;

  g_return_val_if_fail (scenario_name != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!soleus_render_format_from_path (path, NULL, error))
    return FALSE;

  model = start_scenario (scenario_name, controls, &scenario, error);
  if (model == NULL)
    return FALSE;

  time_s = MAX (time_s, 0.0);
  warm_start = MAX (time_s - 1.0, 0.0);
  soleus_scenario_advance_to (scenario, model, warm_start);

  scene = soleus_scene_new ();
  soleus_scene_set_palette (scene, palette);
  soleus_scene_advance (scene, soleus_model_get_snapshot (model));
  for (int f = 1; warm_start + f / 60.0 < time_s; f++)
    {
      soleus_scenario_advance_to (scenario, model, warm_start + f / 60.0);
      soleus_scene_advance (scene, soleus_model_get_snapshot (model));
    }
  soleus_scenario_advance_to (scenario, model, time_s);

  ok = soleus_render_export_file (scene, soleus_model_get_snapshot (model), path,
                                  width, height, palette, error);
  soleus_model_free (model);
  return ok;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
soleus_render_sort_doubles (double *values,
                            gsize   n)
{
  g_return_if_fail (values != NULL || n == 0);

  if (n > 0)
    qsort (values, n, sizeof *values, compare_doubles);
}

/* The calling thread's CPU time in milliseconds, NaN without the clock. */
static double
thread_cpu_ms (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return 1e3 * (double) ts.tv_sec + 1e-6 * (double) ts.tv_nsec;
#endif
  return NAN;
}

static double
median_of (double *values,
           guint   n)
{
  soleus_render_sort_doubles (values, n);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The median paint of an animated frame by the wall clock and by the
 * thread's CPU clock; first_ms the first frame of the new scene, both
 * ways. */
static void
time_frames (const SoleusSnapshot *frames,
             guint                 n_frames,
             int                   width,
             int                   height,
             double               *median_ms,
             double               *median_cpu_ms,
             double               *first_ms)
{
  g_autofree double *ms = g_new (double, n_frames);
  g_autofree double *cpu_ms = g_new (double, n_frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  SoleusScene *scene;
  gint64 t0;
  double c0;

  t0 = g_get_monotonic_time ();
  c0 = thread_cpu_ms ();
  scene = soleus_scene_new ();
  {
    cairo_t *cr = cairo_create (surface);
    soleus_scene_paint (scene, cr, &frames[0], width, height);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
  }
  if (first_ms != NULL)
    {
      first_ms[0] = (g_get_monotonic_time () - t0) / 1000.0;
      first_ms[1] = thread_cpu_ms () - c0;
    }

  for (guint i = 0; i < n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);

      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_ms ();
      soleus_scene_paint (scene, cr, &frames[i], width, height);
      cairo_surface_flush (surface);
      cpu_ms[i] = thread_cpu_ms () - c0;
      ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cairo_destroy (cr);
    }

  *median_ms = median_of (ms, n_frames);
  *median_cpu_ms = median_of (cpu_ms, n_frames);

  soleus_scene_free (scene);
  cairo_surface_destroy (surface);
}

void
soleus_render_bench (guint              n_frames,
                     SoleusRenderBench *out)
{
  const SoleusScenario *scenario = soleus_scenario_find ("healthy-walk");
  g_autofree SoleusSnapshot *frames = NULL;
  SoleusModel *model;

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  if (n_frames == 0)
    n_frames = 120;
  out->n_frames = n_frames;

  /* Walking frames at 60 per second, two minutes into the walk. */
  frames = g_new (SoleusSnapshot, n_frames);
  model = soleus_model_new ();
  if (scenario != NULL)
    {
      soleus_scenario_start (scenario, model);
      soleus_scenario_advance_to (scenario, model, 240.0);
    }
  for (guint i = 0; i < n_frames; i++)
    {
      if (scenario != NULL)
        soleus_scenario_advance_to (scenario, model, 240.0 + (i + 1) / 60.0);
      else
        soleus_model_advance_to (model, (i + 1) / 60.0);
      frames[i] = *soleus_model_get_snapshot (model);
    }
  soleus_model_free (model);

  {
    double first[2];

    time_frames (frames, n_frames, 1920, 1080, &out->paint_ms_1080p, &out->paint_cpu_ms_1080p,
                 first);
    out->first_paint_ms = first[0];
    out->first_paint_cpu_ms = first[1];
  }
  time_frames (frames, n_frames, 3840, 2160, &out->paint_ms_2160p, &out->paint_cpu_ms_2160p,
               NULL);
}
