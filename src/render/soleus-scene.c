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
 * paths and one path holding every blood cell.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-gait.h"
#include "soleus-scene.h"
#include "soleus-scene-private.h"

#ifndef GETTEXT_PACKAGE
#define GETTEXT_PACKAGE "soleus"
#endif

#define N_(s) (s)

/* Logical units per centimetre of body. */
#define K 7.0

/* The torso is drawn a little shorter than life (x 0.85) so that the leg,
 * the subject, can be larger. */
#define TORSO_L 0.85

#define THIGH_CM 42.0
#define SHANK_CM 42.0
#define ANKLE_HEIGHT_CM 7.0

typedef struct
{
  double x, y;
} Pt;

typedef struct
{
  Pt o;   /* origin: the upper joint */
  Pt u;   /* unit vector along the segment */
  Pt n;   /* unit vector toward the front of the body */
  double ls;  /* scale along the segment */
} Frame;

enum
{
  F_TORSO,
  F_THIGH,
  F_KNEE,
  F_SHANK,
  F_FOOT,
  F_TOES,
  N_FRAMES
};

typedef struct
{
  Frame  f[N_FRAMES];
} Pose;

typedef struct
{
  int    frame;
  double a;
  double l;
} Ctl;

/* ---------------------------------------------------------------------- */
/* Vessels */

enum
{
  P_FOOT_MICRO,
  P_PLANTAR,
  P_CALF_LOWER,
  P_CALF_UPPER,
  P_POPLITEAL,
  P_FEMORAL,
  P_ILIAC,
  P_ABD_IVC,
  P_THOR_IVC,
  P_SAPH_CALF,
  P_SAPH_THIGH,
  P_PERFORATOR,
  N_PATHS
};

typedef struct
{
  const char *part;
  int         vessel;      /* SoleusVessel, or -1 for the perforator */
  int         upstream;    /* path feeding this one (inlet velocity), or -1 */
  double      d0_cm;       /* drawn diameter at a fill of 1 */
  gboolean    superficial;
  int         n_ctl;
  Ctl         ctl[8];
} PathDef;

