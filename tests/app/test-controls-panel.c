/* test-controls-panel.c: the side panel's controls and the printed handout,
 * in process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SoleusControlsPanel is made from the core's parameter table and follows
 * the simulation both ways; SoleusPrintOperation takes the simulation's
 * values for the handout. Both are checked here in the test's own process,
 * as libadwaita tests its widgets, each test ending with its objects
 * finalized: the panel must let go of the simulation (its binding and
 * signal groups) so that the simulation outlives it safely. GTK needs a
 * display (build-aux/display-session); the run sets GTK_A11Y=test and
 * NO_AT_BRIDGE=1 so no accessibility bus is involved.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "soleus-controls-panel.h"
#include "soleus-print-operation.h"

/* Bit for bit: the values are set or computed the same way, not
 * approximated. */
static void
assert_same_double (double a,
                    double b)
{
  if (memcmp (&a, &b, sizeof a) != 0)
    g_error ("%.17g is not %.17g", a, b);
}

/* The first descendant of widget of the given type that test accepts. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             gboolean (*test) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (test == NULL || test (widget, data)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, test, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A control's slider carries the table's blurb as its tooltip. */
static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
has_title (GtkWidget     *widget,
           gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkRange *
find_scale (SoleusControlsPanel *panel,
            SoleusParamId        id)
{
  GtkWidget *scale = find_widget (GTK_WIDGET (panel), GTK_TYPE_SCALE, has_tooltip,
                                  soleus_param_info (id)->blurb);

  g_assert_nonnull (scale);
  return GTK_RANGE (scale);
}

/* The value shown beside a slider's title: the row is a title and a value
 * over the slider. */
static const char *
value_text (GtkRange *scale)
{
  GtkWidget *header = gtk_widget_get_prev_sibling (GTK_WIDGET (scale));

  g_assert_nonnull (header);
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (header)));
}

static void
test_sliders (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  SoleusControlsPanel *panel = g_object_ref_sink (g_object_new (SOLEUS_TYPE_CONTROLS_PANEL,
                                                                NULL));
  GtkRange *weakness;
  GtkRange *weight;
  GtkRange *compression;

  soleus_controls_panel_set_simulation (panel, simulation);
  weakness = find_scale (panel, SOLEUS_PARAM_VALVE_WEAKNESS);
  weight = find_scale (panel, SOLEUS_PARAM_WEIGHT_KG);
  compression = find_scale (panel, SOLEUS_PARAM_COMPRESSION_MMHG);

  /* The slider's range is the table's. */
  assert_same_double (gtk_adjustment_get_lower (gtk_range_get_adjustment (weight)),
                      soleus_param_info (SOLEUS_PARAM_WEIGHT_KG)->min);
  assert_same_double (gtk_adjustment_get_upper (gtk_range_get_adjustment (weight)),
                      soleus_param_info (SOLEUS_PARAM_WEIGHT_KG)->max);
  g_assert_cmpstr (value_text (weakness), ==, "None");
  g_assert_cmpstr (value_text (weight), ==, "75 kg");

  /* Slider to simulation. */
  gtk_range_set_value (weakness, 0.5);
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_VALVE_WEAKNESS), 0.5);
  g_assert_cmpstr (value_text (weakness), ==, "Moderate (50%)");

  /* Simulation (a script, a step of the presenter) to slider. */
  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.8, NULL));
  assert_same_double (gtk_range_get_value (weakness), 0.8);
  g_assert_cmpstr (value_text (weakness), ==, "Severe (80%)");

  /* The units of the preferences. */
  g_assert_true (soleus_simulation_set_control (simulation, "compression", 20.0, NULL));
  g_assert_cmpstr (value_text (compression), ==, "20 mmHg");
  soleus_controls_panel_set_units (panel, SOLEUS_PRESSURE_KPA, SOLEUS_WEIGHT_LB);
  g_assert_cmpstr (value_text (compression), ==, "2.7 kPa");
  g_assert_cmpstr (value_text (weight), ==, "165 lb");

  g_assert_finalize_object (panel);

  /* The panel has let go: the simulation goes on without it. */
  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.2, NULL));
  g_assert_true (soleus_simulation_set_control (simulation, "posture", 2, NULL));
  soleus_simulation_step (simulation);
  g_assert_finalize_object (simulation);
}

static void
test_posture_and_activity (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  SoleusControlsPanel *panel = g_object_ref_sink (g_object_new (SOLEUS_TYPE_CONTROLS_PANEL,
                                                                NULL));
  AdwComboRow *posture;
  GtkRange *activity;

  soleus_controls_panel_set_simulation (panel, simulation);
  posture = ADW_COMBO_ROW (find_widget (GTK_WIDGET (panel), ADW_TYPE_COMBO_ROW, has_title,
                                        "Posture"));
  /* The one activity slider stands in for walking speed and ankle pumps. */
  activity = GTK_RANGE (find_widget (GTK_WIDGET (panel), GTK_TYPE_SCALE, has_tooltip,
                                     "Walking speed when standing; ankle pumps a minute "
                                     "(tenfold) when sitting or lying"));
  g_assert_nonnull (activity);

  /* Combo row to simulation and back. */
  adw_combo_row_set_selected (posture, SOLEUS_POSTURE_STANDING);
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_POSTURE),
                      SOLEUS_POSTURE_STANDING);
  g_assert_true (soleus_simulation_set_control (simulation, "posture", SOLEUS_POSTURE_SITTING,
                                                NULL));
  g_assert_cmpuint (adw_combo_row_get_selected (posture), ==, SOLEUS_POSTURE_SITTING);

  /* Sitting, the slider pumps the ankles: tenfold a minute. */
  gtk_range_set_value (activity, 3.0);
  assert_same_double (soleus_simulation_get_control (simulation,
                                                    SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN), 30.0);
  g_assert_cmpstr (value_text (activity), ==, "Ankle pumps, 30 a minute");

  /* Standing, it walks; the slider shows the speed the simulation has. */
  g_assert_true (soleus_simulation_set_control (simulation, "posture", SOLEUS_POSTURE_STANDING,
                                                NULL));
  g_assert_true (soleus_simulation_set_control (simulation, "speed", 4.5, NULL));
  assert_same_double (gtk_range_get_value (activity), 4.5);
  g_assert_cmpstr (value_text (activity), ==, "Walking at 4.5 km/h");
  gtk_range_set_value (activity, 2.0);
  assert_same_double (soleus_simulation_get_control (simulation, SOLEUS_PARAM_SPEED_KMH), 2.0);

  g_assert_finalize_object (panel);
  g_assert_finalize_object (simulation);
}

