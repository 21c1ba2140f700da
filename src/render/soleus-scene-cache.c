/* soleus-scene-cache.c: the static layer and its cached surface
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

static void
draw_floor (cairo_t                   *cr,
            const SoleusPaletteColors *pal,
            double                     floor_y,
            double                     lw)
{
  cairo_rectangle (cr, -2000, floor_y, 6000, 2000);
  set_color (cr, &pal->ground);
  cairo_fill (cr);
  cairo_move_to (cr, -2000, floor_y);
  cairo_line_to (cr, 4000, floor_y);
  set_color (cr, &pal->ground_line);
  cairo_set_line_width (cr, 2 * lw);
  cairo_stroke (cr);
}

static void
draw_furniture (cairo_t          *cr,
                const FrameState *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  double lw = fs->lw;
  const Stance *st = &fs->st;

  switch (st->posture)
    {
    case SOLEUS_POSTURE_STANDING:
      draw_floor (cr, pal, st->floor_y, lw);
      break;

    case SOLEUS_POSTURE_SITTING:
      {
        Pt h = st->hip_pos;
        double seat = h.y + K * 9.2;

        draw_floor (cr, pal, st->floor_y, lw);

        /* a plain chair: seat, back, legs */
        set_color (cr, &pal->ground);
        cairo_rectangle (cr, h.x - K * 24, seat, K * 46, K * 4);
        cairo_rectangle (cr, h.x - K * 24, h.y - K * 48, K * 4, seat - (h.y - K * 48));
        cairo_rectangle (cr, h.x - K * 22, seat + K * 4, K * 2.5, st->floor_y - seat - K * 4);
        cairo_rectangle (cr, h.x + K * 18, seat + K * 4, K * 2.5, st->floor_y - seat - K * 4);
        cairo_fill_preserve (cr);
        set_color (cr, &pal->ground_line);
        cairo_set_line_width (cr, lw);
        cairo_stroke (cr);
      }
      break;

    case SOLEUS_POSTURE_SUPINE:
    case SOLEUS_POSTURE_LEGS_UP:
    default:
      {
        double top = st->bed_y;

        set_color (cr, &pal->ground);
        cairo_rectangle (cr, 190, top, 1180, K * 8);
        cairo_rectangle (cr, 220, top + K * 8, K * 3, FLOOR_Y - top - K * 8);
        cairo_rectangle (cr, 1320, top + K * 8, K * 3, FLOOR_Y - top - K * 8);
        cairo_fill_preserve (cr);
        set_color (cr, &pal->ground_line);
        cairo_set_line_width (cr, lw);
        cairo_stroke (cr);
        /* pillow */
        cairo_save (cr);
        cairo_translate (cr, st->hip_pos.x - K * 72, top - K * 4);
        cairo_scale (cr, K * 13, K * 4.5);
        cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
        cairo_restore (cr);
        set_color (cr, &pal->ground);
        cairo_fill_preserve (cr);
        set_color (cr, &pal->ground_line);
        cairo_stroke (cr);

        if (st->posture == SOLEUS_POSTURE_LEGS_UP)
          {
            /* a wedge cushion under the calves */
            Pt a = pose_pt (&fs->pose, F_SHANK, -8.0, 12.0);
            Pt b = pose_pt (&fs->pose, F_SHANK, -4.6, 38.0);
            Pt d = pt_unit (pt_sub (a, b));
            /* the cushion's top runs under the calf, down to the bed */
            double t = fabs (d.y) > 0.05 ? (top - b.y) / d.y : 400;
            Pt foot = pt_add (b, pt_mul (d, MIN (t, 400)));

            cairo_move_to (cr, foot.x, top);
            cairo_line_to (cr, b.x, b.y);
            cairo_line_to (cr, b.x + K * 8, b.y);
            cairo_line_to (cr, b.x + K * 8, top);
            cairo_close_path (cr);
            set_color (cr, &pal->ground);
            cairo_fill_preserve (cr);
            set_color (cr, &pal->ground_line);
            cairo_stroke (cr);
          }
      }
      break;
    }
}

/* The vignette: a radial gradient about (VIGNETTE_X, VIGNETTE_Y) from the
 * background at VIGNETTE_R0 to background_far at VIGNETTE_R1. */
#define VIGNETTE_X  700.0
#define VIGNETTE_Y  480.0
#define VIGNETTE_R0 80.0
#define VIGNETTE_R1 1100.0

