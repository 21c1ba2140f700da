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

/* The model's intra-abdominal pressure standing at a weight (175 cm). */
static double
model_iap (double weight_kg)
{
  SoleusModel *model = soleus_model_new ();
  double iap;

  g_assert_true (soleus_model_set_param (model, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING));
  g_assert_true (soleus_model_set_param (model, SOLEUS_PARAM_WEIGHT_KG, weight_kg));
  soleus_model_step (model, 2);
  iap = soleus_model_get_snapshot (model)->iap_mmhg;
  soleus_model_free (model);
  return iap;
}

static void
heavy_snap (SoleusSnapshot *out, double phase, double time_s)
{
  static double iap = -1;

  if (iap < 0)
    iap = model_iap (150);
  render_test_snapshot_standing (out, time_s);
  out->control[SOLEUS_PARAM_WEIGHT_KG] = 150;
  out->iap_mmhg = iap;
}

static void
wasted_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_walking (out, phase, time_s);
  out->control[SOLEUS_PARAM_ATROPHY] = 1.0;
}

static void
stocking_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_standing (out, time_s);
  out->control[SOLEUS_PARAM_COMPRESSION_MMHG] = 30;
  out->control[SOLEUS_PARAM_ANKLE_MOBILITY] = 0.3;
}

static void
varicose_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_reflux (out, phase, time_s);
  out->control[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.6;
  out->control[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_SUPERFICIAL;
  out->varicose_dilation = 1.2;
}

static void
post_thrombotic_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_standing (out, time_s);
  out->control[SOLEUS_PARAM_VALVE_WEAKNESS] = 1.0;
  out->control[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_DEEP;
  out->control[SOLEUS_PARAM_OBSTRUCTION] = 0.7;
  for (int v = SOLEUS_VALVE_CALF_LOWER; v <= SOLEUS_VALVE_FEMORAL; v++)
    out->valve[v].leak = 0.08;
}

static void
swollen_snap (SoleusSnapshot *out, double phase, double time_s)
{
  render_test_snapshot_standing (out, time_s);
  out->tissue_fluid_change_ml = 100;
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
  SoleusSkinTone skin_tone;
  SoleusFigure   figure;
} RefCase;

static const RefCase ref_cases[] = {
  { "walking-pushoff-light", walk_snap, 0.5, -1, SOLEUS_PALETTE_LIGHT },
  { "standing-dark", stand_snap, 0.0, -1, SOLEUS_PALETTE_DARK },
  { "reflux-colorblind", reflux_snap, 0.85, -1, SOLEUS_PALETTE_COLORBLIND },
  { "sitting-projector", NULL, 0.0, SOLEUS_POSTURE_SITTING, SOLEUS_PALETTE_PROJECTOR },
  { "legs-up-light", NULL, 0.0, SOLEUS_POSTURE_LEGS_UP, SOLEUS_PALETTE_LIGHT },
  { "heavy-body-light", heavy_snap, 0.0, -1, SOLEUS_PALETTE_LIGHT },
  { "wasted-calf-dark", wasted_snap, 0.5, -1, SOLEUS_PALETTE_DARK },
  { "stocking-stiff-ankle-projector", stocking_snap, 0.0, -1, SOLEUS_PALETTE_PROJECTOR },
  { "varicose-light", varicose_snap, 0.85, -1, SOLEUS_PALETTE_LIGHT },
  { "post-thrombotic-dark", post_thrombotic_snap, 0.0, -1, SOLEUS_PALETTE_DARK },
  { "swollen-ankle-colorblind", swollen_snap, 0.0, -1, SOLEUS_PALETTE_COLORBLIND },
  /* each darker skin tone, standing with a swollen ankle */
  { "standing-skin-medium-light", stand_snap, 0.0, -1, SOLEUS_PALETTE_LIGHT,
    SOLEUS_SKIN_TONE_MEDIUM },
  { "standing-skin-brown-colorblind", stand_snap, 0.0, -1, SOLEUS_PALETTE_COLORBLIND,
    SOLEUS_SKIN_TONE_BROWN },
  { "standing-skin-dark-projector", stand_snap, 0.0, -1, SOLEUS_PALETTE_PROJECTOR,
    SOLEUS_SKIN_TONE_DARK },
  { "standing-skin-dark-dark", stand_snap, 0.0, -1, SOLEUS_PALETTE_DARK,
    SOLEUS_SKIN_TONE_DARK },
  /* the female figure standing, walking, sitting and heavy */
  { "standing-female-light", stand_snap, 0.0, -1, SOLEUS_PALETTE_LIGHT,
    SOLEUS_SKIN_TONE_LIGHT, SOLEUS_FIGURE_FEMALE },
  { "walking-female-brown-colorblind", walk_snap, 0.5, -1, SOLEUS_PALETTE_COLORBLIND,
    SOLEUS_SKIN_TONE_BROWN, SOLEUS_FIGURE_FEMALE },
  { "sitting-female-projector", NULL, 0.0, SOLEUS_POSTURE_SITTING, SOLEUS_PALETTE_PROJECTOR,
    SOLEUS_SKIN_TONE_LIGHT, SOLEUS_FIGURE_FEMALE },
  { "heavy-body-female-medium-dark", heavy_snap, 0.0, -1, SOLEUS_PALETTE_DARK,
    SOLEUS_SKIN_TONE_MEDIUM, SOLEUS_FIGURE_FEMALE },
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
  soleus_scene_set_skin_tone (scene, rc->skin_tone);
  soleus_scene_set_figure (scene, rc->figure);
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

/* ---------------------------------------------------------------------- */
/* Every control shows in the body: moved from one end of its range to the
 * other, it changes the picture in the parts it names, and nowhere far from
 * them. */

typedef void (*ControlFunc) (SoleusSnapshot *snap, double value);

typedef struct
{
  const char  *name;
  ControlFunc  set;
  double       lo;
  double       hi;
  const char  *parts[4];   /* each must change; NULL-terminated */
} ControlCase;

static void
set_weight (SoleusSnapshot *snap, double value)
{
  snap->control[SOLEUS_PARAM_WEIGHT_KG] = value;
  snap->iap_mmhg = model_iap (value);
}

static void
set_atrophy (SoleusSnapshot *snap, double value)
{
  snap->control[SOLEUS_PARAM_ATROPHY] = value;
}

static void
set_compression (SoleusSnapshot *snap, double value)
{
  snap->control[SOLEUS_PARAM_COMPRESSION_MMHG] = value;
}

static void
set_ankle_mobility (SoleusSnapshot *snap, double value)
{
  snap->control[SOLEUS_PARAM_ANKLE_MOBILITY] = value;
}

/* superficial reflux, with the varicose dilation the model settles at */
static void
set_superficial_weakness (SoleusSnapshot *snap, double value)
{
  snap->control[SOLEUS_PARAM_VALVE_WEAKNESS] = value;
  snap->control[SOLEUS_PARAM_REFLUX_SITE] = SOLEUS_REFLUX_SUPERFICIAL;
  snap->varicose_dilation = 2.0 * value;
}

static void
set_obstruction (SoleusSnapshot *snap, double value)
{
  snap->control[SOLEUS_PARAM_OBSTRUCTION] = value;
}

/* not a control but the model's state: the tissue fluid */
static void
set_tissue_fluid (SoleusSnapshot *snap, double value)
{
  snap->tissue_fluid_change_ml = value;
}

static const ControlCase control_cases[] = {
  { "varicose", set_superficial_weakness, 0, 1,
    { "vein-saphenous-calf", "vein-saphenous-thigh", "ankle", NULL } },
  { "obstruction", set_obstruction, 0, 1, { "vein-iliac", "ankle", NULL } },
  { "tissue-fluid", set_tissue_fluid, 0, 100, { "ankle", "calf", "foot", NULL } },
  { "compression", set_compression, 0, 40, { "calf", "ankle", "foot", NULL } },
  { "ankle-mobility", set_ankle_mobility, 1, 0, { "ankle", NULL } },
  { "weight", set_weight, 60, 150, { "torso", "thigh", "calf", NULL } },
  { "atrophy", set_atrophy, 0, 1, { "soleus", "gastrocnemius", "calf", NULL } },
};

/* 1280x800 held the standing figure at the size these thresholds were set
 * for until the whole figure (its head too) was brought into frame at 0.8
 * of that size; 1600x1000 paints it at the same pixel size again. */
#define CONTROL_W 1600
#define CONTROL_H 1000
/* How far from its parts a control may still change pixels: the width of
 * a stroke and the smoothing of the outline next to them. */
#define CONTROL_MARGIN 20.0

static void
union_box (cairo_rectangle_t       *acc,
           const cairo_rectangle_t *r)
{
  double x0, y0, x1, y1;

  if (acc->width <= 0)
    {
      *acc = *r;
      return;
    }
  x0 = MIN (acc->x, r->x);
  y0 = MIN (acc->y, r->y);
  x1 = MAX (acc->x + acc->width, r->x + r->width);
  y1 = MAX (acc->y + acc->height, r->y + r->height);
  acc->x = x0;
  acc->y = y0;
  acc->width = x1 - x0;
  acc->height = y1 - y0;
}

static void
test_control_shows (gconstpointer data)
{
  const ControlCase *cc = data;
  g_autoptr(SoleusScene) scene = plain_scene (SOLEUS_PALETTE_LIGHT);
  SoleusSnapshot lo, hi;
  cairo_surface_t *slo, *shi;
  cairo_rectangle_t all = { 0, 0, CONTROL_W, CONTROL_H };
  cairo_rectangle_t near = { 0, 0, 0, 0 };
  guint total, inside;

  soleus_scene_set_show_cells (scene, FALSE);
  render_test_snapshot_standing (&lo, 5.0);
  hi = lo;
  cc->set (&lo, cc->lo);
  cc->set (&hi, cc->hi);

  for (int end = 0; end < 2; end++)
    {
      cairo_surface_t *s = paint (scene, end == 0 ? &lo : &hi, CONTROL_W, CONTROL_H);

      for (int i = 0; cc->parts[i] != NULL; i++)
        {
          cairo_rectangle_t r;

          g_assert_true (soleus_scene_get_part_bounds (scene, cc->parts[i], &r));
          union_box (&near, &r);
        }
      if (end == 0)
        slo = s;
      else
        shi = s;
    }

  for (int i = 0; cc->parts[i] != NULL; i++)
    {
      cairo_rectangle_t r;
      guint n;

      g_assert_true (soleus_scene_get_part_bounds (scene, cc->parts[i], &r));
      n = render_test_count_diff_in (slo, shi, &r, 24);
      g_test_message ("%s %g -> %g: %u pixels change in %s", cc->name, cc->lo, cc->hi, n,
                      cc->parts[i]);
      /* plainly visible: at least a 20 x 20 pixel patch's worth */
      g_assert_cmpuint (n, >=, 400);
    }

  near.x -= CONTROL_MARGIN;
  near.y -= CONTROL_MARGIN;
  near.width += 2 * CONTROL_MARGIN;
  near.height += 2 * CONTROL_MARGIN;
  total = render_test_count_diff_in (slo, shi, &all, 24);
  inside = render_test_count_diff_in (slo, shi, &near, 24);
  g_test_message ("%s: %u pixels change, %u of them outside its parts", cc->name, total,
                  total - inside);
  if (total != inside)
    {
      int shown = 0;

      for (int y = 0; y < CONTROL_H && shown < 5; y++)
        for (int x = 0; x < CONTROL_W && shown < 5; x++)
          {
            cairo_rectangle_t px = { x, y, 1, 1 };

            if ((x < near.x || x >= near.x + near.width || y < near.y ||
                 y >= near.y + near.height) &&
                render_test_count_diff_in (slo, shi, &px, 24) > 0 && ++shown)
              g_test_message ("%s: changes at (%d, %d), outside (%g, %g) %g x %g", cc->name,
                              x, y, near.x, near.y, near.width, near.height);
          }
    }
  g_assert_cmpuint (total - inside, ==, 0);

  cairo_surface_destroy (slo);
  cairo_surface_destroy (shi);
}

/* Muscle wasting shrinks the calf at every step of its control, not only
 * at its ends. */
static void
test_atrophy_steps (void)
{
  g_autoptr(SoleusScene) scene = plain_scene (SOLEUS_PALETTE_LIGHT);
  SoleusSnapshot snap;
  cairo_surface_t *first = NULL;
  cairo_rectangle_t calf;
  guint last = 0;

  soleus_scene_set_show_cells (scene, FALSE);
  render_test_snapshot_standing (&snap, 5.0);
  for (int k = 0; k <= 5; k++)
    {
      cairo_surface_t *s;

      snap.control[SOLEUS_PARAM_ATROPHY] = k / 5.0;
      s = paint (scene, &snap, CONTROL_W, CONTROL_H);
      if (first == NULL)
        {
          first = s;
          g_assert_true (soleus_scene_get_part_bounds (scene, "calf", &calf));
          continue;
        }
      {
        guint n = render_test_count_diff_in (first, s, &calf, 24);

        g_test_message ("atrophy %.1f: %u calf pixels differ from a healthy calf", k / 5.0, n);
        g_assert_cmpuint (n, >, last + 100);
        last = n;
      }
      cairo_surface_destroy (s);
    }
  cairo_surface_destroy (first);
}

/* The close-ups follow the leakiest valves by themselves, and stay where
 * they are put once chosen. */
static void
test_insets_follow_leaks (void)
{
  g_autoptr(SoleusScene) follow = soleus_scene_new ();
  g_autoptr(SoleusScene) fixed = soleus_scene_new ();
  SoleusSnapshot snap;
  cairo_surface_t *a, *b;

  soleus_scene_set_show_cells (follow, FALSE);
  soleus_scene_set_show_cells (fixed, FALSE);
  render_test_snapshot_standing (&snap, 5.0);

  /* no leak: the default pair */
  soleus_scene_set_inset_valves (fixed, SOLEUS_VALVE_POPLITEAL, SOLEUS_VALVE_CALF_LOWER);
  a = paint (follow, &snap, 960, 600);
  b = paint (fixed, &snap, 960, 600);
  g_assert_cmpfloat (render_test_compare (a, b, 0, NULL), <=, 0.0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* superficial reflux: the saphenofemoral junction leaks most, then the
   * perforator */
  snap.valve[SOLEUS_VALVE_PERFORATOR].leak = 0.03;
  snap.valve[SOLEUS_VALVE_SAPHENOFEMORAL].leak = 0.06;
  snap.valve[SOLEUS_VALVE_SAPHENOUS].leak = 0.002;
  soleus_scene_set_inset_valves (fixed, SOLEUS_VALVE_SAPHENOFEMORAL, SOLEUS_VALVE_PERFORATOR);
  a = paint (follow, &snap, 960, 600);
  b = paint (fixed, &snap, 960, 600);
  g_assert_cmpfloat (render_test_compare (a, b, 0, NULL), <=, 0.0);
  cairo_surface_destroy (b);

  /* one leaky deep valve: it, and the default pair's first below it */
  snap.valve[SOLEUS_VALVE_PERFORATOR].leak = 0;
  snap.valve[SOLEUS_VALVE_SAPHENOFEMORAL].leak = 0;
  snap.valve[SOLEUS_VALVE_FEMORAL].leak = 0.05;
  soleus_scene_set_inset_valves (fixed, SOLEUS_VALVE_FEMORAL, SOLEUS_VALVE_POPLITEAL);
  b = paint (follow, &snap, 960, 600);
  g_assert_cmpfloat (render_test_compare (a, b, 0, NULL), >, 0.001);
  cairo_surface_destroy (a);
  a = paint (fixed, &snap, 960, 600);
  g_assert_cmpfloat (render_test_compare (a, b, 0, NULL), <=, 0.0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* chosen by hand: a leak elsewhere does not move them */
  soleus_scene_set_inset_valves (follow, SOLEUS_VALVE_POPLITEAL, SOLEUS_VALVE_CALF_LOWER);
  soleus_scene_set_inset_valves (fixed, SOLEUS_VALVE_POPLITEAL, SOLEUS_VALVE_CALF_LOWER);
  a = paint (follow, &snap, 960, 600);
  b = paint (fixed, &snap, 960, 600);
  g_assert_cmpfloat (render_test_compare (a, b, 0, NULL), <=, 0.0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* following again */
  soleus_scene_set_inset_auto (follow, TRUE);
  soleus_scene_set_inset_valves (fixed, SOLEUS_VALVE_FEMORAL, SOLEUS_VALVE_POPLITEAL);
  a = paint (follow, &snap, 960, 600);
  b = paint (fixed, &snap, 960, 600);
  g_assert_cmpfloat (render_test_compare (a, b, 0, NULL), <=, 0.0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* ---------------------------------------------------------------------- */
/* Colours that must stay apart: told apart by lightness, which survives
 * every colour vision deficiency and a washed-out projector. */

static double
srgb_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* CIE L* of a colour drawn with its alpha over an opaque one. */
static double
lightness_over (const SoleusColor *top,
                const SoleusColor *bottom)
{
  double rgb[3] = {
    top->r * top->a + bottom->r * (1 - top->a),
    top->g * top->a + bottom->g * (1 - top->a),
    top->b * top->a + bottom->b * (1 - top->a),
  };
  double y = 0.2126 * srgb_linear (rgb[0]) + 0.7152 * srgb_linear (rgb[1]) +
             0.0722 * srgb_linear (rgb[2]);

  return y > 216.0 / 24389.0 ? 116.0 * cbrt (y) - 16.0 : y * 24389.0 / 27.0;
}

static void
test_palette_distinct (void)
{
  for (int p = 0; p < SOLEUS_N_PALETTES; p++)
    {
      const SoleusPaletteColors *pal = soleus_palette_get_colors (p);
      double soleus = lightness_over (&pal->muscle, &pal->skin);
      double gastroc = lightness_over (&pal->muscle_over, &pal->skin);
      double both = lightness_over (&pal->muscle_over, &pal->muscle);

      g_test_message ("palette %d: L* soleus %.0f, gastrocnemius %.0f (%.0f over the soleus)",
                      p, soleus, gastroc, both);
      /* the gastrocnemius, over the skin or over the soleus, is lighter */
      g_assert_cmpfloat (gastroc - soleus, >=, 20);
      g_assert_cmpfloat (both - soleus, >=, 12);
    }

  {
    const SoleusPaletteColors *pal = soleus_palette_get_colors (SOLEUS_PALETTE_COLORBLIND);
    double leak = lightness_over (&pal->leak, &pal->vein);
    double cell = lightness_over (&pal->cell, &pal->vein);
    double back = lightness_over (&pal->cell_back, &pal->vein);

    g_test_message ("colour-blind: L* leak %.0f, cells %.0f, cells flowing back %.0f", leak,
                    cell, back);
    g_assert_cmpfloat (fabs (leak - cell), >=, 25);
    g_assert_cmpfloat (fabs (leak - back), >=, 12);
  }
}

/* The varicose vein is drawn from the model's state: its snapshot carries
 * the saphenous dilation, which settles at twice the superficial weakness,
 * and the painted vein twists out of its healthy course. */
static void
test_varicose_from_model (void)
{
  double width[2];

  for (int sick = 0; sick < 2; sick++)
    {
      g_autoptr(SoleusScene) scene = plain_scene (SOLEUS_PALETTE_LIGHT);
      SoleusModel *model = soleus_model_new ();
      const SoleusSnapshot *snap;
      cairo_surface_t *s;
      cairo_rectangle_t r;

      g_assert_true (soleus_model_set_param (model, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING));
      g_assert_true (soleus_model_set_param (model, SOLEUS_PARAM_REFLUX_SITE,
                                             SOLEUS_REFLUX_SUPERFICIAL));
      g_assert_true (soleus_model_set_param (model, SOLEUS_PARAM_VALVE_WEAKNESS, sick ? 0.8 : 0));
      soleus_model_advance_to (model, 200.0);
      snap = soleus_model_get_snapshot (model);
      g_test_message ("weakness %.1f: varicose dilation %.3f", sick ? 0.8 : 0,
                      snap->varicose_dilation);
      if (sick)
        g_assert_cmpfloat (fabs (snap->varicose_dilation - 1.6), <, 0.01);
      else
        g_assert_cmpfloat (fabs (snap->varicose_dilation), <, 1e-9);

      s = paint (scene, snap, CONTROL_W, CONTROL_H);
      g_assert_true (soleus_scene_get_part_bounds (scene, "vein-saphenous-calf", &r));
      width[sick] = r.width;
      cairo_surface_destroy (s);
      soleus_model_free (model);
    }
  g_test_message ("saphenous vein in the calf: %.0f px wide healthy, %.0f varicose", width[0],
                  width[1]);
  g_assert_cmpfloat (width[1], >, width[0] + 10);
}

/* The torso is composited from a sprite while the body is still: through
 * a second of standing, sitting or lying, with the heart beating and the
 * calf working, every frame equals the torso drawn directly as closely as
 * a reference must match (labels and cells off: drawn directly, the labels
 * follow the figure), a scene reusing its sprite paints exactly what a new
 * scene paints, and the torso's box is kept when the sprite is reused. */
static void
test_torso_layer (void)
{
  static const int postures[] = {
    SOLEUS_POSTURE_STANDING, SOLEUS_POSTURE_SITTING, SOLEUS_POSTURE_SUPINE,
  };

  for (guint p = 0; p < G_N_ELEMENTS (postures); p++)
    {
      g_autoptr(SoleusScene) cached = plain_scene (SOLEUS_PALETTE_PROJECTOR);
      g_autoptr(SoleusScene) direct = plain_scene (SOLEUS_PALETTE_PROJECTOR);

      soleus_scene_set_use_cache (direct, FALSE);
      soleus_scene_set_show_cells (cached, FALSE);
      soleus_scene_set_show_cells (direct, FALSE);
      for (int f = 0; f < 60; f += 7)
        {
          g_autoptr(SoleusScene) fresh = plain_scene (SOLEUS_PALETTE_PROJECTOR);
          g_autofree char *name = g_strdup_printf ("posture %d, frame %d", postures[p], f);
          SoleusSnapshot snap;
          cairo_surface_t *a, *b, *c;
          cairo_rectangle_t box_a, box_b;

          soleus_scene_set_show_cells (fresh, FALSE);
          render_test_snapshot_posture (&snap, postures[p]);
          snap.time_s = 10.0 + f / 60.0;
          snap.heart_phase = f / 50.0;
          snap.soleus_activation = 0.5 + 0.5 * sin (f / 9.0);
          a = paint (cached, &snap, REF_WIDTH, REF_HEIGHT);
          b = paint (direct, &snap, REF_WIDTH, REF_HEIGHT);
          c = paint (fresh, &snap, REF_WIDTH, REF_HEIGHT);
          g_assert_true (matches_reference (a, b, name));
          g_assert_cmpfloat (render_test_compare (a, c, 0, NULL), <=, 0.0);
          g_assert_true (soleus_scene_get_part_bounds (cached, "torso", &box_a));
          g_assert_true (soleus_scene_get_part_bounds (direct, "torso", &box_b));
          g_assert_cmpfloat_with_epsilon (box_a.x, box_b.x, 1e-9);
          g_assert_cmpfloat_with_epsilon (box_a.y, box_b.y, 1e-9);
          g_assert_cmpfloat_with_epsilon (box_a.height, box_b.height, 1e-9);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
          cairo_surface_destroy (c);
        }
    }
}

/* Walking, the torso's place is rounded to an eighth of a pixel and it is
 * composited from one of a few sprites: through a gait cycle every frame
 * equals the torso drawn directly (at its exact place) as closely as a
 * reference must match, and the second time round the cycle, with sprites
 * reused, the scene paints exactly what it painted the first time. */
static void
test_torso_walking (void)
{
  g_autoptr(SoleusScene) cached = plain_scene (SOLEUS_PALETTE_LIGHT);
  g_autoptr(SoleusScene) direct = plain_scene (SOLEUS_PALETTE_LIGHT);
  cairo_surface_t *first[12] = { NULL };

  soleus_scene_set_use_cache (direct, FALSE);
  soleus_scene_set_show_cells (cached, FALSE);
  soleus_scene_set_show_cells (direct, FALSE);
  for (int round = 0; round < 2; round++)
    for (int f = 0; f < 12; f++)
      {
        g_autofree char *name = g_strdup_printf ("walking, round %d, frame %d", round, f);
        SoleusSnapshot snap;
        cairo_surface_t *a, *b;

        render_test_snapshot_walking (&snap, f / 12.0, 10.0 + f / 12.0);
        a = paint (cached, &snap, REF_WIDTH, REF_HEIGHT);
        b = paint (direct, &snap, REF_WIDTH, REF_HEIGHT);
        g_assert_true (matches_reference (a, b, name));
        if (round == 0)
          first[f] = a;
        else
          {
            g_assert_cmpfloat (render_test_compare (a, first[f], 0, NULL), <=, 0.0);
            cairo_surface_destroy (a);
            cairo_surface_destroy (first[f]);
          }
        cairo_surface_destroy (b);
      }
}

/* The female figure differs where a patient looks, the outline of the
 * chest, hips, thigh and calf, and nowhere inside: every vein and valve is
 * where it is in the male figure, and the same labels are shown. */
static void
test_figure (void)
{
  static const int postures[] = {
    SOLEUS_POSTURE_STANDING, SOLEUS_POSTURE_SITTING, SOLEUS_POSTURE_SUPINE,
  };
  const char * const *names = soleus_scene_list_parts ();

  g_assert_cmpstr (soleus_figure_to_string (SOLEUS_FIGURE_FEMALE), ==, "female");
  g_assert_null (soleus_figure_to_string (SOLEUS_N_FIGURES));
  {
    SoleusFigure f = SOLEUS_FIGURE_FEMALE;

    g_assert_true (soleus_figure_from_string ("male", &f));
    g_assert_cmpint (f, ==, SOLEUS_FIGURE_MALE);
    g_assert_false (soleus_figure_from_string ("woman", &f));
    g_assert_false (soleus_figure_from_string (NULL, &f));
    g_assert_cmpint (f, ==, SOLEUS_FIGURE_MALE);
  }

  for (guint p = 0; p < G_N_ELEMENTS (postures); p++)
    {
      g_autoptr(SoleusScene) male = soleus_scene_new ();
      g_autoptr(SoleusScene) female = soleus_scene_new ();
      SoleusSnapshot snap;
      cairo_surface_t *a, *b;
      const char *regions[] = { "torso", "thigh", "calf" };

      g_assert_cmpint (soleus_scene_get_figure (male), ==, SOLEUS_FIGURE_MALE);
      soleus_scene_set_figure (female, SOLEUS_FIGURE_FEMALE);
      g_assert_cmpint (soleus_scene_get_figure (female), ==, SOLEUS_FIGURE_FEMALE);
      soleus_scene_set_show_cells (male, FALSE);
      soleus_scene_set_show_cells (female, FALSE);
      render_test_snapshot_posture (&snap, postures[p]);
      a = paint (male, &snap, REF_WIDTH, REF_HEIGHT);
      b = paint (female, &snap, REF_WIDTH, REF_HEIGHT);

      for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
        {
          cairo_rectangle_t box;
          guint differ;

          g_assert_true (soleus_scene_get_part_bounds (male, regions[r], &box));
          differ = render_test_count_diff_in (a, b, &box, 24);
          g_test_message ("posture %d, %s: %u pixels differ", postures[p], regions[r], differ);
          g_assert_cmpuint (differ, >, 150);
        }

      /* the anatomy inside is the same: each vein and valve has the same
       * box, measured in heart heights from the heart (the fit to the
       * picture may differ) */
      {
        cairo_rectangle_t hm, hf;

        g_assert_true (soleus_scene_get_part_bounds (male, "heart", &hm));
        g_assert_true (soleus_scene_get_part_bounds (female, "heart", &hf));
        for (int i = 0; names[i] != NULL; i++)
          {
            cairo_rectangle_t bm, bf;

            if (!g_str_has_prefix (names[i], "valve-") && !g_str_has_prefix (names[i], "vein-"))
              continue;
            g_assert_true (soleus_scene_get_part_bounds (male, names[i], &bm));
            g_assert_true (soleus_scene_get_part_bounds (female, names[i], &bf));
            g_assert_cmpfloat_with_epsilon ((bm.x - hm.x) / hm.height, (bf.x - hf.x) / hf.height, 1e-6);
            g_assert_cmpfloat_with_epsilon ((bm.y - hm.y) / hm.height, (bf.y - hf.y) / hf.height, 1e-6);
            g_assert_cmpfloat_with_epsilon (bm.width / hm.height, bf.width / hf.height, 1e-6);
            g_assert_cmpfloat_with_epsilon (bm.height / hm.height, bf.height / hf.height, 1e-6);
          }
      }
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* On an image target the cells are blended into its pixels: at a device
 * offset, clipped, or into a group, they land on the same pixels as on a
 * plain surface. */
static void
test_cells_on_offset_target (void)
{
  SoleusSnapshot snap;
  cairo_surface_t *plain, *bare, *big, *grouped;
  g_autoptr(SoleusScene) s1 = plain_scene (SOLEUS_PALETTE_LIGHT);
  g_autoptr(SoleusScene) s2 = plain_scene (SOLEUS_PALETTE_LIGHT);
  g_autoptr(SoleusScene) s3 = plain_scene (SOLEUS_PALETTE_LIGHT);
  g_autoptr(SoleusScene) s4 = plain_scene (SOLEUS_PALETTE_LIGHT);
  cairo_surface_t *view;
  cairo_t *cr;

  render_test_snapshot_walking (&snap, 0.3, 10.3);
  plain = paint (s1, &snap, 640, 400);
  soleus_scene_set_show_cells (s4, FALSE);
  bare = paint (s4, &snap, 640, 400);
  /* the comparison sees the cells */
  g_assert_cmpfloat (render_test_compare (plain, bare, 0, NULL), >, 0.0);

  big = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 460);
  cairo_surface_set_device_offset (big, 37, 23);
  cr = cairo_create (big);
  soleus_scene_paint (s2, cr, &snap, 640, 400);
  cairo_destroy (cr);
  cairo_surface_set_device_offset (big, 0, 0);
  view = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 400);
  cr = cairo_create (view);
  cairo_set_source_surface (cr, big, -37, -23);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpfloat (render_test_compare (plain, view, 0, NULL), <=, 0.0);

  grouped = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 400);
  cr = cairo_create (grouped);
  cairo_rectangle (cr, 13, 7, 600, 380);
  cairo_clip (cr);
  cairo_push_group (cr);
  soleus_scene_paint (s3, cr, &snap, 640, 400);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (grouped);
  /* the same inside the clip, nothing outside it */
  {
    cairo_surface_t *clipped = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 400);

    cr = cairo_create (clipped);
    cairo_rectangle (cr, 13, 7, 600, 380);
    cairo_clip (cr);
    cairo_set_source_surface (cr, plain, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    g_assert_cmpfloat (render_test_compare (clipped, grouped, 0, NULL), <=, 0.0);
    cairo_surface_destroy (clipped);
  }

  cairo_surface_destroy (plain);
  cairo_surface_destroy (bare);
  cairo_surface_destroy (big);
  cairo_surface_destroy (view);
  cairo_surface_destroy (grouped);
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
  g_test_add_func ("/render/scene/torso-layer", test_torso_layer);
  g_test_add_func ("/render/scene/torso-walking", test_torso_walking);
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
  for (guint i = 0; i < G_N_ELEMENTS (control_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/render/scene/control-shows/%s",
                                               control_cases[i].name);

      g_test_add_data_func (path, &control_cases[i], test_control_shows);
    }
  g_test_add_func ("/render/scene/atrophy-steps", test_atrophy_steps);
  g_test_add_func ("/render/scene/insets-follow-leaks", test_insets_follow_leaks);
  g_test_add_func ("/render/scene/palette-distinct", test_palette_distinct);
  g_test_add_func ("/render/scene/varicose-from-model", test_varicose_from_model);
  g_test_add_func ("/render/scene/figure", test_figure);
  g_test_add_func ("/render/scene/cells-on-offset-target", test_cells_on_offset_target);

  return g_test_run ();
}
