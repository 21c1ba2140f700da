/* soleus-scene.c: the animated leg, painted from a model snapshot
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The anatomy is a small skeleton (torso, thigh, knee, shank, foot, toes),
 * each segment a frame placed from the snapshot's joint angles. Every
 * outline, muscle and vessel is a list of points given in one of those
 * frames, in centimetres (a: toward the front of the body, l: along the
 * segment, from its upper joint), joined by Catmull-Rom splines. Body sizes
 * follow an adult of 175 cm: thigh 42 cm, shank 42 cm, ankle axis 7 cm above
 * the sole. The veins are drawn about 1.6 times their real diameter so that
 * valves and blood cells can be seen; their widths follow the square root of
 * each compartment's fill (volume over supine volume), since a vein's volume
 * goes with its cross-section.
 *
 * Speed: gradients only in the cached layer; each frame is about sixty flat
 * paths and one path holding every blood cell. A path costs Cairo about a
 * thousand instructions per pixel row it spans, so the torso, tall and the
 * same from frame to frame but for its place, is drawn into sprites
 * composited each frame (soleus-scene-cache.c).
 *
 * This file holds the object, its options and the frame's order of painting.
 * The rest, sharing soleus-scene-private.h:
 *   soleus-scene-geometry.c  the skeleton, poses, outlines and vessel paths
 *   soleus-scene-labels.c    label and legend layout and text
 *   soleus-scene-cells.c     blood cells carried along the vessels
 *   soleus-scene-cache.c     the static layer and its cached surface
 *   soleus-scene-parts.c     named parts, their boxes and hit-testing
 *   soleus-scene-body.c      painters of the torso, heart, legs, treadmill
 *   soleus-scene-vessels.c   painters of veins, valves, flow marks, close-ups
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

SoleusScene *
soleus_scene_new (void)
{
  SoleusScene *self = g_new0 (SoleusScene, 1);

  self->palette = SOLEUS_PALETTE_LIGHT;
  self->skin_tone = SOLEUS_SKIN_TONE_LIGHT;
  soleus_palette_get_toned_colors (self->palette, self->skin_tone, &self->colors);
  self->scale_factor = 1.0;
  self->use_cache = TRUE;
  self->show_labels = TRUE;
  self->show_legend = TRUE;
  self->show_cells = TRUE;
  self->cache_posture = -1;
  self->layout_key[0] = -1;
  self->min_label_px = LABEL_MIN_PX;
  self->label_limit = N_LABELS;
  self->text_size = LEGEND_ROW_SIZE;
  self->text_min_px = LABEL_MIN_PX;
  self->inset_valve[0] = SOLEUS_VALVE_POPLITEAL;
  self->inset_valve[1] = SOLEUS_VALVE_CALF_LOWER;
  self->inset_auto = TRUE;
  self->pinned_valve = -1;

  soleus_scene_init_part_names ();

  self->cell_density = 1.0;
  soleus_scene_alloc_cells (self);

  return self;
}

void
soleus_scene_free (SoleusScene *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->cache, cairo_surface_destroy);
  soleus_scene_clear_label_sprites (self);
  soleus_scene_clear_gait_tags (self);
  soleus_scene_clear_torso (self);
  soleus_scene_clear_cell_sprites (self);
  for (int i = 0; i < N_PATHS; i++)
    g_free (self->cells[i]);
  g_free (self->font);
  g_free (self);
}

static void
invalidate_cache (SoleusScene *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  soleus_scene_clear_label_sprites (self);
  soleus_scene_clear_gait_tags (self);
  soleus_scene_clear_torso (self);
  self->labels_valid = FALSE;
  self->layout_key[0] = -1;
}

void
soleus_scene_set_palette (SoleusScene   *self,
                          SoleusPalette  palette)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((int) palette >= 0 && palette < SOLEUS_N_PALETTES);

  if (self->palette == palette)
    return;
  self->palette = palette;
  soleus_palette_get_toned_colors (self->palette, self->skin_tone, &self->colors);
  invalidate_cache (self);
}

SoleusPalette
soleus_scene_get_palette (SoleusScene *self)
{
  g_return_val_if_fail (self != NULL, SOLEUS_PALETTE_LIGHT);

  return self->palette;
}

void
soleus_scene_set_skin_tone (SoleusScene    *self,
                            SoleusSkinTone  tone)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((int) tone >= 0 && tone < SOLEUS_N_SKIN_TONES);

  if (self->skin_tone == tone)
    return;
  self->skin_tone = tone;
  soleus_palette_get_toned_colors (self->palette, self->skin_tone, &self->colors);
  /* the legend's swatches are in the cached layer */
  invalidate_cache (self);
}

