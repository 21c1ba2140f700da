/* soleus-scene-geometry.c: the skeleton, poses, outlines and vessel paths of a frame
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-gait.h"
#include "soleus-scene-private.h"

const PathDef soleus_scene_path_defs[N_PATHS] = {
  [P_FOOT_MICRO] = { "vein-foot-micro", SOLEUS_VESSEL_FOOT_MICRO, -1, 0.45, TRUE, 3,
    { { F_TOES, -0.9, 3.5 }, { F_FOOT, -4.8, 16.5 }, { F_FOOT, -5.6, 12.5 } } },
  [P_PLANTAR] = { "vein-plantar", SOLEUS_VESSEL_PLANTAR, P_FOOT_MICRO, 1.0, FALSE, 5,
    { { F_FOOT, -5.6, 12.5 }, { F_FOOT, -6.0, 8.0 }, { F_FOOT, -5.8, 3.0 },
      { F_FOOT, -4.6, -0.8 }, { F_FOOT, -2.6, -2.8 } } },
  [P_CALF_LOWER] = { "vein-calf-lower", SOLEUS_VESSEL_CALF_DEEP_LOWER, P_PLANTAR, 1.05, FALSE, 4,
    { { F_FOOT, -2.6, -2.8 }, { F_SHANK, -2.3, 38.0 }, { F_SHANK, -2.5, 31.0 },
      { F_SHANK, -2.7, 24.0 } } },
  [P_CALF_UPPER] = { "vein-calf-upper", SOLEUS_VESSEL_CALF_DEEP_UPPER, P_CALF_LOWER, 1.2, FALSE, 4,
    { { F_SHANK, -2.7, 24.0 }, { F_SHANK, -2.9, 17.0 }, { F_SHANK, -3.0, 10.0 },
      { F_SHANK, -3.3, 4.0 } } },
  [P_POPLITEAL] = { "vein-popliteal", SOLEUS_VESSEL_POPLITEAL, P_CALF_UPPER, 1.35, FALSE, 4,
    { { F_SHANK, -3.3, 4.0 }, { F_KNEE, -3.9, 0.0 }, { F_THIGH, -3.7, 37.0 },
      { F_THIGH, -3.3, 32.0 } } },
  [P_FEMORAL] = { "vein-femoral", SOLEUS_VESSEL_FEMORAL, P_POPLITEAL, 1.5, FALSE, 4,
    { { F_THIGH, -3.3, 32.0 }, { F_THIGH, -0.4, 26.5 }, { F_THIGH, 1.8, 18.0 },
      { F_THIGH, 2.1, 6.5 } } },
  [P_ILIAC] = { "vein-iliac", SOLEUS_VESSEL_ILIAC, P_FEMORAL, 1.8, FALSE, 5,
    { { F_THIGH, 2.1, 6.5 }, { F_THIGH, 3.1, 1.0 }, { F_TORSO, 2.6, -6.0 },
      { F_TORSO, 0.0, -11.0 }, { F_TORSO, -3.8, -15.0 } } },
  [P_ABD_IVC] = { "vein-abdominal-ivc", SOLEUS_VESSEL_ABDOMINAL_IVC, P_ILIAC, 2.2, FALSE, 4,
    { { F_TORSO, -3.8, -15.0 }, { F_TORSO, -4.6, -22.0 }, { F_TORSO, -4.6, -29.0 },
      { F_TORSO, -4.0, -34.0 } } },
  [P_THOR_IVC] = { "vein-thoracic-ivc", SOLEUS_VESSEL_THORACIC_IVC, P_ABD_IVC, 2.2, FALSE, 3,
    { { F_TORSO, -4.0, -34.0 }, { F_TORSO, -3.0, -37.5 }, { F_TORSO, -1.4, -40.0 } } },
  [P_SAPH_CALF] = { "vein-saphenous-calf", SOLEUS_VESSEL_SAPHENOUS_CALF, -1, 0.8, TRUE, 8,
    { { F_FOOT, 1.6, 9.5 }, { F_FOOT, 1.4, 4.5 }, { F_SHANK, 2.4, 40.0 },
      { F_SHANK, 2.2, 33.0 }, { F_SHANK, 1.7, 25.0 }, { F_SHANK, 1.2, 17.0 },
      { F_SHANK, 0.8, 9.0 }, { F_KNEE, 0.6, 0.0 } } },
  [P_SAPH_THIGH] = { "vein-saphenous-thigh", SOLEUS_VESSEL_SAPHENOUS_THIGH, P_SAPH_CALF, 0.9, TRUE, 6,
    { { F_KNEE, 0.6, 0.0 }, { F_THIGH, 1.6, 35.0 }, { F_THIGH, 3.8, 25.0 },
      { F_THIGH, 5.3, 15.0 }, { F_THIGH, 5.6, 7.5 }, { F_THIGH, 3.7, 2.4 } } },
  [P_PERFORATOR] = { "vein-perforator", -1, -1, 0.6, TRUE, 3,
    { { F_SHANK, 1.7, 26.2 }, { F_SHANK, -0.4, 27.0 }, { F_SHANK, -2.5, 27.8 } } },
};

const ValveDef soleus_scene_valve_defs[SOLEUS_N_VALVES] = {
  [SOLEUS_VALVE_FOOT_OUTLET]    = { "valve-foot-outlet",    P_PLANTAR,    0.90 },
  [SOLEUS_VALVE_CALF_LOWER]     = { "valve-calf-lower",     P_CALF_LOWER, 0.86 },
  [SOLEUS_VALVE_CALF_UPPER]     = { "valve-calf-upper",     P_CALF_UPPER, 0.84 },
  [SOLEUS_VALVE_POPLITEAL]      = { "valve-popliteal",      P_POPLITEAL,  0.82 },
  [SOLEUS_VALVE_FEMORAL]        = { "valve-femoral",        P_FEMORAL,    0.80 },
  [SOLEUS_VALVE_SAPHENOUS]      = { "valve-saphenous",      P_SAPH_CALF,  0.90 },
  [SOLEUS_VALVE_SAPHENOFEMORAL] = { "valve-saphenofemoral", P_SAPH_THIGH, 0.80 },
  [SOLEUS_VALVE_PERFORATOR]     = { "valve-perforator",     P_PERFORATOR, 0.62 },
};

static void
frame_set (Frame  *f,
           Pt      origin,
           double  phi_deg)
{
  double phi = deg2rad (phi_deg);

  /* phi is measured from straight down toward the front of the body. */
  f->o = origin;
  f->ls = 1.0;
  f->u = pt (sin (phi), cos (phi));
  f->n = pt (cos (phi), -sin (phi));
}

