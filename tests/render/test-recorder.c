/* test-recorder.c: animated PNG recordings, taken apart chunk by chunk
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The files are parsed here without the recorder's code: chunk CRCs with a
 * bitwise CRC-32 (the recorder uses a table), the APNG control chunks
 * against the specification, and every frame decoded by rebuilding it as a
 * plain PNG for Cairo, composed at its offset and compared with the frame
 * painted directly.
 */

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "soleus-recorder.h"
#include "soleus-render-export.h"
#include "soleus-scenario.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static char *tmpdir;

#define TEST_ERROR (g_quark_from_static_string ("test-recorder-error"))

typedef struct
{
  char          type[5];
  const guint8 *data;
  guint32       length;
} Chunk;

typedef struct
{
  guint32 sequence;
  guint32 width;
  guint32 height;
  guint32 x;
  guint32 y;
  guint16 delay_num;
  guint16 delay_den;
  guint8  dispose_op;
  guint8  blend_op;
  /* The frame's image data: IDAT chunks (first frame) or fdAT payloads
   * without their sequence numbers, concatenated. */
  GByteArray *zdata;
} Frame;

typedef struct
{
  GBytes  *bytes;
  GArray  *chunks;      /* Chunk */
  GArray  *frames;      /* Frame */
  guint32  width;
  guint32  height;
  guint32  num_frames;  /* from acTL */
  guint32  num_plays;
  guint    n_fctl;
} Apng;

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
get_u16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* Bitwise CRC-32 (PNG specification, annex D), independent of the
 * recorder's table-driven one. */
static guint32
crc32_bitwise (const guint8 *data,
               gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
  return crc ^ 0xffffffffu;
}

static void
clear_frame (gpointer data)
{
  Frame *frame = data;

  g_byte_array_unref (frame->zdata);
}

static void
apng_free (Apng *apng)
{
  g_array_unref (apng->chunks);
  g_array_unref (apng->frames);
  g_bytes_unref (apng->bytes);
  g_free (apng);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Apng, apng_free)

/* Reads and checks the file as an APNG: signature, chunk CRCs, IHDR first
 * and IEND last, acTL before the first IDAT, every fcTL and fdAT sequence
 * number one more than the last, starting at 0. */
