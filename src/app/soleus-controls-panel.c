/* soleus-controls-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side panel's controls, made from the core's parameter table and
 * bound to the simulation's properties, so their ranges are the model's.
 * A binding group holds the sliders' two-way bindings and a signal group
 * the panel's handlers on the simulation: both let go of it together.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-controls-panel.h"
#include "soleus-format.h"

struct _SoleusControlsPanel
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkWidget           *box;
  AdwPreferencesGroup *controls_group;
  AdwExpanderRow      *advanced_row;

  /* Owned references */
  SoleusSimulation    *simulation;
  GBindingGroup       *bindings;      /* simulation -> slider adjustments */
  GSignalGroup        *signals;       /* on the simulation */

  /* State */
  GtkAdjustment       *activity;
  GtkWidget           *activity_title;
  GtkWidget           *activity_value;
  GtkWidget           *value_labels[SOLEUS_N_PARAMS];
  GtkWidget           *scales[SOLEUS_N_PARAMS];
  AdwComboRow         *combos[SOLEUS_N_PARAMS];
  SoleusPressureUnit   pressure_unit;
  SoleusWeightUnit     weight_unit;
  gboolean             updating_activity;
  gboolean             activity_marked;
  gboolean             activity_standing;  /* what its marks are for */
};

G_DEFINE_FINAL_TYPE (SoleusControlsPanel, soleus_controls_panel, GTK_TYPE_WIDGET)

static char *
format_control (SoleusControlsPanel *self,
                SoleusParamId        id,
                double               value)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  switch (id)
    {
    case SOLEUS_PARAM_WEIGHT_KG:
      return soleus_format_weight (value, self->weight_unit);
    case SOLEUS_PARAM_COMPRESSION_MMHG:
      if (value <= 0.0)
        return g_strdup (C_("compression", "None"));
      return soleus_format_pressure (value, self->pressure_unit);
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
update_control_value (SoleusControlsPanel *self,
                      SoleusParamId        id)
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

/* The slider's marks from the parameter table: both ends and the key
 * points, in plain words ("typical adult", "severe") or, where a word would
 * say less than the number (body weight and height), the value in the
 * unit shown. divisor: the slider's scale (the activity slider shows ankle
 * pumps a minute tenfold). */
static void
set_marks (SoleusControlsPanel *self,
           GtkWidget           *scale,
           SoleusParamId        id,
           double               divisor)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  gtk_scale_clear_marks (GTK_SCALE (scale));
  for (guint i = 0; i < SOLEUS_PARAM_MAX_MARKS && info->marks[i].label != NULL; i++)
    {
      const SoleusParamMark *mark = &info->marks[i];
      g_autofree char *number = NULL;

      double at = (mark->value - info->min) / (info->max - info->min);
      /* A key point near an end ("typical adult" at 75 of 40 to 200 kg)
       * would crowd the end's label: it stands above the slider. */
      gboolean crowded = (at > 0.01 && at < 0.25) || (at > 0.75 && at < 0.99);

      if (mark->label[0] == '\0')
        number = format_control (self, id, mark->value);
      gtk_scale_add_mark (GTK_SCALE (scale), mark->value / divisor,
                          crowded ? GTK_POS_TOP : GTK_POS_BOTTOM,
                          number != NULL ? number : g_dgettext (GETTEXT_PACKAGE, mark->label));
    }
}

static void
update_activity (SoleusControlsPanel *self)
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
  if (standing != self->activity_standing || !self->activity_marked)
    {
      self->activity_standing = standing;
      self->activity_marked = TRUE;
      set_marks (self, self->scales[SOLEUS_PARAM_SPEED_KMH],
                 standing ? SOLEUS_PARAM_SPEED_KMH : SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN,
                 standing ? 1.0 : 10.0);
    }
  text = soleus_describe_activity (controls);
  gtk_label_set_label (GTK_LABEL (self->activity_value), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scales[SOLEUS_PARAM_SPEED_KMH]),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