static void
pose_translate (Pose *p,
                Pt    d)
{
  for (int i = 0; i < N_FRAMES; i++)
    p->f[i].o = pt_add (p->f[i].o, d);
}

/* Catmull-Rom through the points, as cubic Beziers. */
void
soleus_scene_path_spline (cairo_t  *cr,
                          const Pt *p,
                          int       n,
                          gboolean  closed)
{
  if (n < 2)
    return;

  cairo_move_to (cr, p[0].x, p[0].y);

  for (int i = 0; i < (closed ? n : n - 1); i++)
    {
      Pt p0 = p[closed ? (i - 1 + n) % n : MAX (i - 1, 0)];
      Pt p1 = p[i];
      Pt p2 = p[(i + 1) % n];
      Pt p3 = p[closed ? (i + 2) % n : MIN (i + 2, n - 1)];

      cairo_curve_to (cr,
                      p1.x + (p2.x - p0.x) / 6.0, p1.y + (p2.y - p0.y) / 6.0,
                      p2.x - (p3.x - p1.x) / 6.0, p2.y - (p3.y - p1.y) / 6.0,
                      p2.x, p2.y);
    }

  if (closed)
    cairo_close_path (cr);
}

/* Catmull-Rom sampled into a polyline (for arc length and cells). */
void
soleus_scene_spline_sample (const Pt *p,
                            int       n,
                            PathGeom *g)
{
  g->n = 0;

  for (int i = 0; i < n - 1 && g->n < MAX_PATH_PTS - SUBDIV - 1; i++)
    {
      Pt p0 = p[MAX (i - 1, 0)];
      Pt p1 = p[i];
      Pt p2 = p[i + 1];
      Pt p3 = p[MIN (i + 2, n - 1)];

      for (int k = 0; k < SUBDIV; k++)
        {
          double t = (double) k / SUBDIV;
          double t2 = t * t;
          double t3 = t2 * t;

          g->p[g->n++] = pt (0.5 * ((2 * p1.x) + (-p0.x + p2.x) * t +
                                    (2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x) * t2 +
                                    (-p0.x + 3 * p1.x - 3 * p2.x + p3.x) * t3),
                             0.5 * ((2 * p1.y) + (-p0.y + p2.y) * t +
                                    (2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y) * t2 +
                                    (-p0.y + 3 * p1.y - 3 * p2.y + p3.y) * t3));
        }
    }
  g->p[g->n++] = p[n - 1];

  g->s[0] = 0;
  for (int i = 1; i < g->n; i++)
    g->s[i] = g->s[i - 1] + pt_len (pt_sub (g->p[i], g->p[i - 1]));
  g->length = g->s[g->n - 1];
}

