/* soleus-scene-body.c: the painters of the body: torso, heart, legs, treadmill
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

/* An opaque colour equal to top (with its alpha) over bottom: opaque fills
 * are cheaper to rasterize than blended ones. */
static SoleusColor
blend_over (const SoleusColor *top,
            const SoleusColor *bottom)
{
  SoleusColor c = {
    top->r * top->a + bottom->r * (1 - top->a),
    top->g * top->a + bottom->g * (1 - top->a),
    top->b * top->a + bottom->b * (1 - top->a),
    1.0,
  };
  return c;
}

void
soleus_scene_draw_arrow (cairo_t *cr,
                         Pt       from,
                         Pt       to,
                         double   width,
                         double   head)
{
  Pt d = pt_unit (pt_sub (to, from));
  Pt nrm = pt_perp (d);
  Pt base = pt_sub (to, pt_mul (d, head));

  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, from.x, from.y);
  cairo_line_to (cr, base.x, base.y);
  cairo_stroke (cr);

  cairo_move_to (cr, to.x, to.y);
  cairo_line_to (cr, base.x + nrm.x * head * 0.6, base.y + nrm.y * head * 0.6);
  cairo_line_to (cr, base.x - nrm.x * head * 0.6, base.y - nrm.y * head * 0.6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Cel shading: a band of shadow along the back of a limb or the torso,
 * between its outline and the same points moved forward by up to depth
 * cm. */
static void
draw_shade_band (cairo_t                  *cr,
                 const Pt                 *outer,
                 const Frame       *const *frames,
                 int                       n,
                 double                    depth,
                 const SoleusColor        *color)
{
  Pt band[2 * 16];

  g_assert (n <= 16);
  for (int i = 0; i < n; i++)
    {
      band[i] = outer[i];
      /* tapered to nothing at both ends */
      double t = sin (G_PI * i / (n - 1));

      band[2 * n - 1 - i] = pt_add (outer[i], pt_mul (frames[i]->n, K * depth * t));
    }
  soleus_scene_path_spline (cr, band, 2 * n, TRUE);
  set_color (cr, color);
  cairo_fill (cr);
}

static void
tube (cairo_t           *cr,
      const double      *xy,
      int                n,
      double             width,
      double             wall,
      const SoleusColor *fill,
      const SoleusColor *line)
{
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_move_to (cr, xy[0], xy[1]);
      if (n == 4)
        cairo_curve_to (cr, xy[2], xy[3], xy[4], xy[5], xy[6], xy[7]);
      else
        for (int i = 1; i < n; i++)
          cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
      set_color (cr, pass == 0 ? line : fill);
      cairo_set_line_width (cr, pass == 0 ? width + 2 * wall : width);
      cairo_stroke (cr);
    }
}

/* The aorta and the superior vena cava above the heart: they do not beat,
 * so they are drawn with the torso (and reach a frame in its sprite). Over
 * the torso and under the heart, and clear of everything drawn between
 * the two (the legs and the veins), so they stack as when the heart drew
 * them. The aorta carries arterial blood: a red (the muscle's, which is
 * red in every palette but the colour-blind one's reddish purple; the
 * cells are yellow on a projector), faded into the background. */
static void
draw_great_vessels (cairo_t    *cr,
                    FrameState *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  Pt c = soleus_scene_heart_center (fs);
  Pt u = fs->pose.f[F_TORSO].u;
  double w = fs->lw / K;
  static const double aorta[] = { 0.8, -3.0, 0.6, -10.5, -5.6, -10.5, -5.8, -2.0 };
  static const double svc[] = { -3.4, -1.5, -3.6, -5.0, -3.7, -8.0, -3.8, -11.0 };
  SoleusColor red = pal->muscle;
  SoleusColor aorta_fill;

  cairo_save (cr);
  cairo_translate (cr, c.x, c.y);
  cairo_rotate (cr, atan2 (u.y, u.x) - G_PI / 2);
  cairo_scale (cr, K, K);
  red.a = 0.55;
  aorta_fill = blend_over (&red, &pal->skin);
  tube (cr, aorta, 4, 2.3, w, &aorta_fill, &pal->heart_line);
  tube (cr, svc, 4, 1.7, w, &pal->vein, &pal->vein_wall);
  cairo_restore (cr);
}

