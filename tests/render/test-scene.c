/* test-scene.c: the scene painter against references and its own promises
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reference images show the whole picture as the window does: labels with
 * their leader lines, the legend and the close-up captions, in English.
 * Their text is drawn with the fonts of tests/render/fonts.conf (DejaVu
 * Sans from fonts-dejavu-core, unhinted), never the machine's, so they are
 * reproducible on any Debian 12 machine with the packages build-aux/setup
 * installs. On a mismatch the actual and diff images are written next to
 * the test binary.
 *
 * SOLEUS_UPDATE_REFERENCES=1 rewrites the references in the source tree and
 * then fails: a run that wrote them compared nothing. Look at the new
 * images, commit them and run again without it.
 */

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "render-test-util.h"
#include "soleus-scene.h"
#include "soleus-scenario.h"

/* The references are painted at this size: large enough for the labels to
 * be read. */
#define REF_WIDTH  960
#define REF_HEIGHT 600

/* How close a painting must be to its reference. A pixel counts as
 * different when a channel differs by more than CHANNEL_TOLERANCE; the
 * images match when at most PIXEL_FRACTION of all pixels differ and no
 * TILE x TILE square holds more than TILE_LIMIT of them.
 *
 * With the font pinned and unhinted, FreeType gives the same glyph coverage
 * everywhere. Pixman's SIMD paths (MMX, SSE2, SSSE3, AVX2), which vary
 * between x86-64 machines, give bit-identical images here: switching them
 * off with PIXMAN_DISABLE changes no pixel. The tolerances are for what
 * remains: other rounding in another pixman or Cairo build, spread thinly
 * along edges. A wrong label is dense instead: one letter changed in one
 * label makes about 20 differing pixels in one tile, labels in capitals
 * about 2% of the image; /render/scene/reference-sees-labels checks that
 * both fail. */
#define CHANNEL_TOLERANCE 24
#define PIXEL_FRACTION 0.004
#define TILE 16
#define TILE_LIMIT 8

static cairo_surface_t *
paint (SoleusScene          *scene,
       const SoleusSnapshot *snap,
       int                   width,
       int                   height)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (s);

  soleus_scene_paint (scene, cr, snap, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static SoleusScene *
plain_scene (SoleusPalette palette)
{
  SoleusScene *scene = soleus_scene_new ();

  soleus_scene_set_palette (scene, palette);
  soleus_scene_set_show_labels (scene, FALSE);
  soleus_scene_set_show_legend (scene, FALSE);
  return scene;
}

/* Feeds one second at 60 frames per second so the cells have moved. */
typedef void (*SnapFunc) (SoleusSnapshot *out, double phase, double time_s);

static void
walk_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_walking (out, phase, time_s);
}

static void
reflux_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_reflux (out, phase, time_s);
}

static void
stand_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_standing (out, time_s);
}

static void
warm_up (SoleusScene    *scene,
         SnapFunc        func,
         double          end_phase,
         SoleusSnapshot *last)
{
  for (int f = 0; f <= 60; f++)
    {
      func (last, end_phase - (60 - f) / 66.0, 10.0 + f / 60.0);
      soleus_scene_advance (scene, last);
    }
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  const char    *name;
  SnapFunc       func;
  double         phase;
  int            posture;   /* -1: from func */
  SoleusPalette  palette;
} RefCase;

static const RefCase ref_cases[] = {
  { "walking-pushoff-light", walk_snap, 0.5, -1, SOLEUS_PALETTE_LIGHT },
  { "standing-dark", stand_snap, 0.0, -1, SOLEUS_PALETTE_DARK },
  { "reflux-colorblind", reflux_snap, 0.85, -1, SOLEUS_PALETTE_COLORBLIND },
  { "sitting-projector", NULL, 0.0, SOLEUS_POSTURE_SITTING, SOLEUS_PALETTE_PROJECTOR },
  { "legs-up-light", NULL, 0.0, SOLEUS_POSTURE_LEGS_UP, SOLEUS_PALETTE_LIGHT },
};

/* The labels as written in the source: the references are in English
 * whatever the locale of the run. */
static const char *
untranslated (const char *text,
              gpointer    user_data)
{
  return text;
}

/* A reference case painted with labels and legend, its text passed
 * through translate. */
