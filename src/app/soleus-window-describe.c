/* soleus-window-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window shows now, as a{sv}: the state of app.state, which tests
 * and scripts read over D-Bus after each action. The keys are an interface:
 * tests/app/test-app.c and test-window.sh read them by name.
 */

#include "config.h"

#include "soleus-recorder.h"
#include "soleus-window-private.h"

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value != NULL ? value : ""));
}

static void
add_int (GVariantBuilder *builder,
         const char      *key,
         int              value)
{
  g_variant_builder_add (builder, "{sv}", key, g_variant_new_int32 (value));
}

/* Text that does not fit: a label shown now whose layout is cut with an
 * ellipsis, or that wraps inside a word (a line that starts where no word
 * does, as word-char wrapping breaks a long German compound). Each is
 * named in texts, one a line. */
static void
find_text_issues (GtkWidget *widget,
                  guint     *ellipsized,
                  guint     *broken,
                  GString   *texts)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
      const char *text = pango_layout_get_text (layout);
      const PangoLogAttr *attrs;
      int n_attrs;

      if (pango_layout_is_ellipsized (layout))
        {
          (*ellipsized)++;
          g_string_append_printf (texts, "ellipsized: %s\n", text);
        }

      attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
      for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
        {
          PangoLayoutLine *line = l->data;
          glong at;

          if (line->start_index == 0)
            continue;
          at = g_utf8_pointer_to_offset (text, text + line->start_index);
          if (at < n_attrs && !attrs[at].is_word_boundary && !attrs[at].is_white)
            {
              (*broken)++;
              g_string_append_printf (texts, "broken: %s\n", text);
              break;
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_text_issues (child, ellipsized, broken, texts);
}

/* The keys the shortcuts window names, one a line. */
static void
find_shortcut_keys (GtkWidget *widget,
                    gboolean   in_key,
                    GString   *keys)
{
  in_key = in_key || GTK_IS_SHORTCUT_LABEL (widget);
  if (in_key && GTK_IS_LABEL (widget))
    g_string_append_printf (keys, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_shortcut_keys (child, in_key, keys);
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
  /* The state of this leg's model, to compare a seek with a play bit for
   * bit. */
  g_variant_builder_add (builder, "{sv}", "state_hash",
                         g_variant_new_uint64 (soleus_simulation_get_state_hash (self->simulation)));
  g_variant_builder_add (builder, "{sv}", "timeline_reached_s",
                         g_variant_new_double (soleus_simulation_get_timeline_reached (
                                                 self->simulation)));
  g_variant_builder_add (builder, "{sv}", "chart_window_s",
                         g_variant_new_double (soleus_simulation_get_chart_window (
                                                 self->simulation)));
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
  soleus_readout_panel_describe (self->readouts, builder);
  g_variant_builder_add (builder, "{sv}", "calf_emptying",
                         g_variant_new_double (soleus_readout_panel_get_emptying (self->readouts,
                                                                                  FALSE)));
  g_variant_builder_add (builder, "{sv}", "calf_emptying_healthy",
                         g_variant_new_double (soleus_readout_panel_get_emptying (self->readouts,
                                                                                  TRUE)));
  add_string (builder, "caption", self->caption);
  {
    /* The headline number in view: drawn, and wholly inside the window. */
    graphene_rect_t bounds;
    gboolean visible =
      gtk_widget_is_drawable (GTK_WIDGET (self->headline_slot))
      && gtk_widget_compute_bounds (GTK_WIDGET (self->headline_slot), GTK_WIDGET (self), &bounds)
      && bounds.size.height > 0
      && bounds.origin.y >= 0
      && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (self));

    g_variant_builder_add (builder, "{sv}", "headline_visible", g_variant_new_boolean (visible));
  }
  /* The caption holds while the leg walks and the picture never rescales
   * with it: how often it changed, and the sizes of both. */
  g_variant_builder_add (builder, "{sv}", "caption_changes",
                         g_variant_new_uint32 (self->caption_changes));
  add_int (builder, "caption_height", gtk_widget_get_height (GTK_WIDGET (self->caption_stack)));
  add_int (builder, "play_area_width", gtk_widget_get_width (GTK_WIDGET (self->play_area)));
  add_int (builder, "play_area_height", gtk_widget_get_height (GTK_WIDGET (self->play_area)));
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
  {
    /* Every language fits: labels of every window shown now cut with an
     * ellipsis or broken inside a word. */
    GList *toplevels = gtk_window_list_toplevels ();
    g_autoptr(GString) texts = g_string_new (NULL);
    guint ellipsized = 0;
    guint broken = 0;

    for (GList *l = toplevels; l != NULL; l = l->next)
      find_text_issues (l->data, &ellipsized, &broken, texts);
    g_list_free (toplevels);
    g_variant_builder_add (builder, "{sv}", "ellipsized_labels", g_variant_new_uint32 (ellipsized));
    g_variant_builder_add (builder, "{sv}", "broken_words", g_variant_new_uint32 (broken));
    add_string (builder, "text_issues", texts->str);
  }
  {
    /* Where Tab has taken the focus: its type, and whether it only shows
     * text (a label, a row that does nothing). */
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
    gboolean read_only = focus != NULL
                         && (GTK_IS_LABEL (focus)
                             || (GTK_IS_LIST_BOX_ROW (focus)
                                 && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus))));

    g_variant_builder_add (builder, "{sv}", "focus_changes",
                           g_variant_new_uint32 (self->focus_changes));
    g_variant_builder_add (builder, "{sv}", "window_active",
                           g_variant_new_boolean (gtk_window_is_active (GTK_WINDOW (self))));
    add_string (builder, "focus_type", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "");
    g_variant_builder_add (builder, "{sv}", "focus_read_only", g_variant_new_boolean (read_only));
  }
  {
    GtkShortcutsWindow *overlay =
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
    g_autoptr(GString) keys = g_string_new (NULL);

    if (overlay != NULL)
      find_shortcut_keys (GTK_WIDGET (overlay), FALSE, keys);
    add_string (builder, "shortcut_keys", keys->str);
  }
  g_variant_builder_add (builder, "{sv}", "jobs_pending",
                         g_variant_new_uint32 (self->jobs_pending));
  /* The video export: whether its bar shows, how far it got (-1: none),
   * and the formats this system can write, once a worker has found them. */
  g_variant_builder_add (builder, "{sv}", "exporting",
                         g_variant_new_boolean (gtk_widget_get_visible (self->export_bar)));
  g_variant_builder_add (builder, "{sv}", "export_progress",
                         g_variant_new_double (soleus_window_get_export_progress (self)));
  if (self->video_formats_known)
    {
      GVariantBuilder formats;

      g_variant_builder_init (&formats, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint i = 0; i < SOLEUS_N_VIDEO_FORMATS; i++)
        if ((self->video_formats & (1u << i)) != 0)
          g_variant_builder_add (&formats, "s", soleus_video_format_to_extension (i));
      g_variant_builder_add (builder, "{sv}", "video_formats",
                             g_variant_builder_end (&formats));
    }
  add_string (builder, "last_error", self->last_error);
  /* The samples Open Sample offers, by file name (app.open-sample). */
  g_variant_builder_add (builder, "{sv}", "samples",
                         g_variant_new_strv ((const char *const *) self->samples,
                                             self->samples != NULL ? -1 : 0));
  add_string (builder, "scenario_title",
              soleus_simulation_get_scenario_title (self->simulation));
  g_variant_builder_add (builder, "{sv}", "presenting", g_variant_new_boolean (self->presenting));
  /* Steps added or edited and not saved since: what app.scenario, app.open
   * or app.quit would drop without asking (a person is asked). */
  g_variant_builder_add (builder, "{sv}", "steps_modified",
                         g_variant_new_boolean (self->steps_modified));
  add_string (builder, "subtitle", adw_window_title_get_subtitle (self->window_title));
  add_string (builder, "picked_valve", soleus_window_get_picked_valve (self));
  add_string (builder, "picture_label", soleus_play_area_get_label (self->play_area));
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
  g_variant_builder_add (builder, "{sv}", "n_steps",
                         g_variant_new_uint32 (self->steps != NULL ? soleus_steps_get_n (self->steps)
                                                                   : 0));
  add_string (builder, "step_text",
              self->steps != NULL && self->step_index >= 0
              ? soleus_steps_get (self->steps, self->step_index)->caption : NULL);
  add_string (builder, "step_caption", gtk_label_get_label (self->step_label));
  g_variant_builder_add (builder, "{sv}", "frames_drawn", g_variant_new_uint64 (stats.frames));
  g_variant_builder_add (builder, "{sv}", "ticking", g_variant_new_boolean (stats.ticking));
  g_variant_builder_add (builder, "{sv}", "gl", g_variant_new_boolean (stats.gl));
  g_variant_builder_add (builder, "{sv}", "gl_cells_drawn",
                         g_variant_new_uint64 (stats.gl_cells));
  g_variant_builder_add (builder, "{sv}", "cairo_cells_drawn",
                         g_variant_new_uint64 (stats.cairo_cells));
  _soleus_window_stage_describe (self, builder);
  _soleus_window_layout_describe (self, builder);
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
