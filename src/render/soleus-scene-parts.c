/* soleus-scene-parts.c: named parts, their boxes and hit-testing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

static const char *body_part_names[N_BODY_PARTS] = {
  "heart", "soleus", "gastrocnemius", "foot", "ankle", "calf", "thigh", "leg",
  "torso", "plantar-plexus",
};

static const char *all_part_names[N_PARTS + 1];

static int
part_index (const char *name)
{
  for (int i = 0; i < N_PARTS; i++)
    if (g_strcmp0 (all_part_names[i], name) == 0)
      return i;
  return -1;
}

void
soleus_scene_part_reset (SoleusScene *self)
{
  memset (self->part_valid, 0, sizeof self->part_valid);
}

void
soleus_scene_part_add_pt (SoleusScene *self,
                          int          part,
                          Pt           p,
                          double       pad)
{
  double *b = self->part_box[part];

  if (!self->part_valid[part])
    {
      b[0] = p.x - pad;
      b[1] = p.y - pad;
      b[2] = p.x + pad;
      b[3] = p.y + pad;
      self->part_valid[part] = TRUE;
      return;
    }
  b[0] = MIN (b[0], p.x - pad);
  b[1] = MIN (b[1], p.y - pad);
  b[2] = MAX (b[2], p.x + pad);
  b[3] = MAX (b[3], p.y + pad);
}

void
soleus_scene_part_add_pts (SoleusScene *self,
                           int          part,
                           const Pt    *p,
                           int          n,
                           double       pad)
{
  for (int i = 0; i < n; i++)
    soleus_scene_part_add_pt (self, part, p[i], pad);
}

void
soleus_scene_init_part_names (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < N_BODY_PARTS; i++)
        all_part_names[i] = body_part_names[i];
      for (int i = 0; i < N_PATHS; i++)
        all_part_names[N_BODY_PARTS + i] = soleus_scene_path_defs[i].part;
      for (int i = 0; i < SOLEUS_N_VALVES; i++)
        all_part_names[N_BODY_PARTS + N_PATHS + i] = soleus_scene_valve_defs[i].part;
      all_part_names[N_PARTS] = NULL;
      g_once_init_leave (&done, 1);
    }
}

gboolean
soleus_scene_get_part_bounds (SoleusScene       *self,
                              const char        *name,
                              cairo_rectangle_t *bounds)
{
  int i;
  const double *b;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  i = part_index (name);
  if (i < 0 || !self->have_geometry || !self->part_valid[i])
    return FALSE;

  b = self->part_box[i];
  if (bounds != NULL)
    {
      bounds->x = self->fit_x + b[0] * self->fit_scale;
      bounds->y = self->fit_y + b[1] * self->fit_scale;
      bounds->width = (b[2] - b[0]) * self->fit_scale;
      bounds->height = (b[3] - b[1]) * self->fit_scale;
    }
  return TRUE;
}

const char *
soleus_scene_pick (SoleusScene *self,
                   double       x,
                   double       y)
{
  const char *best = NULL;
  double best_area = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->have_geometry)
    return NULL;

  for (int i = 0; i < N_PARTS; i++)
    {
      cairo_rectangle_t r;
      double area;

      if (!soleus_scene_get_part_bounds (self, all_part_names[i], &r))
        continue;
      if (x < r.x || y < r.y || x > r.x + r.width || y > r.y + r.height)
        continue;
      area = r.width * r.height;
      if (area < best_area)
        {
          best_area = area;
          best = all_part_names[i];
        }
    }
  return best;
}

const char * const *
soleus_scene_list_parts (void)
{
  soleus_scene_init_part_names ();

  return all_part_names;
}

const char *
soleus_scene_valve_name (int valve)
{
  if (valve < 0 || valve >= SOLEUS_N_VALVES)
    return NULL;

  /* "valve-femoral": "femoral" */
  return soleus_scene_valve_defs[valve].part + strlen ("valve-");
}

gboolean
soleus_scene_valve_from_name (const char  *name,
                              SoleusValve *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    if (strcmp (name, soleus_scene_valve_name (v)) == 0)
      {
        *out = v;
        return TRUE;
      }
  return FALSE;
}

/* A valve drawn in the leg is a few pixels across in a small window: it
 * answers a click this close to its centre, whatever its size. */
#define PICK_MIN_RADIUS 12.0

int
soleus_scene_pick_valve (SoleusScene *self,
                         double       x,
                         double       y)
{
  double k;
  int best = -1;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  if (!self->have_geometry)
    return -1;
  k = self->fit_scale;

  /* a close-up: the valve it shows */
  if (scene_insets_shown (self))
    for (int i = 0; i < N_INSETS; i++)
      {
        double cx = self->fit_x + INSET_CX * k;
        double cy = self->fit_y + soleus_scene_inset_cy[i] * k;

        if (hypot (x - cx, y - cy) <= INSET_R * k)
          return self->inset_valve[i];
      }

  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      int part = N_BODY_PARTS + N_PATHS + v;
      const double *b = self->part_box[part];
      double cx, cy, reach, d;

      if (!self->part_valid[part])
        continue;
      cx = self->fit_x + (b[0] + b[2]) / 2 * k;
      cy = self->fit_y + (b[1] + b[3]) / 2 * k;
      reach = MAX (MAX (b[2] - b[0], b[3] - b[1]) / 2 * k, PICK_MIN_RADIUS);
      d = hypot (x - cx, y - cy);
      if (d <= reach && d < best_d)
        {
          best = v;
          best_d = d;
        }
    }
  return best;
}