void
soleus_scene_draw_torso (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  Pt pts[MAX_OUTLINE];
  int n = soleus_scene_torso_outline_shaped (p, &fs->shape, pts);

  soleus_scene_path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->skin);
  cairo_fill (cr);
  {
    const Frame *fr[6];

    for (int i = 0; i < 6; i++)
      fr[i] = &p->f[F_TORSO];
    draw_shade_band (cr, pts + 22, fr, 6, 2.6, &pal->skin_shade);
  }
  soleus_scene_path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->skin_line);
  cairo_set_line_width (cr, fs->lw * 1.4);
  cairo_stroke (cr);
  soleus_scene_part_add_pts (self, PART_TORSO, pts, n, 0);

  /* spine: vertebral bodies from the sacrum to the neck */
  for (int i = 0; i < 14; i++)
    {
      double l = -12.0 - i * 3.35;
      double a = -6.9 + (i > 5 && i < 13 ? -0.7 : 0) + (i < 3 ? -0.8 : 0);
      Pt c = pose_pt (p, F_TORSO, a, l);
      Pt u = p->f[F_TORSO].u;

      cairo_save (cr);
      cairo_translate (cr, c.x, c.y);
      cairo_rotate (cr, atan2 (u.y, u.x));
      cairo_rectangle (cr, -K * 1.2, -K * 1.35, K * 2.4, K * 2.5);
      cairo_restore (cr);
    }
  set_color (cr, &pal->organ);
  cairo_fill (cr);

  /* diaphragm and ribs */
  {
    Pt d[] = {
      pose_pt (p, F_TORSO, -9.0, -31.0), pose_pt (p, F_TORSO, -4.0, -36.5),
      pose_pt (p, F_TORSO, 3.0, -37.5), pose_pt (p, F_TORSO, 9.6, -33.0),
    };

    soleus_scene_path_spline (cr, d, 4, FALSE);
    set_color (cr, &pal->organ);
    cairo_set_line_width (cr, fs->lw * 2.2);
    cairo_stroke (cr);

    for (int i = 0; i < 4; i++)
      {
        double l = -40.0 - i * 4.2;
        Pt r[] = {
          pose_pt (p, F_TORSO, -7.5, l + 1.5), pose_pt (p, F_TORSO, 1.0, l + 3.5 - i * 0.3),
          pose_pt (p, F_TORSO, 9.8, l + 1.0),
        };

        soleus_scene_path_spline (cr, r, 3, FALSE);
      }
    cairo_set_line_width (cr, fs->lw * 1.6);
    cairo_stroke (cr);
  }

  draw_great_vessels (cr, fs);
}

/* The heart seen from the right: the right atrium (where the vena cava
 * enters) and the right ventricle in the venous colour, the left heart
 * behind them, pale, the aorta faded arterial red and the pulmonary trunk
 * faded. It beats with the snapshot's heart phase:
 * the atrium contracts first, then the ventricles. */
