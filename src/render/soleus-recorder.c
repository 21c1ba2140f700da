/* soleus-recorder.c: video recordings (MP4, WebM, GIF) rendered frame by frame
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * MP4 and WebM: each frame is painted straight into a GStreamer buffer
 * (Cairo's RGB24 is GStreamer's BGRx in memory) and pushed into
 *
 *   appsrc ! videoconvert ! I420 ! x264enc ! H.264 main ! mp4mux ! fdsink
 *   appsrc ! videoconvert ! I420 ! vp8enc ! webmmux ! fdsink
 *
 * which encodes in its own thread while the next frame is painted. The
 * muxers go back to the start of the file to write their headers, so
 * fdsink writes into a temporary file that is unlinked as soon as it is
 * made (nothing is left behind, even by a crash); once the pipeline has
 * finished, the file is copied into the SoleusFileWriter, which handles
 * devices, links and the replacement of an old file as for every output.
 *
 * GIF: Soleus's own encoder (soleus-gif.c), with its palette chosen from
 * frames sampled over the whole recording.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <pango/pangocairo.h>

#include "soleus-chart.h"
#include "soleus-file-writer.h"
#include "soleus-gif.h"
#include "soleus-recorder.h"
#include "soleus-render-export.h"
#include "soleus-scene.h"

/* Frames a GIF's palette is chosen from, spread over the recording. */
#define GIF_SAMPLES 8

/* ---------------------------------------------------------------------- */
/* Formats and the elements they need */

typedef struct
{
  const char *element;
  const char *package;   /* Debian's */
} Element;

static const Element mp4_elements[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "x264enc", "gstreamer1.0-plugins-ugly" },
  { "mp4mux", "gstreamer1.0-plugins-good" },
  { "fdsink", "libgstreamer1.0-0" },
  { NULL, NULL },
};

static const Element webm_elements[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "vp8enc", "gstreamer1.0-plugins-good" },
  { "webmmux", "gstreamer1.0-plugins-good" },
  { "fdsink", "libgstreamer1.0-0" },
  { NULL, NULL },
};

static const struct
{
  const char    *extension;
  const Element *elements;   /* NULL: no GStreamer needed */
} formats[SOLEUS_N_VIDEO_FORMATS] = {
  [SOLEUS_VIDEO_MP4] = { "mp4", mp4_elements },
  [SOLEUS_VIDEO_WEBM] = { "webm", webm_elements },
  [SOLEUS_VIDEO_GIF] = { "gif", NULL },
};

gboolean
soleus_video_format_from_path (const char        *path,
                               SoleusVideoFormat *format)
{
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < SOLEUS_N_VIDEO_FORMATS; i++)
    {
      g_autofree char *dot = g_strconcat (".", formats[i].extension, NULL);

      if (soleus_output_path_has_extension (path, dot))
        {
          if (format != NULL)
            *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
soleus_video_format_to_extension (SoleusVideoFormat format)
{
  g_return_val_if_fail (format < SOLEUS_N_VIDEO_FORMATS, NULL);
  return formats[format].extension;
}

static gboolean
init_gstreamer (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;
  static char *message = NULL;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) init_error = NULL;

      ok = gst_init_check (NULL, NULL, &init_error);
      if (!ok)
        message = g_strdup (init_error->message);
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_UNAVAILABLE,
                 _("GStreamer could not start: %s"), message);
  return ok;
}