static Apng *
apng_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  Apng *apng = g_new0 (Apng, 1);
  gboolean seen_actl = FALSE;
  gboolean seen_idat = FALSE;
  guint32 next_sequence = 0;
  const guint8 *data;
  char *contents;
  gsize length;
  gsize offset;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  apng->bytes = g_bytes_new_take (contents, length);
  apng->chunks = g_array_new (FALSE, TRUE, sizeof (Chunk));
  apng->frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (apng->frames, clear_frame);
  data = (const guint8 *) contents;

  g_assert_cmpuint (length, >, sizeof png_signature);
  g_assert_cmpmem (data, sizeof png_signature, png_signature, sizeof png_signature);

  for (offset = sizeof png_signature; offset < length;)
    {
      Chunk chunk = { 0 };

      g_assert_cmpuint (length - offset, >=, 12);
      chunk.length = get_u32 (data + offset);
      g_assert_cmpuint (chunk.length, <=, length - offset - 12);
      memcpy (chunk.type, data + offset + 4, 4);
      chunk.data = data + offset + 8;
      g_assert_cmphex (crc32_bitwise (data + offset + 4, chunk.length + 4), ==,
                       get_u32 (chunk.data + chunk.length));
      offset += chunk.length + 12;

      if (apng->chunks->len == 0)
        {
          g_assert_cmpstr (chunk.type, ==, "IHDR");
          g_assert_cmpuint (chunk.length, ==, 13);
          apng->width = get_u32 (chunk.data);
          apng->height = get_u32 (chunk.data + 4);
        }
      else if (strcmp (chunk.type, "acTL") == 0)
        {
          g_assert_false (seen_actl);
          g_assert_false (seen_idat);
          g_assert_cmpuint (chunk.length, ==, 8);
          seen_actl = TRUE;
          apng->num_frames = get_u32 (chunk.data);
          apng->num_plays = get_u32 (chunk.data + 4);
        }
      else if (strcmp (chunk.type, "fcTL") == 0)
        {
          Frame frame = { 0 };

          g_assert_cmpuint (chunk.length, ==, 26);
          frame.sequence = get_u32 (chunk.data);
          g_assert_cmpuint (frame.sequence, ==, next_sequence++);
          frame.width = get_u32 (chunk.data + 4);
          frame.height = get_u32 (chunk.data + 8);
          frame.x = get_u32 (chunk.data + 12);
          frame.y = get_u32 (chunk.data + 16);
          frame.delay_num = get_u16 (chunk.data + 20);
          frame.delay_den = get_u16 (chunk.data + 22);
          frame.dispose_op = chunk.data[24];
          frame.blend_op = chunk.data[25];
          frame.zdata = g_byte_array_new ();
          g_assert_cmpuint (frame.width, >, 0);
          g_assert_cmpuint (frame.height, >, 0);
          g_assert_cmpuint (frame.x + frame.width, <=, apng->width);
          g_assert_cmpuint (frame.y + frame.height, <=, apng->height);
          g_assert_cmpuint (frame.dispose_op, <=, 2);
          g_assert_cmpuint (frame.blend_op, <=, 1);
          g_array_append_val (apng->frames, frame);
          apng->n_fctl++;
        }
      else if (strcmp (chunk.type, "IDAT") == 0)
        {
          /* The first frame's fcTL comes before IDAT: the default image
           * is part of the animation. */
          g_assert_true (seen_actl);
          g_assert_cmpuint (apng->frames->len, ==, 1);
          seen_idat = TRUE;
          g_byte_array_append (g_array_index (apng->frames, Frame, 0).zdata,
                               chunk.data, chunk.length);
        }
      else if (strcmp (chunk.type, "fdAT") == 0)
        {
          Frame *frame;

          g_assert_true (seen_idat);
          g_assert_cmpuint (chunk.length, >, 4);
          g_assert_cmpuint (get_u32 (chunk.data), ==, next_sequence++);
          g_assert_cmpuint (apng->frames->len, >=, 2);
          frame = &g_array_index (apng->frames, Frame, apng->frames->len - 1);
          g_byte_array_append (frame->zdata, chunk.data + 4, chunk.length - 4);
        }
      else if (strcmp (chunk.type, "IEND") == 0)
        {
          g_assert_cmpuint (chunk.length, ==, 0);
          g_assert_cmpuint (offset, ==, length);
        }
      g_array_append_val (apng->chunks, chunk);
    }

  g_assert_cmpstr (g_array_index (apng->chunks, Chunk, apng->chunks->len - 1).type, ==, "IEND");
  g_assert_true (seen_actl);
  g_assert_true (seen_idat);
  for (guint i = 0; i < apng->frames->len; i++)
    g_assert_cmpuint (g_array_index (apng->frames, Frame, i).zdata->len, >, 0);
  return apng;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  guint8 word[4];
  guint32 crc;
  gsize start;

  put_u32 (word, length);
  g_byte_array_append (png, word, 4);
  start = png->len;
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  crc = crc32_bitwise (png->data + start, length + 4);
  put_u32 (word, crc);
  g_byte_array_append (png, word, 4);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} ReadClosure;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  ReadClosure *r = closure;

  if (r->length - r->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Frame index as a plain PNG (the file's IHDR with the frame's size and
 * its other chunks before IDAT, such as tRNS, the frame's image data as one
 * IDAT), decoded by Cairo. */
static cairo_surface_t *
decode_frame (Apng  *apng,
              guint  index)
{
  const Chunk *ihdr = &g_array_index (apng->chunks, Chunk, 0);
  const Frame *frame = &g_array_index (apng->frames, Frame, index);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  ReadClosure closure;
  cairo_surface_t *surface;
  guint8 header[13];

  memcpy (header, ihdr->data, 13);
  put_u32 (header, frame->width);
  put_u32 (header + 4, frame->height);
  g_byte_array_append (png, png_signature, sizeof png_signature);
  append_chunk (png, "IHDR", header, 13);
  for (guint i = 1; i < apng->chunks->len; i++)
    {
      const Chunk *chunk = &g_array_index (apng->chunks, Chunk, i);

      if (strcmp (chunk->type, "IDAT") == 0)
        break;
      if (strcmp (chunk->type, "acTL") != 0 && strcmp (chunk->type, "fcTL") != 0)
        append_chunk (png, chunk->type, chunk->data, chunk->length);
    }
  append_chunk (png, "IDAT", frame->zdata->data, frame->zdata->len);
  append_chunk (png, "IEND", NULL, 0);

  closure = (ReadClosure) { png->data, png->len, 0 };
  surface = cairo_image_surface_create_from_png_stream (read_bytes, &closure);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, frame->width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, frame->height);
  return surface;
}

