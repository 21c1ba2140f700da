/* soleus-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the play area with its caption and strip chart, and a
 * side panel with the readouts and the controls. The controls are made from
 * the core's parameter table and bound to the simulation's properties, so
 * their ranges are the model's.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "soleus-csv.h"
#include "soleus-file-writer.h"
#include "soleus-handout.h"
#include "soleus-recorder.h"
#include "soleus-scenario-file.h"
#include "soleus-narration.h"
#include "soleus-play-area.h"
#include "soleus-readout-panel.h"
#include "soleus-scenario.h"
#include "soleus-steps.h"
#include "soleus-strip-chart.h"
#include "soleus-window.h"

/* Playback rates offered in the header bar. */
static const double rates[] = { 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 60.0, 600.0 };

struct _SoleusWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *play_button;
  GtkDropDown          *speed_dropdown;
  GtkLabel             *clock_label;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *scenario_button;
  GtkListBox           *scenario_list;
  GtkLabel             *caption_label;
  GtkOverlay           *play_overlay;
  SoleusPlayArea       *play_area;
  SoleusStripChart     *strip_chart;
  SoleusReadoutPanel   *readouts;
  AdwPreferencesGroup  *controls_group;
  AdwExpanderRow       *advanced_row;
  GtkWidget            *header_bar;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_separator;
  GtkWidget            *stage_info;
  GtkLabel             *stage_headline;
  GtkLabel             *step_label;
  GtkWidget            *presentation_indicator;

  /* Owned references */
  GSettings            *settings;
  SoleusSimulation     *simulation;
  SoleusSteps          *steps;

  /* State */
  GMenu                *recent_menu;
  GtkAdjustment        *activity;
  GtkWidget            *activity_title;
  GtkWidget            *activity_value;
  GtkWidget            *value_labels[SOLEUS_N_PARAMS];
  GtkWidget            *scales[SOLEUS_N_PARAMS];
  char                 *caption;
  char                 *description;
  char                 *last_error;
  GtkWidget            *error_dialog;    /* the one error dialog shown */
  GCancellable         *cancellable;     /* file jobs in worker threads */
  GQueue                opens;           /* OpenJobs, in the order asked */
  guint                 jobs_pending;
  gint64                last_text_update;
  gboolean              updating_activity;
  gboolean              updating_speed;
  guint64               clock_seconds;
  int                   step_index;      /* -1 before the first step */
  gboolean              compare;
  gboolean              presenting;
  AdwColorScheme        scheme_before;
};

G_DEFINE_FINAL_TYPE (SoleusWindow, soleus_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_COMPARE,
  PROP_PRESENTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reset_steps (SoleusWindow *self);

/* ---------------------------------------------------------------------- */
/* Window state */

static void
save_window_state (SoleusWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* The default size tracks the unmaximized size, so a maximized window
   * remembers where to return to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (SoleusWindow *self)
{
  int width;
  int height;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------------- */
/* Units and palette (preferences) */

static SoleusPressureUnit
pressure_unit (SoleusWindow *self)
{
  g_autofree char *unit = g_settings_get_string (self->settings, "pressure-unit");

  return g_str_equal (unit, "kpa") ? SOLEUS_PRESSURE_KPA : SOLEUS_PRESSURE_MMHG;
}

static SoleusWeightUnit
weight_unit (SoleusWindow *self)
{
  g_autofree char *unit = g_settings_get_string (self->settings, "weight-unit");

  return g_str_equal (unit, "lb") ? SOLEUS_WEIGHT_LB : SOLEUS_WEIGHT_KG;
}

/* The palette the window's picture uses now. */
static SoleusPalette
current_palette (SoleusWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *name = g_settings_get_string (self->settings, "palette");

  /* High contrast on white, for the hall. */
  if (self->presenting || g_str_equal (name, "projector"))
    return SOLEUS_PALETTE_PROJECTOR;
  if (g_str_equal (name, "light"))
    return SOLEUS_PALETTE_LIGHT;
  if (g_str_equal (name, "dark"))
    return SOLEUS_PALETTE_DARK;
  if (g_str_equal (name, "colorblind"))
    return SOLEUS_PALETTE_COLORBLIND;
  if (adw_style_manager_get_high_contrast (style))
    return SOLEUS_PALETTE_PROJECTOR;

  return adw_style_manager_get_dark (style) ? SOLEUS_PALETTE_DARK : SOLEUS_PALETTE_LIGHT;
}

static void
apply_palette (SoleusWindow *self)
{
  SoleusPalette palette = current_palette (self);

  soleus_play_area_set_palette (self->play_area, palette);
  soleus_strip_chart_set_palette (self->strip_chart, palette);
}

/* ---------------------------------------------------------------------- */
/* Controls, made from the core's parameter table */

static char *
format_control (SoleusWindow  *self,
                SoleusParamId  id,
                double         value)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  switch (id)
    {
    case SOLEUS_PARAM_WEIGHT_KG:
      return soleus_format_weight (value, weight_unit (self));
    case SOLEUS_PARAM_COMPRESSION_MMHG:
      if (value <= 0.0)
        return g_strdup (C_("compression", "None"));
      return soleus_format_pressure (value, pressure_unit (self));
    case SOLEUS_PARAM_HEIGHT_CM:
      /* Translators: body height in centimetres */
      return g_strdup_printf (_("%.0f cm"), value);
    case SOLEUS_PARAM_VALVE_WEAKNESS:
    case SOLEUS_PARAM_ATROPHY:
    case SOLEUS_PARAM_OBSTRUCTION:
      if (value <= 0.0)
        return g_strdup (C_("slider value", "None"));
      if (value < 0.34)
        return g_strdup_printf (_("Mild (%.0f%%)"), 100.0 * value);
      if (value < 0.67)
        return g_strdup_printf (_("Moderate (%.0f%%)"), 100.0 * value);
      return g_strdup_printf (_("Severe (%.0f%%)"), 100.0 * value);
    case SOLEUS_PARAM_ANKLE_MOBILITY:
      /* 1 is a healthy ankle's full range of movement. */
      if (value >= 1.0)
        return g_strdup (C_("ankle mobility", "Full"));
      if (value >= 0.5)
        /* Translators: ankle mobility, a share of the full range of movement */
        return g_strdup_printf (_("Reduced (%.0f%%)"), 100.0 * value);
      /* Translators: ankle mobility, a share of the full range of movement */
      return g_strdup_printf (_("Stiff (%.0f%%)"), 100.0 * value);
    case SOLEUS_PARAM_POSTURE:
    case SOLEUS_PARAM_REFLUX_SITE:
    case SOLEUS_PARAM_SPEED_KMH:
    case SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN:
    case SOLEUS_N_PARAMS:
    default:
      return g_strdup_printf ("%g %s", value, info->unit);
    }
}

static void
update_control_value (SoleusWindow  *self,
                      SoleusParamId  id)
{
  g_autofree char *text = NULL;

  if (self->value_labels[id] == NULL)
    return;

  text = format_control (self, id, soleus_simulation_get_control (self->simulation, id));
  gtk_label_set_label (GTK_LABEL (self->value_labels[id]), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scales[id]),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
update_activity (SoleusWindow *self)
{
  double controls[SOLEUS_N_PARAMS];
  g_autofree char *text = NULL;
  gboolean standing;

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    controls[i] = soleus_simulation_get_control (self->simulation, i);

  standing = (SoleusPosture) controls[SOLEUS_PARAM_POSTURE] == SOLEUS_POSTURE_STANDING;
  self->updating_activity = TRUE;
  /* The one activity slider walks when standing and pumps the ankles when
   * sitting or lying: 0-6 km/h, or 0-60 a minute (tenfold). */
  gtk_adjustment_set_value (self->activity,
                            standing ? controls[SOLEUS_PARAM_SPEED_KMH]
                                     : controls[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] / 10.0);
  self->updating_activity = FALSE;

  gtk_label_set_label (GTK_LABEL (self->activity_title),
                       standing ? _("Activity: walking") : _("Activity: ankle pumps"));
  text = soleus_describe_activity (controls);
  gtk_label_set_label (GTK_LABEL (self->activity_value), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scales[SOLEUS_PARAM_SPEED_KMH]),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
activity_changed_cb (GtkAdjustment *adjustment,
                     SoleusWindow  *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  SoleusPosture posture;

  if (self->updating_activity)
    return;

  posture = soleus_simulation_get_control (self->simulation, SOLEUS_PARAM_POSTURE);
  if (posture == SOLEUS_POSTURE_STANDING)
    g_object_set (self->simulation, "speed", value, NULL);
  else
    g_object_set (self->simulation, "ankle-exercise", round (value * 10.0), NULL);
}

static void
control_notify_cb (SoleusSimulation *simulation,
                   GParamSpec       *pspec,
                   SoleusWindow     *self)
{
  int id = soleus_param_find (pspec->name);

  if (id < 0)
    return;

  update_control_value (self, id);
  if (id == SOLEUS_PARAM_POSTURE || id == SOLEUS_PARAM_SPEED_KMH
      || id == SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN)
    update_activity (self);
}

static GtkWidget *
make_scale_row (SoleusWindow  *self,
                const char    *title,
                GtkAdjustment *adjustment,
                GtkWidget    **title_out,
                GtkWidget    **value_out,
                GtkWidget    **scale_out)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (NULL);
  GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_widget_add_css_class (value_label, "dim-label");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (header), title_label);
  gtk_box_append (GTK_BOX (header), value_label);
  gtk_box_append (GTK_BOX (box), header);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_box_append (GTK_BOX (box), scale);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (scale),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  if (title_out != NULL)
    *title_out = title_label;
  *value_out = value_label;
  *scale_out = scale;

  return row;
}

static GtkWidget *
make_param_row (SoleusWindow  *self,
                SoleusParamId  id)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  GtkAdjustment *adjustment;
  GtkWidget *row;
  GtkWidget *scale;

  if (info->choices != NULL)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      for (guint i = 0; info->choice_labels[i] != NULL; i++)
        gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, info->choice_labels[i]));

      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_dgettext (GETTEXT_PACKAGE, info->label));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  (guint) soleus_simulation_get_control (self->simulation, id));
      g_object_set_data (G_OBJECT (row), "soleus-param", GUINT_TO_POINTER (id));
      return row;
    }

  adjustment = gtk_adjustment_new (info->default_value, info->min, info->max,
                                   info->step, info->step * 10.0, 0.0);
  row = make_scale_row (self, g_dgettext (GETTEXT_PACKAGE, info->label), adjustment,
                        NULL, &self->value_labels[id], &scale);
  self->scales[id] = scale;
  gtk_widget_set_tooltip_text (scale, g_dgettext (GETTEXT_PACKAGE, info->blurb));
  /* Healthy marks where health has a value: valves, muscle, obstruction,
   * compression. Height has none; the weight mark is the reference
   * subject of the measurements (75 kg, 175 cm), not a target. */
  if (id == SOLEUS_PARAM_WEIGHT_KG)
    gtk_scale_add_mark (GTK_SCALE (scale), info->healthy_value, GTK_POS_BOTTOM,
                        C_("slider mark", "reference"));
  else if (id != SOLEUS_PARAM_HEIGHT_CM)
    gtk_scale_add_mark (GTK_SCALE (scale), info->healthy_value, GTK_POS_BOTTOM,
                        C_("slider mark", "healthy"));
  g_object_bind_property (self->simulation, info->name, adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  update_control_value (self, id);

  return row;
}