static cairo_surface_t *
paint_ref_case (const RefCase       *rc,
                SoleusTranslateFunc  translate)
{
  g_autoptr(SoleusScene) scene = soleus_scene_new ();
  SoleusSnapshot snap;

  soleus_scene_set_palette (scene, rc->palette);
  soleus_scene_set_translate_func (scene, translate, NULL);
  if (rc->func != NULL)
    warm_up (scene, rc->func, rc->phase, &snap);
  else
    render_test_snapshot_posture (&snap, rc->posture);
  return paint (scene, &snap, REF_WIDTH, REF_HEIGHT);
}

/* Compares a painting with its reference as described at the top, and
 * says how it went. */
static gboolean
matches_reference (cairo_surface_t *actual,
                   cairo_surface_t *expected,
                   const char      *name)
{
  double fraction = render_test_compare (actual, expected, CHANNEL_TOLERANCE, NULL);
  cairo_rectangle_t where = { 0 };
  guint tile = render_test_max_tile_diff (actual, expected, TILE, CHANNEL_TOLERANCE, &where);

  g_test_message ("%s: %.3f%% of pixels differ, at most %u in a %dx%d square (at %.0f,%.0f)",
                  name, fraction * 100, tile, TILE, TILE, where.x, where.y);
  return fraction <= PIXEL_FRACTION && tile <= TILE_LIMIT;
}

/* The reference image of a case, in RGB24, or NULL when there is none. */
static cairo_surface_t *
load_reference (const char *path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  cairo_surface_t *rgb;
  cairo_t *cr;

  if (cairo_surface_status (png) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (png);
      return NULL;
    }
  if (cairo_image_surface_get_width (png) != REF_WIDTH ||
      cairo_image_surface_get_height (png) != REF_HEIGHT)
    {
      g_test_message ("%s is %dx%d, not %dx%d", path, cairo_image_surface_get_width (png),
                      cairo_image_surface_get_height (png), REF_WIDTH, REF_HEIGHT);
      cairo_surface_destroy (png);
      return NULL;
    }

  /* compare in the same pixel format */
  rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, REF_WIDTH, REF_HEIGHT);
  cr = cairo_create (rgb);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (png);
  cairo_surface_flush (rgb);
  return rgb;
}

static char *
reference_path (const RefCase *rc)
{
  g_autofree char *ref_name = g_strdup_printf ("%s.png", rc->name);

  return g_build_filename (REFERENCE_DIR, ref_name, NULL);
}

/* SOLEUS_UPDATE_REFERENCES: writes every reference and returns the exit
 * status of a failed run, having compared nothing. */
static int
update_references (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ref_cases); i++)
    {
      g_autofree char *ref_path = reference_path (&ref_cases[i]);
      cairo_surface_t *s = paint_ref_case (&ref_cases[i], untranslated);

      if (cairo_surface_write_to_png (s, ref_path) != CAIRO_STATUS_SUCCESS)
        g_error ("could not write %s", ref_path);
      g_print ("# wrote %s\n", ref_path);
      cairo_surface_destroy (s);
    }
  g_print ("Bail out! The references were rewritten and nothing was compared: look at "
           "them, commit them and run again without SOLEUS_UPDATE_REFERENCES\n");
  return 1;
}

static void
test_reference (gconstpointer data)
{
  const RefCase *rc = data;
  g_autofree char *ref_path = reference_path (rc);
  g_autofree char *out = g_strdup_printf ("%s-actual.png", rc->name);
  g_autofree char *diff_path = g_strdup_printf ("%s-diff.png", rc->name);
  cairo_surface_t *actual, *expected;

  actual = paint_ref_case (rc, untranslated);

  expected = load_reference (ref_path);
  if (expected == NULL)
    {
      cairo_surface_write_to_png (actual, out);
      g_test_message ("no usable reference %s; actual written to %s", ref_path, out);
      cairo_surface_destroy (actual);
      g_test_fail ();
      return;
    }

  if (!matches_reference (actual, expected, rc->name))
    {
      render_test_compare (actual, expected, CHANNEL_TOLERANCE, diff_path);
      cairo_surface_write_to_png (actual, out);
      g_test_message ("%s does not match its reference; wrote %s and %s", rc->name, out,
                      diff_path);
      g_test_fail ();
    }

  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
}

/* Upper case: every label keeps its place but not its glyphs. */
static const char *
shouted (const char *text,
         gpointer    user_data)
{
  g_autofree char *upper = g_utf8_strup (text, -1);

  return g_intern_string (upper);
}

/* One letter changed in one label, as a typo in a translation. */
static const char *
one_label_misspelt (const char *text,
                    gpointer    user_data)
{
  return g_str_equal (text, "Vena cava") ? "Vena cave" : text;
}

