/* soleus-scene-vessels.c: the painters of veins, valves, flow marks and the magnified valves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"
const double soleus_scene_inset_cy[N_INSETS] = { 462.0, 742.0 };

/* A venous valve: a sinus bulge and two leaflets whose free edges point
 * toward the heart. open: 0 shut .. 1 open. A leaking valve (leak > 0)
 * keeps a gap between its shortened, curled leaflets even when shut; when
 * blood flows back through it a back-arrow is drawn through the gap. The
 * state is carried by shape (leaflet angle, gap, arrow), not colour alone. */
static void
draw_valve_leaflets (cairo_t                   *cr,
                     const SoleusPaletteColors *pal,
                     Pt                         c,
                     Pt                         d,
                     double                     r,
                     double                     open,
                     double                     leak,
                     double                     flow_ml_s,
                     double                     lw)
{
  Pt m = pt_perp (d);
  double len = r * 1.9;
  /* Leak fractions of 0.02-0.1 span mild to severe disease (physiology.md),
   * so 0.1 reads as fully incompetent. */
  double lv = clampd (leak / 0.1, 0, 1);
  gboolean leaky = lv > 0.05;
  double gap_shut = leaky ? 0.22 + 0.38 * lv : 0.0;
  double gap = gap_shut + (0.78 - gap_shut) * clampd (open, 0, 1);
  double tip_len = leaky ? len * (0.78 - 0.18 * lv) : len;
  Pt base = pt_sub (c, pt_mul (d, len * 0.5));

  for (int side = -1; side <= 1; side += 2)
    {
      Pt wall = pt_add (base, pt_mul (m, side * r * 1.05));
      Pt wall2 = pt_add (pt_add (base, pt_mul (d, len * 0.35)), pt_mul (m, side * r * 1.12));
      double g = leaky ? gap : MAX (gap, 0.03);
      Pt tip = pt_add (pt_add (base, pt_mul (d, tip_len)), pt_mul (m, side * r * g));
      /* The cusp bows toward the middle when it fills with back-pressure
       * (shut) and lies flat against the wall when open. */
      double bow = (1 - open) * 0.55;
      Pt ctl_in = pt_add (pt_add (base, pt_mul (d, tip_len * 0.45)),
                          pt_mul (m, side * r * (0.75 - bow)));
      Pt ctl_out = pt_add (pt_add (base, pt_mul (d, tip_len * 0.75)),
                           pt_mul (m, side * r * (1.0 - bow * 0.5)));

      cairo_move_to (cr, wall.x, wall.y);
      cairo_curve_to (cr, ctl_in.x, ctl_in.y, tip.x, tip.y, tip.x, tip.y);
      if (leaky)
        {
          /* a curled, torn-looking free edge */
          Pt curl = pt_add (pt_sub (tip, pt_mul (d, r * 0.35)), pt_mul (m, side * r * 0.28));
          cairo_line_to (cr, curl.x, curl.y);
        }
      cairo_curve_to (cr, ctl_out.x, ctl_out.y, wall2.x, wall2.y, wall2.x, wall2.y);
      cairo_close_path (cr);
    }
  set_color (cr, &pal->valve);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->valve_line);
  cairo_set_line_width (cr, lw * 0.9);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  if (leaky && flow_ml_s < -0.02)
    {
      double strength = clampd (-flow_ml_s / 3.0, 0.25, 1.0);
      Pt from = pt_add (c, pt_mul (d, len * (0.55 + 0.45 * strength)));
      Pt to = pt_sub (c, pt_mul (d, len * (0.6 + 0.6 * strength)));

      /* an outline first, so a pale leak colour stands out on the lumen */
      set_color (cr, &pal->valve_line);
      soleus_scene_draw_arrow (cr, from, to, MAX (lw * 1.6, r * 0.32) + lw * 1.4, r * 0.85 + lw * 1.4);
      set_color (cr, &pal->leak);
      soleus_scene_draw_arrow (cr, from, to, MAX (lw * 1.6, r * 0.32), r * 0.85);
    }
  else if (leaky)
    {
      /* at rest a leaky valve still shows its gap: a small notch mark */
      Pt tip = pt_add (base, pt_mul (d, tip_len + r * 0.35));

      cairo_arc (cr, tip.x, tip.y, MAX (lw * 1.2, r * 0.16), 0, 2 * G_PI);
      set_color (cr, &pal->leak);
      cairo_fill_preserve (cr);
      set_color (cr, &pal->valve_line);
      cairo_set_line_width (cr, lw * 0.7);
      cairo_stroke (cr);
    }
}