static void
combo_selected_cb (AdwComboRow  *row,
                   GParamSpec   *pspec,
                   SoleusWindow *self)
{
  SoleusParamId id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "soleus-param"));

  g_object_set (self->simulation, soleus_param_info (id)->name,
                (double) adw_combo_row_get_selected (row), NULL);
}

static void
combo_follow_cb (SoleusSimulation *simulation,
                 GParamSpec       *pspec,
                 AdwComboRow      *row)
{
  SoleusParamId id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "soleus-param"));
  guint selected = (guint) soleus_simulation_get_control (simulation, id);

  if (adw_combo_row_get_selected (row) != selected)
    adw_combo_row_set_selected (row, selected);
}

static void
add_combo (SoleusWindow  *self,
           GtkWidget     *row,
           SoleusParamId  id)
{
  g_autofree char *detail = g_strdup_printf ("notify::%s", soleus_param_info (id)->name);

  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_signal_connect_object (self->simulation, detail, G_CALLBACK (combo_follow_cb), row, 0);
}

static void
build_controls (SoleusWindow *self)
{
  static const SoleusParamId main_params[] = {
    SOLEUS_PARAM_VALVE_WEAKNESS, SOLEUS_PARAM_ATROPHY, SOLEUS_PARAM_WEIGHT_KG,
  };
  GtkWidget *row;
  GtkWidget *scale;

  /* Posture first: it decides what the activity slider does. */
  row = make_param_row (self, SOLEUS_PARAM_POSTURE);
  add_combo (self, row, SOLEUS_PARAM_POSTURE);
  adw_preferences_group_add (self->controls_group, row);

  self->activity = gtk_adjustment_new (0.0, 0.0, 6.0, 0.1, 1.0, 0.0);
  row = make_scale_row (self, _("Activity"), self->activity,
                        &self->activity_title, &self->activity_value, &scale);
  self->scales[SOLEUS_PARAM_SPEED_KMH] = scale;
  gtk_scale_add_mark (GTK_SCALE (scale), 0.0, GTK_POS_BOTTOM, C_("activity", "still"));
  /* 3 km/h (30 pumps a minute): the pace of the walking measurements. */
  gtk_scale_add_mark (GTK_SCALE (scale), 3.0, GTK_POS_BOTTOM, NULL);
  gtk_widget_set_tooltip_text (scale, _("Walking speed when standing; ankle pumps a minute "
                                        "(tenfold) when sitting or lying"));
  g_signal_connect (self->activity, "value-changed", G_CALLBACK (activity_changed_cb), self);
  adw_preferences_group_add (self->controls_group, row);
  update_activity (self);

  for (guint i = 0; i < G_N_ELEMENTS (main_params); i++)
    adw_preferences_group_add (self->controls_group, make_param_row (self, main_params[i]));

  row = make_param_row (self, SOLEUS_PARAM_REFLUX_SITE);
  add_combo (self, row, SOLEUS_PARAM_REFLUX_SITE);
  adw_expander_row_add_row (self->advanced_row, row);
  adw_expander_row_add_row (self->advanced_row, make_param_row (self, SOLEUS_PARAM_HEIGHT_CM));
  adw_expander_row_add_row (self->advanced_row, make_param_row (self, SOLEUS_PARAM_OBSTRUCTION));
  adw_expander_row_add_row (self->advanced_row,
                            make_param_row (self, SOLEUS_PARAM_COMPRESSION_MMHG));
  adw_expander_row_add_row (self->advanced_row,
                            make_param_row (self, SOLEUS_PARAM_ANKLE_MOBILITY));

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      g_autofree char *detail = g_strdup_printf ("notify::%s", soleus_param_info (i)->name);

      g_signal_connect (self->simulation, detail, G_CALLBACK (control_notify_cb), self);
    }
}

