/* soleus-scene-labels.c: label and legend layout and text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

static const LabelDef label_defs[N_LABELS] = {
  [L_HEART]      = { N_("Heart (right side)"), SIDE_FRONT },
  [L_IVC]        = { N_("Vena cava"), SIDE_BACK },
  [L_FEMORAL]    = { N_("Femoral vein (deep)"), SIDE_FRONT },
  [L_VALVE]      = { N_("One-way valve"), SIDE_BACK },
  [L_SAPHENOUS]  = { N_("Saphenous vein (under the skin)"), SIDE_FRONT },
  [L_POPLITEAL]  = { N_("Popliteal vein"), SIDE_BACK },
  [L_GASTROC]    = { N_("Gastrocnemius"), SIDE_BACK },
  [L_SOLEUS]     = { N_("Soleus: the calf pump"), SIDE_BACK },
  [L_DEEP]       = { N_("Deep calf veins"), SIDE_FRONT },
  [L_PERFORATOR] = { N_("Perforator vein"), SIDE_FRONT },
  [L_ANKLE]      = { N_("Ankle: tissue fluid"), SIDE_FRONT },
  [L_PLANTAR]    = { N_("Foot pump (sole veins)"), SIDE_BACK },
};

static const char *legend_texts[N_LEGEND] = {
  N_("Vein: blood cells flowing to the heart"),
  N_("Valve open: blood passes"),
  N_("Valve shut: leaflets meet"),
  N_("Leaking valve: leaflets do not meet, blood falls back"),
  N_("Squeeze from muscle or body weight"),
  N_("Swelling: fluid in the tissue"),
};

const char *
soleus_scene_tr (SoleusScene *self,
                 const char  *text)
{
  if (self->translate != NULL)
    return self->translate (text, self->translate_data);

  return g_dgettext (GETTEXT_PACKAGE, text);
}

PangoLayout *
soleus_scene_make_layout (SoleusScene *self,
                          cairo_t     *cr,
                          double       size,
                          gboolean     bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc;
  cairo_font_options_t *fo = cairo_font_options_create ();

  /* Unhinted metrics: the same layout at every scale. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), fo);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (fo);

  desc = pango_font_description_from_string (self->font ? self->font : "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  return layout;
}

static void
draw_layout_halo (cairo_t                   *cr,
                  const SoleusPaletteColors *pal,
                  PangoLayout               *layout,
                  double                     x,
                  double                     y,
                  const SoleusColor         *color)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  set_color (cr, &pal->background);
  cairo_set_line_width (cr, 6.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
}

/* A piece of vein from x0 to x1 at height y, with its wall, in the line
 * cap already set. */
static void
draw_legend_vein (cairo_t                   *cr,
                  const SoleusPaletteColors *pal,
                  double                     x0,
                  double                     x1,
                  double                     y,
                  double                     lw)
{
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  set_color (cr, &pal->vein_wall);
  cairo_set_line_width (cr, 12 + 2 * lw);
  cairo_stroke (cr);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  set_color (cr, &pal->vein);
  cairo_set_line_width (cr, 12);
  cairo_stroke (cr);
}