/* The point and unit direction at a fraction of a sampled path. */
Pt
soleus_scene_path_at (const PathGeom *g,
                      double          frac,
                      Pt             *dir)
{
  double target = clampd (frac, 0, 1) * g->length;
  int i = 1;

  while (i < g->n - 1 && g->s[i] < target)
    i++;

  {
    double seg = g->s[i] - g->s[i - 1];
    double t = seg > 1e-9 ? (target - g->s[i - 1]) / seg : 0;

    if (dir != NULL)
      *dir = pt_unit (pt_sub (g->p[i], g->p[i - 1]));
    return pt_lerp (g->p[i - 1], g->p[i], clampd (t, 0, 1));
  }
}

static int
snapshot_posture (const SoleusSnapshot *s)
{
  int p = (int) lround (s->control[SOLEUS_PARAM_POSTURE]);

  return CLAMP (p, 0, SOLEUS_N_POSTURES - 1);
}

static void
stance_from_snapshot (Stance               *st,
                      const SoleusSnapshot *s)
{
  st->posture = snapshot_posture (s);
  st->walking = s->walking;
  st->hip = isfinite (s->hip_angle_deg) ? s->hip_angle_deg : 0;
  st->knee = isfinite (s->knee_angle_deg) ? s->knee_angle_deg : 0;
  st->ankle = isfinite (s->ankle_angle_deg) ? s->ankle_angle_deg : 0;
  st->floor_y = FLOOR_Y;

  switch (st->posture)
    {
    case SOLEUS_POSTURE_SITTING:
      /* A model without joint angles yet: a chair's 90/90. */
      if (fabs (st->hip) < 1 && fabs (st->knee) < 1)
        {
          st->hip = 90;
          st->knee = 90;
        }
      st->torso_phi = -4;
      st->hip_pos = pt (440, FLOOR_Y - K * (SHANK_CM + ANKLE_HEIGHT_CM + 1.0));
      st->bed_y = 0;
      break;

    case SOLEUS_POSTURE_SUPINE:
    case SOLEUS_POSTURE_LEGS_UP:
      if (st->posture == SOLEUS_POSTURE_LEGS_UP && st->hip < 1)
        {
          st->hip = 28;
          st->knee = 12;
        }
      st->torso_phi = 90;
      st->hip_pos = pt (620, 640);
      st->bed_y = st->hip_pos.y + K * 10.5;
      break;

    case SOLEUS_POSTURE_STANDING:
    default:
      st->torso_phi = 0;
      st->hip_pos = pt (640, FLOOR_Y - K * (THIGH_CM + SHANK_CM + ANKLE_HEIGHT_CM));
      st->bed_y = 0;
      break;
    }
}

void
soleus_scene_pose_build (Pose     *p,
                         Pt        hip_pos,
                         double    torso_phi,
                         double    hip,
                         double    knee,
                         double    ankle,
                         gboolean  loaded)
{
  double phi_thigh = torso_phi + hip;
  double phi_shank = phi_thigh - knee;
  double phi_foot = phi_shank + 90 + ankle;
  Pt knee_pos, ankle_pos;
  double toe = 0;

  frame_set (&p->f[F_TORSO], hip_pos, torso_phi);
  p->f[F_TORSO].ls = TORSO_L;
  frame_set (&p->f[F_THIGH], hip_pos, phi_thigh);
  knee_pos = frame_pt (&p->f[F_THIGH], 0, THIGH_CM);
  frame_set (&p->f[F_KNEE], knee_pos, (phi_thigh + phi_shank) / 2);
  frame_set (&p->f[F_SHANK], knee_pos, phi_shank);
  ankle_pos = frame_pt (&p->f[F_SHANK], 0, SHANK_CM);
  frame_set (&p->f[F_FOOT], ankle_pos, phi_foot);

  if (loaded)
    {
      /* On the ground the toes stay flat while the heel rises: they bend
       * up at the ball of the foot by the foot's pitch. */
      Pt heel = frame_pt (&p->f[F_FOOT], -ANKLE_HEIGHT_CM, -4.0);
      Pt ball = frame_pt (&p->f[F_FOOT], -ANKLE_HEIGHT_CM, 14.0);
      Pt d = pt_sub (ball, heel);
      double pitch = atan2 (d.y, fabs (d.x)) * 180 / G_PI;

      toe = clampd (pitch, 0, 55);
    }

  frame_set (&p->f[F_TOES], frame_pt (&p->f[F_FOOT], -5.4, 14.5), phi_foot + toe);
}