gboolean
soleus_video_format_is_available (SoleusVideoFormat   format,
                                  GError            **error)
{
  const Element *elements;

  g_return_val_if_fail (format < SOLEUS_N_VIDEO_FORMATS, FALSE);

  elements = formats[format].elements;
  if (elements == NULL)
    return TRUE;
  if (!init_gstreamer (error))
    return FALSE;

  for (guint i = 0; elements[i].element != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (elements[i].element);

      if (factory == NULL)
        {
          g_autofree char *upper = g_ascii_strup (formats[format].extension, -1);

          g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_UNAVAILABLE,
                       /* Translators: "Cannot write MP4 videos: the GStreamer element
                        * x264enc is missing (install the package gstreamer1.0-plugins-ugly)" */
                       _("Cannot write %s videos: the GStreamer element %s is missing "
                         "(install the package %s)"),
                       upper, elements[i].element, elements[i].package);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Checks */

static gboolean
check_size (SoleusVideoFormat   format,
            int                 width,
            int                 height,
            GError            **error)
{
  if (width < SOLEUS_RECORDER_MIN_SIZE || width > SOLEUS_RECORDER_MAX_SIZE ||
      height < SOLEUS_RECORDER_MIN_SIZE || height > SOLEUS_RECORDER_MAX_SIZE)
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SIZE,
                   _("A recording of %d × %d pixels is outside %d to %d pixels a side"),
                   width, height, SOLEUS_RECORDER_MIN_SIZE, SOLEUS_RECORDER_MAX_SIZE);
      return FALSE;
    }
  /* 4:2:0 video has one colour sample per 2 × 2 pixels. */
  if (format != SOLEUS_VIDEO_GIF && (width % 2 != 0 || height % 2 != 0))
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SIZE,
                   _("A video of %d × %d pixels cannot be written: MP4 and WebM videos "
                     "need an even width and height"),
                   width, height);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_fps (double   fps,
           GError **error)
{
  if (fps >= SOLEUS_RECORDER_MIN_FPS && fps <= SOLEUS_RECORDER_MAX_FPS)
    return TRUE;

  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL,
               _("The frame rate %g is outside %g to %g frames per second"),
               fps, SOLEUS_RECORDER_MIN_FPS, SOLEUS_RECORDER_MAX_FPS);
  return FALSE;
}

static gboolean
check_recording (SoleusVideoFormat   format,
                 int                 width,
                 int                 height,
                 guint               n_frames,
                 double              fps,
                 GError            **error)
{
  if (format >= SOLEUS_N_VIDEO_FORMATS)
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_FORMAT,
                   _("Unknown video format"));
      return FALSE;
    }
  if (!check_size (format, width, height, error) || !check_fps (fps, error))
    return FALSE;
  if (n_frames < 1 || n_frames > SOLEUS_RECORDER_MAX_FRAMES)
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL,
                   _("A recording has 1 to %u frames, not %u"),
                   (guint) SOLEUS_RECORDER_MAX_FRAMES, n_frames);
      return FALSE;
    }
  return TRUE;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
               _("Could not write “%s”: %s"), display, reason);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The recording was cancelled; no file was written"));
  return TRUE;
}

/* Paints a frame on surface over black with func. */
static gboolean
paint_frame (SoleusRecorderFrameFunc   func,
             gpointer                  user_data,
             const char               *path,
             cairo_surface_t          *surface,
             int                       width,
             int                       height,
             guint                     i,
             GError                  **error)
{
  g_autoptr(GError) paint_error = NULL;
  cairo_status_t status;
  gboolean painted;
  cairo_t *cr;

  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  painted = func (cr, i, width, height, user_data, &paint_error);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (!painted)
    {
      if (paint_error != NULL)
        g_propagate_error (error, g_steal_pointer (&paint_error));
      else
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
                       _("Could not draw frame %u of “%s”"), i + 1, display);
        }
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* GIF */

/* Frame i's delay in hundredths of a second, rounded so that the delays
 * add up to the right length. */
static guint
gif_delay (guint  i,
           double fps)
{
  return (guint) (round ((i + 1) * 100.0 / fps) - round (i * 100.0 / fps));
}

