/* soleus-scene-cache.c: the static layer and its cached surface
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

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

void
soleus_scene_draw_static (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  cairo_pattern_t *pat;

  /* A soft vignette behind the figure, the one gradient. A radial
   * gradient over a 4K surface costs Cairo some 80 ms, so it is drawn at
   * 1/10 scale and stretched with bilinear filtering: it has no detail to
   * lose (coarser steps show pixman's 7-bit interpolation as faint
   * squares). */
  if (soleus_scene_target_is_vector (cr))
    {
      pat = cairo_pattern_create_radial (700, 480, 80, 700, 480, 1100);
      cairo_pattern_add_color_stop_rgba (pat, 0, pal->background.r, pal->background.g,
                                         pal->background.b, 1);
      cairo_pattern_add_color_stop_rgba (pat, 1, pal->background_far.r, pal->background_far.g,
                                         pal->background_far.b, 1);
      cairo_rectangle (cr, -4000, -4000, 10000, 10000);
      cairo_set_source (cr, pat);
      cairo_fill (cr);
      cairo_pattern_destroy (pat);
    }
  else
    {
      cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 180, 120);
      cairo_t *sc = cairo_create (small);

      cairo_scale (sc, 1 / 10.0, 1 / 10.0);
      cairo_translate (sc, 100, 100);
      pat = cairo_pattern_create_radial (700, 480, 80, 700, 480, 1100);
      cairo_pattern_add_color_stop_rgba (pat, 0, pal->background.r, pal->background.g,
                                         pal->background.b, 1);
      cairo_pattern_add_color_stop_rgba (pat, 1, pal->background_far.r, pal->background_far.g,
                                         pal->background_far.b, 1);
      cairo_set_source (sc, pat);
      cairo_paint (sc);
      cairo_pattern_destroy (pat);
      cairo_destroy (sc);

      cairo_save (cr);
      cairo_translate (cr, -100, -100);
      cairo_scale (cr, 10.0, 10.0);
      cairo_set_source_surface (cr, small, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (small);
    }

  draw_furniture (cr, fs);

  if (scene_legend_shown (self))
    soleus_scene_draw_legend (self, cr, pal);

  if (scene_insets_shown (self))
    soleus_scene_draw_insets_static (self, cr, fs);
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
      self->cache = cairo_surface_create_similar_image (cairo_get_target (cr),
                                                        CAIRO_FORMAT_RGB24, pw, ph);
      cc = cairo_create (self->cache);
      cairo_scale (cc, sx, sy);
      soleus_scene_apply_fit (cc, self->fit_scale, self->fit_x, self->fit_y);
      soleus_scene_draw_static (self, cc, fs);
      if (self->show_labels)
        soleus_scene_build_label_sprites (self, cr, fs, sx, sy);
      cairo_destroy (cc);
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
 * torso up and down by a different fraction of a pixel each frame, and
 * rounding that place would flip samples of Cairo's 4x4 antialiasing grid
 * along its edges, so a walking torso is drawn directly. Anything
 * draw_torso () comes to depend on must join TorsoKey. Vector targets and
 * rotated ones draw it directly too. */


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
  /* the body's build as the snapshot makes it (fat, the belly's pressure) */
  key->shape = fs->shape;
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
  if (vector || fs->st.walking ||
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
