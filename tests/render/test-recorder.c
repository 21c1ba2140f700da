/* test-recorder.c: video recordings, read back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GIFs are parsed and decoded here without the recorder's code (the
 * header, the palette, every frame's control extension and its LZW data,
 * composed as a viewer would) and compared with the frames painted
 * directly. MP4 and WebM files are read back through GStreamer: the
 * container and codec, the size, the number of frames and their times,
 * and the first frame decoded and compared with the painted one.
 */

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include "soleus-recorder.h"
#include "soleus-render-export.h"
#include "soleus-scenario.h"

static char *tmpdir;

#define TEST_ERROR (g_quark_from_static_string ("test-recorder-error"))

/* Distinct colours in a sample of the image: a blank image has one. */
static guint
count_colours (cairo_surface_t *s)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      {
        guint32 p = ((guint32 *) (cairo_image_surface_get_data (s) + y * stride))[x];

        g_hash_table_add (seen, GUINT_TO_POINTER (p & 0xf8f8f8));
      }
  return g_hash_table_size (seen);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  return g_dir_read_name (dir) == NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        remove_tree (child);
      }
  if (g_rmdir (path) != 0)
    g_unlink (path);
}

static char *
make_dir (void)
{
  g_autofree char *name = g_strdup_printf ("case-%u", g_test_rand_int_range (0, G_MAXINT32));
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  return path;
}

/* ---------------------------------------------------------------------- */
/* A synthetic animation: a fixed backdrop and a square that moves across
 * it, standing still for frames 4 and 5 (an unchanged frame). */

#define SQUARE_FRAMES 9

typedef struct
{
  guint fail_at;        /* G_MAXUINT: never */
  gboolean set_error;
  guint n_painted;
} SquareData;

static void
paint_square (cairo_t *cr,
              guint    index,
              double   width,
              double   height)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, width, height);
  guint step = index == 5 ? 4 : index;

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.9, 0.95, 1.0);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.2, 0.3, 0.5);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_arc (cr, 8 + step * (width - 16) / SQUARE_FRAMES, height / 2, height / 5, 0, 2 * G_PI);
  cairo_fill (cr);
}

static gboolean
paint_square_cb (cairo_t   *cr,
                 guint      index,
                 double     width,
                 double     height,
                 gpointer   user_data,
                 GError   **error)
{
  SquareData *data = user_data;

  g_assert_cmpuint (index, ==, data->n_painted);
  data->n_painted++;
  if (index == data->fail_at)
    {
      if (data->set_error)
        g_set_error_literal (error, TEST_ERROR, 42, "stopped by the test");
      return FALSE;
    }
  paint_square (cr, index, width, height);
  return TRUE;
}

static SoleusModel *
walking_model (const SoleusScenario **scenario)
{
  SoleusModel *model = soleus_model_new ();

  *scenario = soleus_scenario_find ("healthy-walk");
  g_assert_nonnull (*scenario);
  soleus_scenario_start (*scenario, model);
  soleus_scenario_advance_to (*scenario, model, 125.0);
  return model;
}

/* Any frame, out of order: for a GIF's palette. */
static gboolean
sample_square_cb (cairo_t   *cr,
                  guint      index,
                  double     width,
                  double     height,
                  gpointer   user_data,
                  GError   **error)
{
  g_assert_cmpuint (index, <, SQUARE_FRAMES);
  paint_square (cr, index, width, height);
  return TRUE;
}

static gboolean
recorder_write (const char        *path,
                SoleusVideoFormat  format,
                int                width,
                int                height,
                guint              n_frames,
                double             fps,
                SquareData        *data,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr(SoleusFileWriter) out = soleus_render_open_writer (path, error);
  SoleusRecorderFrames frames = { .paint = paint_square_cb, .sample = sample_square_cb,
                                  .user_data = data, .cancellable = cancellable };

  return out != NULL &&
         soleus_recorder_write_to_writer (out, format, width, height, n_frames, fps, &frames,
                                          error) &&
         soleus_render_commit_writer (out, error);
}

/* ---------------------------------------------------------------------- */
/* A GIF decoder (GIF89a), written from the specification */

typedef struct
{
  guint width;
  guint height;
  guint8 palette[256][3];
  guint n_frames;
  guint delay_total_cs;
  gboolean loops;
  GPtrArray *canvases;   /* cairo_surface_t, each frame composed */
} Gif;

static void
gif_free (Gif *gif)
{
  g_ptr_array_unref (gif->canvases);
  g_free (gif);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gif, gif_free)

