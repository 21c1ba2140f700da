/* test-app.c: the real Soleus window, driven over D-Bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real soleus binary on the display (build-aux/test provides Xvfb,
 * a session bus and a window manager), drives it through the actions it
 * exports (app.play, app.set-control, app.scenario, ...) and reads what it
 * shows back from its app.state action, as a presenter's remote or a script
 * would. Usage: test-app SOLEUS_BINARY [gtester options]
 */

#include "config.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <poppler.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "soleus-palette.h"
#include "soleus-scenario.h"


static const char *soleus_binary;
/* LANGUAGE for the next app_start (), or NULL for the test's own. */
static const char *app_language;
/* XDG_CONFIG_HOME with the settings in a keyfile for the next app_start (),
 * kept between runs, or NULL. */
static const char *app_config;
/* Whether the next app_start () leaves the window on its first page. */
static gboolean app_keep_start_page;
/* DISPLAY for the next app_start (), or NULL for the test's own. */
static const char *app_display;
/* G_DEBUG for the next app_start (), or NULL for fatal warnings or none. */
static const char *app_g_debug;
/* The skin-tone setting for the next app_start (), in a keyfile of the
 * test's own, or NULL for the memory backend's default. */
static const char *app_skin_tone;
/* A folder for the next app_start () to take as XDG_DATA_HOME and
 * XDG_CONFIG_HOME (desktop files and default handlers), or NULL. */
static const char *app_xdg_dir;
/* And the figure setting, the same way. */
static const char *app_figure;
/* A directory of GStreamer plugins for the next app_start (), in place of
 * the system's, or NULL for the system's. */
static const char *app_gst_plugins;

typedef struct
{
  GSubprocess     *process;
  GDBusConnection *bus;
  char            *stderr_path;
  char            *dir;
} App;

static GVariant *
call (App        *app,
      const char *method,
      GVariant   *parameters,
      GError    **error)
{
  return g_dbus_connection_call_sync (app->bus, APP_ID, APP_OBJECT_PATH, "org.gtk.Actions", method,
                                      parameters, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                      5000, NULL, error);
}

static void
activate (App        *app,
          const char *action,
          GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&params, "v", parameter);

  reply = call (app, "Activate",
                g_variant_new ("(sava{sv})", action, &params, NULL), &error);
  g_assert_no_error (error);
}

static void
set_control (App        *app,
             const char *name,
             double      value)
{
  activate (app, "set-control", g_variant_new ("(sd)", name, value));
}

/* The app.state action's state: a dictionary of what the window shows. */
static GVariant *
get_state (App *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) state = NULL;
  gboolean enabled;
  const char *type;
  GVariant *state_array;

  reply = call (app, "Describe", g_variant_new ("(s)", "state"), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "((b&g@av))", &enabled, &type, &state_array);
  g_assert_cmpuint (g_variant_n_children (state_array), ==, 1);
  state = g_variant_get_child_value (state_array, 0);
  g_variant_unref (state_array);

  return g_variant_get_variant (state);
}

/* Looks up key in app.state with a GVariant format ("d", "t", "s", ...);
 * a key that is missing or of another type fails the test. */
static void
state_lookup (App        *app,
              const char *key,
              const char *format,
              gpointer    value)
{
  g_autoptr(GVariant) state = get_state (app);

  if (!g_variant_lookup (state, key, format, value))
    g_error ("app.state has no “%s” of type %s", key, format);
}

static double
state_double (App        *app,
              const char *key)
{
  double value;

  state_lookup (app, key, "d", &value);

  return value;
}

static guint64
state_uint64 (App        *app,
              const char *key)
{
  guint64 value;

  state_lookup (app, key, "t", &value);

  return value;
}

/* While the window starts, the state may not hold the key yet. */
static guint64
state_uint64_or_zero (App        *app,
                      const char *key)
{
  g_autoptr(GVariant) state = get_state (app);
  guint64 value;

  return g_variant_lookup (state, key, "t", &value) ? value : 0;
}

/* If this test dies, soleus goes with it instead of holding the test
 * harness's pipes open. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static char *
state_string (App        *app,
              const char *key)
{
  char *value;

  state_lookup (app, key, "s", &value);

  return value;
}

static gboolean
state_boolean (App        *app,
               const char *key)
{
  gboolean value;

  state_lookup (app, key, "b", &value);

  return value;
}

/* Nothing here waits by the clock: a test polls a condition until a
 * deadline, generous enough for a loaded machine, and fails if the deadline
 * passes. Between two looks it lets the app run for 10 ms. */
#define DEADLINE_S 90

static void
pause_briefly (void)
{
  g_main_context_iteration (NULL, FALSE);
  g_usleep (10000);
}

#define WAIT_UNTIL(app, condition, what)                                         \
  G_STMT_START                                                                   \
  {                                                                              \
    gint64 end_ = g_get_monotonic_time () + (gint64) DEADLINE_S * G_USEC_PER_SEC; \
    while (!(condition))                                                         \
      {                                                                          \
        if (g_subprocess_get_identifier ((app)->process) == NULL)                \
          g_error ("soleus exited while the test waited until %s", what);       \
        if (g_get_monotonic_time () > end_)                                      \
          g_error ("%s did not happen within %d s", what, DEADLINE_S);          \
        pause_briefly ();                                                        \
      }                                                                          \
  }                                                                              \
  G_STMT_END

/* Waits until condition holds while the simulation plays. How fast the
 * simulated clock runs is up to the machine: behind, the window drops the
 * physics it has no time for (600x fell below 45x on a loaded machine).
 * So the deadline is on progress: the test fails if the clock stands still
 * for DEADLINE_S, or if it passes limit_s of simulated time first. The
 * clock is read before the condition, so a condition met by limit_s passes. */
#define WAIT_SIM_UNTIL(app, condition, limit_s, what)                            \
  G_STMT_START                                                                   \
  {                                                                              \
    double seen_ = -1.0;                                                         \
    gint64 end_ = 0;                                                             \
    for (;;)                                                                     \
      {                                                                          \
        double now_ = state_double ((app), "time_s");                            \
        if (condition)                                                           \
          break;                                                                 \
        if (now_ > (limit_s))                                                    \
          g_error ("%s did not happen within %g simulated seconds", what,        \
                   (double) (limit_s));                                          \
        if (now_ > seen_)                                                        \
          {                                                                      \
            seen_ = now_;                                                        \
            end_ = g_get_monotonic_time () + (gint64) DEADLINE_S * G_USEC_PER_SEC; \
          }                                                                      \
        if (g_subprocess_get_identifier ((app)->process) == NULL)                \
          g_error ("soleus exited while the test waited until %s", what);        \
        if (g_get_monotonic_time () > end_)                                      \
          g_error ("the simulated clock stood still at %g s for %d s while the " \
                   "test waited until %s", seen_, DEADLINE_S, what);             \
        pause_briefly ();                                                        \
      }                                                                          \
  }                                                                              \
  G_STMT_END

/* Waits until the simulated clock reaches time_s. */
static void
wait_sim_time (App   *app,
               double time_s)
{
  g_autofree char *what = g_strdup_printf ("the simulated clock reaching %g s", time_s);

  WAIT_SIM_UNTIL (app, state_double (app, "time_s") >= time_s, time_s, what);
}

static guint32
state_uint32 (App        *app,
              const char *key)
{
  guint32 value;

  state_lookup (app, key, "u", &value);

  return value;
}

/* File jobs (open, compare, record) run in worker threads: waits until the
 * window has none left. */
static void
wait_jobs (App *app)
{
  double seen = -2.0;
  gint64 end = g_get_monotonic_time () + (gint64) DEADLINE_S * G_USEC_PER_SEC;

  /* A video's export reports its progress: while it moves, the machine is
   * only slow, so the deadline counts from the last step it took. */
  while (state_uint32 (app, "jobs_pending") != 0)
    {
      double progress = state_double (app, "export_progress");

      if (progress > seen)
        {
          seen = progress;
          end = g_get_monotonic_time () + (gint64) DEADLINE_S * G_USEC_PER_SEC;
        }
      if (g_subprocess_get_identifier (app->process) == NULL)
        g_error ("soleus exited while the test waited for the file jobs");
      if (g_get_monotonic_time () > end)
        g_error ("the file jobs did not finish, nor a video's export move on, for %d s",
                 DEADLINE_S);
      pause_briefly ();
    }
}

static gboolean
answers (App *app)
{
  g_autoptr(GVariant) reply = call (app, "Describe", g_variant_new ("(s)", "state"), NULL);

  return reply != NULL;
}

static gboolean
state_page_is (App        *app,
               const char *page)
{
  g_autoptr(GVariant) state = get_state (app);
  const char *value = NULL;

  return g_variant_lookup (state, "page", "&s", &value) && g_strcmp0 (value, page) == 0;
}

static gboolean
state_has_page (App *app)
{
  return state_page_is (app, "start") || state_page_is (app, "play");
}

static void
app_start_with (App        *app,
                const char *gdk_debug,
                const char *renderer,
                gboolean    fatal_warnings)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  app->dir = g_dir_make_tmp ("soleus-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  app->stderr_path = g_build_filename (app->dir, "stderr.log", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stderr_file_path (launcher, app->stderr_path);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (gdk_debug != NULL)
    g_subprocess_launcher_setenv (launcher, "GDK_DEBUG", gdk_debug, TRUE);
  if (app_g_debug != NULL)
    g_subprocess_launcher_setenv (launcher, "G_DEBUG", app_g_debug, TRUE);
  else if (fatal_warnings)
    g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-warnings", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  /* The Cairo renderer unless a test asks for GL: on llvmpipe it is the
   * one that keeps up (toolchain.md). An empty name leaves the choice to
   * the application. */
  if (renderer != NULL && renderer[0] == '\0')
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  else
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer ? renderer : "cairo", TRUE);
  if (app_language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", app_language, TRUE);
  if (app_display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", app_display, TRUE);
  if (app_config != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", app_config, TRUE);
    }
  if (app_skin_tone != NULL || app_figure != NULL)
    {
      g_autofree char *config = g_build_filename (app->dir, "config", NULL);
      g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
      g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
      g_autofree char *contents = g_strdup_printf ("[io/github/soleus/Soleus]\n"
                                                   "skin-tone='%s'\nfigure='%s'\n",
                                                   app_skin_tone ? app_skin_tone : "light",
                                                   app_figure ? app_figure : "male");

      g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
      g_file_set_contents (keyfile, contents, -1, &error);
      g_assert_no_error (error);
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
    }

  if (app_xdg_dir != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", app_xdg_dir, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", app_xdg_dir, TRUE);
    }

  if (app_gst_plugins != NULL)
    {
      g_autofree char *registry = g_build_filename (app->dir, "registry.bin", NULL);

      g_subprocess_launcher_setenv (launcher, "GST_PLUGIN_SYSTEM_PATH_1_0", app_gst_plugins,
                                    TRUE);
      g_subprocess_launcher_setenv (launcher, "GST_PLUGIN_PATH_1_0", "", TRUE);
      g_subprocess_launcher_setenv (launcher, "GST_REGISTRY_1_0", registry, TRUE);
    }

  app->process = g_subprocess_launcher_spawn (launcher, &error, soleus_binary, NULL);
  g_assert_no_error (error);

  app->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  /* Ready when its actions answer and the window has drawn a frame. It
   * opens on the start page: the tests start from the picture as it
   * stands, as a click on the start page's way back would. */
  WAIT_UNTIL (app, answers (app), "soleus answering on the bus");
  if (app_keep_start_page)
    return;
  WAIT_UNTIL (app, state_has_page (app), "the window's first page");
  if (state_page_is (app, "start"))
    activate (app, "start-choice", g_variant_new_string ("picture"));
  WAIT_UNTIL (app, state_uint64_or_zero (app, "frames_drawn") > 0, "the first frame");
}

static void
app_start (App        *app,
           const char *gdk_debug,
           gboolean    fatal_warnings)
{
  app_start_with (app, gdk_debug, NULL, fatal_warnings);
}

static char *
app_stderr (App *app)
{
  char *contents = NULL;

  g_file_get_contents (app->stderr_path, &contents, NULL, NULL);

  return contents != NULL ? contents : g_strdup ("");
}

/* Quits through app.quit and checks a clean exit. */
static void
app_quit (App *app)
{
  g_autoptr(GError) error = NULL;

  activate (app, "quit", NULL);
  g_subprocess_wait (app->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app->process));
  g_assert_cmpint (g_subprocess_get_exit_status (app->process), ==, 0);
}

static void
app_free (App *app)
{
  if (app->process != NULL && g_subprocess_get_identifier (app->process) != NULL)
    g_subprocess_force_exit (app->process);
  g_clear_object (&app->process);
  g_clear_object (&app->bus);
  if (app->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (app->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (app->dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (app->dir);
    }
  g_free (app->stderr_path);
  g_free (app->dir);
}

static void
assert_no_warnings (App *app)
{
  g_autofree char *log = app_stderr (app);

  if (strstr (log, "WARNING") != NULL || strstr (log, "CRITICAL") != NULL)
    g_error ("soleus printed warnings:\n%s", log);
}

/* Pixels that differ between two PNG files, as a fraction. */
static double
png_difference (const char *a,
                const char *b)
{
  cairo_surface_t *sa = cairo_image_surface_create_from_png (a);
  cairo_surface_t *sb = cairo_image_surface_create_from_png (b);
  int w, h, stride;
  guint64 differ = 0;
  const guchar *da, *db;

  g_assert_cmpint (cairo_surface_status (sa), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (sb), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (sa);
  h = cairo_image_surface_get_height (sa);
  g_assert_cmpint (w, ==, cairo_image_surface_get_width (sb));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (sb));
  stride = cairo_image_surface_get_stride (sa);
  da = cairo_image_surface_get_data (sa);
  db = cairo_image_surface_get_data (sb);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *pa = da + y * stride + 4 * x;
        const guchar *pb = db + y * stride + 4 * x;
        int d = abs (pa[0] - pb[0]) + abs (pa[1] - pb[1]) + abs (pa[2] - pb[2]);

        if (d > 48)
          differ++;
      }

  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);

  return (double) differ / ((double) w * h);
}

static double
png_mean_luma (const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);
  int w, h, stride;
  const guchar *d;
  double sum = 0;

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (s);
  h = cairo_image_surface_get_height (s);
  stride = cairo_image_surface_get_stride (s);
  d = cairo_image_surface_get_data (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *p = d + y * stride + 4 * x;

        sum += 0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2];
      }
  cairo_surface_destroy (s);

  return sum / ((double) w * h);
}

/* The skin-tone preference reaches the picture: the dark tone darkens the
 * figure over a large part of the window. */