static void
test_print_operation (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  SoleusPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("soleus-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "handout.pdf", NULL);
  g_assert_true (soleus_simulation_set_control (simulation, "valve-weakness", 0.7, NULL));
  soleus_simulation_step (simulation);

  operation = soleus_print_operation_new (simulation);
  /* One page, in points, its setup in the dialog. */
  g_assert_cmpint (gtk_print_operation_get_status (GTK_PRINT_OPERATION (operation)), ==,
                   GTK_PRINT_STATUS_INITIAL);
  g_assert_true (soleus_print_operation_write_pdf (operation, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  /* The operation holds the simulation while it lives, no longer. */
  g_assert_finalize_object (operation);
  g_assert_finalize_object (simulation);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The handout of the window follows the preferences as the window does:
 * the units of its numbers and the figures' skin tone, and it is dated in
 * words. The page is read back with poppler: its text, and the darkness of
 * the pictures. */
static double
page_luma (const char *path,
           char      **text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double sum = 0.0;
  int stride;
  const guchar *data;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (document, 0);
  *text = poppler_page_get_text (page);
  g_strdelimit (*text, "\n", ' ');
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  /* The pictures: the upper part of the page, below the title. */
  for (int y = 90; y < 380; y++)
    for (int x = 0; x < 595; x++)
      {
        const guchar *px = data + y * stride + 4 * x;

        sum += 0.0722 * px[0] + 0.7152 * px[1] + 0.2126 * px[2];
      }
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);

  return sum / (290.0 * 595.0);
}

static void
test_print_preferences (void)
{
  SoleusSimulation *simulation = soleus_simulation_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 12, 3, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("soleus-test-XXXXXX", &error);
  g_autofree char *light = NULL, *dark = NULL;
  g_autofree char *light_text = NULL, *dark_text = NULL;
  SoleusPrintOperation *operation;
  double light_luma, dark_luma;

  g_assert_no_error (error);
  light = g_build_filename (dir, "light.pdf", NULL);
  dark = g_build_filename (dir, "dark.pdf", NULL);
  g_assert_true (soleus_simulation_set_control (simulation, "posture", 2, NULL));
  soleus_simulation_step (simulation);

  operation = soleus_print_operation_new (simulation);
  soleus_print_operation_apply_settings (operation, settings);
  soleus_print_operation_set_date (operation, date);
  g_assert_true (soleus_print_operation_write_pdf (operation, light, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (operation);

  g_assert_true (g_settings_set_string (settings, "skin-tone", "dark"));
  g_assert_true (g_settings_set_string (settings, "pressure-unit", "kpa"));
  g_assert_true (g_settings_set_string (settings, "weight-unit", "lb"));
  operation = soleus_print_operation_new (simulation);
  soleus_print_operation_apply_settings (operation, settings);
  soleus_print_operation_set_date (operation, date);
  g_assert_true (soleus_print_operation_write_pdf (operation, dark, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (operation);
  g_settings_reset (settings, "skin-tone");
  g_settings_reset (settings, "pressure-unit");
  g_settings_reset (settings, "weight-unit");

  light_luma = page_luma (light, &light_text);
  dark_luma = page_luma (dark, &dark_text);
  g_test_message ("mean luma of the pictures: light skin %.1f, dark skin %.1f",
                  light_luma, dark_luma);
  g_assert_cmpfloat (dark_luma, <, light_luma - 2.0);
  g_assert_nonnull (strstr (light_text, "3 December 2026"));
  g_assert_nonnull (strstr (light_text, "mmHg"));
  g_assert_nonnull (strstr (light_text, "75 kg"));
  g_assert_null (strstr (light_text, "kPa"));
  g_assert_nonnull (strstr (dark_text, "3 December 2026"));
  g_assert_nonnull (strstr (dark_text, "kPa"));
  g_assert_nonnull (strstr (dark_text, "165 lb"));
  g_assert_null (strstr (dark_text, "mmHg"));

  g_assert_finalize_object (simulation);
  g_assert_cmpint (g_unlink (light), ==, 0);
  g_assert_cmpint (g_unlink (dark), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  adw_init ();

  g_test_add_func ("/controls-panel/sliders", test_sliders);
  g_test_add_func ("/controls-panel/posture-and-activity", test_posture_and_activity);
  g_test_add_func ("/print-operation/write-pdf", test_print_operation);
  g_test_add_func ("/print-operation/preferences", test_print_preferences);

  return g_test_run ();
}