void
soleus_scene_draw_valve (cairo_t                   *cr,
                         const SoleusPaletteColors *pal,
                         Pt                         c,
                         Pt                         d,
                         double                     r,
                         double                     open,
                         double                     leak,
                         double                     flow_ml_s,
                         double                     lw)
{
  double len = r * 1.9;

  /* the sinus: the vein wall bulges around the valve. Its wall, a line of
   * width lw along the ellipse, is the ellipse half a line wider filled
   * in the wall's colour under the one half a line narrower in the
   * lumen's: two fills cost less than a fill and a stroke, and the
   * ellipse is nearly a circle, whose outline this is exactly. */
  for (int pass = 0; pass < 2; pass++)
    {
      double grow = pass == 0 ? lw / 2 : -lw / 2;

      cairo_save (cr);
      cairo_translate (cr, c.x, c.y);
      cairo_rotate (cr, atan2 (d.y, d.x));
      cairo_scale (cr, MAX (len * 0.75 + grow, 1e-3), MAX (r * 1.45 + grow, 1e-3));
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_color (cr, pass == 0 ? &pal->vein_wall : &pal->vein);
      cairo_fill (cr);
    }

  draw_valve_leaflets (cr, pal, c, d, r, open, leak, flow_ml_s, lw);
}

/* A piece of a vessel, m points of its centre line (no two the same), as
 * the outline of the area its stroke with round caps and mitred joins
 * would cover, to be filled: Cairo fills a path for a fraction of what
 * stroking it costs, and tubes of one colour fill together. The sides are
 * the centre line's points moved out along the mitre of their two
 * segments, which is where the stroke's own edges meet. Where a bend is
 * too tight for that (the inner side would fold back over itself, or the
 * mitre would pass the scene's limit) it adds nothing and returns the
 * point where it is; else it returns -1. */
static int
tube_piece (cairo_t  *cr,
            const Pt *c,
            int       m,
            double    hw)
{
  Pt side[2][MAX_PATH_PTS];
  Pt d_first, d_last;

  /* the callers give at least two points */
  if (m < 2)
    return -1;
  d_first = pt_unit (pt_sub (c[1], c[0]));
  d_last = pt_unit (pt_sub (c[m - 1], c[m - 2]));

  for (int j = 0; j < m; j++)
    {
      Pt n;
      double k = 1.0;

      if (j == 0 || j == m - 1)
        n = pt_perp (j == 0 ? d_first : d_last);
      else
        {
          Pt a = pt_sub (c[j], c[j - 1]);
          Pt b = pt_sub (c[j + 1], c[j]);
          double la = pt_len (a), lb = pt_len (b);
          Pt da = pt_mul (a, 1 / la), db = pt_mul (b, 1 / lb);
          double cos_turn = da.x * db.x + da.y * db.y;
          double cos_half = sqrt (MAX (0.0, (1 + cos_turn) / 2));
          double tan_half;

          /* the mitre limit is 3: the mitre is 1 / cos_half widths */
          if (cos_half < 1 / 3.0)
            return j;
          tan_half = sqrt (MAX (0.0, 1 - cos_half * cos_half)) / cos_half;
          /* the inner side's corner stays within half of each segment */
          if (hw * tan_half > 0.5 * MIN (la, lb))
            return j;
          n = pt_unit (pt_add (pt_perp (da), pt_perp (db)));
          k = 1 / cos_half;
        }
      side[0][j] = pt_add (c[j], pt_mul (n, hw * k));
      side[1][j] = pt_sub (c[j], pt_mul (n, hw * k));
    }

  /* along the left side, round the end, back along the right side and
   * round the start: the same turning as cairo_arc (), so that tubes and
   * circles filled together add up */
  cairo_move_to (cr, side[0][0].x, side[0][0].y);
  for (int j = 1; j < m; j++)
    cairo_line_to (cr, side[0][j].x, side[0][j].y);
  {
    double a = atan2 (d_last.y, d_last.x);

    cairo_arc (cr, c[m - 1].x, c[m - 1].y, hw, a - G_PI / 2, a + G_PI / 2);
  }
  for (int j = m - 1; j >= 0; j--)
    cairo_line_to (cr, side[1][j].x, side[1][j].y);
  {
    double a = atan2 (d_first.y, d_first.x);

    cairo_arc (cr, c[0].x, c[0].y, hw, a + G_PI / 2, a + 3 * G_PI / 2);
  }
  cairo_close_path (cr);
  return -1;
}