static void
test_skin_tone_preference (void)
{
  App app = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("soleus-test-skin-XXXXXX", NULL);
  g_autofree char *light = g_build_filename (dir, "light.png", NULL);
  g_autofree char *dark = g_build_filename (dir, "dark.png", NULL);
  double difference, light_luma, dark_luma;

  /* One after the other: a second instance would hand over to the first. */
  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  activate (&app, "screenshot", g_variant_new_string (light));
  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);

  app_skin_tone = "dark";
  app_start (&app, NULL, TRUE);
  app_skin_tone = NULL;
  activate (&app, "pause", NULL);
  activate (&app, "screenshot", g_variant_new_string (dark));
  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);

  difference = png_difference (light, dark);
  light_luma = png_mean_luma (light);
  dark_luma = png_mean_luma (dark);
  g_test_message ("light vs dark skin: %.1f%% of the pixels differ; mean luma %.1f and %.1f",
                  100.0 * difference, light_luma, dark_luma);
  g_assert_cmpfloat (difference, >, 0.02);
  g_assert_cmpfloat (dark_luma, <, light_luma - 3.0);

  g_unlink (light);
  g_unlink (dark);
  g_rmdir (dir);
}

/* The figure preference reaches the picture: the female figure's outline
 * differs from the male's, the rest of the window as it was. */
static void
test_figure_preference (void)
{
  App app = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("soleus-test-figure-XXXXXX", NULL);
  g_autofree char *male = g_build_filename (dir, "male.png", NULL);
  g_autofree char *female = g_build_filename (dir, "female.png", NULL);
  double difference;

  /* One after the other: a second instance would hand over to the first. */
  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  activate (&app, "screenshot", g_variant_new_string (male));
  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);

  app_figure = "female";
  app_start (&app, NULL, TRUE);
  app_figure = NULL;
  activate (&app, "pause", NULL);
  activate (&app, "screenshot", g_variant_new_string (female));
  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);

  difference = png_difference (male, female);
  g_test_message ("male vs female figure: %.2f%% of the pixels differ", 100.0 * difference);
  g_assert_cmpfloat (difference, >, 0.002);
  g_assert_cmpfloat (difference, <, 0.2);

  g_unlink (male);
  g_unlink (female);
  g_rmdir (dir);
}

/* Weak valves keep the ankle pressure high while walking (Pollack & Wood
 * 1949: the fall with walking shrinks from 64 to 11-37 mmHg with reflux):
 * the headline readout must show it. */
static void
test_valve_weakness_raises_walking_pressure (void)
{
  App app = { 0 };
  double healthy, weak;
  g_autofree char *headline = NULL;

  app_start (&app, NULL, TRUE);
  set_control (&app, "posture", SOLEUS_POSTURE_STANDING);
  set_control (&app, "speed", 3.0);
  activate (&app, "set-speed", g_variant_new_double (60.0));
  wait_sim_time (&app, 90.0);
  healthy = state_double (&app, "ankle_pressure_mean_mmHg");

  set_control (&app, "valve-weakness", 1.0);
  wait_sim_time (&app, 180.0);
  weak = state_double (&app, "ankle_pressure_mean_mmHg");
  headline = state_string (&app, "headline");

  g_test_message ("walking ankle pressure: healthy %.1f mmHg, weak valves %.1f mmHg (%s)",
                  healthy, weak, headline);
  g_assert_cmpfloat (healthy, <, 40.0);
  g_assert_cmpfloat (weak, >, healthy + 15.0);
  g_assert_true (strstr (headline, "mmHg") != NULL);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static gboolean
state_string_is (App        *app,
                 const char *key,
                 const char *value)
{
  g_autofree char *text = state_string (app, key);

  return g_strcmp0 (text, value) == 0;
}

/* Blood flow in words, not a number (src/core/MODEL.md): a healthy leg
 * lying still is brisk, and the readout shows the word; in an aircraft
 * seat the deep calf flow is slow, and after about an hour it is slowing
 * (pooling takes hours more: the CLI and core tests cover it). */
static void
test_blood_flow (void)
{
  App app = { 0 };
  g_autofree char *flow = NULL;
  double time_s;

  app_start (&app, NULL, TRUE);
  set_control (&app, "posture", SOLEUS_POSTURE_SUPINE);
  set_control (&app, "speed", 0.0);
  set_control (&app, "ankle-exercise", 0.0);
  activate (&app, "set-speed", g_variant_new_double (60.0));
  wait_sim_time (&app, 120.0);
  flow = state_string (&app, "blood_flow");
  g_test_message ("lying still 2 min: %s (deep flow %.2f of a resting leg, slow %.2f h)",
                  flow, state_double (&app, "deep_flow_ratio"),
                  state_double (&app, "slow_flow_h"));
  g_assert_cmpstr (flow, ==, "brisk");
  WAIT_UNTIL (&app, state_string_is (&app, "blood_flow_text", "Brisk"),
              "the readout showing Brisk");

  activate (&app, "scenario", g_variant_new_string ("long-haul-flight"));
  activate (&app, "set-speed", g_variant_new_double (600.0));
  WAIT_SIM_UNTIL (&app, !state_string_is (&app, "blood_flow", "brisk"), 4 * 3600.0,
                  "the blood flow slowing in the aircraft seat");
  g_clear_pointer (&flow, g_free);
  flow = state_string (&app, "blood_flow");
  time_s = state_double (&app, "time_s");
  g_test_message ("seated: %s after %.0f s (slow %.2f h)", flow, time_s,
                  state_double (&app, "slow_flow_h"));
  g_assert_true (g_str_equal (flow, "slowing") || g_str_equal (flow, "pooling"));
  /* Not at once: slow flow builds up over the first hour. */
  g_assert_cmpfloat (time_s, >, 1800.0);
  WAIT_UNTIL (&app, (state_string_is (&app, "blood_flow_text", "Slowing")
                     || state_string_is (&app, "blood_flow_text", "Pooling")),
              "the readout showing the slower flow");

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static void
test_posture_changes_picture (void)
{
  App app = { 0 };
  g_autofree char *lying = NULL;
  g_autofree char *sitting = NULL;
  double difference;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  lying = g_build_filename (app.dir, "lying.png", NULL);
  sitting = g_build_filename (app.dir, "sitting.png", NULL);

  activate (&app, "screenshot", g_variant_new_string (lying));
  set_control (&app, "posture", SOLEUS_POSTURE_SITTING);
  /* Paused, the caption already tells the new posture. */
  {
    g_autofree char *caption = state_string (&app, "caption");
    g_assert_nonnull (strstr (caption, "Sitting"));
  }
  activate (&app, "step", NULL);
  activate (&app, "screenshot", g_variant_new_string (sitting));

  difference = png_difference (lying, sitting);
  g_test_message ("lying vs sitting: %.1f%% of the pixels differ", 100.0 * difference);
  g_assert_cmpfloat (difference, >, 0.02);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static gint32 state_int32 (App        *app,
                           const char *key);

/* Each look: the sizes are those of the first; TRUE once the clock has
 * reached until. */
static gboolean
sizes_kept (App    *app,
            gint32  width,
            gint32  height,
            gint32  caption_height,
            double  until,
            guint  *looks)
{
  g_assert_cmpint (state_int32 (app, "play_area_width"), ==, width);
  g_assert_cmpint (state_int32 (app, "play_area_height"), ==, height);
  g_assert_cmpint (state_int32 (app, "caption_height"), ==, caption_height);
  (*looks)++;

  return state_double (app, "time_s") >= until;
}

/* Walks for 10 simulated seconds at 1x, looking at the window all the
 * while: the caption never changes (it is counted by the window, so no
 * change slips between two looks) and the play area keeps its size. */
static void
walk_and_watch (App        *app,
                const char *what,
                guint       max_changes)
{
  guint32 changes = state_uint32 (app, "caption_changes");
  gint32 width = state_int32 (app, "play_area_width");
  gint32 height = state_int32 (app, "play_area_height");
  gint32 caption_height = state_int32 (app, "caption_height");
  double until = state_double (app, "time_s") + 10.0;
  guint looks = 0;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  WAIT_UNTIL (app, sizes_kept (app, width, height, caption_height, until, &looks),
              "10 s of walking");
  g_test_message ("%s: %u looks, %u caption changes", what, looks,
                  state_uint32 (app, "caption_changes") - changes);
  g_assert_cmpuint (state_uint32 (app, "caption_changes") - changes, <=, max_changes);
  g_assert_true (state_boolean (app, "playing"));
}

/* The caption tells a story and holds it while the leg walks: never a
 * phase of the stride; the phase is the tag by the foot in the picture. */
static void
test_caption_holds (void)
{
  App app = { 0 };
  g_autofree char *caption = NULL;

  app_start (&app, NULL, TRUE);
  set_control (&app, "posture", 2.0);
  set_control (&app, "speed", 3.0);
  WAIT_UNTIL (&app, (g_free (caption), caption = state_string (&app, "caption"),
                     g_str_has_prefix (caption, "Walking:")),
              "the walking caption");

  /* A healthy leg: one story all along. */
  walk_and_watch (&app, "healthy", 0);
  g_free (caption);
  caption = state_string (&app, "caption");
  g_assert_true (g_str_has_prefix (caption, "Walking:"));

  /* Weak valves: the story may turn to the blood falling back (and a leg
   * that aches), never back and forth with the strides. */
  set_control (&app, "valve-weakness", 0.8);
  walk_and_watch (&app, "weak valves", 2);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static void
test_pause_freezes_clock (void)
{
  App app = { 0 };
  guint64 before, after;

  app_start (&app, NULL, TRUE);
  wait_sim_time (&app, 0.5);

  activate (&app, "pause", NULL);
  g_assert_false (state_boolean (&app, "playing"));
  /* Paused, nothing drives the clock: the frame clock's tick is off. */
  g_assert_false (state_boolean (&app, "ticking"));
  before = state_uint64 (&app, "step");
  activate (&app, "set-speed", g_variant_new_double (600.0));
  after = state_uint64 (&app, "step");
  g_assert_cmpuint (before, ==, after);
  g_assert_false (state_boolean (&app, "ticking"));

  /* Step moves it by a tenth of a second, still paused. */
  activate (&app, "step", NULL);
  g_assert_cmpuint (state_uint64 (&app, "step"), ==, after + 100);

  activate (&app, "play", NULL);
  g_assert_true (state_boolean (&app, "ticking"));
  WAIT_UNTIL (&app, state_uint64 (&app, "step") > after + 100, "the clock moving on");

  /* A rate between the header bar's presets is kept as asked. */
  activate (&app, "set-speed", g_variant_new_double (3.0));
  g_assert_cmpfloat_with_epsilon (state_double (&app, "rate"), 3.0, 1e-12);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static void
test_scenarios_start_cleanly (void)
{
  App app = { 0 };

  app_start (&app, NULL, TRUE);
  activate (&app, "set-speed", g_variant_new_double (10.0));

  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      g_autofree char *name = NULL;

      activate (&app, "scenario", g_variant_new_string (scenario->name));
      name = state_string (&app, "scenario");
      g_assert_cmpstr (name, ==, scenario->name);
      g_assert_true (state_boolean (&app, "playing"));
      WAIT_UNTIL (&app, state_double (&app, "time_s") > 0.0, "the scenario running");
    }

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* The saved states of a scenario fill in a worker thread: a seek before
 * they reach its moment would play the whole way there first. (app.state
 * follows a playing simulation: do not wait on it paused.) */
static void
wait_timeline (App   *app,
               double time_s)
{
  double seen = -1.0;
  gint64 end = 0;

  /* The deadline is on progress, as in WAIT_SIM_UNTIL: how fast the worker
   * fills the states is up to the machine, so the test fails only when
   * they stop growing for DEADLINE_S. */
  for (;;)
    {
      double reached = state_double (app, "timeline_reached_s");

      if (reached >= time_s)
        break;
      if (reached > seen)
        {
          seen = reached;
          end = g_get_monotonic_time () + (gint64) DEADLINE_S * G_USEC_PER_SEC;
        }
      if (g_subprocess_get_identifier (app->process) == NULL)
        g_error ("soleus exited while the test waited for the timeline's saved states");
      if (g_get_monotonic_time () > end)
        g_error ("the timeline's saved states stood still at %g s for %d s (wanted %g s)",
                 seen, DEADLINE_S, time_s);
      pause_briefly ();
    }
}

/* A scenario picked plays at its own pace whatever the speed before, from
 * near its key moment, with the chart's window of that moment. */
static void
test_scenario_pace (void)
{
  App app = { 0 };

  app_start (&app, NULL, TRUE);
  activate (&app, "set-speed", g_variant_new_double (1.0));

  /* Ten hours in a seat would take ten hours at 1x: it plays at 600x. */
  activate (&app, "scenario", g_variant_new_string ("long-haul-flight"));
  g_assert_cmpfloat_with_epsilon (state_double (&app, "rate"), 600.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "chart_window_s"), 12.0 * 3600.0, 1e-9);
  wait_sim_time (&app, 600.0);

  /* A walk plays as it happens, from ten seconds before the first step,
   * with five minutes and more on the chart. */
  activate (&app, "set-speed", g_variant_new_double (60.0));
  activate (&app, "scenario", g_variant_new_string ("healthy-walk"));
  g_assert_cmpfloat_with_epsilon (state_double (&app, "rate"), 1.0, 1e-9);
  g_assert_cmpfloat (state_double (&app, "time_s"), >=, 110.0);
  g_assert_cmpfloat (state_double (&app, "time_s"), <, 120.0);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "chart_window_s"), 360.0, 1e-9);
  WAIT_UNTIL (&app, state_double (&app, "speed") > 0.0, "the walk starting");

  /* The office day slows down for the walk at lunch and speeds up after. */
  activate (&app, "scenario", g_variant_new_string ("office-day"));
  g_assert_cmpfloat_with_epsilon (state_double (&app, "rate"), 600.0, 1e-9);
  wait_timeline (&app, 4.0 * 3600.0);
  activate (&app, "seek", g_variant_new_double (4.0 * 3600.0 - 40.0));
  WAIT_UNTIL (&app, state_double (&app, "rate") < 600.0, "the pace slowing for the walk");
  g_assert_cmpfloat_with_epsilon (state_double (&app, "rate"), 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "chart_window_s"), 900.0, 1e-9);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* The hash of a scenario's state played straight from its start in this
 * process, as soleus-cli plays it. */
static guint64
played_hash (const char *name,
             double      time_s)
{
  const SoleusScenario *scenario = soleus_scenario_find (name);
  SoleusModel *model = soleus_model_new ();
  guint64 hash;

  soleus_scenario_start (scenario, model);
  soleus_scenario_advance_to (scenario, model, time_s);
  hash = soleus_model_state_hash (model);
  soleus_model_free (model);
  return hash;
}

/* Going to a moment on the timeline reaches the state that playing to it
 * reaches, bit for bit, forward or back, in a 10-minute walk and late in a
 * 10-hour flight. */
static void
test_timeline_seek (void)
{
  App app = { 0 };
  guint64 played;

  app_start (&app, NULL, TRUE);
  activate (&app, "scenario", g_variant_new_string ("varicose-veins"));
  activate (&app, "pause", NULL);
  activate (&app, "seek", g_variant_new_double (118.0));
  /* Played in the window, a tenth of a second at a time, across the walk's
   * start at 120 s. */
  for (guint i = 0; i < 40; i++)
    activate (&app, "step", NULL);
  g_assert_cmpuint (state_uint64 (&app, "step"), ==, 122000);
  played = state_uint64 (&app, "state_hash");
  g_assert_cmpuint (played, ==, played_hash ("varicose-veins", 122.0));

  activate (&app, "seek", g_variant_new_double (400.0));
  g_assert_cmpuint (state_uint64 (&app, "step"), ==, 400000);
  g_assert_cmpuint (state_uint64 (&app, "state_hash"), !=, played);
  activate (&app, "seek", g_variant_new_double (122.0));
  g_assert_cmpuint (state_uint64 (&app, "state_hash"), ==, played);
  activate (&app, "seek", g_variant_new_double (0.0));
  activate (&app, "seek", g_variant_new_double (122.0));
  g_assert_cmpuint (state_uint64 (&app, "state_hash"), ==, played);

  activate (&app, "scenario", g_variant_new_string ("long-haul-flight"));
  wait_timeline (&app, 10.0 * 3600.0);
  activate (&app, "pause", NULL);
  activate (&app, "seek", g_variant_new_double (9.5 * 3600.0));
  g_assert_cmpuint (state_uint64 (&app, "step"), ==, 34200000);
  g_assert_cmpuint (state_uint64 (&app, "state_hash"), ==,
                    played_hash ("long-haul-flight", 9.5 * 3600.0));
  activate (&app, "seek", g_variant_new_double (3.0 * 3600.0 + 0.7));
  g_assert_cmpuint (state_uint64 (&app, "state_hash"), ==,
                    played_hash ("long-haul-flight", 3.0 * 3600.0 + 0.7));

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Bad scripted input is refused with a warning in the log and changes
 * nothing; the app keeps running. (Warnings are not fatal here: they are
 * what this test expects to see.) */
static void
test_bad_input_is_refused (void)
{
  App app = { 0 };
  g_autofree char *log = NULL;
  g_autofree char *bad_path = NULL;

  app_start (&app, NULL, FALSE);
  activate (&app, "pause", NULL);
  set_control (&app, "valve-weakness", 0.5);

  set_control (&app, "valve-weaknes", 0.7);
  set_control (&app, "valve-weakness", 1.5);
  set_control (&app, "valve-weakness", NAN);
  activate (&app, "set-speed", g_variant_new_double (-2.0));
  activate (&app, "scenario", g_variant_new_string ("no-such-scenario"));
  bad_path = g_build_filename (app.dir, "missing-folder", "shot.png", NULL);
  activate (&app, "screenshot", g_variant_new_string (bad_path));
  activate (&app, "screenshot", g_variant_new_string ("relative-shot.png"));

  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "rate"), 1.0, 1e-12);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));

  /* A name with a terminal escape in it is echoed escaped, not obeyed. */
  set_control (&app, "\x1b[2Jevil", 0.5);
  /* -0 is 0, as from the command line and the files. */
  set_control (&app, "atrophy", -0.0);
  g_assert_false (signbit (state_double (&app, "atrophy")));

  log = app_stderr (&app);
  g_assert_null (strchr (log, '\x1b'));
  g_assert_nonnull (strstr (log, "\\x1b[2Jevil"));
  g_assert_nonnull (strstr (log, "valve-weaknes"));
  g_assert_nonnull (strstr (log, "out of range"));
  g_assert_nonnull (strstr (log, "no-such-scenario"));
  g_assert_nonnull (strstr (log, "app.set-speed"));
  g_assert_nonnull (strstr (log, "app.screenshot"));
  g_assert_nonnull (strstr (log, "not an absolute path"));

  app_quit (&app);
  app_free (&app);
}