/* Decodes LZW data of min_code_size into n indices; FALSE on bad data. */
static gboolean
lzw_decode (const guint8 *data,
            gsize         length,
            guint         min_code_size,
            guint8       *out,
            gsize         n)
{
  guint16 prefix[4096];
  guint8 suffix[4096], first[4096];
  guint8 stack[4096];
  guint clear = 1u << min_code_size, end = clear + 1;
  guint code_size = min_code_size + 1, next = clear + 2;
  gint previous = -1;
  guint32 bits = 0;
  guint n_bits = 0;
  gsize at = 0, done = 0;

  for (guint i = 0; i < clear; i++)
    {
      prefix[i] = 0xffff;
      suffix[i] = first[i] = i;
    }
  for (;;)
    {
      guint code, c, depth = 0;

      while (n_bits < code_size)
        {
          if (at >= length)
            return FALSE;
          bits |= (guint32) data[at++] << n_bits;
          n_bits += 8;
        }
      code = bits & ((1u << code_size) - 1);
      bits >>= code_size;
      n_bits -= code_size;

      if (code == clear)
        {
          code_size = min_code_size + 1;
          next = clear + 2;
          previous = -1;
          continue;
        }
      if (code == end)
        return done == n;
      if (code > next || (code == next && previous < 0))
        return FALSE;

      c = code == next ? (guint) previous : code;
      while (c >= clear + 2 || c < clear)
        {
          if (c < clear)
            {
              stack[depth++] = suffix[c];
              break;
            }
          stack[depth++] = suffix[c];
          c = prefix[c];
        }
      if (code == next)
        {
          /* The KwKwK case: the previous string and its own first byte. */
          memmove (stack + 1, stack, depth);
          stack[0] = first[previous];
          depth++;
        }
      while (depth > 0)
        {
          if (done >= n)
            return FALSE;
          out[done++] = stack[--depth];
        }
      if (previous >= 0 && next < 4096)
        {
          prefix[next] = previous;
          suffix[next] = first[code == next ? (guint) previous : code];
          first[next] = first[previous];
          next++;
          if (next == (1u << code_size) && code_size < 12)
            code_size++;
        }
      previous = code;
    }
}

static Gif *
gif_load (const char *path)
{
  g_autofree guint8 *data = NULL;
  g_autoptr(Gif) gif = g_new0 (Gif, 1);
  cairo_surface_t *canvas;
  gsize length, at;
  guint delay = 0, transparent = 256;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 13 + 768);
  g_assert_cmpmem (data, 6, "GIF89a", 6);
  gif->width = data[6] | data[7] << 8;
  gif->height = data[8] | data[9] << 8;
  g_assert_cmphex (data[10] & 0x80, ==, 0x80);   /* a global colour table */
  g_assert_cmpuint (data[10] & 7, ==, 7);         /* of 256 entries */
  memcpy (gif->palette, data + 13, 768);
  gif->canvases = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  canvas = cairo_image_surface_create (CAIRO_FORMAT_RGB24, gif->width, gif->height);
  at = 13 + 768;

  while (at < length)
    {
      guint8 kind = data[at++];

      if (kind == 0x3b)
        break;
      if (kind == 0x21)
        {
          guint8 label = data[at++];

          if (label == 0xf9)
            {
              g_assert_cmpuint (data[at], ==, 4);
              g_assert_cmpuint ((data[at + 1] >> 2) & 7, ==, 1);   /* leave in place */
              delay = data[at + 2] | data[at + 3] << 8;
              transparent = (data[at + 1] & 1) ? data[at + 4] : 256;
            }
          else if (label == 0xff && data[at] == 11 && memcmp (data + at + 1, "NETSCAPE2.0", 11) == 0)
            {
              g_assert_cmpuint (data[at + 12], ==, 3);
              gif->loops = (data[at + 14] | data[at + 15] << 8) == 0;
            }
          while (data[at] != 0)
            at += data[at] + 1;
          at++;
          continue;
        }
      g_assert_cmphex (kind, ==, 0x2c);
      {
        guint x = data[at] | data[at + 1] << 8, y = data[at + 2] | data[at + 3] << 8;
        guint w = data[at + 4] | data[at + 5] << 8, h = data[at + 6] | data[at + 7] << 8;
        g_autoptr(GByteArray) lzw = g_byte_array_new ();
        g_autofree guint8 *indices = g_malloc ((gsize) w * h);
        guint min_code_size;
        int stride = cairo_image_surface_get_stride (canvas);
        guint8 *pixels;

        g_assert_cmpuint (data[at + 8] & 0x80, ==, 0);   /* no local table */
        g_assert_cmpuint (x + w, <=, gif->width);
        g_assert_cmpuint (y + h, <=, gif->height);
        at += 9;
        min_code_size = data[at++];
        g_assert_cmpuint (min_code_size, ==, 8);
        while (data[at] != 0)
          {
            g_byte_array_append (lzw, data + at + 1, data[at]);
            at += data[at] + 1;
          }
        at++;
        g_assert_true (lzw_decode (lzw->data, lzw->len, min_code_size, indices, (gsize) w * h));

        cairo_surface_flush (canvas);
        pixels = cairo_image_surface_get_data (canvas);
        for (guint j = 0; j < h; j++)
          for (guint i = 0; i < w; i++)
            {
              guint index = indices[(gsize) j * w + i];
              guint32 *p = (guint32 *) (pixels + (gsize) (y + j) * stride) + x + i;

              if (index == transparent)
                {
                  /* The first frame has nothing below it. */
                  g_assert_true (gif->n_frames > 0);
                  continue;
                }
              *p = (guint32) gif->palette[index][0] << 16 | gif->palette[index][1] << 8 |
                   gif->palette[index][2];
            }
        cairo_surface_mark_dirty (canvas);
        {
          cairo_surface_t *copy = cairo_image_surface_create (CAIRO_FORMAT_RGB24, gif->width,
                                                              gif->height);
          cairo_t *cr = cairo_create (copy);

          cairo_set_source_surface (cr, canvas, 0, 0);
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_paint (cr);
          cairo_destroy (cr);
          g_ptr_array_add (gif->canvases, copy);
        }
        gif->n_frames++;
        gif->delay_total_cs += delay;
      }
    }
  g_assert_cmpuint (data[length - 1], ==, 0x3b);
  cairo_surface_destroy (canvas);
  return g_steal_pointer (&gif);
}