/* The small picture in front of legend row i, centred on (ix, cy). */
static void
draw_legend_symbol (cairo_t                   *cr,
                    const SoleusPaletteColors *pal,
                    int                        i,
                    double                     ix,
                    double                     cy,
                    double                     lw)
{
  switch (i)
    {
    case LEG_VEIN:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      draw_legend_vein (cr, pal, ix - 26, ix + 26, cy, lw);
      set_color (cr, &pal->cell);
      for (int k = 0; k < 4; k++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, ix - 18 + k * 12, cy + (k % 2 ? 2 : -2), 2.9, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      set_color (cr, &pal->vein_wall);
      soleus_scene_draw_arrow (cr, pt (ix + 2, cy - 14), pt (ix + 24, cy - 14), 1.8, 6);
      break;

    case LEG_OPEN:
    case LEG_CLOSED:
    case LEG_LEAK:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      draw_legend_vein (cr, pal, ix - 28, ix + 28, cy, lw);
      soleus_scene_draw_valve (cr, pal, pt (ix, cy), pt (1, 0), 7.5,
                               i == LEG_OPEN ? 1.0 : 0.0,
                               i == LEG_LEAK ? 0.1 : 0.0,
                               i == LEG_LEAK ? -2.0 : 0.0, lw);
      break;

    case LEG_SQUEEZE:
      set_color (cr, &pal->squeeze);
      soleus_scene_draw_arrow (cr, pt (ix - 26, cy), pt (ix - 8, cy), 3.2, 8);
      soleus_scene_draw_arrow (cr, pt (ix + 26, cy), pt (ix + 8, cy), 3.2, 8);
      break;

    case LEG_FLUID:
      cairo_arc (cr, ix, cy, 14, 0, 2 * G_PI);
      set_color (cr, &pal->swelling);
      cairo_fill (cr);
      cairo_arc (cr, ix, cy, 8.5, 0, 2 * G_PI);
      set_color (cr, &pal->skin);
      cairo_fill_preserve (cr);
      set_color (cr, &pal->skin_line);
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);
      {
        double dash[] = { 3, 3 };
        cairo_set_dash (cr, dash, 2, 0);
        cairo_arc (cr, ix, cy, 14, 0, 2 * G_PI);
        set_color (cr, &pal->skin_line);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
      break;

    default:
      break;
    }
}

void
soleus_scene_draw_legend (SoleusScene               *self,
                          cairo_t                   *cr,
                          const SoleusPaletteColors *pal)
{
  double x = LEGEND_X, y = 22, w = 350;
  double row_y[N_LEGEND];
  double lw = 1.3 * pal->line_scale;
  PangoLayout *layouts[N_LEGEND];
  PangoLayout *title;
  double h;
  int tw, th;

  title = soleus_scene_make_layout (self, cr, 17, TRUE);
  pango_layout_set_text (title, soleus_scene_tr (self, N_("How to read the picture")), -1);
  pango_layout_get_size (title, &tw, &th);

  h = 18 + th / (double) PANGO_SCALE + 10;
  for (int i = 0; i < N_LEGEND; i++)
    {
      int lh;

      layouts[i] = soleus_scene_make_layout (self, cr, 15, FALSE);
      pango_layout_set_width (layouts[i], (int) ((w - 96) * PANGO_SCALE));
      pango_layout_set_wrap (layouts[i], PANGO_WRAP_WORD);
      pango_layout_set_text (layouts[i], soleus_scene_tr (self, legend_texts[i]), -1);
      pango_layout_get_size (layouts[i], NULL, &lh);
      row_y[i] = y + h;
      h += MAX (lh / (double) PANGO_SCALE, 30) + 12;
    }
  h += 6;

  /* panel */
  cairo_new_path (cr);
  {
    double rr = 12;
    cairo_arc (cr, x + w - rr, y + rr, rr, -G_PI / 2, 0);
    cairo_arc (cr, x + w - rr, y + h - rr, rr, 0, G_PI / 2);
    cairo_arc (cr, x + rr, y + h - rr, rr, G_PI / 2, G_PI);
    cairo_arc (cr, x + rr, y + rr, rr, G_PI, 3 * G_PI / 2);
    cairo_close_path (cr);
  }
  set_color (cr, &pal->panel);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->panel_line);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);

  cairo_move_to (cr, x + 16, y + 12);
  set_color (cr, &pal->text);
  pango_cairo_show_layout (cr, title);
  g_object_unref (title);

  for (int i = 0; i < N_LEGEND; i++)
    {
      int lh;
      double rh, cy, ix = x + 48;

      pango_layout_get_size (layouts[i], NULL, &lh);
      rh = MAX (lh / (double) PANGO_SCALE, 30);
      cy = row_y[i] + rh / 2;

      draw_legend_symbol (cr, pal, i, ix, cy, lw);

      cairo_move_to (cr, x + 92, row_y[i] + (rh - lh / (double) PANGO_SCALE) / 2);
      set_color (cr, &pal->text);
      pango_cairo_show_layout (cr, layouts[i]);
      g_object_unref (layouts[i]);
    }
}

static void
body_envelope_add (Pt       *env,
                   int      *n_env,
                   const Pt *pts,
                   int       n)
{
  /* Sample the splines' chords at midpoints too: enough for label room. */
  for (int i = 0; i < n && *n_env < 400 - 2; i++)
    {
      env[(*n_env)++] = pts[i];
      env[(*n_env)++] = pt_lerp (pts[i], pts[(i + 1) % n], 0.5);
    }
}

/* The outline of the body the label columns keep clear of, with room for
 * the legs' swing when walking starts; returns the number of points. */