void
soleus_scene_draw_heart (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  Pt c = soleus_scene_heart_center (fs);
  Pt u = p->f[F_TORSO].u;
  double rot = atan2 (u.y, u.x) - G_PI / 2;
  double ph = fs->heart_phase;
  /* atrial contraction 0-0.12 of the beat, ventricular 0.14-0.45 */
  double atrial = ph < 0.12 ? sin (G_PI * ph / 0.12) : 0;
  double vent = (ph > 0.14 && ph < 0.45) ? sin (G_PI * (ph - 0.14) / 0.31) : 0;
  double sv = 1.0 - 0.08 * vent;
  double sa = 1.0 - 0.15 * atrial;
  double w = fs->lw / K;
  static const double pulm[] = { 3.2, -2.6, 3.4, -6.4, 2.0, -8.2, 0.2, -8.6 };
  SoleusColor pale = pal->heart;
  SoleusColor pulm_fill;

  cairo_save (cr);
  cairo_translate (cr, c.x, c.y);
  cairo_rotate (cr, rot);
  cairo_scale (cr, K, K);
  /* In this frame +x is toward the front of the body and +y down along it
   * (the aorta and the superior vena cava, which do not beat, are drawn
   * with the torso). */

  /* The outflow to the lungs (venous blood, but an artery) is faded, so
   * that only the veins read as bright blue. */
  pale.a = 0.4;
  pulm_fill = blend_over (&pale, &pal->skin);

  cairo_save (cr);
  cairo_translate (cr, 1.5, 1.5);
  cairo_scale (cr, sv, sv);
  cairo_translate (cr, -1.5, -1.5);

  tube (cr, pulm, 4, 1.9, w, &pulm_fill, &pal->heart_line);

  /* the whole heart: base up and back, apex down and forward */
  cairo_move_to (cr, -3.8, -3.6);
  cairo_curve_to (cr, -1.0, -5.4, 5.2, -4.4, 6.8, -1.2);
  cairo_curve_to (cr, 8.0, 1.6, 6.6, 5.6, 4.6, 8.2);
  cairo_curve_to (cr, 3.6, 9.2, 1.6, 8.2, -0.6, 6.4);
  cairo_curve_to (cr, -3.2, 4.4, -5.4, 1.2, -5.2, -1.2);
  cairo_curve_to (cr, -5.0, -2.6, -4.6, -3.2, -3.8, -3.6);
  cairo_close_path (cr);
  set_color (cr, &pal->heart_left);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->heart_line);
  cairo_set_line_width (cr, w * 1.2);
  cairo_stroke (cr);

  /* right ventricle, in front */
  cairo_move_to (cr, -0.6, -2.8);
  cairo_curve_to (cr, 2.2, -3.8, 5.4, -2.6, 6.4, -0.6);
  cairo_curve_to (cr, 7.4, 2.0, 6.2, 5.6, 4.4, 7.8);
  cairo_curve_to (cr, 3.0, 6.4, 1.0, 4.6, 0.0, 2.4);
  cairo_curve_to (cr, -0.6, 0.8, -1.0, -1.2, -0.6, -2.8);
  cairo_close_path (cr);
  set_color (cr, &pal->heart);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->heart_line);
  cairo_set_line_width (cr, w);
  cairo_stroke (cr);
  /* the groove between the ventricles */
  cairo_move_to (cr, 0.2, 2.6);
  cairo_curve_to (cr, 1.4, 5.0, 3.0, 6.8, 4.4, 7.8);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* right atrium, behind and above, with its ear (auricle) */
  cairo_save (cr);
  cairo_translate (cr, -3.0, 0.6);
  cairo_scale (cr, sa, sa);
  cairo_move_to (cr, -0.6, -3.4);
  cairo_curve_to (cr, 1.0, -4.2, 2.8, -3.6, 2.6, -2.2);
  cairo_curve_to (cr, 2.4, -1.6, 1.8, -1.4, 1.6, -0.6);
  cairo_curve_to (cr, 2.2, 1.2, 1.2, 3.6, -0.8, 3.6);
  cairo_curve_to (cr, -2.8, 3.6, -3.0, -2.6, -0.6, -3.4);
  cairo_close_path (cr);
  set_color (cr, &pal->heart);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->heart_line);
  cairo_set_line_width (cr, w);
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_restore (cr);

  soleus_scene_part_add_pt (self, PART_HEART, pt_add (c, pt_mul (u, K * -1.0)), K * 9.0);
}

void
soleus_scene_draw_far_leg (cairo_t    *cr,
                           FrameState *fs)
{
  Pt pts[MAX_OUTLINE];
  Shape plain = { 0 };
  int n;

  if (!fs->have_far)
    return;

  /* the other leg of the same body */
  plain.fat = fs->shape.fat;
  plain.fat_back = fs->shape.fat_back;
  plain.female = fs->shape.female;

  n = soleus_scene_leg_outline (&fs->far_pose, &plain, pts);
  soleus_scene_path_spline (cr, pts, n, TRUE);
  {
    SoleusColor c = blend_over (&fs->pal->skin_far, &fs->pal->background);
    set_color (cr, &c);
  }
  cairo_fill (cr);
}

void
soleus_scene_draw_treadmill (cairo_t    *cr,
                             FrameState *fs)
{
  const SoleusSnapshot *s = fs->snap;
  double speed_cm_s, offset;

  if (fs->st.posture != SOLEUS_POSTURE_STANDING || !fs->st.walking)
    return;

  /* the belt moves back under the feet at the walking speed */
  speed_cm_s = clampd (s->control[SOLEUS_PARAM_SPEED_KMH], 0, 10) * 100000.0 / 3600.0;
  offset = fmod (s->time_s * speed_cm_s * K, 60.0);

  set_color (cr, &fs->pal->ground_line);
  cairo_set_line_width (cr, fs->lw * 1.5);
  for (double x = 380 - offset; x < 1000; x += 60)
    {
      cairo_move_to (cr, x, FLOOR_Y + 8);
      cairo_line_to (cr, x - 10, FLOOR_Y + 18);
    }
  cairo_stroke (cr);
}

/* Brown skin (haemosiderin staining) in the gaiter area above the ankle,
 * in patches, deepening with fs->shape.skin_change. */