static void
vignette_pattern_stops (cairo_pattern_t           *pat,
                        const SoleusPaletteColors *pal)
{
  cairo_pattern_add_color_stop_rgba (pat, 0, pal->background.r, pal->background.g,
                                     pal->background.b, 1);
  cairo_pattern_add_color_stop_rgba (pat, 1, pal->background_far.r, pal->background_far.g,
                                     pal->background_far.b, 1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* wmemset () fills 32-bit words with the C library's vector code */
G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (guint32));

static void
fill_run (guint32 *row,
          int      from,
          int      to,
          guint32  pixel)
{
  if (to > from)
    wmemset ((wchar_t *) row + from, (wchar_t) pixel, (size_t) (to - from));
}

/* The vignette written straight into an opaque image surface, each pixel
 * the gradient's colour at its centre rounded to 8 bits. Along a row the
 * colour changes only where one of the channels steps to its next value,
 * at radii known in advance: a row is a few dozen square roots and runs
 * of one colour, where a gradient, or one stretched from a small image,
 * costs some 15 instructions a pixel. The transformation is logical units
 * to pixels: x * scale + ox, y * scale + oy. */
static void
fill_vignette (cairo_surface_t           *surface,
               const SoleusPaletteColors *pal,
               double                     scale_x,
               double                     scale_y,
               double                     ox,
               double                     oy)
{
  const double from[3] = { pal->background.r, pal->background.g, pal->background.b };
  const double to[3] = { pal->background_far.r, pal->background_far.g, pal->background_far.b };
  double radius2[3 * 256 + 1];
  guint32 color[3 * 256 + 2];
  int lo[3 * 256 + 1], hi[3 * 256 + 1];
  double t_step[3 * 256 + 1];
  int n = 0, w, h, stride;
  guchar *data;

  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* where each channel's rounded value steps, as a fraction of the way */
  for (int c = 0; c < 3; c++)
    {
      double a = 255.0 * clampd (from[c], 0, 1), b = 255.0 * clampd (to[c], 0, 1);

      if (fabs (b - a) < 1e-9)
        continue;
      for (int k = 0; k < 255; k++)
        {
          double t = (k + 0.5 - a) / (b - a);

          if (t > 0.0 && t < 1.0)
            t_step[n++] = t;
        }
    }
  qsort (t_step, n, sizeof *t_step, compare_doubles);

  /* the colour between two steps, from its middle */
  for (int k = 0; k <= n; k++)
    {
      double t0 = k > 0 ? t_step[k - 1] : 0.0, t1 = k < n ? t_step[k] : 1.0;
      double t = (t0 + t1) / 2;
      guint32 px = 0xff000000u;

      for (int c = 0; c < 3; c++)
        {
          double v = 255.0 * clampd (from[c] + (to[c] - from[c]) * t, 0, 1);

          px |= (guint32) lround (v) << (16 - 8 * c);
        }
      color[k] = px;
    }
  for (int k = 0; k < n; k++)
    {
      double r = VIGNETTE_R0 + (VIGNETTE_R1 - VIGNETTE_R0) * t_step[k];

      radius2[k] = r * r;
    }

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      double ly = ((y + 0.5) - oy) / scale_y - VIGNETTE_Y;
      int centre = (int) CLAMP (floor (VIGNETTE_X * scale_x + ox), 0, w);

      /* the pixels nearer the centre than step k: [lo[k], hi[k]), each
       * range holding the one before */
      for (int k = 0; k < n; k++)
        {
          double d2 = radius2[k] - ly * ly;

          if (d2 > 0)
            {
              double half = sqrt (d2);
              double left = (VIGNETTE_X - half) * scale_x + ox - 0.5;
              double right = (VIGNETTE_X + half) * scale_x + ox - 0.5;

              lo[k] = (int) CLAMP (floor (left) + 1, 0, w);
              hi[k] = (int) CLAMP (ceil (right), 0, w);
            }
          else
            lo[k] = hi[k] = centre;
          if (k > 0)
            {
              lo[k] = MIN (lo[k], lo[k - 1]);
              hi[k] = MAX (hi[k], hi[k - 1]);
            }
          else
            {
              lo[k] = MIN (lo[k], centre);
              hi[k] = MAX (hi[k], centre);
            }
        }

      if (n == 0)
        {
          fill_run (row, 0, w, color[0]);
          continue;
        }
      fill_run (row, lo[0], hi[0], color[0]);
      for (int k = 1; k < n; k++)
        {
          fill_run (row, lo[k], lo[k - 1], color[k]);
          fill_run (row, hi[k - 1], hi[k], color[k]);
        }
      fill_run (row, 0, lo[n - 1], color[n]);
      fill_run (row, hi[n - 1], w, color[n]);
    }
  cairo_surface_mark_dirty (surface);
}