/* The lowest point of the sole, for ground contact. */
static double
pose_lowest_y (const Pose *p)
{
  double y = pose_pt (p, F_FOOT, -ANKLE_HEIGHT_CM, -4.0).y;

  y = MAX (y, pose_pt (p, F_FOOT, -ANKLE_HEIGHT_CM, 14.0).y);
  y = MAX (y, pose_pt (p, F_TOES, -1.7, 5.0).y);
  y = MAX (y, pose_pt (p, F_FOOT, -6.0, -6.5).y);
  return y;
}

int
soleus_scene_leg_outline (const Pose  *p,
                          const Shape *sh,
                          Pt          *out)
{
  int n = 0;
  double sw = sh->swell_cm;
  /* the calf's muscle bulk: contraction bulges it, wasting shrinks it as
   * much as it shrinks the gastrocnemius inside */
  double cb = sh->bulge_cm * 0.7 - sh->thin_cm * 0.8;
  double ad = sh->arch_drop_cm;
  /* subcutaneous fat: most on the thigh and buttock, less on the calf,
   * little over the shin and the ankle */
  double f = sh->fat;
  double fb = sh->fat_back;
  /* the female figure: a wider pelvis shows as a fuller hip and buttock
   * and a thigh that tapers more to the knee; a slimmer calf, less deep at
   * its belly, and a finer shin and ankle */
  double fe = sh->female;

  /* front of the thigh, from inside the torso */
  out[n++] = pose_pt (p, F_THIGH, 6.0 + f * 2.0 + fe * 0.6, -5.0);
  out[n++] = pose_pt (p, F_THIGH, 8.0 + f * 4.0 + fe * 0.9, 4.0);
  out[n++] = pose_pt (p, F_THIGH, 8.3 + f * 4.0 + fe * 0.5, 14.0);
  out[n++] = pose_pt (p, F_THIGH, 7.4 + f * 3.2 - fe * 0.3, 27.0);
  out[n++] = pose_pt (p, F_THIGH, 6.2 + f * 1.8 - fe * 0.4, 35.0);
  /* knee cap */
  out[n++] = pose_pt (p, F_KNEE, 6.3 + f * 1.0 - fe * 0.3, -1.0);
  out[n++] = pose_pt (p, F_SHANK, 5.2 + f * 0.9 - fe * 0.3, 4.5);
  /* shin */
  out[n++] = pose_pt (p, F_SHANK, 4.3 + f * 0.8 - fe * 0.3, 12.0);
  out[n++] = pose_pt (p, F_SHANK, 3.8 + f * 0.7 - fe * 0.3, 24.0);
  out[n++] = pose_pt (p, F_SHANK, 3.1 + sw * 0.4 + f * 0.5 - fe * 0.2, 33.0);
  out[n++] = pose_pt (p, F_SHANK, 3.1 + sw + f * 0.4, 39.5);
  /* front of the ankle and the top of the foot */
  out[n++] = pose_pt (p, F_FOOT, 3.3 + sw, 2.2);
  out[n++] = pose_pt (p, F_FOOT, 2.2 + sw * 0.6, 7.5);
  out[n++] = pose_pt (p, F_FOOT, -0.6 + sw * 0.2, 12.5);
  /* toes */
  out[n++] = pose_pt (p, F_TOES, 1.1, 1.0);
  out[n++] = pose_pt (p, F_TOES, 0.6, 4.8);
  out[n++] = pose_pt (p, F_TOES, -0.5, 6.6);
  out[n++] = pose_pt (p, F_TOES, -1.7, 5.0);
  out[n++] = pose_pt (p, F_TOES, -1.8, 1.5);
  /* sole: ball, arch, heel */
  out[n++] = pose_pt (p, F_FOOT, -7.0, 13.0);
  out[n++] = pose_pt (p, F_FOOT, -6.2 - ad, 7.0);
  out[n++] = pose_pt (p, F_FOOT, -6.8 - ad * 0.5, 1.5);
  out[n++] = pose_pt (p, F_FOOT, -7.0, -3.6);
  out[n++] = pose_pt (p, F_FOOT, -5.6, -6.6 - sw * 0.3);
  out[n++] = pose_pt (p, F_FOOT, -3.0, -7.2 - sw);
  /* Achilles tendon, calf */
  out[n++] = pose_pt (p, F_SHANK, -4.0 - sw - fb * 0.4 + fe * 0.2, 38.5);
  out[n++] = pose_pt (p, F_SHANK, -4.3 - sw * 0.5 - fb * 0.8 + fe * 0.3, 33.0);
  out[n++] = pose_pt (p, F_SHANK, -6.0 - cb * 0.4 - fb * 1.4 + fe * 0.5, 27.0);
  out[n++] = pose_pt (p, F_SHANK, -8.4 - cb - fb * 2.0 + fe * 0.6, 19.0);
  out[n++] = pose_pt (p, F_SHANK, -9.5 - cb - fb * 2.2 + fe * 0.5, 12.0);
  out[n++] = pose_pt (p, F_SHANK, -8.8 - cb * 0.6 - fb * 2.0 + fe * 0.2, 6.0);
  /* back of the knee */
  out[n++] = pose_pt (p, F_KNEE, -6.6 - fb * 1.6, 0.0);
  /* back of the thigh, buttock, into the torso */
  out[n++] = pose_pt (p, F_THIGH, -7.2 - fb * 2.6 - fe * 0.2, 34.0);
  out[n++] = pose_pt (p, F_THIGH, -8.2 - fb * 3.8 - fe * 0.8, 22.0);
  out[n++] = pose_pt (p, F_THIGH, -9.0 - fb * 4.4 - fe * 1.6, 10.0);
  out[n++] = pose_pt (p, F_THIGH, -9.6 - fb * 4.0 - fe * 2.2, 2.0);
  out[n++] = pose_pt (p, F_THIGH, -10.5 - fb * 4.0 - fe * 2.0, -6.0);

  return n;
}

