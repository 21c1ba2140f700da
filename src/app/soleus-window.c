/* soleus-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-window.h"

struct _SoleusWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *play_area;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SoleusWindow, soleus_window, ADW_TYPE_APPLICATION_WINDOW)

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
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOLEUS_TYPE_WINDOW);

  G_OBJECT_CLASS (soleus_window_parent_class)->dispose (object);
}

static void
soleus_window_class_init (SoleusWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = soleus_window_dispose;

  window_class->close_request = soleus_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/soleus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SoleusWindow, play_area);
}

static void
soleus_window_init (SoleusWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
  restore_window_state (self);

  return self;
}