/* ---------------------------------------------------------------------- */
/* Scenarios */

static void
scenario_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       SoleusWindow  *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "soleus-scenario");

  gtk_popover_popdown (gtk_menu_button_get_popover (self->scenario_button));
  gtk_widget_activate_action (GTK_WIDGET (self), "app.scenario", "s", name);
}

static void
build_scenarios (SoleusWindow *self)
{
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;

      /* Digits 1-9 pick the first nine. */
      if (i < 9)
        title = g_strdup_printf ("%zu. %s", i + 1, g_dgettext (GETTEXT_PACKAGE, scenario->title));
      else
        title = g_strdup (g_dgettext (GETTEXT_PACKAGE, scenario->title));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   g_dgettext (GETTEXT_PACKAGE, scenario->description));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "soleus-scenario", (gpointer) scenario->name);
      gtk_list_box_append (self->scenario_list, row);
    }

  g_signal_connect (self->scenario_list, "row-activated",
                    G_CALLBACK (scenario_activated_cb), self);
}

static void
update_title (SoleusWindow *self)
{
  const char *title = soleus_simulation_get_scenario_title (self->simulation);

  adw_window_title_set_subtitle (self->window_title,
                                 title != NULL ? title : _("The calf muscle pump"));
}

/* ---------------------------------------------------------------------- */
/* Playback, clock, caption */

static void
update_playback (SoleusWindow *self)
{
  gboolean playing = soleus_simulation_get_playing (self->simulation);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
}

static void
update_texts (SoleusWindow *self,
              gboolean      force)
{
  const SoleusSnapshot *snapshot = soleus_simulation_get_snapshot (self->simulation);
  guint64 seconds = (guint64) snapshot->time_s;
  g_autofree char *clock = NULL;
  g_autofree char *caption = NULL;
  gint64 now = g_get_monotonic_time ();

  if (force || seconds != self->clock_seconds)
    {
      g_autofree char *clock_a11y = NULL;

      self->clock_seconds = seconds;
      clock = g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u",
                               seconds / 3600, (guint) (seconds / 60 % 60),
                               (guint) (seconds % 60));
      gtk_label_set_label (self->clock_label, clock);
      /* Translators: what a screen reader says of the clock */
      clock_a11y = g_strdup_printf (_("Simulated time %s"), clock);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->clock_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, clock_a11y,
                                      -1);
    }

  if (self->presenting)
    {
      g_autofree char *headline = NULL;
      SoleusReadouts readouts;

      soleus_simulation_get_readouts (self->simulation, &readouts);
      headline = soleus_format_pressure (snapshot->walking ? readouts.ankle_pressure_mean_mmhg
                                                           : readouts.ankle_pressure_mmhg,
                                         pressure_unit (self));
      /* Translators: the large headline in presentation mode */
      g_autofree char *text = g_strdup_printf (_("Ankle vein pressure %s"), headline);
      if (g_strcmp0 (gtk_label_get_label (self->stage_headline), text) != 0)
        gtk_label_set_label (self->stage_headline, text);
    }

  caption = soleus_narrate_caption (snapshot);
  {
    SoleusReadouts readouts;
    const char *feeling;

    /* The caption also says what a patient would feel, when the values call
     * for it. */
    soleus_simulation_get_readouts (self->simulation, &readouts);
    feeling = soleus_narrate_feeling (snapshot, &readouts);
    if (feeling != NULL)
      {
        char *with_feeling = g_strdup_printf ("%s %s", caption, feeling);

        g_free (caption);
        caption = with_feeling;
      }
  }
  if (g_strcmp0 (caption, self->caption) != 0)
    {
      g_free (self->caption);
      self->caption = g_steal_pointer (&caption);
      gtk_label_set_label (self->caption_label, self->caption);
    }

  /* The description for screen readers changes at most once a second, so
   * that it can be read. */
  if (force || now - self->last_text_update > G_USEC_PER_SEC)
    {
      SoleusReadouts readouts;
      g_autofree char *description = NULL;

      soleus_simulation_get_readouts (self->simulation, &readouts);
      description = soleus_narrate_description (snapshot, &readouts, pressure_unit (self));
      if (g_strcmp0 (description, self->description) != 0)
        {
          g_free (self->description);
          self->description = g_steal_pointer (&description);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_area),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                          -1);
        }
      self->last_text_update = now;
    }
}

static void
advanced_cb (SoleusSimulation *simulation,
             SoleusWindow     *self)
{
  update_texts (self, FALSE);
}

static void
notify_playing_cb (SoleusSimulation *simulation,
                   GParamSpec       *pspec,
                   SoleusWindow     *self)
{
  update_playback (self);
}

static void
notify_scenario_cb (SoleusSimulation *simulation,
                    GParamSpec       *pspec,
                    SoleusWindow     *self)
{
  update_title (self);
  reset_steps (self);
}

static void
notify_rate_cb (SoleusSimulation *simulation,
                GParamSpec       *pspec,
                SoleusWindow     *self)
{
  double rate = soleus_simulation_get_rate (simulation);
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (rates); i++)
    if (fabs (log (rates[i] / rate)) < fabs (log (rates[best] / rate)))
      best = i;

  /* Show the nearest preset without writing it back: a script may ask
   * for a rate between the presets. */
  self->updating_speed = TRUE;
  if (gtk_drop_down_get_selected (self->speed_dropdown) != best)
    gtk_drop_down_set_selected (self->speed_dropdown, best);
  self->updating_speed = FALSE;
}

static void
speed_selected_cb (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   SoleusWindow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating_speed)
    return;

  if (selected < G_N_ELEMENTS (rates)
      && !G_APPROX_VALUE (rates[selected], soleus_simulation_get_rate (self->simulation), 1e-9))
    soleus_simulation_set_rate (self->simulation, rates[selected]);
}

static void
build_speed_dropdown (SoleusWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *label = NULL;

      if (rates[i] < 1.0)
        /* Translators: slow-motion playback speed, "0.25×" */
        label = g_strdup_printf (_("%g× slow"), rates[i]);
      else
        /* Translators: playback speed, "60×" */
        label = g_strdup_printf (_("%g×"), rates[i]);
      gtk_string_list_append (labels, label);
    }

  gtk_drop_down_set_model (self->speed_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->speed_dropdown, 3);
  g_signal_connect (self->speed_dropdown, "notify::selected",
                    G_CALLBACK (speed_selected_cb), self);
}

/* ---------------------------------------------------------------------- */
/* Presenter steps, compare mode, presentation mode */

static void
update_step_label (SoleusWindow *self)
{
  g_autofree char *text = NULL;

  if (self->step_index < 0)
    {
      gtk_label_set_label (self->step_label,
                           _("PageDown starts the steps of this scenario."));
      return;
    }

  /* Translators: "Step 2 of 5: Walking, the foot and calf pumps ..." */
  text = g_strdup_printf (_("Step %d of %u: %s"), self->step_index + 1,
                          soleus_steps_get_n (self->steps),
                          soleus_steps_get (self->steps, self->step_index)->caption);
  gtk_label_set_label (self->step_label, text);
}