/* The torso with the belly and buttock of the body's weight (sh->fat):
 * the belly grows forward most, at the navel. The female figure has a
 * narrower waist, a bust in profile, a deeper lumbar curve and a fuller
 * buttock over a wider pelvis (sh->female). */
int
soleus_scene_torso_outline_shaped (const Pose  *p,
                                   const Shape *sh,
                                   Pt          *out)
{
  int n = 0;
  double f = sh->fat;
  double fb = sh->fat_back;
  double fe = sh->female;

  out[n++] = pose_pt (p, F_TORSO, 6.8 + f * 6.0 + fe * 0.6, 3.0);
  out[n++] = pose_pt (p, F_TORSO, 9.4 + f * 8.0 - fe * 0.4, -7.0);
  out[n++] = pose_pt (p, F_TORSO, 11.0 + f * 11.0 - fe * 1.2, -17.0);
  out[n++] = pose_pt (p, F_TORSO, 10.4 + f * 8.5 - fe * 1.2, -27.0);
  out[n++] = pose_pt (p, F_TORSO, 11.2 + f * 3.0 + fe * 2.6, -36.0 - fe * 2.0);
  out[n++] = pose_pt (p, F_TORSO, 12.2 + f * 1.0 + fe * 0.6, -45.0);
  out[n++] = pose_pt (p, F_TORSO, 10.6 - fe * 0.4, -53.0);
  out[n++] = pose_pt (p, F_TORSO, 6.0 - fe * 0.4, -58.5);
  out[n++] = pose_pt (p, F_TORSO, 4.2 - fe * 0.3, -63.0);
  /* the head, in profile, at natural size */
#define HL(l) (-63.0 + ((l) + 63.0) / TORSO_L)
  out[n++] = pose_pt (p, F_TORSO, 4.4, HL (-67.0));
  out[n++] = pose_pt (p, F_TORSO, 7.4, HL (-70.2));
  out[n++] = pose_pt (p, F_TORSO, 8.8, HL (-73.0));
  out[n++] = pose_pt (p, F_TORSO, 9.2, HL (-75.0));
  out[n++] = pose_pt (p, F_TORSO, 10.8, HL (-77.6));
  out[n++] = pose_pt (p, F_TORSO, 9.3, HL (-79.6));
  out[n++] = pose_pt (p, F_TORSO, 9.6, HL (-83.8));
  out[n++] = pose_pt (p, F_TORSO, 7.2, HL (-89.0));
  out[n++] = pose_pt (p, F_TORSO, 0.5, HL (-92.8));
  out[n++] = pose_pt (p, F_TORSO, -7.0, HL (-88.0));
  out[n++] = pose_pt (p, F_TORSO, -8.4, HL (-80.0));
  out[n++] = pose_pt (p, F_TORSO, -5.6, HL (-72.0));
#undef HL
  out[n++] = pose_pt (p, F_TORSO, -4.6, -62.0);
  out[n++] = pose_pt (p, F_TORSO, -9.0 + fe * 0.6, -57.0);
  out[n++] = pose_pt (p, F_TORSO, -11.2 + fe * 0.8, -47.0);
  out[n++] = pose_pt (p, F_TORSO, -10.6 + fe * 0.6, -35.0);
  out[n++] = pose_pt (p, F_TORSO, -8.6 - fb * 1.5 + fe * 0.6, -23.0);
  out[n++] = pose_pt (p, F_TORSO, -10.2 - fb * 3.0 - fe * 0.6, -12.0);
  out[n++] = pose_pt (p, F_TORSO, -12.8 - fb * 3.0 - fe * 1.8, -3.0);
  out[n++] = pose_pt (p, F_TORSO, -11.0 - fb * 3.4 - fe * 2.0, 4.5);
  out[n++] = pose_pt (p, F_TORSO, -4.0 - fb * 1.0 - fe * 0.6, 7.0 + f * 1.0);
  out[n++] = pose_pt (p, F_TORSO, 2.0, 6.5);

  return n;
}