activity_changed_cb (GtkAdjustment       *adjustment,
                     SoleusControlsPanel *self)
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
control_notify_cb (SoleusSimulation    *simulation,
                   GParamSpec          *pspec,
                   SoleusControlsPanel *self)
{
  int id = soleus_param_find (pspec->name);

  if (id < 0)
    return;

  if (self->combos[id] != NULL)
    {
      guint selected = (guint) soleus_simulation_get_control (simulation, id);

      if (adw_combo_row_get_selected (self->combos[id]) != selected)
        adw_combo_row_set_selected (self->combos[id], selected);
    }

  update_control_value (self, id);
  if (id == SOLEUS_PARAM_POSTURE || id == SOLEUS_PARAM_SPEED_KMH
      || id == SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN)
    update_activity (self);
}

static GtkWidget *
make_scale_row (SoleusControlsPanel  *self,
                const char           *title,
                GtkAdjustment        *adjustment,
                GtkWidget           **title_out,
                GtkWidget           **value_out,
                GtkWidget           **scale_out)
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
make_param_row (SoleusControlsPanel *self,
                SoleusParamId        id)
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
  set_marks (self, scale, id, 1.0);
  g_binding_group_bind (self->bindings, info->name, adjustment, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  update_control_value (self, id);

  return row;
}

static void
combo_selected_cb (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   SoleusControlsPanel *self)
{
  SoleusParamId id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "soleus-param"));

  g_object_set (self->simulation, soleus_param_info (id)->name,
                (double) adw_combo_row_get_selected (row), NULL);
}

static void
add_combo (SoleusControlsPanel *self,
           GtkWidget           *row,
           SoleusParamId        id)
{
  self->combos[id] = ADW_COMBO_ROW (row);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
}

static void
build_controls (SoleusControlsPanel *self)
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
}

static void
soleus_controls_panel_dispose (GObject *object)
{
  SoleusControlsPanel *self = SOLEUS_CONTROLS_PANEL (object);

  g_binding_group_set_source (self->bindings, NULL);
  g_signal_group_set_target (self->signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLEUS_TYPE_CONTROLS_PANEL);
  g_clear_object (&self->simulation);

  G_OBJECT_CLASS (soleus_controls_panel_parent_class)->dispose (object);
}

static void
soleus_controls_panel_finalize (GObject *object)
{
  SoleusControlsPanel *self = SOLEUS_CONTROLS_PANEL (object);

  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);

  G_OBJECT_CLASS (soleus_controls_panel_parent_class)->finalize (object);
}

static void
soleus_controls_panel_class_init (SoleusControlsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_controls_panel_dispose;
  object_class->finalize = soleus_controls_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/soleus-controls-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SoleusControlsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SoleusControlsPanel, controls_group);
  gtk_widget_class_bind_template_child (widget_class, SoleusControlsPanel, advanced_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
soleus_controls_panel_init (SoleusControlsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  /* Every control's notification: the value labels, the activity slider
   * and the combo rows follow the simulation. */
  self->signals = g_signal_group_new (SOLEUS_TYPE_SIMULATION);
  g_signal_group_connect_object (self->signals, "notify", G_CALLBACK (control_notify_cb),
                                 self, 0);
}

void
soleus_controls_panel_set_simulation (SoleusControlsPanel *self,
                                      SoleusSimulation    *simulation)
{
  g_return_if_fail (SOLEUS_IS_CONTROLS_PANEL (self));
  g_return_if_fail (SOLEUS_IS_SIMULATION (simulation));
  /* The rows are made for one simulation. */
  g_return_if_fail (self->simulation == NULL);

  self->simulation = g_object_ref (simulation);
  g_binding_group_set_source (self->bindings, simulation);
  build_controls (self);
  g_signal_group_set_target (self->signals, simulation);
}

void
soleus_controls_panel_set_units (SoleusControlsPanel *self,
                                 SoleusPressureUnit   pressure_unit,
                                 SoleusWeightUnit     weight_unit)
{
  g_return_if_fail (SOLEUS_IS_CONTROLS_PANEL (self));

  if (self->pressure_unit == pressure_unit && self->weight_unit == weight_unit)
    return;

  self->pressure_unit = pressure_unit;
  self->weight_unit = weight_unit;
  if (self->simulation == NULL)
    return;

  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    update_control_value (self, i);
  /* Body weight's ends are numbers in the unit shown. */
  if (self->scales[SOLEUS_PARAM_WEIGHT_KG] != NULL)
    set_marks (self, self->scales[SOLEUS_PARAM_WEIGHT_KG], SOLEUS_PARAM_WEIGHT_KG, 1.0);
  update_activity (self);
}