/* Composes frame index onto canvas, which holds the frames before it, as a
 * viewer would: dispose op NONE, blend op SOURCE for the first frame and
 * OVER (the transparent key colour keeps the pixel below) for the others. */
static void
compose_frame (Apng            *apng,
               guint            index,
               cairo_surface_t *canvas)
{
  const Frame *frame = &g_array_index (apng->frames, Frame, index);
  cairo_surface_t *image = decode_frame (apng, index);
  cairo_t *cr = cairo_create (canvas);

  g_assert_cmpuint (frame->dispose_op, ==, 0);
  g_assert_cmpuint (frame->blend_op, ==, index == 0 ? 0 : 1);
  cairo_set_operator (cr, index == 0 ? CAIRO_OPERATOR_SOURCE : CAIRO_OPERATOR_OVER);
  cairo_set_source_surface (cr, image, frame->x, frame->y);
  cairo_rectangle (cr, frame->x, frame->y, frame->width, frame->height);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_flush (canvas);
}

/* Pixels of two same-sized images that differ in colour (alpha ignored). */
static guint
count_different_pixels (cairo_surface_t *a,
                        cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    {
      const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             y * cairo_image_surface_get_stride (a));
      const guint32 *pb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        if (((pa[x] ^ pb[x]) & 0xffffff) != 0)
          n++;
    }
  return n;
}

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

static void
test_structure (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "square.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Apng) apng = NULL;
  SquareData data = { G_MAXUINT, FALSE, 0 };
  cairo_surface_t *canvas;

  g_assert_true (soleus_recorder_write_apng (path, 97, 41, SQUARE_FRAMES, 12.0,
                                             paint_square_cb, &data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data.n_painted, ==, SQUARE_FRAMES);

  apng = apng_load (path);
  g_assert_cmpuint (apng->width, ==, 97);
  g_assert_cmpuint (apng->height, ==, 41);
  g_assert_cmpuint (apng->num_frames, ==, SQUARE_FRAMES);
  g_assert_cmpuint (apng->n_fctl, ==, SQUARE_FRAMES);
  g_assert_cmpuint (apng->num_plays, ==, 0);

  /* The first frame is the whole image; each shows for 1/12 s. */
  {
    const Frame *first = &g_array_index (apng->frames, Frame, 0);

    g_assert_cmpuint (first->x, ==, 0);
    g_assert_cmpuint (first->y, ==, 0);
    g_assert_cmpuint (first->width, ==, 97);
    g_assert_cmpuint (first->height, ==, 41);
  }
  for (guint i = 0; i < apng->frames->len; i++)
    {
      const Frame *frame = &g_array_index (apng->frames, Frame, i);

      g_assert_cmpfloat_with_epsilon ((double) frame->delay_num / frame->delay_den,
                                      1.0 / 12.0, 1e-9);
    }

  /* Every frame, composed as a viewer would, is the frame as painted. */
  canvas = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 97, 41);
  for (guint i = 0; i < SQUARE_FRAMES; i++)
    {
      cairo_surface_t *expected = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 97, 41);
      cairo_t *cr = cairo_create (expected);

      paint_square (cr, i, 97, 41);
      cairo_destroy (cr);
      compose_frame (apng, i, canvas);
      g_assert_cmpuint (count_different_pixels (canvas, expected), ==, 0);
      cairo_surface_destroy (expected);
    }
  cairo_surface_destroy (canvas);

  /* Frame 5 repeats frame 4: a one-pixel update, and the unchanged
   * pixels around the moving disc are transparent. */
  {
    const Frame *same = &g_array_index (apng->frames, Frame, 5);

    g_assert_cmpuint (same->width * same->height, ==, 1);
  }
  {
    cairo_surface_t *image = decode_frame (apng, 2);
    int w = cairo_image_surface_get_width (image);
    int h = cairo_image_surface_get_height (image);
    guint n_clear = 0;

    g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image) +
                                                  y * cairo_image_surface_get_stride (image));

          n_clear += (row[x] >> 24) == 0;
        }
    g_assert_cmpuint (n_clear, >, 0);
    g_assert_cmpuint (n_clear, <, (guint) (w * h));
    cairo_surface_destroy (image);
  }
}