/* Blood cells drawn on the GPU when GTK composites with GL, and by Cairo
 * when GL is not there, with no error shown. */
static void
test_cells_with_gl (void)
{
  App app = { 0 };

  app_start_with (&app, NULL, "gl", TRUE);
  g_assert_true (state_boolean (&app, "gl"));
  WAIT_UNTIL (&app, state_uint64 (&app, "gl_cells_drawn") > 100, "cells drawn with GL");
  g_assert_cmpuint (state_uint64 (&app, "cairo_cells_drawn"), ==, 0);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static void
test_cells_without_gl (void)
{
  App app = { 0 };

  app_start_with (&app, "gl-disable", "gl", TRUE);
  g_assert_false (state_boolean (&app, "gl"));
  WAIT_UNTIL (&app, state_uint64 (&app, "cairo_cells_drawn") > 100, "cells drawn with Cairo");

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* The virtual display's GL is Mesa's llvmpipe, drawn by the CPU: left to
 * choose, the application takes GTK's Cairo renderer, which keeps up where
 * GL compositing in software does not, and draws the cells with Cairo. */
static void
test_software_gl_takes_cairo (void)
{
  App app = { 0 };

  app_start_with (&app, NULL, "", TRUE);
  g_assert_false (state_boolean (&app, "gl"));
  WAIT_UNTIL (&app, state_uint64 (&app, "cairo_cells_drawn") > 100, "cells drawn with Cairo");
  g_assert_cmpuint (state_uint64 (&app, "gl_cells_drawn"), ==, 0);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Pixels close to a colour, as a fraction of a vertical strip x0..x1 (in
 * fractions of the width). */
static double
colour_fraction (const char *png,
                 double      x0,
                 double      x1,
                 guchar      r,
                 guchar      g,
                 guchar      b)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint64 hits = 0, total = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  for (int y = 0; y < h; y++)
    for (int x = (int) (x0 * w); x < (int) (x1 * w); x++)
      {
        const guchar *p = data + y * stride + 4 * x;  /* B G R A */

        if (abs (p[2] - r) + abs (p[1] - g) + abs (p[0] - b) < 24)
          hits++;
        total++;
      }
  cairo_surface_destroy (surface);

  return (double) hits / (double) MAX (total, 1);
}

/* "Your leg beside a healthy leg": in compare mode the picture holds two
 * legs, one in each half (where in its half depends on the room its
 * labels take); without it, the strip right of the middle where the
 * second leg would stand (between the labels and the close-ups, which
 * begin at about 0.64 of the width since the legend stands right of them)
 * holds none. */
static void
test_compare_shows_two_legs (void)
{
  App app = { 0 };
  g_autofree char *single = NULL;
  g_autofree char *both = NULL;
  const SoleusPaletteColors *colors = soleus_palette_get_colors (SOLEUS_PALETTE_LIGHT);
  guchar r = (guchar) (colors->skin.r * 255 + 0.5);
  guchar g = (guchar) (colors->skin.g * 255 + 0.5);
  guchar b = (guchar) (colors->skin.b * 255 + 0.5);
  double single_right, both_left, both_right;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  set_control (&app, "posture", SOLEUS_POSTURE_STANDING);
  single = g_build_filename (app.dir, "single.png", NULL);
  both = g_build_filename (app.dir, "both.png", NULL);

  activate (&app, "screenshot", g_variant_new_string (single));
  activate (&app, "compare", g_variant_new_boolean (TRUE));
  g_assert_true (state_boolean (&app, "compare"));
  activate (&app, "screenshot", g_variant_new_string (both));

  single_right = colour_fraction (single, 0.55, 0.63, r, g, b);
  both_left = colour_fraction (both, 0.0, 0.5, r, g, b);
  both_right = colour_fraction (both, 0.5, 1.0, r, g, b);
  g_test_message ("skin: single right %.2f%%, compare left %.2f%%, compare right %.2f%%",
                  100 * single_right, 100 * both_left, 100 * both_right);
  g_assert_cmpfloat (single_right, <, 0.002);
  g_assert_cmpfloat (both_left, >, 0.01);
  g_assert_cmpfloat (both_right, >, 0.01);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static char *
window_id (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* The visible window: GTK keeps a hidden one of the same name. */
  g_spawn_command_line_sync ("xdotool search --onlyvisible --name ^Soleus$", &out, NULL, &status,
                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_strchomp (out);
  g_assert_cmpstr (out, !=, "");

  return g_strdup (strtok (out, "\n"));
}

static void
press_key (const char *key)
{
  g_autofree char *wid = window_id ();
  g_autofree char *command = g_strdup_printf ("xdotool windowactivate --sync %s key %s", wid, key);
  g_autoptr(GError) error = NULL;

  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static gint32
state_int32 (App        *app,
             const char *key)
{
  gint32 value;

  state_lookup (app, key, "i", &value);

  return value;
}

static gboolean
near_size (int widget,
           int window)
{
  return widget <= window && widget >= window - 64;
}

/* Resizes the window as a person would and waits until it has drawn a
 * few frames at that size. */
static void
resize_window (App *app,
               int  width,
               int  height)
{
  g_autofree char *wid = window_id ();
  g_autofree char *command = g_strdup_printf ("xdotool windowsize %s %d %d", wid, width, height);
  g_autofree char *what = g_strdup_printf ("the window at %dx%d", width, height);
  g_autoptr(GError) error = NULL;
  guint64 frames;

  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The X window holds the client-side shadow around the widget. */
  WAIT_UNTIL (app, near_size (state_int32 (app, "window_width"), width)
                   && near_size (state_int32 (app, "window_height"), height), what);
  frames = state_uint64 (app, "frames_drawn");
  WAIT_UNTIL (app, state_uint64 (app, "frames_drawn") >= frames + 3, "frames at the new size");
}

/* Every language fits: at each size, in English and German, no label of
 * the window is cut with an ellipsis or broken inside a word (the labels'
 * own Pango layouts, as the window reports them), with every readout,
 * the feelings and the advice shown. */
static void
test_every_language_fits (void)
{
  static const char *const languages[] = { "en", "de" };
  static const int sizes[][2] = { { 800, 600 }, { 1280, 800 }, { 1920, 1080 } };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      App app = { 0 };

      app_language = languages[l];
      app_start (&app, NULL, TRUE);
      app_language = NULL;
      set_control (&app, "posture", 2.0);
      set_control (&app, "speed", 3.0);
      set_control (&app, "valve-weakness", 0.7);
      wait_sim_time (&app, 3.0);

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *issues = NULL;

          resize_window (&app, sizes[i][0], sizes[i][1]);
          issues = state_string (&app, "text_issues");
          g_test_message ("%s at %dx%d: %s", languages[l], sizes[i][0], sizes[i][1],
                          *issues ? issues : "every label fits");
          g_assert_cmpuint (state_uint32 (&app, "ellipsized_labels"), ==, 0);
          g_assert_cmpuint (state_uint32 (&app, "broken_words"), ==, 0);
          /* The headline number stays in view, above the picture. */
          g_assert_true (state_boolean (&app, "headline_visible"));
        }

      /* Preferences: short unit names, nothing cut. */
      activate (&app, "preferences", NULL);
      WAIT_UNTIL (&app, state_uint32 (&app, "toplevels") >= 2, "the preferences window");
      {
        g_autofree char *issues = NULL;
        guint64 frames = state_uint64 (&app, "frames_drawn");

        WAIT_UNTIL (&app, state_uint64 (&app, "frames_drawn") >= frames + 3, "a few frames");
        issues = state_string (&app, "text_issues");
        g_test_message ("%s, preferences: %s", languages[l], *issues ? issues : "every label fits");
        g_assert_cmpuint (state_uint32 (&app, "ellipsized_labels"), ==, 0);
        g_assert_cmpuint (state_uint32 (&app, "broken_words"), ==, 0);
      }

      assert_no_warnings (&app);
      app_quit (&app);
      app_free (&app);
    }
}

/* A widget's place in the window from app.state: x, y, width, height;
 * all zero when it is not drawn. */
typedef struct
{
  double x, y, width, height;
} Bounds;

static Bounds
state_bounds (App        *app,
              const char *key)
{
  Bounds b;
  g_autoptr(GVariant) state = get_state (app);

  if (!g_variant_lookup (state, key, "(dddd)", &b.x, &b.y, &b.width, &b.height))
    g_error ("app.state has no “%s” of type (dddd)", key);

  return b;
}

static gboolean
bounds_overlap (Bounds a,
                Bounds b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width
         && a.y < b.y + b.height && b.y < a.y + a.height;
}

/* Wholly inside a window of that size, and drawn. */
static gboolean
bounds_inside (Bounds b,
               int    width,
               int    height)
{
  return b.width > 0 && b.height > 0 && b.x >= 0 && b.y >= 0
         && b.x + b.width <= width && b.y + b.height <= height;
}

/* The window laid out for its size: the panel folded or not, the header
 * bar fitted, and no slide of the panel under way. */
static gboolean
layout_settled (App      *app,
                gboolean  folded)
{
  double progress = state_double (app, "panel_progress");

  return state_boolean (app, "panel_folded") == folded
         && !state_boolean (app, "layout_pending")
         && (progress <= 0.0 || progress >= 1.0);
}

/* What must hold at every size: the headline, the caption and the picture
 * drawn inside the window and the headline clear of the panel; no
 * headline or readout label cut short (the labels' Pango layouts against
 * their allocations), and no label of the window cut with an ellipsis. */
static void
assert_layout_fits (App        *app,
                    const char *where)
{
  gint32 width = state_int32 (app, "content_width");
  gint32 height = state_int32 (app, "content_height");
  Bounds headline = state_bounds (app, "headline_bounds");
  Bounds panel = state_bounds (app, "panel_bounds");
  g_autofree char *cut = state_string (app, "cut_labels");
  g_autofree char *issues = state_string (app, "text_issues");

  Bounds picture = state_bounds (app, "play_area_bounds");
  Bounds timeline = state_bounds (app, "timeline_bounds");

  g_test_message ("%s: content %dx%d, headline at %.0f,%.0f %.0fx%.0f, picture at %.0f,%.0f "
                  "%.0fx%.0f, timeline at %.0f,%.0f %.0fx%.0f, panel at %.0f,%.0f %.0fx%.0f%s%s%s%s",
                  where, width, height, headline.x, headline.y, headline.width, headline.height,
                  picture.x, picture.y, picture.width, picture.height, timeline.x, timeline.y,
                  timeline.width, timeline.height, panel.x, panel.y, panel.width, panel.height,
                  *cut ? "; cut: " : "", cut, *issues ? "; " : "", issues);
  g_assert_true (state_boolean (app, "headline_visible"));
  g_assert_true (bounds_inside (headline, width, height));
  g_assert_true (bounds_inside (state_bounds (app, "caption_bounds"), width, height));
  g_assert_true (bounds_inside (state_bounds (app, "play_area_bounds"), width, height));
  g_assert_true (bounds_inside (state_bounds (app, "timeline_bounds"), width, height));
  g_assert_true (bounds_inside (state_bounds (app, "play_button_bounds"), width, height));
  /* The picture keeps a useful size. */
  g_assert_cmpfloat (state_bounds (app, "play_area_bounds").height, >=, 150.0);
  g_assert_false (bounds_overlap (headline, panel));
  g_assert_cmpuint (state_uint32 (app, "headline_labels_cut"), ==, 0);
  g_assert_cmpuint (state_uint32 (app, "readout_labels_cut"), ==, 0);
  g_assert_cmpuint (state_uint32 (app, "ellipsized_labels"), ==, 0);
  g_assert_cmpuint (state_uint32 (app, "broken_words"), ==, 0);
}

static gboolean
state_scenario_is (App        *app,
                   const char *name)
{
  g_autofree char *scenario = state_string (app, "scenario");

  return g_strcmp0 (scenario, name) == 0;
}

/* From a phone's width to a large screen, in English, German, French and
 * Spanish: below 900 px the controls fold into a panel that F9 slides over
 * the picture and F9, Esc or a click on the picture close; above, they
 * stand beside the picture. The headline stays above the picture, clear
 * of the panel, and nothing is cut. */
static void
test_adaptive_layout (void)
{
  static const char *const languages[] = { "en", "de", "fr", "es" };
  static const int sizes[][2] = { { 360, 640 }, { 800, 600 }, { 1280, 800 }, { 1920, 1080 } };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      App app = { 0 };

      app_language = languages[l];
      app_start (&app, NULL, TRUE);
      app_language = NULL;
      /* A story, so that the timeline shows, walking with weak valves. */
      activate (&app, "scenario", g_variant_new_string ("varicose-veins"));
      WAIT_UNTIL (&app, state_scenario_is (&app, "varicose-veins"), "the varicose veins' story");
      set_control (&app, "posture", 2.0);
      set_control (&app, "speed", 3.0);
      set_control (&app, "valve-weakness", 0.7);
      wait_sim_time (&app, state_double (&app, "time_s") + 3.0);

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          gboolean folded = sizes[i][0] < 900;
          g_autofree char *where = g_strdup_printf ("%s at %dx%d", languages[l], sizes[i][0],
                                                    sizes[i][1]);
          g_autofree char *open = g_strdup_printf ("%s, panel open", where);

          resize_window (&app, sizes[i][0], sizes[i][1]);
          WAIT_UNTIL (&app, layout_settled (&app, folded), where);
          g_assert_cmpint (state_boolean (&app, "compact"), ==, sizes[i][0] < 600);

          if (!folded)
            {
              Bounds panel = state_bounds (&app, "panel_bounds");
              Bounds picture = state_bounds (&app, "play_area_bounds");

              /* Beside the picture, open. */
              g_assert_true (state_boolean (&app, "panel_revealed"));
              g_assert_cmpfloat (panel.width, >, 0.0);
              g_assert_cmpfloat (panel.x, >=, picture.x + picture.width);
              assert_layout_fits (&app, where);
              continue;
            }

          /* Folded: closed, and nothing of it drawn over the picture. */
          g_assert_false (state_boolean (&app, "panel_revealed"));
          g_assert_cmpfloat (state_bounds (&app, "panel_bounds").width, <, 0.5);
          assert_layout_fits (&app, where);

          /* F9 slides it over the picture, below the headline; the
           * keyboard goes with it. */
          press_key ("F9");
          WAIT_UNTIL (&app, state_boolean (&app, "panel_revealed")
                            && state_double (&app, "panel_progress") >= 1.0, open);
          {
            Bounds panel = state_bounds (&app, "panel_bounds");

            g_assert_cmpfloat (panel.width, >, 0.0);
            g_assert_true (bounds_overlap (panel, state_bounds (&app, "play_area_bounds")));
          }
          assert_layout_fits (&app, open);
          {
            g_autofree char *focus = state_string (&app, "focus_type");

            g_assert_true (state_boolean (&app, "focus_in_panel"));
            g_test_message ("%s: focus on a %s", open, focus);
          }

          /* Esc closes it, and the keyboard is back on the toggle. */
          press_key ("Escape");
          WAIT_UNTIL (&app, !state_boolean (&app, "panel_revealed")
                            && state_double (&app, "panel_progress") <= 0.0, "the panel closing");
          g_assert_false (state_boolean (&app, "focus_in_panel"));
          {
            g_autofree char *focus = state_string (&app, "focus_type");

            g_assert_cmpstr (focus, ==, "GtkToggleButton");
          }

          /* F9 opens and closes it. */
          press_key ("F9");
          WAIT_UNTIL (&app, state_double (&app, "panel_progress") >= 1.0, "the panel open again");
          press_key ("F9");
          WAIT_UNTIL (&app, state_double (&app, "panel_progress") <= 0.0,
                      "the panel closed with F9");

          /* Where the picture shows beside it, a click on the picture
           * closes it. */
          press_key ("F9");
          WAIT_UNTIL (&app, state_double (&app, "panel_progress") >= 1.0, "the panel open for a click");
          {
            Bounds panel = state_bounds (&app, "panel_bounds");
            Bounds picture = state_bounds (&app, "play_area_bounds");

            if (panel.x > picture.x + 40)
              {
                g_autofree char *wid = window_id ();
                /* The window's content starts where its X window does, but
                 * for a frame of a few pixels: the click is well inside. */
                g_autofree char *command =
                  g_strdup_printf ("xdotool mousemove --window %s %d %d click 1", wid,
                                   (int) (picture.x + 20), (int) (picture.y + picture.height / 2));
                g_autoptr(GError) error = NULL;

                g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
                g_assert_no_error (error);
                WAIT_UNTIL (&app, state_double (&app, "panel_progress") <= 0.0,
                            "the panel closed by a click on the picture");
              }
            else
              {
                press_key ("Escape");
                WAIT_UNTIL (&app, state_double (&app, "panel_progress") <= 0.0,
                            "the panel closed with Esc");
              }
          }
        }

      assert_no_warnings (&app);
      app_quit (&app);
      app_free (&app);
    }
}

/* The effort readout shows a share once the muscle works. */
static gboolean
effort_shown (App *app)
{
  g_autofree char *effort = state_string (app, "effort_text");

  return g_str_has_suffix (effort, "%");
}

static gboolean
emptying_known (App *app)
{
  return !isnan (state_double (app, "calf_emptying"))
         && !isnan (state_double (app, "calf_emptying_healthy"));
}

/* Readouts that mean what they say: effort only while the muscle works,
 * no sitting range for seated ankle pumps, swelling in words, and a calf
 * pump that empties a post-thrombotic leg less than a healthy one (its
 * stroke volume per stride is larger: what falls back is pumped again). */
static void
test_readouts_mean_what_they_say (void)
{
  App app = { 0 };
  g_autofree char *effort = NULL;
  g_autofree char *range = NULL;
  g_autofree char *swelling = NULL;
  double leg, healthy;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);

  /* Lying still: the calf rests, and its pump is not pumping. */
  effort = state_string (&app, "effort_text");
  g_assert_cmpstr (effort, ==, "At rest");
  g_assert_true (isnan (state_double (&app, "calf_emptying")));
  swelling = state_string (&app, "swelling_text");
  g_assert_true (g_str_has_prefix (swelling, "None, "));
  g_assert_true (g_str_has_suffix (swelling, " mL"));

  /* Ankle pumps sitting are not judged by the range of a still sitting
   * leg; sitting still they are. */
  set_control (&app, "posture", 1.0);
  activate (&app, "step", NULL);
  range = state_string (&app, "headline_range");
  g_assert_true (g_str_has_prefix (range, "Healthy sitting"));
  g_free (range);
  set_control (&app, "ankle-exercise", 30.0);
  activate (&app, "play", NULL);
  WAIT_UNTIL (&app, effort_shown (&app), "the ankle pumps starting");
  activate (&app, "pause", NULL);
  activate (&app, "step", NULL);
  range = state_string (&app, "headline_range");
  g_test_message ("ankle pumps: %s", range);
  g_assert_null (strstr (range, "Healthy sitting"));
  g_assert_true (g_str_has_prefix (range, "No healthy range has been measured for ankle pumps."));
  g_free (effort);
  effort = state_string (&app, "effort_text");
  g_assert_true (g_str_has_suffix (effort, "%"));

  /* A post-thrombotic leg walking: deep reflux and an outflow obstruction. */
  set_control (&app, "ankle-exercise", 0.0);
  set_control (&app, "posture", 2.0);
  set_control (&app, "valve-weakness", 1.0);
  set_control (&app, "reflux-site", 1.0);
  set_control (&app, "obstruction", 0.7);
  set_control (&app, "speed", 3.0);
  activate (&app, "play", NULL);
  WAIT_UNTIL (&app, effort_shown (&app), "the walk starting");
  activate (&app, "pause", NULL);
  activate (&app, "step", NULL);
  {
    /* The first half minute of a walk: the veins settle, no share yet. */
    g_autofree char *emptying = state_string (&app, "calf_emptying_text");

    g_assert_cmpstr (emptying, ==, "Settling");
  }
  activate (&app, "set-speed", g_variant_new_double (10.0));
  activate (&app, "play", NULL);
  wait_sim_time (&app, 120.0);
  WAIT_UNTIL (&app, emptying_known (&app), "the calf pump's emptying");
  leg = state_double (&app, "calf_emptying");
  healthy = state_double (&app, "calf_emptying_healthy");
  g_test_message ("post-thrombotic: ejection %.0f mL a stride, emptying %.2f; healthy %.2f",
                  state_double (&app, "calf_ejection_mL"), leg, healthy);
  g_assert_cmpfloat (healthy, >, 0.3);
  g_assert_cmpfloat (leg, <, healthy / 2);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Tab visits only what can be used: never a label or a row that only
 * shows text. The shortcuts window names keys as keyboards print them. */
static void
test_keyboard_plainly (void)
{
  App app = { 0 };
  g_autofree char *keys = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *type = NULL;
      guint32 changes = state_uint32 (&app, "focus_changes");

      press_key ("Tab");
      WAIT_UNTIL (&app, state_uint32 (&app, "focus_changes") != changes, "the focus moving");
      type = state_string (&app, "focus_type");
      g_test_message ("Tab %d: %s", i + 1, type);
      if (state_boolean (&app, "focus_read_only"))
        g_error ("Tab stopped on a %s that only shows text", type);
      g_hash_table_add (seen, g_steal_pointer (&type));
    }
  /* It went round the controls: the sliders, the header's buttons. */
  g_assert_true (g_hash_table_contains (seen, "GtkScale"));
  g_assert_true (g_hash_table_contains (seen, "GtkButton"));

  keys = state_string (&app, "shortcut_keys");
  g_assert_nonnull (strstr (keys, "Page Down\n"));
  g_assert_nonnull (strstr (keys, "Page Up\n"));
  g_assert_null (strstr (keys, "_"));
  g_assert_null (strstr (keys, "Escape"));

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static gboolean
caption_differs (App        *app,
                 const char *before)
{
  g_autofree char *caption = state_string (app, "caption");

  return g_strcmp0 (caption, before) != 0;
}

static gboolean
state_string_has (App        *app,
                  const char *key,
                  const char *part)
{
  g_autofree char *text = state_string (app, key);

  return text != NULL && strstr (text, part) != NULL;
}

/* win.pick-valve, as app.pick-valve for scripts: a valve picked by name is
 * held in a close-up (the picture changes, its accessible name says
 * which), an unknown name is refused with one line and changes nothing,
 * and Esc lets go: the close-ups follow the leaks again. */
static void
test_pick_valve (void)
{
  App app = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *held = NULL;
  g_autofree char *log = NULL;
  double difference;

  app_start (&app, NULL, FALSE);
  before = g_build_filename (app.dir, "before.png", NULL);
  held = g_build_filename (app.dir, "held.png", NULL);
  activate (&app, "pause", NULL);
  g_assert_true (state_string_is (&app, "picked_valve", "auto"));
  g_assert_true (state_string_is (&app, "picture_label", "The leg"));
  activate (&app, "screenshot", g_variant_new_string (before));

  activate (&app, "pick-valve", g_variant_new_string ("foot-outlet"));
  WAIT_UNTIL (&app, state_string_is (&app, "picked_valve", "foot-outlet"), "the valve held");
  g_assert_true (state_string_has (&app, "picture_label", "Valve where the foot veins leave the foot"));
  activate (&app, "screenshot", g_variant_new_string (held));
  difference = png_difference (before, held);
  g_test_message ("a close-up held on the foot's valve: %.2f%% of the pixels differ",
                  100.0 * difference);
  g_assert_cmpfloat (difference, >, 0.001);

  /* an unknown valve: one line, nothing changed */
  activate (&app, "pick-valve", g_variant_new_string ("aortic"));
  activate (&app, "pick-valve", g_variant_new_string ("valve-femoral"));
  g_assert_true (state_string_is (&app, "picked_valve", "foot-outlet"));
  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.pick-valve: No valve is called 'aortic'"));
  g_assert_nonnull (strstr (log, "'valve-femoral'"));

  /* Esc lets go before it leaves anything else (playing: the window
   * takes keys as the presentation test does) */
  activate (&app, "play", NULL);
  press_key ("Escape");
  WAIT_UNTIL (&app, state_string_is (&app, "picked_valve", "auto"), "the close-ups let go");
  g_assert_true (state_string_is (&app, "picture_label", "The leg"));
  g_assert_false (state_boolean (&app, "presenting"));

  /* picked again and let go by name */
  activate (&app, "pick-valve", g_variant_new_string ("perforator"));
  WAIT_UNTIL (&app, state_string_is (&app, "picked_valve", "perforator"), "the perforator held");
  activate (&app, "pick-valve", g_variant_new_string ("auto"));
  WAIT_UNTIL (&app, state_string_is (&app, "picked_valve", "auto"), "following the leaks");

  app_quit (&app);
  app_free (&app);
}

/* For the stage: F5 fills the screen, PageDown (what clickers send) moves
 * to the next step and changes the caption, Esc leaves. */
static void
test_presentation_mode (void)
{
  App app = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint32 width = 0;

  app_start (&app, NULL, TRUE);
  press_key ("F5");
  WAIT_UNTIL (&app, state_boolean (&app, "presenting"), "presentation mode");
  WAIT_UNTIL (&app, state_boolean (&app, "fullscreen"), "full screen");
  WAIT_UNTIL (&app, state_int32 (&app, "window_width") >= 1900, "the window filling the screen");
  width = state_int32 (&app, "window_width");
  g_assert_cmpint (width, >=, 1900);

  before = state_string (&app, "caption");
  press_key ("Next");
  WAIT_UNTIL (&app, state_int32 (&app, "step_index") == 0, "the first step");
  press_key ("Next");
  WAIT_UNTIL (&app, state_int32 (&app, "step_index") == 1, "the second step");
  WAIT_UNTIL (&app, caption_differs (&app, before), "a new caption");
  after = state_string (&app, "caption");
  g_test_message ("caption before: %s / after two PageDowns: %s", before, after);
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpint (state_double (&app, "posture"), ==, SOLEUS_POSTURE_STANDING);

  press_key ("Escape");
  WAIT_UNTIL (&app, !state_boolean (&app, "presenting"), "leaving presentation mode");

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static void
write_settings (const char *config,
                const char *lines)
{
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[%s]\n%s", APP_OBJECT_PATH + 1, lines);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);
}

/* The window opens on story cards; a card (its action) starts its story,
 * "Free exploration" a walking healthy leg, the main menu's Start Page
 * comes back, a bad choice is refused; the last choice is reopened at
 * start-up only when the preference says so. */
static void
test_start_page (void)
{
  App app = { 0 };
  g_autofree char *config = g_dir_make_tmp ("soleus-test-config-XXXXXX", NULL);
  g_autofree char *scenario = NULL;
  g_autofree char *log = NULL;

  g_assert_nonnull (config);
  write_settings (config, "open-last-choice=true\n");
  app_config = config;
  app_keep_start_page = TRUE;
  app_start (&app, NULL, FALSE);
  WAIT_UNTIL (&app, state_page_is (&app, "start"), "the start page");
  g_assert_false (state_boolean (&app, "playing"));
  /* Play, step and speed do nothing over the cards: not shown. */
  g_assert_cmpfloat (state_bounds (&app, "play_button_bounds").width, <, 0.5);

  /* A story card. */
  activate (&app, "start-choice", g_variant_new_string ("scenario:varicose-veins"));
  WAIT_UNTIL (&app, state_page_is (&app, "play"), "the picture");
  scenario = state_string (&app, "scenario");
  g_assert_cmpstr (scenario, ==, "varicose-veins");
  g_assert_true (state_boolean (&app, "playing"));
  WAIT_UNTIL (&app, state_bounds (&app, "play_button_bounds").width > 0.0,
              "the play button over the picture");
  {
    guint64 frames = state_uint64 (&app, "frames_drawn");

    WAIT_UNTIL (&app, state_uint64 (&app, "frames_drawn") > frames + 2, "the story playing");
  }

  /* Back to the cards, then free exploration: a healthy leg walking. */
  activate (&app, "start-page", NULL);
  WAIT_UNTIL (&app, state_page_is (&app, "start"), "the start page again");
  WAIT_UNTIL (&app, !state_boolean (&app, "playing"), "the picture pausing behind the cards");
  activate (&app, "start-choice", g_variant_new_string ("free"));
  WAIT_UNTIL (&app, state_page_is (&app, "play"), "free exploration");
  g_assert_cmpint ((int) state_double (&app, "posture"), ==, SOLEUS_POSTURE_STANDING);
  g_assert_cmpfloat (state_double (&app, "speed"), >, 0.0);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.0, 1e-9);
  g_assert_true (state_boolean (&app, "playing"));

  /* A choice that names nothing changes nothing. */
  activate (&app, "start-page", NULL);
  WAIT_UNTIL (&app, state_page_is (&app, "start"), "the start page a third time");
  activate (&app, "start-choice", g_variant_new_string ("scenario:no-such-story"));
  activate (&app, "start-choice", g_variant_new_string ("file:relative.soleus"));
  g_assert_true (state_page_is (&app, "start"));
  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.start-choice"));
  g_assert_nonnull (strstr (log, "no-such-story"));

  /* A file from the file manager leaves the start page for the picture. */
  {
    g_autofree char *path = g_build_filename (app.dir, "from the desktop.soleus", NULL);
    g_autoptr(GSubprocess) second = NULL;
    g_autoptr(GError) error = NULL;

    set_control (&app, "atrophy", 0.6);
    activate (&app, "save", g_variant_new_string (path));
    wait_jobs (&app);
    set_control (&app, "atrophy", 0.0);
    g_assert_true (state_page_is (&app, "start"));
    second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, soleus_binary, path,
                               NULL);
    g_assert_no_error (error);
    WAIT_UNTIL (&app, g_subprocess_get_identifier (second) == NULL,
                "the second soleus handing the file over");
    WAIT_UNTIL (&app, state_double (&app, "atrophy") > 0.5, "the window opening the file");
    g_assert_true (state_page_is (&app, "play"));
  }
  app_quit (&app);
  app_free (&app);

  /* Asked for: the last choice (free exploration) opens at start-up. */
  memset (&app, 0, sizeof app);
  app_config = config;
  app_keep_start_page = TRUE;
  app_start (&app, NULL, TRUE);
  WAIT_UNTIL (&app, state_has_page (&app), "the first page");
  g_assert_true (state_page_is (&app, "play"));
  g_assert_cmpint ((int) state_double (&app, "posture"), ==, SOLEUS_POSTURE_STANDING);
  g_assert_true (state_boolean (&app, "playing"));
  app_quit (&app);
  app_free (&app);

  /* Not asked for (the default): the start page, whatever came last. */
  write_settings (config, "last-choice='scenario:varicose-veins'\n");
  memset (&app, 0, sizeof app);
  app_config = config;
  app_keep_start_page = TRUE;
  app_start (&app, NULL, TRUE);
  app_config = NULL;
  app_keep_start_page = FALSE;
  WAIT_UNTIL (&app, state_has_page (&app), "the first page");
  g_assert_true (state_page_is (&app, "start"));
  /* The keyboard starts on the first card: Enter explores freely. */
  press_key ("Return");
  WAIT_UNTIL (&app, state_page_is (&app, "play")
                    && (int) state_double (&app, "posture") == SOLEUS_POSTURE_STANDING,
              "Enter picking the first card: free exploration");
  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);

  {
    g_autofree char *command = g_strdup_printf ("rm -rf %s", config);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
}