/* Everything on the static layer but its background. */
static void
draw_static_above (SoleusScene      *self,
                   cairo_t          *cr,
                   const FrameState *fs)
{
  draw_furniture (cr, fs);

  if (scene_legend_shown (self))
    soleus_scene_draw_legend (self, cr, fs->pal);

  if (scene_insets_shown (self))
    soleus_scene_draw_insets_static (self, cr, fs);
}

void
soleus_scene_draw_static (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs)
{
  cairo_pattern_t *pat;

  /* A soft vignette behind the figure, the one gradient. */
  pat = cairo_pattern_create_radial (VIGNETTE_X, VIGNETTE_Y, VIGNETTE_R0,
                                     VIGNETTE_X, VIGNETTE_Y, VIGNETTE_R1);
  vignette_pattern_stops (pat, fs->pal);
  cairo_rectangle (cr, -4000, -4000, 10000, 10000);
  cairo_set_source (cr, pat);
  cairo_fill (cr);
  cairo_pattern_destroy (pat);

  draw_static_above (self, cr, fs);
}

gboolean
soleus_scene_target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

int
soleus_scene_legs_key (const FrameState *fs)
{
  if (fs->st.posture != SOLEUS_POSTURE_LEGS_UP)
    return 0;
  return (int) lround (fs->st.hip) * 1000 + (int) lround (fs->st.knee);
}

void
soleus_scene_apply_fit (cairo_t *cr,
                        double   scale,
                        double   ox,
                        double   oy)
{
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
}

static cairo_user_data_key_t cache_memory_key;

/* The static layer's surface: opaque, every pixel written before use (the
 * vignette covers it). Its memory is asked for in huge pages where the
 * system has them: the first paint touched an 8 MB layer at 1920x1080
 * one 4 kB page at a time, some 2000 page faults, as long as a fifth of
 * the first paint in the kernel. */
static cairo_surface_t *
create_cache_surface (int width,
                      int height)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const gsize huge = 2 * 1024 * 1024;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width);
  gsize size = (gsize) stride * (gsize) height;
  void *memory = NULL;

  if (stride > 0 && size >= huge && posix_memalign (&memory, huge, size) == 0)
    {
      cairo_surface_t *surface;

      /* advice only: without huge pages it is plain memory */
      madvise (memory, size, MADV_HUGEPAGE);
      surface = cairo_image_surface_create_for_data (memory, CAIRO_FORMAT_RGB24,
                                                     width, height, stride);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
          cairo_surface_set_user_data (surface, &cache_memory_key, memory,
                                       free) == CAIRO_STATUS_SUCCESS)
        return surface;
      cairo_surface_destroy (surface);
      free (memory);
    }
#endif
  return cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
}