/* A vessel of the given width as outlines to fill (tube_piece ()): at a
 * bend too tight for one outline it is cut in two, each piece with a round
 * end there, as if that one corner were a round join instead of a mitre
 * (the bends where that happens turn by a few tens of degrees at a point,
 * where the two differ by a fraction of a pixel). */
static void
vessel_tube_path (cairo_t        *cr,
                  const PathGeom *g,
                  double          width)
{
  Pt c[MAX_PATH_PTS];
  double hw = width / 2;
  int m = 0, start = 0;

  if (g->n < 1 || !(hw > 0))
    return;

  /* the centre line without repeated points */
  c[m++] = g->p[0];
  for (int i = 1; i < g->n; i++)
    if (pt_len (pt_sub (g->p[i], c[m - 1])) > 1e-6)
      c[m++] = g->p[i];
  if (m < 2)
    {
      /* a stroke's round caps on a point: a disc */
      cairo_new_sub_path (cr);
      cairo_arc (cr, c[0].x, c[0].y, hw, 0, 2 * G_PI);
      cairo_close_path (cr);
      return;
    }

  for (;;)
    {
      int j = tube_piece (cr, c + start, m - start, hw);

      if (j < 0)
        break;
      /* up to the tight corner it fits: the checks before it are the same */
      tube_piece (cr, c + start, j + 1, hw);
      start += j;
    }
}

/* An outflow obstruction (as after a deep vein thrombosis in the pelvis):
 * the middle of the iliac vein narrowed by a thickened, scarred wall with
 * strands of scar across what is left of its lumen. */