/* An X display of its own, as large as the largest projector, with no
 * window manager: there the window takes any size it is given. Returns the
 * server; *display is its name. */
static GSubprocess *
start_large_display (char **display)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocess *server;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* A failed assertion aborts the test: the server goes with it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "1",
                                        "-screen", "0", "3840x2160x24",
                                        "-nolisten", "tcp", NULL);
  g_assert_no_error (error);
  /* The server names its display on its output once it accepts clients. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  number = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (number);
  *display = g_strdup_printf (":%s", g_strstrip (number));

  return server;
}

/* Runs xdotool on display with the arguments in command. */
static void
xdotool_on (const char *display,
            const char *command)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "DISPLAY", display, TRUE);
  g_autofree char *line = g_strdup_printf ("xdotool %s", command);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_shell_parse_argv (line, NULL, &argv, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* The stage's type fitted to the window's size now, the window as large
 * as asked less its frame (at most 40 px). */
static gboolean
stage_fitted (App *app,
              int  width,
              int  height)
{
  gint32 window_width = state_int32 (app, "window_width");
  gint32 window_height = state_int32 (app, "window_height");

  return window_width <= width && window_width >= width - 40
         && window_height <= height && window_height >= height - 40
         && state_int32 (app, "stage_width") == window_width
         && state_int32 (app, "stage_height") == window_height
         && !state_boolean (app, "stage_fit_pending");
}

/* Presentation mode on a projector of each size, in English and German:
 * the step and the headline are the largest text, neither cut short nor
 * broken inside a word, and the strip above the picture keeps to 15% of
 * the height. The hint with the keys fades and comes back on a key. */
static void
test_presentation_fits (void)
{
  static const struct { int width, height; } sizes[] = {
    { 1024, 768 }, { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 },
  };
  static const char *languages[] = { "en", "de" };
  g_autofree char *display = NULL;
  g_autoptr(GSubprocess) server = start_large_display (&display);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      App app = { 0 };
      guint32 shows;

      app_language = languages[l];
      app_display = display;
      app_start (&app, NULL, TRUE);
      app_language = NULL;
      app_display = NULL;

      activate (&app, "presentation", g_variant_new_boolean (TRUE));
      WAIT_UNTIL (&app, state_boolean (&app, "presenting"), "presentation mode");
      /* The built-in tour's second step: a sentence with numbers in it. */
      xdotool_on (display, "search --onlyvisible --name ^Soleus$ windowfocus --sync key Next key Next");
      WAIT_UNTIL (&app, state_int32 (&app, "step_index") == 1, "the second step");

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          int width = sizes[i].width;
          int height = sizes[i].height;
          g_autofree char *resize = g_strdup_printf ("search --onlyvisible --name ^Soleus$ windowsize %d %d",
                                                     width, height);
          g_autofree char *what = g_strdup_printf ("the stage fitted to %dx%d", width, height);
          g_autofree char *step = NULL;
          double step_px, headline_px, other_px, header;
          gint32 window_height;

          xdotool_on (display, resize);
          WAIT_UNTIL (&app, stage_fitted (&app, width, height), what);

          step = state_string (&app, "step_caption");
          step_px = state_double (&app, "step_px");
          headline_px = state_double (&app, "stage_headline_px");
          other_px = state_double (&app, "other_text_px");
          header = state_double (&app, "header_height");
          window_height = state_int32 (&app, "window_height");
          g_test_message ("%s %dx%d: step %.0f px, headline %.0f px, other text up to %.0f px, "
                          "header %.0f px; %s", languages[l], width, height, step_px,
                          headline_px, other_px, header, step);
          g_assert_false (state_boolean (&app, "step_ellipsized"));
          g_assert_false (state_boolean (&app, "stage_headline_ellipsized"));
          g_assert_false (state_boolean (&app, "step_breaks_inside_word"));
          g_assert_cmpfloat (step_px, >, other_px);
          g_assert_cmpfloat (headline_px, >, other_px);
          g_assert_cmpfloat (header, >, 0.0);
          g_assert_cmpfloat (header, <=, 0.15 * window_height);
        }

      /* The hint fades, and a key brings it back. */
      WAIT_UNTIL (&app, state_double (&app, "hint_opacity") < 0.01, "the hint fading");
      shows = state_uint32 (&app, "hint_shows");
      xdotool_on (display, "search --onlyvisible --name ^Soleus$ windowfocus --sync key shift");
      WAIT_UNTIL (&app, state_uint32 (&app, "hint_shows") > shows, "the hint shown again");
      WAIT_UNTIL (&app, state_double (&app, "hint_opacity") < 0.01, "the hint fading again");

      assert_no_warnings (&app);
      app_quit (&app);
      app_free (&app);
    }

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