SoleusSkinTone
soleus_scene_get_skin_tone (SoleusScene *self)
{
  g_return_val_if_fail (self != NULL, SOLEUS_SKIN_TONE_LIGHT);

  return self->skin_tone;
}

void
soleus_scene_set_figure (SoleusScene  *self,
                         SoleusFigure  figure)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((int) figure >= 0 && figure < SOLEUS_N_FIGURES);

  if (self->figure == figure)
    return;
  self->figure = figure;
  /* the outline is in the cached layer and the labels keep clear of it */
  invalidate_cache (self);
}

SoleusFigure
soleus_scene_get_figure (SoleusScene *self)
{
  g_return_val_if_fail (self != NULL, SOLEUS_FIGURE_MALE);

  return self->figure;
}

void
soleus_scene_set_show_labels (SoleusScene *self,
                              gboolean     show_labels)
{
  g_return_if_fail (self != NULL);

  show_labels = !!show_labels;
  if (self->show_labels == show_labels)
    return;
  self->show_labels = show_labels;
  invalidate_cache (self);
}

void
soleus_scene_set_show_legend (SoleusScene *self,
                              gboolean     show_legend)
{
  g_return_if_fail (self != NULL);

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;
  self->show_legend = show_legend;
  invalidate_cache (self);
}

void
soleus_scene_set_legend_collapsed (SoleusScene *self,
                                   gboolean     collapsed)
{
  g_return_if_fail (self != NULL);

  collapsed = !!collapsed;
  if (self->legend_collapsed == collapsed)
    return;
  self->legend_collapsed = collapsed;
  invalidate_cache (self);
}

gboolean
soleus_scene_get_legend_collapsed (SoleusScene *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->legend_collapsed;
}

void
soleus_scene_set_min_label_size (SoleusScene *self,
                                 double       pixels)
{
  g_return_if_fail (self != NULL);

  pixels = CLAMP (pixels, LABEL_MIN_PX, 200.0);
  if (G_APPROX_VALUE (self->min_label_px, pixels, 1e-3))
    return;
  self->min_label_px = pixels;
  invalidate_cache (self);
}

void
soleus_scene_set_crop_to_body (SoleusScene *self,
                               gboolean     crop)
{
  g_return_if_fail (self != NULL);

  crop = !!crop;
  if (self->crop == crop)
    return;
  self->crop = crop;
  invalidate_cache (self);
}

gboolean
soleus_scene_get_content_box (SoleusScene       *self,
                              cairo_rectangle_t *box)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  if (self->layout_key[0] < 0)
    return FALSE;
  box->x = self->content[0];
  box->y = self->content[1];
  box->width = self->content[2] - self->content[0];
  box->height = self->content[3] - self->content[1];
  return TRUE;
}

void
soleus_scene_set_show_cells (SoleusScene *self,
                             gboolean     show_cells)
{
  g_return_if_fail (self != NULL);

  self->show_cells = !!show_cells;
}

void
soleus_scene_set_font (SoleusScene *self,
                       const char  *font)
{
  g_return_if_fail (self != NULL);

  if (g_strcmp0 (self->font, font) == 0)
    return;
  g_free (self->font);
  self->font = g_strdup (font);
  invalidate_cache (self);
}