static gboolean
write_gif (SoleusFileWriter           *out,
           int                         width,
           int                         height,
           guint                       n_frames,
           double                      fps,
           const SoleusRecorderFrames *frames,
           GError                    **error)
{
  const char *path = soleus_file_writer_get_path (out);
  g_autoptr(SoleusGifWriter) gif = soleus_gif_writer_new (out, width, height);
  cairo_surface_t *surface;
  gboolean ok = FALSE;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, path, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  stride = cairo_image_surface_get_stride (surface);

  if (frames->sample != NULL)
    {
      guint n_samples = MIN (n_frames, GIF_SAMPLES);

      for (guint k = 0; k < n_samples; k++)
        {
          guint index = n_samples > 1 ? (guint) ((guint64) k * (n_frames - 1) / (n_samples - 1))
                                      : 0;

          if (!paint_frame (frames->sample, frames->user_data, path, surface, width, height,
                            index, error))
            goto out;
          soleus_gif_writer_add_sample (gif, cairo_image_surface_get_data (surface), stride);
          if (check_cancelled (frames->cancellable, error))
            goto out;
        }
    }

  for (guint i = 0; i < n_frames; i++)
    {
      if (!paint_frame (frames->paint, frames->user_data, path, surface, width, height, i,
                        error))
        goto out;
      soleus_gif_writer_add_frame (gif, cairo_image_surface_get_data (surface), stride,
                                   gif_delay (i, fps));
      if (!soleus_render_check_writer (out, error))
        goto out;
      if (frames->progress != NULL)
        frames->progress (i + 1, n_frames, frames->progress_data);
      if (check_cancelled (frames->cancellable, error))
        goto out;
    }
  soleus_gif_writer_finish (gif);
  ok = soleus_render_check_writer (out, error);

out:
  cairo_surface_destroy (surface);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* MP4 and WebM through GStreamer */

typedef struct
{
  GMutex      lock;
  GCond       cond;
  gboolean    enough;    /* appsrc's queue is full */
  gboolean    failed;    /* an error is on the bus */
} Flow;

static void
enough_data_cb (GstAppSrc *src,
                gpointer   user_data)
{
  Flow *flow = user_data;

  g_mutex_lock (&flow->lock);
  flow->enough = TRUE;
  g_mutex_unlock (&flow->lock);
}

static void
need_data_cb (GstAppSrc *src,
              guint      length,
              gpointer   user_data)
{
  Flow *flow = user_data;

  g_mutex_lock (&flow->lock);
  flow->enough = FALSE;
  g_cond_broadcast (&flow->cond);
  g_mutex_unlock (&flow->lock);
}

static GstBusSyncReply
bus_sync_cb (GstBus     *bus,
             GstMessage *message,
             gpointer    user_data)
{
  Flow *flow = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_mutex_lock (&flow->lock);
      flow->failed = TRUE;
      g_cond_broadcast (&flow->cond);
      g_mutex_unlock (&flow->lock);
    }
  return GST_BUS_PASS;
}

/* The first error on the bus as error (FALSE if none). */
static gboolean
take_bus_error (GstBus     *bus,
                const char *path,
                GError    **error)
{
  g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_autoptr(GError) gst_error = NULL;

  if (message == NULL)
    return FALSE;
  gst_message_parse_error (message, &gst_error, NULL);
  set_write_error (error, path, gst_error->message);
  return TRUE;
}

static GstElement *
make_element (const char *name,
              GError    **error)
{
  GstElement *element = gst_element_factory_make (name, NULL);

  if (element == NULL)
    g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_UNAVAILABLE,
                 _("Cannot make the GStreamer element %s"), name);
  return element;
}

