/* soleus-scene-cells.c: blood cells carried along the vessels
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

static guint32
hash32 (guint32 x)
{
  /* A small integer hash (Wellons' lowbias32): fixed, so cells start at the
   * same places in every run. */
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

static double
hash01 (guint32 x)
{
  return (hash32 (x) & 0xffffff) / (double) 0x1000000;
}

const double soleus_scene_cell_shape[CELL_SIDES][2] = {
  { 1, 0 }, { 0.5, 0.8660 }, { -0.5, 0.8660 }, { -1, 0 }, { -0.5, -0.8660 }, { 0.5, -0.8660 },
};

static Pt
cell_position (const PathGeom *g,
               const Cell     *cell,
               double          half,
               Pt             *dir)
{
  Pt at = soleus_scene_path_at (g, cell->s, dir);

  return pt_add (at, pt_mul (pt_perp (*dir), cell->lat * half));
}

/* Denser cells are smaller, so the lumen holds them: the area they cover
 * grows only with the square root of the density. */
static double
cell_radius (const SoleusScene *self)
{
  return K * 0.48 / pow (self->cell_density, 0.25);
}

/* Cells on an image target: each cell's coverage comes from a small sprite
 * of its hexagon turned to the nearest of cell_sprite_angles angles and
 * placed at the nearest quarter of a pixel, built once by sampling 4x4 per
 * pixel as Cairo's fast antialiasing does, and is blended straight into
 * the target's pixels. Angles are fine enough that no corner moves by more
 * than a tenth of a pixel. Cairo itself puts every corner on a quarter of
 * a pixel, so the place moves the cell by at most an eighth of a pixel
 * along each axis and otherwise gives Cairo's own pixels for it; an eighth
 * gave four times as many sprites to build while the picture is new, for
 * no difference one can see. A cell costs a few hundred instructions
 * instead of Cairo's scan conversion of its rows. */

#define CELL_SUB 4          /* places per pixel along each axis */
#define CELL_SPRITE_MAX 64  /* larger cells are drawn as paths */

/* A sprite: its first and end row holding coverage, each row's first and
 * end column, then size x size bytes of coverage in samples, 0 to 16. */
#define SPRITE_COV(sz) (2 + 2 * (sz))

void
soleus_scene_clear_cell_sprites (SoleusScene *self)
{
  if (self->cell_sprites != NULL)
    {
      for (int i = 0; i < self->cell_sprite_angles * CELL_SUB * CELL_SUB; i++)
        g_free (self->cell_sprites[i]);
      g_clear_pointer (&self->cell_sprites, g_free);
    }
  self->cell_sprite_angles = 0;
  self->cell_sprite_size = 0;
  self->cell_sprite_r = 0;
}

