/* soleus-controls-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "soleus-narration.h"
#include "soleus-simulation.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_CONTROLS_PANEL (soleus_controls_panel_get_type ())

G_DECLARE_FINAL_TYPE (SoleusControlsPanel, soleus_controls_panel, SOLEUS, CONTROLS_PANEL, GtkWidget)

/* The rows are made from the core's parameter table when the simulation is
 * first set; they follow it both ways from then on. */
void soleus_controls_panel_set_simulation (SoleusControlsPanel *self,
                                           SoleusSimulation    *simulation);
/* The units the values are written in. */
void soleus_controls_panel_set_units      (SoleusControlsPanel *self,
                                           SoleusPressureUnit   pressure_unit,
                                           SoleusWeightUnit     weight_unit);

G_END_DECLS
