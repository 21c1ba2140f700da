/* soleus-scene-labels.c: label layout and text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-gait.h"
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
  /* The halo is a soft band in the background's colour: flattened to a
   * third of a pixel and with 4x4 supersampling it looks the same, and
   * stroking the glyphs' outlines costs a third of what it does at the
   * defaults, most of building the label sprites. */
  cairo_save (cr);
  cairo_set_tolerance (cr, 0.3);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_move_to (cr, x, y);
  set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
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
  {
    /* the torso's outline of the figure's build */
    Shape build = { 0 };

    build.female = fs->shape.female;
    n = soleus_scene_torso_outline_shaped (&fs->pose, &build, tmp);
    body_envelope_add (env, &n_env, tmp, n);
  }

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

/* Which labels stay when there is no room for all: the parts the caption
 * names for this state of the leg first (its story, below), then the pump
 * and its valves, the veins it empties, and the rest. */
static const int label_priority[N_LABELS] = {
  L_SOLEUS, L_VALVE, L_DEEP, L_HEART, L_PLANTAR, L_SAPHENOUS, L_FEMORAL,
  L_ANKLE, L_GASTROC, L_POPLITEAL, L_IVC, L_PERFORATOR,
};

enum
{
  STORY_WALKING,
  STORY_ANKLE_PUMP,
  STORY_STANDING,
  STORY_SITTING,
  STORY_LEGS_UP,
  STORY_LYING,
  N_STORIES
};

/* The parts the caption of each state names (soleus-narration.c), in its
 * order, ending at -1; then, with weak valves, the ones it adds. */
static const int story_parts[N_STORIES][5] = {
  [STORY_WALKING]    = { L_PLANTAR, L_SOLEUS, L_DEEP, L_VALVE, -1 },
  [STORY_ANKLE_PUMP] = { L_SOLEUS, L_GASTROC, L_DEEP, L_VALVE, -1 },
  [STORY_STANDING]   = { L_HEART, L_IVC, L_DEEP, -1 },
  [STORY_SITTING]    = { L_DEEP, L_ANKLE, -1 },
  [STORY_LEGS_UP]    = { L_HEART, L_ANKLE, -1 },
  [STORY_LYING]      = { L_HEART, L_DEEP, -1 },
};
static const int weak_valve_parts[] = { L_VALVE, L_SAPHENOUS, L_PERFORATOR, -1 };

/* Which story the caption tells: by what the leg does, not by the moment
 * of the stride, so that the labels stay put while it moves. */
int
soleus_scene_label_story (const SoleusSnapshot *s)
{
  int posture = (int) s->control[SOLEUS_PARAM_POSTURE];
  int story;

  if (s->walking)
    story = posture == SOLEUS_POSTURE_STANDING ? STORY_WALKING : STORY_ANKLE_PUMP;
  else if (posture == SOLEUS_POSTURE_STANDING)
    story = STORY_STANDING;
  else if (posture == SOLEUS_POSTURE_SITTING)
    story = STORY_SITTING;
  else if (posture == SOLEUS_POSTURE_LEGS_UP)
    story = STORY_LEGS_UP;
  else
    story = STORY_LYING;

  /* weak valves: the caption adds the blood falling back */
  if (isfinite (s->control[SOLEUS_PARAM_VALVE_WEAKNESS]) &&
      s->control[SOLEUS_PARAM_VALVE_WEAKNESS] >= 0.25)
    story += N_STORIES;
  return story;
}

/* The labels in order of priority for a story. */
static void
label_order (int  story,
             int *order)
{
  gboolean taken[N_LABELS] = { FALSE };
  int n = 0;

  for (int k = 0; story_parts[story % N_STORIES][k] >= 0; k++)
    {
      order[n++] = story_parts[story % N_STORIES][k];
      taken[order[n - 1]] = TRUE;
    }
  for (int k = 0; story >= N_STORIES && weak_valve_parts[k] >= 0; k++)
    if (!taken[weak_valve_parts[k]])
      {
        order[n++] = weak_valve_parts[k];
        taken[order[n - 1]] = TRUE;
      }
  for (int k = 0; k < N_LABELS; k++)
    if (!taken[label_priority[k]])
      order[n++] = label_priority[k];
}

/* Room kept between a label and the next, and between a label and the
 * body, in label heights of one line. */
#define LABEL_GAP 0.3
#define LABEL_REACH 1.6

/* Moments of a stride at which a standing layout is checked. */
#define N_GAIT_SAMPLES 16

