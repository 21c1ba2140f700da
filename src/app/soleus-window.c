/* soleus-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the caption and the headline number, the play area with
 * its strip chart, and a panel with the readouts and the controls
 * (SoleusControlsPanel) beside the picture or sliding over it. This file
 * holds the widget and what it shows; how it fits the window's size is in
 * soleus-window-layout.c, its actions in soleus-window-actions.c, its file
 * jobs in soleus-window-files.c, its state for scripts (app.state) in
 * soleus-window-describe.c, and printing in SoleusPrintOperation.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-format.h"
#include "soleus-print-operation.h"
#include "soleus-samples.h"
#include "soleus-scenario.h"
#include "soleus-scene.h"
#include "soleus-text.h"
#include "soleus-window-private.h"

/* Playback rates offered in the header bar. */
static const double rates[] = { 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 60.0, 600.0 };

G_DEFINE_FINAL_TYPE (SoleusWindow, soleus_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_COMPARE,
  PROP_PRESENTING,
  PROP_PICKED_VALVE,
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
/* Open Sample: the scenario files installed with Soleus, by title */

static void
build_samples_menu (SoleusWindow *self)
{
  g_auto(GStrv) names = soleus_samples_list ();
  g_autoptr(GStrvBuilder) offered = g_strv_builder_new ();
  g_autoptr(GMenu) samples = NULL;
  g_autoptr(GMenuModel) files = NULL;

  if (names[0] == NULL)
    return;

  samples = g_menu_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (soleus_samples_get_dir (), names[i], NULL);
      g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_load (path, NULL);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GString) label = NULL;

      /* A sample that does not load is not offered. */
      if (file == NULL)
        continue;
      /* The title as it is: an underscore is not a mnemonic. */
      label = g_string_new (soleus_scenario_file_get_title (file));
      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-sample",
                                               g_variant_new_string (names[i]));
      g_menu_append_item (samples, item);
      g_strv_builder_add (offered, names[i]);
    }
  g_strfreev (self->samples);
  self->samples = g_strv_builder_end (offered);
  if (self->samples[0] == NULL)
    return;

  /* Under Open Recent, in the main menu. */
  files = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (self->primary_menu_button),
                                      0, G_MENU_LINK_SECTION);
  g_menu_insert_submenu (G_MENU (files), 2, _("Open _Sample"), G_MENU_MODEL (samples));
}

/* ---------------------------------------------------------------------- */
/* Units and palette (preferences) */

SoleusPressureUnit
_soleus_window_pressure_unit (SoleusWindow *self)
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
SoleusPalette
_soleus_window_current_palette (SoleusWindow *self)
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
apply_units (SoleusWindow *self)
{
  SoleusPressureUnit unit = _soleus_window_pressure_unit (self);

  soleus_readout_panel_set_pressure_unit (self->readouts, unit);
  soleus_strip_chart_set_pressure_unit (self->strip_chart, unit);
  soleus_controls_panel_set_units (self->controls_panel, unit, weight_unit (self));
}