static void
draw_obstruction (cairo_t    *cr,
                  FrameState *fs,
                  double      wall)
{
  const SoleusPaletteColors *pal = fs->pal;
  const PathGeom *g = &fs->path[P_ILIAC];
  double o = fs->shape.obstruction;
  double lumen = g->width * (1.0 - 0.75 * o);
  int first, last;


  if (o < 0.02)
    return;

  /* a waist: the wall thickens and the lumen narrows most in the middle */
  first = (int) (g->n * 0.2);
  last = (int) (g->n * 0.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; pass++)
    {
      for (int i = first; i < last; i++)
        {
          double t = ((i + 0.5) / (double) g->n - 0.2) / 0.6;
          double bump = sin (G_PI * clampd (t, 0, 1));
          double w = pass == 0 ? g->width + 2 * wall * (1 + 4.0 * o * bump)
                               : g->width * (1.0 - 0.75 * o * bump);

          cairo_move_to (cr, g->p[i].x, g->p[i].y);
          cairo_line_to (cr, g->p[i + 1].x, g->p[i + 1].y);
          /* the scarred wall in the skin's line colour, apart from a
           * healthy wall */
          set_color (cr, pass == 0 ? &pal->skin_line : &pal->vein);
          cairo_set_line_width (cr, w);
          cairo_stroke (cr);
        }
    }

  /* scar strands across the lumen, more with a tighter narrowing */
  for (int k = 0; k < 5; k++)
    {
      Pt d;
      Pt c = soleus_scene_path_at (g, 0.3 + 0.1 * k, &d);
      Pt m = pt_perp (d);
      double h = lumen / 2 + wall;
      double slant = (k % 2 ? 0.5 : -0.5) * h;

      cairo_move_to (cr, c.x + m.x * h - d.x * slant, c.y + m.y * h - d.y * slant);
      cairo_line_to (cr, c.x - m.x * h + d.x * slant, c.y - m.y * h + d.y * slant);
    }
  set_color (cr, &pal->skin_line);
  cairo_set_line_width (cr, wall * (0.6 + 0.6 * o));
  cairo_stroke (cr);
}

/* Varicose veins: knots of dilated vein that bulge under the skin along the
 * saphenous vein, growing with the model's varicose dilation. */
static void
draw_varices (SoleusScene *self,
              cairo_t     *cr,
              FrameState  *fs,
              double       wall)
{
  static const struct { int path; double at; double side; } knots[] = {
    { P_SAPH_CALF, 0.22, 1 }, { P_SAPH_CALF, 0.40, -1 }, { P_SAPH_CALF, 0.58, 1 },
    { P_SAPH_CALF, 0.80, -1 }, { P_SAPH_THIGH, 0.45, 1 },
  };
  const SoleusPaletteColors *pal = fs->pal;
  double v = fs->shape.varicose;

  if (v < 0.05)
    return;

  for (int pass = 0; pass < 3; pass++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (knots); k++)
        {
          const PathGeom *g = &fs->path[knots[k].path];
          Pt d;
          Pt c = soleus_scene_path_at (g, knots[k].at, &d);
          double r = g->width * 0.5 * (1.0 + 1.1 * v);
          Pt at = pt_add (c, pt_mul (pt_perp (d), knots[k].side * r * 0.45));
          double rr = pass == 0 ? r * 1.55 : pass == 1 ? r + wall : r;

          cairo_new_sub_path (cr);
          cairo_arc (cr, at.x, at.y, rr, 0, 2 * G_PI);
          if (pass == 0)
            soleus_scene_part_add_pt (self, N_BODY_PARTS + knots[k].path, at, rr);
        }
      /* the skin raised round each knot, its wall, its lumen */
      if (pass == 0)
        set_color_alpha (cr, &pal->skin_shade, 0.9);
      else
        set_color (cr, pass == 1 ? &pal->vein_wall : &pal->vein_superficial);
      cairo_fill (cr);
    }
}