static void
test_first_frame (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "first.png", NULL);
  g_autoptr(GError) error = NULL;
  SquareData data = { G_MAXUINT, FALSE, 0 };
  cairo_surface_t *s;

  g_assert_true (soleus_recorder_write_apng (path, 64, 48, 3, 30.0,
                                             paint_square_cb, &data, &error));
  g_assert_no_error (error);

  /* libpng skips the APNG chunks and reads the default image. */
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 64);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 48);
  g_assert_cmpuint (count_colours (s), >, 5);
  cairo_surface_destroy (s);
}

/* A healthy leg walking (the healthy-walk scenario walks from 120 s). */
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

static void
test_model (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "walk.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Apng) apng = NULL;
  const SoleusScenario *scenario;
  SoleusModel *model = walking_model (&scenario);
  guint n_distinct = 0;
  cairo_surface_t *s;

  g_assert_true (soleus_render_record_model (model, scenario, 1.0, 10.0, 240, 150,
                                             SOLEUS_PALETTE_LIGHT, SOLEUS_SKIN_TONE_LIGHT, SOLEUS_FIGURE_MALE, path, &error));
  g_assert_no_error (error);
  /* Left at the last frame: 125 s + 9 / 10 s. */
  g_assert_cmpfloat_with_epsilon (soleus_model_get_snapshot (model)->time_s, 125.9, 1e-9);
  soleus_model_free (model);

  apng = apng_load (path);
  g_assert_cmpuint (apng->width, ==, 240);
  g_assert_cmpuint (apng->height, ==, 150);
  g_assert_cmpuint (apng->num_frames, ==, 10);
  g_assert_cmpuint (apng->n_fctl, ==, 10);

  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 240);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 150);
  g_assert_cmpuint (count_colours (s), >, 30);
  cairo_surface_destroy (s);

  /* The leg walks: the frames differ, and each decodes. */
  for (guint i = 1; i < apng->frames->len; i++)
    {
      const Frame *a = &g_array_index (apng->frames, Frame, i - 1);
      const Frame *b = &g_array_index (apng->frames, Frame, i);
      cairo_surface_t *image = decode_frame (apng, i);

      if (a->zdata->len != b->zdata->len ||
          memcmp (a->zdata->data, b->zdata->data, a->zdata->len) != 0)
        n_distinct++;
      cairo_surface_destroy (image);
    }
  g_assert_cmpuint (n_distinct, >=, 8);

  /* A model without a scenario records from its own time. */
  {
    g_autofree char *path2 = g_build_filename (tmpdir, "rest.png", NULL);
    g_autoptr(Apng) rest = NULL;

    model = soleus_model_new ();
    g_assert_true (soleus_render_record_model (model, NULL, 0.5, 4.0, 32, 20,
                                               SOLEUS_PALETTE_DARK, SOLEUS_SKIN_TONE_LIGHT, SOLEUS_FIGURE_MALE, path2, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (soleus_model_get_snapshot (model)->time_s, 0.25, 1e-9);
    soleus_model_free (model);
    rest = apng_load (path2);
    g_assert_cmpuint (rest->num_frames, ==, 2);
    g_assert_cmpuint (rest->n_fctl, ==, 2);
  }
}

static void
test_deterministic (void)
{
  g_autofree char *path1 = g_build_filename (tmpdir, "same1.png", NULL);
  g_autofree char *path2 = g_build_filename (tmpdir, "same2.png", NULL);
  g_autofree char *contents1 = NULL;
  g_autofree char *contents2 = NULL;
  g_autoptr(GError) error = NULL;
  gsize length1, length2;

  for (guint k = 0; k < 2; k++)
    {
      const SoleusScenario *scenario;
      SoleusModel *model = walking_model (&scenario);

      g_assert_true (soleus_render_record_model (model, scenario, 0.5, 24.0, 200, 125,
                                                 SOLEUS_PALETTE_PROJECTOR, SOLEUS_SKIN_TONE_LIGHT, SOLEUS_FIGURE_MALE,
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
  g_autofree char *path = g_build_filename (dir, "bad.png", NULL);
  SoleusModel *model = soleus_model_new ();
  const struct
  {
    double seconds;
    double fps;
    int    width;
    int    height;
    int    code;
  } cases[] = {
    { 0.0, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { -1.0, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { NAN, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { 1.0, 0.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { 1.0, 0.5, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { 1.0, 61.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { 1.0, NAN, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { 61.0, 60.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { INFINITY, 30.0, 320, 200, SOLEUS_RENDER_ERROR_CONTROL },
    { 1.0, 30.0, 15, 200, SOLEUS_RENDER_ERROR_SIZE },
    { 1.0, 30.0, 320, 3841, SOLEUS_RENDER_ERROR_SIZE },
    { 1.0, 30.0, -1, 200, SOLEUS_RENDER_ERROR_SIZE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (soleus_render_record_model (model, NULL, cases[i].seconds, cases[i].fps,
                                                  cases[i].width, cases[i].height,
                                                  SOLEUS_PALETTE_LIGHT, SOLEUS_SKIN_TONE_LIGHT, SOLEUS_FIGURE_MALE, path, &error));
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
    SquareData data = { G_MAXUINT, FALSE, 0 };

    g_assert_false (soleus_recorder_write_apng (path, 64, 48, 0, 30.0,
                                                paint_square_cb, &data, &error));
    g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL);
    g_clear_error (&error);
    g_assert_false (soleus_recorder_write_apng (path, 64, 48, SOLEUS_RECORDER_MAX_FRAMES + 1,
                                                30.0, paint_square_cb, &data, &error));
    g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL);
    g_clear_error (&error);
    g_assert_cmpuint (data.n_painted, ==, 0);
    g_assert_true (dir_is_empty (dir));

    g_assert_true (soleus_recorder_write_apng (path, SOLEUS_RECORDER_MIN_SIZE,
                                               SOLEUS_RECORDER_MIN_SIZE, 1,
                                               SOLEUS_RECORDER_MAX_FPS,
                                               paint_square_cb, &data, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_unlink (path);
  }

  /* A directory that does not exist. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *nowhere = g_build_filename (dir, "missing", "bad.png", NULL);
    SquareData data = { G_MAXUINT, FALSE, 0 };

    g_assert_false (soleus_recorder_write_apng (nowhere, 64, 48, 2, 30.0,
                                                paint_square_cb, &data, &error));
    g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE);
    g_assert_true (dir_is_empty (dir));
  }

  remove_tree (dir);
}

static void
test_paint_fails (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "fail.png", NULL);
  g_autofree char *contents = NULL;

  /* With the callback's own error, then without one. */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GError) error = NULL;
      SquareData data = { 3, k == 0, 0 };

      g_assert_false (soleus_recorder_write_apng (path, 64, 48, SQUARE_FRAMES, 30.0,
                                                  paint_square_cb, &data, &error));
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
    SquareData data = { 1, FALSE, 0 };
    gsize length;

    g_assert_true (g_file_set_contents (path, "older", -1, NULL));
    g_assert_false (soleus_recorder_write_apng (path, 64, 48, SQUARE_FRAMES, 30.0,
                                                paint_square_cb, &data, &error));
    g_assert_nonnull (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpstr (contents, ==, "older");
    g_unlink (path);
    g_assert_true (dir_is_empty (dir));
  }

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("soleus-recorder-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/render/recorder/structure", test_structure);
  g_test_add_func ("/render/recorder/first-frame", test_first_frame);
  g_test_add_func ("/render/recorder/model", test_model);
  g_test_add_func ("/render/recorder/deterministic", test_deterministic);
  g_test_add_func ("/render/recorder/bad-input", test_bad_input);
  g_test_add_func ("/render/recorder/paint-fails", test_paint_fails);

  ret = g_test_run ();

  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