static void
draw_skin_change (cairo_t          *cr,
                  const FrameState *fs,
                  const Pt         *out)
{
  static const SoleusColor brown = { 0.47, 0.26, 0.10, 1.0 };
  const Pose *p = &fs->pose;
  double k = fs->shape.skin_change;
  double sw = MAX (fs->shape.swell_cm, 0);
  Pt area[] = { out[9], out[10], out[11], out[23], out[24], out[25], out[26] };

  if (k < 0.02)
    return;

  soleus_scene_path_spline (cr, area, G_N_ELEMENTS (area), TRUE);
  set_color_alpha (cr, &brown, 0.25 + 0.30 * k);
  cairo_fill (cr);

  /* darker blotches inside it */
  for (int i = 0; i < 5; i++)
    {
      double l = 31.5 + i * 1.9;
      double a = (i % 2 ? 1.4 : -2.2) + sw * 0.2;
      Pt c = pose_pt (p, F_SHANK, a, l);

      cairo_new_sub_path (cr);
      cairo_arc (cr, c.x, c.y, K * (0.7 + 0.5 * k) * (i % 3 ? 1.0 : 1.3), 0, 2 * G_PI);
    }
  set_color_alpha (cr, &brown, 0.25 + 0.35 * k);
  cairo_fill (cr);
}

/* Sock marks: a swollen ankle carries the groove of a sock's top and the
 * dents of its ribs (not under a compression stocking, which has its own
 * drawing). */
static void
draw_sock_marks (cairo_t          *cr,
                 const FrameState *fs)
{
  const Pose *p = &fs->pose;
  double sw = fs->shape.swell_cm;
  double c = fs->snap->control[SOLEUS_PARAM_COMPRESSION_MMHG];
  double depth = clampd ((sw - 0.4) / 2.0, 0, 1);
  double l = 31.0;
  double front = 3.1 + sw * 0.4 - 0.3;
  double back = -4.6 - sw * 0.5 + 0.3;

  if (depth <= 0 || (isfinite (c) && c >= 0.5))
    return;

  /* the groove, across the leg */
  {
    Pt a = pose_pt (p, F_SHANK, back, l);
    Pt m = pose_pt (p, F_SHANK, (front + back) / 2, l + 0.5);
    Pt b = pose_pt (p, F_SHANK, front, l);

    cairo_move_to (cr, a.x, a.y);
    cairo_curve_to (cr, m.x, m.y, m.x, m.y, b.x, b.y);
    set_color (cr, &fs->pal->skin_line);
    cairo_set_line_width (cr, fs->lw * (1.2 + 1.4 * depth));
    cairo_stroke (cr);
  }
  /* the ribs' dents below it */
  for (double a = back + 0.6; a < front - 0.4; a += 0.9)
    {
      Pt t = pose_pt (p, F_SHANK, a, l + 0.9);
      Pt u = pose_pt (p, F_SHANK, a, l + 0.9 + 1.6 * depth + 0.6);

      cairo_move_to (cr, t.x, t.y);
      cairo_line_to (cr, u.x, u.y);
    }
  set_color_alpha (cr, &fs->pal->skin_line, 0.7);
  cairo_set_line_width (cr, fs->lw * 0.9);
  cairo_stroke (cr);
}

/* The skin: swelling, shading, the outline, and the boxes of the leg's
 * named parts. */