void
soleus_scene_draw_veins (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  double wall = fs->lw * 1.3;
  double sinus_fill = sqrt (soleus_scene_path_fill (fs->snap, P_CALF_UPPER));
  Pt sinus_c[2] = {
    pose_pt (p, F_SHANK, -4.1, 13.0),
    pose_pt (p, F_SHANK, -4.2, 19.5),
  };
  double sinus_rx = K * clampd (0.9 * sinus_fill, 0.25, 1.9);
  double sinus_ry = K * clampd (2.0 * sinus_fill, 0.6, 3.4);
  Pt su = p->f[F_SHANK].u;
  double su_ang = atan2 (su.y, su.x);
  /* extra veins of the plantar plexus, above and below the main one */
  PathGeom plexus[2];

  for (int k = 0; k < 2; k++)
    {
      double off = k == 0 ? 0.9 : -0.8;
      Pt pts[4] = {
        pose_pt (p, F_FOOT, -5.6 + off * 0.6, 12.0),
        pose_pt (p, F_FOOT, -6.0 + off, 8.0),
        pose_pt (p, F_FOOT, -5.8 + off * 0.8, 3.5),
        pose_pt (p, F_FOOT, -4.7 + off * 0.3, 0.0),
      };

      soleus_scene_spline_sample (pts, 4, &plexus[k]);
      plexus[k].width = fs->path[P_PLANTAR].width * 0.55;
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* walls first, all of them, then the lumens: junctions merge cleanly.
   * Each pass fills the tubes of one colour together, in the order they
   * were stroked one by one. */
  for (int pass = 0; pass < 2; pass++)
    {
      const SoleusColor *color = pass == 0 ? &pal->vein_wall : &pal->vein;

      for (int k = 0; k < 2; k++)
        vessel_tube_path (cr, &plexus[k], plexus[k].width + (pass == 0 ? 2 * wall : 0));

      for (int s = 0; s < 2; s++)
        {
          cairo_save (cr);
          cairo_translate (cr, sinus_c[s].x, sinus_c[s].y);
          cairo_rotate (cr, su_ang);
          cairo_scale (cr, sinus_ry + (pass == 0 ? wall : 0), sinus_rx + (pass == 0 ? wall : 0));
          cairo_new_sub_path (cr);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_close_path (cr);
          cairo_restore (cr);
        }

      for (int i = 0; i < N_PATHS; i++)
        {
          const PathGeom *g = &fs->path[i];
          const SoleusColor *c = pass == 0 ? &pal->vein_wall
                                 : soleus_scene_path_defs[i].superficial ? &pal->vein_superficial
                                 : &pal->vein;

          if (c != color)
            {
              set_color (cr, color);
              cairo_fill (cr);
              color = c;
            }
          vessel_tube_path (cr, g, g->width + (pass == 0 ? 2 * wall : 0));
        }
      set_color (cr, color);
      cairo_fill (cr);
    }

  draw_obstruction (cr, fs, wall);
  draw_varices (self, cr, fs, wall);

  for (int i = 0; i < N_PATHS; i++)
    soleus_scene_part_add_pts (self, N_BODY_PARTS + i, fs->path[i].p, fs->path[i].n,
                               fs->path[i].width / 2 + wall);
  soleus_scene_part_add_pts (self, PART_PLANTAR_PLEXUS, plexus[0].p, plexus[0].n, plexus[0].width);
  soleus_scene_part_add_pts (self, PART_PLANTAR_PLEXUS, plexus[1].p, plexus[1].n, plexus[1].width);
}

void
soleus_scene_draw_valves (SoleusScene *self,
                          cairo_t     *cr,
                          FrameState  *fs)
{
  const SoleusSnapshot *s = fs->snap;

  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      const ValveDef *def = &soleus_scene_valve_defs[v];
      const PathGeom *g = &fs->path[def->path];
      const SoleusValveState *vs = &s->valve[v];
      Pt d;
      Pt c = soleus_scene_path_at (g, def->at, &d);
      double r = MAX (g->width / 2 * 1.2, K * 0.75);
      double open = isfinite (vs->open) ? clampd (vs->open, 0, 1) : 1;
      double leak = isfinite (vs->leak) ? MAX (vs->leak, 0) : 0;
      double flow = isfinite (vs->flow_ml_s) ? vs->flow_ml_s : 0;

      soleus_scene_draw_valve (cr, fs->pal, c, d, r, open, leak, flow, fs->lw);
      soleus_scene_part_add_pt (self, N_BODY_PARTS + N_PATHS + v, c, r * 1.9);
    }
}

/* One chevron in each large vein pointing the way the blood goes: toward
 * the heart in the vein colour, away from it in the leak colour and bolder,
 * so reflux reads by direction and shape, not colour alone. */