void
soleus_scene_paint_static_cached (SoleusScene      *self,
                                  cairo_t          *cr,
                                  const FrameState *fs,
                                  double            width,
                                  double            height)
{
  double sx = 1, sy = 1;
  int pw, ph;
  int flags = (self->show_labels ? 1 : 0) | (self->show_legend ? 2 : 0) |
              (self->compact ? 4 : 0);

  cairo_user_to_device_distance (cr, &sx, &sy);
  sx = fabs (sx) * self->scale_factor;
  sy = fabs (sy) * self->scale_factor;
  if (sx < 1e-6 || sy < 1e-6)
    return;
  pw = (int) ceil (width * sx - 1e-6);
  ph = (int) ceil (height * sy - 1e-6);
  if (pw <= 0 || ph <= 0)
    return;

  if (self->cache == NULL || self->cache_w != pw || self->cache_h != ph ||
      self->cache_posture != fs->st.posture || self->cache_palette != (int) self->palette ||
      self->cache_flags != flags || self->cache_legs_key != soleus_scene_legs_key (fs))
    {
      cairo_t *cc;

      g_clear_pointer (&self->cache, cairo_surface_destroy);
      self->cache = create_cache_surface (pw, ph);
      cc = cairo_create (self->cache);
      cairo_scale (cc, sx, sy);
      soleus_scene_apply_fit (cc, self->fit_scale, self->fit_x, self->fit_y);
      if (cairo_surface_get_type (self->cache) == CAIRO_SURFACE_TYPE_IMAGE &&
          cairo_image_surface_get_format (self->cache) == CAIRO_FORMAT_RGB24)
        {
          fill_vignette (self->cache, fs->pal, self->fit_scale * sx, self->fit_scale * sy,
                         self->fit_x * sx, self->fit_y * sy);
          draw_static_above (self, cc, fs);
        }
      else
        soleus_scene_draw_static (self, cc, fs);
      cairo_destroy (cc);
      if (self->show_labels)
        {
          /* The labels' text over the static layer: they are placed clear
           * of the figure, its swing and every line, so nothing that moves
           * passes over them, and a frame copies them with the rest */
          soleus_scene_build_label_sprites (self, cr, fs, sx, sy);
          cc = cairo_create (self->cache);
          for (int i = 0; i < N_LABELS; i++)
            if (self->label_sprite[i] != NULL)
              {
                cairo_set_source_surface (cc, self->label_sprite[i], self->sprite_x[i],
                                          self->sprite_y[i]);
                cairo_paint (cc);
              }
          cairo_destroy (cc);
        }
      cairo_surface_flush (self->cache);

      self->cache_w = pw;
      self->cache_h = ph;
      self->cache_posture = fs->st.posture;
      self->cache_palette = self->palette;
      self->cache_flags = flags;
      self->cache_legs_key = soleus_scene_legs_key (fs);
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_scale (cr, 1 / sx, 1 / sy);
  cairo_set_source_surface (cr, self->cache, 0, 0);
  /* the cache is opaque: a plain copy */
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------- */
/* The torso layer.
 *
 * The torso spans most of the figure's height, and Cairo's cost grows with
 * the rows a path spans: drawn every frame it is about a tenth of a frame.
 * Its shape depends only on the torso's frame, the palette, the line width
 * and the controls (the body's build). So it is drawn once into a sprite,
 * with its origin at the same place within a device pixel as on the
 * target, and each frame the sprite is composited at whole pixels: the
 * same picture (but for 8-bit rounding of the compositing) at a fraction
 * of the cost, while the body stands, sits or lies. Walking moves the
 * torso up and down by a different fraction of a pixel each frame: there
 * its vertical place is rounded to an eighth of a pixel (TORSO_STEPS),
 * half the spacing of the 4x4 antialiasing grid the moving layer is drawn
 * with, so that a walk needs eight sprites, each drawn at exactly the
 * place it is shown at; the torso is then at most a sixteenth of a pixel
 * from where the legs put it (a quarter-pixel grid moves its antialiased
 * edges by more than a reference allows). Anything draw_torso () comes to depend on must join TorsoKey. Vector
 * targets and rotated ones draw it directly. */


void
soleus_scene_clear_torso (SoleusScene *self)
{
  for (int i = 0; i < N_TORSO_SPRITES; i++)
    g_clear_pointer (&self->torso[i].surface, cairo_surface_destroy);
  g_clear_pointer (&self->torso_null, cairo_surface_destroy);
}

static void
torso_key_fill (TorsoKey         *key,
                SoleusScene      *self,
                const FrameState *fs,
                double            sx,
                double            sy,
                double            phase_x,
                double            phase_y)
{
  const Frame *f = &fs->pose.f[F_TORSO];

  memset (key, 0, sizeof *key);
  key->ux = f->u.x;
  key->uy = f->u.y;
  key->nx = f->n.x;
  key->ny = f->n.y;
  key->ls = f->ls;
  key->sx = sx;
  key->sy = sy;
  key->lw = fs->lw;
  key->phase_x = phase_x;
  key->phase_y = phase_y;
  key->palette = self->palette;
  key->skin_tone = self->skin_tone;
  key->posture = fs->st.posture;
  memcpy (key->controls, fs->snap->control, sizeof key->controls);
  /* the body's build as the snapshot makes it: of the shape, the torso's
   * outline reads these alone (the rest, such as the calf's bulge, moves
   * with every step of a walk) */
  key->shape.fat = fs->shape.fat;
  key->shape.fat_back = fs->shape.fat_back;
  key->shape.female = fs->shape.female;
}

/* The part boxes and anything else draw_torso () records, without
 * painting: every path falls outside an empty clip. */
static void
torso_bookkeeping (SoleusScene *self,
                   FrameState  *fs)
{
  cairo_t *nc;

  if (self->torso_null == NULL)
    self->torso_null = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  nc = cairo_create (self->torso_null);
  cairo_rectangle (nc, 0, 0, 0, 0);
  cairo_clip (nc);
  soleus_scene_draw_torso (self, nc, fs);
  cairo_destroy (nc);
}

void
soleus_scene_paint_torso (SoleusScene *self,
                          cairo_t     *cr,
                          FrameState  *fs,
                          gboolean     vector)
{
  const Frame *f = &fs->pose.f[F_TORSO];
  double S = self->scale_factor;
  cairo_matrix_t m;
  double dx, dy, fx, fy, sx, sy, phase_x, phase_y;
  TorsoSprite *sprite = NULL;
  TorsoKey key;

  cairo_get_matrix (cr, &m);
  if (vector ||
      fabs (m.xy) > 0.0 || fabs (m.yx) > 0.0 || !(m.xx > 0.0) || !(m.yy > 0.0))
    {
      soleus_scene_draw_torso (self, cr, fs);
      return;
    }

  /* the torso's origin in device pixels, split into a whole pixel and a
   * place within it */
  sx = m.xx * S;
  sy = m.yy * S;
  dx = (m.xx * f->o.x + m.x0) * S;
  dy = (m.yy * f->o.y + m.y0) * S;
  if (fs->st.walking)
    dy = round (dy * TORSO_STEPS) / TORSO_STEPS;
  fx = floor (dx);
  fy = floor (dy);
  phase_x = dx - fx;
  phase_y = dy - fy;

  torso_key_fill (&key, self, fs, sx, sy, phase_x, phase_y);
  for (int i = 0; i < N_TORSO_SPRITES && sprite == NULL; i++)
    if (self->torso[i].surface != NULL &&
        memcmp (&key, &self->torso[i].key, sizeof key) == 0)
      sprite = &self->torso[i];

  if (sprite == NULL)
    {
      Pt pts[MAX_OUTLINE];
      int n = soleus_scene_torso_outline_shaped (&fs->pose, &fs->shape, pts);
      double x_lo = G_MAXDOUBLE, x_hi = -G_MAXDOUBLE, y_lo = G_MAXDOUBLE, y_hi = -G_MAXDOUBLE;
      double margin = ceil (3.0 * fs->lw * MAX (sx, sy)) + 2.0;
      cairo_matrix_t sm;
      cairo_t *sc;
      int w, h;

      sprite = &self->torso[self->torso_next];
      self->torso_next = (self->torso_next + 1) % N_TORSO_SPRITES;

      /* the outline holds everything else the torso draws */
      for (int i = 0; i < n; i++)
        {
          double rx = (pts[i].x - f->o.x) * sx, ry = (pts[i].y - f->o.y) * sy;

          x_lo = MIN (x_lo, rx);
          x_hi = MAX (x_hi, rx);
          y_lo = MIN (y_lo, ry);
          y_hi = MAX (y_hi, ry);
        }
      sprite->x0 = (int) floor (x_lo - margin);
      sprite->y0 = (int) floor (y_lo - margin);
      w = (int) ceil (x_hi + margin) - sprite->x0 + 1;
      h = (int) ceil (y_hi + margin) - sprite->y0 + 1;

      g_clear_pointer (&sprite->surface, cairo_surface_destroy);
      sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      sc = cairo_create (sprite->surface);
      /* logical units to sprite pixels, the origin at its place */
      cairo_matrix_init (&sm, sx, 0, 0, sy,
                         -f->o.x * sx + phase_x - sprite->x0,
                         -f->o.y * sy + phase_y - sprite->y0);
      cairo_set_matrix (sc, &sm);
      cairo_set_tolerance (sc, cairo_get_tolerance (cr));
      cairo_set_antialias (sc, cairo_get_antialias (cr));
      cairo_set_line_join (sc, cairo_get_line_join (cr));
      cairo_set_miter_limit (sc, cairo_get_miter_limit (cr));
      cairo_set_line_cap (sc, cairo_get_line_cap (cr));
      soleus_scene_draw_torso (self, sc, fs);
      cairo_destroy (sc);
      cairo_surface_flush (sprite->surface);
      sprite->key = key;
    }
  else
    torso_bookkeeping (self, fs);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, 1 / S, 1 / S);
  cairo_set_source_surface (cr, sprite->surface, fx + sprite->x0, fy + sprite->y0);
  cairo_paint (cr);
  cairo_restore (cr);
}