static gboolean
surface_is_blank (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint32 first;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  first = *(const guint32 *) data;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (*(const guint32 *) (data + y * stride + 4 * x) != first)
        return FALSE;

  return TRUE;
}

/* Pictures of the play area in the three formats re-render as non-blank
 * images, the chart's data parses as CSV with its header lines, and the
 * handout is one page that says what it is. */
static void
test_exports (void)
{
  App app = { 0 };
  g_autofree char *png = NULL, *svg = NULL, *pdf = NULL, *csv = NULL, *handout = NULL;
  g_autofree char *handout_uri = NULL;
  g_autofree char *csv_text = NULL, *pdf_uri = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint rows = 0;

  app_start (&app, NULL, TRUE);
  set_control (&app, "posture", SOLEUS_POSTURE_STANDING);
  set_control (&app, "speed", 3.0);
  set_control (&app, "valve-weakness", 0.4);
  activate (&app, "set-speed", g_variant_new_double (10.0));
  wait_sim_time (&app, 20.0);
  activate (&app, "pause", NULL);

  png = g_build_filename (app.dir, "leg.png", NULL);
  svg = g_build_filename (app.dir, "leg.svg", NULL);
  pdf = g_build_filename (app.dir, "leg.pdf", NULL);
  csv = g_build_filename (app.dir, "data.csv", NULL);
  activate (&app, "screenshot", g_variant_new_string (png));
  activate (&app, "screenshot", g_variant_new_string (svg));
  activate (&app, "screenshot", g_variant_new_string (pdf));
  activate (&app, "export-csv", g_variant_new_string (csv));
  handout = g_build_filename (app.dir, "handout.pdf", NULL);
  activate (&app, "print-handout", g_variant_new_string (handout));

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_false (surface_is_blank (surface));
  cairo_surface_destroy (surface);

  {
    /* No autoptr for these in Debian 12's librsvg and poppler. */
    RsvgHandle *handle = rsvg_handle_new_from_file (svg, &error);
    RsvgRectangle viewport = { 0, 0, 400, 250 };

    g_assert_no_error (error);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 250);
    cr = cairo_create (surface);
    g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
    g_assert_no_error (error);
    cairo_destroy (cr);
    g_assert_false (surface_is_blank (surface));
    cairo_surface_destroy (surface);
    g_object_unref (handle);
  }

  {
    PopplerDocument *document;
    PopplerPage *page;

    pdf_uri = g_filename_to_uri (pdf, NULL, &error);
    g_assert_no_error (error);
    document = poppler_document_new_from_file (pdf_uri, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
    page = poppler_document_get_page (document, 0);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 250);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    poppler_page_render (page, cr);
    cairo_destroy (cr);
    g_assert_false (surface_is_blank (surface));
    cairo_surface_destroy (surface);
    g_object_unref (page);
    g_object_unref (document);
  }

  /* The patient handout: one page, with the educational-model footer. */
  {
    PopplerDocument *document;
    PopplerPage *page;
    g_autofree char *text = NULL;

    handout_uri = g_filename_to_uri (handout, NULL, &error);
    g_assert_no_error (error);
    document = poppler_document_new_from_file (handout_uri, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
    page = poppler_document_get_page (document, 0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (strstr (text, "not a diagnostic tool"));
    g_assert_nonnull (strstr (text, "clinician prescribes"));
    g_object_unref (page);
    g_object_unref (document);
  }

  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv_text, "# model_version: "));
  /* Shortest round-trip numbers, not 0.40000000000000002. */
  g_assert_nonnull (strstr (csv_text, "# valve-weakness: 0.4\n"));
  g_assert_nonnull (strstr (csv_text, "# posture: standing"));
  lines = g_strsplit (csv_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0' || g_str_has_prefix (lines[i], "time_s"))
        continue;
      fields = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      for (guint f = 0; f < 5; f++)
        {
          char *end = NULL;

          g_ascii_strtod (fields[f], &end);
          g_assert_true (end != fields[f] && *end == '\0');
        }
      rows++;
    }
  /* 20 s at ten samples a second, and the start. */
  g_assert_cmpuint (rows, >=, 200);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* A shipped language shows in the window: the caption, the headline and
 * the step text are German with LANGUAGE=de (the translations built in the
 * build tree, through SOLEUS_LOCALEDIR). */