int
soleus_scene_torso_outline (const Pose *p,
                            Pt         *out)
{
  Shape plain = { 0 };

  return soleus_scene_torso_outline_shaped (p, &plain, out);
}

int
soleus_scene_soleus_outline (const Pose  *p,
                             const Shape *sh,
                             double       activation,
                             Pt          *out)
{
  int n = 0;
  double b = sh->bulge_cm - sh->thin_cm;
  /* inside the female figure's slimmer calf */
  double fe = sh->female;
  /* Shortening: the muscle's lower end rises toward its origin by up to
   * 8% of its length as it contracts. */
  double k = 1.0 - 0.08 * activation;
#define SL(l) (5.0 + ((l) - 5.0) * k)

  out[n++] = pose_pt (p, F_SHANK, -2.0, SL (5.0));
  out[n++] = pose_pt (p, F_SHANK, -1.6, SL (15.0));
  out[n++] = pose_pt (p, F_SHANK, -1.9, SL (25.0));
  out[n++] = pose_pt (p, F_SHANK, -2.9, SL (32.0));
  out[n++] = pose_pt (p, F_SHANK, -3.6, SL (34.5));
  out[n++] = pose_pt (p, F_SHANK, -4.5, SL (33.0));
  out[n++] = pose_pt (p, F_SHANK, -6.4 - b * 0.8 + fe * 0.3, SL (27.0));
  out[n++] = pose_pt (p, F_SHANK, -8.0 - b + fe * 0.5, SL (19.0));
  out[n++] = pose_pt (p, F_SHANK, -7.8 - b * 0.8 + fe * 0.4, SL (11.0));
  out[n++] = pose_pt (p, F_SHANK, -5.2, SL (5.5));
#undef SL
  return n;
}

int
soleus_scene_gastroc_outline (const Pose  *p,
                              const Shape *sh,
                              double       activation,
                              Pt          *out)
{
  int n = 0;
  double b = sh->bulge_cm * 0.8 - sh->thin_cm * 0.8;
  double k = 1.0 - 0.06 * activation;
  double fe = sh->female;

  out[n++] = pose_pt (p, F_THIGH, -4.0, 37.0);
  out[n++] = pose_pt (p, F_THIGH, -6.6, 37.5);
  out[n++] = pose_pt (p, F_KNEE, -6.9, 1.5);
  out[n++] = pose_pt (p, F_SHANK, -8.7 - b + fe * 0.3, 8.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -9.3 - b + fe * 0.5, 13.5 * k);
  out[n++] = pose_pt (p, F_SHANK, -8.4 - b * 0.8 + fe * 0.6, 20.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -6.2, 25.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -5.4, 21.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -5.4, 13.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -4.5, 6.0);
  out[n++] = pose_pt (p, F_KNEE, -3.6, 1.0);
  return n;
}

double
soleus_scene_path_fill (const SoleusSnapshot *s,
                        int                   path)
{
  int v = soleus_scene_path_defs[path].vessel;
  double fill;

  if (v < 0)
    v = SOLEUS_VESSEL_SAPHENOUS_CALF;
  fill = s->vessel[v].fill;
  if (!isfinite (fill))
    fill = 1.0;
  return clampd (fill, 0.05, 6.0);
}

double
soleus_scene_path_velocity (const SoleusSnapshot *s,
                            int                   path)
{
  int v = soleus_scene_path_defs[path].vessel;
  double vel;

  if (v < 0)
    {
      /* the perforator: its valve's flow over a 0.25 cm^2 lumen */
      vel = s->valve[SOLEUS_VALVE_PERFORATOR].flow_ml_s / 0.25;
    }
  else
    vel = s->vessel[v].velocity_cm_s;

  if (!isfinite (vel))
    vel = 0;
  return clampd (vel, -150, 150);
}