static void
apply_palette (SoleusWindow *self)
{
  SoleusPalette palette = _soleus_window_current_palette (self);

  soleus_play_area_set_palette (self->play_area, palette);
  soleus_strip_chart_set_palette (self->strip_chart, palette);
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
  _soleus_window_ask_unsaved (self, SOLEUS_PENDING_SCENARIO, name);
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

void
_soleus_window_update_title (SoleusWindow *self)
{
  const char *title = soleus_simulation_get_scenario_title (self->simulation);
  g_autofree char *subtitle = NULL;

  if (title == NULL)
    title = _("The calf muscle pump");
  /* Steps not saved yet: a bullet before the name, as GNOME's editors do. */
  subtitle = self->steps_modified ? g_strdup_printf ("• %s", title) : g_strdup (title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  _soleus_window_layout_title_changed (self);
}

/* ---------------------------------------------------------------------- */
/* Playback, clock, caption */

/* A new caption fades in, unless motion is to be reduced. */
static void
apply_caption_motion (SoleusWindow *self)
{
  gboolean reduced = g_settings_get_boolean (self->settings, "reduced-motion");

  gtk_stack_set_transition_type (self->caption_stack,
                                 reduced ? GTK_STACK_TRANSITION_TYPE_NONE
                                         : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

/* Every sentence the caption can say, each a page of the caption's stack. */
static void
build_caption_pages (SoleusWindow *self)
{
  soleus_caption_keeper_init (&self->caption_keeper);
  for (guint i = 0; i < soleus_caption_count (); i++)
    {
      GtkWidget *label = gtk_label_new (soleus_caption_text (i));
      g_autofree char *name = g_strdup_printf ("story-%u", i);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_stack_add_named (self->caption_stack, label, name);
    }
}

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
                                         _soleus_window_pressure_unit (self));
      /* Translators: the large headline in presentation mode */
      g_autofree char *plain = g_strdup_printf (_("Ankle vein pressure %s"), headline);
      g_autofree char *text = _soleus_window_stage_text (plain);
      const char *shown = gtk_label_get_label (self->stage_headline);

      if (g_strcmp0 (shown, text) != 0)
        {
          /* A number with more or fewer digits: the type is fitted again. */
          gboolean refit = strlen (shown) != strlen (text);

          gtk_label_set_label (self->stage_headline, text);
          if (refit)
            _soleus_window_stage_refit (self);
        }
    }

  {
    SoleusReadouts readouts;

    soleus_simulation_get_readouts (self->simulation, &readouts);
    if (soleus_caption_keeper_update (&self->caption_keeper, snapshot, &readouts, now))
      {
        guint story = soleus_caption_keeper_get_story (&self->caption_keeper);
        g_autofree char *page = g_strdup_printf ("story-%u", story);

        g_free (self->caption);
        self->caption = g_strdup (soleus_caption_keeper_get_text (&self->caption_keeper));
        gtk_stack_set_visible_child_name (self->caption_stack, page);
        /* Presenting, the caption stands under the picture instead. */
        gtk_label_set_label (self->stage_caption, self->caption);
        self->caption_changes++;
      }
  }

  /* The description for screen readers changes at most once a second, so
   * that it can be read. */
  if (force || now - self->last_text_update > G_USEC_PER_SEC)
    {
      SoleusReadouts readouts;
      g_autofree char *description = NULL;

      soleus_simulation_get_readouts (self->simulation, &readouts);
      description = soleus_narrate_description (snapshot, &readouts, _soleus_window_pressure_unit (self));
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
  _soleus_window_update_title (self);
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
  g_autofree char *shown = NULL;

  if (self->step_index < 0)
    text = g_strdup (_("PageDown starts the steps of this scenario."));
  else
    /* Translators: "Step 2 of 5: Walking, the foot and calf pumps ..." */
    text = g_strdup_printf (_("Step %d of %u: %s"), self->step_index + 1,
                            soleus_steps_get_n (self->steps),
                            soleus_steps_get (self->steps, self->step_index)->caption);
  /* Numbers keep their units on the stage. */
  shown = _soleus_window_stage_text (text);
  gtk_label_set_label (self->step_label, shown);
  _soleus_window_stage_refit (self);
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
  self->steps_edited = FALSE;
  _soleus_window_set_steps_modified (self, FALSE);
  _soleus_window_steps_changed (self);
}

void
_soleus_window_steps_changed (SoleusWindow *self)
{
  update_step_label (self);
  soleus_steps_panel_update (self->steps_panel, self->steps, self->step_index);
  soleus_timeline_update (self->timeline, self->steps);
}

void
_soleus_window_go_to_step (SoleusWindow *self,
                           int           index)
{
  const SoleusStep *step;

  if (self->steps == NULL || soleus_steps_get_n (self->steps) == 0)
    return;

  index = CLAMP (index, 0, (int) soleus_steps_get_n (self->steps) - 1);
  step = soleus_steps_get (self->steps, index);
  self->step_index = index;

  /* A step with a moment goes there, as the scenario plays it. */
  if (!isnan (step->time_s))
    soleus_simulation_seek (self->simulation, step->time_s);
  for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
    if (!isnan (step->controls[i]))
      g_object_set (self->simulation, soleus_param_info (i)->name, step->controls[i], NULL);

  soleus_simulation_set_playing (self->simulation, TRUE);
  update_step_label (self);
  soleus_steps_panel_update (self->steps_panel, self->steps, self->step_index);
  update_texts (self, TRUE);
}

/* ---------------------------------------------------------------------- */
/* Keyboard focus */

/* Where Tab took the focus is part of app.state, also while paused. */
static void
notify_focus_widget_cb (SoleusWindow *self)
{
  self->focus_changes++;
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

/* ---------------------------------------------------------------------- */
/* The shortcuts window */

/* GTK names keys its translation does not cover by their keysym
 * ("Page_Down", "Escape" in English) and the space bar by a symbol: the
 * shortcuts window shows them as they are printed on keyboards. */
static void
name_keys_plainly (GtkWidget *widget,
                   gboolean   in_key)
{
  static const struct {
    const char *gtk;
    const char *plain;
  } keys[] = {
    /* Translators: keys as printed on keyboards, in the shortcuts window */
    { "Page_Down", N_("Page Down") },
    { "Page_Up", N_("Page Up") },
    { "Escape", N_("Esc") },
    { "\u2423", N_("Space") },
  };

  in_key = in_key || GTK_IS_SHORTCUT_LABEL (widget);
  if (in_key && GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_label (GTK_LABEL (widget));

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        if (g_str_equal (text, keys[i].gtk))
          {
            gtk_label_set_label (GTK_LABEL (widget), _(keys[i].plain));
            text = NULL;
            break;
          }
      if (text != NULL && strchr (text, '_') != NULL)
        {
          g_autofree char *plain = g_strdup (text);

          g_strdelimit (plain, "_", ' ');
          gtk_label_set_label (GTK_LABEL (widget), plain);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_keys_plainly (child, in_key);
}

/* ---------------------------------------------------------------------- */
/* Toasts and dialogs */

void
_soleus_window_show_toast (SoleusWindow *self,
                           const char   *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* What a person asked for in the window gets a dialog, one at a time: a
 * new error replaces the one shown. */
void
_soleus_window_show_error_dialog (SoleusWindow *self,
                                  const char   *heading,
                                  const char   *body)
{
  GtkWidget *dialog;

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  g_clear_pointer (&self->pending_scenario, g_free);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  self->error_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->error_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
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
    {
      soleus_play_area_set_reduced_motion (self->play_area,
                                           g_settings_get_boolean (settings, key));
      apply_caption_motion (self);
    }
  else if (g_str_equal (key, "pressure-unit") || g_str_equal (key, "weight-unit"))
    {
      apply_units (self);
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
  SoleusWindow *self = SOLEUS_WINDOW (window);

  /* Steps not saved: asked first; closed again once answered. */
  if (!self->close_confirmed
      && soleus_steps_unsaved_choice (self->steps_modified, FALSE) == SOLEUS_UNSAVED_ASK)
    {
      _soleus_window_ask_unsaved (self, SOLEUS_PENDING_CLOSE, NULL);
      return TRUE;
    }

  save_window_state (self);

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
  /* An export stops writing soon, and leaves no file. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->export_timer, g_source_remove);
  self->export_progress = NULL;
  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  g_clear_pointer (&self->pending_scenario, g_free);
  g_signal_group_set_target (self->simulation_signals, NULL);
  g_signal_group_set_target (self->settings_signals, NULL);
  g_signal_group_set_target (self->style_signals, NULL);
  _soleus_window_stage_dispose (self);
  _soleus_window_layout_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLEUS_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->simulation);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->samples, g_strfreev);

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

    case PROP_PICKED_VALVE:
      g_value_set_string (value, soleus_window_get_picked_valve (self));
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

    case PROP_PICKED_VALVE:
      {
        g_autoptr(GError) error = NULL;

        /* the menu offers only known names; anything else is said once */
        if (!soleus_window_pick_valve (self, g_value_get_string (value), &error))
          _soleus_window_show_toast (self, error->message);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_window_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GTK_WIDGET_CLASS (soleus_window_parent_class)->size_allocate (widget, width, height, baseline);
  _soleus_window_stage_allocated (SOLEUS_WINDOW (widget), width, height);
  _soleus_window_layout_allocated (SOLEUS_WINDOW (widget), width, height);
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
  _soleus_window_clear_opens (self);
  g_clear_object (&self->simulation_signals);
  g_clear_object (&self->settings_signals);
  g_clear_object (&self->style_signals);

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
  /* "auto", or the valve held in a close-up (win.pick-valve) */
  properties[PROP_PICKED_VALVE] =
    g_param_spec_string ("picked-valve", NULL, NULL,
                         "auto",
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

  widget_class->size_allocate = soleus_window_size_allocate;
  window_class->close_request = soleus_window_close_request;

  g_type_ensure (SOLEUS_TYPE_PLAY_AREA);
  g_type_ensure (SOLEUS_TYPE_STRIP_CHART);
  g_type_ensure (SOLEUS_TYPE_TIMELINE);
  g_type_ensure (SOLEUS_TYPE_STEPS_PANEL);
  g_type_ensure (SOLEUS_TYPE_READOUT_PANEL);
  g_type_ensure (SOLEUS_TYPE_CONTROLS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/soleus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, scenario_list);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, caption_stack);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_overlay);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_area);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, strip_chart);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, steps_panel);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, readouts);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, controls_panel);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, headline_slot);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, stage_info);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, stage_headline);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, presentation_indicator);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, stage_caption);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, flap_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, stage_bin);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, header_bin);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, top_bin);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, playback_box);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, playback_slot);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, compare_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, reset_button);

  _soleus_window_class_actions_init (widget_class);
  _soleus_window_class_steps_init (widget_class);
}

