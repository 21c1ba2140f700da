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

void
soleus_scene_draw_cells (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs)
{
  double r = cell_radius (self);
  cairo_matrix_t m;

  if (!self->show_cells)
    return;

  /* The points go to Cairo in device space, each transformed here as
   * cairo_matrix_transform_point () would: then Cairo need not, and the
   * path is the same to the bit. */
  cairo_get_matrix (cr, &m);
  cairo_save (cr);
  cairo_identity_matrix (cr);
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