static void
reset_steps (SoleusWindow *self)
{
  const char *name = soleus_simulation_get_scenario (self->simulation);
  const SoleusScenario *scenario = name != NULL ? soleus_scenario_find (name) : NULL;

  SoleusScenarioFile *file = soleus_simulation_get_scenario_file (self->simulation);

  g_clear_pointer (&self->steps, soleus_steps_free);
  if (file != NULL)
    self->steps = soleus_steps_new_for_file (file);
  else
    self->steps = scenario != NULL ? soleus_steps_new_for_scenario (scenario)
                                   : soleus_steps_new_tour ();
  self->step_index = -1;
  update_step_label (self);
}

static void
go_to_step (SoleusWindow *self,
            int           index)
{
  const SoleusStep *step;

  if (self->steps == NULL || soleus_steps_get_n (self->steps) == 0)
    return;

  index = CLAMP (index, 0, (int) soleus_steps_get_n (self->steps) - 1);
  step = soleus_steps_get (self->steps, index);
  self->step_index = index;

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    if (!isnan (step->controls[i]))
      g_object_set (self->simulation, soleus_param_info (i)->name, step->controls[i], NULL);

  soleus_simulation_set_playing (self->simulation, TRUE);
  update_step_label (self);
  update_texts (self, TRUE);
}

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  go_to_step (self, self->step_index + 1);
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  go_to_step (self, MAX (self->step_index - 1, 0));
}

/* ---------------------------------------------------------------------- */
/* Export with a file chooser */

static void
show_toast (SoleusWindow *self,
            const char   *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* "Saved “leg.png”" (or "Recorded"), or why not. */
static void
toast_result (SoleusWindow *self,
              gboolean      ok,
              GFile        *file,
              gboolean      recorded,
              const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!ok)
    {
      show_toast (self, error->message);
      return;
    }

  name = g_file_get_basename (file);
  text = recorded ? g_strdup_printf (_("Recorded “%s”"), name)
                  : g_strdup_printf (_("Saved “%s”"), name);
  show_toast (self, text);
}

/* ---------------------------------------------------------------------- */
/* Scenario files */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *mb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (mb, ma);
}

/* What a person asked for in the window gets a dialog, one at a time: a
 * new error replaces the one shown. */
static void
show_error_dialog (SoleusWindow *self,
                   const char   *heading,
                   const char   *body)
{
  GtkWidget *dialog;

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  self->error_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file job's failure: a scripted action (action names it) reports it in
 * the log, as for any bad scripted input, and never opens a dialog; a
 * person sees it in a dialog or a toast. */
static void
report_failure (SoleusWindow *self,
                const char   *action,
                const char   *heading,
                const char   *message,
                const char   *consequence,
                gboolean      dialog)
{
  if (action != NULL)
    g_warning ("%s: %s%s", action, message, consequence);
  else if (dialog)
    show_error_dialog (self, heading, message);
  else
    show_toast (self, message);
}

static void
job_started (SoleusWindow *self)
{
  self->jobs_pending++;
}

static void
job_done (SoleusWindow *self)
{
  g_assert (self->jobs_pending > 0);
  self->jobs_pending--;
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

typedef enum
{
  OPEN_AS_THIS_LEG,
  OPEN_AS_OTHER_LEG,
} OpenAs;

typedef struct
{
  char               *path;
  char               *action;  /* "app.open" when scripted, NULL for a person */
  OpenAs              open_as;
  gboolean            read;    /* the worker has finished with it */
  SoleusScenarioFile *file;    /* what it read, or NULL and error */
  GError             *error;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job->action);
  g_clear_pointer (&job->file, soleus_scenario_file_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* Reading happens in a worker thread: a slow disk or a file that is not
 * what it claims never freezes the window (the reader itself refuses
 * what is not a regular file and what is too large). */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  SoleusScenarioFile *file = soleus_scenario_file_load (job->path, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) soleus_scenario_file_free);
}

/* One read file, taken in the window. */
static void
apply_opened (SoleusWindow *self,
              OpenJob      *job)
{
  g_autofree char *uri = NULL;

  if (job->file == NULL)
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      g_free (self->last_error);
      self->last_error = g_strdup (job->error->message);
      report_failure (self, job->action, heading, job->error->message,
                      "; the session is kept", TRUE);
      return;
    }

  g_clear_pointer (&self->last_error, g_free);
  uri = g_filename_to_uri (job->path, NULL, NULL);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  if (job->open_as == OPEN_AS_THIS_LEG)
    soleus_simulation_load_scenario_file (self->simulation, g_steal_pointer (&job->file));
  else
    {
      /* Two saved scenarios side by side: the other leg plays this file in
       * step with the open one. */
      soleus_simulation_set_reference_file (self->simulation, g_steal_pointer (&job->file));
      soleus_window_set_compare (self, TRUE);
    }
  soleus_simulation_set_playing (self->simulation, TRUE);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SoleusWindow *self = SOLEUS_WINDOW (source);
  OpenJob *job = user_data;

  job->file = g_task_propagate_pointer (G_TASK (result), &job->error);
  job->read = TRUE;

  /* The window has gone (its dispose cancels): nothing left to show. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Files are taken in the order they were asked for, whichever thread
   * finishes first. */
  while (!g_queue_is_empty (&self->opens)
         && ((OpenJob *) g_queue_peek_head (&self->opens))->read)
    {
      OpenJob *head = g_queue_pop_head (&self->opens);

      apply_opened (self, head);
      open_job_free (head);
      job_done (self);
    }
}

static void
load_file (SoleusWindow *self,
           const char   *path,
           const char   *action,
           OpenAs        open_as)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job = g_new0 (OpenJob, 1);

  job->path = g_strdup (path);
  job->action = g_strdup (action);
  job->open_as = open_as;
  g_queue_push_tail (&self->opens, job);

  task = g_task_new (self, NULL, file_loaded_cb, job);
  g_task_set_source_tag (task, load_file);
  g_task_set_task_data (task, job, NULL);
  job_started (self);
  g_task_run_in_thread (task, load_in_thread);
}

void
soleus_window_open_file (SoleusWindow *self,
                         const char   *path,
                         const char   *action)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load_file (self, path, action, OPEN_AS_THIS_LEG);
}

void
soleus_window_compare_file (SoleusWindow *self,
                            const char   *path,
                            const char   *action)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  load_file (self, path, action, OPEN_AS_OTHER_LEG);
}

/* The leg as it is set now, as a scenario file: the open file's title,
 * timeline and steps are kept, with the controls as they stand. */
gboolean
soleus_window_save_file (SoleusWindow *self,
                         const char   *path,
                         GError      **error)
{
  SoleusScenarioFile *open_file = soleus_simulation_get_scenario_file (self->simulation);
  const char *name = soleus_simulation_get_scenario (self->simulation);
  const SoleusScenario *builtin = name != NULL ? soleus_scenario_find (name) : NULL;
  g_autoptr(SoleusScenarioFile) file = NULL;
  g_autofree char *data = NULL;
  g_autofree char *uri = NULL;
  gsize length;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (open_file != NULL)
    {
      data = soleus_scenario_file_to_data (open_file, &length);
      file = soleus_scenario_file_load_from_data (data, length, NULL, error);
      if (file == NULL)
        return FALSE;
    }
  else if (builtin != NULL)
    file = soleus_scenario_file_from_builtin (builtin);
  else
    {
      file = soleus_scenario_file_new ();
      soleus_scenario_file_set_title (file, NULL, _("My leg"));
    }

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    soleus_scenario_file_set_control (file, i,
                                      soleus_simulation_get_control (self->simulation, i));

  if (!soleus_scenario_file_save (file, path, error))
    return FALSE;

  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  return TRUE;
}

