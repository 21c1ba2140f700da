/* soleus-recorder.c: animated PNG (APNG) recordings rendered frame by frame
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Debian's libpng has no APNG API, so the chunks are written here: Cairo
 * encodes each frame as a plain PNG into memory, and its IDAT data (one
 * zlib stream, split over any number of chunks) becomes the IDAT of the
 * first frame or the fdAT of a later one. The layout, from the APNG 1.0
 * specification (https://wiki.mozilla.org/APNG_Specification):
 *
 *   signature, IHDR, acTL (num_frames, num_plays = 0: loop forever),
 *   the first PNG's other chunks before its IDAT (sBIT, pHYs, ...), tRNS,
 *   fcTL seq 0, IDAT,
 *   fcTL seq 1, fdAT seq 2, fcTL seq 3, fdAT seq 4, ...
 *   IEND
 *
 * What stands still is stored once. Every later frame covers only the
 * rectangle of pixels that changed since the frame before (fcTL x/y
 * offsets, dispose op NONE), and inside it the pixels that did not change
 * are given the key colour that tRNS declares transparent (PNG 11.3.2.1:
 * one RGB value for colour type 2), so that blend op OVER keeps the pixel
 * below and the long runs of one value compress to almost nothing. In a
 * walking leg at 960 x 540 about 6 % of the pixels change per frame while
 * their rectangle covers two thirds of it. A painted pixel of exactly the
 * key colour is stored one step of green away from it, which no one sees;
 * every other pixel is stored exactly.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "soleus-file-writer.h"
#include "soleus-recorder.h"
#include "soleus-render-export.h"
#include "soleus-scene.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* APNG fcTL dispose_op and blend_op values. */
enum
{
  APNG_DISPOSE_OP_NONE = 0,
  APNG_BLEND_OP_SOURCE = 0,
  APNG_BLEND_OP_OVER = 1,
};

/* The transparent key colour (0xRRGGBB): an odd shade of green that a
 * drawing hardly ever hits exactly. */
#define KEY_COLOUR 0x03fd05u

typedef struct
{
  guint32       length;
  char          type[4];
  const guint8 *data;      /* length bytes */
  const guint8 *raw;       /* the whole chunk: length, type, data, CRC */
  gsize         raw_length;
} PngChunk;

typedef struct
{
  int x;
  int y;
  int width;
  int height;
} FrameRect;

/* One recording on its way into out: what soleus_recorder_write_apng ()
 * was asked for, and the state of the file. */
typedef struct
{
  SoleusFileWriter *out;
  const char       *path;  /* for messages */
  int               width, height;
  guint             n_frames;
  double            fps;
  SoleusRecorderFrameFunc paint;
  gpointer          user_data;
  guint32     crc_table[256];
  guint32     sequence;    /* next fcTL / fdAT sequence number */
  guint8      ihdr[13];    /* of the first frame */
} ApngWriter;

/* ---------------------------------------------------------------------- */
/* CRC-32 of PNG chunks: ISO 3309 / ITU-T V.42, reflected polynomial
 * 0xedb88320, as in the sample code of the PNG specification (ISO/IEC
 * 15948, annex D). */

static void
init_crc_table (guint32 table[256])
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      table[n] = c;
    }
}