/* The mean and largest difference of any channel between two images. */
static void
compare_images (cairo_surface_t *a,
                cairo_surface_t *b,
                double          *mean,
                int             *largest)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  guint64 sum = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  *largest = 0;
  for (int y = 0; y < h; y++)
    {
      const guint8 *pa = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *pb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < 4 * w; x++)
        {
          int d;

          if (x % 4 == 3)
            continue;
          d = ABS ((int) pa[x] - (int) pb[x]);
          sum += d;
          *largest = MAX (*largest, d);
        }
    }
  *mean = (double) sum / (3.0 * w * h);
}

static cairo_surface_t *
painted_square (guint index,
                int   width,
                int   height)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (s);

  paint_square (cr, index, width, height);
  cairo_destroy (cr);
  return s;
}

/* Every frame of the GIF, composed, is the painted frame in 255 colours. */
static void
test_gif (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "square.gif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Gif) gif = NULL;
  SquareData data = { G_MAXUINT, FALSE, 0 };

  g_assert_true (recorder_write (path, SOLEUS_VIDEO_GIF, 97, 41, SQUARE_FRAMES, 30.0, &data,
                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data.n_painted, ==, SQUARE_FRAMES);

  gif = gif_load (path);
  g_assert_cmpuint (gif->width, ==, 97);
  g_assert_cmpuint (gif->height, ==, 41);
  g_assert_cmpuint (gif->n_frames, ==, SQUARE_FRAMES);
  g_assert_true (gif->loops);
  /* 9 frames at 30 per second: 0.3 s, in hundredths that add up. */
  g_assert_cmpuint (gif->delay_total_cs, ==, 30);

  for (guint i = 0; i < SQUARE_FRAMES; i++)
    {
      cairo_surface_t *painted = painted_square (i, 97, 41);
      double mean;
      int largest;

      compare_images (painted, g_ptr_array_index (gif->canvases, i), &mean, &largest);
      g_test_message ("frame %u: mean difference %.2f, largest %d", i, mean, largest);
      /* A smooth gradient in 255 colours chosen from frames sampled over
       * the whole animation, dithered; the largest differences are on
       * the ball's antialiased edge, a rare mix. */
      g_assert_cmpfloat (mean, <, 2.0);
      g_assert_cmpint (largest, <, 24);
      cairo_surface_destroy (painted);
    }
  /* The ball moves: the frames differ, but 4 and 5 are the same. */
  g_assert_cmpuint (count_colours (g_ptr_array_index (gif->canvases, 0)), >, 20);
}

/* A background's smooth shading above, and more colours than a palette
 * holds below. */
static gboolean
paint_gradient_cb (cairo_t   *cr,
                   guint      index,
                   double     width,
                   double     height,
                   gpointer   user_data,
                   GError   **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width,
                                                         (int) height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < (int) height; y++)
    for (int x = 0; x < (int) width; x++)
      {
        guint32 *pixel = (guint32 *) (data + y * stride) + x;

        /* the upper half a background's shading, from one colour to
         * another; the lower half many other colours, which take most
         * of the palette */
        if (y < 32)
          *pixel = (guint32) (200 + x * 40 / 256) << 16 | (guint32) (190 + x * 45 / 256) << 8 |
                   (guint32) (180 + x * 45 / 256);
        else
          *pixel = (guint32) x << 16 | (guint32) ((y - 32) * 8) << 8 | (guint32) ((x * 7) & 0xff);
      }
  cairo_surface_mark_dirty (surface);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (surface);
  return TRUE;
}

/* The largest difference, in any channel, between the means of the 4x4
 * blocks of two images in their first h rows: what the eye sees of a
 * smooth area. */