/* The pipeline for format writing into fd, its appsrc in *src. */
static GstElement *
make_pipeline (SoleusVideoFormat   format,
               int                 width,
               int                 height,
               int                 fps_n,
               int                 fps_d,
               int                 fd,
               GstAppSrc         **src,
               GError            **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("soleus-recorder");
  g_autoptr(GstCaps) raw_caps = NULL;
  g_autoptr(GstCaps) i420_caps = NULL;
  GstElement *appsrc, *convert, *i420, *encoder, *mux, *sink;
  GstElement *profile = NULL;
  gsize frame_bytes = (gsize) width * height * 4;

  appsrc = make_element ("appsrc", error);
  convert = appsrc ? make_element ("videoconvert", error) : NULL;
  i420 = convert ? make_element ("capsfilter", error) : NULL;
  encoder = i420 ? make_element (format == SOLEUS_VIDEO_MP4 ? "x264enc" : "vp8enc", error)
                 : NULL;
  mux = encoder ? make_element (format == SOLEUS_VIDEO_MP4 ? "mp4mux" : "webmmux", error)
                : NULL;
  sink = mux ? make_element ("fdsink", error) : NULL;
  if (format == SOLEUS_VIDEO_MP4 && sink != NULL)
    profile = make_element ("capsfilter", error);
  if (sink == NULL || (format == SOLEUS_VIDEO_MP4 && profile == NULL))
    {
      GstElement *made[] = { appsrc, convert, i420, encoder, mux, sink };

      for (guint i = 0; i < G_N_ELEMENTS (made); i++)
        if (made[i] != NULL)
          gst_object_unref (gst_object_ref_sink (made[i]));
      return NULL;
    }

  raw_caps = gst_caps_new_simple ("video/x-raw",
                                  "format", G_TYPE_STRING, "BGRx",
                                  "width", G_TYPE_INT, width,
                                  "height", G_TYPE_INT, height,
                                  "framerate", GST_TYPE_FRACTION, fps_n, fps_d,
                                  "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                  NULL);
  g_object_set (appsrc, "caps", raw_caps, "format", GST_FORMAT_TIME,
                "is-live", FALSE, "block", FALSE,
                "max-bytes", (guint64) frame_bytes * 4, "min-percent", 50, NULL);
  i420_caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420", NULL);
  g_object_set (i420, "caps", i420_caps, NULL);

  if (format == SOLEUS_VIDEO_MP4)
    {
      g_autoptr(GstCaps) main_caps = gst_caps_new_simple ("video/x-h264",
                                                          "profile", G_TYPE_STRING, "main",
                                                          NULL);

      /* Quality-based rate control: a flat drawing costs few bits, a
       * busy one more; keyframes every two seconds for seeking; no
       * B-frames, so that frame i shows at i / fps in every player (with
       * them the file starts two frames late without an edit list). */
      gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "veryfast");
      gst_util_set_object_arg (G_OBJECT (encoder), "pass", "qual");
      g_object_set (encoder, "quantizer", 20, "bframes", 0u,
                    "key-int-max", (guint) MAX (1, 2 * fps_n / fps_d), NULL);
      g_object_set (profile, "caps", main_caps, NULL);
    }
  else
    {
      /* Real-time speed; about 0.1 bit per pixel and frame. */
      g_object_set (encoder, "deadline", (gint64) 1, "cpu-used", 4,
                    "target-bitrate", (int) MIN ((double) G_MAXINT,
                                                 (double) width * height * fps_n / fps_d / 10.0),
                    "keyframe-max-dist", MAX (1, 2 * fps_n / fps_d), NULL);
    }
  g_object_set (sink, "fd", fd, "sync", FALSE, "async", FALSE, NULL);

  if (profile != NULL)
    {
      gst_bin_add_many (GST_BIN (pipeline), appsrc, convert, i420, encoder, profile, mux,
                        sink, NULL);
      if (!gst_element_link_many (appsrc, convert, i420, encoder, profile, mux, sink, NULL))
        goto link_failed;
    }
  else
    {
      gst_bin_add_many (GST_BIN (pipeline), appsrc, convert, i420, encoder, mux, sink, NULL);
      if (!gst_element_link_many (appsrc, convert, i420, encoder, mux, sink, NULL))
        goto link_failed;
    }

  *src = GST_APP_SRC (appsrc);
  return g_steal_pointer (&pipeline);

link_failed:
  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_UNAVAILABLE,
               _("Cannot join the GStreamer elements of a %s video"),
               formats[format].extension);
  return NULL;
}