void
soleus_scene_set_translate_func (SoleusScene         *self,
                                 SoleusTranslateFunc  func,
                                 gpointer             user_data)
{
  g_return_if_fail (self != NULL);

  self->translate = func;
  self->translate_data = user_data;
  invalidate_cache (self);
}

void
soleus_scene_set_scale_factor (SoleusScene *self,
                               double       scale_factor)
{
  g_return_if_fail (self != NULL);

  scale_factor = CLAMP (scale_factor, 0.25, 8.0);
  if (G_APPROX_VALUE (self->scale_factor, scale_factor, 1e-9))
    return;
  self->scale_factor = scale_factor;
  invalidate_cache (self);
}

void
soleus_scene_set_use_cache (SoleusScene *self,
                            gboolean     use_cache)
{
  g_return_if_fail (self != NULL);

  self->use_cache = !!use_cache;
  if (!self->use_cache)
    invalidate_cache (self);
}

void
soleus_scene_set_inset_valves (SoleusScene *self,
                               SoleusValve  first,
                               SoleusValve  second)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((int) first >= 0 && first < SOLEUS_N_VALVES);
  g_return_if_fail ((int) second >= 0 && second < SOLEUS_N_VALVES);

  self->inset_auto = FALSE;
  self->pinned_valve = -1;
  if (self->inset_valve[0] == (int) first && self->inset_valve[1] == (int) second)
    return;
  self->inset_valve[0] = first;
  self->inset_valve[1] = second;
  soleus_scene_seed_inset_cells (self);
  /* the captions are in the cached layer */
  invalidate_cache (self);
}

void
soleus_scene_set_inset_auto (SoleusScene *self,
                             gboolean     follow_leaks)
{
  g_return_if_fail (self != NULL);

  self->inset_auto = !!follow_leaks;
}

void
soleus_scene_set_pinned_valve (SoleusScene *self,
                               int          valve)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (valve >= -1 && valve < SOLEUS_N_VALVES);

  self->pinned_valve = valve;
  /* the other close-up, and both once it is let go, follow the leaks */
  self->inset_auto = TRUE;
}

int
soleus_scene_get_pinned_valve (SoleusScene *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->pinned_valve;
}

/* A valve leaks when its regurgitant fraction is above 0.005 (a twentieth
 * of a fully incompetent valve's 0.1). */
#define INSET_LEAK_MIN 0.005

/* The close-ups that follow the leaks: the two leakiest valves (ties to the
 * valve nearer the foot), or the pinned valve and the leakiest other, the
 * default pair filling in for those that do not leak; the one higher in
 * the leg above. */
static void
choose_inset_valves (SoleusScene          *self,
                     const SoleusSnapshot *s)
{
  int pick[N_INSETS] = { -1, -1 };
  static const int fallback[] = { SOLEUS_VALVE_POPLITEAL, SOLEUS_VALVE_CALF_LOWER };
  int first = 0;

  if (self->pinned_valve >= 0)
    pick[first++] = self->pinned_valve;
  for (int k = first; k < N_INSETS; k++)
    {
      double best = INSET_LEAK_MIN;

      for (int v = 0; v < SOLEUS_N_VALVES; v++)
        {
          double leak = s->valve[v].leak;

          if (v == pick[0] || !isfinite (leak))
            continue;
          if (leak > best)
            {
              best = leak;
              pick[k] = v;
            }
        }
    }
  for (int k = 0, f = 0; k < N_INSETS; k++)
    {
      if (pick[k] >= 0)
        continue;
      while (fallback[f] == pick[0] || fallback[f] == pick[1])
        f++;
      pick[k] = fallback[f++];
    }

  /* the one higher in the leg in the upper close-up: their leader lines
   * do not cross */
  {
    static const int height[SOLEUS_N_VALVES] = {
      [SOLEUS_VALVE_FEMORAL] = 7, [SOLEUS_VALVE_SAPHENOFEMORAL] = 7,
      [SOLEUS_VALVE_POPLITEAL] = 6, [SOLEUS_VALVE_SAPHENOUS] = 6,
      [SOLEUS_VALVE_CALF_UPPER] = 5, [SOLEUS_VALVE_PERFORATOR] = 4,
      [SOLEUS_VALVE_CALF_LOWER] = 3, [SOLEUS_VALVE_FOOT_OUTLET] = 1,
    };

    if (height[pick[1]] > height[pick[0]])
      {
        int t = pick[0];

        pick[0] = pick[1];
        pick[1] = t;
      }
  }

  if (pick[0] != self->inset_valve[0] || pick[1] != self->inset_valve[1])
    {
      self->inset_valve[0] = pick[0];
      self->inset_valve[1] = pick[1];
      soleus_scene_seed_inset_cells (self);
      /* the captions are in the cached layer */
      invalidate_cache (self);
    }
}