static guint8 *
build_cell_sprite (int    size,
                   double r,
                   double angle,
                   double cx,
                   double cy)
{
  guint8 *sprite = g_malloc0 (SPRITE_COV (size) + size * size);
  guint8 *cov = sprite + SPRITE_COV (size);
  guint8 count[CELL_SPRITE_MAX * CELL_SPRITE_MAX];
  Pt d = pt (cos (angle), sin (angle));
  Pt a = pt_mul (d, r * 0.65);
  Pt b = pt_mul (pt_perp (d), r);
  Pt v[CELL_SIDES];
  double t0 = G_MAXDOUBLE, t1 = -G_MAXDOUBLE;
  int y0 = size, y1 = 0;

  memset (count, 0, size * size);

  /* The corners in quarters of a pixel, as Cairo's scan converter for
   * CAIRO_ANTIALIAS_FAST takes them: to its 24.8 fixed point, then down to
   * the quarter. */
  for (int k = 0; k < CELL_SIDES; k++)
    {
      double co = soleus_scene_cell_shape[k][0], sn = soleus_scene_cell_shape[k][1];
      Pt p = k == 0 ? pt (cx + a.x, cy + a.y)
                    : pt (cx + a.x * co + b.x * sn, cy + a.y * co + b.y * sn);

      v[k] = pt (floor (round (p.x * 256) / 64), floor (round (p.y * 256) / 64));
    }

  /* Then, as it does, for each row of quarters the edges' places at the
   * row's top, and the quarters from the left edge's to the right edge's
   * covered: a sprite gives the pixels Cairo would give the cell alone. */
  for (int k = 0; k < CELL_SIDES; k++)
    {
      t0 = MIN (t0, v[k].y);
      t1 = MAX (t1, v[k].y);
    }
  for (int t = (int) MAX (t0, 0); t < (int) MIN (t1, 4 * size); t++)
    {
      guint8 *row = count + (t / 4) * size;
      double xl = G_MAXDOUBLE, xr = -G_MAXDOUBLE;
      int gl, gr;

      for (int k = 0; k < CELL_SIDES; k++)
        {
          Pt p0 = v[k], p1 = v[(k + 1) % CELL_SIDES];

          if ((p0.y <= t && t < p1.y) || (p1.y <= t && t < p0.y))
            {
              double x = p0.x + (t - p0.y) * (p1.x - p0.x) / (p1.y - p0.y);

              xl = MIN (xl, x);
              xr = MAX (xr, x);
            }
        }
      if (!(xl < xr))
        continue;
      gl = (int) CLAMP (floor (xl), 0, 4 * size);
      gr = (int) CLAMP (floor (xr), 0, 4 * size);
      if (gl >= gr)
        continue;
      if (gl / 4 == (gr - 1) / 4)
        row[gl / 4] += gr - gl;
      else
        {
          row[gl / 4] += 4 - gl % 4;
          for (int i = gl / 4 + 1; i < (gr - 1) / 4; i++)
            row[i] += 4;
          row[(gr - 1) / 4] += (gr - 1) % 4 + 1;
        }
    }

  for (int j = 0; j < size; j++)
    {
      int x0 = size, x1 = 0;

      for (int i = 0; i < size; i++)
        {
          int c = count[j * size + i];

          cov[j * size + i] = (guint8) c;
          if (c > 0)
            {
              x0 = MIN (x0, i);
              x1 = i + 1;
            }
        }
      sprite[2 + 2 * j] = (guint8) MIN (x0, x1);
      sprite[3 + 2 * j] = (guint8) x1;
      if (x1 > 0)
        {
          y0 = MIN (y0, j);
          y1 = j + 1;
        }
    }
  sprite[0] = (guint8) MIN (y0, y1);
  sprite[1] = (guint8) y1;
  return sprite;
}

/* x * a / 255 for each byte of x, rounded as pixman does */
static inline guint32
mul_un8x4 (guint32 x,
           guint32 a)
{
  guint32 rb = (x & 0xff00ff) * a + 0x800080;
  guint32 ag = ((x >> 8) & 0xff00ff) * a + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return rb | ag;
}

typedef struct
{
  guint32 *data;
  int      stride;      /* in pixels */
  guint32  color[17];   /* opaque, premultiplied, by samples covered */
  guint32  keep[17];    /* what is left of the pixel under it, 0 to 255 */
  guint32  alpha_or;    /* 0xff000000 for a target without alpha */
  double   scale;       /* logical units to pixels */
  double   x0, y0;      /* the pixels' place of the logical origin */
  cairo_rectangle_int_t clip[8];
  int      n_clip;
} CellTarget;

static guint8
color_byte (double c)
{
  /* as Cairo gives a solid colour to pixman: 16 bits, then the top 8 */
  return (guint8) (((guint) (CLAMP (c, 0, 1) * 65535.0 + 0.5)) >> 8);
}

/* Whether cells can be blended into the target's pixels: an image target
 * drawn onto with OVER, without rotation or uneven scale, clipped to at
 * most a few whole-pixel rectangles, and an opaque colour (overlapping
 * cells then give the same colour as one fill). */