static double
largest_block_difference (cairo_surface_t *a,
                          cairo_surface_t *b,
                          int              h)
{
  int w = cairo_image_surface_get_width (a);
  double largest = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int by = 0; by + 4 <= h; by += 4)
    for (int bx = 0; bx + 4 <= w; bx += 4)
      for (int c = 0; c < 3; c++)
        {
          int sum = 0;

          for (int y = by; y < by + 4; y++)
            for (int x = bx; x < bx + 4; x++)
              sum += (int) cairo_image_surface_get_data (a)[y * cairo_image_surface_get_stride (a)
                                                            + 4 * x + c]
                     - (int) cairo_image_surface_get_data (b)[y * cairo_image_surface_get_stride (b)
                                                              + 4 * x + c];
          largest = MAX (largest, fabs (sum / 16.0));
        }
  return largest;
}

/* A background's smooth shading, given few of the palette's colours,
 * shows no bands: dithered, each 4x4 block keeps its mean colour within
 * 2 levels (1 here; without dithering, the steps between palette colours
 * are 3). */
static void
test_gif_gradient (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "gradient.gif", NULL);
  g_autoptr(SoleusFileWriter) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Gif) gif = NULL;
  SoleusRecorderFrames frames = { .paint = paint_gradient_cb, .sample = paint_gradient_cb };
  cairo_surface_t *painted = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 64);
  cairo_t *cr = cairo_create (painted);
  double largest;

  out = soleus_render_open_writer (path, &error);
  g_assert_no_error (error);
  g_assert_true (soleus_recorder_write_to_writer (out, SOLEUS_VIDEO_GIF, 256, 64, 1, 10.0,
                                                  &frames, &error));
  g_assert_no_error (error);
  g_assert_true (soleus_render_commit_writer (out, &error));
  g_assert_no_error (error);

  paint_gradient_cb (cr, 0, 256, 64, NULL, NULL);
  cairo_destroy (cr);
  gif = gif_load (path);
  largest = largest_block_difference (painted, g_ptr_array_index (gif->canvases, 0), 32);
  g_test_message ("largest 4x4 block difference %.2f", largest);
  g_assert_cmpfloat (largest, <, 2.0);
  cairo_surface_destroy (painted);
}

/* ---------------------------------------------------------------------- */
/* MP4 and WebM, read back through GStreamer */

typedef struct
{
  char         *caps;         /* of the demuxed stream */
  guint         n_frames;
  GstClockTime  last_pts;
  GstClockTime  duration;
  cairo_surface_t *first;     /* the first frame, decoded */
} Video;

static void
video_clear (Video *video)
{
  g_free (video->caps);
  g_clear_pointer (&video->first, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Video, video_clear)

/* The next sample, NULL at the end; fails the test on an error or when
 * nothing comes for a minute. */
static GstSample *
next_sample (GstElement *pipeline,
             GstElement *sink)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GstSample *sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
                                                        100 * GST_MSECOND);
      g_autoptr(GstMessage) message = NULL;

      if (sample != NULL)
        return sample;
      if (gst_app_sink_is_eos (GST_APP_SINK (sink)))
        return NULL;
      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      if (message != NULL)
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (message, &gst_error, NULL);
          g_error ("reading back: %s", gst_error->message);
        }
    }
  g_error ("reading back: no frame within a minute");
}

static void
run_pipeline (const char  *description,
              GstCaps    **caps,
              guint       *n_samples,
              GstClockTime *last_pts,
              GstSample  **first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) sink = NULL;
  GstSample *sample;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "sync", FALSE, NULL);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  *n_samples = 0;
  /* Polled, so that an error ends the test rather than hanging it. */
  while ((sample = next_sample (pipeline, sink)) != NULL)
    {
      GstBuffer *buffer = gst_sample_get_buffer (sample);

      if (*n_samples == 0)
        {
          if (caps != NULL)
            *caps = gst_caps_ref (gst_sample_get_caps (sample));
          if (first != NULL)
            *first = gst_sample_ref (sample);
        }
      if (last_pts != NULL && GST_BUFFER_PTS_IS_VALID (buffer))
        *last_pts = *n_samples == 0 ? GST_BUFFER_PTS (buffer)
                                    : MAX (*last_pts, GST_BUFFER_PTS (buffer));
      (*n_samples)++;
      gst_sample_unref (sample);
    }
  {
    g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
    g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    if (message != NULL)
      {
        g_autoptr(GError) gst_error = NULL;

        gst_message_parse_error (message, &gst_error, NULL);
        g_error ("reading back: %s", gst_error->message);
      }
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
video_load (const char *path,
            gboolean    mp4,
            Video      *video)
{
  g_autofree char *location = g_strescape (path, NULL);
  g_autofree char *demux = g_strdup_printf ("filesrc location=\"%s\" ! %s ! appsink name=sink",
                                            location, mp4 ? "qtdemux" : "matroskademux");
  g_autofree char *decode = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! "
                                             "videoconvert ! video/x-raw,format=BGRx ! "
                                             "appsink name=sink",
                                             location);
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstSample) first = NULL;
  guint n_decoded;

  memset (video, 0, sizeof *video);
  run_pipeline (demux, &caps, &video->n_frames, &video->last_pts, NULL);
  g_assert_nonnull (caps);
  video->caps = gst_caps_to_string (caps);

  run_pipeline (decode, NULL, &n_decoded, NULL, &first);
  g_assert_cmpuint (n_decoded, ==, video->n_frames);
  {
    GstBuffer *buffer = gst_sample_get_buffer (first);
    GstStructure *s = gst_caps_get_structure (gst_sample_get_caps (first), 0);
    int w = 0, h = 0;
    GstMapInfo map;

    g_assert_true (gst_structure_get_int (s, "width", &w));
    g_assert_true (gst_structure_get_int (s, "height", &h));
    video->first = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
    g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
    cairo_surface_flush (video->first);
    for (int y = 0; y < h; y++)
      memcpy (cairo_image_surface_get_data (video->first) +
              y * cairo_image_surface_get_stride (video->first),
              map.data + (gsize) y * w * 4, (gsize) w * 4);
    cairo_surface_mark_dirty (video->first);
    gst_buffer_unmap (buffer, &map);
  }
}