/* Copies the finished temporary file into out. */
static gboolean
copy_into_writer (int                fd,
                  SoleusFileWriter  *out,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autofree guint8 *buffer = g_malloc (1 << 20);
  const char *path = soleus_file_writer_get_path (out);

  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      set_write_error (error, path, g_strerror (errno));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buffer, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_write_error (error, path, g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      if (!soleus_file_writer_write (out, buffer, n))
        return soleus_render_check_writer (out, error);
      if (check_cancelled (cancellable, error))
        return FALSE;
    }
}

static gboolean
write_video (SoleusFileWriter           *out,
             SoleusVideoFormat           format,
             int                         width,
             int                         height,
             guint                       n_frames,
             double                      fps,
             const SoleusRecorderFrames *frames,
             GError                    **error)
{
  const char *path = soleus_file_writer_get_path (out);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *tmp_name = NULL;
  GstAppSrc *src = NULL;
  Flow flow = { 0 };
  gboolean ok = FALSE;
  int fps_n, fps_d;
  int fd;

  if (!soleus_video_format_is_available (format, error))
    return FALSE;

  gst_util_double_to_fraction (fps, &fps_n, &fps_d);

  /* Unlinked at once: only this descriptor holds it. */
  fd = g_file_open_tmp ("soleus-video-XXXXXX", &tmp_name, error);
  if (fd < 0)
    return FALSE;
  g_unlink (tmp_name);

  pipeline = make_pipeline (format, width, height, fps_n, fps_d, fd, &src, error);
  if (pipeline == NULL)
    {
      close (fd);
      return FALSE;
    }

  g_mutex_init (&flow.lock);
  g_cond_init (&flow.cond);
  {
    GstAppSrcCallbacks callbacks = { .need_data = need_data_cb,
                                     .enough_data = enough_data_cb };

    gst_app_src_set_callbacks (src, &callbacks, &flow, NULL);
  }
  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, bus_sync_cb, &flow, NULL);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!take_bus_error (bus, path, error))
        set_write_error (error, path, _("GStreamer could not start the pipeline"));
      goto out;
    }

  for (guint i = 0; i < n_frames; i++)
    {
      GstBuffer *buffer = gst_buffer_new_allocate (NULL, (gsize) width * height * 4, NULL);
      cairo_surface_t *surface;
      GstMapInfo map;
      gboolean painted;

      gst_buffer_map (buffer, &map, GST_MAP_WRITE);
      surface = cairo_image_surface_create_for_data (map.data, CAIRO_FORMAT_RGB24,
                                                     width, height, width * 4);
      painted = paint_frame (frames->paint, frames->user_data, path, surface, width, height,
                             i, error);
      cairo_surface_destroy (surface);
      gst_buffer_unmap (buffer, &map);
      if (!painted)
        {
          gst_buffer_unref (buffer);
          goto out;
        }
      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (i, GST_SECOND * (guint64) fps_d, fps_n);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (i + 1, GST_SECOND * (guint64) fps_d,
                                                            fps_n) - GST_BUFFER_PTS (buffer);

      /* Waits while the encoder is behind, or stops on its error. */
      g_mutex_lock (&flow.lock);
      while (flow.enough && !flow.failed)
        g_cond_wait (&flow.cond, &flow.lock);
      g_mutex_unlock (&flow.lock);

      if (gst_app_src_push_buffer (src, buffer) != GST_FLOW_OK || flow.failed)
        {
          if (!take_bus_error (bus, path, error))
            set_write_error (error, path, _("GStreamer stopped"));
          goto out;
        }
      if (frames->progress != NULL)
        frames->progress (i + 1, n_frames, frames->progress_data);
      if (check_cancelled (frames->cancellable, error))
        goto out;
    }

  gst_app_src_end_of_stream (src);
  {
    g_autoptr(GstMessage) message =
      gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
      {
        g_autoptr(GError) gst_error = NULL;

        gst_message_parse_error (message, &gst_error, NULL);
        set_write_error (error, path, gst_error->message);
        goto out;
      }
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  ok = copy_into_writer (fd, out, frames->cancellable, error);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  g_mutex_clear (&flow.lock);
  g_cond_clear (&flow.cond);
  close (fd);
  return ok;
}