/* The reference comparison sees the text: the same picture without labels
 * and legend, with its labels in capitals, or with one letter of one label
 * changed, does not match. */
static void
test_reference_sees_labels (void)
{
  const RefCase *rc = &ref_cases[0];
  g_autofree char *ref_path = reference_path (rc);
  cairo_surface_t *expected = load_reference (ref_path);
  g_autoptr(SoleusScene) bare_scene = soleus_scene_new ();
  cairo_surface_t *s;
  SoleusSnapshot snap;

  g_assert_nonnull (expected);

  s = paint_ref_case (rc, untranslated);
  g_assert_true (matches_reference (s, expected, "as painted"));
  cairo_surface_destroy (s);

  s = paint_ref_case (rc, shouted);
  g_assert_false (matches_reference (s, expected, "labels in capitals"));
  cairo_surface_destroy (s);

  s = paint_ref_case (rc, one_label_misspelt);
  g_assert_false (matches_reference (s, expected, "\"Vena cave\" for \"Vena cava\""));
  cairo_surface_destroy (s);

  soleus_scene_set_palette (bare_scene, rc->palette);
  soleus_scene_set_show_labels (bare_scene, FALSE);
  soleus_scene_set_show_legend (bare_scene, FALSE);
  warm_up (bare_scene, rc->func, rc->phase, &snap);
  s = paint (bare_scene, &snap, REF_WIDTH, REF_HEIGHT);
  g_assert_false (matches_reference (s, expected, "without labels and legend"));
  cairo_surface_destroy (s);

  cairo_surface_destroy (expected);
}

/* ---------------------------------------------------------------------- */

static void
test_valve_open_closed (void)
{
  g_autoptr(SoleusScene) a = plain_scene (SOLEUS_PALETTE_LIGHT);
  g_autoptr(SoleusScene) b = plain_scene (SOLEUS_PALETTE_LIGHT);
  static const char *names[] = {
    "valve-foot-outlet", "valve-calf-lower", "valve-calf-upper", "valve-popliteal",
    "valve-femoral", "valve-saphenous", "valve-saphenofemoral", "valve-perforator",
  };

  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      SoleusSnapshot open, shut;
      cairo_surface_t *sa, *sb;
      cairo_rectangle_t box;
      guint n;

      render_test_snapshot_standing (&open, 5.0);
      soleus_scene_set_show_cells (a, FALSE);
      soleus_scene_set_show_cells (b, FALSE);
      open.valve[v].open = 1.0;
      shut = open;
      shut.valve[v].open = 0.0;

      /* The standing figure, its head in frame, is drawn at 0.8 of the
       * size it had when its head was cut off: 1200 x 750 shows its
       * valves as large as 960 x 600 did then. */
      sa = paint (a, &open, 1200, 750);
      sb = paint (b, &shut, 1200, 750);
      g_assert_true (soleus_scene_get_part_bounds (a, names[v], &box));
      g_assert_cmpfloat (box.width, >, 4);
      g_assert_cmpfloat (box.height, >, 4);
      n = render_test_count_diff_in (sa, sb, &box, 40);
      g_test_message ("%s: %u pixels differ in %.0fx%.0f box", names[v], n, box.width, box.height);
      g_assert_cmpuint (n, >=, 12);
      cairo_surface_destroy (sa);
      cairo_surface_destroy (sb);
    }
}

/* A leaking valve differs from a sound one by shape: compare the two shut
 * valves as black-and-white masks of their dark outlines. */
static guint
count_mask_diff (cairo_surface_t         *a,
                 cairo_surface_t         *b,
                 const cairo_rectangle_t *r)
{
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  for (int y = (int) r->y; y < (int) (r->y + r->height); y++)
    for (int x = (int) r->x; x < (int) (r->x + r->width); x++)
      {
        guint32 pa = ((guint32 *) (cairo_image_surface_get_data (a) + y * stride))[x];
        guint32 pb = ((guint32 *) (cairo_image_surface_get_data (b) + y * stride))[x];
        int la = ((pa >> 16 & 0xff) * 3 + (pa >> 8 & 0xff) * 6 + (pa & 0xff)) / 10;
        int lb = ((pb >> 16 & 0xff) * 3 + (pb >> 8 & 0xff) * 6 + (pb & 0xff)) / 10;

        if ((la < 110) != (lb < 110) || (la > 225) != (lb > 225))
          n++;
      }
  return n;
}