static void
draw_leg_skin (SoleusScene *self,
               cairo_t     *cr,
               FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  Pt pts[MAX_OUTLINE];
  Pt plain_pts[MAX_OUTLINE];
  Shape plain = fs->shape;
  int n;

  plain.swell_cm = MIN (fs->shape.swell_cm, 0.0);
  n = soleus_scene_leg_outline (p, &fs->shape, pts);
  soleus_scene_leg_outline (p, &plain, plain_pts);

  /* Swelling: the band between the normal and the swollen outline, tinted,
   * with the normal outline dashed so the extra width reads as shape. Two
   * opaque fills, no clip: clipping to a path costs a mask per frame. */
  if (fs->shape.swell_cm > 0.25)
    {
      /* the palette's swelling colour, stronger: the puffy ankle must
       * read from across a room */
      SoleusColor strong = pal->swelling;
      SoleusColor tint;
      double dash[] = { 5, 5 };

      strong.a = MIN (1.0, strong.a * 1.6);
      tint = blend_over (&strong, &pal->skin);

      /* the tint only round the lower leg and the ankle, whose outline
       * moves: where both outlines meet, its antialiased edge would show */
      {
        Pt lower[12];

        memcpy (lower, pts + 8, 6 * sizeof (Pt));
        memcpy (lower + 6, pts + 22, 6 * sizeof (Pt));
        soleus_scene_path_spline (cr, lower, 12, TRUE);
      }
      set_color (cr, &tint);
      cairo_fill (cr);
      soleus_scene_path_spline (cr, plain_pts, n, TRUE);
      set_color (cr, &pal->skin);
      cairo_fill (cr);

      soleus_scene_path_spline (cr, plain_pts + 9, 5, FALSE);
      soleus_scene_path_spline (cr, plain_pts + 23, 4, FALSE);
      cairo_set_dash (cr, dash, 2, 0);
      set_color (cr, &pal->skin_line);
      cairo_set_line_width (cr, fs->lw);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      soleus_scene_path_spline (cr, pts, n, TRUE);
      set_color (cr, &pal->skin);
      cairo_fill (cr);
    }

  draw_skin_change (cr, fs, pts);

  {
    const Frame *fr[11];

    for (int i = 0; i < 11; i++)
      fr[i] = &p->f[i < 6 ? F_SHANK : i == 6 ? F_KNEE : F_THIGH];
    draw_shade_band (cr, pts + 25, fr, 11, 2.2, &pal->skin_shade);
  }

  /* the outline, left open where the thigh joins the torso */
  soleus_scene_path_spline (cr, pts + 1, n - 2, FALSE);
  set_color (cr, &pal->skin_line);
  cairo_set_line_width (cr, fs->lw * 1.4);
  cairo_stroke (cr);

  draw_sock_marks (cr, fs);

  soleus_scene_part_add_pts (self, PART_LEG, pts, n, 0);
  soleus_scene_part_add_pts (self, PART_THIGH, pts, 6, 0);
  soleus_scene_part_add_pts (self, PART_THIGH, pts + 31, n - 31, 0);
  soleus_scene_part_add_pts (self, PART_CALF, pts + 6, 5, 0);
  soleus_scene_part_add_pts (self, PART_CALF, pts + 24, 7, 0);
  soleus_scene_part_add_pts (self, PART_FOOT, pts + 11, 14, 0);
  soleus_scene_part_add_pts (self, PART_ANKLE, pts + LEG_ANKLE_FIRST, 3, 0);
  soleus_scene_part_add_pts (self, PART_ANKLE, pts + 23, 4, 0);
}

static void
draw_leg_bones (cairo_t    *cr,
                FrameState *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;

  /* bones: femur, tibia, foot, faint */
  {
    Pt femur[] = {
      pose_pt (p, F_THIGH, 1.8, -1.0), pose_pt (p, F_THIGH, 1.7, 14.0),
      pose_pt (p, F_THIGH, 1.6, 30.0), pose_pt (p, F_THIGH, 2.8, 38.5),
      pose_pt (p, F_KNEE, 1.6, -0.5), pose_pt (p, F_KNEE, -2.2, -1.0),
      pose_pt (p, F_THIGH, -1.4, 37.0), pose_pt (p, F_THIGH, -0.4, 30.0),
      pose_pt (p, F_THIGH, -0.3, 14.0), pose_pt (p, F_THIGH, -0.6, 1.0),
    };
    Pt tibia[] = {
      pose_pt (p, F_SHANK, 3.4, 1.8), pose_pt (p, F_SHANK, 2.9, 12.0),
      pose_pt (p, F_SHANK, 2.4, 30.0), pose_pt (p, F_SHANK, 2.6, 39.5),
      pose_pt (p, F_SHANK, 0.6, 41.6), pose_pt (p, F_SHANK, 0.6, 36.0),
      pose_pt (p, F_SHANK, 1.0, 20.0), pose_pt (p, F_SHANK, -0.2, 4.0),
      pose_pt (p, F_SHANK, 0.2, 1.5),
    };
    Pt foot[] = {
      pose_pt (p, F_FOOT, 1.6, -0.8), pose_pt (p, F_FOOT, 1.0, 6.0),
      pose_pt (p, F_FOOT, -4.2, 14.6), pose_pt (p, F_FOOT, -5.8, 13.8),
      pose_pt (p, F_FOOT, -5.2, 6.0), pose_pt (p, F_FOOT, -6.0, -3.4),
      pose_pt (p, F_FOOT, -4.6, -5.8), pose_pt (p, F_FOOT, -2.0, -3.8),
    };

    soleus_scene_path_spline (cr, femur, G_N_ELEMENTS (femur), TRUE);
    soleus_scene_path_spline (cr, tibia, G_N_ELEMENTS (tibia), TRUE);
    soleus_scene_path_spline (cr, foot, G_N_ELEMENTS (foot), TRUE);
    {
      SoleusColor bone = blend_over (&pal->bone, &pal->skin);

      set_color (cr, &bone);
    }
    cairo_fill (cr);
  }
}