/* Continues a running CRC (start with 0xffffffff, finish with ^ 0xffffffff). */
static guint32
update_crc (const guint32  table[256],
            guint32        crc,
            const guint8  *data,
            gsize          length)
{
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
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

static void
put_u16 (guint8  *p,
         guint16  v)
{
  p[0] = v >> 8;
  p[1] = v;
}

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* ---------------------------------------------------------------------- */
/* Reading Cairo's PNG */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Steps to the chunk at *offset. FALSE at the end of the data or on a
 * malformed chunk (*offset is then left short of length). */
static gboolean
next_chunk (const guint8 *png,
            gsize         length,
            gsize        *offset,
            PngChunk     *chunk)
{
  gsize at = *offset;

  if (length - at < 12)
    return FALSE;
  chunk->length = get_u32 (png + at);
  if (chunk->length > 0x7fffffffu || length - at - 12 < chunk->length)
    return FALSE;
  memcpy (chunk->type, png + at + 4, 4);
  chunk->data = png + at + 8;
  chunk->raw = png + at;
  chunk->raw_length = (gsize) chunk->length + 12;
  *offset = at + chunk->raw_length;
  return TRUE;
}

static gboolean
is_chunk (const PngChunk *chunk,
          const char     *type)
{
  return memcmp (chunk->type, type, 4) == 0;
}

/* Checks the PNG's structure: the signature, IHDR first, then up to IDAT
 * (the offset of its first chunk in *idat_offset, the total of their data
 * in *idat_length), up to IEND at the very end. */
static gboolean
check_png (const guint8  *png,
           gsize          length,
           const guint8 **ihdr,
           gsize         *idat_offset,
           gsize         *idat_length)
{
  gsize offset = sizeof png_signature;
  gboolean seen_idat = FALSE;
  gboolean idat_done = FALSE;
  gboolean first = TRUE;
  PngChunk chunk;

  if (length < sizeof png_signature ||
      memcmp (png, png_signature, sizeof png_signature) != 0)
    return FALSE;

  *idat_offset = 0;
  *idat_length = 0;
  while (next_chunk (png, length, &offset, &chunk))
    {
      if (first)
        {
          if (!is_chunk (&chunk, "IHDR") || chunk.length != 13)
            return FALSE;
          *ihdr = chunk.data;
          first = FALSE;
        }
      else if (is_chunk (&chunk, "IDAT"))
        {
          /* IDAT chunks must be consecutive (PNG specification 5.6). */
          if (idat_done)
            return FALSE;
          if (!seen_idat)
            *idat_offset = chunk.raw - png;
          seen_idat = TRUE;
          if (*idat_length > G_MAXUINT32 - 4 - chunk.length)
            return FALSE;
          *idat_length += chunk.length;
        }
      else if (is_chunk (&chunk, "IEND"))
        return seen_idat && offset == length;
      else if (is_chunk (&chunk, "acTL") || is_chunk (&chunk, "fcTL") ||
               is_chunk (&chunk, "fdAT") || is_chunk (&chunk, "tRNS") ||
               is_chunk (&chunk, "PLTE"))
        return FALSE;
      else if (seen_idat)
        idat_done = TRUE;
    }
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Writing */

static void
write_bytes (ApngWriter   *writer,
             const guint8 *data,
             gsize         length)
{
  if (length > 0)
    soleus_file_writer_write (writer->out, data, length);
}

/* Writes a chunk whose data is prefix (for the fdAT sequence number) and
 * then every IDAT chunk's data from png at idat_offset. */
static void
write_chunk (ApngWriter   *writer,
             const char   *type,
             const guint8 *prefix,
             gsize         prefix_length,
             const guint8 *png,
             gsize         png_length,
             gsize         idat_offset,
             gsize         idat_length)
{
  guint32 crc = 0xffffffffu;
  gsize offset = idat_offset;
  guint8 head[8];
  guint8 tail[4];
  PngChunk chunk;

  put_u32 (head, prefix_length + idat_length);
  memcpy (head + 4, type, 4);
  write_bytes (writer, head, 8);
  crc = update_crc (writer->crc_table, crc, head + 4, 4);

  write_bytes (writer, prefix, prefix_length);
  crc = update_crc (writer->crc_table, crc, prefix, prefix_length);

  while (idat_length > 0 && next_chunk (png, png_length, &offset, &chunk) &&
         is_chunk (&chunk, "IDAT"))
    {
      write_bytes (writer, chunk.data, chunk.length);
      crc = update_crc (writer->crc_table, crc, chunk.data, chunk.length);
    }

  put_u32 (tail, crc ^ 0xffffffffu);
  write_bytes (writer, tail, 4);
}

static void
write_data_chunk (ApngWriter   *writer,
                  const char   *type,
                  const guint8 *data,
                  gsize         length)
{
  write_chunk (writer, type, data, length, NULL, 0, 0, 0);
}

static void
write_fctl (ApngWriter      *writer,
            const FrameRect *rect,
            guint16          delay_num,
            guint16          delay_den,
            guint8           blend_op)
{
  guint8 fctl[26];

  put_u32 (fctl, writer->sequence++);
  put_u32 (fctl + 4, rect->width);
  put_u32 (fctl + 8, rect->height);
  put_u32 (fctl + 12, rect->x);
  put_u32 (fctl + 16, rect->y);
  put_u16 (fctl + 20, delay_num);
  put_u16 (fctl + 22, delay_den);
  fctl[24] = APNG_DISPOSE_OP_NONE;
  fctl[25] = blend_op;
  write_data_chunk (writer, "fcTL", fctl, sizeof fctl);
}

/* The frame delay 1 / fps as the fraction fcTL holds (16-bit numerator and
 * denominator): 1000 / round (1000 fps), reduced, so 1 / 30 for 30 fps and
 * 1000 / 29970 for 29.97 fps. */
static void
frame_delay (double   fps,
             guint16 *num,
             guint16 *den)
{
  guint a = 1000;
  guint b = (guint) lround (fps * 1000.0);
  guint x = a, y = b;

  while (y != 0)
    {
      guint t = x % y;

      x = y;
      y = t;
    }
  *num = a / x;
  *den = b / x;
}

/* The smallest rectangle holding every pixel of cur that differs from prev
 * (RGB24: the top byte is ignored), or a single pixel when none does: an
 * APNG frame cannot be empty. */
static void
changed_rect (const guint8 *prev,
              const guint8 *cur,
              int           stride,
              int           width,
              int           height,
              FrameRect    *rect)
{
  int x0 = width, x1 = -1, y0 = -1, y1 = -1;

  for (int y = 0; y < height; y++)
    {
      const guint32 *p = (const guint32 *) (prev + (gsize) y * stride);
      const guint32 *c = (const guint32 *) (cur + (gsize) y * stride);
      int first = -1, last = -1;

      if (memcmp (p, c, (gsize) width * 4) == 0)
        continue;
      for (int x = 0; x < width; x++)
        if (((p[x] ^ c[x]) & 0xffffff) != 0)
          {
            first = x;
            break;
          }
      if (first < 0)
        continue;
      for (int x = width - 1; x >= first; x--)
        if (((p[x] ^ c[x]) & 0xffffff) != 0)
          {
            last = x;
            break;
          }
      if (y0 < 0)
        y0 = y;
      y1 = y;
      x0 = MIN (x0, first);
      x1 = MAX (x1, last);
    }

  if (y0 < 0)
    {
      *rect = (FrameRect) { 0, 0, 1, 1 };
      return;
    }
  *rect = (FrameRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/* Copies rect of cur into the top left of staging (same stride): the pixels
 * that differ from prev as they are (moved off the key colour), the others
 * as the key colour; without prev, every pixel as it is. */
static void
stage_rect (const guint8    *prev,
            const guint8    *cur,
            guint8          *staging,
            int              stride,
            const FrameRect *rect)
{
  for (int y = 0; y < rect->height; y++)
    {
      gsize row = (gsize) (rect->y + y) * stride + (gsize) rect->x * 4;
      const guint32 *c = (const guint32 *) (cur + row);
      const guint32 *p = prev != NULL ? (const guint32 *) (prev + row) : NULL;
      guint32 *out = (guint32 *) (staging + (gsize) y * stride);

      for (int x = 0; x < rect->width; x++)
        {
          guint32 rgb = c[x] & 0xffffff;

          if (p != NULL && rgb == (p[x] & 0xffffff))
            out[x] = KEY_COLOUR;
          else if (rgb == KEY_COLOUR)
            out[x] = KEY_COLOUR ^ 0x000100;
          else
            out[x] = rgb;
        }
    }
}

/* Encodes the top left width x height of staging as a PNG into png. */
static cairo_status_t
encode_staging (guint8          *staging,
                int              stride,
                const FrameRect *rect,
                GByteArray      *png)
{
  cairo_surface_t *sub;
  cairo_status_t status;

  sub = cairo_image_surface_create_for_data (staging, CAIRO_FORMAT_RGB24,
                                             rect->width, rect->height, stride);
  g_byte_array_set_size (png, 0);
  status = cairo_surface_write_to_png_stream (sub, append_bytes, png);
  cairo_surface_destroy (sub);
  return status;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
               _("Could not write “%s”: %s"), display, reason);
  return FALSE;
}

static gboolean
check_recording_size (int      width,
                      int      height,
                      GError **error)
{
  if (width >= SOLEUS_RECORDER_MIN_SIZE && width <= SOLEUS_RECORDER_MAX_SIZE &&
      height >= SOLEUS_RECORDER_MIN_SIZE && height <= SOLEUS_RECORDER_MAX_SIZE)
    return TRUE;

  g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SIZE,
               _("The recording size %d × %d is outside %d to %d pixels"),
               width, height, SOLEUS_RECORDER_MIN_SIZE, SOLEUS_RECORDER_MAX_SIZE);
  return FALSE;
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

/* Paints frame i on surface, over black. */
static gboolean
paint_frame (ApngWriter       *writer,
             cairo_surface_t  *surface,
             guint             i,
             GError          **error)
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
  painted = writer->paint (cr, i, writer->width, writer->height, writer->user_data,
                           &paint_error);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (!painted)
    {
      if (paint_error != NULL)
        g_propagate_error (error, g_steal_pointer (&paint_error));
      else
        {
          g_autofree char *display = g_filename_display_name (writer->path);

          g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
                       _("Could not draw frame %u of “%s”"), i + 1, display);
        }
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, writer->path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Encodes the staged rect of frame i as a PNG into png and checks that
 * Cairo wrote what the chunks below assume; ihdr and the IDAT's place
 * point into png. */
static gboolean
encode_frame (ApngWriter       *writer,
              guint             i,
              guint8           *staging,
              int               stride,
              const FrameRect  *rect,
              GByteArray       *png,
              const guint8    **ihdr,
              gsize            *idat_offset,
              gsize            *idat_length,
              GError          **error)
{
  cairo_status_t status = encode_staging (staging, stride, rect, png);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, writer->path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!check_png (png->data, png->len, ihdr, idat_offset, idat_length) ||
      get_u32 (*ihdr) != (guint32) rect->width ||
      get_u32 (*ihdr + 4) != (guint32) rect->height ||
      (*ihdr)[8] != 8 || (*ihdr)[9] != 2 ||   /* 8-bit RGB, as tRNS assumes */
      (i > 0 && memcmp (*ihdr + 8, writer->ihdr + 8, 5) != 0))
    {
      set_write_error (error, writer->path, _("Cairo wrote an unexpected PNG"));
      return FALSE;
    }
  return TRUE;
}

/* The first frame: the signature, IHDR, acTL, Cairo's chunks before IDAT,
 * tRNS, then its fcTL and IDAT. */
static void
write_first_frame (ApngWriter       *writer,
                   const GByteArray *png,
                   const guint8     *ihdr,
                   gsize             idat_offset,
                   gsize             idat_length,
                   const FrameRect  *rect,
                   guint16           delay_num,
                   guint16           delay_den)
{
  gsize offset = sizeof png_signature;
  const guint8 trns[6] = { 0, KEY_COLOUR >> 16, 0, (KEY_COLOUR >> 8) & 0xff,
                           0, KEY_COLOUR & 0xff };
  guint8 actl[8];
  PngChunk chunk;

  memcpy (writer->ihdr, ihdr, sizeof writer->ihdr);
  put_u32 (actl, writer->n_frames);
  put_u32 (actl + 4, 0);

  write_bytes (writer, png_signature, sizeof png_signature);
  write_data_chunk (writer, "IHDR", writer->ihdr, sizeof writer->ihdr);
  write_data_chunk (writer, "acTL", actl, sizeof actl);
  /* Whatever Cairo puts between IHDR and IDAT (sBIT, pHYs...). */
  next_chunk (png->data, png->len, &offset, &chunk);
  while (offset < idat_offset && next_chunk (png->data, png->len, &offset, &chunk))
    write_bytes (writer, chunk.raw, chunk.raw_length);
  write_data_chunk (writer, "tRNS", trns, sizeof trns);

  write_fctl (writer, rect, delay_num, delay_den, APNG_BLEND_OP_SOURCE);
  write_chunk (writer, "IDAT", NULL, 0, png->data, png->len,
               idat_offset, idat_length);
}

/* Paints, encodes and writes every frame into writer->out. */
static gboolean
write_frames (ApngWriter  *writer,
              GError     **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree guint8 *previous = NULL;
  g_autofree guint8 *staging = NULL;
  cairo_surface_t *surface;
  guint16 delay_num, delay_den;
  gboolean ok = FALSE;
  int stride;

  frame_delay (writer->fps, &delay_num, &delay_den);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, writer->width, writer->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, writer->path,
                       cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  stride = cairo_image_surface_get_stride (surface);
  previous = g_malloc ((gsize) stride * writer->height);
  staging = g_malloc ((gsize) stride * writer->height);

  for (guint i = 0; i < writer->n_frames; i++)
    {
      const guint8 *ihdr = NULL;
      gsize idat_offset, idat_length;
      FrameRect rect;

      if (!paint_frame (writer, surface, i, error))
        goto out;

      if (i == 0)
        rect = (FrameRect) { 0, 0, writer->width, writer->height };
      else
        changed_rect (previous, cairo_image_surface_get_data (surface), stride,
                      writer->width, writer->height, &rect);
      stage_rect (i > 0 ? previous : NULL, cairo_image_surface_get_data (surface),
                  staging, stride, &rect);
      memcpy (previous, cairo_image_surface_get_data (surface),
              (gsize) stride * writer->height);

      if (!encode_frame (writer, i, staging, stride, &rect, png,
                         &ihdr, &idat_offset, &idat_length, error))
        goto out;

      if (i == 0)
        write_first_frame (writer, png, ihdr, idat_offset, idat_length, &rect,
                           delay_num, delay_den);
      else
        {
          guint8 sequence[4];

          write_fctl (writer, &rect, delay_num, delay_den, APNG_BLEND_OP_OVER);
          put_u32 (sequence, writer->sequence++);
          write_chunk (writer, "fdAT", sequence, sizeof sequence, png->data, png->len,
                       idat_offset, idat_length);
        }

      if (!soleus_render_check_writer (writer->out, error))
        goto out;
    }

  write_data_chunk (writer, "IEND", NULL, 0);
  ok = TRUE;

out:
  cairo_surface_destroy (surface);
  return ok;
}

static gboolean
check_recording (int       width,
                 int       height,
                 guint     n_frames,
                 double    fps,
                 GError  **error)
{
  if (!check_recording_size (width, height, error) || !check_fps (fps, error))
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

gboolean
soleus_recorder_write_apng_to_writer (SoleusFileWriter         *out,
                                      int                       width,
                                      int                       height,
                                      guint                     n_frames,
                                      double                    fps,
                                      SoleusRecorderFrameFunc   paint,
                                      gpointer                  user_data,
                                      GError                  **error)
{
  ApngWriter writer = {
    .out = out, .path = soleus_file_writer_get_path (out),
    .width = width, .height = height, .n_frames = n_frames, .fps = fps,
    .paint = paint, .user_data = user_data,
  };

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_recording (width, height, n_frames, fps, error))
    return FALSE;

  init_crc_table (writer.crc_table);

  if (!write_frames (&writer, error))
    return FALSE;

  return soleus_render_check_writer (out, error);
}

gboolean
soleus_recorder_write_apng (const char               *path,
                            int                       width,
                            int                       height,
                            guint                     n_frames,
                            double                    fps,
                            SoleusRecorderFrameFunc   paint,
                            gpointer                  user_data,
                            GError                  **error)
{
  g_autoptr(SoleusFileWriter) out = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing appears for arguments out of range. */
  if (!check_recording (width, height, n_frames, fps, error))
    return FALSE;

  out = soleus_render_open_writer (path, error);
  return out != NULL &&
         soleus_recorder_write_apng_to_writer (out, width, height, n_frames, fps, paint,
                                               user_data, error) &&
         soleus_render_commit_writer (out, error);
}

/* ---------------------------------------------------------------------- */
/* Recording the model */

typedef struct
{
  SoleusModel          *model;
  const SoleusScenario *scenario;
  SoleusScene          *scene;
  double                start_s;
  double                fps;
} RecordModel;

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
    {
      double time_s = record->start_s + index / record->fps;

      if (record->scenario != NULL)
        soleus_scenario_advance_to (record->scenario, record->model, time_s);
      else
        soleus_model_advance_to (record->model, time_s);
    }

  soleus_scene_paint (record->scene, cr, soleus_model_get_snapshot (record->model),
                      width, height);
  return TRUE;
}

/* A recording's arguments, checked before anything is painted or any
 * file appears; *n_frames is its number of frames. */
static gboolean
check_record (double    seconds,
              double    fps,
              int       width,
              int       height,
              double   *n_frames,
              GError  **error)
{
  if (!(seconds > 0.0))
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL,
                   _("A recording must last more than 0 seconds, not %g"), seconds);
      return FALSE;
    }
  if (!check_fps (fps, error) || !check_recording_size (width, height, error))
    return FALSE;
  *n_frames = MAX (round (seconds * fps), 1.0);
  if (*n_frames > SOLEUS_RECORDER_MAX_FRAMES)
    {
      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL,
                   _("A recording of %g seconds at %g frames per second is longer "
                     "than the limit of %u frames"),
                   seconds, fps, (guint) SOLEUS_RECORDER_MAX_FRAMES);
      return FALSE;
    }
  return TRUE;
}