/* The last scenario files opened or saved, newest first. */
static void
update_recent_menu (SoleusWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      const char *uri = gtk_recent_info_get_uri (l->data);
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (path == NULL || !g_str_has_suffix (path, ".soleus")
          || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      name = g_filename_display_basename (path);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open", g_variant_new_string (path));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---------------------------------------------------------------------- */
/* Recording a loop */

typedef struct
{
  SoleusModel        *model;
  SoleusScenarioFile *file;       /* a copy of the open file, or NULL */
  const SoleusScenario *builtin;  /* a built-in scenario, or NULL */
  gboolean            settle;
  double              seconds;
  SoleusPalette       palette;
  char               *path;
  char               *action;     /* "app.record" when scripted */
} RecordJob;

static void
record_job_free (RecordJob *job)
{
  g_clear_pointer (&job->model, soleus_model_free);
  g_clear_pointer (&job->file, soleus_scenario_file_free);
  g_free (job->path);
  g_free (job->action);
  g_free (job);
}

static void
record_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RecordJob *job = task_data;
  const SoleusScenario *scenario = job->file != NULL
                                   ? soleus_scenario_file_as_scenario (job->file)
                                   : job->builtin;
  GError *error = NULL;

  if (job->settle)
    soleus_model_advance_to (job->model, 120.0);
  if (soleus_render_record_model (job->model, scenario, job->seconds, 30.0, 960, 540,
                                  job->palette, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SoleusWindow *self = SOLEUS_WINDOW (source);
  RecordJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    report_failure (self, job->action, NULL, error->message, "", FALSE);
  else if (job->action == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (job->path);

      toast_result (self, TRUE, file, TRUE, NULL);
    }
  job_done (self);
}

/* Renders N seconds from simulation steps at a fixed frame rate, not from
 * the screen, so the loop is smooth whatever the machine. It starts from a
 * copy of the running scenario's model, so nothing is replayed however long
 * the session has run, or settles two minutes with the controls as they
 * stand; and it renders in a worker thread, so the window keeps going. */
void
soleus_window_record (SoleusWindow *self,
                      const char   *path,
                      double        seconds,
                      const char   *action)
{
  const char *name = soleus_simulation_get_scenario (self->simulation);
  SoleusScenarioFile *file = soleus_simulation_get_scenario_file (self->simulation);
  g_autoptr(GTask) task = NULL;
  RecordJob *job;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (RecordJob, 1);
  job->seconds = seconds;
  job->palette = current_palette (self);
  job->path = g_strdup (path);
  job->action = g_strdup (action);

  if (file != NULL)
    {
      gsize length;
      g_autofree char *data = soleus_scenario_file_to_data (file, &length);

      job->file = soleus_scenario_file_load_from_data (data, length, NULL, NULL);
    }
  else if (name != NULL)
    job->builtin = soleus_scenario_find (name);

  if (job->file != NULL || job->builtin != NULL)
    job->model = soleus_simulation_copy_model (self->simulation);
  else
    {
      job->model = soleus_model_new ();
      for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
        soleus_model_set_param (job->model, i,
                                soleus_simulation_get_control (self->simulation, i));
      job->settle = TRUE;
    }
  if (job->model == NULL)
    g_error ("Not enough memory for a recording");

  task = g_task_new (self, NULL, recorded_cb, NULL);
  g_task_set_source_tag (task, soleus_window_record);
  g_task_set_task_data (task, job, (GDestroyNotify) record_job_free);
  job_started (self);
  g_task_run_in_thread (task, record_in_thread);
}


/* ---------------------------------------------------------------------- */
/* File choosers: every file the window reads or writes goes through one */

/* win.file's parameter; the main menu in ui/soleus-window.ui names these
 * by number. */
typedef enum
{
  FILE_PICTURE,
  FILE_CSV,
  FILE_OPEN,
  FILE_COMPARE,
  FILE_SAVE,
  FILE_RECORD,
  N_FILE_JOBS
} FileJob;

static const struct {
  const char           *title;
  const char           *accept;
  GtkFileChooserAction  action;
  const char           *filter_name;
  const char           *suffixes;      /* space-separated */
  const char           *current_name;  /* NULL for an open dialog */
} file_jobs[] = {
  [FILE_PICTURE] = { N_("Save Picture"), N_("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE,
                     N_("Pictures (PNG, SVG, PDF)"), "png svg pdf", N_("soleus-leg.png") },
  [FILE_CSV] = { N_("Export Data"), N_("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE,
                 N_("Comma-separated values"), "csv", N_("soleus-data.csv") },
  [FILE_OPEN] = { N_("Open Scenario"), N_("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN,
                  N_("Soleus scenarios"), "soleus", NULL },
  [FILE_COMPARE] = { N_("Compare with a Scenario"), N_("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN,
                     N_("Soleus scenarios"), "soleus", NULL },
  [FILE_SAVE] = { N_("Save Scenario"), N_("_Save"), GTK_FILE_CHOOSER_ACTION_SAVE,
                  N_("Soleus scenarios"), "soleus", N_("my-leg.soleus") },
  [FILE_RECORD] = { N_("Record a Five-Second Loop"), N_("_Record"), GTK_FILE_CHOOSER_ACTION_SAVE,
                    N_("Animated PNG"), "png", N_("soleus-loop.png") },
};

static void
file_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  SoleusWindow    *self)
{
  FileJob job = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "soleus-file-job"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);

  switch (job)
    {
    case FILE_PICTURE:
      toast_result (self, soleus_window_save_screenshot (self, path, &error), file, FALSE, error);
      break;
    case FILE_CSV:
      toast_result (self, soleus_window_export_csv (self, path, &error), file, FALSE, error);
      break;
    case FILE_RECORD:
      /* The rule of app.record and soleus-cli record: a name the format
       * would not match is not written. */
      if (!soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, path))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("“%s” does not end in .png: a loop is "
                                                     "saved as an animated PNG"), name);

          show_toast (self, text);
          break;
        }
      /* Tells when it is done, or why not. */
      soleus_window_record (self, path, 5.0, NULL);
      break;
    case FILE_OPEN:
      /* A file that does not load shows its own dialog. */
      soleus_window_open_file (self, path, NULL);
      break;
    case FILE_COMPARE:
      soleus_window_compare_file (self, path, NULL);
      break;
    case FILE_SAVE:
      if (soleus_window_save_file (self, path, &error))
        toast_result (self, TRUE, file, FALSE, NULL);
      else
        show_error_dialog (self, _("Could not save the scenario"), error->message);
      break;
    case N_FILE_JOBS:
    default:
      g_assert_not_reached ();
    }

out:
  g_object_unref (dialog);
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  int job = g_variant_get_int32 (parameter);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_auto(GStrv) suffixes = NULL;

  g_return_if_fail (job >= 0 && job < N_FILE_JOBS);

  filter = gtk_file_filter_new ();
  suffixes = g_strsplit (file_jobs[job].suffixes, " ", -1);

  dialog = gtk_file_chooser_native_new (_(file_jobs[job].title), GTK_WINDOW (self),
                                        file_jobs[job].action,
                                        _(file_jobs[job].accept), _("_Cancel"));
  gtk_file_filter_set_name (filter, _(file_jobs[job].filter_name));
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (file_jobs[job].current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                       _(file_jobs[job].current_name));
  g_object_set_data (G_OBJECT (dialog), "soleus-file-job", GINT_TO_POINTER (job));
  g_signal_connect (dialog, "response", G_CALLBACK (file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---------------------------------------------------------------------- */
/* The patient handout */

typedef struct
{
  SoleusReadouts       leg_readouts;
  SoleusReadouts       healthy_readouts;
  char                *date;
  SoleusHandoutContent content;
} Handout;

static void
handout_free (Handout *handout)
{
  g_free (handout->date);
  g_free (handout);
}

/* This leg beside a healthy leg doing the same, as they are now. */
static Handout *
handout_new (SoleusWindow *self)
{
  Handout *handout = g_new0 (Handout, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  soleus_simulation_get_readouts (self->simulation, &handout->leg_readouts);
  soleus_simulation_get_reference_readouts (self->simulation, &handout->healthy_readouts);
  /* The date in the locale's own way. */
  handout->date = g_date_time_format (now, "%x");
  handout->content.leg = soleus_simulation_get_snapshot (self->simulation);
  handout->content.leg_readouts = &handout->leg_readouts;
  handout->content.healthy = soleus_simulation_get_reference_snapshot (self->simulation);
  handout->content.healthy_readouts = &handout->healthy_readouts;
  handout->content.date_text = handout->date;

  return handout;
}

static void
draw_handout_page_cb (GtkPrintOperation *operation,
                      GtkPrintContext   *context,
                      int                page,
                      Handout           *handout)
{
  soleus_handout_paint (gtk_print_context_get_cairo_context (context), &handout->content,
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  Handout *handout = handout_new (self);

  /* The picture stands still while the page is made. */
  soleus_simulation_set_playing (self->simulation, FALSE);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Soleus handout"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_handout_page_cb), handout);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);

  handout_free (handout);
}

gboolean
soleus_window_write_handout (SoleusWindow *self,
                             const char   *path,
                             GError      **error)
{
  Handout *handout;
  gboolean ok;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  handout = handout_new (self);
  ok = soleus_handout_write_pdf (&handout->content, path, error);
  handout_free (handout);

  return ok;
}

/* ---------------------------------------------------------------------- */
/* Window actions (keyboard and header bar) */

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  soleus_simulation_set_playing (self->simulation,
                                 !soleus_simulation_get_playing (self->simulation));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  soleus_simulation_set_playing (self->simulation, FALSE);
  soleus_simulation_step (self->simulation);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  soleus_simulation_reset (self->simulation);
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

/* Esc leaves presentation mode, or else full screen. */
static void
unfullscreen_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SoleusWindow *self = SOLEUS_WINDOW (widget);

  if (self->presenting)
    soleus_window_set_presenting (self, FALSE);
  else if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
}

static void
scenario_key_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  guint index = g_variant_get_uint32 (parameter);
  const SoleusScenario *scenario;

  if (index >= soleus_scenario_count ())
    return;

  scenario = soleus_scenario_get (index);
  gtk_widget_activate_action (widget, "app.scenario", "s", scenario->name);
}

/* ---------------------------------------------------------------------- */
/* Lifecycle */

static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     SoleusWindow *self)
{
  if (g_str_equal (key, "palette"))
    apply_palette (self);
  else if (g_str_equal (key, "reduced-motion"))
    soleus_play_area_set_reduced_motion (self->play_area,
                                         g_settings_get_boolean (settings, key));
  else if (g_str_equal (key, "pressure-unit") || g_str_equal (key, "weight-unit"))
    {
      soleus_readout_panel_set_pressure_unit (self->readouts, pressure_unit (self));
      soleus_strip_chart_set_pressure_unit (self->strip_chart, pressure_unit (self));
      for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
        update_control_value (self, i);
      update_texts (self, TRUE);
    }
}

static void
style_changed_cb (AdwStyleManager *style,
                  GParamSpec      *pspec,
                  SoleusWindow    *self)
{
  apply_palette (self);
}

static gboolean
soleus_window_close_request (GtkWindow *window)
{
  save_window_state (SOLEUS_WINDOW (window));

  return GTK_WINDOW_CLASS (soleus_window_parent_class)->close_request (window);
}

static void
soleus_window_dispose (GObject *object)
{
  SoleusWindow *self = SOLEUS_WINDOW (object);

  /* A window destroyed without a close request (app.quit) saves too. */
  save_window_state (self);
  /* File jobs still running in worker threads find the window gone. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  if (self->simulation != NULL)
    g_signal_handlers_disconnect_by_data (self->simulation, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLEUS_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->simulation);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (soleus_window_parent_class)->dispose (object);
}

static void
soleus_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SoleusWindow *self = SOLEUS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;

    case PROP_PRESENTING:
      g_value_set_boolean (value, self->presenting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SoleusWindow *self = SOLEUS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      soleus_window_set_compare (self, g_value_get_boolean (value));
      break;

    case PROP_PRESENTING:
      soleus_window_set_presenting (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_window_finalize (GObject *object)
{
  SoleusWindow *self = SOLEUS_WINDOW (object);

  g_clear_pointer (&self->steps, soleus_steps_free);
  g_free (self->caption);
  g_free (self->description);
  g_free (self->last_error);
  g_clear_object (&self->cancellable);
  /* Jobs still queued belong to the window; their tasks are done (each
   * holds the window until it is). */
  g_queue_clear_full (&self->opens, (GDestroyNotify) open_job_free);

  G_OBJECT_CLASS (soleus_window_parent_class)->finalize (object);
}

static void
soleus_window_class_init (SoleusWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = soleus_window_dispose;
  object_class->finalize = soleus_window_finalize;
  object_class->get_property = soleus_window_get_property;
  object_class->set_property = soleus_window_set_property;

  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SoleusWindow::state-changed:
   *
   * What the window shows changed outside the simulation's clock: a file
   * job finished, or failed.
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  window_class->close_request = soleus_window_close_request;

  g_type_ensure (SOLEUS_TYPE_PLAY_AREA);
  g_type_ensure (SOLEUS_TYPE_STRIP_CHART);
  g_type_ensure (SOLEUS_TYPE_READOUT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/soleus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, scenario_list);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_overlay);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_area);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, strip_chart);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, readouts);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, controls_group);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, stage_info);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, stage_headline);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, presentation_indicator);

  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.unfullscreen", NULL, unfullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-key", "u", scenario_key_action);
  gtk_widget_class_install_action (widget_class, "win.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-step", NULL,
                                   previous_step_action);
  gtk_widget_class_install_property_action (widget_class, "win.compare", "compare");
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.file", "i", file_action);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presenting");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.unfullscreen", NULL);
  /* What presentation clickers send. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.next-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "win.previous-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.file", "i", FILE_PICTURE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.file", "i", FILE_CSV);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.file", "i", FILE_OPEN);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.file", "i", FILE_SAVE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.compare", NULL);
  for (guint i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0,
                                           "win.scenario-key", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0,
                                           "win.scenario-key", "u", i);
    }
}

static void
soleus_window_init (SoleusWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

SoleusWindow *
soleus_window_new (SoleusApplication *application)
{
  SoleusWindow *self;

  g_return_val_if_fail (SOLEUS_IS_APPLICATION (application), NULL);

  self = g_object_new (SOLEUS_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (soleus_application_get_settings (application));
  /* Every session starts the simulation clean: nothing of it is saved. */
  self->simulation = soleus_simulation_new ();

  soleus_play_area_set_simulation (self->play_area, self->simulation);
  soleus_strip_chart_set_simulation (self->strip_chart, self->simulation);
  soleus_readout_panel_set_simulation (self->readouts, self->simulation);
  soleus_readout_panel_set_pressure_unit (self->readouts, pressure_unit (self));
  soleus_strip_chart_set_pressure_unit (self->strip_chart, pressure_unit (self));
  soleus_play_area_set_reduced_motion (self->play_area,
                                       g_settings_get_boolean (self->settings, "reduced-motion"));

  build_speed_dropdown (self);
  build_controls (self);
  build_scenarios (self);

  /* Open Recent, under Open Scenario in the main menu. */
  self->recent_menu = g_menu_new ();
  {
    g_autoptr(GMenuModel) files =
      g_menu_model_get_item_link (gtk_menu_button_get_menu_model (self->primary_menu_button),
                                  0, G_MENU_LINK_SECTION);

    g_menu_insert_submenu (G_MENU (files), 1, _("Open _Recent"),
                           G_MENU_MODEL (self->recent_menu));
  }
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  g_signal_connect (self->simulation, "advanced", G_CALLBACK (advanced_cb), self);
  g_signal_connect (self->simulation, "notify::playing", G_CALLBACK (notify_playing_cb), self);
  g_signal_connect (self->simulation, "notify::scenario", G_CALLBACK (notify_scenario_cb), self);
  g_signal_connect (self->simulation, "notify::rate", G_CALLBACK (notify_rate_cb), self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (style_changed_cb), self);
  g_signal_connect (adw_style_manager_get_default (), "notify::high-contrast",
                    G_CALLBACK (style_changed_cb), self);

  apply_palette (self);
  update_playback (self);
  update_title (self);
  reset_steps (self);
  update_texts (self, TRUE);
  restore_window_state (self);

  return self;
}