static void
test_german (void)
{
  App app = { 0 };
  g_autofree char *caption = NULL;
  g_autofree char *step = NULL;

  app_language = "de";
  app_start (&app, NULL, TRUE);
  app_language = NULL;
  activate (&app, "pause", NULL);

  caption = state_string (&app, "caption");
  step = state_string (&app, "step_caption");
  g_test_message ("caption: %s; step: %s", caption, step);
  g_assert_nonnull (strstr (caption, "Herz"));
  g_assert_null (strstr (caption, "Lying down"));
  g_assert_null (strstr (step, "PageDown starts"));

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Open Sample: the samples of the source tree in this uninstalled build,
 * offered by file name in app.state; the one picked opens as a file from
 * the file manager does (its title in the interface's language); a name
 * that is not a sample is refused with one warning and changes nothing. */
static void
test_open_sample (void)
{
  App app = { 0 };
  g_autoptr(GVariant) state = NULL;
  g_autofree const char **samples = NULL;
  g_autofree char *log = NULL;

  app_language = "de";
  app_start (&app, NULL, FALSE);
  app_language = NULL;
  activate (&app, "pause", NULL);

  state = get_state (&app);
  g_assert_true (g_variant_lookup (state, "samples", "^a&s", &samples));
  g_assert_true (g_strv_contains (samples, "varicose-explained.soleus"));

  activate (&app, "open-sample", g_variant_new_string ("varicose-explained.soleus"));
  WAIT_UNTIL (&app, state_string_is (&app, "scenario_title", "Krampfadern, erklärt"),
              "the sample opening with its German title");
  wait_jobs (&app);
  g_assert_cmpuint (state_uint32 (&app, "toplevels"), ==, 1);
  g_assert_true (state_string_is (&app, "last_error", ""));

  activate (&app, "open-sample", g_variant_new_string ("no-such-sample.soleus"));
  activate (&app, "open-sample", g_variant_new_string ("../scenarios/varicose-explained.soleus"));
  wait_jobs (&app);
  g_assert_true (state_string_is (&app, "scenario_title", "Krampfadern, erklärt"));
  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.open-sample: “no-such-sample.soleus” is not one of"));
  g_assert_nonnull (strstr (log, "app.open-sample: “../scenarios/varicose-explained.soleus”"));
  g_assert_null (strstr (log, "CRITICAL"));

  app_quit (&app);
  app_free (&app);
}

/* F1 and Help in the main menu hand help:io.github.soleus.Soleus to the
 * desktop's help viewer: here a stand-in registered for the help: scheme,
 * which writes down the address it was given. */
static void
test_help (void)
{
  App app = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("soleus-test-help-XXXXXX", &error);
  g_autofree char *applications = NULL, *recorder = NULL, *desktop = NULL;
  g_autofree char *mimeapps = NULL, *got = NULL, *desktop_text = NULL, *script = NULL;
  g_autofree char *uri = NULL;

  g_assert_no_error (error);
  applications = g_build_filename (dir, "applications", NULL);
  g_assert_cmpint (g_mkdir (applications, 0700), ==, 0);
  got = g_build_filename (dir, "help-uri", NULL);
  recorder = g_build_filename (dir, "help-recorder", NULL);
  script = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                            got, got, got);
  g_assert_true (g_file_set_contents (recorder, script, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (recorder, 0700), ==, 0);
  desktop = g_build_filename (applications, "soleus-test-help.desktop", NULL);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Help recorder\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/help;\n"
                                  "NoDisplay=true\n", recorder);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, &error));
  g_assert_no_error (error);
  mimeapps = g_build_filename (dir, "mimeapps.list", NULL);
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "x-scheme-handler/help=soleus-test-help.desktop\n",
                                      -1, &error));
  g_assert_no_error (error);

  app_xdg_dir = dir;
  app_start (&app, NULL, TRUE);
  app_xdg_dir = NULL;
  activate (&app, "pause", NULL);
  activate (&app, "help", NULL);
  WAIT_UNTIL (&app, g_file_test (got, G_FILE_TEST_EXISTS), "the help viewer being started");
  g_assert_true (g_file_get_contents (got, &uri, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "help:io.github.soleus.Soleus");
  g_assert_true (state_string_is (&app, "last_error", ""));

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);

  /* A help viewer that cannot start (its program is gone): the window
   * says so (a toast, and last_error for scripts), without a warning,
   * and goes on. */
  memset (&app, 0, sizeof app);
  g_assert_cmpint (g_unlink (got), ==, 0);
  g_assert_cmpint (g_unlink (recorder), ==, 0);
  app_xdg_dir = dir;
  app_start (&app, NULL, TRUE);
  app_xdg_dir = NULL;
  activate (&app, "pause", NULL);
  activate (&app, "help", NULL);
  WAIT_UNTIL (&app, !state_string_is (&app, "last_error", ""),
              "the window saying that the help viewer did not start");
  {
    g_autofree char *message = state_string (&app, "last_error");

    g_test_message ("a help viewer that cannot start: %s", message);
  }
  g_assert_false (g_file_test (got, G_FILE_TEST_EXISTS));
  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
  g_unlink (got);
  g_unlink (recorder);
  g_unlink (desktop);
  g_unlink (mimeapps);
  g_rmdir (applications);
  g_rmdir (dir);
}

/* A scenario saved from the window opens again to the same controls. */
static void
test_save_and_reopen (void)
{
  App app = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  set_control (&app, "posture", SOLEUS_POSTURE_SITTING);
  set_control (&app, "valve-weakness", 0.35);
  set_control (&app, "atrophy", 0.6);
  set_control (&app, "weight", 118.0);
  path = g_build_filename (app.dir, "leg.soleus", NULL);
  activate (&app, "save", g_variant_new_string (path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  activate (&app, "reset", NULL);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "atrophy"), 0.0, 1e-12);

  activate (&app, "open", g_variant_new_string (path));
  wait_jobs (&app);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "posture"), SOLEUS_POSTURE_SITTING, 1e-12);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "atrophy"), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "weight"), 118.0, 1e-12);
  title = state_string (&app, "scenario_title");
  g_assert_cmpstr (title, !=, "");

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* A presenter step made in the window (the controls as they stand, the
 * moment, a caption), saved and reopened, plays the same: the same moment,
 * controls, caption and state, bit for bit. */
static void
test_presenter_step_saved (void)
{
  const char *caption = "Valves failing: watch the blood fall back";
  App app = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *reopened = NULL;
  guint64 made;
  guint n;

  app_start (&app, NULL, TRUE);
  activate (&app, "scenario", g_variant_new_string ("varicose-veins"));
  activate (&app, "pause", NULL);
  n = state_uint32 (&app, "n_steps");
  g_assert_cmpuint (n, ==, soleus_scenario_find ("varicose-veins")->n_story);
  activate (&app, "seek", g_variant_new_double (200.0));
  set_control (&app, "valve-weakness", 0.9);
  activate (&app, "add-step", g_variant_new_string (caption));
  g_assert_cmpuint (state_uint32 (&app, "n_steps"), ==, n + 1);
  g_assert_cmpint (state_int32 (&app, "step_index"), ==, (int) n);

  /* Played: the moment again, with the controls it keeps. */
  activate (&app, "go-to-step", g_variant_new_uint32 (0));
  g_assert_cmpfloat (state_double (&app, "time_s"), <, 200.0);
  activate (&app, "go-to-step", g_variant_new_uint32 (n));
  activate (&app, "pause", NULL);
  g_assert_cmpuint (state_uint64 (&app, "step"), ==, 200000);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.9, 1e-12);
  shown = state_string (&app, "step_text");
  g_assert_cmpstr (shown, ==, caption);
  made = state_uint64 (&app, "state_hash");

  path = g_build_filename (app.dir, "talk.soleus", NULL);
  activate (&app, "save", g_variant_new_string (path));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* The story's last step is at 420 s, this one at 200 s after it. */
  g_assert_nonnull (strstr (text, "\nVersion=2\n"));
  g_assert_nonnull (strstr (text, "Caption=Valves failing: watch the blood fall back\n"));
  g_assert_nonnull (strstr (text, "Time=200\n"));

  activate (&app, "reset", NULL);
  activate (&app, "open", g_variant_new_string (path));
  wait_jobs (&app);
  activate (&app, "pause", NULL);
  g_assert_cmpuint (state_uint32 (&app, "n_steps"), ==, n + 1);
  activate (&app, "go-to-step", g_variant_new_uint32 (n));
  activate (&app, "pause", NULL);
  g_assert_cmpuint (state_uint64 (&app, "step"), ==, 200000);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.9, 1e-12);
  reopened = state_string (&app, "step_text");
  g_assert_cmpstr (reopened, ==, caption);
  g_assert_cmpuint (state_uint64 (&app, "state_hash"), ==, made);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

static gboolean
subtitle_marked (App *app)
{
  g_autofree char *subtitle = state_string (app, "subtitle");

  return g_str_has_prefix (subtitle, "• ");
}

/* Steps added in the window and not saved: the window knows (app.state's
 * steps_modified, a "•" before the title) until they are saved. A scripted
 * app.scenario never waits on the question a person gets: it goes on. */
static void
test_steps_modified (void)
{
  App app = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *scenario = NULL;

  app_start (&app, NULL, TRUE);
  activate (&app, "scenario", g_variant_new_string ("varicose-veins"));
  activate (&app, "pause", NULL);
  g_assert_false (state_boolean (&app, "steps_modified"));
  g_assert_false (subtitle_marked (&app));

  activate (&app, "add-step", g_variant_new_string ("Mine"));
  WAIT_UNTIL (&app, state_boolean (&app, "steps_modified"), "the steps marked modified");
  g_assert_true (subtitle_marked (&app));

  path = g_build_filename (app.dir, "steps.soleus", NULL);
  activate (&app, "save", g_variant_new_string (path));
  WAIT_UNTIL (&app, !state_boolean (&app, "steps_modified"), "the steps marked saved");
  g_assert_false (subtitle_marked (&app));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Edited again, then another scenario by script: no dialog holds it up. */
  activate (&app, "add-step", g_variant_new_string ("Again"));
  WAIT_UNTIL (&app, state_boolean (&app, "steps_modified"), "the steps marked modified");
  activate (&app, "scenario", g_variant_new_string ("healthy-walk"));
  WAIT_UNTIL (&app, !state_boolean (&app, "steps_modified"),
              "the scripted scenario replacing the steps");
  scenario = state_string (&app, "scenario");
  g_assert_cmpstr (scenario, ==, "healthy-walk");

  /* Nor does a scripted sample opening as from the file manager. */
  activate (&app, "add-step", g_variant_new_string ("Once more"));
  WAIT_UNTIL (&app, state_boolean (&app, "steps_modified"), "the steps marked modified");
  activate (&app, "open-sample", g_variant_new_string ("varicose-explained.soleus"));
  WAIT_UNTIL (&app, !state_boolean (&app, "steps_modified"),
              "the scripted sample replacing the steps");
  wait_jobs (&app);
  g_assert_cmpuint (state_uint32 (&app, "toplevels"), ==, 1);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* A file handed over by the desktop, as the file manager does through the
 * desktop file's "Exec=soleus %F": a second "soleus FILE" gives the file
 * to the running window and exits; the window opens it as this leg. */
static void
test_open_from_desktop (void)
{
  App app = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  set_control (&app, "posture", SOLEUS_POSTURE_SITTING);
  set_control (&app, "atrophy", 0.6);
  path = g_build_filename (app.dir, "from the file manager.soleus", NULL);
  activate (&app, "save", g_variant_new_string (path));
  activate (&app, "reset", NULL);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "atrophy"), 0.0, 1e-12);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  second = g_subprocess_launcher_spawn (launcher, &error, soleus_binary, path, NULL);
  g_assert_no_error (error);
  WAIT_UNTIL (&app, g_subprocess_get_identifier (second) == NULL,
              "the second soleus handing the file over and exiting");
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);

  WAIT_UNTIL (&app, state_double (&app, "atrophy") > 0.5, "the window opening the file");
  wait_jobs (&app);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "posture"), SOLEUS_POSTURE_SITTING, 1e-12);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "atrophy"), 0.6, 1e-12);
  /* One window: the file went to the running one. */
  g_assert_cmpuint (state_uint32 (&app, "toplevels"), ==, 1);

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Two saved scenarios side by side: the other leg plays the second file
 * in step with the first, and its readouts are that file's leg. */
static void
test_compare_two_files (void)
{
  App app = { 0 };
  g_autofree char *healthy = NULL;
  g_autofree char *weak = NULL;
  g_autofree char *title = NULL;
  double this_leg, other_leg;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  set_control (&app, "posture", SOLEUS_POSTURE_STANDING);
  set_control (&app, "speed", 3.0);
  healthy = g_build_filename (app.dir, "healthy.soleus", NULL);
  weak = g_build_filename (app.dir, "weak.soleus", NULL);
  activate (&app, "save", g_variant_new_string (healthy));
  set_control (&app, "valve-weakness", 0.9);
  activate (&app, "save", g_variant_new_string (weak));

  activate (&app, "open", g_variant_new_string (healthy));
  activate (&app, "compare-file", g_variant_new_string (weak));
  wait_jobs (&app);
  g_assert_true (state_boolean (&app, "compare"));
  title = state_string (&app, "compare_title");
  g_assert_cmpstr (title, !=, "");
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.0, 1e-12);

  activate (&app, "set-speed", g_variant_new_double (10.0));
  activate (&app, "play", NULL);
  wait_sim_time (&app, 90.0);
  /* Both legs from one moment: paused, every read sees the same state. */
  activate (&app, "pause", NULL);
  this_leg = state_double (&app, "ankle_pressure_mean_mmHg");
  other_leg = state_double (&app, "other_ankle_pressure_mean_mmHg");
  g_test_message ("walking: this file %.1f mmHg, the other file %.1f mmHg", this_leg, other_leg);
  g_assert_cmpfloat (other_leg, >, this_leg + 10.0);

  /* Leaving compare mode brings back the healthy leg. */
  activate (&app, "compare", g_variant_new_boolean (FALSE));
  g_free (title);
  title = state_string (&app, "compare_title");
  g_assert_cmpstr (title, ==, "");

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Each broken file gets a message naming its line and its problem, and
 * the running session is kept. (Warnings are expected in the log.) */