static void
draw_leg_muscles (SoleusScene *self,
                  cairo_t     *cr,
                  FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  Pt pts[MAX_OUTLINE];
  int n;

  /* soleus, Achilles tendon, then the gastrocnemius over them */
  n = soleus_scene_soleus_outline (p, &fs->shape, fs->activation, pts);
  soleus_scene_path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->muscle);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->muscle_line);
  cairo_set_line_width (cr, fs->lw);
  cairo_stroke (cr);
  soleus_scene_part_add_pts (self, PART_SOLEUS, pts, n, 0);

  /* muscle fibres: a few strokes that shorten with the muscle */
  {
    double k = 1.0 - 0.08 * fs->activation;
    double b = fs->shape.bulge_cm - fs->shape.thin_cm;

    for (int i = 0; i < 4; i++)
      {
        double l0 = 5.0 + (10.0 + i * 5.0 - 5.0) * k;
        Pt f0 = pose_pt (p, F_SHANK, -2.4, l0);
        Pt f1 = pose_pt (p, F_SHANK, -5.4 - b * 0.7, l0 + 4.5 * k);

        cairo_move_to (cr, f0.x, f0.y);
        cairo_line_to (cr, f1.x, f1.y);
      }
    set_color_alpha (cr, &pal->muscle_line, 0.45);
    cairo_set_line_width (cr, fs->lw * 0.9);
    cairo_stroke (cr);
  }

  {
    Pt t0 = pose_pt (p, F_SHANK, -3.9, 32.0 * (1.0 - 0.08 * fs->activation) + 0.4);
    Pt t1 = pose_pt (p, F_SHANK, -3.8, 38.0);
    Pt t2 = pose_pt (p, F_FOOT, -3.6, -6.2);
    Pt tendon[] = { t0, t1, t2 };

    soleus_scene_path_spline (cr, tendon, 3, FALSE);
    set_color (cr, &pal->tendon);
    cairo_set_line_width (cr, K * 1.1);
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
    cairo_stroke_preserve (cr);
    cairo_new_path (cr);
  }

  n = soleus_scene_gastroc_outline (p, &fs->shape, fs->activation, pts);
  soleus_scene_path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->muscle_over);
  cairo_fill_preserve (cr);
  set_color_alpha (cr, &pal->muscle_line, 0.6);
  cairo_set_line_width (cr, fs->lw);
  cairo_stroke (cr);
  soleus_scene_part_add_pts (self, PART_GASTROCNEMIUS, pts, n, 0);
}

/* The share of the ankle pressure a graduated stocking gives at a height
 * of the shank (l cm below the knee): 100% at the ankle, about 70% at the
 * calf and 40% under the knee (RAL-GZ 387 grading). */
static double
stocking_grade (double l)
{
  if (l >= 33.0)
    return 1.0;
  if (l >= 12.0)
    return 0.7 + 0.3 * (l - 12.0) / 21.0;
  return 0.4 + 0.3 * MAX (l - 3.0, 0) / 9.0;
}

/* The shade of a stocking's knit, in three nested layers (the whole
 * stocking, from the calf down, from the ankle down) so that it is densest
 * at the ankle: flat fills, cheaper than a clip or a gradient. */
static void
draw_stocking_shade (cairo_t                   *cr,
                     const SoleusPaletteColors *pal,
                     const Pt                  *out,
                     double                     q)
{
  for (int layer = 0; layer < 3; layer++)
    {
      static const int front_first[] = { 6, 7, 9 };
      static const int back_last[] = { 30, 29, 26 };
      Pt part[20];
      int m = 0;

      for (int i = front_first[layer]; i <= 13; i++)
        part[m++] = out[i];
      for (int i = 19; i <= back_last[layer]; i++)
        part[m++] = out[i];
      soleus_scene_path_spline (cr, part, m, FALSE);
      cairo_close_path (cr);
      set_color_alpha (cr, &pal->squeeze, layer == 0 ? 0.08 + 0.14 * q : layer == 1 ? 0.10 * q : 0.12 * q);
      cairo_fill (cr);
    }
}

