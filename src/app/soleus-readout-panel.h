/* soleus-readout-panel.h: the numbers beside the leg
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "soleus-narration.h"
#include "soleus-simulation.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_READOUT_PANEL (soleus_readout_panel_get_type ())

G_DECLARE_FINAL_TYPE (SoleusReadoutPanel, soleus_readout_panel, SOLEUS, READOUT_PANEL, GtkWidget)

void        soleus_readout_panel_set_simulation    (SoleusReadoutPanel *self,
                                                    SoleusSimulation   *simulation);
void        soleus_readout_panel_set_pressure_unit (SoleusReadoutPanel *self,
                                                    SoleusPressureUnit  unit);
/* Side by side with a healthy leg: each row shows both values. */
void        soleus_readout_panel_set_compare       (SoleusReadoutPanel *self,
                                                    gboolean            compare);
/* Refreshes the numbers now (they refresh four times a second on their
 * own while the simulation runs). */
void        soleus_readout_panel_update            (SoleusReadoutPanel *self);
/* What the readouts show, as text, into app.state. */
void        soleus_readout_panel_describe          (SoleusReadoutPanel *self,
                                                    GVariantBuilder    *builder);
/* The headline card (the ankle vein pressure, its healthy range and its
 * meaning), taken out of the panel for a place of its own that does not
 * scroll; the panel keeps it up to date. Transfer full. */
GtkWidget  *soleus_readout_panel_take_headline     (SoleusReadoutPanel *self);
/* The headline as shown, for tests and screen readers. */
const char *soleus_readout_panel_get_headline      (SoleusReadoutPanel *self);
/* The share of the still leg's calf blood the calf pump keeps out while
 * moving (0-1), of this leg or of the healthy one; NAN while still or not
 * yet known. */
double      soleus_readout_panel_get_emptying      (SoleusReadoutPanel *self,
                                                    gboolean            healthy);
/* The blood-flow word the panel shows now ("Brisk", translated). */
const char *soleus_readout_panel_get_blood_flow    (SoleusReadoutPanel *self);

G_END_DECLS
