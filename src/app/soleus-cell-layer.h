/* soleus-cell-layer.h: blood cells drawn on the GPU over the anatomy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One cell, in widget coordinates (logical pixels, origin top-left).
 * kind 0 is a red cell moving forward (towards the heart): a filled disc
 * with a darker rim; kind 1 is a cell flowing backward (reflux): a hollow
 * ring, so the two differ in shape and not only in colour. */
typedef struct
{
  float x, y;
  float radius;
  float kind;
} SoleusCell;

#define SOLEUS_CELL_KIND_FORWARD  0.0f
#define SOLEUS_CELL_KIND_BACKWARD 1.0f

#define SOLEUS_TYPE_CELL_LAYER (soleus_cell_layer_get_type ())

G_DECLARE_FINAL_TYPE (SoleusCellLayer, soleus_cell_layer, SOLEUS, CELL_LAYER, GtkGLArea)

GtkWidget *soleus_cell_layer_new           (void);
void       soleus_cell_layer_set_cells     (SoleusCellLayer  *self,
                                            const SoleusCell *cells,
                                            guint             n_cells);
guint      soleus_cell_layer_get_n_cells   (SoleusCellLayer  *self);
void       soleus_cell_layer_set_colors    (SoleusCellLayer  *self,
                                            const GdkRGBA    *forward,
                                            const GdkRGBA    *backward,
                                            const GdkRGBA    *outline);
/* TRUE until GL turned out to be unusable when the widget was realized
 * (no GL, too old a GL, a shader that failed to build); then the layer
 * hides itself and the caller draws the cells with Cairo. Notifies
 * "available". */
gboolean   soleus_cell_layer_get_available (SoleusCellLayer  *self);
/* Cells drawn by the last render, for tests. */
guint      soleus_cell_layer_get_n_drawn   (SoleusCellLayer  *self);

G_END_DECLS
