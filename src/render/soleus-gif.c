/* soleus-gif.c: animated GIF files from Cairo frames
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The layout (GIF89a specification, sections 17 to 27):
 *
 *   "GIF89a", logical screen descriptor (global colour table of 256),
 *   the global colour table, NETSCAPE2.0 application extension (loop
 *   forever), then per frame a graphic control extension (delay,
 *   transparent index 255, disposal "do not dispose") and an image
 *   descriptor with its LZW data in sub-blocks of up to 255 bytes, and the
 *   trailer 0x3b.
 *
 * The palette: a histogram of the samples at 5 bits per channel, cut by
 * median cut (Heckbert, "Color image quantization for frame buffer
 * display", SIGGRAPH 1982) into at most 255 boxes; each box's colour is
 * the mean of the pixels in it.
 *
 * A pixel's colour is dithered between the two palette colours around it
 * by a 4x4 ordered (Bayer) pattern, so that a smooth gradient shows no
 * bands: the nearest colour A, the one nearest to the pixel mirrored
 * about A, B, and the share of B from the pixel's place along A to B. A
 * colour within a level of A is A alone, so flat areas stay flat. The
 * pattern is fixed to the pixel's place: a still area is the same in
 * every frame. Each colour's pair is found once.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "soleus-gif.h"

#define HIST_BITS    5
#define HIST_CELLS   (1 << (3 * HIST_BITS))
#define MAX_COLOURS  255
#define TRANSPARENT  255

/* LZW with 8-bit symbols (GIF89a appendix F). */
#define LZW_CLEAR      256
#define LZW_END        257
#define LZW_FIRST_FREE 258
#define LZW_MAX_CODES  4096
#define LZW_HASH_SIZE  8191  /* a prime above twice the codes */

struct _SoleusGifWriter
{
  SoleusFileWriter *out;
  int               width;
  int               height;
  guint64          *count;        /* per histogram cell */
  guint64          *sum;          /* r, g, b sums per cell */
  guint8            palette[256][3];
  guint             n_colours;
  GHashTable       *mixes;        /* colour -> Mix, packed */
  guint8           *previous;     /* indices of the frame before */
  guint8           *current;
  guint             n_frames;
  GByteArray       *block;        /* one frame's bytes before writing */
};

static inline guint
cell_of (guint32 pixel)
{
  return ((pixel >> (16 + 8 - HIST_BITS)) & 0x1f) << (2 * HIST_BITS) |
         ((pixel >> (8 + 8 - HIST_BITS)) & 0x1f) << HIST_BITS |
         ((pixel >> (8 - HIST_BITS)) & 0x1f);
}

SoleusGifWriter *
soleus_gif_writer_new (SoleusFileWriter *out,
                       int               width,
                       int               height)
{
  SoleusGifWriter *self;

  g_return_val_if_fail (out != NULL, NULL);
  g_return_val_if_fail (width > 0 && width <= 65535 && height > 0 && height <= 65535, NULL);

  self = g_new0 (SoleusGifWriter, 1);
  self->out = out;
  self->width = width;
  self->height = height;
  self->count = g_new0 (guint64, HIST_CELLS);
  self->sum = g_new0 (guint64, 3 * HIST_CELLS);
  self->mixes = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->previous = g_malloc ((gsize) width * height);
  self->current = g_malloc ((gsize) width * height);
  self->block = g_byte_array_new ();
  return self;
}

void
soleus_gif_writer_free (SoleusGifWriter *self)
{
  if (self == NULL)
    return;
  g_free (self->count);
  g_free (self->sum);
  g_clear_pointer (&self->mixes, g_hash_table_unref);
  g_free (self->previous);
  g_free (self->current);
  g_byte_array_unref (self->block);
  g_free (self);
}