gboolean
soleus_render_record_model (SoleusModel           *model,
                            const SoleusScenario  *scenario,
                            double                 seconds,
                            double                 fps,
                            int                    width,
                            int                    height,
                            SoleusPalette          palette,
                            SoleusSkinTone         skin_tone,
                            SoleusFigure           figure,
                            const char            *path,
                            GError               **error)
{
  g_autoptr(SoleusFileWriter) out = NULL;
  double n_frames;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing appears for arguments out of range. */
  if (!check_record (seconds, fps, width, height, &n_frames, error))
    return FALSE;

  out = soleus_render_open_writer (path, error);
  return out != NULL &&
         soleus_render_record_model_to_writer (model, scenario, seconds, fps, width, height,
                                               palette, skin_tone, figure, out, error) &&
         soleus_render_commit_writer (out, error);
}

gboolean
soleus_render_record_model_to_writer (SoleusModel           *model,
                                      const SoleusScenario  *scenario,
                                      double                 seconds,
                                      double                 fps,
                                      int                    width,
                                      int                    height,
                                      SoleusPalette          palette,
                                      SoleusSkinTone         skin_tone,
                                      SoleusFigure           figure,
                                      SoleusFileWriter      *out,
                                      GError               **error)
{
  g_autoptr(SoleusScene) scene = NULL;
  RecordModel record;
  double n_frames;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_record (seconds, fps, width, height, &n_frames, error))
    return FALSE;

  if ((int) palette < 0 || palette >= SOLEUS_N_PALETTES)
    palette = SOLEUS_PALETTE_LIGHT;
  scene = soleus_scene_new ();
  soleus_scene_set_palette (scene, palette);
  if ((int) skin_tone >= 0 && skin_tone < SOLEUS_N_SKIN_TONES)
    soleus_scene_set_skin_tone (scene, skin_tone);
  if ((int) figure >= 0 && figure < SOLEUS_N_FIGURES)
    soleus_scene_set_figure (scene, figure);

  record.model = model;
  record.scenario = scenario;
  record.scene = scene;
  record.start_s = soleus_model_get_snapshot (model)->time_s;
  record.fps = fps;

  return soleus_recorder_write_apng_to_writer (out, width, height, (guint) n_frames, fps,
                                               paint_model_frame, &record, error);
}