gboolean
soleus_recorder_write_to_writer (SoleusFileWriter           *out,
                                 SoleusVideoFormat           format,
                                 int                         width,
                                 int                         height,
                                 guint                       n_frames,
                                 double                      fps,
                                 const SoleusRecorderFrames *frames,
                                 GError                    **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (frames != NULL && frames->paint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_recording (format, width, height, n_frames, fps, error))
    return FALSE;

  if (format == SOLEUS_VIDEO_GIF)
    {
      if (!write_gif (out, width, height, n_frames, fps, frames, error))
        return FALSE;
    }
  else if (!write_video (out, format, width, height, n_frames, fps, frames, error))
    return FALSE;

  return soleus_render_check_writer (out, error);
}

/* ---------------------------------------------------------------------- */
/* Recording the model */

void
soleus_record_options_init (SoleusRecordOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (SoleusRecordOptions) {
    .format = SOLEUS_VIDEO_MP4,
    .seconds = 5.0,
    .fps = 30.0,
    .width = 1280,
    .height = 720,
    .palette = SOLEUS_PALETTE_LIGHT,
    .skin_tone = SOLEUS_SKIN_TONE_LIGHT,
    .figure = SOLEUS_FIGURE_MALE,
  };
}

guint
soleus_record_options_get_n_frames (const SoleusRecordOptions *options,
                                    double                    *fps)
{
  double rate = options->fps;

  /* A GIF drops frames evenly down to a rate its viewers keep. */
  if (options->format == SOLEUS_VIDEO_GIF && rate > SOLEUS_RECORDER_MAX_GIF_FPS)
    rate /= ceil (rate / SOLEUS_RECORDER_MAX_GIF_FPS);
  if (fps != NULL)
    *fps = rate;
  return (guint) MIN (MAX (round (options->seconds * rate), 1.0),
                      (double) SOLEUS_RECORDER_MAX_FRAMES + 1);
}

gboolean
soleus_record_options_check (const SoleusRecordOptions  *options,
                             GError                    **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (!(options->seconds > 0.0 && options->seconds <= SOLEUS_RECORDER_MAX_SECONDS))
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL,
                   _("A recording lasts more than 0 and at most %g seconds, not %g"),
                   SOLEUS_RECORDER_MAX_SECONDS, options->seconds);
      return FALSE;
    }
  if (!check_fps (options->fps, error))
    return FALSE;
  return check_recording (options->format, options->width, options->height,
                          soleus_record_options_get_n_frames (options, NULL),
                          options->fps, error);
}

typedef struct
{
  SoleusModel          *model;
  const SoleusScenario *scenario;
  SoleusScene          *scene;
  const SoleusRecordOptions *options;
  double                start_s;
  double                fps;
  /* The chart's data so far. */
  GArray               *t_s;
  GArray               *pressure;
  /* For a GIF's palette: a copy of the model and a scene of its own. */
  SoleusModel          *sample_model;
  SoleusScene          *sample_scene;
} RecordModel;

static void
advance (RecordModel *record,
         SoleusModel *model,
         double       time_s)
{
  if (record->scenario != NULL)
    soleus_scenario_advance_to (record->scenario, model, time_s);
  else
    soleus_model_advance_to (model, time_s);
}

