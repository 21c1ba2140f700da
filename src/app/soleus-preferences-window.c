/* soleus-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units, colours, the figure's skin tone and build, and motion, kept in
 * GSettings. The language follows the system.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-preferences-window.h"

struct _SoleusPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwComboRow          *pressure_row;
  AdwComboRow          *weight_row;
  AdwComboRow          *palette_row;
  AdwComboRow          *skin_tone_row;
  AdwComboRow          *figure_row;
  GtkSwitch            *reduced_motion_switch;
  GtkSwitch            *open_last_choice_switch;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SoleusPreferencesWindow, soleus_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *pressure_units[] = { "mmhg", "kpa", NULL };
static const char *weight_units[] = { "kg", "lb", NULL };
static const char *palettes[] = { "system", "light", "dark", "projector", "colorblind", NULL };
static const char *skin_tones[] = { "light", "medium", "brown", "dark", NULL };
static const char *figures[] = { "male", "female", NULL };

/* Maps a combo row's position to a string key's choice and back. */
static gboolean
choice_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_choice (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[selected]);
}

static void
bind_choice (SoleusPreferencesWindow *self,
             const char              *key,
             AdwComboRow             *row,
             const char             **choices)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_to_selected, selected_to_choice,
                                (gpointer) choices, NULL);
}

static void
soleus_preferences_window_dispose (GObject *object)
{
  SoleusPreferencesWindow *self = SOLEUS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLEUS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (soleus_preferences_window_parent_class)->dispose (object);
}

static void
soleus_preferences_window_class_init (SoleusPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/soleus-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow, pressure_row);
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow, weight_row);
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow, skin_tone_row);
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow, figure_row);
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow,
                                        reduced_motion_switch);
  gtk_widget_class_bind_template_child (widget_class, SoleusPreferencesWindow,
                                        open_last_choice_switch);
}

static void
soleus_preferences_window_init (SoleusPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
soleus_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  SoleusPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SOLEUS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);

  bind_choice (self, "pressure-unit", self->pressure_row, pressure_units);
  bind_choice (self, "weight-unit", self->weight_row, weight_units);
  bind_choice (self, "palette", self->palette_row, palettes);
  bind_choice (self, "skin-tone", self->skin_tone_row, skin_tones);
  bind_choice (self, "figure", self->figure_row, figures);
  g_settings_bind (settings, "reduced-motion", self->reduced_motion_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "open-last-choice", self->open_last_choice_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  return GTK_WIDGET (self);
}