SoleusSimulation *
soleus_window_get_simulation (SoleusWindow *self)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), NULL);

  return self->simulation;
}

gboolean
soleus_window_save_screenshot (SoleusWindow *self,
                               const char   *path,
                               GError      **error)
{
  SoleusRenderFormat format;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!soleus_render_format_from_path (path, &format, error))
    return FALSE;

  /* Through the io library's one writer (soleus-file-writer.h), as the
   * CLI writes: an unguessable temporary name never followed through a
   * link, the old file's mode and links kept, devices written as they are. */
  return soleus_play_area_save_picture (self->play_area, path, format, error);
}

/* The strip chart's data in the CSV dialect soleus-cli writes too
 * (soleus-csv.h): comment lines with the controls and the model version,
 * then one row per sample, in the C locale whatever the language. */
static GString *
format_csv (SoleusWindow *self)
{
  static const char *const columns[] = {
    "time_s", "ankle_pressure_mmHg", "calf_volume_change_mL",
    "healthy_ankle_pressure_mmHg", "healthy_calf_volume_change_mL",
  };
  const SoleusHistorySample *first, *second;
  guint n_first, n_second, n;
  GString *csv = g_string_new (NULL);
  const char *scenario = soleus_simulation_get_scenario (self->simulation);

  soleus_csv_preamble (csv, "Soleus", PACKAGE_VERSION, PACKAGE_VERSION);
  soleus_csv_comment (csv, "scenario", scenario ? scenario : "none");
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      const SoleusParamInfo *info = soleus_param_info (i);
      double value = soleus_simulation_get_control (self->simulation, i);

      if (info->choices != NULL)
        soleus_csv_comment (csv, info->name, info->choices[(guint) value]);
      else
        soleus_csv_comment_number (csv, info->name, value, info->unit);
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    soleus_csv_field (csv, columns[c]);
  soleus_csv_end_row (csv);

  n = soleus_simulation_get_history (self->simulation, FALSE,
                                     &first, &n_first, &second, &n_second);
  for (guint i = 0; i < n; i++)
    {
      const SoleusHistorySample *s = i < n_first ? &first[i] : &second[i - n_first];

      soleus_csv_number (csv, "%.3f", s->time_s);
      soleus_csv_number (csv, "%.4f", s->ankle_pressure_mmhg);
      soleus_csv_number (csv, "%.4f", s->calf_volume_change_ml);
      soleus_csv_number (csv, "%.4f", s->reference_ankle_pressure_mmhg);
      soleus_csv_number (csv, "%.4f", s->reference_calf_volume_change_ml);
      soleus_csv_end_row (csv);
    }

  return csv;
}