static gboolean
segments_cross (Pt a,
                Pt b,
                Pt c,
                Pt d)
{
  double d1, d2, d3, d4;

  /* segments whose bounding boxes are apart cannot cross */
  if (MAX (a.x, b.x) < MIN (c.x, d.x) || MAX (c.x, d.x) < MIN (a.x, b.x) ||
      MAX (a.y, b.y) < MIN (c.y, d.y) || MAX (c.y, d.y) < MIN (a.y, b.y))
    return FALSE;

  d1 = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  d2 = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
  d3 = (d.x - c.x) * (a.y - c.y) - (d.y - c.y) * (a.x - c.x);
  d4 = (d.x - c.x) * (b.y - c.y) - (d.y - c.y) * (b.x - c.x);

  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
         ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

gboolean
soleus_scene_segment_hits_box (Pt            a,
                               Pt            b,
                               const LabelBox *lb)
{
  double x0 = lb->x, y0 = lb->y, x1 = lb->x + lb->w, y1 = lb->y + lb->h;
  Pt c[4] = { pt (x0, y0), pt (x1, y0), pt (x1, y1), pt (x0, y1) };

  /* wholly to one side of the box: the common case, and it answers the
   * same as the tests below */
  if (MAX (a.x, b.x) < x0 || MIN (a.x, b.x) > x1 ||
      MAX (a.y, b.y) < y0 || MIN (a.y, b.y) > y1)
    return FALSE;
  if ((a.x > x0 && a.x < x1 && a.y > y0 && a.y < y1) ||
      (b.x > x0 && b.x < x1 && b.y > y0 && b.y < y1))
    return TRUE;
  for (int k = 0; k < 4; k++)
    if (segments_cross (a, b, c[k], c[(k + 1) % 4]))
      return TRUE;
  return FALSE;
}

gboolean
soleus_scene_leaders_cross (Pt a,
                            Pt b,
                            Pt c,
                            Pt d)
{
  return segments_cross (a, b, c, d);
}

gboolean
soleus_scene_boxes_overlap (const LabelBox *a,
                            const LabelBox *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The line the figure stands, sits or lies on, in logical units. */
double
soleus_scene_ground_y (const FrameState *fs)
{
  if (fs->st.posture == SOLEUS_POSTURE_SUPINE || fs->st.posture == SOLEUS_POSTURE_LEGS_UP)
    return fs->st.bed_y;
  return fs->st.floor_y;
}

/* Measures every label at the current size, wrapped to a column's width,
 * and finds its anchor on the body. */
static void
labels_measure (SoleusScene      *self,
                cairo_t          *cr,
                const FrameState *fs,
                Pt               *anchors)
{
  for (int i = 0; i < N_LABELS; i++)
    {
      PangoLayout *layout = soleus_scene_make_layout (self, cr, self->label_size, FALSE);
      int w, h;

      pango_layout_set_width (layout, (int) (self->label_size * scene_label_wrap_em (self) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_text (layout, soleus_scene_tr (self, label_defs[i].text), -1);
      pango_layout_get_size (layout, &w, &h);
      self->labels[i].w = w / (double) PANGO_SCALE;
      self->labels[i].h = h / (double) PANGO_SCALE;
      g_object_unref (layout);
      anchors[i] = soleus_scene_label_anchor_point (fs, i);
    }
}

/* The labels of a side in order along their column (y upright, x lying). */
static int
labels_side_order (SoleusScene *self,
                   int          side,
                   gboolean     lying,
                   const Pt    *anchors,
                   int         *order)
{
  int n = 0;

  for (int i = 0; i < N_LABELS; i++)
    if (self->label_shown[i] && self->labels[i].side == side)
      order[n++] = i;
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0; j--)
      {
        double a = lying ? anchors[order[j]].x : anchors[order[j]].y;
        double b = lying ? anchors[order[j - 1]].x : anchors[order[j - 1]].y;

        if (a >= b)
          break;
        int t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  return n;
}

/* Places the shown labels of one side: upright in a column beside the body
 * between lo and hi (y), each hugging the body at its height; lying in a
 * row above or below the body between lo and hi (x). Returns FALSE when
 * they do not fit. */
static gboolean
labels_place_side (SoleusScene      *self,
                   const FrameState *fs,
                   int               side,
                   gboolean          lying,
                   const Pt         *env,
                   int               n_env,
                   const Pt         *anchors,
                   double            lo,
                   double            hi)
{
  int order[N_LABELS];
  int n = labels_side_order (self, side, lying, anchors, order);
  double gap = self->label_size * (lying ? 1.0 : LABEL_GAP);
  double reach = self->label_size * LABEL_REACH;
  double cursor = lo;

  /* stack along the column, then slide back from the far end */
  for (int k = 0; k < n; k++)
    {
      LabelBox *lb = &self->labels[order[k]];

      if (!lying)
        {
          lb->y = MAX (anchors[order[k]].y - lb->h / 2, cursor);
          cursor = lb->y + lb->h + gap;
        }
      else
        {
          lb->x = MAX (anchors[order[k]].x - lb->w / 2, cursor);
          cursor = lb->x + lb->w + gap;
        }
    }
  for (int k = n - 1; k >= 0; k--)
    {
      LabelBox *lb = &self->labels[order[k]];
      double limit = k == n - 1 ? hi : (lying ? self->labels[order[k + 1]].x
                                              : self->labels[order[k + 1]].y) - gap;

      if (!lying && lb->y + lb->h > limit)
        lb->y = limit - lb->h;
      else if (lying && lb->x + lb->w > limit)
        lb->x = limit - lb->w;
    }
  if (n > 0 && (lying ? self->labels[order[0]].x : self->labels[order[0]].y) < lo - 1e-6)
    return FALSE;

  for (int k = 0; k < n; k++)
    {
      int i = order[k];
      LabelBox *lb = &self->labels[i];

      if (!lying)
        {
          /* the column hugs the body at the label's height */
          double edge = side == SIDE_FRONT ? -G_MAXDOUBLE : G_MAXDOUBLE;

          for (int e = 0; e < n_env; e++)
            {
              if (env[e].y < lb->y - reach || env[e].y > lb->y + lb->h + reach)
                continue;
              edge = side == SIDE_FRONT ? MAX (edge, env[e].x) : MIN (edge, env[e].x);
            }
          if (side == SIDE_FRONT)
            {
              /* left of the close-ups (the legend is right of them) */
              double limit = scene_insets_shown (self) ? LABEL_MAX_X : G_MAXDOUBLE;
              if (edge < -1e9)
                edge = anchors[i].x;
              lb->x = MIN (edge + reach, limit - lb->w);
              lb->attach = pt (lb->x - 6, lb->y + lb->h / 2);
            }
          else
            {
              if (edge > 1e9)
                edge = anchors[i].x;
              lb->x = edge - reach - lb->w;
              lb->attach = pt (lb->x + lb->w + 6, lb->y + lb->h / 2);
            }
        }
      else if (side == SIDE_FRONT)
        {
          double top = G_MAXDOUBLE;

          for (int e = 0; e < n_env; e++)
            if (env[e].x > lb->x - reach && env[e].x < lb->x + lb->w + reach)
              top = MIN (top, env[e].y);
          if (top > 1e9)
            top = anchors[i].y;
          lb->y = top - reach - lb->h;
          lb->attach = pt (lb->x + lb->w / 2, lb->y + lb->h + 4);
        }
      else
        {
          lb->y = soleus_scene_ground_y (fs) + K * 8 + reach;
          lb->attach = pt (lb->x + lb->w / 2, lb->y - 4);
        }
    }
  return TRUE;
}

/* Where a side's labels may go: upright, from the top of the figure down
 * to the ground line; lying, from the left edge to the legend or the
 * close-ups. */
static void
labels_side_limits (SoleusScene      *self,
                    const FrameState *fs,
                    int               side,
                    gboolean          lying,
                    double            top,
                    double            left,
                    double            right,
                    double           *lo,
                    double           *hi)
{
  double gap = self->label_size * LABEL_GAP;

  if (!lying)
    {
      *lo = top + gap;
      *hi = soleus_scene_ground_y (fs) - gap;
    }
  else
    {
      *lo = left + gap;
      *hi = scene_insets_shown (self) ? LABEL_MAX_X : right;
    }
}

/* The line from close-up k to its valve in the leg, as
 * soleus_scene_draw_insets_static () draws it. */
void
soleus_scene_inset_connector (SoleusScene      *self,
                              const FrameState *fs,
                              int               k,
                              Pt               *from,
                              Pt               *to)
{
  Pt c = pt (INSET_CX, soleus_scene_inset_cy[k]);
  Pt target = soleus_scene_valve_center (fs, self->inset_valve[k], NULL);

  *from = pt_add (c, pt_mul (pt_unit (pt_sub (target, c)), INSET_R));
  *to = pt_add (target, pt_mul (pt_unit (pt_sub (c, target)), K * 2.0));
}

/* The first conflict among the shown labels: a leader line crossing
 * another or a label, two labels overlapping, a label on the ground line;
 * returns the label of lower priority to drop, or -1. */
static int
labels_first_conflict (SoleusScene      *self,
                       const FrameState *fs,
                       const Pt         *anchors)
{
  int rank[N_LABELS];
  double ground = soleus_scene_ground_y (fs);

  for (int k = 0; k < N_LABELS; k++)
    rank[self->label_order[k]] = k;

  for (int i = 0; i < N_LABELS; i++)
    {
      const LabelBox *a = &self->labels[i];

      if (!self->label_shown[i])
        continue;
      if (a->y < ground && a->y + a->h > ground)
        return i;
      /* the close-ups' lines count as leader lines too */
      for (int k = 0; k < N_INSETS && scene_insets_shown (self); k++)
        {
          Pt c0, c1;

          soleus_scene_inset_connector (self, fs, k, &c0, &c1);
          if (soleus_scene_segment_hits_box (c0, c1, a) ||
              soleus_scene_leaders_cross (c0, c1, a->attach, anchors[i]))
            return i;
        }
      for (int j = 0; j < N_LABELS; j++)
        {
          const LabelBox *b = &self->labels[j];

          if (j == i || !self->label_shown[j])
            continue;
          if ((j > i && soleus_scene_boxes_overlap (a, b)) ||
              soleus_scene_segment_hits_box (a->attach, anchors[i], b) ||
              (j > i && soleus_scene_leaders_cross (a->attach, anchors[i], b->attach, anchors[j])))
            return rank[i] > rank[j] ? i : j;
        }
    }
  return -1;
}

static gboolean
labels_place_all (SoleusScene      *self,
                  const FrameState *fs,
                  gboolean          lying,
                  const Pt         *env,
                  int               n_env,
                  const Pt         *anchors,
                  double            top,
                  double            left,
                  double            right)
{
  gboolean fits = TRUE;

  for (int side = SIDE_BACK; side <= SIDE_FRONT; side++)
    {
      double lo, hi;

      labels_side_limits (self, fs, side, lying, top, left, right, &lo, &hi);
      fits &= labels_place_side (self, fs, side, lying, env, n_env, anchors, lo, hi);
    }
  return fits;
}

/* Lays the labels out at self->label_size: adds them one by one in order
 * of priority, keeping each only if its side still fits, then drops the
 * lesser of any two that still conflict. */
static void
labels_layout_at_size (SoleusScene      *self,
                       cairo_t          *cr,
                       const FrameState *fs,
                       Pt               *anchors)
{
  gboolean lying = fs->st.posture == SOLEUS_POSTURE_SUPINE ||
                   fs->st.posture == SOLEUS_POSTURE_LEGS_UP;
  Pt env[400];
  int n_env = labels_envelope (fs, env);
  /* the standard picture, or cropped the body alone */
  double top = scene_cropped (self) ? G_MAXDOUBLE : 0;
  double left = scene_cropped (self) ? G_MAXDOUBLE : 0;
  double right = -G_MAXDOUBLE;
  FrameState *gait = NULL;
  Pt *gait_anchors = NULL;
  int n_gait = 0;

  for (int e = 0; e < n_env; e++)
    {
      top = MIN (top, env[e].y);
      left = MIN (left, env[e].x);
      right = MAX (right, env[e].x);
    }

  labels_measure (self, cr, fs, anchors);
  memset (self->label_shown, 0, sizeof self->label_shown);
  label_order (fs->snap != NULL ? soleus_scene_label_story (fs->snap) : STORY_LYING,
               self->label_order);

  /* Standing, the leg may start walking with this layout: its leader
   * lines must stay untangled at every moment of the stride. */
  if (fs->st.posture == SOLEUS_POSTURE_STANDING && fs->snap != NULL)
    {
      SoleusSnapshot snap = *fs->snap;

      gait = g_new (FrameState, N_GAIT_SAMPLES);
      gait_anchors = g_new (Pt, N_GAIT_SAMPLES * N_LABELS);
      snap.walking = TRUE;
      for (int g = 0; g < N_GAIT_SAMPLES; g++)
        {
          snap.gait_phase = g / (double) N_GAIT_SAMPLES;
          soleus_gait_angles (snap.gait_phase, &snap.hip_angle_deg, &snap.knee_angle_deg,
                              &snap.ankle_angle_deg);
          soleus_scene_compute_frame (self, &snap, &gait[g]);
          for (int i = 0; i < N_LABELS; i++)
            gait_anchors[g * N_LABELS + i] = soleus_scene_label_anchor_point (&gait[g], i);
        }
      n_gait = N_GAIT_SAMPLES;
    }

  /* Each label in turn, on its own side or else the other: kept if the
   * side still fits and nothing crosses; the ones before it never move
   * out of the way, so a label only ever costs lesser ones their place. */
  for (int k = 0; k < MIN (self->label_limit, N_LABELS); k++)
    {
      int i = self->label_order[k];
      gboolean kept = FALSE;

      for (int t = 0; t < (self->one_side ? 1 : 2) && !kept; t++)
        {
          int side = self->one_side ? SIDE_BACK
                     : t == 0 ? (int) label_defs[i].side : 1 - (int) label_defs[i].side;

          self->labels[i].side = side;
          self->label_shown[i] = TRUE;
          kept = labels_place_all (self, fs, lying, env, n_env, anchors, top, left, right) &&
                 labels_first_conflict (self, fs, anchors) < 0;
          for (int g = 0; g < n_gait && kept; g++)
            kept = labels_first_conflict (self, &gait[g], gait_anchors + g * N_LABELS) < 0;
          if (!kept)
            self->label_shown[i] = FALSE;
        }
    }
  labels_place_all (self, fs, lying, env, n_env, anchors, top, left, right);
  g_free (gait);
  g_free (gait_anchors);
}

void
soleus_scene_layout_labels (SoleusScene      *self,
                            cairo_t          *cr,
                            const FrameState *fs,
                            double            fit_scale)
{
  Pt anchors[N_LABELS];

  self->label_size = MAX (LABEL_SIZE, self->min_label_px / MAX (fit_scale, 1e-3));
  labels_layout_at_size (self, cr, fs, anchors);
  for (int i = 0; i < N_LABELS; i++)
    self->label_anchor[i] = anchors[i];
  self->labels_valid = TRUE;
}

/* Fits the figure, its labels and (when shown) the legend and close-ups
 * into width x height: the standard picture, grown where the figure or a
 * label reaches past it. The labels are laid out again when the size, the
 * posture or an option changes; their size depends on the fit when they
 * would be under LABEL_MIN_PX, so the two are settled together. */
static double fit_compact (SoleusScene      *self,
                           cairo_t          *cr,
                           const FrameState *fs,
                           double            width,
                           double            height,
                           double            text_max,
                           double            scale,
                           double           *box);
static double fit_settle (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs,
                          double            width,
                          double            height,
                          double            text_max,
                          double            scale,
                          double           *box);

void
soleus_scene_fit_content (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs,
                          double            width,
                          double            height)
{
  double key[5] = { width, height, fs->st.posture, soleus_scene_legs_key (fs),
                    fs->snap != NULL ? soleus_scene_label_story (fs->snap) : 0 };
  double box[4], scale, text_max;

  if (memcmp (key, self->layout_key, sizeof key) == 0)
    return;

  /* the legend's and captions' text: as large as the labels' minimum, a
   * share of the output */
  self->text_min_px = MAX (self->min_label_px,
                           TEXT_SHARE_PX * MIN (width / 1920.0, height / 1080.0));
  text_max = TEXT_MAX_SIZE * self->min_label_px / LABEL_MIN_PX;
  scale = MIN (width / SOLEUS_SCENE_WIDTH, height / SOLEUS_SCENE_HEIGHT);
  /* Where the standard picture's legend and close-ups would be smaller
   * than their minimum, they are left out (a phone-wide window, a small
   * export); the labels stay, as many as fit. */
  self->compact = self->text_min_px / MAX (scale, 1e-3) > text_max;
  self->label_limit = N_LABELS;
  self->one_side = FALSE;
  if (self->compact && self->show_labels)
    scale = fit_compact (self, cr, fs, width, height, text_max, scale, box);
  else
    scale = fit_settle (self, cr, fs, width, height, text_max, scale, box);

  memcpy (self->content, box, sizeof box);
  self->fit_scale = scale;
  self->fit_x = (width - (box[2] - box[0]) * scale) / 2 - box[0] * scale;
  self->fit_y = (height - (box[3] - box[1]) * scale) / 2 - box[1] * scale;
  memcpy (self->layout_key, key, sizeof key);
}

/* A compact picture: the figure without labels sets the scale to aim
 * at. Labels are dropped, from the least important, while the figure
 * would be under COMPACT_FIGURE_SHARE of it, with the labels on both
 * sides of the body or, upright, all on one (a narrow output has more
 * room for one column than for two). Of the two, the one that keeps the
 * figure at its share, then more labels, then the larger figure. */
static double
fit_compact (SoleusScene      *self,
             cairo_t          *cr,
             const FrameState *fs,
             double            width,
             double            height,
             double            text_max,
             double            scale,
             double           *box)
{
  gboolean upright = fs->st.posture == SOLEUS_POSTURE_STANDING ||
                     fs->st.posture == SOLEUS_POSTURE_SITTING;
  double bare_box[4], bare, best_scale = 0;
  int best_limit = N_LABELS, best_shown = -1;
  gboolean best_one_side = FALSE, best_meets = FALSE;

  self->labels_valid = FALSE;
  soleus_scene_content_box (self, fs, bare_box);
  bare = MIN (width / (bare_box[2] - bare_box[0]), height / (bare_box[3] - bare_box[1]));

  for (int one_side = 0; one_side <= (upright ? 1 : 0); one_side++)
    {
      double settled;
      int shown = 0;
      gboolean meets;

      self->one_side = one_side;
      for (self->label_limit = N_LABELS; ; self->label_limit--)
        {
          settled = fit_settle (self, cr, fs, width, height, text_max, scale, box);
          if (settled >= COMPACT_FIGURE_SHARE * bare || self->label_limit <= COMPACT_MIN_LABELS)
            break;
        }
      for (int i = 0; i < N_LABELS; i++)
        shown += self->label_shown[i] ? 1 : 0;
      meets = settled >= COMPACT_FIGURE_SHARE * bare;
      if (best_shown < 0 || (meets && !best_meets) ||
          (meets == best_meets && (shown > best_shown ||
                                   (shown == best_shown && settled > best_scale))))
        {
          best_scale = settled;
          best_limit = self->label_limit;
          best_shown = shown;
          best_one_side = one_side;
          best_meets = meets;
        }
    }

  /* the layout of the one chosen, again */
  if (self->one_side != best_one_side || self->label_limit != best_limit)
    {
      self->one_side = best_one_side;
      self->label_limit = best_limit;
      best_scale = fit_settle (self, cr, fs, width, height, text_max, scale, box);
    }
  return best_scale;
}

/* Lays out the labels, the legend and the captions and fits them with the
 * figure into width x height, from a first guess of the scale; returns the
 * scale, with the content box in box. */
static double
fit_settle (SoleusScene      *self,
            cairo_t          *cr,
            const FrameState *fs,
            double            width,
            double            height,
            double            text_max,
            double            scale,
            double           *box)
{
  double prev_scale = 0, prev_gap = 0;

  for (int pass = 0; pass < 12; pass++)
    {
      double fitted, gap, next;

      self->text_size = CLAMP (self->text_min_px / MAX (scale, 1e-3), LEGEND_ROW_SIZE, text_max);
      if (scene_legend_shown (self))
        soleus_scene_legend_layout (self, cr);
      else
        self->legend_h = 0;
      if (self->show_labels && scene_insets_shown (self))
        soleus_scene_measure_captions (self, cr);
      if (self->show_labels)
        soleus_scene_layout_labels (self, cr, fs, scale);
      soleus_scene_content_box (self, fs, box);
      fitted = MIN (width / (box[2] - box[0]), height / (box[3] - box[1]));
      /* settled once the labels, the legend and the captions meet their
       * size at the final fit */
      if ((!self->show_labels ||
           MAX (LABEL_SIZE, self->min_label_px / fitted) <= self->label_size * (1 + 1e-9)) &&
          CLAMP (self->text_min_px / fitted, LEGEND_ROW_SIZE, text_max) <=
          self->text_size * (1 + 1e-9))
        {
          scale = fitted;
          break;
        }
      /* The labels grow as the scale shrinks: find where the fit meets
       * the scale they were laid out for, a little on the small side so
       * the next pass settles. In a compact picture, where the labels'
       * columns take most of the width, by the secant through the last
       * two passes once there are two. */
      gap = fitted - scale;
      next = fitted;
      if (self->compact && pass > 0 && fabs (gap - prev_gap) > 1e-12)
        {
          double secant = scale - gap * (scale - prev_scale) / (gap - prev_gap);

          if (secant > 0 && secant < fitted)
            next = secant;
        }
      prev_scale = scale;
      prev_gap = gap;
      scale = next * 0.97;
    }
  return scale;
}

/* The box, in logical units, that the figure, its labels and (when shown)
 * the legend and close-ups need; at least the standard picture. */
void
soleus_scene_content_box (SoleusScene      *self,
                          const FrameState *fs,
                          double           *box)
{
  Pt env[400];
  int n_env = labels_envelope (fs, env);

  if (scene_cropped (self))
    {
      box[0] = box[1] = G_MAXDOUBLE;
      box[2] = box[3] = -G_MAXDOUBLE;
    }
  else
    {
      box[0] = 0;
      box[1] = 0;
      box[2] = SOLEUS_SCENE_WIDTH;
      box[3] = SOLEUS_SCENE_HEIGHT;
    }
  for (int e = 0; e < n_env; e++)
    {
      box[0] = MIN (box[0], env[e].x - 12);
      box[1] = MIN (box[1], env[e].y - 12);
      box[2] = MAX (box[2], env[e].x + 12);
      box[3] = MAX (box[3], env[e].y + 12);
    }
  if (self->show_labels && self->labels_valid)
    for (int i = 0; i < N_LABELS; i++)
      {
        const LabelBox *lb = &self->labels[i];

        if (!self->label_shown[i])
          continue;
        box[0] = MIN (box[0], lb->x - 8);
        box[1] = MIN (box[1], lb->y - 8);
        box[2] = MAX (box[2], lb->x + lb->w + 8);
        box[3] = MAX (box[3], lb->y + lb->h + 8);
      }
  /* the legend and the close-ups' captions */
  {
    double b[4];

    if (scene_legend_shown (self))
      {
        soleus_scene_legend_box (self, b);
        box[2] = MAX (box[2], b[2] + 16);
        box[3] = MAX (box[3], b[3] + 16);
      }
    if (self->show_labels && scene_insets_shown (self))
      for (int k = 0; k < N_INSETS; k++)
        {
          soleus_scene_caption_box (self, k, b);
          box[1] = MIN (box[1], b[1] - 8);
          box[2] = MAX (box[2], b[2] + 8);
          box[3] = MAX (box[3], b[3] + 8);
        }
  }
}

static void
draw_label_text (SoleusScene      *self,
                 cairo_t          *cr,
                 const FrameState *fs,
                 int               i,
                 double            x,
                 double            y)
{
  PangoLayout *layout = soleus_scene_make_layout (self, cr, self->label_size, FALSE);

  pango_layout_set_width (layout, (int) (self->label_size * scene_label_wrap_em (self) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
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

/* Each label's text, pre-rendered at device resolution and pixel-aligned,
 * then composited into the cached static layer (soleus-scene-cache.c):
 * the labels keep clear of everything that moves, so a frame gets them
 * with the background's copy, at no cost of its own. */
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

      if (!self->label_shown[i])
        continue;
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
        if (self->label_shown[i])
          draw_label_text (self, cr, fs, i, self->labels[i].x, self->labels[i].y);
      cairo_restore (cr);
      return;
    }

  /* drawn into the cached static layer (soleus-scene-cache.c) */
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
      if (!self->label_shown[i])
        continue;
      cairo_move_to (cr, b.x, b.y);
      cairo_line_to (cr, a.x, a.y);
    }
  set_color (cr, &fs->pal->leader);
  cairo_set_line_width (cr, fs->lw * 0.9);
  cairo_stroke (cr);

  for (int i = 0; i < N_LABELS; i++)
    {
      if (!self->label_shown[i])
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, self->label_anchor[i].x, self->label_anchor[i].y, 2.6 * fs->pal->line_scale,
                 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

/* The moment of the stride (or of the ankle pump), a small tag by the foot:
 * the caption tells the story and holds; the tag follows the step. The
 * phases after Perry & Burnfield, as the core's gait poses them: initial
 * contact, loading response (the foot flat), terminal stance and pre-swing
 * (the push-off), swing. */
static const char *
gait_tag_text (const SoleusSnapshot *s)
{
  if ((int) s->control[SOLEUS_PARAM_POSTURE] == SOLEUS_POSTURE_STANDING)
    {
      if (s->gait_phase < 0.08)
        return N_("Heel strike");
      if (s->gait_phase < 0.25)
        return N_("Flat foot");
      if (s->gait_phase < 0.6)
        return N_("Push-off");
      return N_("Swing");
    }

  return s->soleus_activation > 0.3 ? N_("Calf tightens") : N_("Calf relaxes");
}

/* The tag: a pill of the panel's colour with its text (the layout), its
 * corner at (x, y). */
static void
draw_gait_tag_at (cairo_t                   *cr,
                  const SoleusPaletteColors *pal,
                  PangoLayout               *layout,
                  double                     x,
                  double                     y,
                  double                     w,
                  double                     h,
                  double                     size)
{
  double r = h / 2, pad = size * 0.35;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, &pal->panel);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->panel_line);
  cairo_set_line_width (cr, MAX (1.0, size * 0.08));
  cairo_stroke (cr);

  cairo_move_to (cr, x + pad, y + pad);
  set_color (cr, &pal->text);
  pango_cairo_show_layout (cr, layout);
}

void
soleus_scene_draw_gait_tag (SoleusScene      *self,
                            cairo_t          *cr,
                            const FrameState *fs,
                            double            width,
                            double            height)
{
  const SoleusSnapshot *s = fs->snap;
  PangoLayout *layout = NULL;
  PangoRectangle ink, logical;
  double size, pad, w, h, x = 0, y = 0, front, ground, S;
  GaitTagSprite *sprite = NULL;
  double key[3];
  gboolean sprite_ok;
  const char *text;
  cairo_matrix_t m;
  Pt ankle, toes;

  if (!self->show_labels || !s->walking || !(self->label_size > 0.0))
    return;

  size = self->label_size * 0.85;
  pad = size * 0.35;
  text = gait_tag_text (s);

  /* On an image, unrotated, the tag comes from a sprite of its text drawn
   * once, placed at whole pixels like the labels' */
  cairo_get_matrix (cr, &m);
  S = self->scale_factor;
  sprite_ok = self->use_cache && !soleus_scene_target_is_vector (cr) &&
              !(fabs (m.xy) > 0.0) && !(fabs (m.yx) > 0.0) && m.xx > 0.0 && m.yy > 0.0;
  key[0] = size;
  key[1] = m.xx * S;
  key[2] = m.yy * S;
  if (sprite_ok)
    for (int i = 0; i < N_GAIT_TAG_SPRITES && sprite == NULL; i++)
      {
        GaitTagSprite *t = &self->gait_tag[i];

        if (t->surface != NULL && t->text == text && memcmp (t->key, key, sizeof key) == 0)
          sprite = t;
      }

  if (sprite != NULL)
    {
      w = sprite->w;
      h = sprite->h;
    }
  else
    {
      layout = soleus_scene_make_layout (self, cr, size, TRUE);
      pango_layout_set_text (layout, soleus_scene_tr (self, text), -1);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      w = logical.width + 2 * pad;
      h = logical.height + 2 * pad;
    }

  /* Just above the ground, in front of the toes, else behind the heel,
   * else under the ground line: where no label is. */
  ankle = fs->pose.f[F_FOOT].o;
  toes = fs->pose.f[F_TOES].o;
  front = fs->pose.f[F_SHANK].n.x >= 0.0 ? 1.0 : -1.0;
  ground = soleus_scene_ground_y (fs);
  {
    /* In front of the toes, then behind the heel, each a little further
     * out at a time, then under the ground line. */
    double front_x = front > 0 ? MAX (toes.x, ankle.x) + size * 2.0
                               : MIN (toes.x, ankle.x) - size * 2.0 - w;
    double back_x = front > 0 ? ankle.x - size * 2.0 - w : ankle.x + size * 2.0;
    double above = ground - h - size * 0.4;
    /* What the widget shows, in logical units. */
    double view_x0 = -self->fit_x / self->fit_scale;
    double view_x1 = (width - self->fit_x) / self->fit_scale;
    double view_y1 = (height - self->fit_y) / self->fit_scale;
    gboolean found = FALSE;

    for (int c = 0; c < 13 && !found; c++)
      {
        LabelBox tag;
        int k = c / 2;

        if (c == 12)
          tag = (LabelBox) { ankle.x - w / 2, ground + size * 0.4, w, h, { 0, 0 }, 0 };
        else if (c % 2 == 0)
          tag = (LabelBox) { front_x + front * k * size * 3.0, above, w, h, { 0, 0 }, 0 };
        else
          tag = (LabelBox) { back_x - front * k * size * 3.0, above, w, h, { 0, 0 }, 0 };

        found = tag.x >= view_x0 && tag.x + tag.w <= view_x1 && tag.y + tag.h <= view_y1;
        for (int i = 0; i < N_LABELS && found; i++)
          if (self->label_shown[i] &&
              (soleus_scene_boxes_overlap (&tag, &self->labels[i]) ||
               soleus_scene_segment_hits_box (self->labels[i].attach, self->label_anchor[i],
                                              &tag)))
            found = FALSE;
        /* Nothing clear: the first place, in front of the toes, moved
         * into the view. */
        if (found || c == 0)
          {
            x = found ? tag.x : CLAMP (tag.x, view_x0, MAX (view_x0, view_x1 - tag.w));
            y = found ? tag.y : MIN (tag.y, view_y1 - tag.h);
          }
      }
  }

  if (!sprite_ok)
    {
      draw_gait_tag_at (cr, fs->pal, layout, x, y, w, h, size);
      g_object_unref (layout);
      return;
    }

  if (sprite == NULL)
    {
      cairo_t *sc;
      double sx = m.xx * S, sy = m.yy * S;
      int margin = (int) ceil (MAX (1.0, size * 0.08) * MAX (sx, sy)) + 2;

      sprite = &self->gait_tag[self->gait_tag_next];
      self->gait_tag_next = (self->gait_tag_next + 1) % N_GAIT_TAG_SPRITES;
      g_clear_pointer (&sprite->surface, cairo_surface_destroy);
      sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                    (int) ceil (w * sx) + 2 * margin,
                                                    (int) ceil (h * sy) + 2 * margin);
      sprite->text = text;
      memcpy (sprite->key, key, sizeof key);
      sprite->w = w;
      sprite->h = h;
      sprite->margin = margin;
      sc = cairo_create (sprite->surface);
      cairo_translate (sc, margin, margin);
      cairo_scale (sc, sx, sy);
      cairo_set_tolerance (sc, cairo_get_tolerance (cr));
      cairo_set_antialias (sc, cairo_get_antialias (cr));
      cairo_set_line_join (sc, cairo_get_line_join (cr));
      cairo_set_miter_limit (sc, cairo_get_miter_limit (cr));
      draw_gait_tag_at (sc, fs->pal, layout, 0, 0, w, h, size);
      cairo_destroy (sc);
      cairo_surface_flush (sprite->surface);
    }
  g_clear_object (&layout);

  /* the tag's corner at the whole device pixel nearest its place */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, 1 / S, 1 / S);
  cairo_set_source_surface (cr, sprite->surface,
                            round ((m.xx * x + m.x0) * S) - sprite->margin,
                            round ((m.yy * y + m.y0) * S) - sprite->margin);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
soleus_scene_clear_gait_tags (SoleusScene *self)
{
  for (int i = 0; i < N_GAIT_TAG_SPRITES; i++)
    g_clear_pointer (&self->gait_tag[i].surface, cairo_surface_destroy);
}