static void
check_video (SoleusVideoFormat  format,
             const char        *name,
             const char        *codec)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Video) video;
  SquareData data = { G_MAXUINT, FALSE, 0 };
  cairo_surface_t *painted;
  double mean;
  int largest;

  if (!soleus_video_format_is_available (format, &error))
    g_error ("%s", error->message);

  g_assert_true (recorder_write (path, format, 160, 96, 12, 24.0, &data, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data.n_painted, ==, 12);

  video_load (path, format == SOLEUS_VIDEO_MP4, &video);
  g_test_message ("%s: %s", name, video.caps);
  g_assert_true (g_str_has_prefix (video.caps, codec));
  g_assert_nonnull (strstr (video.caps, "width=(int)160"));
  g_assert_nonnull (strstr (video.caps, "height=(int)96"));
  g_assert_cmpuint (video.n_frames, ==, 12);
  /* Frame 11 at 11 / 24 s (WebM keeps milliseconds). */
  g_assert_cmpuint (video.last_pts, <=, gst_util_uint64_scale (11, GST_SECOND, 24));
  g_assert_cmpuint (video.last_pts, >=, gst_util_uint64_scale (11, GST_SECOND, 24) -
                                        GST_MSECOND);

  painted = painted_square (0, 160, 96);
  compare_images (painted, video.first, &mean, &largest);
  g_test_message ("first frame: mean difference %.2f, largest %d", mean, largest);
  g_assert_cmpfloat (mean, <, 6.0);
  cairo_surface_destroy (painted);
}

static void
test_mp4 (void)
{
  /* H.264 in its main profile, which presentation programs play. */
  check_video (SOLEUS_VIDEO_MP4, "square.mp4", "video/x-h264");
  {
    g_autofree char *path = g_build_filename (tmpdir, "square.mp4", NULL);
    g_auto(Video) video;

    video_load (path, TRUE, &video);
    g_assert_nonnull (strstr (video.caps, "profile=(string)main"));
  }
}

static void
test_webm (void)
{
  check_video (SOLEUS_VIDEO_WEBM, "square.webm", "video/x-vp8");
}

static void
test_formats (void)
{
  SoleusVideoFormat format;

  g_assert_true (soleus_video_format_from_path ("a.MP4", &format));
  g_assert_cmpint (format, ==, SOLEUS_VIDEO_MP4);
  g_assert_true (soleus_video_format_from_path ("/x/a.webm", &format));
  g_assert_cmpint (format, ==, SOLEUS_VIDEO_WEBM);
  g_assert_true (soleus_video_format_from_path ("a.gif", &format));
  g_assert_cmpint (format, ==, SOLEUS_VIDEO_GIF);
  g_assert_false (soleus_video_format_from_path ("a.png", &format));
  g_assert_false (soleus_video_format_from_path (".gif", &format));
  g_assert_cmpstr (soleus_video_format_to_extension (SOLEUS_VIDEO_WEBM), ==, "webm");
  /* GIF needs no GStreamer. */
  g_assert_true (soleus_video_format_is_available (SOLEUS_VIDEO_GIF, NULL));
}

