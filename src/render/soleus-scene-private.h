/* soleus-scene-private.h: the scene painter's internals, shared by its files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <math.h>

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "soleus-model.h"
#include "soleus-palette.h"
#include "soleus-scene.h"

G_BEGIN_DECLS

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

typedef struct
{
  const char *part;
  int         path;
  double      at;        /* fraction of the path's length */
} ValveDef;

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

typedef struct
{
  double x, y, w, h;   /* text box, logical */
  Pt     attach;       /* where the leader line leaves the box */
  int    side;         /* Side: where it went, its own or the other */
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

/* ---------------------------------------------------------------------- */
/* Blood cells */

typedef struct
{
  float s;     /* position along the path, 0..1 */
  float lat;   /* lateral place in the lumen, -1..1 */
} Cell;

#define N_INSETS 2
#define N_INSET_CELLS 16

typedef struct
{
  double swell_cm;      /* extra width at the ankle, each side */
  double bulge_cm;      /* soleus / gastrocnemius bulge with activation */
  double thin_cm;       /* wasting */
  double arch_drop_cm;  /* the arch flattens under load */
  double fat;           /* body fat from the BMI: 0 at the reference
                         * subject (BMI 24.5), about 1.2 at 150 kg */
  double fat_back;      /* the fat on the back of the body: less lying
                         * down, where the bed flattens it */
  double iap_squash;    /* 0 .. 1: how hard the belly presses on the
                         * abdominal vena cava (IAP above normal) */
  double varicose;      /* 0 .. 1: the model's varicose dilation */
  double obstruction;   /* 0 .. 1: the outflow obstruction */
  double skin_change;   /* 0 .. 1: brown skin at the ankle */
  double female;        /* 0 male, 1 female: the outline of the hips,
                         * thigh, calf and chest */
} Shape;

/* What the torso's picture depends on, but for its place in whole device
 * pixels (soleus_scene_paint_torso ()). Compared with memcmp: cleared
 * before filling. */
typedef struct
{
  double ux, uy, nx, ny, ls;   /* the torso's frame */
  double sx, sy;               /* device pixels per logical unit */
  double lw;
  double phase_x, phase_y;     /* the origin's place within its pixel */
  int    palette;
  int    skin_tone;
  int    posture;
  double controls[SOLEUS_N_PARAMS];
  Shape  shape;
} TorsoKey;

/* Sprites of the torso kept (the place within a pixel is in the key):
 * enough for the TORSO_STEPS places a walking torso takes. */
#define TORSO_STEPS 8
#define N_TORSO_SPRITES (TORSO_STEPS + 1)

typedef struct
{
  cairo_surface_t *surface;
  TorsoKey         key;
  int              x0;   /* the sprite's corner from the torso's pixel */
  int              y0;
} TorsoSprite;

/* The gait tag's text as sprites, one per text it shows: a walk cycles
 * through four. */
#define N_GAIT_TAG_SPRITES 6

typedef struct
{
  cairo_surface_t *surface;
  const char      *text;     /* untranslated, as gait_tag_text () gives it */
  double           key[3];   /* its size, logical; logical units to pixels */
  double           w, h;     /* the tag, logical */
  int              margin;   /* pixels round the tag in the sprite */
} GaitTagSprite;

struct _SoleusScene
{
  /* Options */
  SoleusPalette         palette;
  SoleusSkinTone        skin_tone;
  SoleusFigure          figure;
  SoleusPaletteColors   colors;         /* the palette in the skin tone */
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
  gboolean              label_shown[N_LABELS];
  double                label_size;     /* logical units */
  double                min_label_px;   /* device-independent pixels */
  gboolean              labels_valid;
  gboolean              legend_collapsed;
  gboolean              crop;           /* the figure and labels only */
  /* Set by the fit: an output too small for the legend and the close-ups
   * at a readable size shows the figure and its labels alone, as large as
   * they go. */
  gboolean              compact;
  double                content[4];     /* the fitted box, logical */
  double                legend_h;
  double                legend_x;       /* the panel's left edge */
  double                legend_w;
  /* Legend and close-up captions: their text size, logical, and the
   * smallest it may be in pixels of the output (the labels' minimum) */
  double                text_size;
  double                text_min_px;
  double                caption_h[2];   /* each caption's height */
  double                layout_key[5];  /* width, height, posture, legs, story */
  int                   label_order[N_LABELS];   /* by priority */
  int                   label_limit;    /* how many of them may be shown */
  gboolean              one_side;       /* all labels behind the body */
  cairo_surface_t      *label_sprite[N_LABELS];
  int                   sprite_x[N_LABELS];   /* device pixels */
  int                   sprite_y[N_LABELS];
  double                sprite_sx;
  double                sprite_sy;

  /* The torso, drawn once per place within a pixel and moved by whole
   * pixels (soleus-scene-cache.c) */
  TorsoSprite           torso[N_TORSO_SPRITES];
  guint                 torso_next;    /* the slot to draw into next */
  cairo_surface_t      *torso_null;    /* 1x1, for the bookkeeping of a reuse */
  GaitTagSprite         gait_tag[N_GAIT_TAG_SPRITES];
  guint                 gait_tag_next; /* the slot to draw into next */

  /* Close-ups of two valves */
  int                   inset_valve[N_INSETS];
  gboolean              inset_auto;   /* follow the leakiest valves */
  int                   pinned_valve; /* held in a close-up, or -1 */
  Cell                  inset_cells[N_INSETS][N_INSET_CELLS];

  /* Blood cells */
  Cell                 *cells[N_PATHS];
  int                   n_cells[N_PATHS];
  gboolean              have_time;
  double                last_time_s;
  guint64               last_step;
  /* Their coverage on image targets, by angle and eighth of a pixel, each
   * built when first used, for cells of cell_sprite_r pixels */
  guint8              **cell_sprites;
  int                   cell_sprite_angles;
  int                   cell_sprite_size;
  double                cell_sprite_r;

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

/* The close-ups sit in a column at the right edge, under the legend. */
#define INSET_CX 1488.0
#define INSET_R  88.0
#define LABEL_MAX_X (INSET_CX - INSET_R - 24.0)
/* The legend, folded to its title or not, stands in a column right of the
 * close-ups and their captions, at least here; its rows wrapped at
 * LEGEND_WRAP_EM of their size. */
#define LEGEND_COLUMN_X 1616.0
#define LEGEND_Y 22.0
#define LEGEND_TITLE_SIZE 20.0
#define LEGEND_ROW_SIZE 18.0
#define LEGEND_WRAP_EM 10.0
#define LEGEND_SYMBOL_W 96.0
/* The close-ups' captions: above the upper close-up, below the lower one,
 * from the close-ups' left (right of every label) and wrapped at
 * CAPTION_MIN_W, or CAPTION_WRAP_EM of their size when that is wider. */
#define CAPTION_X (INSET_CX - INSET_R - 20.0)
#define CAPTION_MIN_W (2 * (INSET_R + 20.0))
#define CAPTION_WRAP_EM 8.0
#define CAPTION_GAP 8.0

static inline double
scene_caption_w (const SoleusScene *self)
{
  return MAX (CAPTION_MIN_W, CAPTION_WRAP_EM * self->text_size);
}

/* Labels: a thirtieth of the picture's height, never under 14 pixels
 * (unless told otherwise), wrapped at about 13 of their heights. */
#define LABEL_SIZE 34.0
#define LABEL_MIN_PX 14.0
#define LABEL_WRAP_EM 13.0
/* In a compact picture, labels wrap sooner: narrower columns leave the
 * figure more of a narrow output's width. */
#define LABEL_WRAP_EM_COMPACT 9.0
/* A compact picture keeps at least this many labels, and drops more only
 * while the figure is under this share of its size without labels. */
#define COMPACT_MIN_LABELS 3
#define COMPACT_FIGURE_SHARE 0.7

static inline double
scene_label_wrap_em (const SoleusScene *self)
{
  return self->compact ? LABEL_WRAP_EM_COMPACT : LABEL_WRAP_EM;
}
/* Words in the picture are at least a share of the output: this many
 * pixels at 1920 x 1080 (and never under the smallest label). */
#define TEXT_SHARE_PX 28.0
/* ... but the legend and the captions at most this size, logical (2.5
 * times the legend's own), scaled up as the window asks for larger labels
 * than LABEL_MIN_PX: in a thumbnail they would crowd out the leg. */
#define TEXT_MAX_SIZE 45.0

/* Cropped to the body, or too small for them, the picture has neither
 * legend nor close-ups, and fits the figure and its labels alone. */
static inline gboolean
scene_cropped (const SoleusScene *self)
{
  return self->crop || self->compact;
}

static inline gboolean
scene_legend_shown (const SoleusScene *self)
{
  return self->show_legend && !scene_cropped (self);
}

static inline gboolean
scene_insets_shown (const SoleusScene *self)
{
  return !scene_cropped (self);
}

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

static inline double
deg2rad (double d)
{
  return d * G_PI / 180.0;
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

static inline void
set_color (cairo_t           *cr,
           const SoleusColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static inline void
set_color_alpha (cairo_t           *cr,
                 const SoleusColor *c,
                 double             alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
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

/* ---------------------------------------------------------------------- */
/* Body shape */


#define MAX_OUTLINE 48

#define LEG_ANKLE_FIRST 9
#define LEG_ANKLE_LAST  27

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

/* A cell's outline: a hexagon is round enough at 3-8 pixels. */
#define CELL_SIDES 6

extern const PathDef soleus_scene_path_defs[N_PATHS];
extern const ValveDef soleus_scene_valve_defs[SOLEUS_N_VALVES];
extern const double soleus_scene_inset_cy[N_INSETS];
extern const double soleus_scene_cell_shape[CELL_SIDES][2];

/* soleus-scene-geometry.c */
void
soleus_scene_path_spline (cairo_t  *cr,
                          const Pt *p,
                          int       n,
                          gboolean  closed);

void
soleus_scene_spline_sample (const Pt *p,
                            int       n,
                            PathGeom *g);

Pt
soleus_scene_path_at (const PathGeom *g,
                      double          frac,
                      Pt             *dir);

void
soleus_scene_pose_build (Pose     *p,
                         Pt        hip_pos,
                         double    torso_phi,
                         double    hip,
                         double    knee,
                         double    ankle,
                         gboolean  loaded);

int
soleus_scene_leg_outline (const Pose  *p,
                          const Shape *sh,
                          Pt          *out);

int
soleus_scene_torso_outline (const Pose *p,
                            Pt         *out);

int
soleus_scene_torso_outline_shaped (const Pose  *p,
                                   const Shape *sh,
                                   Pt          *out);

int
soleus_scene_soleus_outline (const Pose  *p,
                             const Shape *sh,
                             double       activation,
                             Pt          *out);

int
soleus_scene_gastroc_outline (const Pose  *p,
                              const Shape *sh,
                              double       activation,
                              Pt          *out);

double
soleus_scene_path_fill (const SoleusSnapshot *s,
                        int                   path);

double
soleus_scene_path_velocity (const SoleusSnapshot *s,
                            int                   path);

void
soleus_scene_compute_frame (SoleusScene          *self,
                            const SoleusSnapshot *s,
                            FrameState           *fs);

Pt
soleus_scene_heart_center (const FrameState *fs);

Pt
soleus_scene_valve_center (const FrameState *fs,
                           int               valve,
                           Pt               *dir);

/* soleus-scene-parts.c */
void
soleus_scene_part_reset (SoleusScene *self);

void
soleus_scene_part_add_pt (SoleusScene *self,
                          int          part,
                          Pt           p,
                          double       pad);

void
soleus_scene_part_add_pts (SoleusScene *self,
                           int          part,
                           const Pt    *p,
                           int          n,
                           double       pad);

void
soleus_scene_init_part_names (void);

/* soleus-scene-legend.c */
void
soleus_scene_draw_legend (SoleusScene               *self,
                          cairo_t                   *cr,
                          const SoleusPaletteColors *pal);

void
soleus_scene_legend_layout (SoleusScene *self,
                            cairo_t     *cr);

void
soleus_scene_legend_box (SoleusScene *self,
                         double      *box);

/* soleus-scene-labels.c */
const char *
soleus_scene_tr (SoleusScene *self,
                 const char  *text);

PangoLayout *
soleus_scene_make_layout (SoleusScene *self,
                          cairo_t     *cr,
                          double       size,
                          gboolean     bold);

void
soleus_scene_fit_content (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs,
                          double            width,
                          double            height);

void
soleus_scene_layout_labels (SoleusScene      *self,
                            cairo_t          *cr,
                            const FrameState *fs,
                            double            fit_scale);

void
soleus_scene_content_box (SoleusScene      *self,
                          const FrameState *fs,
                          double           *box);

double
soleus_scene_ground_y (const FrameState *fs);

int
soleus_scene_label_story (const SoleusSnapshot *s);

void
soleus_scene_inset_connector (SoleusScene      *self,
                              const FrameState *fs,
                              int               k,
                              Pt               *from,
                              Pt               *to);

gboolean
soleus_scene_segment_hits_box (Pt              a,
                               Pt              b,
                               const LabelBox *lb);

gboolean
soleus_scene_leaders_cross (Pt a,
                            Pt b,
                            Pt c,
                            Pt d);

gboolean
soleus_scene_boxes_overlap (const LabelBox *a,
                            const LabelBox *b);

void
soleus_scene_clear_label_sprites (SoleusScene *self);

void
soleus_scene_clear_gait_tags (SoleusScene *self);

void
soleus_scene_build_label_sprites (SoleusScene      *self,
                                  cairo_t          *target,
                                  const FrameState *fs,
                                  double            sx,
                                  double            sy);

void
soleus_scene_draw_labels (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs,
                          gboolean          vector);

Pt
soleus_scene_label_anchor_point (const FrameState *fs,
                                 int               label);

void
soleus_scene_draw_leaders (SoleusScene *self,
                           cairo_t     *cr,
                           FrameState  *fs);

void
soleus_scene_draw_gait_tag (SoleusScene      *self,
                            cairo_t          *cr,
                            const FrameState *fs,
                            double            width,
                            double            height);

/* soleus-scene-vessels.c */
void
soleus_scene_draw_valve (cairo_t                   *cr,
                         const SoleusPaletteColors *pal,
                         Pt                         c,
                         Pt                         d,
                         double                     r,
                         double                     open,
                         double                     leak,
                         double                     flow_ml_s,
                         double                     lw);

void
soleus_scene_draw_veins (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs);

void
soleus_scene_draw_valves (SoleusScene *self,
                          cairo_t     *cr,
                          FrameState  *fs);

void
soleus_scene_draw_flow_marks (cairo_t    *cr,
                              FrameState *fs);

void
soleus_scene_draw_squeeze (cairo_t    *cr,
                           FrameState *fs);

void
soleus_scene_draw_insets_static (SoleusScene      *self,
                                 cairo_t          *cr,
                                 const FrameState *fs);

void
soleus_scene_measure_captions (SoleusScene *self,
                               cairo_t     *cr);

void
soleus_scene_caption_box (SoleusScene *self,
                          int          k,
                          double      *box);

double
soleus_scene_inset_velocity (const SoleusSnapshot *s,
                             int                   valve);

void
soleus_scene_draw_insets (SoleusScene *self,
                          cairo_t     *cr,
                          FrameState  *fs);

/* soleus-scene-body.c */
void
soleus_scene_draw_arrow (cairo_t *cr,
                         Pt       from,
                         Pt       to,
                         double   width,
                         double   head);

void
soleus_scene_draw_torso (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs);

void
soleus_scene_draw_heart (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs);

void
soleus_scene_draw_far_leg (cairo_t    *cr,
                           FrameState *fs);

void
soleus_scene_draw_treadmill (cairo_t    *cr,
                             FrameState *fs);

void
soleus_scene_draw_leg (SoleusScene *self,
                       cairo_t     *cr,
                       FrameState  *fs);

/* soleus-scene-cache.c */
int
soleus_scene_legs_key (const FrameState *fs);

void
soleus_scene_draw_static (SoleusScene      *self,
                          cairo_t          *cr,
                          const FrameState *fs);

gboolean
soleus_scene_target_is_vector (cairo_t *cr);

void
soleus_scene_apply_fit (cairo_t *cr,
                        double   scale,
                        double   ox,
                        double   oy);

void
soleus_scene_paint_static_cached (SoleusScene      *self,
                                  cairo_t          *cr,
                                  const FrameState *fs,
                                  double            width,
                                  double            height);

void
soleus_scene_paint_torso (SoleusScene *self,
                          cairo_t     *cr,
                          FrameState  *fs,
                          gboolean     vector);

void
soleus_scene_clear_torso (SoleusScene *self);

/* soleus-scene-cells.c */
void
soleus_scene_draw_cells (SoleusScene *self,
                         cairo_t     *cr,
                         FrameState  *fs);

void
soleus_scene_seed_inset_cells (SoleusScene *self);

void
soleus_scene_clear_cell_sprites (SoleusScene *self);

void
soleus_scene_alloc_cells (SoleusScene *self);

G_END_DECLS