static void
test_broken_files (void)
{
  static const struct {
    const char *name;
    const char *contents;
    const char *message;   /* a piece of the expected message */
  } cases[] = {
    { "truncated", "[Soleus Scenario]\nVersion=1\nTitle=Cut\n[Controls]\nvalve-weak", ":5:" },
    { "garbage", "\x01\x02 this is not a scenario \xff\xfe", "" },
    { "version", "[Soleus Scenario]\nVersion=99\nTitle=Future\n", ":2:" },
    { "range", "[Soleus Scenario]\nVersion=1\nTitle=Range\n[Controls]\n"
               "valve-weakness=1.5\n", ":5:" },
    { "unknown", "[Soleus Scenario]\nVersion=1\nTitle=Typo\n[Controls]\n"
                 "valve-weaknes=0.5\n", ":5:" },
  };
  App app = { 0 };

  app_start (&app, NULL, FALSE);
  activate (&app, "pause", NULL);
  set_control (&app, "valve-weakness", 0.25);
  set_control (&app, "posture", SOLEUS_POSTURE_STANDING);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.soleus", app.dir, cases[i].name);
      g_autofree char *error = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      activate (&app, "open", g_variant_new_string (path));
      wait_jobs (&app);
      error = state_string (&app, "last_error");
      g_test_message ("%s: %s", cases[i].name, error);
      g_assert_cmpstr (error, !=, "");
      g_assert_nonnull (strstr (error, cases[i].message));
      /* The session is kept. */
      g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.25, 1e-12);
      g_assert_cmpfloat_with_epsilon (state_double (&app, "posture"),
                                      SOLEUS_POSTURE_STANDING, 1e-12);
    }

  {
    g_autofree char *log = app_stderr (&app);
    g_assert_nonnull (strstr (log, "app.open"));
    g_assert_nonnull (strstr (log, "the session is kept"));
  }

  app_quit (&app);
  app_free (&app);
}

/* The options of app.record-video: a small, short recording. */
static GVariant *
record_video_args (const char *path,
                   double      seconds,
                   int         width,
                   int         height,
                   gboolean    extras)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "seconds", g_variant_new_double (seconds));
  g_variant_builder_add (&options, "{sv}", "width", g_variant_new_int32 (width));
  g_variant_builder_add (&options, "{sv}", "height", g_variant_new_int32 (height));
  g_variant_builder_add (&options, "{sv}", "caption", g_variant_new_boolean (extras));
  g_variant_builder_add (&options, "{sv}", "chart", g_variant_new_boolean (extras));
  return g_variant_new ("(s@a{sv})", path, g_variant_builder_end (&options));
}

static gboolean
has_video_formats (App *app)
{
  g_autoptr(GVariant) state = get_state (app);
  g_autoptr(GVariant) formats = g_variant_lookup_value (state, "video_formats",
                                                        G_VARIANT_TYPE_STRING_ARRAY);

  return formats != NULL;
}

/* Whether a file is an MP4 with an H.264 track (an ftyp box first, an
 * avc1 sample entry inside) or a GIF89a of the given size. */
static gboolean
is_mp4 (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL) || length < 12 ||
      memcmp (data + 4, "ftyp", 4) != 0)
    return FALSE;
  for (gsize i = 0; i + 4 <= length; i++)
    if (memcmp (data + i, "avc1", 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_gif (const char *path,
        guint       width,
        guint       height)
{
  g_autofree guint8 *data = NULL;
  gsize length = 0;

  return g_file_get_contents (path, (char **) &data, &length, NULL) && length > 13 &&
         memcmp (data, "GIF89a", 6) == 0 && (guint) (data[6] | data[7] << 8) == width &&
         (guint) (data[8] | data[9] << 8) == height && data[length - 1] == 0x3b;
}

/* A video recorded from simulation steps: app.record writes 5 s of
 * 1280 x 720 in the format its name asks for; app.record-video takes the
 * length, size, caption and chart. */
static void
test_record_video (void)
{
  App app = { 0 };
  g_autofree char *mp4 = NULL;
  g_autofree char *gif = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autofree const char **formats = NULL;

  app_start (&app, NULL, TRUE);
  set_control (&app, "posture", SOLEUS_POSTURE_STANDING);
  set_control (&app, "speed", 3.0);

  /* What this system can write: GStreamer is installed with its plugins. */
  /* Found by a worker at start, so as not to hold up the window. */
  WAIT_UNTIL (&app, has_video_formats (&app), "the video formats being known");
  state = get_state (&app);
  g_assert_true (g_variant_lookup (state, "video_formats", "^a&s", &formats));
  g_assert_true (g_strv_contains (formats, "mp4"));
  g_assert_true (g_strv_contains (formats, "webm"));
  g_assert_true (g_strv_contains (formats, "gif"));
  g_assert_false (state_boolean (&app, "exporting"));
  g_assert_cmpfloat (state_double (&app, "export_progress"), <, 0.0);

  mp4 = g_build_filename (app.dir, "loop.mp4", NULL);
  activate (&app, "record", g_variant_new_string (mp4));
  wait_jobs (&app);
  g_assert_true (is_mp4 (mp4));

  gif = g_build_filename (app.dir, "loop.gif", NULL);
  activate (&app, "record-video", record_video_args (gif, 1.0, 320, 180, TRUE));
  wait_jobs (&app);
  g_assert_true (is_gif (gif, 320, 180));
  g_assert_false (state_boolean (&app, "exporting"));

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* Without x264 (GStreamer shown a plugin directory without it), the
 * window offers WebM and GIF, and an MP4 asked for by a script is refused
 * naming the element and the Debian package to install; nothing is
 * written and nothing crashes. */
static void
test_export_missing_element (void)
{
  App app = { 0 };
  g_autofree char *plugins = g_dir_make_tmp ("soleus-test-plugins-XXXXXX", NULL);
  g_autoptr(GDir) dir = g_dir_open (GST_PLUGINS_DIR, 0, NULL);
  g_autoptr(GVariant) state = NULL;
  g_autofree const char **formats = NULL;
  g_autofree char *mp4 = NULL;
  g_autofree char *gif = NULL;
  g_autofree char *log = NULL;
  g_autofree char *error = NULL;
  const char *name;

  g_assert_nonnull (plugins);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".so") && strcmp (name, "libgstx264.so") != 0)
      {
        g_autofree char *from = g_build_filename (GST_PLUGINS_DIR, name, NULL);
        g_autofree char *to = g_build_filename (plugins, name, NULL);

        g_assert_cmpint (symlink (from, to), ==, 0);
      }

  app_gst_plugins = plugins;
  app_start (&app, NULL, FALSE);
  app_gst_plugins = NULL;

  /* Found by a worker at start, so as not to hold up the window. */
  WAIT_UNTIL (&app, has_video_formats (&app), "the video formats being known");
  state = get_state (&app);
  g_assert_true (g_variant_lookup (state, "video_formats", "^a&s", &formats));
  g_assert_false (g_strv_contains (formats, "mp4"));
  g_assert_true (g_strv_contains (formats, "webm"));
  g_assert_true (g_strv_contains (formats, "gif"));

  mp4 = g_build_filename (app.dir, "leg.mp4", NULL);
  activate (&app, "record-video", record_video_args (mp4, 1.0, 64, 48, FALSE));
  wait_jobs (&app);
  g_assert_false (g_file_test (mp4, G_FILE_TEST_EXISTS));
  g_assert_false (state_boolean (&app, "exporting"));
  error = state_string (&app, "last_error");
  g_assert_nonnull (strstr (error, "x264enc"));
  g_assert_nonnull (strstr (error, "gstreamer1.0-plugins-ugly"));
  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.record-video"));
  g_assert_null (strstr (log, "CRITICAL"));

  gif = g_build_filename (app.dir, "leg.gif", NULL);
  activate (&app, "record-video", record_video_args (gif, 0.5, 64, 48, FALSE));
  wait_jobs (&app);
  g_assert_true (is_gif (gif, 64, 48));

  app_quit (&app);
  app_free (&app);
  {
    g_autoptr(GDir) links = g_dir_open (plugins, 0, NULL);

    while ((name = g_dir_read_name (links)) != NULL)
      {
        g_autofree char *link = g_build_filename (plugins, name, NULL);

        g_unlink (link);
      }
    g_rmdir (plugins);
  }
}

/* A long export runs beside the session: its bar shows progress, the
 * simulation plays on, a second export waits its turn, and Cancel stops it
 * leaving no file at all. */
static void
test_export_progress_cancel (void)
{
  App app = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *second = NULL;
  g_autofree char *log = NULL;
  g_autofree char *error = NULL;
  double progress, time_s;

  app_start (&app, NULL, FALSE);
  activate (&app, "scenario", g_variant_new_string ("healthy-walk"));
  path = g_build_filename (app.dir, "long.mp4", NULL);
  second = g_build_filename (app.dir, "second.gif", NULL);

  /* Ten minutes of full HD: minutes of work. */
  activate (&app, "record-video", record_video_args (path, 600.0, 1920, 1080, TRUE));
  WAIT_UNTIL (&app, state_boolean (&app, "exporting"), "the export bar showing");
  WAIT_UNTIL (&app, state_double (&app, "export_progress") > 0.0, "the export progressing");
  progress = state_double (&app, "export_progress");
  g_assert_cmpfloat (progress, <, 1.0);

  /* The session stays usable: the clock runs, controls take. */
  time_s = state_double (&app, "time_s");
  WAIT_UNTIL (&app, state_double (&app, "time_s") > time_s + 0.5, "the simulation playing on");
  set_control (&app, "valve-weakness", 0.5);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.5, 1e-12);
  WAIT_UNTIL (&app, state_double (&app, "export_progress") > progress,
              "the export progressing further");

  /* One at a time. */
  activate (&app, "record-video", record_video_args (second, 1.0, 64, 48, FALSE));

  activate (&app, "cancel-export", NULL);
  WAIT_UNTIL (&app, !state_boolean (&app, "exporting"), "the export bar going");
  wait_jobs (&app);
  g_assert_cmpfloat (state_double (&app, "export_progress"), <, 0.0);

  /* Nothing left: no video, no temporary file. */
  {
    g_autoptr(GDir) dir = g_dir_open (app.dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_cmpstr (name, ==, "stderr.log");
  }
  error = state_string (&app, "last_error");
  g_assert_nonnull (strstr (error, "cancelled"));
  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.record-video"));
  g_assert_nonnull (strstr (log, "being exported"));
  g_assert_null (strstr (log, "CRITICAL"));

  /* And the next export works. */
  activate (&app, "record-video", record_video_args (second, 0.5, 64, 48, FALSE));
  wait_jobs (&app);
  g_assert_true (is_gif (second, 64, 48));

  app_quit (&app);
  app_free (&app);
}



/* The read-only app.state refuses an activation with a warning, not a
 * critical: under G_DEBUG=fatal-criticals the app lives on. */
static void
test_state_activation_refused (void)
{
  App app = { 0 };
  g_autofree char *log = NULL;

  app_g_debug = "fatal-criticals";
  app_start (&app, NULL, FALSE);
  app_g_debug = NULL;

  activate (&app, "state", NULL);
  activate (&app, "state", NULL);
  g_assert_true (answers (&app));

  log = app_stderr (&app);
  g_assert_null (strstr (log, "CRITICAL"));
  g_assert_nonnull (strstr (log, "app.state is read-only"));

  app_quit (&app);
  app_free (&app);
}

/* A script's failed opens are reported in the log, one warning each, and
 * never stack dialogs; files that are not regular files (a FIFO with no
 * writer, an endless device) are refused without freezing the window. */
static void
test_scripted_failures_stay_in_the_log (void)
{
  App app = { 0 };
  g_autofree char *missing = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *log = NULL;
  guint32 toplevels;

  app_start (&app, NULL, FALSE);
  activate (&app, "pause", NULL);
  set_control (&app, "valve-weakness", 0.25);
  toplevels = state_uint32 (&app, "toplevels");

  missing = g_build_filename (app.dir, "missing.soleus", NULL);
  fifo = g_build_filename (app.dir, "pipe.soleus", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < 40; i++)
    {
      activate (&app, "open", g_variant_new_string (missing));
      activate (&app, "compare-file", g_variant_new_string (missing));
    }
  activate (&app, "open", g_variant_new_string (fifo));
  activate (&app, "open", g_variant_new_string ("/dev/zero"));
  activate (&app, "compare-file", g_variant_new_string (fifo));
  wait_jobs (&app);

  g_assert_cmpuint (state_uint32 (&app, "toplevels"), ==, toplevels);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "valve-weakness"), 0.25, 1e-12);
  g_assert_false (state_boolean (&app, "compare"));
  {
    g_autofree char *error = state_string (&app, "last_error");

    g_test_message ("last error: %s", error);
    g_assert_cmpstr (error, !=, "");
  }

  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.open"));
  g_assert_nonnull (strstr (log, "app.compare-file"));
  g_assert_null (strstr (log, "CRITICAL"));

  app_quit (&app);
  app_free (&app);
}

/* Leaving compare mode after a long session is instant: the healthy leg
 * kept in step all along, so it is shown again at this leg's clock. And a
 * recording starts from a copy of the running model, in a worker, so the
 * window's clock keeps moving while it renders. */
static void
test_long_session_stays_responsive (void)
{
  App app = { 0 };
  g_autofree char *weak = NULL;
  g_autofree char *loop = NULL;
  double now;

  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);
  set_control (&app, "valve-weakness", 0.9);
  weak = g_build_filename (app.dir, "weak.soleus", NULL);
  activate (&app, "save", g_variant_new_string (weak));
  activate (&app, "reset", NULL);
  activate (&app, "scenario", g_variant_new_string ("office-day"));
  activate (&app, "compare-file", g_variant_new_string (weak));
  wait_jobs (&app);
  g_assert_true (state_boolean (&app, "compare"));
  activate (&app, "set-speed", g_variant_new_double (600.0));
  activate (&app, "play", NULL);
  wait_sim_time (&app, 600.0);
  /* While the second file is shown, the healthy leg walks on unseen. */
  activate (&app, "pause", NULL);
  g_assert_cmpfloat_with_epsilon (state_double (&app, "healthy_time_s"),
                                  state_double (&app, "time_s"), 1e-9);
  activate (&app, "play", NULL);

  activate (&app, "compare", g_variant_new_boolean (FALSE));
  g_assert_false (state_boolean (&app, "compare"));
  /* The healthy leg is this leg's clock, not restarted. Both clocks are
   * read paused and from one state: at 600x two readings taken a few
   * milliseconds apart on a busy machine differ by seconds. */
  activate (&app, "pause", NULL);
  {
    g_autoptr(GVariant) state = get_state (&app);
    double other;

    g_assert_true (g_variant_lookup (state, "time_s", "d", &now));
    g_assert_true (g_variant_lookup (state, "other_time_s", "d", &other));
    g_assert_cmpfloat (fabs (other - now), <, 1.0);
  }
  activate (&app, "play", NULL);

  loop = g_build_filename (app.dir, "loop.gif", NULL);
  activate (&app, "record-video", record_video_args (loop, 1.0, 160, 90, FALSE));
  wait_jobs (&app);
  g_assert_true (is_gif (loop, 160, 90));

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
}

/* A storm of scripted actions, good and bad, in a random order (seeded by
 * the test framework, so a failure can be replayed with --seed): the app
 * answers after each one, never prints a critical and quits cleanly. */