static void
test_leak_shape (void)
{
  g_autoptr(SoleusScene) a = plain_scene (SOLEUS_PALETTE_LIGHT);
  g_autoptr(SoleusScene) b = plain_scene (SOLEUS_PALETTE_LIGHT);
  SoleusSnapshot sound, leaky;
  cairo_surface_t *sa, *sb;
  cairo_rectangle_t box;
  guint n;

  soleus_scene_set_show_cells (a, FALSE);
  soleus_scene_set_show_cells (b, FALSE);
  render_test_snapshot_standing (&sound, 5.0);
  sound.valve[SOLEUS_VALVE_FEMORAL].open = 0.0;
  sound.valve[SOLEUS_VALVE_FEMORAL].flow_ml_s = 0.0;
  leaky = sound;
  leaky.valve[SOLEUS_VALVE_FEMORAL].leak = 0.1;
  leaky.valve[SOLEUS_VALVE_FEMORAL].flow_ml_s = -3.0;

  sa = paint (a, &sound, 1280, 800);
  sb = paint (b, &leaky, 1280, 800);
  g_assert_true (soleus_scene_get_part_bounds (a, "valve-femoral", &box));
  n = count_mask_diff (sa, sb, &box);
  g_test_message ("leaky vs sound femoral valve: %u mask pixels differ", n);
  g_assert_cmpuint (n, >=, 15);
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
}

/* The width of the leg across one row, in pixels that differ from the
 * background at the row's left end. */
static int
leg_width_at (cairo_surface_t *s,
              int              y,
              int              x0,
              int              x1)
{
  int stride = cairo_image_surface_get_stride (s);
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (s) + y * stride);
  guint32 bg = row[MAX (x0, 0)];
  int first = -1, last = -1;

  for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (s)); x++)
    {
      int m = 0;

      for (int c = 0; c < 24; c += 8)
        m = MAX (m, ABS ((int) ((row[x] >> c) & 0xff) - (int) ((bg >> c) & 0xff)));
      if (m > 20)
        {
          if (first < 0)
            first = x;
          last = x;
        }
    }
  return first < 0 ? 0 : last - first + 1;
}

static void
test_swelling (void)
{
  g_autoptr(SoleusScene) scene = plain_scene (SOLEUS_PALETTE_LIGHT);
  SoleusSnapshot dry, wet;
  cairo_surface_t *sd, *sw;
  cairo_rectangle_t ankle;
  int y, wd, ww;

  soleus_scene_set_show_cells (scene, FALSE);
  render_test_snapshot_standing (&dry, 5.0);
  dry.tissue_fluid_change_ml = 0;
  wet = dry;
  wet.tissue_fluid_change_ml = 120;

  sd = paint (scene, &dry, 1600, 1000);
  g_assert_true (soleus_scene_get_part_bounds (scene, "ankle", &ankle));
  sw = paint (scene, &wet, 1600, 1000);

  y = (int) (ankle.y + ankle.height * 0.35);
  wd = leg_width_at (sd, y, (int) ankle.x - 40, (int) (ankle.x + ankle.width + 40));
  ww = leg_width_at (sw, y, (int) ankle.x - 40, (int) (ankle.x + ankle.width + 40));
  g_test_message ("ankle width at y=%d: %d px dry, %d px swollen", y, wd, ww);
  g_assert_cmpint (wd, >, 20);
  g_assert_cmpint (ww, >=, wd + 8);

  cairo_surface_destroy (sd);
  cairo_surface_destroy (sw);
}

static void
test_deterministic (void)
{
  g_autoptr(SoleusScene) a = soleus_scene_new ();
  g_autoptr(SoleusScene) b = soleus_scene_new ();
  cairo_surface_t *sa = NULL, *sb = NULL;

  soleus_scene_set_show_labels (a, FALSE);
  soleus_scene_set_show_labels (b, FALSE);

  for (int f = 0; f < 40; f++)
    {
      SoleusSnapshot snap;

      render_test_snapshot_reflux (&snap, f / 50.0, f / 60.0);
      g_clear_pointer (&sa, cairo_surface_destroy);
      g_clear_pointer (&sb, cairo_surface_destroy);
      sa = paint (a, &snap, 640, 400);
      sb = paint (b, &snap, 640, 400);
    }

  g_assert_cmpfloat (render_test_compare (sa, sb, 0, NULL), <=, 0.0);
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
}