static gboolean
cell_target (SoleusScene          *self,
             cairo_t              *cr,
             const cairo_matrix_t *m,
             const SoleusColor    *color,
             CellTarget           *t)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_format_t format;
  double sx, sy, ox, oy;
  int w, h;

  if (!self->use_cache || soleus_scene_target_is_vector (cr) ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER || color->a < 1.0 ||
      !(m->xx > 0) || fabs (m->xy) > 1e-12 * m->xx || fabs (m->yx) > 1e-12 * m->xx ||
      !G_APPROX_VALUE (m->xx, m->yy, 1e-12 * m->xx))
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  if (!(sx > 0) || !G_APPROX_VALUE (sx, sy, 1e-12 * sx))
    return FALSE;

  w = cairo_image_surface_get_width (target);
  h = cairo_image_surface_get_height (target);
  t->scale = m->xx * sx;
  t->x0 = m->x0 * sx + ox;
  t->y0 = m->y0 * sy + oy;
  t->n_clip = 0;

  /* the clip, in the space cairo_identity_matrix () gives: the device's
   * before its scale and offset */
  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS ||
      clip->num_rectangles > (int) G_N_ELEMENTS (t->clip))
    {
      cairo_rectangle_list_destroy (clip);
      return FALSE;
    }
  for (int i = 0; i < clip->num_rectangles; i++)
    {
      const cairo_rectangle_t *c = &clip->rectangles[i];
      double l = c->x * sx + ox, tp = c->y * sy + oy;
      double r = (c->x + c->width) * sx + ox, b = (c->y + c->height) * sy + oy;
      int il = (int) CLAMP (floor (l + 0.5), 0, w), it = (int) CLAMP (floor (tp + 0.5), 0, h);
      int ir = (int) CLAMP (floor (r + 0.5), 0, w), ib = (int) CLAMP (floor (b + 0.5), 0, h);

      if (ir > il && ib > it)
        t->clip[t->n_clip++] = (cairo_rectangle_int_t) { il, it, ir - il, ib - it };
    }
  cairo_rectangle_list_destroy (clip);

  cairo_surface_flush (target);
  t->data = (guint32 *) (gpointer) cairo_image_surface_get_data (target);
  t->stride = cairo_image_surface_get_stride (target) / 4;
  if (t->data == NULL)
    return FALSE;
  t->alpha_or = format == CAIRO_FORMAT_RGB24 ? 0xff000000 : 0;
  t->color[16] = 0xff000000 | (guint32) color_byte (color->r) << 16 |
                 (guint32) color_byte (color->g) << 8 | color_byte (color->b);
  for (int c = 0; c < 16; c++)
    {
      /* samples to alpha as Cairo's scan converter gives them */
      guint32 a = (guint32) (c * 16 - (c >> 4));

      t->color[c] = mul_un8x4 (t->color[16], a);
      t->keep[c] = 255 - a;
    }
  t->keep[16] = 0;
  return TRUE;
}

static void
blend_sprite (const CellTarget *t,
              const guint8     *sprite,
              int               size,
              int               px,
              int               py)
{
  const guint8 *cov = sprite + SPRITE_COV (size);

  for (int c = 0; c < t->n_clip; c++)
    {
      const cairo_rectangle_int_t *r = &t->clip[c];
      int j0 = MAX (sprite[0], r->y - py);
      int j1 = MIN (sprite[1], r->y + r->height - py);

      for (int j = j0; j < j1; j++)
        {
          int i0 = MAX (sprite[2 + 2 * j], r->x - px);
          int i1 = MIN (sprite[3 + 2 * j], r->x + r->width - px);
          guint32 *row = t->data + (gsize) (py + j) * t->stride;
          const guint8 *crow = cov + j * size;

          for (int i = i0; i < i1; i++)
            {
              guint n = crow[i];
              guint32 *p = &row[px + i];

              if (n == 16)
                *p = t->color[16];
              else if (n != 0)
                *p = (t->color[n] + mul_un8x4 (*p, t->keep[n])) | t->alpha_or;
            }
        }
    }
}