static int
labels_envelope (const FrameState *fs,
                 Pt               *env)
{
  Pt tmp[MAX_OUTLINE * 2];
  int n_env = 0, n;

  n = soleus_scene_leg_outline (&fs->pose, &fs->shape, tmp);
  body_envelope_add (env, &n_env, tmp, n);
  n = soleus_scene_torso_outline (&fs->pose, tmp);
  body_envelope_add (env, &n_env, tmp, n);

  if (fs->st.posture == SOLEUS_POSTURE_STANDING)
    {
      /* Leave room for the legs' swing when walking starts. */
      Shape plain = fs->shape;

      for (int k = 0; k < 2; k++)
        {
          Pose sw;

          soleus_scene_pose_build (&sw, fs->st.hip_pos, 0, k == 0 ? 28 : -12, k == 0 ? 6 : 20, 0, FALSE);
          n = soleus_scene_leg_outline (&sw, &plain, tmp);
          body_envelope_add (env, &n_env, tmp, n);
        }
    }

  return n_env;
}

/* Measures every label and finds its anchor on the body. */
static void
labels_measure (SoleusScene      *self,
                cairo_t          *cr,
                const FrameState *fs,
                gboolean          lying,
                Pt               *anchors,
                int              *order)
{
  for (int i = 0; i < N_LABELS; i++)
    {
      PangoLayout *layout = soleus_scene_make_layout (self, cr, 17, FALSE);
      int w, h;

      pango_layout_set_text (layout, soleus_scene_tr (self, label_defs[i].text), -1);
      pango_layout_get_size (layout, &w, &h);
      self->labels[i].w = w / (double) PANGO_SCALE;
      self->labels[i].h = h / (double) PANGO_SCALE;
      g_object_unref (layout);
      anchors[i] = soleus_scene_label_anchor_point (fs, i);
      order[i] = i;
    }

  /* Sort by the coordinate along the column (y upright, x lying). */
  for (int i = 1; i < N_LABELS; i++)
    for (int j = i; j > 0; j--)
      {
        double a = lying ? anchors[order[j]].x : anchors[order[j]].y;
        double b = lying ? anchors[order[j - 1]].x : anchors[order[j - 1]].y;

        if (a < b)
          {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
          }
      }
}

/* Stacks the labels of one side in their column without overlaps, then
 * slides back a column that ran off its end. */
static void
labels_stack_column (SoleusScene *self,
                     int          side,
                     gboolean     lying,
                     const Pt    *anchors,
                     const int   *order)
{
  double cursor = -G_MAXDOUBLE;
  int last = -1;

  for (int oi = 0; oi < N_LABELS; oi++)
    {
      int i = order[oi];
      LabelBox *lb = &self->labels[i];

      if ((int) label_defs[i].side != side)
        continue;
      last = i;

      if (!lying)
        {
          double y = MAX (anchors[i].y - lb->h / 2, cursor);

          y = MAX (y, 14);
          lb->y = y;
          cursor = y + lb->h + 8;
        }
      else
        {
          double x = MAX (anchors[i].x - lb->w / 2, cursor);

          x = MAX (x, 16);
          lb->x = x;
          cursor = x + lb->w + 22;
        }
    }

  /* A column that ran off its end slides back. */
  if (last >= 0)
    {
      /* lying, the row above the body must stop short of the legend */
      double limit = lying ? (side == SIDE_FRONT ? LEGEND_X - 16 : LABEL_MAX_X)
                           : SOLEUS_SCENE_HEIGHT - 8;
      double over = cursor - limit;

      for (int oi = N_LABELS - 1; oi >= 0 && over > 0; oi--)
        {
          int i = order[oi];
          double room;

          if ((int) label_defs[i].side != side)
            continue;
          if (lying)
            self->labels[i].x -= over;
          else
            self->labels[i].y -= over;
          /* stop once there is a gap to the previous label */
          room = 0;
          for (int pj = oi - 1; pj >= 0; pj--)
            {
              int j = order[pj];

              if ((int) label_defs[j].side != side)
                continue;
              room = lying ? self->labels[i].x - (self->labels[j].x + self->labels[j].w + 22)
                           : self->labels[i].y - (self->labels[j].y + self->labels[j].h + 8);
              break;
            }
          over = -room;
        }
    }
}

/* Places each label across its column: upright, hugging the body at the
 * label's height; lying, in two staggered rows above and below it. Sets
 * the point its leader line starts from. */
