/* soleus-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: its settings, the colour scheme, and app.state, what
 * the window shows for scripts to read. Its actions are in
 * soleus-application-actions.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <epoxy/gl.h>

#include "soleus-application-private.h"

struct _SoleusApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GSimpleAction  *state_action;
  GSignalGroup   *window_signals;      /* on the main window */
  GSignalGroup   *simulation_signals;  /* on its simulation */
  gint64          state_updated;
};

G_DEFINE_FINAL_TYPE (SoleusApplication, soleus_application, ADW_TYPE_APPLICATION)

static gint64 start_time;

/* The window the scripted actions act on: the main window, made if there
 * is none yet (a D-Bus activation may come before any window). */
SoleusWindow *
_soleus_application_get_window (SoleusApplication *self)
{
  SoleusWindow *window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SOLEUS_IS_WINDOW (l->data))
      return l->data;

  window = soleus_window_new (self);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* app.state reads what the window shows; it cannot be set or activated
 * from outside. (Without a handler of its own, GSimpleAction would try to
 * turn an activation into a change of state.) */
static void
refuse_state_change (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  g_warning ("app.state is read-only; nothing changed");
}

static void
refuse_state_activation (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  g_warning ("app.state is read-only and cannot be activated; nothing changed");
}

void
_soleus_application_update_state (SoleusApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SOLEUS_IS_WINDOW (l->data))
      {
        g_simple_action_set_state (self->state_action, soleus_window_describe (l->data));
        self->state_updated = g_get_monotonic_time ();
        return;
      }
}

/* Light, dark and projector colours set the style of the whole window;
 * "system" and colour-blind safe follow the desktop. */
static void
apply_color_scheme (SoleusApplication *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *palette = g_settings_get_string (self->settings, "palette");

  if (g_str_equal (palette, "dark"))
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_str_equal (palette, "light") || g_str_equal (palette, "projector"))
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
palette_changed_cb (GSettings         *settings,
                    const char        *key,
                    SoleusApplication *self)
{
  apply_color_scheme (self);
}

/* app.state follows the simulation ten times a second at most, and
 * sleeps while it is paused. */
static void
simulation_advanced_cb (SoleusSimulation  *simulation,
                        SoleusApplication *self)
{
  gint64 now = g_get_monotonic_time ();

  if (now - self->state_updated >= G_USEC_PER_SEC / 10
      || !soleus_simulation_get_playing (simulation))
    _soleus_application_update_state (self);
}

static void
soleus_application_activate (GApplication *app)
{
  SoleusApplication *self = SOLEUS_APPLICATION (app);
  SoleusWindow *window = _soleus_application_get_window (self);

  /* app.state follows the main window, whichever it is now. */
  g_signal_group_set_target (self->simulation_signals, soleus_window_get_simulation (window));
  g_signal_group_set_target (self->window_signals, window);
  gtk_window_present (GTK_WINDOW (window));
  _soleus_application_update_state (self);
}

/* Started without files: the start page, unless the user asked for the
 * last choice. */
static void
soleus_application_activate_plain (GApplication *app)
{
  soleus_application_activate (app);
  soleus_window_begin (_soleus_application_get_window (SOLEUS_APPLICATION (app)), FALSE);
}

/* Files from the desktop ("soleus a.soleus", the file manager): the first
 * opens as this leg, a second as the leg to compare with; more are named
 * in the log and left alone. A running Soleus takes them in its window. */
static void
soleus_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  SoleusApplication *self = SOLEUS_APPLICATION (app);
  SoleusWindow *window;

  soleus_application_activate (app);
  window = _soleus_application_get_window (self);
  /* Files from the desktop skip the start page. */
  soleus_window_begin (window, TRUE);
  for (int i = 0; i < n_files; i++)
    {
      if (i < 2)
        {
          /* app.open-sample, scripted, never waits on a question. */
          if (i == 0 && g_strcmp0 (hint, "scripted") == 0)
            soleus_window_open_gfile_scripted (window, files[i]);
          else
            soleus_window_open_gfile (window, files[i], i == 1);
        }
      else
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);

          /* Translators: %s is a file name given after the first two */
          g_printerr (_("Soleus opens one scenario and one to compare it with; "
                        "“%s” was not opened\n"), name);
        }
    }
}