static void
compute_shape (const SoleusSnapshot *s,
               Shape                *sh,
               double               *activation)
{
  double act = isfinite (s->soleus_activation) ? clampd (s->soleus_activation, 0, 1) : 0;
  double atrophy = clampd (s->control[SOLEUS_PARAM_ATROPHY], 0, 1);
  double fluid = isfinite (s->tissue_fluid_change_ml) ? s->tissue_fluid_change_ml : 0;
  double load = isfinite (s->foot_load) ? clampd (s->foot_load, 0, 1.5) : 0;

  double weight = s->control[SOLEUS_PARAM_WEIGHT_KG];
  double height_m = s->control[SOLEUS_PARAM_HEIGHT_CM] / 100.0;
  /* the reference subject's: 75 kg, 175 cm */
  double bmi_ref = 75.0 / (1.75 * 1.75);
  double bmi = bmi_ref;

  if (isfinite (weight) && isfinite (height_m) && weight > 0 && height_m > 0.5)
    bmi = weight / (height_m * height_m);

  *activation = act;
  /* A wasted soleus bulges less when it contracts, and is thinner: at
   * severe wasting (1) the calf muscles lose about 3 cm of depth, in
   * proportion at every step of the control. */
  sh->bulge_cm = 1.4 * act * (1 - 0.6 * atrophy);
  sh->thin_cm = 3.0 * atrophy;
  /* Body fat grows with the BMI: none added at the reference subject's
   * 24.5, about 1.2 at 150 kg; a lean body slims a little. */
  sh->fat = clampd ((bmi - bmi_ref) / 20.0, -0.3, 1.5);
  /* lying or sitting, the bed or the seat flattens the back of the body */
  sh->fat_back = sh->fat;
  if (sh->fat > 0 && (int) lround (s->control[SOLEUS_PARAM_POSTURE]) != SOLEUS_POSTURE_STANDING)
    sh->fat_back = 0.25 * sh->fat;
  /* The belly presses on the vena cava with the model's intra-abdominal
   * pressure above the normal upright 7 mmHg; 20 mmHg (intra-abdominal
   * hypertension) presses fully. */
  sh->iap_squash = isfinite (s->iap_mmhg) ? clampd ((s->iap_mmhg - 7.0) / 13.0, 0, 1) : 0;
  /* superficial reflux dilates the saphenous veins (the model's lagged
   * capacity growth, 0 .. 2) */
  sh->varicose = isfinite (s->varicose_dilation) ? clampd (s->varicose_dilation / 2.0, 0, 1) : 0;
  sh->obstruction = clampd (s->control[SOLEUS_PARAM_OBSTRUCTION], 0, 1);
  /* Brown skin (haemosiderin) at the ankle comes with years of high
   * walking venous pressure. The model has no state that slow, so the
   * picture takes the lasting causes of that pressure it carries: the
   * varicose dilation, the deep valves' leak and the outflow obstruction
   * (a leak fraction of 0.1 is a fully incompetent valve); mild disease
   * leaves the skin as it is. */
  {
    double deep_leak = 0;

    for (int v = SOLEUS_VALVE_CALF_LOWER; v <= SOLEUS_VALVE_FEMORAL; v++)
      if (isfinite (s->valve[v].leak))
        deep_leak = MAX (deep_leak, clampd (s->valve[v].leak / 0.1, 0, 1));
    sh->skin_change = smooth01 ((MAX (MAX (sh->varicose, deep_leak), sh->obstruction) - 0.35) / 0.5);
  }
  /* About 100 mL of extra tissue fluid in the lower leg is a visibly
   * puffy ankle (Stick 1989 measured 0.1-0.2 %/min of calf volume while
   * standing); the width is exaggerated so that a change reads on screen. */
  sh->swell_cm = clampd (fluid / 30.0, -0.4, 3.0);
  sh->arch_drop_cm = 0.5 * clampd (load, 0, 1);
}

/* A varicose vein: the path resampled evenly and twisted from side to side
 * (tapering to nothing at its ends, where it joins its neighbours). */
static void
twist_path (PathGeom *g,
            double    amplitude,
            double    wavelength)
{
  PathGeom even;
  int n = MAX_PATH_PTS - 2;

  if (g->n < 2 || g->length < 1e-6)
    return;
  for (int j = 0; j < n; j++)
    {
      double frac = (double) j / (n - 1);
      Pt d;
      Pt c = soleus_scene_path_at (g, frac, &d);
      double along = frac * g->length;
      double off = amplitude * sin (G_PI * frac) * sin (2 * G_PI * along / wavelength);

      even.p[j] = pt_add (c, pt_mul (pt_perp (d), off));
    }
  even.n = n;
  even.s[0] = 0;
  for (int j = 1; j < n; j++)
    even.s[j] = even.s[j - 1] + pt_len (pt_sub (even.p[j], even.p[j - 1]));
  even.length = even.s[n - 1];
  even.width = g->width;
  *g = even;
}

