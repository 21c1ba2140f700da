/* soleus-scene.h: the animated leg, painted from a model snapshot
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One SoleusScene per view. soleus_scene_paint() draws a frame of the leg,
 * torso, vena cava and right heart from an immutable SoleusSnapshot into any
 * cairo_t (window, PNG, SVG, PDF, print). The anatomy lives in a logical
 * space of 1600 x 1000 units fitted into the given size without distortion.
 * Everything that does not move (background, torso, furniture, label text,
 * legend) is cached in an image surface that is rebuilt only when the size,
 * the palette, the posture or an option changes; each frame draws only what
 * moves, with flat fills.
 *
 * Blood cells are advected along the vessel centrelines at the snapshot's
 * velocities; painting the same sequence of snapshots gives the same frames.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-model.h"
#include "soleus-palette.h"

G_BEGIN_DECLS

/* The logical space the anatomy is drawn in. */
#define SOLEUS_SCENE_WIDTH  1600.0
#define SOLEUS_SCENE_HEIGHT 1000.0

typedef struct _SoleusScene SoleusScene;

/* A blood cell of the last paint, for a GPU layer that draws the cells
 * itself (with soleus_scene_set_show_cells (scene, FALSE)). */
typedef struct
{
  float    x;          /* centre, in the user space of the last paint */
  float    y;
  float    radius;
  gboolean backward;   /* flowing away from the heart */
} SoleusSceneCell;

/* Returns the translation of an English string (the labels are marked with
 * N_ () in soleus-scene-labels.c and soleus-scene-vessels.c). The default
 * is g_dgettext ("soleus", text). */
typedef const char *(*SoleusTranslateFunc) (const char *text,
                                            gpointer    user_data);

SoleusScene *soleus_scene_new                (void);
void         soleus_scene_free               (SoleusScene        *self);

void         soleus_scene_set_palette        (SoleusScene        *self,
                                              SoleusPalette       palette);
SoleusPalette soleus_scene_get_palette       (SoleusScene        *self);
/* The figure's skin tone (SOLEUS_SKIN_TONE_LIGHT by default); the swelling
 * and skin-change colours follow it so that they stay visible. */
void         soleus_scene_set_skin_tone      (SoleusScene        *self,
                                              SoleusSkinTone      tone);
SoleusSkinTone soleus_scene_get_skin_tone    (SoleusScene        *self);
/* The figure's build (SOLEUS_FIGURE_MALE by default): the outline of the
 * hips, thigh, calf and chest; the anatomy inside and the labels are the
 * same. */
void         soleus_scene_set_figure         (SoleusScene        *self,
                                              SoleusFigure        figure);
SoleusFigure soleus_scene_get_figure         (SoleusScene        *self);
/* Labels with leader lines, and the legend. On by default. */
void         soleus_scene_set_show_labels    (SoleusScene        *self,
                                              gboolean            show_labels);
void         soleus_scene_set_show_legend    (SoleusScene        *self,
                                              gboolean            show_legend);
/* The legend folded to its title, leaving the room to the figure and its
 * labels (as in presentation mode). Off by default. */
void         soleus_scene_set_legend_collapsed (SoleusScene      *self,
                                                gboolean          collapsed);
gboolean     soleus_scene_get_legend_collapsed (SoleusScene      *self);
/* The smallest label, in pixels of the size painted into (14 at least,
 * the default): labels are a thirtieth of the picture's height but not
 * smaller than this. The legend's and the close-ups' captions are not
 * smaller either, nor than 28 pixels at 1920 x 1080 (in proportion at
 * other sizes); unfolded, the legend stands in a column right of the
 * close-ups. A window passes more when seen from afar, as in a
 * presentation. */
void         soleus_scene_set_min_label_size (SoleusScene        *self,
                                              double              pixels);
/* The figure and its labels only, without legend and close-ups, fitted
 * as large as the size allows (two legs side by side). Off by default. */
void         soleus_scene_set_crop_to_body   (SoleusScene        *self,
                                              gboolean            crop);
/* The box, in logical units, the last paint fitted into its size: the
 * figure, its labels and, unless cropped, the standard picture. FALSE
 * before the first paint or after an option changed. Two scenes painted
 * into sizes of box.width x box.height, each times one common factor,
 * come out at the same scale. */
gboolean     soleus_scene_get_content_box    (SoleusScene        *self,
                                              cairo_rectangle_t  *box);
/* Blood cells (off for reduced motion: the veins and valves still animate). */
void         soleus_scene_set_show_cells     (SoleusScene        *self,
                                              gboolean            show_cells);
/* A Pango font description string for labels ("Sans 15"), in logical
 * units; NULL restores the default. */
void         soleus_scene_set_font           (SoleusScene        *self,
                                              const char         *font);
void         soleus_scene_set_translate_func (SoleusScene        *self,
                                              SoleusTranslateFunc func,
                                              gpointer            user_data);
/* Draw everything directly, without the cached layer (as for SVG, PDF and
 * PostScript targets, which are detected on their own): for printing
 * through other surfaces. On by default. */
void         soleus_scene_set_use_cache      (SoleusScene        *self,
                                              gboolean            use_cache);
