/* soleus-play-area.h: the animated leg, live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "soleus-palette.h"
#include "soleus-render-export.h"
#include "soleus-simulation.h"

G_BEGIN_DECLS

typedef struct
{
  guint64  frames;       /* frames drawn since the start */
  gboolean gl;           /* blood cells drawn on the GPU */
  guint64  gl_cells;     /* cells in the last GPU frame */
  guint64  cairo_cells;  /* cells in the last Cairo frame */
  gboolean ticking;      /* the frame clock drives the simulation now */
} SoleusPlayAreaStats;

#define SOLEUS_TYPE_PLAY_AREA (soleus_play_area_get_type ())

G_DECLARE_FINAL_TYPE (SoleusPlayArea, soleus_play_area, SOLEUS, PLAY_AREA, GtkWidget)

GtkWidget        *soleus_play_area_new             (void);
SoleusSimulation *soleus_play_area_get_simulation  (SoleusPlayArea   *self);
void              soleus_play_area_set_simulation  (SoleusPlayArea   *self,
                                                    SoleusSimulation *simulation);
void              soleus_play_area_set_palette     (SoleusPlayArea   *self,
                                                    SoleusPalette     palette);
void              soleus_play_area_set_skin_tone   (SoleusPlayArea   *self,
                                                    SoleusSkinTone    tone);
void              soleus_play_area_set_figure      (SoleusPlayArea   *self,
                                                    SoleusFigure      figure);
/* Holds a valve (a SoleusValve) in a close-up, or -1 to let the close-ups
 * follow the leakiest valves; the picture's accessible name says which. */
void              soleus_play_area_set_picked_valve (SoleusPlayArea  *self,
                                                     int              valve);
int               soleus_play_area_get_picked_valve (SoleusPlayArea  *self);
/* The picture's accessible name, as set last. */
const char       *soleus_play_area_get_label       (SoleusPlayArea   *self);
void              soleus_play_area_set_reduced_motion (SoleusPlayArea *self,
                                                       gboolean        reduced_motion);
/* Two legs side by side: a healthy leg doing the same, and this one. */
void              soleus_play_area_set_compare     (SoleusPlayArea   *self,
                                                    gboolean          compare);
gboolean          soleus_play_area_get_compare     (SoleusPlayArea   *self);
/* Saves what the play area shows now at its current size as PNG, SVG or
 * PDF. */
gboolean          soleus_play_area_save_picture    (SoleusPlayArea     *self,
                                                    const char         *path,
                                                    SoleusRenderFormat  format,
                                                    GError            **error);
void              soleus_play_area_get_stats       (SoleusPlayArea      *self,
                                                    SoleusPlayAreaStats *stats);
const SoleusSnapshot *soleus_play_area_get_drawn  (SoleusPlayArea   *self);

G_END_DECLS