static gboolean
draw_cells_blended (SoleusScene          *self,
                    cairo_t              *cr,
                    FrameState           *fs,
                    const cairo_matrix_t *m,
                    double                r)
{
  CellTarget t;
  double rp;
  int n_angles, size, half;

  if (!cell_target (self, cr, m, &fs->pal->cell, &t))
    return FALSE;

  rp = r * t.scale;
  /* the sprite holds the cell at any of its places within a pixel, with a
   * pixel to spare */
  half = (int) ceil (rp) + 1;
  size = 2 * half + 2;
  if (size > CELL_SPRITE_MAX)
    return FALSE;
  /* half a step of angle moves a corner (at most r from the middle) by a
   * tenth of a pixel; the hexagon is the same turned by half a turn */
  n_angles = (int) CLAMP (ceil (5 * G_PI * rp), 12, 1024);
  if (self->cell_sprites == NULL || self->cell_sprite_r < rp || self->cell_sprite_r > rp)
    {
      soleus_scene_clear_cell_sprites (self);
      self->cell_sprites = g_new0 (guint8 *, n_angles * CELL_SUB * CELL_SUB);
      self->cell_sprite_angles = n_angles;
      self->cell_sprite_size = size;
      self->cell_sprite_r = rp;
    }

  for (int i = 0; i < N_PATHS; i++)
    {
      const PathGeom *g = &fs->path[i];
      double hw = MAX (g->width / 2 - r * 0.9, 0);

      for (int c = 0; c < self->n_cells[i]; c++)
        {
          Pt d;
          Pt at = cell_position (g, &self->cells[i][c], hw, &d);
          double x = t.x0 + at.x * t.scale, y = t.y0 + at.y * t.scale;
          double angle = atan2 (d.y, d.x);
          double fx, fy;
          int q, px, py, sub, idx;

          if (!(fabs (x) < 1e6 && fabs (y) < 1e6 && isfinite (angle)))
            continue;
          q = (int) floor (angle * n_angles / G_PI + 0.5);
          q %= n_angles;
          if (q < 0)
            q += n_angles;
          fx = floor (x * CELL_SUB + 0.5);
          fy = floor (y * CELL_SUB + 0.5);
          px = (int) floor (fx / CELL_SUB);
          py = (int) floor (fy / CELL_SUB);
          sub = (int) (fy - py * CELL_SUB) * CELL_SUB + (int) (fx - px * CELL_SUB);
          idx = q * CELL_SUB * CELL_SUB + sub;
          if (self->cell_sprites[idx] == NULL)
            self->cell_sprites[idx] =
              build_cell_sprite (size, rp, q * G_PI / n_angles,
                                 half + (double) (sub % CELL_SUB) / CELL_SUB,
                                 half + (double) (sub / CELL_SUB) / CELL_SUB);
          blend_sprite (&t, self->cell_sprites[idx], size, px - half, py - half);
        }
    }
  cairo_surface_mark_dirty (cairo_get_group_target (cr));
  return TRUE;
}