/* Whether GL is drawn by the CPU (Mesa's llvmpipe, softpipe or swrast),
 * as in a virtual machine, over a remote desktop or with a broken driver.
 * FALSE when there is no GL at all: GTK then picks Cairo by itself. */
static gboolean
gl_is_software (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  gboolean software;

  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = renderer != NULL &&
             (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL ||
              strstr (renderer, "swrast") != NULL ||
              strstr (renderer, "Software Rasterizer") != NULL);
  gdk_gl_context_clear_current ();
  return software;
}

/* GTK composites the window with GL when it can, and so it does when GL
 * is software: there a 1920x1080 window walking drew a frame every 150 ms
 * or more, nearly all of it GTK's compositing of the whole window (the
 * same without the leg or without the GPU cells), against under 10 ms with
 * the Cairo renderer. So with software GL the window takes the Cairo
 * renderer (and the play area draws the cells with Cairo too). GTK reads
 * GSK_RENDERER when it makes the first window's renderer, after start-up;
 * a GSK_RENDERER the user set is left as it is. */
static void
choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;

  if (gl_is_software (display))
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
}

static void
soleus_application_startup (GApplication *app)
{
  SoleusApplication *self = SOLEUS_APPLICATION (app);

  G_APPLICATION_CLASS (soleus_application_parent_class)->startup (app);

  choose_renderer ();

  _soleus_application_actions_init (self);

  self->state_action = g_simple_action_new_stateful ("state", NULL,
                                                     g_variant_new ("a{sv}", NULL));
  g_signal_connect (self->state_action, "change-state", G_CALLBACK (refuse_state_change), self);
  g_signal_connect (self->state_action, "activate", G_CALLBACK (refuse_state_activation), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->state_action));

  apply_color_scheme (self);
  g_signal_connect (self->settings, "changed::palette", G_CALLBACK (palette_changed_cb), self);
}

static void
soleus_application_finalize (GObject *object)
{
  SoleusApplication *self = SOLEUS_APPLICATION (object);

  g_clear_object (&self->state_action);
  g_clear_object (&self->window_signals);
  g_clear_object (&self->simulation_signals);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (soleus_application_parent_class)->finalize (object);
}

static void
soleus_application_class_init (SoleusApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = soleus_application_finalize;

  app_class->activate = soleus_application_activate_plain;
  app_class->startup = soleus_application_startup;
  app_class->open = soleus_application_open;
}

static void
soleus_application_init (SoleusApplication *self)
{
  self->settings = g_settings_new (APP_ID);

  self->window_signals = g_signal_group_new (SOLEUS_TYPE_WINDOW);
  g_signal_group_connect_object (self->window_signals, "state-changed",
                                 G_CALLBACK (_soleus_application_update_state), self,
                                 G_CONNECT_SWAPPED);
  self->simulation_signals = g_signal_group_new (SOLEUS_TYPE_SIMULATION);
  g_signal_group_connect_object (self->simulation_signals, "advanced",
                                 G_CALLBACK (simulation_advanced_cb), self, 0);
}

SoleusApplication *
soleus_application_new (void)
{
  start_time = g_get_monotonic_time ();

  return g_object_new (SOLEUS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", APP_PATH,
                       NULL);
}

GSettings *
soleus_application_get_settings (SoleusApplication *self)
{
  g_return_val_if_fail (SOLEUS_IS_APPLICATION (self), NULL);

  return self->settings;
}

gint64
soleus_application_get_start_time (void)
{
  return start_time;
}