static void
test_model (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "walk.gif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Gif) gif = NULL;
  const SoleusScenario *scenario;
  SoleusModel *model = walking_model (&scenario);
  SoleusRecordOptions options;
  guint n_distinct = 0;

  soleus_record_options_init (&options);
  options.format = SOLEUS_VIDEO_GIF;
  options.seconds = 1.0;
  options.fps = 10.0;
  options.width = 240;
  options.height = 150;
  options.caption = TRUE;
  options.chart = TRUE;
  g_assert_true (soleus_render_record_model (model, scenario, &options, path, &error));
  g_assert_no_error (error);
  /* Left at the last frame: 125 s + 9 / 10 s. */
  g_assert_cmpfloat_with_epsilon (soleus_model_get_snapshot (model)->time_s, 125.9, 1e-9);
  soleus_model_free (model);

  gif = gif_load (path);
  g_assert_cmpuint (gif->width, ==, 240);
  g_assert_cmpuint (gif->height, ==, 150);
  g_assert_cmpuint (gif->n_frames, ==, 10);
  g_assert_cmpuint (gif->delay_total_cs, ==, 100);
  g_assert_cmpuint (count_colours (g_ptr_array_index (gif->canvases, 0)), >, 30);

  /* The leg walks: the frames differ. */
  for (guint i = 1; i < gif->n_frames; i++)
    {
      double mean;
      int largest;

      compare_images (g_ptr_array_index (gif->canvases, i - 1),
                      g_ptr_array_index (gif->canvases, i), &mean, &largest);
      if (largest > 0)
        n_distinct++;
    }
  g_assert_cmpuint (n_distinct, >=, 8);

  /* A GIF at 60 fps keeps every other frame: 30 a second. */
  {
    g_autofree char *path2 = g_build_filename (tmpdir, "rest.gif", NULL);
    g_autoptr(Gif) rest = NULL;

    model = soleus_model_new ();
    options.seconds = 0.5;
    options.fps = 60.0;
    options.width = 32;
    options.height = 20;
    options.caption = options.chart = FALSE;
    options.palette = SOLEUS_PALETTE_DARK;
    g_assert_true (soleus_render_record_model (model, NULL, &options, path2, &error));
    g_assert_no_error (error);
    /* The model's nearest step to 14 / 30 s. */
    g_assert_cmpfloat_with_epsilon (soleus_model_get_snapshot (model)->time_s, 14.0 / 30.0,
                                    1e-3);
    soleus_model_free (model);
    rest = gif_load (path2);
    g_assert_cmpuint (rest->n_frames, ==, 15);
    g_assert_cmpuint (rest->delay_total_cs, ==, 50);
  }
}

/* How many columns of the image's lower band [y0, height) hold a pixel
 * that differs strongly (more than a quarter of the range in a channel)
 * between a and b: a drawn line, not a palette's shift. */
static int
columns_drawn_apart (cairo_surface_t *a,
                     cairo_surface_t *b,
                     int              y0)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  int n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int x = 0; x < w; x++)
    for (int y = y0; y < h; y++)
      {
        const guint8 *pa = cairo_image_surface_get_data (a)
                           + y * cairo_image_surface_get_stride (a) + 4 * x;
        const guint8 *pb = cairo_image_surface_get_data (b)
                           + y * cairo_image_surface_get_stride (b) + 4 * x;

        if (ABS (pa[0] - pb[0]) > 64 || ABS (pa[1] - pb[1]) > 64 || ABS (pa[2] - pb[2]) > 64)
          {
            n++;
            break;
          }
      }
  return n;
}

/* The first frame's chart shows the seconds before the recording when the
 * caller gives them: the curve spans the chart, not one point. Samples
 * older than the chart's span are left out. */
static void
test_chart_lead (void)
{
  const SoleusScenario *scenario = soleus_scenario_find ("healthy-walk");
  SoleusModel *lead_model = soleus_model_new ();
  g_autoptr(GArray) t_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pressure = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) old_t_s = g_array_new (FALSE, FALSE, sizeof (double));
  Gif *gifs[3];
  int width = 640, height = 400;
  int chart_top = height - (int) round (height * 0.28);

  /* The 10 s before 125 s, played again; and 10 s of the same, 20 s
   * earlier. */
  soleus_scenario_start (scenario, lead_model);
  for (int i = 100; i > 0; i--)
    {
      double time_s = 125.0 - i / 10.0;

      soleus_scenario_advance_to (scenario, lead_model, time_s);
      g_array_append_val (t_s, time_s);
      g_array_append_val (pressure, soleus_model_get_snapshot (lead_model)->ankle_pressure_mmhg);
      time_s -= 20.0;
      g_array_append_val (old_t_s, time_s);
    }
  soleus_model_free (lead_model);

  for (guint k = 0; k < G_N_ELEMENTS (gifs); k++)
    {
      g_autofree char *name = g_strdup_printf ("lead%u.gif", k);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autoptr(GError) error = NULL;
      SoleusModel *model = walking_model (&scenario);
      SoleusRecordOptions options;

      soleus_record_options_init (&options);
      options.format = SOLEUS_VIDEO_GIF;
      options.seconds = 0.1;
      options.fps = 10.0;
      options.width = width;
      options.height = height;
      options.chart = TRUE;
      if (k > 0)
        {
          options.lead_t_s = (const double *) (k == 1 ? t_s : old_t_s)->data;
          options.lead_pressure = (const double *) pressure->data;
          options.n_lead = t_s->len;
        }
      g_assert_true (soleus_render_record_model (model, scenario, &options, path, &error));
      g_assert_no_error (error);
      soleus_model_free (model);
      gifs[k] = gif_load (path);
      g_assert_cmpuint (gifs[k]->n_frames, ==, 1);
    }

  /* With the lead-in the curve crosses most of the chart's width. */
  g_assert_cmpint (columns_drawn_apart (g_ptr_array_index (gifs[0]->canvases, 0),
                                        g_ptr_array_index (gifs[1]->canvases, 0), chart_top),
                   >, width / 2);
  /* Samples from before the chart's span change nothing. */
  g_assert_cmpint (columns_drawn_apart (g_ptr_array_index (gifs[0]->canvases, 0),
                                        g_ptr_array_index (gifs[2]->canvases, 0), 0),
                   ==, 0);

  for (guint k = 0; k < G_N_ELEMENTS (gifs); k++)
    gif_free (gifs[k]);
}