void
soleus_scene_draw_cells (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs)
{
  double r = cell_radius (self);
  cairo_matrix_t m;

  if (!self->show_cells)
    return;

  cairo_get_matrix (cr, &m);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  if (draw_cells_blended (self, cr, fs, &m, r))
    {
      cairo_restore (cr);
      return;
    }

  /* The points go to Cairo in device space, each transformed here as
   * cairo_matrix_transform_point () would: then Cairo need not, and the
   * path is the same to the bit. */
  for (int i = 0; i < N_PATHS; i++)
    {
      const PathGeom *g = &fs->path[i];
      double half = MAX (g->width / 2 - r * 0.9, 0);

      for (int c = 0; c < self->n_cells[i]; c++)
        {
          Pt d;
          Pt at = cell_position (g, &self->cells[i][c], half, &d);

          /* a flattened disc, edge-on to the flow: a hexagon is round at
           * this size and much cheaper than arcs. Left open: the fill
           * closes it, as cairo_close_path () would. */
          {
            Pt a = pt_mul (d, r * 0.65);
            Pt b = pt_mul (pt_perp (d), r);

            for (int k = 0; k < CELL_SIDES; k++)
              {
                double co = soleus_scene_cell_shape[k][0], sn = soleus_scene_cell_shape[k][1];
                double x = k == 0 ? at.x + a.x : at.x + a.x * co + b.x * sn;
                double y = k == 0 ? at.y + a.y : at.y + a.y * co + b.y * sn;
                double dx = m.xx * x + m.xy * y + m.x0;
                double dy = m.yx * x + m.yy * y + m.y0;

                if (k == 0)
                  cairo_move_to (cr, dx, dy);
                else
                  cairo_line_to (cr, dx, dy);
              }
          }
        }
    }
  set_color (cr, &fs->pal->cell);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
advect_inset_cells (SoleusScene          *self,
                    const SoleusSnapshot *s,
                    double                dt)
{
  for (int k = 0; k < N_INSETS; k++)
    {
      int v = self->inset_valve[k];
      double vel = soleus_scene_inset_velocity (s, v);
      /* a shut, competent valve holds the cells below it */
      double open = isfinite (s->valve[v].open) ? s->valve[v].open : 1;
      double leak = isfinite (s->valve[v].leak) ? s->valve[v].leak : 0;

      for (int i = 0; i < N_INSET_CELLS; i++)
        {
          Cell *cell = &self->inset_cells[k][i];
          /* the inset spans about 2 x 11 cm of apparent travel */
          double ns = cell->s + vel * dt / 22.0;

          if (open < 0.15 && leak < 0.005 && cell->s < 0.42 && ns > 0.42)
            ns = 0.42;
          ns -= floor (ns);
          cell->s = (float) ns;
        }
    }
}

void
soleus_scene_seed_inset_cells (SoleusScene *self)
{
  for (int k = 0; k < N_INSETS; k++)
    for (int i = 0; i < N_INSET_CELLS; i++)
      {
        guint32 h = (guint32) (k * 92821 + i * 68917 + 17);

        self->inset_cells[k][i].s = (float) ((i + hash01 (h)) / N_INSET_CELLS);
        self->inset_cells[k][i].lat = (float) (hash01 (h ^ 0x9e3779b9U) * 2.0 - 1.0);
      }
}

static void
seed_cells (SoleusScene *self)
{
  for (int i = 0; i < N_PATHS; i++)
    {
      for (int c = 0; c < self->n_cells[i]; c++)
        {
          guint32 h = (guint32) (i * 7919 + c * 104729);

          self->cells[i][c].s = (float) ((c + hash01 (h)) / self->n_cells[i]);
          self->cells[i][c].lat = (float) (hash01 (h ^ 0x5bd1e995U) * 2.0 - 1.0);
        }
    }
  soleus_scene_seed_inset_cells (self);
}

void
soleus_scene_alloc_cells (SoleusScene *self)
{
  /* Cells per path: about two per centimetre of a 1 cm vein, more in wide
   * veins, so every lumen looks equally full at rest. */
  static const double length_cm[N_PATHS] = {
    [P_FOOT_MICRO] = 8, [P_PLANTAR] = 17, [P_CALF_LOWER] = 22, [P_CALF_UPPER] = 20,
    [P_POPLITEAL] = 14, [P_FEMORAL] = 28, [P_ILIAC] = 26, [P_ABD_IVC] = 20,
    [P_THOR_IVC] = 8, [P_SAPH_CALF] = 46, [P_SAPH_THIGH] = 38, [P_PERFORATOR] = 4,
  };

  for (int i = 0; i < N_PATHS; i++)
    {
      int n = (int) ceil (length_cm[i] * soleus_scene_path_defs[i].d0_cm * 0.85 * self->cell_density);

      self->n_cells[i] = MAX (n, 3);
      self->cells[i] = g_new0 (Cell, self->n_cells[i]);
    }
  seed_cells (self);
}

static void
advect_cells (SoleusScene          *self,
              const SoleusSnapshot *s)
{
  double dt;

  if (!self->have_time || s->time_s < self->last_time_s - 1e-9 ||
      s->time_s - self->last_time_s > 5.0)
    {
      seed_cells (self);
      self->have_time = TRUE;
      self->last_time_s = s->time_s;
      self->last_step = s->step;
      return;
    }

  dt = MIN (s->time_s - self->last_time_s, 0.1);
  self->last_time_s = s->time_s;
  self->last_step = s->step;
  if (dt <= 0)
    return;

  advect_inset_cells (self, s, dt);

  for (int i = 0; i < N_PATHS; i++)
    {
      /* Path lengths in the model's centimetres, from the drawn geometry at
       * rest (the figure is drawn at K units per cm). */
      static const double length_cm[N_PATHS] = {
        [P_FOOT_MICRO] = 8, [P_PLANTAR] = 17, [P_CALF_LOWER] = 22, [P_CALF_UPPER] = 20,
        [P_POPLITEAL] = 14, [P_FEMORAL] = 28, [P_ILIAC] = 26, [P_ABD_IVC] = 20,
        [P_THOR_IVC] = 8, [P_SAPH_CALF] = 46, [P_SAPH_THIGH] = 38, [P_PERFORATOR] = 4,
      };
      double v_out = soleus_scene_path_velocity (s, i);
      double v_in = soleus_scene_path_defs[i].upstream >= 0 ? soleus_scene_path_velocity (s, soleus_scene_path_defs[i].upstream) : v_out;

      for (int c = 0; c < self->n_cells[i]; c++)
        {
          Cell *cell = &self->cells[i][c];
          /* velocity interpolated between inlet and outlet, a little
           * faster in the middle of the lumen (laminar profile) */
          double v = v_in + (v_out - v_in) * cell->s;
          double prof = 1.2 - 0.4 * cell->lat * cell->lat;
          double ns = cell->s + v * prof * dt / length_cm[i];

          ns -= floor (ns);
          cell->s = (float) ns;
        }
    }
}

void
soleus_scene_reset_cells (SoleusScene *self)
{
  g_return_if_fail (self != NULL);

  seed_cells (self);
  self->have_time = FALSE;
}

void
soleus_scene_advance (SoleusScene          *self,
                      const SoleusSnapshot *snapshot)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (snapshot != NULL);

  if (self->have_time && snapshot->step == self->last_step &&
      G_APPROX_VALUE (snapshot->time_s, self->last_time_s, 1e-12))
    return;
  advect_cells (self, snapshot);
}

