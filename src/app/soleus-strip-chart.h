/* soleus-strip-chart.h: ankle pressure and calf volume over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "soleus-narration.h"
#include "soleus-palette.h"
#include "soleus-simulation.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_STRIP_CHART (soleus_strip_chart_get_type ())

G_DECLARE_FINAL_TYPE (SoleusStripChart, soleus_strip_chart, SOLEUS, STRIP_CHART, GtkWidget)

void soleus_strip_chart_set_simulation    (SoleusStripChart   *self,
                                           SoleusSimulation   *simulation);
void soleus_strip_chart_set_palette       (SoleusStripChart   *self,
                                           SoleusPalette       palette);
void soleus_strip_chart_set_pressure_unit (SoleusStripChart   *self,
                                           SoleusPressureUnit  unit);

G_END_DECLS