gboolean
soleus_window_export_csv (SoleusWindow *self,
                          const char   *path,
                          GError      **error)
{
  g_autoptr(GString) csv = NULL;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = format_csv (self);

  /* Through the io library's one writer, as the CLI writes. */
  return soleus_file_write_contents (path, csv->str, csv->len, error);
}

GVariant *
soleus_window_describe (SoleusWindow *self)
{
  const SoleusSnapshot *snapshot;
  SoleusReadouts readouts;
  SoleusPlayAreaStats stats;
  GVariantBuilder builder;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), NULL);

  snapshot = soleus_simulation_get_snapshot (self->simulation);
  soleus_simulation_get_readouts (self->simulation, &readouts);
  soleus_play_area_get_stats (self->play_area, &stats);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "time_s", g_variant_new_double (snapshot->time_s));
  g_variant_builder_add (&builder, "{sv}", "step", g_variant_new_uint64 (snapshot->step));
  g_variant_builder_add (&builder, "{sv}", "playing",
                         g_variant_new_boolean (soleus_simulation_get_playing (self->simulation)));
  g_variant_builder_add (&builder, "{sv}", "rate",
                         g_variant_new_double (soleus_simulation_get_rate (self->simulation)));
  g_variant_builder_add (&builder, "{sv}", "scenario",
                         g_variant_new_string (soleus_simulation_get_scenario (self->simulation)
                                               ? soleus_simulation_get_scenario (self->simulation)
                                               : ""));
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    g_variant_builder_add (&builder, "{sv}", soleus_param_info (i)->name,
                           g_variant_new_double (soleus_simulation_get_control (self->simulation,
                                                                                i)));

  g_variant_builder_add (&builder, "{sv}", "ankle_pressure_mmHg",
                         g_variant_new_double (readouts.ankle_pressure_mmhg));
  g_variant_builder_add (&builder, "{sv}", "ankle_pressure_mean_mmHg",
                         g_variant_new_double (readouts.ankle_pressure_mean_mmhg));
  g_variant_builder_add (&builder, "{sv}", "rt90_s", g_variant_new_double (readouts.rt90_s));
  {
    SoleusReadouts other;

    soleus_simulation_get_reference_readouts (self->simulation, &other);
    g_variant_builder_add (&builder, "{sv}", "other_ankle_pressure_mean_mmHg",
                           g_variant_new_double (other.ankle_pressure_mean_mmhg));
    g_variant_builder_add (&builder, "{sv}", "other_time_s",
                           g_variant_new_double (soleus_simulation_get_reference_snapshot (
                                                   self->simulation)->time_s));
    g_variant_builder_add (&builder, "{sv}", "healthy_time_s",
                           g_variant_new_double (soleus_simulation_get_healthy_time (
                                                   self->simulation)));
  }
  g_variant_builder_add (&builder, "{sv}", "calf_ejection_mL",
                         g_variant_new_double (readouts.calf_ejection_ml));
  g_variant_builder_add (&builder, "{sv}", "tissue_fluid_change_mL",
                         g_variant_new_double (readouts.tissue_fluid_change_ml));
  g_variant_builder_add (&builder, "{sv}", "femoral_velocity_cm_s",
                         g_variant_new_double (readouts.femoral_velocity_cm_s));
  g_variant_builder_add (&builder, "{sv}", "stasis_index",
                         g_variant_new_double (readouts.stasis_index));
  /* Blood flow: the core's word ("brisk", "slowing", "pooling"), the
   * numbers that make it, and the word the readout shows (translated). */
  g_variant_builder_add (&builder, "{sv}", "blood_flow",
                         g_variant_new_string (soleus_blood_flow_name (readouts.blood_flow)));
  g_variant_builder_add (&builder, "{sv}", "deep_flow_ratio",
                         g_variant_new_double (readouts.deep_flow_ratio));
  g_variant_builder_add (&builder, "{sv}", "slow_flow_h",
                         g_variant_new_double (readouts.slow_flow_h));
  g_variant_builder_add (&builder, "{sv}", "blood_flow_text",
                         g_variant_new_string (soleus_readout_panel_get_blood_flow (self->readouts)
                                               ? soleus_readout_panel_get_blood_flow (self->readouts)
                                               : ""));
  g_variant_builder_add (&builder, "{sv}", "effort", g_variant_new_double (readouts.effort));
  g_variant_builder_add (&builder, "{sv}", "headline",
                         g_variant_new_string (soleus_readout_panel_get_headline (self->readouts)
                                               ? soleus_readout_panel_get_headline (self->readouts)
                                               : ""));
  g_variant_builder_add (&builder, "{sv}", "caption",
                         g_variant_new_string (self->caption ? self->caption : ""));
  g_variant_builder_add (&builder, "{sv}", "description",
                         g_variant_new_string (self->description ? self->description : ""));
  g_variant_builder_add (&builder, "{sv}", "compare", g_variant_new_boolean (self->compare));
  g_variant_builder_add (&builder, "{sv}", "compare_title",
                         g_variant_new_string (soleus_simulation_get_reference_title (self->simulation)
                                               ? soleus_simulation_get_reference_title (self->simulation)
                                               : ""));
  {
    /* Windows of this process shown now (the main window, dialogs; not
     * the hidden shortcuts window): a script's failures must not stack
     * dialogs. */
    GList *toplevels = gtk_window_list_toplevels ();
    guint shown = 0;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (gtk_widget_get_visible (l->data))
        shown++;
    g_variant_builder_add (&builder, "{sv}", "toplevels", g_variant_new_uint32 (shown));
    g_list_free (toplevels);
  }
  g_variant_builder_add (&builder, "{sv}", "jobs_pending",
                         g_variant_new_uint32 (self->jobs_pending));
  g_variant_builder_add (&builder, "{sv}", "last_error",
                         g_variant_new_string (self->last_error ? self->last_error : ""));
  g_variant_builder_add (&builder, "{sv}", "scenario_title",
                         g_variant_new_string (soleus_simulation_get_scenario_title (self->simulation)
                                               ? soleus_simulation_get_scenario_title (self->simulation)
                                               : ""));
  g_variant_builder_add (&builder, "{sv}", "presenting", g_variant_new_boolean (self->presenting));
  g_variant_builder_add (&builder, "{sv}", "fullscreen",
                         g_variant_new_boolean (gtk_window_is_fullscreen (GTK_WINDOW (self))));
  g_variant_builder_add (&builder, "{sv}", "window_width",
                         g_variant_new_int32 (gtk_widget_get_width (GTK_WIDGET (self))));
  g_variant_builder_add (&builder, "{sv}", "window_height",
                         g_variant_new_int32 (gtk_widget_get_height (GTK_WIDGET (self))));
  {
    int width, height;

    /* The size to return to when unmaximized: what quitting saves. */
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
    g_variant_builder_add (&builder, "{sv}", "default_width", g_variant_new_int32 (width));
    g_variant_builder_add (&builder, "{sv}", "default_height", g_variant_new_int32 (height));
  }
  g_variant_builder_add (&builder, "{sv}", "step_index", g_variant_new_int32 (self->step_index));
  g_variant_builder_add (&builder, "{sv}", "step_caption",
                         g_variant_new_string (gtk_label_get_label (self->step_label)));
  g_variant_builder_add (&builder, "{sv}", "frames_drawn", g_variant_new_uint64 (stats.frames));
  g_variant_builder_add (&builder, "{sv}", "ticking", g_variant_new_boolean (stats.ticking));
  g_variant_builder_add (&builder, "{sv}", "gl", g_variant_new_boolean (stats.gl));
  g_variant_builder_add (&builder, "{sv}", "gl_cells_drawn",
                         g_variant_new_uint64 (stats.gl_cells));
  g_variant_builder_add (&builder, "{sv}", "cairo_cells_drawn",
                         g_variant_new_uint64 (stats.cairo_cells));

  return g_variant_builder_end (&builder);
}