/* A stocking's ribs across the leg, from the back of the outline to its
 * front: closer together where the stocking presses more. */
static void
draw_stocking_ribs (cairo_t          *cr,
                    const FrameState *fs,
                    double            q)
{
  const Pose *p = &fs->pose;
  /* the outline's offsets at heights of the shank (soleus_scene_leg_outline) */
  const Shape *sh = &fs->shape;
  double sw = sh->swell_cm, f = sh->fat, fb = sh->fat_back, fe = sh->female;
  double cb = sh->bulge_cm * 0.7 - sh->thin_cm * 0.8;
  const double ls[] = { 6.0, 12.0, 19.0, 24.0, 27.0, 33.0, 38.5 };
  const double front[] = { 5.0 + f * 0.9 - fe * 0.3, 4.3 + f * 0.8 - fe * 0.3,
                           4.0 + f * 0.75 - fe * 0.3, 3.8 + f * 0.7 - fe * 0.3,
                           3.6 + f * 0.6 - fe * 0.25, 3.1 + sw * 0.4 + f * 0.5 - fe * 0.2,
                           3.1 + sw * 0.9 + f * 0.4 };
  const double back[] = { -8.8 - cb * 0.6 - fb * 2.0 + fe * 0.2, -9.5 - cb - fb * 2.2 + fe * 0.5,
                          -8.4 - cb - fb * 2.0 + fe * 0.6, -7.0 - cb * 0.7 - fb * 1.7 + fe * 0.55,
                          -6.0 - cb * 0.4 - fb * 1.4 + fe * 0.5, -4.3 - sw * 0.5 - fb * 0.8 + fe * 0.3,
                          -4.0 - sw - fb * 0.4 + fe * 0.2 };

  for (double l = 7.0; l < 38.0;)
    {
      int k = 0;
      double t, af, ab;

      while (k < (int) G_N_ELEMENTS (ls) - 2 && l > ls[k + 1])
        k++;
      t = (l - ls[k]) / (ls[k + 1] - ls[k]);
      af = front[k] + (front[k + 1] - front[k]) * t - 0.5;
      ab = back[k] + (back[k + 1] - back[k]) * t + 0.5;
      {
        Pt a = pose_pt (p, F_SHANK, ab, l);
        Pt b = pose_pt (p, F_SHANK, af, l);

        cairo_move_to (cr, a.x, a.y);
        cairo_line_to (cr, b.x, b.y);
      }
      l += 4.5 / (0.35 + q * stocking_grade (l));
    }
  set_color_alpha (cr, &fs->pal->squeeze, 0.55);
  cairo_set_line_width (cr, fs->lw * 0.9);
  cairo_stroke (cr);
}

/* A stocking's tag: the pressure at the ankle, behind the heel. */
static void
draw_stocking_tag (SoleusScene      *self,
                   cairo_t          *cr,
                   const FrameState *fs,
                   double            mmhg)
{
  const SoleusPaletteColors *pal = fs->pal;
  const SoleusParamInfo *info = soleus_param_info (SOLEUS_PARAM_COMPRESSION_MMHG);
  g_autofree char *text = g_strdup_printf ("%.0f %s", mmhg, info->unit);
  PangoLayout *layout = soleus_scene_make_layout (self, cr, 20, TRUE);
  Pt at = pose_pt (&fs->pose, F_SHANK, -7.5 - fs->shape.swell_cm, 36.0);
  int w, h;
  double tw, th, x, y;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  tw = w / (double) PANGO_SCALE;
  th = h / (double) PANGO_SCALE;
  x = at.x - tw - 8;
  y = at.y - th / 2;
  cairo_rectangle (cr, x - 5, y - 2, tw + 10, th + 4);
  set_color (cr, &pal->squeeze);
  cairo_fill (cr);
  cairo_move_to (cr, x + tw + 5, at.y);
  cairo_line_to (cr, at.x, at.y);
  cairo_set_line_width (cr, fs->lw * 1.2);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  set_color (cr, &pal->background);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  soleus_scene_part_add_pt (self, PART_ANKLE, pt (x - 5, y - 2), 0);
  soleus_scene_part_add_pt (self, PART_ANKLE, pt (x + tw + 5, y + th + 2), 0);
}

/* A knee-high compression stocking, open at the toes: a translucent knit
 * over the skin whose shade and rib spacing follow the graduated pressure
 * (densest at the ankle), its welt under the knee, and a tag with the
 * pressure at the ankle. */