/* Extra resolution for the cached layer when cr's matrix does not show the
 * device scale, as with a GTK snapshot's recording: pass
 * gtk_widget_get_scale_factor (). Default 1. */
void         soleus_scene_set_scale_factor   (SoleusScene        *self,
                                              double              scale_factor);

/* The two valves shown magnified at the right edge, with their captions.
 * Default: SOLEUS_VALVE_POPLITEAL (above the calf pump) and
 * SOLEUS_VALVE_CALF_LOWER (below it); for superficial reflux
 * SOLEUS_VALVE_SAPHENOFEMORAL and SOLEUS_VALVE_PERFORATOR tell more. */
void         soleus_scene_set_inset_valves   (SoleusScene        *self,
                                              SoleusValve         first,
                                              SoleusValve         second);
/* By default (and after this call with TRUE) the close-ups follow the two
 * valves that leak most in each snapshot, the one higher in the leg in the
 * upper close-up; while fewer than two leak, the default pair fills in.
 * soleus_scene_set_inset_valves () fixes the pair and stops following. */
void         soleus_scene_set_inset_auto     (SoleusScene        *self,
                                              gboolean            follow_leaks);
/* Holds a valve (a SoleusValve) in a close-up whatever leaks, as when the
 * presenter picks it; the other close-up follows the leaks. -1, the
 * default, lets both follow the leaks again. soleus_scene_set_inset_valves
 * () lets go of it. */
void         soleus_scene_set_pinned_valve   (SoleusScene        *self,
                                              int                 valve);
int          soleus_scene_get_pinned_valve   (SoleusScene        *self);
/* The valve at (x, y) in the user space of the last paint, or -1: a valve
 * drawn in the leg, within its box or 12 units (pixels, as a rule) of its
 * centre, whichever is larger, the nearest when two are that close; or the
 * valve a close-up shows, anywhere in its circle. */
int          soleus_scene_pick_valve         (SoleusScene        *self,
                                              double              x,
                                              double              y);
/* A valve's name: "foot-outlet", "calf-lower", "calf-upper", "popliteal",
 * "femoral", "saphenous", "saphenofemoral", "perforator" (its part name
 * without "valve-"); NULL for an invalid valve. */
const char  *soleus_scene_valve_name         (int                 valve);
/* The valve of a name above; FALSE for an unknown name. */
gboolean     soleus_scene_valve_from_name    (const char         *name,
                                              SoleusValve        *out);
/* The caption of a valve's close-up, in English ("Valve in the thigh"):
 * translate it with the "soleus" domain. NULL for an invalid valve. */
const char  *soleus_scene_valve_caption      (int                 valve);

/* Draws one frame filling (0, 0, width, height) in cr's user space. Blood
 * cells advance by the time between this snapshot and the previous one
 * (at most 0.1 s per frame; a step backwards or a jump of more than 5 s
 * re-seeds them). */
void         soleus_scene_paint              (SoleusScene          *self,
                                              cairo_t              *cr,
                                              const SoleusSnapshot *snapshot,
                                              double                width,
                                              double                height);
/* How many blood cells, relative to the default (0.25 to 16): a GPU layer
 * draws thousands where Cairo keeps to a few hundred. Denser cells are
 * smaller; changing it puts the cells back at their starting places. */
void         soleus_scene_set_cell_density   (SoleusScene        *self,
                                              double              density);
/* Advances the blood cells to this snapshot without painting. */
void         soleus_scene_advance            (SoleusScene          *self,
                                              const SoleusSnapshot *snapshot);
/* Puts the blood cells back at their starting places. */
void         soleus_scene_reset_cells        (SoleusScene        *self);

/* Copies up to max_cells cells of the last paint (vessels and close-ups,
 * painted or not) and returns how many there are in all; cells may be NULL
 * when max_cells is 0. */
guint        soleus_scene_get_cells          (SoleusScene        *self,
                                              SoleusSceneCell    *cells,
                                              guint               max_cells);

/* The bounding box of a named part in the user space of the last paint
 * (the same units as width and height). Returns FALSE for an unknown name
 * or before the first paint. Names: "valve-foot-outlet", "valve-calf-lower",
 * "valve-calf-upper", "valve-popliteal", "valve-femoral", "valve-saphenous",
 * "valve-saphenofemoral", "valve-perforator", "vein-plantar",
 * "vein-calf-lower", "vein-calf-upper", "vein-popliteal", "vein-femoral",
 * "vein-iliac", "vein-abdominal-ivc", "vein-thoracic-ivc", "vein-saphenous-calf",
 * "vein-saphenous-thigh", "vein-perforator", "vein-foot-micro", "heart",
 * "soleus", "gastrocnemius", "plantar-plexus", "foot", "ankle", "calf",
 * "thigh", "leg", "torso" (soleus_scene_list_parts () has them all). */
gboolean     soleus_scene_get_part_bounds    (SoleusScene        *self,
                                              const char         *name,
                                              cairo_rectangle_t  *bounds);
/* The name of the smallest part whose box holds (x, y), or NULL. */
const char  *soleus_scene_pick               (SoleusScene        *self,
                                              double              x,
                                              double              y);
/* NULL-terminated list of every part name. */
const char * const *soleus_scene_list_parts  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusScene, soleus_scene_free)

G_END_DECLS