void
soleus_scene_draw_flow_marks (cairo_t    *cr,
                              FrameState *fs)
{
  static const int paths[] = {
    P_PLANTAR, P_CALF_LOWER, P_CALF_UPPER, P_POPLITEAL, P_FEMORAL, P_ILIAC,
    P_ABD_IVC, P_SAPH_CALF, P_SAPH_THIGH,
  };

  for (int back = 0; back < 2; back++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          const PathGeom *g = &fs->path[paths[i]];
          double v = soleus_scene_path_velocity (fs->snap, paths[i]);
          double size = MAX (g->width * 0.42, K * 0.45);
          Pt d, c, m;

          if (fabs (v) < 4.0 || (v < 0) != back)
            continue;
          c = soleus_scene_path_at (g, paths[i] == P_SAPH_CALF ? 0.62 : 0.42, &d);
          if (back)
            d = pt_mul (d, -1);
          m = pt_perp (d);
          cairo_move_to (cr, c.x - d.x * size * 0.5 + m.x * size, c.y - d.y * size * 0.5 + m.y * size);
          cairo_line_to (cr, c.x + d.x * size * 0.5, c.y + d.y * size * 0.5);
          cairo_line_to (cr, c.x - d.x * size * 0.5 - m.x * size, c.y - d.y * size * 0.5 - m.y * size);
        }
      set_color (cr, back ? &fs->pal->leak : &fs->pal->vein_wall);
      cairo_set_line_width (cr, fs->lw * (back ? 2.4 : 1.6));
      cairo_stroke (cr);
    }
}

void
soleus_scene_draw_squeeze (cairo_t    *cr,
                           FrameState *fs)
{
  const SoleusSnapshot *s = fs->snap;
  const Pose *p = &fs->pose;
  double calf = isfinite (s->soleus_pressure_mmhg) ? clampd (s->soleus_pressure_mmhg / 150, 0, 1) : 0;
  double sole = isfinite (s->plantar_squeeze_mmhg) ? clampd (s->plantar_squeeze_mmhg / 100, 0, 1) : 0;
  double b = fs->shape.bulge_cm - fs->shape.thin_cm;

  set_color (cr, &fs->pal->squeeze);

  /* the belly pressing on the vena cava: arrows from the belly wall that
   * grow with the model's intra-abdominal pressure */
  if (fs->shape.iap_squash > 0.02)
    {
      double q = fs->shape.iap_squash;

      for (int i = 0; i < 2; i++)
        {
          double l = -19.0 - i * 7.0;
          Pt to = pose_pt (p, F_TORSO, -1.6, l);
          Pt from = pose_pt (p, F_TORSO, -1.6 + 2.5 + 6.0 * q, l);

          soleus_scene_draw_arrow (cr, from, to, K * (0.35 + 0.35 * q), K * (0.9 + 0.7 * q));
        }
    }

  if (calf > 0.15)
    {
      for (int i = 0; i < 2; i++)
        {
          double l = 13.0 + i * 8.0;
          Pt to = pose_pt (p, F_SHANK, -10.2 - b, l);
          Pt from = pose_pt (p, F_SHANK, -10.2 - b - 2.0 - 3.5 * calf, l);

          soleus_scene_draw_arrow (cr, from, to, K * (0.35 + 0.3 * calf), K * (0.9 + 0.6 * calf));
        }
    }

  if (sole > 0.08)
    {
      for (int i = 0; i < 2; i++)
        {
          double l = 2.5 + i * 7.5;
          Pt to = pose_pt (p, F_FOOT, -7.7, l);
          Pt from = pose_pt (p, F_FOOT, -7.7 - 1.6 - 2.6 * sole, l);

          soleus_scene_draw_arrow (cr, from, to, K * (0.3 + 0.25 * sole), K * (0.8 + 0.5 * sole));
        }
    }
}