static void
labels_place (SoleusScene      *self,
              const FrameState *fs,
              gboolean          lying,
              const Pt         *env,
              int               n_env,
              double            min_y,
              const Pt         *anchors,
              const int        *order)
{
  for (int i = 0; i < N_LABELS; i++)
    {
      LabelBox *lb = &self->labels[i];

      if (!lying)
        {
          /* the column hugs the body at the label's height */
          double edge = label_defs[i].side == SIDE_FRONT ? -G_MAXDOUBLE : G_MAXDOUBLE;

          for (int k = 0; k < n_env; k++)
            {
              if (env[k].y < lb->y - 50 || env[k].y > lb->y + lb->h + 50)
                continue;
              if (label_defs[i].side == SIDE_FRONT)
                edge = MAX (edge, env[k].x);
              else
                edge = MIN (edge, env[k].x);
            }
          if (label_defs[i].side == SIDE_FRONT)
            {
              if (edge < -1e9)
                edge = anchors[i].x;
              lb->x = MIN (edge + 56, LABEL_MAX_X - lb->w);
              lb->attach = pt (lb->x - 6, lb->y + lb->h / 2);
            }
          else
            {
              if (edge > 1e9)
                edge = anchors[i].x;
              lb->x = MAX (edge - 56 - lb->w, 8);
              lb->attach = pt (lb->x + lb->w + 6, lb->y + lb->h / 2);
            }
        }
      else if (label_defs[i].side == SIDE_FRONT)
        {
          int rank = 0;

          for (int oi = 0; oi < N_LABELS; oi++)
            if (order[oi] == i)
              rank = oi;
          lb->y = min_y - 64 - (rank % 2) * 30;
          lb->attach = pt (lb->x + lb->w / 2, lb->y + lb->h + 3);
        }
      else
        {
          int rank = 0;

          for (int oi = 0; oi < N_LABELS; oi++)
            if (order[oi] == i)
              rank = oi;
          lb->y = fs->st.bed_y + 150 + (rank % 2) * 30;
          lb->attach = pt (lb->x + lb->w / 2, lb->y - 3);
        }
    }
}

void
soleus_scene_layout_labels (SoleusScene      *self,
                            cairo_t          *cr,
                            const FrameState *fs)
{
  gboolean lying = fs->st.posture == SOLEUS_POSTURE_SUPINE ||
                   fs->st.posture == SOLEUS_POSTURE_LEGS_UP;
  Pt anchors[N_LABELS];
  Pt env[400];
  int n_env;
  double min_y = G_MAXDOUBLE;
  int order[N_LABELS];

  n_env = labels_envelope (fs, env);
  for (int i = 0; i < n_env; i++)
    min_y = MIN (min_y, env[i].y);

  labels_measure (self, cr, fs, lying, anchors, order);
  for (int side = SIDE_BACK; side <= SIDE_FRONT; side++)
    labels_stack_column (self, side, lying, anchors, order);
  labels_place (self, fs, lying, env, n_env, min_y, anchors, order);

  self->labels_valid = TRUE;
}

static void
draw_label_text (SoleusScene      *self,
                 cairo_t          *cr,
                 const FrameState *fs,
                 int               i,
                 double            x,
                 double            y)
{
  PangoLayout *layout = soleus_scene_make_layout (self, cr, 17, FALSE);

  pango_layout_set_text (layout, soleus_scene_tr (self, label_defs[i].text), -1);
  draw_layout_halo (cr, fs->pal, layout, x, y, &fs->pal->text);
  g_object_unref (layout);
}

void
soleus_scene_clear_label_sprites (SoleusScene *self)
{
  for (int i = 0; i < N_LABELS; i++)
    g_clear_pointer (&self->label_sprite[i], cairo_surface_destroy);
}

/* Each label's text, pre-rendered at device resolution and pixel-aligned:
 * painted last, above the moving figure, at the cost of a small blit. */
