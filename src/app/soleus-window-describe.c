/* soleus-window-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window shows now, as a{sv}: the state of app.state, which tests
 * and scripts read over D-Bus after each action. The keys are an interface:
 * tests/app/test-app.c and test-window.sh read them by name.
 */

#include "config.h"

#include "soleus-window-private.h"

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value != NULL ? value : ""));
}

/* The simulation: its clock, controls and readouts. */
static void
describe_simulation (SoleusWindow    *self,
                     GVariantBuilder *builder)
{
  const SoleusSnapshot *snapshot = soleus_simulation_get_snapshot (self->simulation);
  SoleusReadouts readouts;

  soleus_simulation_get_readouts (self->simulation, &readouts);

  g_variant_builder_add (builder, "{sv}", "time_s", g_variant_new_double (snapshot->time_s));
  g_variant_builder_add (builder, "{sv}", "step", g_variant_new_uint64 (snapshot->step));
  g_variant_builder_add (builder, "{sv}", "playing",
                         g_variant_new_boolean (soleus_simulation_get_playing (self->simulation)));
  g_variant_builder_add (builder, "{sv}", "rate",
                         g_variant_new_double (soleus_simulation_get_rate (self->simulation)));
  add_string (builder, "scenario", soleus_simulation_get_scenario (self->simulation));
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    g_variant_builder_add (builder, "{sv}", soleus_param_info (i)->name,
                           g_variant_new_double (soleus_simulation_get_control (self->simulation,
                                                                                i)));

  g_variant_builder_add (builder, "{sv}", "ankle_pressure_mmHg",
                         g_variant_new_double (readouts.ankle_pressure_mmhg));
  g_variant_builder_add (builder, "{sv}", "ankle_pressure_mean_mmHg",
                         g_variant_new_double (readouts.ankle_pressure_mean_mmhg));
  g_variant_builder_add (builder, "{sv}", "rt90_s", g_variant_new_double (readouts.rt90_s));
  {
    SoleusReadouts other;

    soleus_simulation_get_reference_readouts (self->simulation, &other);
    g_variant_builder_add (builder, "{sv}", "other_ankle_pressure_mean_mmHg",
                           g_variant_new_double (other.ankle_pressure_mean_mmhg));
    g_variant_builder_add (builder, "{sv}", "other_time_s",
                           g_variant_new_double (soleus_simulation_get_reference_snapshot (
                                                   self->simulation)->time_s));
    g_variant_builder_add (builder, "{sv}", "healthy_time_s",
                           g_variant_new_double (soleus_simulation_get_healthy_time (
                                                   self->simulation)));
  }
  g_variant_builder_add (builder, "{sv}", "calf_ejection_mL",
                         g_variant_new_double (readouts.calf_ejection_ml));
  g_variant_builder_add (builder, "{sv}", "tissue_fluid_change_mL",
                         g_variant_new_double (readouts.tissue_fluid_change_ml));
  g_variant_builder_add (builder, "{sv}", "femoral_velocity_cm_s",
                         g_variant_new_double (readouts.femoral_velocity_cm_s));
  g_variant_builder_add (builder, "{sv}", "stasis_index",
                         g_variant_new_double (readouts.stasis_index));
  /* Blood flow: the core's word ("brisk", "slowing", "pooling"), the
   * numbers that make it, and the word the readout shows (translated). */
  g_variant_builder_add (builder, "{sv}", "blood_flow",
                         g_variant_new_string (soleus_blood_flow_name (readouts.blood_flow)));
  g_variant_builder_add (builder, "{sv}", "deep_flow_ratio",
                         g_variant_new_double (readouts.deep_flow_ratio));
  g_variant_builder_add (builder, "{sv}", "slow_flow_h",
                         g_variant_new_double (readouts.slow_flow_h));
  g_variant_builder_add (builder, "{sv}", "effort", g_variant_new_double (readouts.effort));
}

/* What the window shows of it, and the window itself. */
static void
describe_window (SoleusWindow    *self,
                 GVariantBuilder *builder)
{
  SoleusPlayAreaStats stats;

  soleus_play_area_get_stats (self->play_area, &stats);

  add_string (builder, "blood_flow_text", soleus_readout_panel_get_blood_flow (self->readouts));
  add_string (builder, "headline", soleus_readout_panel_get_headline (self->readouts));
  add_string (builder, "caption", self->caption);
  add_string (builder, "description", self->description);
  g_variant_builder_add (builder, "{sv}", "compare", g_variant_new_boolean (self->compare));
  add_string (builder, "compare_title",
              soleus_simulation_get_reference_title (self->simulation));
  {
    /* Windows of this process shown now (the main window, dialogs; not
     * the hidden shortcuts window): a script's failures must not stack
     * dialogs. */
    GList *toplevels = gtk_window_list_toplevels ();
    guint shown = 0;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (gtk_widget_get_visible (l->data))
        shown++;
    g_variant_builder_add (builder, "{sv}", "toplevels", g_variant_new_uint32 (shown));
    g_list_free (toplevels);
  }
  g_variant_builder_add (builder, "{sv}", "jobs_pending",
                         g_variant_new_uint32 (self->jobs_pending));
  add_string (builder, "last_error", self->last_error);
  add_string (builder, "scenario_title",
              soleus_simulation_get_scenario_title (self->simulation));
  g_variant_builder_add (builder, "{sv}", "presenting", g_variant_new_boolean (self->presenting));
  g_variant_builder_add (builder, "{sv}", "fullscreen",
                         g_variant_new_boolean (gtk_window_is_fullscreen (GTK_WINDOW (self))));
  g_variant_builder_add (builder, "{sv}", "window_width",
                         g_variant_new_int32 (gtk_widget_get_width (GTK_WIDGET (self))));
  g_variant_builder_add (builder, "{sv}", "window_height",
                         g_variant_new_int32 (gtk_widget_get_height (GTK_WIDGET (self))));
  {
    int width, height;

    /* The size to return to when unmaximized: what quitting saves. */
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
    g_variant_builder_add (builder, "{sv}", "default_width", g_variant_new_int32 (width));
    g_variant_builder_add (builder, "{sv}", "default_height", g_variant_new_int32 (height));
  }
  g_variant_builder_add (builder, "{sv}", "step_index", g_variant_new_int32 (self->step_index));
  add_string (builder, "step_caption", gtk_label_get_label (self->step_label));
  g_variant_builder_add (builder, "{sv}", "frames_drawn", g_variant_new_uint64 (stats.frames));
  g_variant_builder_add (builder, "{sv}", "ticking", g_variant_new_boolean (stats.ticking));
  g_variant_builder_add (builder, "{sv}", "gl", g_variant_new_boolean (stats.gl));
  g_variant_builder_add (builder, "{sv}", "gl_cells_drawn",
                         g_variant_new_uint64 (stats.gl_cells));
  g_variant_builder_add (builder, "{sv}", "cairo_cells_drawn",
                         g_variant_new_uint64 (stats.cairo_cells));
  _soleus_window_stage_describe (self, builder);
  add_string (builder, "page", _soleus_window_get_page (self));
}

GVariant *
soleus_window_describe (SoleusWindow *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  describe_simulation (self, &builder);
  describe_window (self, &builder);

  return g_variant_builder_end (&builder);
}
