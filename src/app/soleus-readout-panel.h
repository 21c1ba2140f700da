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
/* The headline as shown, for tests and screen readers. */
const char *soleus_readout_panel_get_headline      (SoleusReadoutPanel *self);
/* The blood-flow word the panel shows now ("Brisk", translated). */
const char *soleus_readout_panel_get_blood_flow    (SoleusReadoutPanel *self);

G_END_DECLS