void
soleus_scene_build_label_sprites (SoleusScene      *self,
                                  cairo_t          *target,
                                  const FrameState *fs,
                                  double            sx,
                                  double            sy)
{
  double k = self->fit_scale;

  soleus_scene_clear_label_sprites (self);
  self->sprite_sx = sx;
  self->sprite_sy = sy;

  for (int i = 0; i < N_LABELS; i++)
    {
      const LabelBox *lb = &self->labels[i];
      double dx = (self->fit_x + (lb->x - 4) * k) * sx;
      double dy = (self->fit_y + (lb->y - 4) * k) * sy;
      int px = (int) floor (dx);
      int py = (int) floor (dy);
      int w = (int) ceil ((lb->w + 8) * k * sx) + 2;
      int h = (int) ceil ((lb->h + 8) * k * sy) + 2;
      cairo_t *cr;

      self->label_sprite[i] = cairo_surface_create_similar_image (cairo_get_target (target),
                                                                  CAIRO_FORMAT_ARGB32, w, h);
      self->sprite_x[i] = px;
      self->sprite_y[i] = py;
      cr = cairo_create (self->label_sprite[i]);
      cairo_translate (cr, dx - px, dy - py);
      cairo_scale (cr, k * sx, k * sy);
      draw_label_text (self, cr, fs, i, 4, 4);
      cairo_destroy (cr);
      cairo_surface_flush (self->label_sprite[i]);
    }
}

void
soleus_scene_draw_labels (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs,
                          gboolean          vector)
{
  if (!self->show_labels || !self->labels_valid)
    return;

  if (vector)
    {
      cairo_save (cr);
      soleus_scene_apply_fit (cr, self->fit_scale, self->fit_x, self->fit_y);
      for (int i = 0; i < N_LABELS; i++)
        draw_label_text (self, cr, fs, i, self->labels[i].x, self->labels[i].y);
      cairo_restore (cr);
      return;
    }

  /* back to device pixels: the sprites are pixel-aligned to the paint's
   * origin */
  cairo_save (cr);
  cairo_scale (cr, 1 / self->sprite_sx, 1 / self->sprite_sy);
  for (int i = 0; i < N_LABELS; i++)
    {
      if (self->label_sprite[i] == NULL)
        continue;
      cairo_set_source_surface (cr, self->label_sprite[i], self->sprite_x[i], self->sprite_y[i]);
      cairo_paint (cr);
    }
  cairo_restore (cr);
}

Pt
soleus_scene_label_anchor_point (const FrameState *fs,
                                 int               label)
{
  const Pose *p = &fs->pose;

  switch (label)
    {
    case L_HEART:
      return pose_pt (p, F_TORSO, 7.5, -45.0);
    case L_IVC:
      return soleus_scene_path_at (&fs->path[P_ABD_IVC], 0.5, NULL);
    case L_FEMORAL:
      return soleus_scene_path_at (&fs->path[P_FEMORAL], 0.45, NULL);
    case L_VALVE:
      return soleus_scene_valve_center (fs, SOLEUS_VALVE_FEMORAL, NULL);
    case L_SAPHENOUS:
      return soleus_scene_path_at (&fs->path[P_SAPH_THIGH], 0.55, NULL);
    case L_POPLITEAL:
      return soleus_scene_path_at (&fs->path[P_POPLITEAL], 0.35, NULL);
    case L_GASTROC:
      return pose_pt (p, F_SHANK, -7.6, 10.0);
    case L_SOLEUS:
      return pose_pt (p, F_SHANK, -5.6, 26.0);
    case L_DEEP:
      return soleus_scene_path_at (&fs->path[P_CALF_UPPER], 0.3, NULL);
    case L_PERFORATOR:
      return soleus_scene_path_at (&fs->path[P_PERFORATOR], 0.3, NULL);
    case L_ANKLE:
      return pose_pt (p, F_SHANK, 3.2 + fs->shape.swell_cm, 38.0);
    case L_PLANTAR:
      return pose_pt (p, F_FOOT, -6.6, 6.0);
    default:
      return pt (0, 0);
    }
}

void
soleus_scene_draw_leaders (SoleusScene *self,
                           cairo_t     *cr,
                           FrameState  *fs)
{
  if (!self->show_labels || !self->labels_valid)
    return;

  for (int i = 0; i < N_LABELS; i++)
    {
      Pt a = soleus_scene_label_anchor_point (fs, i);
      Pt b = self->labels[i].attach;

      self->label_anchor[i] = a;
      cairo_move_to (cr, b.x, b.y);
      cairo_line_to (cr, a.x, a.y);
    }
  set_color (cr, &fs->pal->leader);
  cairo_set_line_width (cr, fs->lw * 0.9);
  cairo_stroke (cr);

  for (int i = 0; i < N_LABELS; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, self->label_anchor[i].x, self->label_anchor[i].y, 2.6 * fs->pal->line_scale,
                 0, 2 * G_PI);
    }
  cairo_fill (cr);
}