void
soleus_gif_writer_add_sample (SoleusGifWriter *self,
                              const guint8    *data,
                              int              stride)
{
  g_return_if_fail (self != NULL && self->n_frames == 0);

  for (int y = 0; y < self->height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < self->width; x++)
        {
          guint32 pixel = row[x];
          guint cell = cell_of (pixel);

          self->count[cell]++;
          self->sum[3 * cell] += (pixel >> 16) & 0xff;
          self->sum[3 * cell + 1] += (pixel >> 8) & 0xff;
          self->sum[3 * cell + 2] += pixel & 0xff;
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Median cut */

typedef struct
{
  guint   start;     /* into the cells array */
  guint   end;
  guint64 pixels;
  int     axis;      /* the widest channel */
  int     range;     /* its extent in cells */
} Box;

static int sort_axis;

static int
channel_of (guint cell,
            int   axis)
{
  return (cell >> ((2 - axis) * HIST_BITS)) & ((1 << HIST_BITS) - 1);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  guint ca = *(const guint *) a;
  guint cb = *(const guint *) b;
  int d = channel_of (ca, sort_axis) - channel_of (cb, sort_axis);

  /* Ties by the whole cell number, so that the order is total. */
  return d != 0 ? d : (ca > cb) - (ca < cb);
}

static void
measure_box (const SoleusGifWriter *self,
             const guint           *cells,
             Box                   *box)
{
  int lo[3] = { 31, 31, 31 }, hi[3] = { 0, 0, 0 };

  box->pixels = 0;
  for (guint i = box->start; i < box->end; i++)
    {
      box->pixels += self->count[cells[i]];
      for (int a = 0; a < 3; a++)
        {
          int v = channel_of (cells[i], a);

          lo[a] = MIN (lo[a], v);
          hi[a] = MAX (hi[a], v);
        }
    }
  box->axis = 0;
  box->range = hi[0] - lo[0];
  for (int a = 1; a < 3; a++)
    if (hi[a] - lo[a] > box->range)
      {
        box->axis = a;
        box->range = hi[a] - lo[a];
      }
}

static void
build_palette (SoleusGifWriter *self)
{
  g_autofree guint *cells = g_new (guint, HIST_CELLS);
  Box boxes[MAX_COLOURS];
  guint n_cells = 0, n_boxes = 1;

  for (guint c = 0; c < HIST_CELLS; c++)
    if (self->count[c] > 0)
      cells[n_cells++] = c;

  boxes[0] = (Box) { .start = 0, .end = n_cells };
  measure_box (self, cells, &boxes[0]);

  while (n_boxes < MAX_COLOURS)
    {
      double best_score = 0.0;
      guint best = 0;
      guint64 half, seen = 0;
      guint split;
      Box *box;

      /* The box with the most pixels times extent: big, varied regions
       * get more colours than rare specks. */
      for (guint b = 0; b < n_boxes; b++)
        {
          double score = (double) boxes[b].pixels * boxes[b].range;

          if (boxes[b].end - boxes[b].start > 1 && score > best_score)
            {
              best_score = score;
              best = b;
            }
        }
      if (best_score <= 0.0)
        break;

      box = &boxes[best];
      sort_axis = box->axis;
      qsort (cells + box->start, box->end - box->start, sizeof *cells, compare_cells);
      half = box->pixels / 2;
      for (split = box->start; split < box->end - 1; split++)
        {
          seen += self->count[cells[split]];
          if (seen >= half)
            break;
        }
      split++;
      if (split >= box->end)
        split = box->end - 1;

      boxes[n_boxes] = (Box) { .start = split, .end = box->end };
      box->end = split;
      measure_box (self, cells, box);
      measure_box (self, cells, &boxes[n_boxes]);
      n_boxes++;
    }

  memset (self->palette, 0, sizeof self->palette);
  self->n_colours = n_cells > 0 ? n_boxes : 1;
  for (guint b = 0; b < n_boxes && n_cells > 0; b++)
    {
      guint64 sum[3] = { 0, 0, 0 }, pixels = 0;

      for (guint i = boxes[b].start; i < boxes[b].end; i++)
        {
          pixels += self->count[cells[i]];
          for (int a = 0; a < 3; a++)
            sum[a] += self->sum[3 * cells[i] + a];
        }
      for (int a = 0; a < 3; a++)
        self->palette[b][a] = pixels > 0 ? (sum[a] + pixels / 2) / pixels : 0;
    }
}

/* The dot product of two colour differences, weighted as the eye weighs
 * the channels (about 3 : 4 : 2); of a difference with itself, the
 * distance. */
static inline int
weighted_dot (const int *a,
              const int *b)
{
  return 3 * a[0] * b[0] + 4 * a[1] * b[1] + 2 * a[2] * b[2];
}

static guint
nearest_colour (const SoleusGifWriter *self,
                const int             *rgb,
                int                    except)
{
  guint best = 0;
  int best_distance = G_MAXINT;

  for (guint i = 0; i < self->n_colours; i++)
    {
      int d[3] = { rgb[0] - self->palette[i][0], rgb[1] - self->palette[i][1],
                   rgb[2] - self->palette[i][2] };
      int distance = weighted_dot (d, d);

      if ((int) i != except && distance < best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }
  return best;
}

/* A colour's two palette colours and the share of the second, in
 * sixteenths: a | b << 8 | level << 16, with bit 24 set (never 0). */
static guint32
colour_mix (SoleusGifWriter *self,
            guint32          pixel)
{
  gpointer found = g_hash_table_lookup (self->mixes, GUINT_TO_POINTER (pixel | 1u << 24));
  int p[3] = { (pixel >> 16) & 0xff, (pixel >> 8) & 0xff, pixel & 0xff };
  int mirrored[3], e[3], ab[3];
  guint a, b = 0, level = 0;
  guint32 mix;

  if (found != NULL)
    return GPOINTER_TO_UINT (found);

  a = nearest_colour (self, p, -1);
  for (int c = 0; c < 3; c++)
    {
      e[c] = p[c] - self->palette[a][c];
      mirrored[c] = CLAMP (p[c] + e[c], 0, 255);
    }
  if (self->n_colours > 1 && weighted_dot (e, e) > 9)
    {
      int length;

      b = nearest_colour (self, mirrored, a);
      for (int c = 0; c < 3; c++)
        ab[c] = self->palette[b][c] - self->palette[a][c];
      length = weighted_dot (ab, ab);
      if (length > 0)
        {
          double share = (double) weighted_dot (e, ab) / length;

          level = (guint) CLAMP ((int) floor (share * 16.0 + 0.5), 0, 8);
        }
    }
  mix = a | b << 8 | level << 16 | 1u << 24;
  g_hash_table_insert (self->mixes, GUINT_TO_POINTER (pixel | 1u << 24), GUINT_TO_POINTER (mix));
  return mix;
}

/* ---------------------------------------------------------------------- */
/* LZW */

typedef struct
{
  GByteArray *out;
  guint8      sub[255];
  guint       n_sub;
  guint32     bits;
  guint       n_bits;
  guint       code_size;
  guint       next_code;
  guint32     keys[LZW_HASH_SIZE];   /* (prefix << 8 | symbol) + 1, 0 empty */
  guint16     codes[LZW_HASH_SIZE];
} Lzw;

static void
lzw_byte (Lzw    *lzw,
          guint8  byte)
{
  lzw->sub[lzw->n_sub++] = byte;
  if (lzw->n_sub == sizeof lzw->sub)
    {
      guint8 n = lzw->n_sub;

      g_byte_array_append (lzw->out, &n, 1);
      g_byte_array_append (lzw->out, lzw->sub, lzw->n_sub);
      lzw->n_sub = 0;
    }
}

static void
lzw_code (Lzw   *lzw,
          guint  code)
{
  lzw->bits |= (guint32) code << lzw->n_bits;
  lzw->n_bits += lzw->code_size;
  while (lzw->n_bits >= 8)
    {
      lzw_byte (lzw, lzw->bits & 0xff);
      lzw->bits >>= 8;
      lzw->n_bits -= 8;
    }
}

static void
lzw_reset (Lzw *lzw)
{
  memset (lzw->keys, 0, sizeof lzw->keys);
  lzw->code_size = 9;
  lzw->next_code = LZW_FIRST_FREE;
}

/* Appends the LZW-coded indices (minimum code size 8, then sub-blocks and
 * the block terminator) to out. */
static void
lzw_encode (GByteArray   *out,
            const guint8 *indices,
            gsize         n)
{
  Lzw *lzw = g_new0 (Lzw, 1);
  const guint8 min_code_size = 8;
  guint prefix;

  lzw->out = out;
  g_byte_array_append (out, &min_code_size, 1);
  lzw_reset (lzw);
  lzw_code (lzw, LZW_CLEAR);

  prefix = indices[0];
  for (gsize i = 1; i < n; i++)
    {
      guint8 symbol = indices[i];
      guint32 key = ((guint32) prefix << 8 | symbol) + 1;
      guint h = key % LZW_HASH_SIZE;
      gboolean found = FALSE;

      while (lzw->keys[h] != 0)
        {
          if (lzw->keys[h] == key)
            {
              found = TRUE;
              break;
            }
          h = (h + 1) % LZW_HASH_SIZE;
        }
      if (found)
        {
          prefix = lzw->codes[h];
          continue;
        }

      lzw_code (lzw, prefix);
      if (lzw->next_code < LZW_MAX_CODES)
        {
          lzw->keys[h] = key;
          lzw->codes[h] = lzw->next_code++;
          /* The decoder widens its codes one code later than it adds
           * them: widen when the next code would not fit. */
          if (lzw->next_code > (1u << lzw->code_size) && lzw->code_size < 12)
            lzw->code_size++;
        }
      else
        {
          lzw_code (lzw, LZW_CLEAR);
          lzw_reset (lzw);
        }
      prefix = symbol;
    }
  lzw_code (lzw, prefix);
  /* The decoder adds an entry on reading that last code and may widen. */
  if (lzw->next_code >= (1u << lzw->code_size) && lzw->code_size < 12)
    lzw->code_size++;
  lzw_code (lzw, LZW_END);
  if (lzw->n_bits > 0)
    lzw_byte (lzw, lzw->bits & 0xff);
  if (lzw->n_sub > 0)
    {
      guint8 count = lzw->n_sub;

      g_byte_array_append (out, &count, 1);
      g_byte_array_append (out, lzw->sub, lzw->n_sub);
    }
  {
    const guint8 terminator = 0;

    g_byte_array_append (out, &terminator, 1);
  }
  g_free (lzw);
}

/* ---------------------------------------------------------------------- */
/* Writing */

static void
put_u16le (GByteArray *out,
           guint       v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
write_header (SoleusGifWriter *self)
{
  static const guint8 netscape[] = {
    0x21, 0xff, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
    3, 1, 0, 0, 0,   /* loop count 0: forever */
  };
  GByteArray *out = self->block;
  /* Global colour table, colour resolution 8 bits, 256 entries. */
  guint8 flags[3] = { 0xf7, 0, 0 };

  g_byte_array_set_size (out, 0);
  g_byte_array_append (out, (const guint8 *) "GIF89a", 6);
  put_u16le (out, self->width);
  put_u16le (out, self->height);
  g_byte_array_append (out, flags, 3);
  g_byte_array_append (out, &self->palette[0][0], sizeof self->palette);
  g_byte_array_append (out, netscape, sizeof netscape);
  soleus_file_writer_write (self->out, out->data, out->len);
}

static void
quantize (SoleusGifWriter *self,
          const guint8    *data,
          int              stride)
{
  for (int y = 0; y < self->height; y++)
    {
      /* 4x4 Bayer thresholds */
      static const guint8 bayer[4][4] = {
        { 0, 8, 2, 10 }, { 12, 4, 14, 6 }, { 3, 11, 1, 9 }, { 15, 7, 13, 5 },
      };
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      const guint8 *threshold = bayer[y & 3];
      guint8 *indices = self->current + (gsize) y * self->width;
      guint32 last = 0, mix = 0;
      gboolean have_last = FALSE;

      for (int x = 0; x < self->width; x++)
        {
          guint32 pixel = row[x] & 0xffffff;

          if (!have_last || pixel != last)
            {
              last = pixel;
              mix = colour_mix (self, pixel);
              have_last = TRUE;
            }
          indices[x] = threshold[x & 3] < ((mix >> 16) & 0xff) ? (mix >> 8) & 0xff : mix & 0xff;
        }
    }
}

void
soleus_gif_writer_add_frame (SoleusGifWriter *self,
                             const guint8    *data,
                             int              stride,
                             guint            delay_cs)
{
  int x0 = 0, y0 = 0, x1 = self->width, y1 = self->height;
  g_autofree guint8 *indices = NULL;
  GByteArray *out = self->block;
  guint8 gce[8];

  g_return_if_fail (self != NULL);

  if (self->n_frames == 0)
    {
      gboolean sampled = FALSE;

      for (guint c = 0; c < HIST_CELLS && !sampled; c++)
        sampled = self->count[c] > 0;
      if (!sampled)
        soleus_gif_writer_add_sample (self, data, stride);
      build_palette (self);
      write_header (self);
    }

  quantize (self, data, stride);

  if (self->n_frames > 0)
    {
      /* The rectangle that changed; an empty one becomes one transparent
       * pixel, since a frame needs an image. */
      x0 = self->width;
      y0 = self->height;
      x1 = y1 = 0;
      for (int y = 0; y < self->height; y++)
        {
          const guint8 *a = self->previous + (gsize) y * self->width;
          const guint8 *b = self->current + (gsize) y * self->width;

          if (memcmp (a, b, self->width) == 0)
            continue;
          y0 = MIN (y0, y);
          y1 = y + 1;
          for (int x = 0; x < self->width; x++)
            if (a[x] != b[x])
              {
                x0 = MIN (x0, x);
                break;
              }
          for (int x = self->width - 1; x >= 0; x--)
            if (a[x] != b[x])
              {
                x1 = MAX (x1, x + 1);
                break;
              }
        }
      if (x1 <= x0 || y1 <= y0)
        {
          x0 = y0 = 0;
          x1 = y1 = 1;
        }
    }

  indices = g_malloc ((gsize) (x1 - x0) * (y1 - y0));
  for (int y = y0; y < y1; y++)
    {
      const guint8 *a = self->previous + (gsize) y * self->width;
      const guint8 *b = self->current + (gsize) y * self->width;
      guint8 *row = indices + (gsize) (y - y0) * (x1 - x0);

      for (int x = x0; x < x1; x++)
        row[x - x0] = self->n_frames > 0 && a[x] == b[x] ? TRANSPARENT : b[x];
    }

  g_byte_array_set_size (out, 0);
  /* Graphic control extension: disposal 1 (leave in place), the
   * transparent flag on later frames, the delay, index 255. */
  gce[0] = 0x21;
  gce[1] = 0xf9;
  gce[2] = 4;
  gce[3] = (1 << 2) | (self->n_frames > 0 ? 1 : 0);
  gce[4] = MIN (delay_cs, 65535u) & 0xff;
  gce[5] = (MIN (delay_cs, 65535u) >> 8) & 0xff;
  gce[6] = TRANSPARENT;
  gce[7] = 0;
  g_byte_array_append (out, gce, sizeof gce);
  {
    const guint8 separator = 0x2c, packed = 0;

    g_byte_array_append (out, &separator, 1);
    put_u16le (out, x0);
    put_u16le (out, y0);
    put_u16le (out, x1 - x0);
    put_u16le (out, y1 - y0);
    g_byte_array_append (out, &packed, 1);
  }
  lzw_encode (out, indices, (gsize) (x1 - x0) * (y1 - y0));
  soleus_file_writer_write (self->out, out->data, out->len);

  {
    guint8 *swap = self->previous;

    self->previous = self->current;
    self->current = swap;
  }
  self->n_frames++;
}

void
soleus_gif_writer_finish (SoleusGifWriter *self)
{
  const guint8 trailer = 0x3b;

  g_return_if_fail (self != NULL && self->n_frames > 0);
  soleus_file_writer_write (self->out, &trailer, 1);
}

guint
soleus_gif_writer_get_n_colours (SoleusGifWriter *self)
{
  return self->n_colours;
}