const char *
soleus_scene_valve_caption (int valve)
{
  if (valve < 0 || valve >= SOLEUS_N_VALVES)
    return NULL;

  switch (valve)
    {
    case SOLEUS_VALVE_FOOT_OUTLET:
      return N_("Valve where the foot veins leave the foot");
    case SOLEUS_VALVE_CALF_LOWER:
      return N_("Valve below the calf pump");
    case SOLEUS_VALVE_CALF_UPPER:
      return N_("Valve at the top of the calf pump");
    case SOLEUS_VALVE_POPLITEAL:
      return N_("Valve above the calf pump");
    case SOLEUS_VALVE_FEMORAL:
      return N_("Valve in the thigh");
    case SOLEUS_VALVE_SAPHENOUS:
      return N_("Valve of the skin vein at the knee");
    case SOLEUS_VALVE_SAPHENOFEMORAL:
      return N_("Valve where the skin vein joins the deep vein");
    case SOLEUS_VALVE_PERFORATOR:
    default:
      return N_("Valve of a perforator vein");
    }
}

/* A close-up's caption, laid out at the picture's text size. */
static PangoLayout *
caption_layout (SoleusScene *self,
                cairo_t     *cr,
                int          k)
{
  PangoLayout *layout = soleus_scene_make_layout (self, cr, self->text_size, FALSE);

  pango_layout_set_width (layout, (int) (scene_caption_w (self) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_text (layout, soleus_scene_tr (self, soleus_scene_valve_caption (self->inset_valve[k])), -1);
  return layout;
}

void
soleus_scene_measure_captions (SoleusScene *self,
                               cairo_t     *cr)
{
  for (int k = 0; k < N_INSETS; k++)
    {
      PangoLayout *layout = caption_layout (self, cr, k);
      int h;

      pango_layout_get_size (layout, NULL, &h);
      self->caption_h[k] = h / (double) PANGO_SCALE;
      g_object_unref (layout);
    }
}

/* Caption k's box, logical (x0, y0, x1, y1): the upper close-up's above
 * it, the lower one's below, clear of the lines to the leg. */
void
soleus_scene_caption_box (SoleusScene *self,
                          int          k,
                          double      *box)
{
  double cy = soleus_scene_inset_cy[k];

  box[0] = CAPTION_X;
  box[2] = CAPTION_X + scene_caption_w (self);
  if (k == 0)
    {
      box[3] = cy - INSET_R - CAPTION_GAP;
      box[1] = box[3] - self->caption_h[k];
    }
  else
    {
      box[1] = cy + INSET_R + CAPTION_GAP;
      box[3] = box[1] + self->caption_h[k];
    }
}

void
soleus_scene_draw_insets_static (SoleusScene      *self,
                                 cairo_t          *cr,
                                 const FrameState *fs)
{
  const SoleusPaletteColors *pal = fs->pal;

  for (int k = 0; k < N_INSETS; k++)
    {
      double cy = soleus_scene_inset_cy[k];
      PangoLayout *layout;
      int w, h;

      double r = INSET_R * 0.26;

      /* skin-coloured tissue round a vertical vein; up is toward the heart */
      cairo_save (cr);
      cairo_arc (cr, INSET_CX, cy, INSET_R, 0, 2 * G_PI);
      cairo_clip (cr);
      cairo_arc (cr, INSET_CX, cy, INSET_R, 0, 2 * G_PI);
      set_color (cr, &pal->skin);
      cairo_fill (cr);
      cairo_rectangle (cr, INSET_CX - r - 2 * fs->lw, cy - INSET_R, 2 * r + 4 * fs->lw, 2 * INSET_R);
      set_color (cr, &pal->vein_wall);
      cairo_fill (cr);
      cairo_rectangle (cr, INSET_CX - r, cy - INSET_R, 2 * r, 2 * INSET_R);
      set_color (cr, &pal->vein);
      cairo_fill (cr);
      /* a direction arrow: toward the heart */
      set_color (cr, &pal->vein_wall);
      soleus_scene_draw_arrow (cr, pt (INSET_CX + r * 2.6, cy + INSET_R * 0.45),
                               pt (INSET_CX + r * 2.6, cy - INSET_R * 0.45), fs->lw * 2, 9);
      cairo_restore (cr);

      cairo_arc (cr, INSET_CX, cy, INSET_R, 0, 2 * G_PI);
      set_color (cr, &pal->panel_line);
      cairo_set_line_width (cr, fs->lw * 2);
      cairo_stroke (cr);

      if (!self->show_labels)
        continue;

      layout = caption_layout (self, cr, k);
      pango_layout_get_size (layout, &w, &h);
      {
        double box[4];

        self->caption_h[k] = h / (double) PANGO_SCALE;
        soleus_scene_caption_box (self, k, box);
        cairo_move_to (cr, box[0], box[1]);
      }
      set_color (cr, &pal->text);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

double
soleus_scene_inset_velocity (const SoleusSnapshot *s,
                             int                   valve)
{
  /* the valve's flow over the lumen of a 1.2 cm vein (1.1 cm^2), slowed
   * four times so single cells can be followed at the magnification */
  double f = s->valve[valve].flow_ml_s;

  if (!isfinite (f))
    f = 0;
  return clampd (f / 1.1, -60, 60) / 4.0;
}

void
soleus_scene_draw_insets (SoleusScene *self,
                          cairo_t     *cr,
                          FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const SoleusSnapshot *s = fs->snap;
  double lw = fs->lw;

  for (int k = 0; k < N_INSETS; k++)
    {
      int v = self->inset_valve[k];
      const SoleusValveState *vs = &s->valve[v];
      double cy = soleus_scene_inset_cy[k];
      double r = INSET_R * 0.26;
      double open = isfinite (vs->open) ? clampd (vs->open, 0, 1) : 1;
      double leak = isfinite (vs->leak) ? MAX (vs->leak, 0) : 0;
      double flow = isfinite (vs->flow_ml_s) ? vs->flow_ml_s : 0;
      Pt c = pt (INSET_CX, cy);
      Pt target = soleus_scene_valve_center (fs, v, NULL);
      Pt edge;

      /* a ring round the valve in the leg and a line to its close-up */
      cairo_arc (cr, target.x, target.y, K * 2.0, 0, 2 * G_PI);
      edge = pt_add (c, pt_mul (pt_unit (pt_sub (target, c)), INSET_R));
      cairo_move_to (cr, edge.x, edge.y);
      {
        Pt near = pt_add (target, pt_mul (pt_unit (pt_sub (c, target)), K * 2.0));
        cairo_line_to (cr, near.x, near.y);
      }
      set_color (cr, &pal->leader);
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);

      if (self->show_cells)
        {
          double cell_r = r * 0.28;

          for (int i = 0; i < N_INSET_CELLS; i++)
            {
              const Cell *cell = &self->inset_cells[k][i];
              double y = cy + INSET_R - cell->s * 2 * INSET_R;
              double x = INSET_CX + cell->lat * r * 0.6;
              double half = sqrt (MAX (INSET_R * INSET_R - (x - INSET_CX) * (x - INSET_CX), 0)) - cell_r;

              /* only inside the circle: no clip needed */
              if (fabs (y - cy) > half)
                continue;
              cairo_move_to (cr, x + cell_r, y);
              for (int j = 1; j < CELL_SIDES; j++)
                cairo_line_to (cr, x + cell_r * soleus_scene_cell_shape[j][0], y + cell_r * 0.6 * soleus_scene_cell_shape[j][1]);
              cairo_close_path (cr);
            }
          set_color (cr, &pal->cell);
          cairo_fill (cr);
        }
      /* the valve over the cells: they pass behind its sinus */
      soleus_scene_draw_valve (cr, pal, pt (INSET_CX, cy), pt (0, -1), r, open, leak, flow, lw * 1.8);
    }
}