guint
soleus_scene_get_cells (SoleusScene     *self,
                        SoleusSceneCell *cells,
                        guint            max_cells)
{
  double r = cell_radius (self);
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cells != NULL || max_cells == 0, 0);

  if (!self->have_geometry)
    return 0;

  for (int i = 0; i < N_PATHS; i++)
    {
      const PathGeom *g = &self->last_path[i];
      double half = MAX (g->width / 2 - r * 0.9, 0);

      for (int c = 0; c < self->n_cells[i]; c++, n++)
        {
          const Cell *cell = &self->cells[i][c];
          double v;
          Pt d, at;

          if (n >= max_cells)
            continue;
          at = cell_position (g, cell, half, &d);
          v = self->last_v_in[i] + (self->last_v_out[i] - self->last_v_in[i]) * cell->s;
          cells[n].x = (float) (self->fit_x + at.x * self->fit_scale);
          cells[n].y = (float) (self->fit_y + at.y * self->fit_scale);
          cells[n].radius = (float) (r * 0.85 * self->fit_scale);
          cells[n].backward = v < 0;
        }
    }

  for (int k = 0; k < N_INSETS; k++)
    {
      double ir = INSET_R * 0.26;
      double cell_r = ir * 0.28;

      for (int i = 0; i < N_INSET_CELLS; i++)
        {
          const Cell *cell = &self->inset_cells[k][i];
          double y = soleus_scene_inset_cy[k] + INSET_R - cell->s * 2 * INSET_R;
          double x = INSET_CX + cell->lat * ir * 0.6;
          double half = sqrt (MAX (INSET_R * INSET_R - (x - INSET_CX) * (x - INSET_CX), 0)) - cell_r;

          if (fabs (y - soleus_scene_inset_cy[k]) > half)
            continue;
          if (n < max_cells)
            {
              cells[n].x = (float) (self->fit_x + x * self->fit_scale);
              cells[n].y = (float) (self->fit_y + y * self->fit_scale);
              cells[n].radius = (float) (cell_r * 0.8 * self->fit_scale);
              cells[n].backward = self->last_inset_v[k] < 0;
            }
          n++;
        }
    }

  return n;
}

void
soleus_scene_set_cell_density (SoleusScene *self,
                               double       density)
{
  g_return_if_fail (self != NULL);

  density = CLAMP (density, 0.25, 16.0);
  if (G_APPROX_VALUE (density, self->cell_density, 1e-9))
    return;

  self->cell_density = density;
  for (int i = 0; i < N_PATHS; i++)
    g_clear_pointer (&self->cells[i], g_free);
  soleus_scene_alloc_cells (self);
}