static void
test_deterministic (void)
{
  g_autofree char *path1 = g_build_filename (tmpdir, "same1.gif", NULL);
  g_autofree char *path2 = g_build_filename (tmpdir, "same2.gif", NULL);
  g_autofree char *contents1 = NULL;
  g_autofree char *contents2 = NULL;
  g_autoptr(GError) error = NULL;
  gsize length1, length2;

  for (guint k = 0; k < 2; k++)
    {
      const SoleusScenario *scenario;
      SoleusModel *model = walking_model (&scenario);
      SoleusRecordOptions options;

      soleus_record_options_init (&options);
      options.format = SOLEUS_VIDEO_GIF;
      options.seconds = 0.5;
      options.fps = 24.0;
      options.width = 200;
      options.height = 125;
      options.palette = SOLEUS_PALETTE_PROJECTOR;
      g_assert_true (soleus_render_record_model (model, scenario, &options,
                                                 k == 0 ? path1 : path2, &error));
      g_assert_no_error (error);
      soleus_model_free (model);
    }

  g_assert_true (g_file_get_contents (path1, &contents1, &length1, NULL));
  g_assert_true (g_file_get_contents (path2, &contents2, &length2, NULL));
  g_assert_cmpmem (contents1, length1, contents2, length2);
}

static void
test_bad_input (void)
{
  g_autofree char *dir = make_dir ();
  SoleusModel *model = soleus_model_new ();
  const struct
  {
    SoleusVideoFormat format;
    double seconds;
    double fps;
    int    width;
    int    height;
    int    code;
  } cases[] = {
    { SOLEUS_VIDEO_GIF, 0.0, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_GIF, -1.0, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_MP4, NAN, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_MP4, 1.0, 0.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_MP4, 1.0, 0.5, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_WEBM, 1.0, 61.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_WEBM, 1.0, NAN, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_MP4, 600.5, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_GIF, INFINITY, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { SOLEUS_VIDEO_GIF, 1.0, 30.0, 15, 200, SOLEUS_RENDER_ERROR_SIZE },
    { SOLEUS_VIDEO_GIF, 1.0, 30.0, 320, 3841, SOLEUS_RENDER_ERROR_SIZE },
    { SOLEUS_VIDEO_MP4, 1.0, 30.0, -1, 200, SOLEUS_RENDER_ERROR_SIZE },
    /* 4:2:0 video needs even sides. */
    { SOLEUS_VIDEO_MP4, 1.0, 30.0, 321, 200, SOLEUS_RENDER_ERROR_SIZE },
    { SOLEUS_VIDEO_WEBM, 1.0, 30.0, 320, 201, SOLEUS_RENDER_ERROR_SIZE },
    { SOLEUS_N_VIDEO_FORMATS, 1.0, 30.0, 320, 200, SOLEUS_RENDER_ERROR_FORMAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, "bad.gif", NULL);
      SoleusRecordOptions options;

      soleus_record_options_init (&options);
      options.format = cases[i].format;
      options.seconds = cases[i].seconds;
      options.fps = cases[i].fps;
      options.width = cases[i].width;
      options.height = cases[i].height;
      g_assert_false (soleus_render_record_model (model, NULL, &options, path, &error));
      g_assert_error (error, SOLEUS_RENDER_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_true (dir_is_empty (dir));
    }
  /* Refused before anything ran. */
  g_assert_cmpuint (soleus_model_get_snapshot (model)->step, ==, 0);
  soleus_model_free (model);

  /* The limits themselves, and frame counts, at the lower level. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (dir, "bad.gif", NULL);
    SquareData data = { G_MAXUINT, FALSE, 0 };

    g_assert_false (recorder_write (path, SOLEUS_VIDEO_GIF, 64, 48, 0, 30.0, &data, NULL,
                                    &error));
    g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL);
    g_clear_error (&error);
    g_assert_false (recorder_write (path, SOLEUS_VIDEO_MP4, 64, 48,
                                    SOLEUS_RECORDER_MAX_FRAMES + 1, 30.0, &data, NULL, &error));
    g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL);
    g_clear_error (&error);
    g_assert_cmpuint (data.n_painted, ==, 0);
    g_assert_true (dir_is_empty (dir));

    g_assert_true (recorder_write (path, SOLEUS_VIDEO_GIF, SOLEUS_RECORDER_MIN_SIZE,
                                   SOLEUS_RECORDER_MIN_SIZE, 1, SOLEUS_RECORDER_MAX_FPS,
                                   &data, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_unlink (path);
  }

  /* A directory that does not exist. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *nowhere = g_build_filename (dir, "missing", "bad.mp4", NULL);
    SoleusRecordOptions options;

    model = soleus_model_new ();
    soleus_record_options_init (&options);
    options.seconds = 0.2;
    options.width = 64;
    options.height = 48;
    g_assert_false (soleus_render_record_model (model, NULL, &options, nowhere, &error));
    g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE);
    g_assert_true (dir_is_empty (dir));
    soleus_model_free (model);
  }

  remove_tree (dir);
}

static void
test_paint_fails (void)
{
  g_autofree char *dir = make_dir ();

  /* With the callback's own error, then without one, in each format. */
  for (guint f = 0; f < SOLEUS_N_VIDEO_FORMATS; f++)
    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *name = g_strdup_printf ("fail.%s",
                                                 soleus_video_format_to_extension (f));
        g_autofree char *path = g_build_filename (dir, name, NULL);
        SquareData data = { 3, k == 0, 0 };

        g_assert_false (recorder_write (path, f, 64, 48, SQUARE_FRAMES, 30.0, &data, NULL,
                                        &error));
        if (k == 0)
          g_assert_error (error, TEST_ERROR, 42);
        else
          g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE);
        g_assert_cmpuint (data.n_painted, ==, 4);
        g_assert_true (dir_is_empty (dir));
      }

  /* An older file of that name is kept as it was. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (dir, "fail.mp4", NULL);
    g_autofree char *contents = NULL;
    SquareData data = { 1, FALSE, 0 };
    gsize length;

    g_assert_true (g_file_set_contents (path, "older", -1, NULL));
    g_assert_false (recorder_write (path, SOLEUS_VIDEO_MP4, 64, 48, SQUARE_FRAMES, 30.0,
                                    &data, NULL, &error));
    g_assert_nonnull (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpstr (contents, ==, "older");
    g_unlink (path);
    g_assert_true (dir_is_empty (dir));
  }

  remove_tree (dir);
}

/* A cancelled recording stops at once and leaves nothing; an older file
 * stays. */
static void
cancel_at_frame (guint    done,
                 guint    n_frames,
                 gpointer user_data)
{
  if (done == 3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_dir ();

  for (guint f = 0; f < SOLEUS_N_VIDEO_FORMATS; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *name = g_strdup_printf ("cancel.%s",
                                               soleus_video_format_to_extension (f));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      SoleusModel *model = soleus_model_new ();
      SoleusRecordOptions options;

      g_assert_true (g_file_set_contents (path, "older", -1, NULL));
      soleus_record_options_init (&options);
      options.format = f;
      options.seconds = 2.0;
      options.width = 64;
      options.height = 48;
      options.progress = cancel_at_frame;
      options.progress_data = cancellable;
      options.cancellable = cancellable;
      g_assert_false (soleus_render_record_model (model, NULL, &options, path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* Stopped at the third frame, of 60. */
      g_assert_cmpfloat_with_epsilon (soleus_model_get_snapshot (model)->time_s, 2.0 / 30.0,
                                      1e-3);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "older");
      g_unlink (path);
      g_assert_true (dir_is_empty (dir));
      soleus_model_free (model);
    }
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);
  tmpdir = g_dir_make_tmp ("soleus-recorder-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/render/recorder/formats", test_formats);
  g_test_add_func ("/render/recorder/gif", test_gif);
  g_test_add_func ("/render/recorder/gif-gradient", test_gif_gradient);
  g_test_add_func ("/render/recorder/mp4", test_mp4);
  g_test_add_func ("/render/recorder/webm", test_webm);
  g_test_add_func ("/render/recorder/model", test_model);
  g_test_add_func ("/render/recorder/chart-lead", test_chart_lead);
  g_test_add_func ("/render/recorder/deterministic", test_deterministic);
  g_test_add_func ("/render/recorder/bad-input", test_bad_input);
  g_test_add_func ("/render/recorder/paint-fails", test_paint_fails);
  g_test_add_func ("/render/recorder/cancel", test_cancel);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