void
soleus_window_set_compare (SoleusWindow *self,
                           gboolean      compare)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  compare = !!compare;
  if (self->compare == compare)
    return;

  self->compare = compare;
  /* Leaving compare mode brings back the healthy leg for next time. */
  if (!compare && soleus_simulation_get_reference_title (self->simulation) != NULL)
    soleus_simulation_set_reference_file (self->simulation, NULL);
  soleus_play_area_set_compare (self->play_area, compare);
  soleus_readout_panel_set_compare (self->readouts, compare);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
}

gboolean
soleus_window_get_compare (SoleusWindow *self)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);

  return self->compare;
}

/* For the stage: full screen, the side panel and header bar hidden, large
 * type, projector colours, and the presenter's steps on PageDown. */
void
soleus_window_set_presenting (SoleusWindow *self,
                              gboolean      presenting)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;

  self->presenting = presenting;
  gtk_widget_set_visible (self->header_bar, !presenting);
  gtk_widget_set_visible (self->sidebar, !presenting);
  gtk_widget_set_visible (self->sidebar_separator, !presenting);
  gtk_widget_set_visible (self->stage_info, presenting);
  /* On a 1024x768 projector the leg needs the height more than the chart. */
  gtk_widget_set_size_request (GTK_WIDGET (self->strip_chart), -1, presenting ? 120 : 170);
  gtk_widget_set_visible (self->presentation_indicator, presenting);

  if (presenting)
    {
      self->scheme_before = adw_style_manager_get_color_scheme (style);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presenting");
      gtk_window_fullscreen (GTK_WINDOW (self));
      update_step_label (self);
    }
  else
    {
      adw_style_manager_set_color_scheme (style, self->scheme_before);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presenting");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }

  apply_palette (self);
  update_texts (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->play_area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

gboolean
soleus_window_get_presenting (SoleusWindow *self)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);

  return self->presenting;
}