static void
soleus_window_init (SoleusWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  build_caption_pages (self);
  /* The headline number stays in view above the controls that scroll. */
  {
    g_autoptr(GtkWidget) headline = soleus_readout_panel_take_headline (self->readouts);

    gtk_box_append (GTK_BOX (self->headline_slot), headline);
  }
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (notify_focus_widget_cb), NULL);
  _soleus_window_init_export_bar (self);
  _soleus_window_stage_init (self);
  _soleus_window_layout_init (self);

  /* What the window follows, let go of together in dispose. */
  self->simulation_signals = g_signal_group_new (SOLEUS_TYPE_SIMULATION);
  g_signal_group_connect_object (self->simulation_signals, "advanced",
                                 G_CALLBACK (advanced_cb), self, 0);
  g_signal_group_connect_object (self->simulation_signals, "notify::playing",
                                 G_CALLBACK (notify_playing_cb), self, 0);
  g_signal_group_connect_object (self->simulation_signals, "notify::scenario",
                                 G_CALLBACK (notify_scenario_cb), self, 0);
  g_signal_group_connect_object (self->simulation_signals, "notify::rate",
                                 G_CALLBACK (notify_rate_cb), self, 0);
  self->settings_signals = g_signal_group_new (G_TYPE_SETTINGS);
  g_signal_group_connect_object (self->settings_signals, "changed",
                                 G_CALLBACK (settings_changed_cb), self, 0);
  self->style_signals = g_signal_group_new (ADW_TYPE_STYLE_MANAGER);
  g_signal_group_connect_object (self->style_signals, "notify::dark",
                                 G_CALLBACK (style_changed_cb), self, 0);
  g_signal_group_connect_object (self->style_signals, "notify::high-contrast",
                                 G_CALLBACK (style_changed_cb), self, 0);

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
  soleus_timeline_set_simulation (self->timeline, self->simulation);
  soleus_readout_panel_set_simulation (self->readouts, self->simulation);
  apply_units (self);
  soleus_play_area_set_reduced_motion (self->play_area,
                                       g_settings_get_boolean (self->settings, "reduced-motion"));
  apply_caption_motion (self);

  build_speed_dropdown (self);
  soleus_controls_panel_set_simulation (self->controls_panel, self->simulation);
  build_scenarios (self);
  _soleus_window_start_init (self);

  /* Open Recent, under Open Scenario in the main menu. */
  self->recent_menu = g_menu_new ();
  {
    g_autoptr(GMenuModel) files =
      g_menu_model_get_item_link (gtk_menu_button_get_menu_model (self->primary_menu_button),
                                  0, G_MENU_LINK_SECTION);

    g_menu_insert_submenu (G_MENU (files), 1, _("Open _Recent"),
                           G_MENU_MODEL (self->recent_menu));
  }
  build_samples_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_soleus_window_update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  _soleus_window_update_recent_menu (self);

  g_signal_group_set_target (self->simulation_signals, self->simulation);
  g_signal_group_set_target (self->settings_signals, self->settings);
  g_signal_group_set_target (self->style_signals, adw_style_manager_get_default ());

  {
    GtkShortcutsWindow *overlay =
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

    if (overlay != NULL)
      name_keys_plainly (GTK_WIDGET (overlay), FALSE);
  }

  apply_palette (self);
  update_playback (self);
  _soleus_window_update_title (self);
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
soleus_window_write_handout (SoleusWindow *self,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(SoleusPrintOperation) operation = NULL;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = soleus_print_operation_new (self->simulation);
  soleus_print_operation_apply_settings (operation, self->settings);

  return soleus_print_operation_write_pdf (operation, path, error);
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
  /* On a 1024x768 projector the leg needs the height more than the chart
   * (the layout sizes the chart), and the stage has a headline of its own. */
  _soleus_window_layout_set_presenting (self, presenting);
  gtk_widget_set_visible (self->presentation_indicator, presenting);
  _soleus_window_stage_set_presenting (self, presenting);

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

gboolean
soleus_window_pick_valve (SoleusWindow  *self,
                          const char    *name,
                          GError       **error)
{
  SoleusValve valve;
  int held;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (name, "auto") == 0)
    held = -1;
  else if (soleus_scene_valve_from_name (name, &valve))
    held = valve;
  else
    {
      g_autofree char *shown = soleus_text_quote (name != NULL ? name : "", -1,
                                                  SOLEUS_TEXT_QUOTE_CHARS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what was asked for, in quotes */
                   _("No valve is called %s; the close-ups are as they were"), shown);
      return FALSE;
    }

  if (soleus_play_area_get_picked_valve (self->play_area) == held)
    return TRUE;
  soleus_play_area_set_picked_valve (self->play_area, held);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKED_VALVE]);
  return TRUE;
}

const char *
soleus_window_get_picked_valve (SoleusWindow *self)
{
  int held;

  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), "auto");

  /* asked for the state while the window goes */
  if (self->play_area == NULL)
    return "auto";
  held = soleus_play_area_get_picked_valve (self->play_area);
  return held < 0 ? "auto" : soleus_scene_valve_name (held);
}
