/* soleus-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-application.h"
#include "soleus-window.h"

struct _SoleusApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SoleusApplication, soleus_application, ADW_TYPE_APPLICATION)

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SoleusApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Soleus contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Soleus"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Soleus contributors"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "copyright", _("© 2026 The Soleus contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: keep the warning that this is not a
                         * diagnostic tool; it matters to patients. */
                        "comments", _("Soleus shows how the calf muscle pump, the “second heart”, "
                                      "returns blood from the feet to the heart, and what goes "
                                      "wrong when we stop moving.\n\n"
                                      "Soleus is an educational model, not a diagnostic tool. "
                                      "It does not measure anyone’s legs and gives no medical "
                                      "advice: ask a clinician about your own health."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_app (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  SoleusApplication *self = user_data;
  GList *windows;

  /* Close the windows first so that each saves its state. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_entries[] = {
  { "about", show_about },
  { "quit", quit_app },
};

static void
soleus_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (soleus_window_new (SOLEUS_APPLICATION (app)));

  gtk_window_present (window);
}

static void
soleus_application_startup (GApplication *app)
{
  SoleusApplication *self = SOLEUS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (soleus_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
soleus_application_finalize (GObject *object)
{
  SoleusApplication *self = SOLEUS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (soleus_application_parent_class)->finalize (object);
}

static void
soleus_application_class_init (SoleusApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = soleus_application_finalize;

  app_class->activate = soleus_application_activate;
  app_class->startup = soleus_application_startup;
}

static void
soleus_application_init (SoleusApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

SoleusApplication *
soleus_application_new (void)
{
  return g_object_new (SOLEUS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", APP_PATH,
                       NULL);
}

GSettings *
soleus_application_get_settings (SoleusApplication *self)
{
  g_return_val_if_fail (SOLEUS_IS_APPLICATION (self), NULL);

  return self->settings;
}