void
soleus_scene_compute_frame (SoleusScene          *self,
                            const SoleusSnapshot *s,
                            FrameState           *fs)
{
  Stance *st = &fs->st;
  gboolean loaded;

  memset (fs, 0, sizeof *fs);
  fs->snap = s;
  fs->pal = &self->colors;
  fs->lw = 1.3 * fs->pal->line_scale;
  stance_from_snapshot (st, s);
  compute_shape (s, &fs->shape, &fs->activation);
  fs->shape.female = self->figure == SOLEUS_FIGURE_FEMALE ? 1.0 : 0.0;
  fs->heart_phase = isfinite (s->heart_phase) ? s->heart_phase - floor (s->heart_phase) : 0;

  loaded = st->posture == SOLEUS_POSTURE_STANDING &&
           (!st->walking || fmod (s->gait_phase, 1.0) < 0.62);
  soleus_scene_pose_build (&fs->pose, st->hip_pos, st->torso_phi, st->hip, st->knee, st->ankle, loaded);

  if (st->posture == SOLEUS_POSTURE_SITTING)
    {
      /* Seated ankle exercise: the sole stays on the floor, so pressing the
       * toes down lifts the heel and the knee with it (the thigh pivots at
       * the hip), and lifting the toes rocks the foot back on its heel. A
       * few Newton steps on the hip angle put the lowest point of the sole
       * on the floor. */
      double hip = st->hip;

      for (int it = 0; it < 4; it++)
        {
          double err = pose_lowest_y (&fs->pose) - st->floor_y;
          double phi = deg2rad (st->torso_phi + hip);
          double gain = K * THIGH_CM * MAX (fabs (sin (phi)), 0.3);

          if (fabs (err) < 0.2)
            break;
          hip = clampd (hip + err / gain * 180 / G_PI, st->hip - 20, st->hip + 20);
          soleus_scene_pose_build (&fs->pose, st->hip_pos, st->torso_phi, hip, st->knee, st->ankle, loaded);
        }
    }

  if (st->posture == SOLEUS_POSTURE_STANDING)
    {
      double low = pose_lowest_y (&fs->pose);

      if (st->walking)
        {
          double h, k, a, far_low;
          double ph = s->gait_phase + 0.5;
          gboolean far_loaded = fmod (ph, 1.0) < 0.62;

          soleus_gait_angles (ph, &h, &k, &a);
          soleus_scene_pose_build (&fs->far_pose, st->hip_pos, st->torso_phi, h, k, a, far_loaded);
          fs->have_far = TRUE;
          far_low = pose_lowest_y (&fs->far_pose);
          /* The pelvis rides on whichever foot is lower. */
          low = MAX (low, far_low);
        }

      {
        Pt shift = pt (0, clampd (st->floor_y - low, -4 * K, 10 * K));

        pose_translate (&fs->pose, shift);
        if (fs->have_far)
          pose_translate (&fs->far_pose, shift);
      }
    }

  for (int i = 0; i < N_PATHS; i++)
    {
      const PathDef *def = &soleus_scene_path_defs[i];
      Pt pts[8];

      for (int k = 0; k < def->n_ctl; k++)
        pts[k] = pose_pt (&fs->pose, def->ctl[k].frame, def->ctl[k].a, def->ctl[k].l);
      soleus_scene_spline_sample (pts, def->n_ctl, &fs->path[i]);
      fs->path[i].width = K * def->d0_cm * sqrt (soleus_scene_path_fill (s, i));
      fs->path[i].width = clampd (fs->path[i].width, K * def->d0_cm * 0.3, K * def->d0_cm * 2.3);
    }

  /* varicose veins: the saphenous vein widens and twists */
  if (fs->shape.varicose > 0.01)
    {
      double d = fs->shape.varicose;

      twist_path (&fs->path[P_SAPH_CALF], K * 1.4 * d, K * 7.0);
      twist_path (&fs->path[P_SAPH_THIGH], K * 1.1 * d, K * 8.0);
      fs->path[P_SAPH_CALF].width *= 1.0 + 0.6 * d;
      fs->path[P_SAPH_THIGH].width *= 1.0 + 0.4 * d;
    }

  /* the belly's pressure flattens the abdominal vena cava */
  fs->path[P_ABD_IVC].width *= 1.0 - 0.45 * fs->shape.iap_squash;

  /* the foot pump: the plexus is squeezed flat under the loaded foot */
  if (isfinite (s->plantar_squeeze_mmhg) && s->plantar_squeeze_mmhg > 0)
    fs->path[P_PLANTAR].width *= 1.0 - 0.35 * clampd (s->plantar_squeeze_mmhg / 120, 0, 1);
}

Pt
soleus_scene_heart_center (const FrameState *fs)
{
  return pose_pt (&fs->pose, F_TORSO, 3.5, -43.0);
}

Pt
soleus_scene_valve_center (const FrameState *fs,
                           int               valve,
                           Pt               *dir)
{
  const ValveDef *def = &soleus_scene_valve_defs[valve];

  return soleus_scene_path_at (&fs->path[def->path], def->at, dir);
}
