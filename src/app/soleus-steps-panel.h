/* soleus-steps-panel.h: the presenter's steps, as a list to edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "soleus-steps.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_STEPS_PANEL (soleus_steps_panel_get_type ())

G_DECLARE_FINAL_TYPE (SoleusStepsPanel, soleus_steps_panel, SOLEUS, STEPS_PANEL, GtkWidget)

/* Shows the steps, current being the one on screen (-1 for none). The
 * rows' buttons activate the window's actions: win.go-to-step(u),
 * win.edit-step(u), win.move-step((ui)), win.delete-step(u) and
 * win.add-step. */
void soleus_steps_panel_update (SoleusStepsPanel *self,
                                SoleusSteps      *steps,
                                int               current);

G_END_DECLS