static void
draw_stocking (SoleusScene *self,
               cairo_t     *cr,
               FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  double mmhg = fs->snap->control[SOLEUS_PARAM_COMPRESSION_MMHG];
  double q;
  Pt out[MAX_OUTLINE];
  Pt sock[20];
  int n = 0;

  if (!isfinite (mmhg) || mmhg < 0.5)
    return;
  q = clampd (mmhg / 40.0, 0, 1);

  soleus_scene_leg_outline (p, &fs->shape, out);
  for (int i = 6; i <= 13; i++)
    sock[n++] = out[i];
  for (int i = 19; i <= 30; i++)
    sock[n++] = out[i];

  draw_stocking_shade (cr, pal, out, q);
  draw_stocking_ribs (cr, fs, q);

  /* its edge, and the welt under the knee */
  soleus_scene_path_spline (cr, sock, n, FALSE);
  set_color (cr, &pal->squeeze);
  cairo_set_line_width (cr, fs->lw * 1.2);
  cairo_stroke (cr);
  cairo_move_to (cr, sock[n - 1].x, sock[n - 1].y);
  cairo_line_to (cr, sock[0].x, sock[0].y);
  cairo_set_line_width (cr, fs->lw * 4.0);
  cairo_stroke (cr);

  draw_stocking_tag (self, cr, fs, mmhg);
}

/* A restricted ankle (mobility below 1): a fan at the ankle joint, like a
 * goniometer's, shows the range the foot can still move through between
 * two stops, inside the dashed fan of a normal range (20 degrees up, 45
 * down). */
static void
draw_ankle_range (SoleusScene *self,
                  cairo_t     *cr,
                  FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Frame *foot = &fs->pose.f[F_FOOT];
  double m = fs->snap->control[SOLEUS_PARAM_ANKLE_MOBILITY];
  double now = atan2 (foot->u.y, foot->u.x);
  double r = K * 16.0;
  double dash[] = { 6, 5 };
  Pt c = foot->o;
  double th[4];

  if (!isfinite (m) || m > 0.97)
    return;
  m = clampd (m, 0, 1);

  /* the drawn angle of the foot falls as the ankle angle grows; at least
   * a sliver, so a stiff ankle still shows its two stops */
#define TH(a) (now - deg2rad ((a) - fs->st.ankle))
  th[0] = TH (20.0);
  th[1] = TH (-45.0);
  th[2] = TH (MAX (20.0 * m, 2.0));
  th[3] = TH (MIN (-45.0 * m, -2.0));
#undef TH

  cairo_move_to (cr, c.x, c.y);
  cairo_arc (cr, c.x, c.y, r, th[0], th[1]);
  cairo_close_path (cr);
  cairo_set_dash (cr, dash, 2, 0);
  set_color_alpha (cr, &pal->text, 0.5);
  cairo_set_line_width (cr, fs->lw * 1.2);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_move_to (cr, c.x, c.y);
  cairo_arc (cr, c.x, c.y, r, th[2], th[3]);
  cairo_close_path (cr);
  set_color_alpha (cr, &pal->text, 0.22);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->text);
  cairo_set_line_width (cr, fs->lw * 2.4);
  cairo_stroke (cr);

  /* the stops: short bars across the ends of the fan */
  for (int k = 2; k < 4; k++)
    {
      Pt d = pt (cos (th[k]), sin (th[k]));
      Pt nrm = pt_perp (d);
      Pt e = pt_add (c, pt_mul (d, r));
      Pt a = pt_add (e, pt_mul (nrm, K * 1.4));
      Pt b = pt_sub (e, pt_mul (nrm, K * 1.4));

      cairo_move_to (cr, a.x, a.y);
      cairo_line_to (cr, b.x, b.y);
    }
  cairo_set_line_width (cr, fs->lw * 3.2);
  cairo_stroke (cr);

  for (int k = 0; k <= 8; k++)
    {
      double t = th[0] + (th[1] - th[0]) * k / 8.0;

      soleus_scene_part_add_pt (self, PART_ANKLE, pt_add (c, pt_mul (pt (cos (t), sin (t)), r)), K);
    }
}

void
soleus_scene_draw_leg (SoleusScene *self,
                       cairo_t     *cr,
                       FrameState  *fs)
{
  draw_leg_skin (self, cr, fs);
  draw_leg_bones (cr, fs);
  draw_leg_muscles (self, cr, fs);
  draw_stocking (self, cr, fs);
  draw_ankle_range (self, cr, fs);
}