static void
test_action_storm (void)
{
  App app = { 0 };
  g_autofree char *good = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *log = NULL;
  guint n = g_test_quick () ? 300 : 1500;

  app_start (&app, NULL, FALSE);
  good = g_build_filename (app.dir, "good.soleus", NULL);
  broken = g_build_filename (app.dir, "broken.soleus", NULL);
  fifo = g_build_filename (app.dir, "fifo.soleus", NULL);
  activate (&app, "save", g_variant_new_string (good));
  g_assert_true (g_file_set_contents (broken, "[Soleus Scenario]\nVersion=7\n", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < n; i++)
    {
      const SoleusParamInfo *info = soleus_param_info (g_test_rand_int_range (0, SOLEUS_N_PARAMS));
      const char *files[] = { good, broken, fifo, "/dev/zero", "relative.soleus", "" };
      const char *file = files[g_test_rand_int_range (0, G_N_ELEMENTS (files))];
      g_autofree char *out = g_strdup_printf ("%s/out-%u", app.dir, i % 4);
      double x = g_test_rand_double_range (-0.5, 1.5);
      double value = info->min + x * (info->max - info->min);

      switch (g_test_rand_int_range (0, 14))
        {
        case 0: activate (&app, "play", NULL); break;
        case 1: activate (&app, "pause", NULL); break;
        case 2: activate (&app, "step", NULL); break;
        case 3: activate (&app, "reset", NULL); break;
        case 4:
          activate (&app, "set-speed", g_variant_new_double (g_test_rand_double_range (-10, 700)));
          break;
        case 5:
          set_control (&app, g_test_rand_bit () ? info->name : "no-such-control", value);
          break;
        case 6:
          activate (&app, "scenario",
                    g_variant_new_string (soleus_scenario_get (g_test_rand_int_range (
                      0, soleus_scenario_count ()))->name));
          break;
        case 7: activate (&app, "open", g_variant_new_string (file)); break;
        case 8: activate (&app, "compare-file", g_variant_new_string (file)); break;
        case 9: activate (&app, "compare", g_variant_new_boolean (g_test_rand_bit ())); break;
        case 10: activate (&app, "state", NULL); break;
        case 11:
          {
            g_autofree char *png = g_strconcat (out, ".png", NULL);
            activate (&app, "screenshot", g_variant_new_string (png));
          }
          break;
        case 12:
          {
            g_autofree char *csv = g_strconcat (out, ".csv", NULL);
            activate (&app, "export-csv", g_variant_new_string (csv));
          }
          break;
        default:
          {
            g_autofree char *soleus = g_strconcat (out, ".soleus", NULL);
            activate (&app, "save", g_variant_new_string (soleus));
          }
          break;
        }
      if (i % 50 == 49)
        wait_jobs (&app);
    }
  wait_jobs (&app);
  g_assert_cmpuint (state_uint32 (&app, "toplevels"), ==, 1);

  log = app_stderr (&app);
  g_assert_null (strstr (log, "CRITICAL"));
  app_quit (&app);
  app_free (&app);
}

/* Resident memory of a process, in KiB, from /proc. */
static guint64
rss_kib (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + 6, NULL, 10);
}

/* A soak, run as a benchmark (meson test --benchmark), never in the gate:
 * each kind of action a few hundred times, printing the resident memory
 * after each round; it fails if the memory keeps growing round after round
 * (more than 20 MiB from the second round to the last). */
static void
test_soak (void)
{
  App app = { 0 };
  g_autofree char *good = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *csv = NULL;
  guint64 second = 0, last = 0;
  const guint rounds = 6, per_round = 60;

  app_start (&app, NULL, FALSE);
  good = g_build_filename (app.dir, "good.soleus", NULL);
  shot = g_build_filename (app.dir, "shot.png", NULL);
  csv = g_build_filename (app.dir, "data.csv", NULL);
  activate (&app, "save", g_variant_new_string (good));
  activate (&app, "set-speed", g_variant_new_double (600.0));

  for (guint round = 0; round < rounds; round++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < per_round; i++)
        {
          activate (&app, "open", g_variant_new_string (good));
          activate (&app, "open", g_variant_new_string ("/dev/zero"));
          activate (&app, "compare-file", g_variant_new_string (good));
          activate (&app, "compare", g_variant_new_boolean (FALSE));
          activate (&app, "scenario", g_variant_new_string ("office-day"));
          set_control (&app, "valve-weakness", (i % 10) / 10.0);
          activate (&app, "screenshot", g_variant_new_string (shot));
          activate (&app, "export-csv", g_variant_new_string (csv));
          activate (&app, "state", NULL);
          wait_jobs (&app);
        }
      last = rss_kib (app.process);
      if (round == 1)
        second = last;
      g_test_message ("soak round %u: %u of each action in %.1f s, RSS %.1f MiB", round + 1,
                      per_round, (g_get_monotonic_time () - start) / 1e6, last / 1024.0);
    }
  g_test_message ("RSS growth from round 2 to round %u: %+.1f MiB", rounds,
                  ((double) last - (double) second) / 1024.0);
  g_assert_cmpfloat ((double) last - (double) second, <, 20.0 * 1024);

  app_quit (&app);
  app_free (&app);
}

/* A file in DIR that is not one of the names in keep (NULL-terminated). */
static char *
stray_file (const char        *dir,
            const char *const *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (keep, name))
      return g_strdup (name);

  return NULL;
}

static gboolean
is_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  gboolean ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;

  cairo_surface_destroy (surface);

  return ok;
}

/* The window writes its pictures and data safely in a shared folder: a
 * link planted at the name its temporary files once had (.soleus-tmp-PID-)
 * is never followed, a private (0600) file stays private, and a symlink
 * named as the destination keeps pointing where it did, at the new data. */
static void
test_safe_writes (void)
{
  static const char *const exts[] = { ".png", ".svg", ".pdf", ".csv" };
  App app = { 0 };
  g_autofree char *elsewhere = g_dir_make_tmp ("soleus-test-victim-XXXXXX", NULL);
  g_autofree char *victim = g_build_filename (elsewhere, "victim", NULL);
  g_autofree char *private_png = NULL, *private_csv = NULL, *link = NULL, *real = NULL;
  g_autofree char *victim_after = NULL, *csv_text = NULL;
  const char *keep[16] = { "stderr.log", NULL };
  guint n_keep = 1;
  GStatBuf st;

  g_assert_true (g_file_set_contents (victim, "the user's own file\n", -1, NULL));
  app_start (&app, NULL, TRUE);
  activate (&app, "pause", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *planted = g_strdup_printf ("%s/.soleus-tmp-%s-%s", app.dir,
                                                  g_subprocess_get_identifier (app.process),
                                                  exts[i]);
      g_autofree char *out = g_strdup_printf ("%s/shot%s", app.dir, exts[i]);

      g_assert_cmpint (symlink (victim, planted), ==, 0);
      keep[n_keep++] = g_intern_string (strrchr (planted, '/') + 1);
      keep[n_keep++] = g_intern_string (strrchr (out, '/') + 1);
      activate (&app, i < 3 ? "screenshot" : "export-csv", g_variant_new_string (out));
      g_assert_cmpint (g_lstat (out, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
    }
  g_assert_true (g_file_get_contents (victim, &victim_after, NULL, NULL));
  g_assert_cmpstr (victim_after, ==, "the user's own file\n");
  {
    g_autofree char *shot = g_build_filename (app.dir, "shot.png", NULL);

    g_assert_true (is_png (shot));
  }

  /* Private files stay private. */
  private_png = g_build_filename (app.dir, "private.png", NULL);
  private_csv = g_build_filename (app.dir, "private.csv", NULL);
  g_assert_true (g_file_set_contents (private_png, "old", -1, NULL));
  g_assert_true (g_file_set_contents (private_csv, "old", -1, NULL));
  g_assert_cmpint (g_chmod (private_png, 0600), ==, 0);
  g_assert_cmpint (g_chmod (private_csv, 0600), ==, 0);
  activate (&app, "screenshot", g_variant_new_string (private_png));
  activate (&app, "export-csv", g_variant_new_string (private_csv));
  g_assert_cmpint (g_stat (private_png, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (private_csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (is_png (private_png));
  g_assert_true (g_file_get_contents (private_csv, &csv_text, NULL, NULL));
  g_assert_nonnull (strstr (csv_text, "\ntime_s,"));
  keep[n_keep++] = "private.png";
  keep[n_keep++] = "private.csv";

  /* A link named as the destination stays a link, to the new picture. */
  link = g_build_filename (app.dir, "link.png", NULL);
  real = g_build_filename (app.dir, "real.png", NULL);
  g_assert_cmpint (symlink (real, link), ==, 0);
  activate (&app, "screenshot", g_variant_new_string (link));
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (is_png (real));
  keep[n_keep++] = "link.png";
  keep[n_keep++] = "real.png";

  /* And no temporary file is left behind. */
  {
    g_autofree char *stray = stray_file (app.dir, keep);

    g_assert_null (stray);
  }

  assert_no_warnings (&app);
  app_quit (&app);
  app_free (&app);
  g_unlink (victim);
  g_rmdir (elsewhere);
}

/* app.record and app.print-handout follow soleus-cli's rule for names:
 * a recording is a .mp4, .webm or .gif, a handout a .pdf; anything else is
 * refused with a warning and nothing is written. */
static void
test_output_names (void)
{
  App app = { 0 };
  g_autofree char *png = NULL, *bare_mp4 = NULL, *handout_png = NULL, *bare_pdf = NULL;
  g_autofree char *odd = NULL, *loop = NULL, *handout = NULL, *log = NULL;

  app_start (&app, NULL, FALSE);
  activate (&app, "pause", NULL);
  png = g_build_filename (app.dir, "loop.png", NULL);
  bare_mp4 = g_build_filename (app.dir, ".mp4", NULL);
  handout_png = g_build_filename (app.dir, "handout.png", NULL);
  bare_pdf = g_build_filename (app.dir, ".pdf", NULL);
  odd = g_build_filename (app.dir, "odd.webm", NULL);
  activate (&app, "record", g_variant_new_string (png));
  activate (&app, "record", g_variant_new_string (bare_mp4));
  /* An odd size for 4:2:0 video, refused before any work. */
  activate (&app, "record-video", record_video_args (odd, 1.0, 161, 90, FALSE));
  activate (&app, "print-handout", g_variant_new_string (handout_png));
  activate (&app, "print-handout", g_variant_new_string (bare_pdf));
  wait_jobs (&app);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (bare_mp4, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (odd, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (handout_png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (bare_pdf, G_FILE_TEST_EXISTS));

  log = app_stderr (&app);
  g_assert_nonnull (strstr (log, "app.record"));
  g_assert_nonnull (strstr (log, "does not end in .mp4, .webm or .gif"));
  g_assert_nonnull (strstr (log, "app.record-video"));
  g_assert_nonnull (strstr (log, "even"));
  g_assert_nonnull (strstr (log, "app.print-handout"));
  g_assert_nonnull (strstr (log, "does not end in .pdf"));

  /* The right names still work. */
  loop = g_build_filename (app.dir, "loop.gif", NULL);
  handout = g_build_filename (app.dir, "h.pdf", NULL);
  activate (&app, "record-video", record_video_args (loop, 0.5, 64, 48, FALSE));
  activate (&app, "print-handout", g_variant_new_string (handout));
  wait_jobs (&app);
  g_assert_true (is_gif (loop, 64, 48));
  g_assert_true (g_file_test (handout, G_FILE_TEST_IS_REGULAR));

  app_quit (&app);
  app_free (&app);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s SOLEUS_BINARY\n", argv[0]);
      return 2;
    }
  soleus_binary = argv[1];

  g_test_add_func ("/app/pause-freezes-clock", test_pause_freezes_clock);
  g_test_add_func ("/app/caption-holds", test_caption_holds);
  g_test_add_func ("/app/every-language-fits", test_every_language_fits);
  g_test_add_func ("/app/adaptive-layout", test_adaptive_layout);
  g_test_add_func ("/app/keyboard-plainly", test_keyboard_plainly);
  g_test_add_func ("/app/readouts-mean-what-they-say", test_readouts_mean_what_they_say);
  g_test_add_func ("/app/posture-changes-picture", test_posture_changes_picture);
  g_test_add_func ("/app/skin-tone-preference", test_skin_tone_preference);
  g_test_add_func ("/app/figure-preference", test_figure_preference);
  g_test_add_func ("/app/pick-valve", test_pick_valve);
  g_test_add_func ("/app/valve-weakness-raises-walking-pressure",
                   test_valve_weakness_raises_walking_pressure);
  g_test_add_func ("/app/scenarios-start-cleanly", test_scenarios_start_cleanly);
  g_test_add_func ("/app/scenario-pace", test_scenario_pace);
  g_test_add_func ("/app/timeline-seek", test_timeline_seek);
  g_test_add_func ("/app/blood-flow", test_blood_flow);
  g_test_add_func ("/app/bad-input-is-refused", test_bad_input_is_refused);
  g_test_add_func ("/app/cells-with-gl", test_cells_with_gl);
  g_test_add_func ("/app/cells-without-gl", test_cells_without_gl);
  g_test_add_func ("/app/software-gl-takes-cairo", test_software_gl_takes_cairo);
  g_test_add_func ("/app/compare-shows-two-legs", test_compare_shows_two_legs);
  g_test_add_func ("/app/presentation-mode", test_presentation_mode);
  g_test_add_func ("/app/presentation-fits", test_presentation_fits);
  g_test_add_func ("/app/start-page", test_start_page);
  g_test_add_func ("/app/exports", test_exports);
  g_test_add_func ("/app/german", test_german);
  g_test_add_func ("/app/save-and-reopen", test_save_and_reopen);
  g_test_add_func ("/app/presenter-step-saved", test_presenter_step_saved);
  g_test_add_func ("/app/steps-modified", test_steps_modified);
  g_test_add_func ("/app/broken-files", test_broken_files);
  g_test_add_func ("/app/compare-two-files", test_compare_two_files);
  g_test_add_func ("/app/open-from-desktop", test_open_from_desktop);
  g_test_add_func ("/app/open-sample", test_open_sample);
  g_test_add_func ("/app/help", test_help);
  g_test_add_func ("/app/record-video", test_record_video);
  g_test_add_func ("/app/export-progress-cancel", test_export_progress_cancel);
  g_test_add_func ("/app/export-missing-element", test_export_missing_element);
  g_test_add_func ("/app/state-activation-refused", test_state_activation_refused);
  g_test_add_func ("/app/scripted-failures-stay-in-the-log",
                   test_scripted_failures_stay_in_the_log);
  g_test_add_func ("/app/long-session-stays-responsive", test_long_session_stays_responsive);
  g_test_add_func ("/app/action-storm", test_action_storm);
  g_test_add_func ("/app/safe-writes", test_safe_writes);
  g_test_add_func ("/app/output-names", test_output_names);
  if (g_test_perf ())
    g_test_add_func ("/app/soak", test_soak);

  return g_test_run ();
}