static const PathDef path_defs[N_PATHS] = {
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
    { { F_THIGH, -3.3, 32.0 }, { F_THIGH, -2.6, 23.0 }, { F_THIGH, -0.6, 14.0 },
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

typedef struct
{
  const char *part;
  int         path;
  double      at;        /* fraction of the path's length */
} ValveDef;

static const ValveDef valve_defs[SOLEUS_N_VALVES] = {
  [SOLEUS_VALVE_FOOT_OUTLET]    = { "valve-foot-outlet",    P_PLANTAR,    0.90 },
  [SOLEUS_VALVE_CALF_LOWER]     = { "valve-calf-lower",     P_CALF_LOWER, 0.86 },
  [SOLEUS_VALVE_CALF_UPPER]     = { "valve-calf-upper",     P_CALF_UPPER, 0.84 },
  [SOLEUS_VALVE_POPLITEAL]      = { "valve-popliteal",      P_POPLITEAL,  0.82 },
  [SOLEUS_VALVE_FEMORAL]        = { "valve-femoral",        P_FEMORAL,    0.80 },
  [SOLEUS_VALVE_SAPHENOUS]      = { "valve-saphenous",      P_SAPH_CALF,  0.90 },
  [SOLEUS_VALVE_SAPHENOFEMORAL] = { "valve-saphenofemoral", P_SAPH_THIGH, 0.80 },
  [SOLEUS_VALVE_PERFORATOR]     = { "valve-perforator",     P_PERFORATOR, 0.62 },
};

#define MAX_PATH_PTS 96
#define SUBDIV 5

typedef struct
{
  Pt     p[MAX_PATH_PTS];
  double s[MAX_PATH_PTS];   /* cumulative length, logical units */
  int    n;
  double length;
  double width;             /* drawn lumen width, logical units */
} PathGeom;

/* ---------------------------------------------------------------------- */
/* Parts and labels */

enum
{
  PART_HEART = 0,
  PART_SOLEUS,
  PART_GASTROCNEMIUS,
  PART_FOOT,
  PART_ANKLE,
  PART_CALF,
  PART_THIGH,
  PART_LEG,
  PART_TORSO,
  PART_PLANTAR_PLEXUS,
  N_BODY_PARTS
};

static const char *body_part_names[N_BODY_PARTS] = {
  "heart", "soleus", "gastrocnemius", "foot", "ankle", "calf", "thigh", "leg",
  "torso", "plantar-plexus",
};

#define N_PARTS (N_BODY_PARTS + N_PATHS + SOLEUS_N_VALVES)

typedef enum
{
  SIDE_BACK,    /* behind the body: left column, or below when lying */
  SIDE_FRONT,   /* in front: right column, or above when lying */
} Side;

enum
{
  L_HEART,
  L_IVC,
  L_FEMORAL,
  L_VALVE,
  L_SAPHENOUS,
  L_POPLITEAL,
  L_GASTROC,
  L_SOLEUS,
  L_DEEP,
  L_PERFORATOR,
  L_ANKLE,
  L_PLANTAR,
  N_LABELS
};

typedef struct
{
  const char *text;
  Side        side;
} LabelDef;

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

typedef struct
{
  double x, y, w, h;   /* text box, logical */
  Pt     attach;       /* where the leader line leaves the box */
} LabelBox;

enum
{
  LEG_VEIN,
  LEG_OPEN,
  LEG_CLOSED,
  LEG_LEAK,
  LEG_SQUEEZE,
  LEG_FLUID,
  N_LEGEND
};

static const char *legend_texts[N_LEGEND] = {
  N_("Vein: blood cells flowing to the heart"),
  N_("Valve open: blood passes"),
  N_("Valve shut: leaflets meet"),
  N_("Leaking valve: leaflets do not meet, blood falls back"),
  N_("Squeeze from muscle or body weight"),
  N_("Swelling: fluid in the tissue"),
};

/* ---------------------------------------------------------------------- */
/* Blood cells */

typedef struct
{
  float s;     /* position along the path, 0..1 */
  float lat;   /* lateral place in the lumen, -1..1 */
} Cell;

#define N_INSETS 2
#define N_INSET_CELLS 16

struct _SoleusScene
{
  /* Options */
  SoleusPalette         palette;
  gboolean              show_labels;
  gboolean              show_legend;
  gboolean              show_cells;
  char                 *font;
  SoleusTranslateFunc   translate;
  gpointer              translate_data;
  double                scale_factor;
  double                cell_density;   /* 1: the Cairo count; more on a GPU */
  gboolean              use_cache;

  /* The cached static layer */
  cairo_surface_t      *cache;
  int                   cache_w;
  int                   cache_h;
  int                   cache_posture;
  int                   cache_palette;
  int                   cache_flags;
  int                   cache_legs_key;
  double                cache_uw;
  double                cache_uh;
  LabelBox              labels[N_LABELS];
  gboolean              labels_valid;
  cairo_surface_t      *label_sprite[N_LABELS];
  int                   sprite_x[N_LABELS];   /* device pixels */
  int                   sprite_y[N_LABELS];
  double                sprite_sx;
  double                sprite_sy;

  /* Close-ups of two valves */
  int                   inset_valve[N_INSETS];
  Cell                  inset_cells[N_INSETS][N_INSET_CELLS];

  /* Blood cells */
  Cell                 *cells[N_PATHS];
  int                   n_cells[N_PATHS];
  gboolean              have_time;
  double                last_time_s;
  guint64               last_step;

  /* Geometry of the last paint, logical units */
  double                fit_scale;
  double                fit_x;
  double                fit_y;
  gboolean              have_geometry;
  double                part_box[N_PARTS][4];   /* x0, y0, x1, y1 */
  gboolean              part_valid[N_PARTS];
  Pt                    label_anchor[N_LABELS];
  PathGeom              last_path[N_PATHS];
  double                last_v_in[N_PATHS];
  double                last_v_out[N_PATHS];
  double                last_inset_v[N_INSETS];
};

static const char *all_part_names[N_PARTS + 1];

/* The close-ups sit in a column at the right edge, under the legend. */
#define INSET_CX 1488.0
#define INSET_R  88.0
static const double inset_cy[N_INSETS] = { 462.0, 742.0 };
#define LABEL_MAX_X (INSET_CX - INSET_R - 24.0)
#define LEGEND_X 1228.0

/* ---------------------------------------------------------------------- */
/* Small geometry helpers */

static inline Pt
pt (double x,
    double y)
{
  Pt p = { x, y };
  return p;
}

static inline Pt
pt_add (Pt a,
        Pt b)
{
  return pt (a.x + b.x, a.y + b.y);
}

static inline Pt
pt_sub (Pt a,
        Pt b)
{
  return pt (a.x - b.x, a.y - b.y);
}

static inline Pt
pt_mul (Pt     a,
        double k)
{
  return pt (a.x * k, a.y * k);
}

static inline Pt
pt_lerp (Pt     a,
         Pt     b,
         double t)
{
  return pt (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

static inline double
pt_len (Pt a)
{
  return sqrt (a.x * a.x + a.y * a.y);
}

static inline Pt
pt_unit (Pt a)
{
  double l = pt_len (a);

  if (l < 1e-9)
    return pt (1, 0);
  return pt (a.x / l, a.y / l);
}

/* The left-hand normal of a direction (y grows downward). */
static inline Pt
pt_perp (Pt d)
{
  return pt (d.y, -d.x);
}

static inline double
clampd (double v,
        double lo,
        double hi)
{
  if (!(v >= lo))
    return lo;
  if (v > hi)
    return hi;
  return v;
}

static inline double
smooth01 (double t)
{
  t = clampd (t, 0, 1);
  return t * t * (3 - 2 * t);
}

static double
deg2rad (double d)
{
  return d * G_PI / 180.0;
}

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

static inline Pt
frame_pt (const Frame *f,
          double       a,
          double       l)
{
  l *= f->ls;
  return pt (f->o.x + K * (l * f->u.x + a * f->n.x),
             f->o.y + K * (l * f->u.y + a * f->n.y));
}

static inline Pt
pose_pt (const Pose *p,
         int         frame,
         double      a,
         double      l)
{
  return frame_pt (&p->f[frame], a, l);
}

static void
pose_translate (Pose *p,
                Pt    d)
{
  for (int i = 0; i < N_FRAMES; i++)
    p->f[i].o = pt_add (p->f[i].o, d);
}

/* Catmull-Rom through the points, as cubic Beziers. */
static void
path_spline (cairo_t  *cr,
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
static void
spline_sample (const Pt *p,
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
static Pt
path_at (const PathGeom *g,
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

static void
set_color (cairo_t           *cr,
           const SoleusColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
set_color_alpha (cairo_t           *cr,
                 const SoleusColor *c,
                 double             alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

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

/* ---------------------------------------------------------------------- */
/* Posture and pose */

typedef struct
{
  int     posture;
  gboolean walking;
  double  hip;
  double  knee;
  double  ankle;
  double  torso_phi;
  Pt      hip_pos;
  double  floor_y;   /* standing and sitting */
  double  bed_y;     /* lying */
} Stance;

#define FLOOR_Y 978.0

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

static void
pose_build (Pose     *p,
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

/* ---------------------------------------------------------------------- */
/* Body shape */

typedef struct
{
  double swell_cm;      /* extra width at the ankle, each side */
  double bulge_cm;      /* soleus / gastrocnemius bulge with activation */
  double thin_cm;       /* wasting */
  double arch_drop_cm;  /* the arch flattens under load */
} Shape;

#define MAX_OUTLINE 48

static int
leg_outline (const Pose  *p,
             const Shape *sh,
             Pt          *out)
{
  int n = 0;
  double sw = sh->swell_cm;
  double cb = sh->bulge_cm * 0.7 - sh->thin_cm * 0.8;
  double ad = sh->arch_drop_cm;

  /* front of the thigh, from inside the torso */
  out[n++] = pose_pt (p, F_THIGH, 6.0, -5.0);
  out[n++] = pose_pt (p, F_THIGH, 8.0, 4.0);
  out[n++] = pose_pt (p, F_THIGH, 8.3, 14.0);
  out[n++] = pose_pt (p, F_THIGH, 7.4, 27.0);
  out[n++] = pose_pt (p, F_THIGH, 6.2, 35.0);
  /* knee cap */
  out[n++] = pose_pt (p, F_KNEE, 6.3, -1.0);
  out[n++] = pose_pt (p, F_SHANK, 5.2, 4.5);
  /* shin */
  out[n++] = pose_pt (p, F_SHANK, 4.3, 12.0);
  out[n++] = pose_pt (p, F_SHANK, 3.8, 24.0);
  out[n++] = pose_pt (p, F_SHANK, 3.1 + sw * 0.4, 33.0);
  out[n++] = pose_pt (p, F_SHANK, 3.1 + sw, 39.5);
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
  out[n++] = pose_pt (p, F_SHANK, -4.0 - sw, 38.5);
  out[n++] = pose_pt (p, F_SHANK, -4.3 - sw * 0.5, 33.0);
  out[n++] = pose_pt (p, F_SHANK, -6.0 - cb * 0.4, 27.0);
  out[n++] = pose_pt (p, F_SHANK, -8.4 - cb, 19.0);
  out[n++] = pose_pt (p, F_SHANK, -9.5 - cb, 12.0);
  out[n++] = pose_pt (p, F_SHANK, -8.8 - cb * 0.6, 6.0);
  /* back of the knee */
  out[n++] = pose_pt (p, F_KNEE, -6.6, 0.0);
  /* back of the thigh, buttock, into the torso */
  out[n++] = pose_pt (p, F_THIGH, -7.2, 34.0);
  out[n++] = pose_pt (p, F_THIGH, -8.2, 22.0);
  out[n++] = pose_pt (p, F_THIGH, -9.0, 10.0);
  out[n++] = pose_pt (p, F_THIGH, -9.6, 2.0);
  out[n++] = pose_pt (p, F_THIGH, -10.5, -6.0);

  return n;
}

#define LEG_ANKLE_FIRST 9
#define LEG_ANKLE_LAST  27

static int
torso_outline (const Pose *p,
               Pt         *out)
{
  int n = 0;

  out[n++] = pose_pt (p, F_TORSO, 6.8, 3.0);
  out[n++] = pose_pt (p, F_TORSO, 9.4, -7.0);
  out[n++] = pose_pt (p, F_TORSO, 11.0, -17.0);
  out[n++] = pose_pt (p, F_TORSO, 10.4, -27.0);
  out[n++] = pose_pt (p, F_TORSO, 11.2, -36.0);
  out[n++] = pose_pt (p, F_TORSO, 12.2, -45.0);
  out[n++] = pose_pt (p, F_TORSO, 10.6, -53.0);
  out[n++] = pose_pt (p, F_TORSO, 6.0, -58.5);
  out[n++] = pose_pt (p, F_TORSO, 4.2, -63.0);
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
  out[n++] = pose_pt (p, F_TORSO, -9.0, -57.0);
  out[n++] = pose_pt (p, F_TORSO, -11.2, -47.0);
  out[n++] = pose_pt (p, F_TORSO, -10.6, -35.0);
  out[n++] = pose_pt (p, F_TORSO, -8.6, -23.0);
  out[n++] = pose_pt (p, F_TORSO, -10.2, -12.0);
  out[n++] = pose_pt (p, F_TORSO, -12.8, -3.0);
  out[n++] = pose_pt (p, F_TORSO, -11.0, 4.5);
  out[n++] = pose_pt (p, F_TORSO, -4.0, 7.0);
  out[n++] = pose_pt (p, F_TORSO, 2.0, 6.5);

  return n;
}

static int
soleus_outline (const Pose  *p,
                const Shape *sh,
                double       activation,
                Pt          *out)
{
  int n = 0;
  double b = sh->bulge_cm - sh->thin_cm;
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
  out[n++] = pose_pt (p, F_SHANK, -6.4 - b * 0.8, SL (27.0));
  out[n++] = pose_pt (p, F_SHANK, -8.0 - b, SL (19.0));
  out[n++] = pose_pt (p, F_SHANK, -7.8 - b * 0.8, SL (11.0));
  out[n++] = pose_pt (p, F_SHANK, -5.2, SL (5.5));
#undef SL
  return n;
}

static int
gastroc_outline (const Pose  *p,
                 const Shape *sh,
                 double       activation,
                 Pt          *out)
{
  int n = 0;
  double b = sh->bulge_cm * 0.8 - sh->thin_cm * 0.6;
  double k = 1.0 - 0.06 * activation;

  out[n++] = pose_pt (p, F_THIGH, -4.0, 37.0);
  out[n++] = pose_pt (p, F_THIGH, -6.6, 37.5);
  out[n++] = pose_pt (p, F_KNEE, -6.9, 1.5);
  out[n++] = pose_pt (p, F_SHANK, -8.7 - b, 8.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -9.3 - b, 13.5 * k);
  out[n++] = pose_pt (p, F_SHANK, -8.4 - b * 0.8, 20.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -6.2, 25.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -5.4, 21.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -5.4, 13.0 * k);
  out[n++] = pose_pt (p, F_SHANK, -4.5, 6.0);
  out[n++] = pose_pt (p, F_KNEE, -3.6, 1.0);
  return n;
}

/* ---------------------------------------------------------------------- */
/* Drawing pieces */

static void
draw_arrow (cairo_t *cr,
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

      set_color (cr, &pal->leak);
      draw_arrow (cr, from, to, MAX (lw * 1.6, r * 0.32), r * 0.85);
    }
  else if (leaky)
    {
      /* at rest a leaky valve still shows its gap: a small notch mark */
      Pt tip = pt_add (base, pt_mul (d, tip_len + r * 0.35));

      set_color (cr, &pal->leak);
      cairo_arc (cr, tip.x, tip.y, MAX (lw * 1.2, r * 0.16), 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_valve (cairo_t                   *cr,
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

  /* the sinus: the vein wall bulges around the valve */
  cairo_save (cr);
  cairo_translate (cr, c.x, c.y);
  cairo_rotate (cr, atan2 (d.y, d.x));
  cairo_scale (cr, len * 0.75, r * 1.45);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  set_color (cr, &pal->vein);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->vein_wall);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);

  draw_valve_leaflets (cr, pal, c, d, r, open, leak, flow_ml_s, lw);
}

static void
draw_vessel_stroke (cairo_t        *cr,
                    const PathGeom *g)
{
  cairo_move_to (cr, g->p[0].x, g->p[0].y);
  for (int i = 1; i < g->n; i++)
    cairo_line_to (cr, g->p[i].x, g->p[i].y);
}

/* ---------------------------------------------------------------------- */
/* Translation and text */

static const char *
tr (SoleusScene *self,
    const char  *text)
{
  if (self->translate != NULL)
    return self->translate (text, self->translate_data);

  return g_dgettext (GETTEXT_PACKAGE, text);
}

static PangoLayout *
make_layout (SoleusScene *self,
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

/* ---------------------------------------------------------------------- */
/* The frame state derived from a snapshot */

typedef struct
{
  const SoleusSnapshot      *snap;
  const SoleusPaletteColors *pal;
  Stance                     st;
  Pose                       pose;
  Pose                       far_pose;
  gboolean                   have_far;
  Shape                      shape;
  PathGeom                   path[N_PATHS];
  double                     lw;       /* base line width */
  double                     activation;
  double                     heart_phase;
} FrameState;

static double
path_fill (const SoleusSnapshot *s,
           int                   path)
{
  int v = path_defs[path].vessel;
  double fill;

  if (v < 0)
    v = SOLEUS_VESSEL_SAPHENOUS_CALF;
  fill = s->vessel[v].fill;
  if (!isfinite (fill))
    fill = 1.0;
  return clampd (fill, 0.05, 6.0);
}

static double
path_velocity (const SoleusSnapshot *s,
               int                   path)
{
  int v = path_defs[path].vessel;
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

  *activation = act;
  /* A wasted soleus bulges less when it contracts, and is thinner. */
  sh->bulge_cm = 1.4 * act * (1 - 0.6 * atrophy);
  sh->thin_cm = 1.6 * atrophy;
  /* About 100 mL of extra tissue fluid in the lower leg is a visibly
   * puffy ankle (Stick 1989 measured 0.1-0.2 %/min of calf volume while
   * standing); the width is exaggerated so that a change reads on screen. */
  sh->swell_cm = clampd (fluid / 30.0, -0.4, 3.0);
  sh->arch_drop_cm = 0.5 * clampd (load, 0, 1);
}

static void
compute_frame (SoleusScene          *self,
               const SoleusSnapshot *s,
               FrameState           *fs)
{
  Stance *st = &fs->st;
  gboolean loaded;

  memset (fs, 0, sizeof *fs);
  fs->snap = s;
  fs->pal = soleus_palette_get_colors (self->palette);
  fs->lw = 1.3 * fs->pal->line_scale;
  stance_from_snapshot (st, s);
  compute_shape (s, &fs->shape, &fs->activation);
  fs->heart_phase = isfinite (s->heart_phase) ? s->heart_phase - floor (s->heart_phase) : 0;

  loaded = st->posture == SOLEUS_POSTURE_STANDING &&
           (!st->walking || fmod (s->gait_phase, 1.0) < 0.62);
  pose_build (&fs->pose, st->hip_pos, st->torso_phi, st->hip, st->knee, st->ankle, loaded);

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
          pose_build (&fs->pose, st->hip_pos, st->torso_phi, hip, st->knee, st->ankle, loaded);
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
          pose_build (&fs->far_pose, st->hip_pos, st->torso_phi, h, k, a, far_loaded);
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
      const PathDef *def = &path_defs[i];
      Pt pts[8];

      for (int k = 0; k < def->n_ctl; k++)
        pts[k] = pose_pt (&fs->pose, def->ctl[k].frame, def->ctl[k].a, def->ctl[k].l);
      spline_sample (pts, def->n_ctl, &fs->path[i]);
      fs->path[i].width = K * def->d0_cm * sqrt (path_fill (s, i));
      fs->path[i].width = clampd (fs->path[i].width, K * def->d0_cm * 0.3, K * def->d0_cm * 2.3);
    }

  /* the foot pump: the plexus is squeezed flat under the loaded foot */
  if (isfinite (s->plantar_squeeze_mmhg) && s->plantar_squeeze_mmhg > 0)
    fs->path[P_PLANTAR].width *= 1.0 - 0.35 * clampd (s->plantar_squeeze_mmhg / 120, 0, 1);
}

/* ---------------------------------------------------------------------- */
/* Part geometry */

static int
part_index (const char *name)
{
  for (int i = 0; i < N_PARTS; i++)
    if (g_strcmp0 (all_part_names[i], name) == 0)
      return i;
  return -1;
}

static void
part_reset (SoleusScene *self)
{
  memset (self->part_valid, 0, sizeof self->part_valid);
}

static void
part_add_pt (SoleusScene *self,
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

static void
part_add_pts (SoleusScene *self,
              int          part,
              const Pt    *p,
              int          n,
              double       pad)
{
  for (int i = 0; i < n; i++)
    part_add_pt (self, part, p[i], pad);
}

/* ---------------------------------------------------------------------- */
/* The static layer */

static void
draw_legend (SoleusScene               *self,
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

  title = make_layout (self, cr, 17, TRUE);
  pango_layout_set_text (title, tr (self, N_("How to read the picture")), -1);
  pango_layout_get_size (title, &tw, &th);

  h = 18 + th / (double) PANGO_SCALE + 10;
  for (int i = 0; i < N_LEGEND; i++)
    {
      int lh;

      layouts[i] = make_layout (self, cr, 15, FALSE);
      pango_layout_set_width (layouts[i], (int) ((w - 96) * PANGO_SCALE));
      pango_layout_set_wrap (layouts[i], PANGO_WRAP_WORD);
      pango_layout_set_text (layouts[i], tr (self, legend_texts[i]), -1);
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

      switch (i)
        {
        case LEG_VEIN:
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_move_to (cr, ix - 26, cy);
          cairo_line_to (cr, ix + 26, cy);
          set_color (cr, &pal->vein_wall);
          cairo_set_line_width (cr, 12 + 2 * lw);
          cairo_stroke (cr);
          cairo_move_to (cr, ix - 26, cy);
          cairo_line_to (cr, ix + 26, cy);
          set_color (cr, &pal->vein);
          cairo_set_line_width (cr, 12);
          cairo_stroke (cr);
          set_color (cr, &pal->cell);
          for (int k = 0; k < 4; k++)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, ix - 18 + k * 12, cy + (k % 2 ? 2 : -2), 2.9, 0, 2 * G_PI);
            }
          cairo_fill (cr);
          set_color (cr, &pal->vein_wall);
          draw_arrow (cr, pt (ix + 2, cy - 14), pt (ix + 24, cy - 14), 1.8, 6);
          break;

        case LEG_OPEN:
        case LEG_CLOSED:
        case LEG_LEAK:
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          cairo_move_to (cr, ix - 28, cy);
          cairo_line_to (cr, ix + 28, cy);
          set_color (cr, &pal->vein_wall);
          cairo_set_line_width (cr, 12 + 2 * lw);
          cairo_stroke (cr);
          cairo_move_to (cr, ix - 28, cy);
          cairo_line_to (cr, ix + 28, cy);
          set_color (cr, &pal->vein);
          cairo_set_line_width (cr, 12);
          cairo_stroke (cr);
          draw_valve (cr, pal, pt (ix, cy), pt (1, 0), 7.5,
                      i == LEG_OPEN ? 1.0 : 0.0,
                      i == LEG_LEAK ? 0.1 : 0.0,
                      i == LEG_LEAK ? -2.0 : 0.0, lw);
          break;

        case LEG_SQUEEZE:
          set_color (cr, &pal->squeeze);
          draw_arrow (cr, pt (ix - 26, cy), pt (ix - 8, cy), 3.2, 8);
          draw_arrow (cr, pt (ix + 26, cy), pt (ix + 8, cy), 3.2, 8);
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

      cairo_move_to (cr, x + 92, row_y[i] + (rh - lh / (double) PANGO_SCALE) / 2);
      set_color (cr, &pal->text);
      pango_cairo_show_layout (cr, layouts[i]);
      g_object_unref (layouts[i]);
    }
}

static Pt label_anchor_point (const FrameState *fs, int label);
static Pt valve_center (const FrameState *fs, int valve, Pt *dir);
static void draw_insets_static (SoleusScene *self, cairo_t *cr, const FrameState *fs);

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

static void
layout_labels (SoleusScene      *self,
               cairo_t          *cr,
               const FrameState *fs)
{
  gboolean lying = fs->st.posture == SOLEUS_POSTURE_SUPINE ||
                   fs->st.posture == SOLEUS_POSTURE_LEGS_UP;
  Pt anchors[N_LABELS];
  Pt env[400];
  Pt tmp[MAX_OUTLINE * 2];
  int n_env = 0, n;
  double min_y = G_MAXDOUBLE;
  int order[N_LABELS];

  n = leg_outline (&fs->pose, &fs->shape, tmp);
  body_envelope_add (env, &n_env, tmp, n);
  n = torso_outline (&fs->pose, tmp);
  body_envelope_add (env, &n_env, tmp, n);

  if (fs->st.posture == SOLEUS_POSTURE_STANDING)
    {
      /* Leave room for the legs' swing when walking starts. */
      Shape plain = fs->shape;

      for (int k = 0; k < 2; k++)
        {
          Pose sw;

          pose_build (&sw, fs->st.hip_pos, 0, k == 0 ? 28 : -12, k == 0 ? 6 : 20, 0, FALSE);
          n = leg_outline (&sw, &plain, tmp);
          body_envelope_add (env, &n_env, tmp, n);
        }
    }

  for (int i = 0; i < n_env; i++)
    min_y = MIN (min_y, env[i].y);

  for (int i = 0; i < N_LABELS; i++)
    {
      PangoLayout *layout = make_layout (self, cr, 17, FALSE);
      int w, h;

      pango_layout_set_text (layout, tr (self, label_defs[i].text), -1);
      pango_layout_get_size (layout, &w, &h);
      self->labels[i].w = w / (double) PANGO_SCALE;
      self->labels[i].h = h / (double) PANGO_SCALE;
      g_object_unref (layout);
      anchors[i] = label_anchor_point (fs, i);
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

  for (int side = SIDE_BACK; side <= SIDE_FRONT; side++)
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
  PangoLayout *layout = make_layout (self, cr, 17, FALSE);

  pango_layout_set_text (layout, tr (self, label_defs[i].text), -1);
  draw_layout_halo (cr, fs->pal, layout, x, y, &fs->pal->text);
  g_object_unref (layout);
}

static void
clear_label_sprites (SoleusScene *self)
{
  for (int i = 0; i < N_LABELS; i++)
    g_clear_pointer (&self->label_sprite[i], cairo_surface_destroy);
}

/* Each label's text, pre-rendered at device resolution and pixel-aligned:
 * painted last, above the moving figure, at the cost of a small blit. */
static void
build_label_sprites (SoleusScene      *self,
                     cairo_t          *target,
                     const FrameState *fs,
                     double            sx,
                     double            sy)
{
  double k = self->fit_scale;

  clear_label_sprites (self);
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

static void apply_fit (cairo_t *cr, double scale, double ox, double oy);

static void
draw_labels (SoleusScene      *self,
             cairo_t          *cr,
             const FrameState *fs,
             gboolean          vector)
{
  if (!self->show_labels || !self->labels_valid)
    return;

  if (vector)
    {
      cairo_save (cr);
      apply_fit (cr, self->fit_scale, self->fit_x, self->fit_y);
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
      cairo_rectangle (cr, -2000, st->floor_y, 6000, 2000);
      set_color (cr, &pal->ground);
      cairo_fill (cr);
      cairo_move_to (cr, -2000, st->floor_y);
      cairo_line_to (cr, 4000, st->floor_y);
      set_color (cr, &pal->ground_line);
      cairo_set_line_width (cr, 2 * lw);
      cairo_stroke (cr);
      break;

    case SOLEUS_POSTURE_SITTING:
      {
        Pt h = st->hip_pos;
        double seat = h.y + K * 9.2;

        cairo_rectangle (cr, -2000, st->floor_y, 6000, 2000);
        set_color (cr, &pal->ground);
        cairo_fill (cr);
        cairo_move_to (cr, -2000, st->floor_y);
        cairo_line_to (cr, 4000, st->floor_y);
        set_color (cr, &pal->ground_line);
        cairo_set_line_width (cr, 2 * lw);
        cairo_stroke (cr);

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

static gboolean target_is_vector (cairo_t *cr);

static void
draw_static (SoleusScene      *self,
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
  if (target_is_vector (cr))
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

  if (self->show_legend)
    draw_legend (self, cr, pal);

  draw_insets_static (self, cr, fs);
}

/* ---------------------------------------------------------------------- */
/* The moving layer */

static Pt
heart_center (const FrameState *fs)
{
  return pose_pt (&fs->pose, F_TORSO, 3.5, -43.0);
}

static Pt
label_anchor_point (const FrameState *fs,
                    int               label)
{
  const Pose *p = &fs->pose;

  switch (label)
    {
    case L_HEART:
      return pose_pt (p, F_TORSO, 7.5, -45.0);
    case L_IVC:
      return path_at (&fs->path[P_ABD_IVC], 0.5, NULL);
    case L_FEMORAL:
      return path_at (&fs->path[P_FEMORAL], 0.45, NULL);
    case L_VALVE:
      return valve_center (fs, SOLEUS_VALVE_FEMORAL, NULL);
    case L_SAPHENOUS:
      return path_at (&fs->path[P_SAPH_THIGH], 0.55, NULL);
    case L_POPLITEAL:
      return path_at (&fs->path[P_POPLITEAL], 0.35, NULL);
    case L_GASTROC:
      return pose_pt (p, F_SHANK, -7.6, 10.0);
    case L_SOLEUS:
      return pose_pt (p, F_SHANK, -5.6, 26.0);
    case L_DEEP:
      return path_at (&fs->path[P_CALF_UPPER], 0.3, NULL);
    case L_PERFORATOR:
      return path_at (&fs->path[P_PERFORATOR], 0.3, NULL);
    case L_ANKLE:
      return pose_pt (p, F_SHANK, 3.2 + fs->shape.swell_cm, 38.0);
    case L_PLANTAR:
      return pose_pt (p, F_FOOT, -6.6, 6.0);
    default:
      return pt (0, 0);
    }
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
  path_spline (cr, band, 2 * n, TRUE);
  set_color (cr, color);
  cairo_fill (cr);
}

static void
draw_torso (SoleusScene *self,
            cairo_t     *cr,
            FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  Pt pts[MAX_OUTLINE];
  int n = torso_outline (p, pts);

  path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->skin);
  cairo_fill (cr);
  {
    const Frame *fr[6];

    for (int i = 0; i < 6; i++)
      fr[i] = &p->f[F_TORSO];
    draw_shade_band (cr, pts + 22, fr, 6, 2.6, &pal->skin_shade);
  }
  path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->skin_line);
  cairo_set_line_width (cr, fs->lw * 1.4);
  cairo_stroke (cr);
  part_add_pts (self, PART_TORSO, pts, n, 0);

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

    path_spline (cr, d, 4, FALSE);
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

        path_spline (cr, r, 3, FALSE);
      }
    cairo_set_line_width (cr, fs->lw * 1.6);
    cairo_stroke (cr);
  }
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

/* The heart seen from the right: the right atrium (where the vena cava
 * enters) and the right ventricle in the venous colour, the left heart and
 * the aorta behind them, pale. It beats with the snapshot's heart phase:
 * the atrium contracts first, then the ventricles. */
static void
draw_heart (SoleusScene *self,
            cairo_t     *cr,
            FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  Pt c = heart_center (fs);
  Pt u = p->f[F_TORSO].u;
  double rot = atan2 (u.y, u.x) - G_PI / 2;
  double ph = fs->heart_phase;
  /* atrial contraction 0-0.12 of the beat, ventricular 0.14-0.45 */
  double atrial = ph < 0.12 ? sin (G_PI * ph / 0.12) : 0;
  double vent = (ph > 0.14 && ph < 0.45) ? sin (G_PI * (ph - 0.14) / 0.31) : 0;
  double sv = 1.0 - 0.08 * vent;
  double sa = 1.0 - 0.15 * atrial;
  double w = fs->lw / K;
  static const double aorta[] = { 0.8, -3.0, 0.6, -10.5, -5.6, -10.5, -5.8, -2.0 };
  static const double pulm[] = { 3.2, -2.6, 3.4, -6.4, 2.0, -8.2, 0.2, -8.6 };
  static const double svc[] = { -3.4, -1.5, -3.6, -5.0, -3.7, -8.0, -3.8, -11.0 };

  cairo_save (cr);
  cairo_translate (cr, c.x, c.y);
  cairo_rotate (cr, rot);
  cairo_scale (cr, K, K);
  /* In this frame +x is toward the front of the body and +y down along it. */

  tube (cr, aorta, 4, 2.3, w, &pal->heart_left, &pal->heart_line);
  tube (cr, svc, 4, 1.7, w, &pal->vein, &pal->vein_wall);

  cairo_save (cr);
  cairo_translate (cr, 1.5, 1.5);
  cairo_scale (cr, sv, sv);
  cairo_translate (cr, -1.5, -1.5);

  tube (cr, pulm, 4, 1.9, w, &pal->heart, &pal->heart_line);

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

  part_add_pt (self, PART_HEART, pt_add (c, pt_mul (u, K * -1.0)), K * 9.0);
}

static void
draw_far_leg (cairo_t    *cr,
              FrameState *fs)
{
  Pt pts[MAX_OUTLINE];
  Shape plain = { 0 };
  int n;

  if (!fs->have_far)
    return;

  n = leg_outline (&fs->far_pose, &plain, pts);
  path_spline (cr, pts, n, TRUE);
  {
    SoleusColor c = blend_over (&fs->pal->skin_far, &fs->pal->background);
    set_color (cr, &c);
  }
  cairo_fill (cr);
}

static void
draw_treadmill (cairo_t    *cr,
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

static void
draw_leg (SoleusScene *self,
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
  n = leg_outline (p, &fs->shape, pts);
  leg_outline (p, &plain, plain_pts);

  /* Swelling: the band between the normal and the swollen outline, tinted,
   * with the normal outline dashed so the extra width reads as shape. Two
   * opaque fills, no clip: clipping to a path costs a mask per frame. */
  if (fs->shape.swell_cm > 0.25)
    {
      SoleusColor tint = blend_over (&pal->swelling, &pal->skin);
      double dash[] = { 5, 5 };

      path_spline (cr, pts, n, TRUE);
      set_color (cr, &tint);
      cairo_fill (cr);
      path_spline (cr, plain_pts, n, TRUE);
      set_color (cr, &pal->skin);
      cairo_fill (cr);

      path_spline (cr, plain_pts + 9, 5, FALSE);
      path_spline (cr, plain_pts + 23, 4, FALSE);
      cairo_set_dash (cr, dash, 2, 0);
      set_color (cr, &pal->skin_line);
      cairo_set_line_width (cr, fs->lw);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      path_spline (cr, pts, n, TRUE);
      set_color (cr, &pal->skin);
      cairo_fill (cr);
    }

  {
    const Frame *fr[11];

    for (int i = 0; i < 11; i++)
      fr[i] = &p->f[i < 6 ? F_SHANK : i == 6 ? F_KNEE : F_THIGH];
    draw_shade_band (cr, pts + 25, fr, 11, 2.2, &pal->skin_shade);
  }

  /* the outline, left open where the thigh joins the torso */
  path_spline (cr, pts + 1, n - 2, FALSE);
  set_color (cr, &pal->skin_line);
  cairo_set_line_width (cr, fs->lw * 1.4);
  cairo_stroke (cr);

  part_add_pts (self, PART_LEG, pts, n, 0);
  part_add_pts (self, PART_THIGH, pts, 6, 0);
  part_add_pts (self, PART_THIGH, pts + 31, n - 31, 0);
  part_add_pts (self, PART_CALF, pts + 6, 5, 0);
  part_add_pts (self, PART_CALF, pts + 24, 7, 0);
  part_add_pts (self, PART_FOOT, pts + 11, 14, 0);
  part_add_pts (self, PART_ANKLE, pts + LEG_ANKLE_FIRST, 3, 0);
  part_add_pts (self, PART_ANKLE, pts + 23, 4, 0);

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

    path_spline (cr, femur, G_N_ELEMENTS (femur), TRUE);
    path_spline (cr, tibia, G_N_ELEMENTS (tibia), TRUE);
    path_spline (cr, foot, G_N_ELEMENTS (foot), TRUE);
    {
      SoleusColor bone = blend_over (&pal->bone, &pal->skin);

      set_color (cr, &bone);
    }
    cairo_fill (cr);
  }

  /* soleus, Achilles tendon, then the gastrocnemius over them */
  n = soleus_outline (p, &fs->shape, fs->activation, pts);
  path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->muscle);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->muscle_line);
  cairo_set_line_width (cr, fs->lw);
  cairo_stroke (cr);
  part_add_pts (self, PART_SOLEUS, pts, n, 0);

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

    path_spline (cr, tendon, 3, FALSE);
    set_color (cr, &pal->tendon);
    cairo_set_line_width (cr, K * 1.1);
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
    cairo_stroke_preserve (cr);
    cairo_new_path (cr);
  }

  n = gastroc_outline (p, &fs->shape, fs->activation, pts);
  path_spline (cr, pts, n, TRUE);
  set_color (cr, &pal->muscle_over);
  cairo_fill_preserve (cr);
  set_color_alpha (cr, &pal->muscle_line, 0.6);
  cairo_set_line_width (cr, fs->lw);
  cairo_stroke (cr);
  part_add_pts (self, PART_GASTROCNEMIUS, pts, n, 0);
}

static void
draw_veins (SoleusScene *self,
            cairo_t     *cr,
            FrameState  *fs)
{
  const SoleusPaletteColors *pal = fs->pal;
  const Pose *p = &fs->pose;
  double wall = fs->lw * 1.3;
  double sinus_fill = sqrt (path_fill (fs->snap, P_CALF_UPPER));
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

      spline_sample (pts, 4, &plexus[k]);
      plexus[k].width = fs->path[P_PLANTAR].width * 0.55;
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* walls first, all of them, then the lumens: junctions merge cleanly */
  for (int pass = 0; pass < 2; pass++)
    {
      for (int k = 0; k < 2; k++)
        {
          draw_vessel_stroke (cr, &plexus[k]);
          set_color (cr, pass == 0 ? &pal->vein_wall : &pal->vein);
          cairo_set_line_width (cr, plexus[k].width + (pass == 0 ? 2 * wall : 0));
          cairo_stroke (cr);
        }

      for (int s = 0; s < 2; s++)
        {
          cairo_save (cr);
          cairo_translate (cr, sinus_c[s].x, sinus_c[s].y);
          cairo_rotate (cr, su_ang);
          cairo_scale (cr, sinus_ry + (pass == 0 ? wall : 0), sinus_rx + (pass == 0 ? wall : 0));
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          set_color (cr, pass == 0 ? &pal->vein_wall : &pal->vein);
          cairo_fill (cr);
        }

      for (int i = 0; i < N_PATHS; i++)
        {
          const PathGeom *g = &fs->path[i];
          const SoleusColor *lumen = path_defs[i].superficial ? &pal->vein_superficial : &pal->vein;

          draw_vessel_stroke (cr, g);
          set_color (cr, pass == 0 ? &pal->vein_wall : lumen);
          cairo_set_line_width (cr, g->width + (pass == 0 ? 2 * wall : 0));
          cairo_stroke (cr);
        }
    }

  for (int i = 0; i < N_PATHS; i++)
    part_add_pts (self, N_BODY_PARTS + i, fs->path[i].p, fs->path[i].n,
                  fs->path[i].width / 2 + wall);
  part_add_pts (self, PART_PLANTAR_PLEXUS, plexus[0].p, plexus[0].n, plexus[0].width);
  part_add_pts (self, PART_PLANTAR_PLEXUS, plexus[1].p, plexus[1].n, plexus[1].width);
}

/* A cell's outline: a hexagon is round enough at 3-8 pixels. */
#define CELL_SIDES 6
static const double cell_shape[CELL_SIDES][2] = {
  { 1, 0 }, { 0.5, 0.8660 }, { -0.5, 0.8660 }, { -1, 0 }, { -0.5, -0.8660 }, { 0.5, -0.8660 },
};

static Pt
cell_position (const PathGeom *g,
               const Cell     *cell,
               double          half,
               Pt             *dir)
{
  Pt at = path_at (g, cell->s, dir);

  return pt_add (at, pt_mul (pt_perp (*dir), cell->lat * half));
}

/* Denser cells are smaller, so the lumen holds them: the area they cover
 * grows only with the square root of the density. */
static double
cell_radius (const SoleusScene *self)
{
  return K * 0.48 / pow (self->cell_density, 0.25);
}

static void
draw_cells (SoleusScene *self,
            cairo_t     *cr,
            FrameState  *fs)
{
  double r = cell_radius (self);

  if (!self->show_cells)
    return;

  for (int i = 0; i < N_PATHS; i++)
    {
      const PathGeom *g = &fs->path[i];
      double half = MAX (g->width / 2 - r * 0.9, 0);

      for (int c = 0; c < self->n_cells[i]; c++)
        {
          Pt d;
          Pt at = cell_position (g, &self->cells[i][c], half, &d);

          /* a flattened disc, edge-on to the flow: a hexagon is round at
           * this size and much cheaper than arcs */
          {
            Pt a = pt_mul (d, r * 0.65);
            Pt b = pt_mul (pt_perp (d), r);

            cairo_move_to (cr, at.x + a.x, at.y + a.y);
            for (int k = 1; k < CELL_SIDES; k++)
              {
                double co = cell_shape[k][0], sn = cell_shape[k][1];
                cairo_line_to (cr, at.x + a.x * co + b.x * sn, at.y + a.y * co + b.y * sn);
              }
            cairo_close_path (cr);
          }
        }
    }
  set_color (cr, &fs->pal->cell);
  cairo_fill (cr);
}

static void
draw_valves (SoleusScene *self,
             cairo_t     *cr,
             FrameState  *fs)
{
  const SoleusSnapshot *s = fs->snap;

  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      const ValveDef *def = &valve_defs[v];
      const PathGeom *g = &fs->path[def->path];
      const SoleusValveState *vs = &s->valve[v];
      Pt d;
      Pt c = path_at (g, def->at, &d);
      double r = MAX (g->width / 2 * 1.2, K * 0.75);
      double open = isfinite (vs->open) ? clampd (vs->open, 0, 1) : 1;
      double leak = isfinite (vs->leak) ? MAX (vs->leak, 0) : 0;
      double flow = isfinite (vs->flow_ml_s) ? vs->flow_ml_s : 0;

      draw_valve (cr, fs->pal, c, d, r, open, leak, flow, fs->lw);
      part_add_pt (self, N_BODY_PARTS + N_PATHS + v, c, r * 1.9);
    }
}

/* One chevron in each large vein pointing the way the blood goes: toward
 * the heart in the vein colour, away from it in the leak colour and bolder,
 * so reflux reads by direction and shape, not colour alone. */
static void
draw_flow_marks (cairo_t    *cr,
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
          double v = path_velocity (fs->snap, paths[i]);
          double size = MAX (g->width * 0.42, K * 0.45);
          Pt d, c, m;

          if (fabs (v) < 4.0 || (v < 0) != back)
            continue;
          c = path_at (g, paths[i] == P_SAPH_CALF ? 0.62 : 0.42, &d);
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

static void
draw_squeeze (cairo_t    *cr,
              FrameState *fs)
{
  const SoleusSnapshot *s = fs->snap;
  const Pose *p = &fs->pose;
  double calf = isfinite (s->soleus_pressure_mmhg) ? clampd (s->soleus_pressure_mmhg / 150, 0, 1) : 0;
  double sole = isfinite (s->plantar_squeeze_mmhg) ? clampd (s->plantar_squeeze_mmhg / 100, 0, 1) : 0;
  double b = fs->shape.bulge_cm - fs->shape.thin_cm;

  set_color (cr, &fs->pal->squeeze);

  if (calf > 0.15)
    {
      for (int i = 0; i < 2; i++)
        {
          double l = 13.0 + i * 8.0;
          Pt to = pose_pt (p, F_SHANK, -10.2 - b, l);
          Pt from = pose_pt (p, F_SHANK, -10.2 - b - 2.0 - 3.5 * calf, l);

          draw_arrow (cr, from, to, K * (0.35 + 0.3 * calf), K * (0.9 + 0.6 * calf));
        }
    }

  if (sole > 0.08)
    {
      for (int i = 0; i < 2; i++)
        {
          double l = 2.5 + i * 7.5;
          Pt to = pose_pt (p, F_FOOT, -7.7, l);
          Pt from = pose_pt (p, F_FOOT, -7.7 - 1.6 - 2.6 * sole, l);

          draw_arrow (cr, from, to, K * (0.3 + 0.25 * sole), K * (0.8 + 0.5 * sole));
        }
    }
}

static void
draw_leaders (SoleusScene *self,
              cairo_t     *cr,
              FrameState  *fs)
{
  if (!self->show_labels || !self->labels_valid)
    return;

  for (int i = 0; i < N_LABELS; i++)
    {
      Pt a = label_anchor_point (fs, i);
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

/* ---------------------------------------------------------------------- */
/* Close-ups of two valves, magnified about eight times */

static const char *
inset_caption (int valve)
{
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

static void
draw_insets_static (SoleusScene      *self,
                    cairo_t          *cr,
                    const FrameState *fs)
{
  const SoleusPaletteColors *pal = fs->pal;

  for (int k = 0; k < N_INSETS; k++)
    {
      double cy = inset_cy[k];
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
      draw_arrow (cr, pt (INSET_CX + r * 2.6, cy + INSET_R * 0.45),
                  pt (INSET_CX + r * 2.6, cy - INSET_R * 0.45), fs->lw * 2, 9);
      cairo_restore (cr);

      cairo_arc (cr, INSET_CX, cy, INSET_R, 0, 2 * G_PI);
      set_color (cr, &pal->panel_line);
      cairo_set_line_width (cr, fs->lw * 2);
      cairo_stroke (cr);

      if (!self->show_labels)
        continue;

      layout = make_layout (self, cr, 15, FALSE);
      pango_layout_set_width (layout, (int) (2 * (INSET_R + 20) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_text (layout, tr (self, inset_caption (self->inset_valve[k])), -1);
      pango_layout_get_size (layout, &w, &h);
      cairo_move_to (cr, INSET_CX - INSET_R - 20, cy + INSET_R + 8);
      set_color (cr, &pal->text);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

static Pt
valve_center (const FrameState *fs,
              int               valve,
              Pt               *dir)
{
  const ValveDef *def = &valve_defs[valve];

  return path_at (&fs->path[def->path], def->at, dir);
}

static double
inset_velocity (const SoleusSnapshot *s,
                int                   valve)
{
  /* the valve's flow over the lumen of a 1.2 cm vein (1.1 cm^2), slowed
   * four times so single cells can be followed at the magnification */
  double f = s->valve[valve].flow_ml_s;

  if (!isfinite (f))
    f = 0;
  return clampd (f / 1.1, -60, 60) / 4.0;
}

static void
draw_insets (SoleusScene *self,
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
      double cy = inset_cy[k];
      double r = INSET_R * 0.26;
      double open = isfinite (vs->open) ? clampd (vs->open, 0, 1) : 1;
      double leak = isfinite (vs->leak) ? MAX (vs->leak, 0) : 0;
      double flow = isfinite (vs->flow_ml_s) ? vs->flow_ml_s : 0;
      Pt c = pt (INSET_CX, cy);
      Pt target = valve_center (fs, v, NULL);
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
                cairo_line_to (cr, x + cell_r * cell_shape[j][0], y + cell_r * 0.6 * cell_shape[j][1]);
              cairo_close_path (cr);
            }
          set_color (cr, &pal->cell);
          cairo_fill (cr);
        }
      /* the valve over the cells: they pass behind its sinus */
      draw_valve (cr, pal, pt (INSET_CX, cy), pt (0, -1), r, open, leak, flow, lw * 1.8);
    }
}

static void
advect_inset_cells (SoleusScene          *self,
                    const SoleusSnapshot *s,
                    double                dt)
{
  for (int k = 0; k < N_INSETS; k++)
    {
      int v = self->inset_valve[k];
      double vel = inset_velocity (s, v);
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

static void
seed_inset_cells (SoleusScene *self)
{
  for (int k = 0; k < N_INSETS; k++)
    for (int i = 0; i < N_INSET_CELLS; i++)
      {
        guint32 h = (guint32) (k * 92821 + i * 68917 + 17);

        self->inset_cells[k][i].s = (float) ((i + hash01 (h)) / N_INSET_CELLS);
        self->inset_cells[k][i].lat = (float) (hash01 (h ^ 0x9e3779b9U) * 2.0 - 1.0);
      }
}

/* ---------------------------------------------------------------------- */
/* Cells */

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
  seed_inset_cells (self);
}

static void
alloc_cells (SoleusScene *self)
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
      int n = (int) ceil (length_cm[i] * path_defs[i].d0_cm * 0.85 * self->cell_density);

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
      double v_out = path_velocity (s, i);
      double v_in = path_defs[i].upstream >= 0 ? path_velocity (s, path_defs[i].upstream) : v_out;

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

/* ---------------------------------------------------------------------- */
/* Public API */

static void
init_part_names (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < N_BODY_PARTS; i++)
        all_part_names[i] = body_part_names[i];
      for (int i = 0; i < N_PATHS; i++)
        all_part_names[N_BODY_PARTS + i] = path_defs[i].part;
      for (int i = 0; i < SOLEUS_N_VALVES; i++)
        all_part_names[N_BODY_PARTS + N_PATHS + i] = valve_defs[i].part;
      all_part_names[N_PARTS] = NULL;
      g_once_init_leave (&done, 1);
    }
}

SoleusScene *
soleus_scene_new (void)
{
  SoleusScene *self = g_new0 (SoleusScene, 1);

  self->palette = SOLEUS_PALETTE_LIGHT;
  self->scale_factor = 1.0;
  self->use_cache = TRUE;
  self->show_labels = TRUE;
  self->show_legend = TRUE;
  self->show_cells = TRUE;
  self->cache_posture = -1;
  self->inset_valve[0] = SOLEUS_VALVE_POPLITEAL;
  self->inset_valve[1] = SOLEUS_VALVE_CALF_LOWER;

  init_part_names ();

  self->cell_density = 1.0;
  alloc_cells (self);

  return self;
}

void
soleus_scene_free (SoleusScene *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->cache, cairo_surface_destroy);
  clear_label_sprites (self);
  for (int i = 0; i < N_PATHS; i++)
    g_free (self->cells[i]);
  g_free (self->font);
  g_free (self);
}

static void
invalidate_cache (SoleusScene *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  clear_label_sprites (self);
  self->labels_valid = FALSE;
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
  invalidate_cache (self);
}

SoleusPalette
soleus_scene_get_palette (SoleusScene *self)
{
  g_return_val_if_fail (self != NULL, SOLEUS_PALETTE_LIGHT);

  return self->palette;
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

  if (self->inset_valve[0] == (int) first && self->inset_valve[1] == (int) second)
    return;
  self->inset_valve[0] = first;
  self->inset_valve[1] = second;
  seed_inset_cells (self);
  /* the captions are in the cached layer */
  invalidate_cache (self);
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

static gboolean
target_is_vector (cairo_t *cr)
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

static int
legs_key (const FrameState *fs)
{
  if (fs->st.posture != SOLEUS_POSTURE_LEGS_UP)
    return 0;
  return (int) lround (fs->st.hip) * 1000 + (int) lround (fs->st.knee);
}

static void
apply_fit (cairo_t *cr,
           double   scale,
           double   ox,
           double   oy)
{
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
}

static void
paint_static_cached (SoleusScene      *self,
                     cairo_t          *cr,
                     const FrameState *fs,
                     double            width,
                     double            height)
{
  double sx = 1, sy = 1;
  int pw, ph;
  int flags = (self->show_labels ? 1 : 0) | (self->show_legend ? 2 : 0);

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
      self->cache_flags != flags || self->cache_legs_key != legs_key (fs))
    {
      cairo_t *cc;

      g_clear_pointer (&self->cache, cairo_surface_destroy);
      self->cache = cairo_surface_create_similar_image (cairo_get_target (cr),
                                                        CAIRO_FORMAT_RGB24, pw, ph);
      cc = cairo_create (self->cache);
      cairo_scale (cc, sx, sy);
      apply_fit (cc, self->fit_scale, self->fit_x, self->fit_y);
      draw_static (self, cc, fs);
      if (self->show_labels)
        {
          layout_labels (self, cc, fs);
          build_label_sprites (self, cr, fs, sx, sy);
        }
      cairo_destroy (cc);
      cairo_surface_flush (self->cache);

      self->cache_w = pw;
      self->cache_h = ph;
      self->cache_posture = fs->st.posture;
      self->cache_palette = self->palette;
      self->cache_flags = flags;
      self->cache_legs_key = legs_key (fs);
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

  soleus_scene_advance (self, snapshot);

  fs = g_new (FrameState, 1);
  compute_frame (self, snapshot, fs);

  self->fit_scale = MIN (width / SOLEUS_SCENE_WIDTH, height / SOLEUS_SCENE_HEIGHT);
  self->fit_x = (width - SOLEUS_SCENE_WIDTH * self->fit_scale) / 2;
  self->fit_y = (height - SOLEUS_SCENE_HEIGHT * self->fit_scale) / 2;

  cairo_save (cr);

  vector = !self->use_cache || target_is_vector (cr);
  if (vector)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
      cairo_save (cr);
      apply_fit (cr, self->fit_scale, self->fit_x, self->fit_y);
      draw_static (self, cr, fs);
      if (self->show_labels)
        layout_labels (self, cr, fs);
      cairo_restore (cr);
    }
  else
    {
      paint_static_cached (self, cr, fs, width, height);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
    }

  cairo_save (cr);
  apply_fit (cr, self->fit_scale, self->fit_x, self->fit_y);
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

  part_reset (self);
  memcpy (self->last_path, fs->path, sizeof self->last_path);
  for (int i = 0; i < N_PATHS; i++)
    {
      self->last_v_out[i] = path_velocity (snapshot, i);
      self->last_v_in[i] = path_defs[i].upstream >= 0
                           ? path_velocity (snapshot, path_defs[i].upstream) : self->last_v_out[i];
    }
  for (int k = 0; k < N_INSETS; k++)
    self->last_inset_v[k] = inset_velocity (snapshot, self->inset_valve[k]);
  draw_treadmill (cr, fs);
  draw_far_leg (cr, fs);
  draw_torso (self, cr, fs);
  draw_leg (self, cr, fs);
  draw_veins (self, cr, fs);
  draw_heart (self, cr, fs);
  draw_cells (self, cr, fs);
  draw_valves (self, cr, fs);
  draw_flow_marks (cr, fs);
  draw_squeeze (cr, fs);
  draw_insets (self, cr, fs);
  draw_leaders (self, cr, fs);
  cairo_restore (cr);

  draw_labels (self, cr, fs, vector);

  cairo_restore (cr);

  self->have_geometry = TRUE;
  g_free (fs);
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
          double y = inset_cy[k] + INSET_R - cell->s * 2 * INSET_R;
          double x = INSET_CX + cell->lat * ir * 0.6;
          double half = sqrt (MAX (INSET_R * INSET_R - (x - INSET_CX) * (x - INSET_CX), 0)) - cell_r;

          if (fabs (y - inset_cy[k]) > half)
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
  init_part_names ();

  return all_part_names;
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
  alloc_cells (self);
}