static void
test_fit_sizes (void)
{
  static const int sizes[][2] = {
    { 800, 600 }, { 1920, 1080 }, { 3840, 2160 }, { 600, 1000 }, { 2000, 500 },
  };
  double ratio0 = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(SoleusScene) scene = soleus_scene_new ();
      SoleusSnapshot snap;
      cairo_surface_t *s;
      cairo_rectangle_t heart, leg;
      double ratio;

      render_test_snapshot_walking (&snap, 0.3, 1.0);
      s = paint (scene, &snap, sizes[i][0], sizes[i][1]);
      g_assert_true (soleus_scene_get_part_bounds (scene, "heart", &heart));
      g_assert_true (soleus_scene_get_part_bounds (scene, "leg", &leg));
      /* inside the image, and the same shape at every size: no distortion */
      g_assert_cmpfloat (leg.x, >=, 0);
      g_assert_cmpfloat (leg.x + leg.width, <=, sizes[i][0]);
      g_assert_cmpfloat (leg.y + leg.height, <=, sizes[i][1]);
      ratio = leg.width / leg.height;
      if (i == 0)
        ratio0 = ratio;
      g_assert_cmpfloat_with_epsilon (ratio, ratio0, 0.01);
      cairo_surface_destroy (s);
    }
}

static void
test_parts (void)
{
  g_autoptr(SoleusScene) scene = soleus_scene_new ();
  const char * const *parts = soleus_scene_list_parts ();
  SoleusSnapshot snap;
  cairo_surface_t *s;
  cairo_rectangle_t r;

  g_assert_false (soleus_scene_get_part_bounds (scene, "heart", &r));

  render_test_snapshot_walking (&snap, 0.4, 1.0);
  s = paint (scene, &snap, 1280, 800);

  g_assert_false (soleus_scene_get_part_bounds (scene, "no-such-part", &r));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_assert_true (soleus_scene_get_part_bounds (scene, parts[i], &r));
      g_assert_cmpfloat (r.width, >, 0);
      g_assert_cmpfloat (r.height, >, 0);
    }

  /* other close-ups: still every part, and a different picture */
  soleus_scene_set_inset_valves (scene, SOLEUS_VALVE_SAPHENOFEMORAL, SOLEUS_VALVE_PERFORATOR);
  {
    cairo_surface_t *s2 = paint (scene, &snap, 1280, 800);

    g_assert_cmpfloat (render_test_compare (s, s2, 16, NULL), >, 0.001);
    cairo_surface_destroy (s2);
  }

  g_assert_true (soleus_scene_get_part_bounds (scene, "valve-popliteal", &r));
  g_assert_cmpstr (soleus_scene_pick (scene, r.x + r.width / 2, r.y + r.height / 2), ==,
                   "valve-popliteal");
  g_assert_null (soleus_scene_pick (scene, 1, 799));
  cairo_surface_destroy (s);
}

static int n_translated;

static const char *
count_translate (const char *text,
                 gpointer    user_data)
{
  n_translated++;
  return text;
}

static void
test_translate (void)
{
  g_autoptr(SoleusScene) scene = soleus_scene_new ();
  SoleusSnapshot snap;
  cairo_surface_t *s;

  soleus_scene_set_font (scene, "DejaVu Sans");
  soleus_scene_set_translate_func (scene, count_translate, NULL);
  render_test_snapshot_standing (&snap, 1.0);
  s = paint (scene, &snap, 800, 500);
  g_assert_cmpint (n_translated, >=, 12);
  cairo_surface_destroy (s);
}

/* Every posture and palette paints from the real model. */
static void
test_model_frames (void)
{
  static const char *scenarios[] = { "healthy-walk", "office-day", "varicose-veins",
                                     "post-thrombotic", "sedentary-older" };

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      const SoleusScenario *sc = soleus_scenario_find (scenarios[i]);
      g_autoptr(SoleusScene) scene = soleus_scene_new ();
      SoleusModel *model;
      cairo_surface_t *s = NULL;

      g_assert_nonnull (sc);
      model = soleus_model_new ();
      soleus_scenario_start (sc, model);
      soleus_scenario_advance_to (sc, model, 125.0);
      soleus_scene_set_palette (scene, i % SOLEUS_N_PALETTES);
      for (int f = 0; f < 20; f++)
        {
          soleus_scenario_advance_to (sc, model, 125.0 + f / 60.0);
          g_clear_pointer (&s, cairo_surface_destroy);
          s = paint (scene, soleus_model_get_snapshot (model), 640, 400);
        }
      cairo_surface_destroy (s);
      soleus_model_free (model);
    }

  for (int p = 0; p < SOLEUS_N_POSTURES; p++)
    {
      g_autoptr(SoleusScene) scene = soleus_scene_new ();
      SoleusModel *model = soleus_model_new ();
      cairo_surface_t *s;

      g_assert_true (soleus_model_set_param (model, SOLEUS_PARAM_POSTURE, p));
      soleus_model_advance_to (model, 5.0);
      s = paint (scene, soleus_model_get_snapshot (model), 640, 400);
      cairo_surface_destroy (s);
      soleus_model_free (model);
    }
}