static void
paint_caption (cairo_t                *cr,
               const RecordModel      *record,
               const SoleusSnapshot   *snapshot,
               const SoleusPaletteColors *colours,
               double                  width,
               double                  height)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  const char *title = record->scenario != NULL && record->scenario->title != NULL
                      ? g_dgettext (GETTEXT_PACKAGE, record->scenario->title)
                      : _("Your own controls");
  g_autofree char *text = NULL;
  int text_width, text_height;

  /* Translators: a video's caption: the scenario's title, the simulated
   * time in seconds and the ankle vein pressure in mmHg */
  text = g_strdup_printf (_("%s  ·  %.1f s  ·  ankle vein pressure %.0f mmHg"), title,
                          snapshot->time_s, snapshot->ankle_pressure_mmhg);

  cairo_set_source_rgb (cr, colours->panel.r, colours->panel.g, colours->panel.b);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  pango_font_description_set_absolute_size (font, height * 0.5 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * 0.96 * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_set_source_rgb (cr, colours->text.r, colours->text.g, colours->text.b);
  cairo_move_to (cr, width * 0.02, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
paint_chart (cairo_t           *cr,
             RecordModel       *record,
             double             y,
             double             width,
             double             height)
{
  const SoleusPaletteColors *colours = soleus_palette_get_colors (record->options->palette);
  SoleusChart chart = { 0 };
  double pad = height * 0.06;

  cairo_set_source_rgb (cr, colours->background.r, colours->background.g,
                        colours->background.b);
  cairo_rectangle (cr, 0, y, width, height);
  cairo_fill (cr);

  chart.title = _("Ankle vein pressure");
  chart.unit = _("mmHg");
  chart.window_s = SOLEUS_RECORDER_CHART_SECONDS;
  chart.current = (SoleusChartSeries) { (const double *) record->t_s->data,
                                        (const double *) record->pressure->data,
                                        record->t_s->len, NULL };
  chart.font_size = MAX (8.0, height * 0.09);
  soleus_chart_paint (cr, &chart, record->options->palette, pad, y + pad,
                      width - 2 * pad, height - 2 * pad);
}

/* The leg, and the caption and chart when asked for, with one scene. */
static void
paint_layout (cairo_t              *cr,
              RecordModel          *record,
              SoleusScene          *scene,
              const SoleusSnapshot *snapshot,
              double                width,
              double                height,
              gboolean              sample)
{
  const SoleusPaletteColors *colours = soleus_palette_get_colors (record->options->palette);
  double caption_h = record->options->caption ? round (height * 0.07) : 0.0;
  double chart_h = record->options->chart ? round (height * 0.28) : 0.0;

  if (caption_h > 0.0)
    paint_caption (cr, record, snapshot, colours, width, caption_h);

  cairo_save (cr);
  cairo_translate (cr, 0, caption_h);
  cairo_rectangle (cr, 0, 0, width, height - caption_h - chart_h);
  cairo_clip (cr);
  soleus_scene_paint (scene, cr, snapshot, width, height - caption_h - chart_h);
  cairo_restore (cr);

  if (chart_h > 0.0)
    {
      if (!sample)
        {
          g_array_append_val (record->t_s, snapshot->time_s);
          g_array_append_val (record->pressure, snapshot->ankle_pressure_mmhg);
        }
      paint_chart (cr, record, height - chart_h, width, chart_h);
    }
}

static gboolean
paint_model_frame (cairo_t   *cr,
                   guint      index,
                   double     width,
                   double     height,
                   gpointer   user_data,
                   GError   **error)
{
  RecordModel *record = user_data;

  /* Each frame's time from its index, not by adding 1 / fps up, so that
   * no rounding accumulates over a long recording. */
  if (index > 0)
    advance (record, record->model, record->start_s + index / record->fps);

  paint_layout (cr, record, record->scene, soleus_model_get_snapshot (record->model),
                width, height, FALSE);
  return TRUE;
}

/* A GIF's palette samples, in increasing order, on a copy. */
static gboolean
paint_model_sample (cairo_t   *cr,
                    guint      index,
                    double     width,
                    double     height,
                    gpointer   user_data,
                    GError   **error)
{
  RecordModel *record = user_data;

  advance (record, record->sample_model, record->start_s + index / record->fps);
  paint_layout (cr, record, record->sample_scene,
                soleus_model_get_snapshot (record->sample_model), width, height, TRUE);
  return TRUE;
}

static SoleusScene *
make_scene (const SoleusRecordOptions *options)
{
  SoleusScene *scene = soleus_scene_new ();
  SoleusPalette palette = options->palette;

  if ((int) palette < 0 || palette >= SOLEUS_N_PALETTES)
    palette = SOLEUS_PALETTE_LIGHT;
  soleus_scene_set_palette (scene, palette);
  if ((int) options->skin_tone >= 0 && options->skin_tone < SOLEUS_N_SKIN_TONES)
    soleus_scene_set_skin_tone (scene, options->skin_tone);
  if ((int) options->figure >= 0 && options->figure < SOLEUS_N_FIGURES)
    soleus_scene_set_figure (scene, options->figure);
  return scene;
}

gboolean
soleus_render_record_model_to_writer (SoleusModel               *model,
                                      const SoleusScenario      *scenario,
                                      const SoleusRecordOptions *options,
                                      SoleusFileWriter          *out,
                                      GError                   **error)
{
  g_autoptr(SoleusScene) scene = NULL;
  g_autoptr(SoleusScene) sample_scene = NULL;
  SoleusRecordOptions checked;
  SoleusRecorderFrames frames = { 0 };
  RecordModel record = { 0 };
  gboolean ok;
  guint n_frames;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!soleus_record_options_check (options, error))
    return FALSE;
  checked = *options;
  if ((int) checked.palette < 0 || checked.palette >= SOLEUS_N_PALETTES)
    checked.palette = SOLEUS_PALETTE_LIGHT;

  n_frames = soleus_record_options_get_n_frames (&checked, &record.fps);
  scene = make_scene (&checked);
  record.model = model;
  record.scenario = scenario;
  record.scene = scene;
  record.options = &checked;
  record.start_s = soleus_model_get_snapshot (model)->time_s;
  record.t_s = g_array_new (FALSE, FALSE, sizeof (double));
  record.pressure = g_array_new (FALSE, FALSE, sizeof (double));
  if (checked.chart && checked.lead_t_s != NULL && checked.lead_pressure != NULL)
    for (guint i = 0; i < checked.n_lead; i++)
      if (checked.lead_t_s[i] >= record.start_s - SOLEUS_RECORDER_CHART_SECONDS
          && checked.lead_t_s[i] < record.start_s
          && (record.t_s->len == 0
              || checked.lead_t_s[i] > g_array_index (record.t_s, double, record.t_s->len - 1)))
        {
          g_array_append_val (record.t_s, checked.lead_t_s[i]);
          g_array_append_val (record.pressure, checked.lead_pressure[i]);
        }

  frames.paint = paint_model_frame;
  frames.user_data = &record;
  frames.progress = checked.progress;
  frames.progress_data = checked.progress_data;
  frames.cancellable = checked.cancellable;
  if (checked.format == SOLEUS_VIDEO_GIF)
    {
      record.sample_model = soleus_model_copy (model);
      sample_scene = make_scene (&checked);
      record.sample_scene = sample_scene;
      frames.sample = paint_model_sample;
    }

  ok = soleus_recorder_write_to_writer (out, checked.format, checked.width, checked.height,
                                        n_frames, record.fps, &frames, error);

  g_clear_pointer (&record.sample_model, soleus_model_free);
  g_array_unref (record.t_s);
  g_array_unref (record.pressure);
  return ok;
}

gboolean
soleus_render_record_model (SoleusModel                *model,
                            const SoleusScenario       *scenario,
                            const SoleusRecordOptions  *options,
                            const char                 *path,
                            GError                    **error)
{
  g_autoptr(SoleusFileWriter) out = NULL;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing appears for options out of range or a format this system
   * cannot write. */
  if (!soleus_record_options_check (options, error) ||
      !soleus_video_format_is_available (options->format, error))
    return FALSE;

  out = soleus_render_open_writer (path, error);
  return out != NULL &&
         soleus_render_record_model_to_writer (model, scenario, options, out, error) &&
         soleus_render_commit_writer (out, error);
}