void
soleus_scene_paint (SoleusScene          *self,
                    cairo_t              *cr,
                    const SoleusSnapshot *snapshot,
                    double                width,
                    double                height)
{
  FrameState *fs;
  gboolean vector;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (snapshot != NULL);

  if (!(width > 0 && height > 0))
    return;

  if (self->inset_auto)
    choose_inset_valves (self, snapshot);
  soleus_scene_advance (self, snapshot);

  fs = g_new (FrameState, 1);
  soleus_scene_compute_frame (self, snapshot, fs);

  cairo_save (cr);
  soleus_scene_fit_content (self, cr, fs, width, height);

  vector = !self->use_cache || soleus_scene_target_is_vector (cr);
  if (vector)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
      cairo_save (cr);
      soleus_scene_apply_fit (cr, self->fit_scale, self->fit_x, self->fit_y);
      soleus_scene_draw_static (self, cr, fs);
      cairo_restore (cr);
    }
  else
    {
      soleus_scene_paint_static_cached (self, cr, fs, width, height);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
    }

  cairo_save (cr);
  soleus_scene_apply_fit (cr, self->fit_scale, self->fit_x, self->fit_y);
  /* Curves are flattened to within a third of a device pixel: smooth at
   * any size, and about half the segments of Cairo's default 0.1. */
  cairo_set_tolerance (cr, 0.3);
  /* The moving layer: 4x4 supersampling instead of Cairo's best, about a
   * quarter cheaper, and no visible difference on moving shapes. Smooth
   * outlines join with mitres: round joins would add a fan at every
   * flattened segment. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_miter_limit (cr, 3.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  soleus_scene_part_reset (self);
  memcpy (self->last_path, fs->path, sizeof self->last_path);
  for (int i = 0; i < N_PATHS; i++)
    {
      self->last_v_out[i] = soleus_scene_path_velocity (snapshot, i);
      self->last_v_in[i] = soleus_scene_path_defs[i].upstream >= 0
                           ? soleus_scene_path_velocity (snapshot, soleus_scene_path_defs[i].upstream) : self->last_v_out[i];
    }
  for (int k = 0; k < N_INSETS; k++)
    self->last_inset_v[k] = soleus_scene_inset_velocity (snapshot, self->inset_valve[k]);
  soleus_scene_draw_treadmill (cr, fs);
  soleus_scene_draw_far_leg (cr, fs);
  soleus_scene_paint_torso (self, cr, fs, vector);
  soleus_scene_draw_leg (self, cr, fs);
  soleus_scene_draw_veins (self, cr, fs);
  soleus_scene_draw_heart (self, cr, fs);
  soleus_scene_draw_cells (self, cr, fs);
  soleus_scene_draw_valves (self, cr, fs);
  soleus_scene_draw_flow_marks (cr, fs);
  soleus_scene_draw_squeeze (cr, fs);
  if (scene_insets_shown (self))
    soleus_scene_draw_insets (self, cr, fs);
  soleus_scene_draw_leaders (self, cr, fs);
  soleus_scene_draw_gait_tag (self, cr, fs, width, height);
  cairo_restore (cr);

  soleus_scene_draw_labels (self, cr, fs, vector);

  cairo_restore (cr);

  self->have_geometry = TRUE;
  g_free (fs);
}