/* The cells a GPU layer would draw: inside the picture, and falling back
 * where the blood flows backwards. */
static void
test_cells (void)
{
  g_autoptr(SoleusScene) scene = soleus_scene_new ();
  g_autofree SoleusSceneCell *cells = NULL;
  SoleusSnapshot snap;
  cairo_surface_t *s;
  guint n, n2, back = 0;

  g_assert_cmpuint (soleus_scene_get_cells (scene, NULL, 0), ==, 0);

  soleus_scene_set_show_cells (scene, FALSE);
  render_test_snapshot_reflux (&snap, 0.85, 2.0);
  s = paint (scene, &snap, 800, 500);
  n = soleus_scene_get_cells (scene, NULL, 0);
  g_assert_cmpuint (n, >, 100);

  cells = g_new0 (SoleusSceneCell, n);
  n2 = soleus_scene_get_cells (scene, cells, n);
  g_assert_cmpuint (n2, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (cells[i].x, >=, 0);
      g_assert_cmpfloat (cells[i].x, <=, 800);
      g_assert_cmpfloat (cells[i].y, >=, 0);
      g_assert_cmpfloat (cells[i].y, <=, 500);
      g_assert_cmpfloat (cells[i].radius, >, 0.5);
      back += cells[i].backward;
    }
  g_assert_cmpuint (back, >, 20);
  /* a short buffer gets the first cells and the full count */
  g_assert_cmpuint (soleus_scene_get_cells (scene, cells, 5), ==, n);
  cairo_surface_destroy (s);
}

/* The direct path (what SVG, PDF and print get) draws the same picture as
 * the cached one, labels included. */
static void
test_direct_matches_cached (void)
{
  g_autoptr(SoleusScene) cached = soleus_scene_new ();
  g_autoptr(SoleusScene) direct = soleus_scene_new ();
  SoleusSnapshot snap;
  cairo_surface_t *a, *b;
  double fraction;

  soleus_scene_set_font (cached, "DejaVu Sans");
  soleus_scene_set_font (direct, "DejaVu Sans");
  soleus_scene_set_use_cache (direct, FALSE);
  render_test_snapshot_reflux (&snap, 0.85, 2.0);
  a = paint (cached, &snap, 960, 600);
  b = paint (direct, &snap, 960, 600);
  fraction = render_test_compare (a, b, 48, NULL);
  g_test_message ("direct vs cached: %.3f%% of pixels differ", fraction * 100);
  if (fraction > 0.01)
    {
      render_test_compare (a, b, 48, "direct-vs-cached-diff.png");
      cairo_surface_write_to_png (b, "direct-actual.png");
    }
  g_assert_cmpfloat (fraction, <=, 0.01);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

int
main (int   argc,
      char *argv[])
{
  render_test_pin_fonts ();
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("SOLEUS_UPDATE_REFERENCES") != NULL)
    return update_references ();

  for (guint i = 0; i < G_N_ELEMENTS (ref_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/render/scene/reference/%s", ref_cases[i].name);

      g_test_add_data_func (path, &ref_cases[i], test_reference);
    }
  g_test_add_func ("/render/scene/reference-sees-labels", test_reference_sees_labels);
  g_test_add_func ("/render/scene/valve-open-closed", test_valve_open_closed);
  g_test_add_func ("/render/scene/leak-shape", test_leak_shape);
  g_test_add_func ("/render/scene/swelling", test_swelling);
  g_test_add_func ("/render/scene/deterministic", test_deterministic);
  g_test_add_func ("/render/scene/fit-sizes", test_fit_sizes);
  g_test_add_func ("/render/scene/parts", test_parts);
  g_test_add_func ("/render/scene/translate", test_translate);
  g_test_add_func ("/render/scene/model-frames", test_model_frames);
  g_test_add_func ("/render/scene/direct-matches-cached", test_direct_matches_cached);
  g_test_add_func ("/render/scene/cells", test_cells);

  return g_test_run ();
}
