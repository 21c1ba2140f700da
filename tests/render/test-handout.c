/* test-handout.c: the printed patient handout and its plain words
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The legs come from the real model: a leg with weak valves and a healthy
 * leg, both walking. The tests that read the PDF back (one A4 page, not
 * blank, every glyph on the page, the footer and the advice in its text)
 * need poppler-glib (Debian: libpoppler-glib-dev) at build time; without it
 * they say SKIP. SOLEUS_HANDOUT_OUTPUT=DIR also writes the pages as PNG and
 * PDF into DIR, to look at.
 */

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib.h>
#include <glib/gstdio.h>

#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#include "soleus-handout.h"
#include "soleus-render-export.h"

typedef struct
{
  SoleusModel    *model;
  SoleusReadouts  readouts;
} Leg;

typedef struct
{
  Leg   weak;
  Leg   healthy;
  Leg   still;          /* a healthy leg after hours of standing still */
  char *tmpdir;
} Fixture;

/* Walks at 3 km/h from the start, to time_s. */
static void
leg_init (Leg    *leg,
          double  valve_weakness,
          double  speed_kmh,
          double  time_s)
{
  leg->model = soleus_model_new ();
  g_assert_nonnull (leg->model);
  g_assert_true (soleus_model_set_param (leg->model, SOLEUS_PARAM_POSTURE,
                                         SOLEUS_POSTURE_STANDING));
  g_assert_true (soleus_model_set_param (leg->model, SOLEUS_PARAM_SPEED_KMH, speed_kmh));
  g_assert_true (soleus_model_set_param (leg->model, SOLEUS_PARAM_VALVE_WEAKNESS,
                                         valve_weakness));
  soleus_model_advance_to (leg->model, time_s);
  soleus_model_get_readouts (leg->model, &leg->readouts);
}

/* Still in a posture from the start, to time_s. */
static void
leg_init_still (Leg           *leg,
                SoleusPosture  posture,
                double         time_s)
{
  leg->model = soleus_model_new ();
  g_assert_nonnull (leg->model);
  g_assert_true (soleus_model_set_param (leg->model, SOLEUS_PARAM_POSTURE, posture));
  soleus_model_advance_to (leg->model, time_s);
  soleus_model_get_readouts (leg->model, &leg->readouts);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  leg_init (&f->weak, 0.8, 3.0, 60.0);
  leg_init (&f->healthy, 0.0, 3.0, 60.0);
  leg_init (&f->still, 0.0, 0.0, 3600.0);
  f->tmpdir = g_dir_make_tmp ("soleus-handout-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->tmpdir);
  g_free (f->tmpdir);
  soleus_model_free (f->weak.model);
  soleus_model_free (f->healthy.model);
  soleus_model_free (f->still.model);
}

static SoleusHandoutContent
content_for (const Leg  *leg,
             const Leg  *healthy,
             const char *title)
{
  SoleusHandoutContent c = {
    .leg = soleus_model_get_snapshot (leg->model),
    .leg_readouts = &leg->readouts,
    .healthy = soleus_model_get_snapshot (healthy->model),
    .healthy_readouts = &healthy->readouts,
    .title = title,
    .date_text = "27 November 2026",
  };
  return c;
}

static cairo_surface_t *
paint_png (const SoleusHandoutContent *content,
           int                         width,
           int                         height)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (s);

  cairo_scale (cr, width / SOLEUS_HANDOUT_A4_WIDTH, height / SOLEUS_HANDOUT_A4_HEIGHT);
  soleus_handout_paint (cr, content, SOLEUS_HANDOUT_A4_WIDTH, SOLEUS_HANDOUT_A4_HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* Writes the page for a person to look at, when asked to. */
static void
maybe_save (const SoleusHandoutContent *content,
            const char                 *name)
{
  const char *dir = g_getenv ("SOLEUS_HANDOUT_OUTPUT");
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  cairo_surface_t *s;

  if (dir == NULL)
    return;
  png = g_strdup_printf ("%s/%s.png", dir, name);
  pdf = g_strdup_printf ("%s/%s.pdf", dir, name);
  s = paint_png (content, 1240, 1754);   /* 150 dpi */
  g_assert_cmpint (cairo_surface_write_to_png (s, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  g_assert_true (soleus_handout_write_pdf (content, pdf, NULL));
  g_test_message ("wrote %s and %s", png, pdf);
}

/* Fraction of pixels that are not white. */
static double
ink_fraction (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guchar *data = cairo_image_surface_get_data (s);
  guint64 ink = 0;

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < w; x++)
        if ((row[x] & 0xffffff) < 0xf0f0f0)
          ink++;
    }
  return (double) ink / ((double) w * h);
}

#ifdef HAVE_POPPLER
/* Whitespace runs collapsed to one space, as PDF text extraction breaks
 * lines where the layout wrapped them. */
static char *
squash (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}
#endif

static void
test_plain_language (Fixture       *f,
                     gconstpointer  data)
{
  const SoleusSnapshot *weak = soleus_model_get_snapshot (f->weak.model);
  const SoleusSnapshot *healthy = soleus_model_get_snapshot (f->healthy.model);
  const SoleusSnapshot *still = soleus_model_get_snapshot (f->still.model);
  g_autofree char *weak_feel = soleus_plain_feelings (weak, &f->weak.readouts);
  g_autofree char *healthy_feel = soleus_plain_feelings (healthy, &f->healthy.readouts);
  g_autofree char *still_feel = soleus_plain_feelings (still, &f->still.readouts);
  g_auto(GStrv) weak_advice = soleus_plain_advice (weak, &f->weak.readouts);
  g_auto(GStrv) healthy_advice = soleus_plain_advice (healthy, &f->healthy.readouts);
  g_auto(GStrv) still_advice = soleus_plain_advice (still, &f->still.readouts);
  g_autofree char *weak_joined = g_strjoinv ("\n", weak_advice);
  g_autofree char *healthy_joined = g_strjoinv ("\n", healthy_advice);

  g_test_message ("weak valves: %s", weak_feel);
  g_test_message ("healthy: %s", healthy_feel);
  g_test_message ("standing 1 h: %s", still_feel);

  /* Feelings only when the values call for them. */
  g_assert_cmpstr (weak_feel, !=, healthy_feel);
  g_assert_null (strchr (healthy_feel, '\n'));
  g_assert_nonnull (strstr (healthy_feel, "feels normal"));
  g_assert_nonnull (strstr (weak_feel, "Heavy"));
  g_assert_nonnull (strstr (weak_feel, "swell"));
  g_assert_nonnull (strstr (still_feel, "swell"));

  /* Advice: the basics for everyone, more for a leg that needs it. */
  g_assert_cmpstr (weak_joined, !=, healthy_joined);
  g_assert_cmpuint (g_strv_length (weak_advice), >, g_strv_length (healthy_advice));
  g_assert_cmpuint (g_strv_length (healthy_advice), >=, 2);
  g_assert_nonnull (strstr (healthy_advice[0], "Walk"));
  g_assert_nonnull (strstr (weak_joined, "only if a clinician prescribes"));
  g_assert_nonnull (strstr (weak_joined, "raise your legs"));
  g_assert_null (strstr (healthy_joined, "Compression"));
  g_assert_cmpuint (g_strv_length (still_advice), >, g_strv_length (healthy_advice));
  {
    g_autofree char *still_joined = g_strjoinv ("\n", still_advice);

    g_assert_nonnull (strstr (still_joined, "raise your legs"));
    g_assert_null (strstr (still_joined, "Compression"));
  }

  /* Without readouts, the snapshot alone still gives an answer. */
  {
    g_autofree char *bare = soleus_plain_feelings (weak, NULL);
    g_auto(GStrv) bare_advice = soleus_plain_advice (weak, NULL);

    g_assert_nonnull (bare);
    g_assert_cmpuint (g_strv_length (bare_advice), >=, 2);
  }
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  SoleusHandoutContent c = content_for (&f->weak, &f->healthy, NULL);
  cairo_surface_t *a = paint_png (&c, 595, 842);
  cairo_surface_t *b = paint_png (&c, 595, 842);
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpmem (cairo_image_surface_get_data (a), stride * 842,
                   cairo_image_surface_get_data (b), stride * 842);
  /* Not blank, and not a mess: white paper with drawing and text. */
  g_assert_cmpfloat (ink_fraction (a), >, 0.05);
  g_assert_cmpfloat (ink_fraction (a), <, 0.6);

  maybe_save (&c, "handout-weak-valves");
  {
    SoleusHandoutContent h = content_for (&f->healthy, &f->healthy, NULL);
    SoleusHandoutContent s = content_for (&f->still, &f->still, NULL);

    maybe_save (&h, "handout-healthy");
    maybe_save (&s, "handout-standing");
  }

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* No readouts, no date, no title: still a page, with dashes for numbers. */
static void
test_minimal_content (Fixture       *f,
                      gconstpointer  data)
{
  SoleusHandoutContent c = {
    .leg = soleus_model_get_snapshot (f->weak.model),
    .healthy = soleus_model_get_snapshot (f->healthy.model),
  };
  cairo_surface_t *s = paint_png (&c, 595, 842);

  g_assert_cmpfloat (ink_fraction (s), >, 0.05);
  cairo_surface_destroy (s);
}

static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  SoleusHandoutContent c = content_for (&f->weak, &f->healthy, NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "no-such-dir", "handout.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (soleus_handout_write_pdf (&c, path, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

#ifdef HAVE_POPPLER
static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

/* Every glyph lies on the page, inside a few points of margin. */
static void
assert_text_on_page (PopplerPage *page,
                     double       width,
                     double       height)
{
  PopplerRectangle *boxes = NULL;
  guint n = 0;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n));
  g_assert_cmpuint (n, >, 200);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (boxes[i].x1, >=, 10.0);
      g_assert_cmpfloat (boxes[i].y1, >=, 10.0);
      g_assert_cmpfloat (boxes[i].x2, <=, width - 10.0);
      g_assert_cmpfloat (boxes[i].y2, <=, height - 10.0);
    }
  g_free (boxes);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  SoleusHandoutContent c = content_for (&f->weak, &f->healthy, NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "handout.pdf", NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = NULL;
  PopplerPage *page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_auto(GStrv) advice = NULL;
  cairo_surface_t *s;
  cairo_t *cr;
  double w, h;

  /* Over an older file: replaced whole. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (soleus_handout_write_pdf (&c, path, &error));
  g_assert_no_error (error);

  doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, SOLEUS_HANDOUT_A4_WIDTH, 0.5);
  g_assert_cmpfloat_with_epsilon (h, SOLEUS_HANDOUT_A4_HEIGHT, 0.5);

  /* Renders, and not blank. */
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cr = cairo_create (s);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  g_assert_cmpfloat (ink_fraction (s), >, 0.05);
  cairo_surface_destroy (s);

  /* The text is all there, and all on the page. */
  text = poppler_page_get_text (page);
  flat = squash (text);
  g_assert_nonnull (strstr (flat, "Your leg and a healthy leg"));
  g_assert_nonnull (strstr (flat, "Soleus is an educational model, not a diagnostic tool. "
                                  "Ask your clinician about your own legs."));
  g_assert_nonnull (strstr (flat, "illustrative"));
  g_assert_nonnull (strstr (flat, "What you may feel"));
  g_assert_nonnull (strstr (flat, "What helps"));
  g_assert_nonnull (strstr (flat, "27 November 2026"));
  advice = soleus_plain_advice (c.leg, c.leg_readouts);
  for (guint i = 0; advice[i] != NULL; i++)
    {
      g_autofree char *line = squash (advice[i]);

      g_assert_nonnull (strstr (flat, line));
    }
  assert_text_on_page (page, w, h);
  g_object_unref (page);
  g_object_unref (doc);
}

/* A long title on a small page (A5) still fits: the fonts shrink. */
static void
test_small_page (Fixture       *f,
                 gconstpointer  data)
{
  SoleusHandoutContent c = content_for (&f->weak, &f->healthy,
                                        "Your leg and a healthy leg, compared after a "
                                        "minute of walking on the treadmill in the clinic");
  g_autofree char *path = g_build_filename (f->tmpdir, "a5.pdf", NULL);
  PopplerDocument *doc = NULL;
  PopplerPage *page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 420, 595);
  cairo_t *cr = cairo_create (surface);

  soleus_handout_paint (cr, &c, 420, 595);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (g_getenv ("SOLEUS_HANDOUT_OUTPUT") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("SOLEUS_HANDOUT_OUTPUT"),
                                               "handout-a5.png", NULL);
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 840, 1190);

      cr = cairo_create (s);
      cairo_scale (cr, 2.0, 2.0);
      soleus_handout_paint (cr, &c, 420, 595);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (s, png), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (s);
    }

  doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  flat = squash (text);
  g_assert_nonnull (strstr (flat, "minute of walking on the treadmill in the clinic"));
  g_assert_nonnull (strstr (flat, "Ask your clinician about your own legs."));
  assert_text_on_page (page, 420, 595);
  g_object_unref (page);
  g_object_unref (doc);
}
#endif

#ifdef HAVE_POPPLER
/* The two values of the handout's readout row titled title, without
 * spaces ("BriskBrisk"): the text between the end of its meaning and the
 * next heading. Returns a static buffer. */
static const char *
row_values (const char *flat,
            const char *title)
{
  static char values[64];
  const char *row = strstr (flat, title);
  const char *start, *end;
  gsize n = 0;

  g_assert_nonnull (row);
  start = strstr (row, "not a prediction.");
  g_assert_nonnull (start);
  start += strlen ("not a prediction.");
  end = strstr (start, "What you may feel");
  g_assert_nonnull (end);
  for (const char *p = start; p < end && n + 1 < sizeof values; p++)
    if (!g_ascii_isspace (*p))
      values[n++] = *p;
  values[n] = '\0';
  return values;
}
#endif

static const char emergency_advice[] =
  "Call emergency services at once for sudden breathlessness or chest pain.";
static const char same_day_advice[] = "See a doctor the same day";

/* A healthy leg lying down for ten minutes, and one seated still for four
 * hours. */
static void
legs_lying_and_seated (Leg *lying,
                       Leg *seated)
{
  leg_init_still (lying, SOLEUS_POSTURE_SUPINE, 600.0);
  leg_init_still (seated, SOLEUS_POSTURE_SITTING, 4.0 * 3600.0);
}

/* Blood flow in words, not a number (src/core/MODEL.md, M11): a healthy
 * leg lying down or walking is brisk, and its advice names no clot; after
 * four hours seated still it is pooling, and the advice adds the warning
 * signs: a painful, swollen calf the same day, sudden breathlessness or
 * chest pain at once. */
static void
test_blood_flow_words (Fixture       *f,
                       gconstpointer  data)
{
  Leg lying = { 0 };
  Leg seated = { 0 };
  g_auto(GStrv) lying_advice = NULL;
  g_auto(GStrv) walking_advice = NULL;
  g_auto(GStrv) seated_advice = NULL;
  g_autofree char *lying_joined = NULL;
  g_autofree char *walking_joined = NULL;
  g_autofree char *seated_joined = NULL;

  legs_lying_and_seated (&lying, &seated);
  g_test_message ("blood flow: lying %s (%.2f h), walking %s, seated 4 h %s (%.2f h)",
                  soleus_blood_flow_name (lying.readouts.blood_flow),
                  lying.readouts.slow_flow_h,
                  soleus_blood_flow_name (f->healthy.readouts.blood_flow),
                  soleus_blood_flow_name (seated.readouts.blood_flow),
                  seated.readouts.slow_flow_h);

  g_assert_cmpint (lying.readouts.blood_flow, ==, SOLEUS_BLOOD_FLOW_BRISK);
  g_assert_cmpint (f->healthy.readouts.blood_flow, ==, SOLEUS_BLOOD_FLOW_BRISK);
  g_assert_cmpint (seated.readouts.blood_flow, ==, SOLEUS_BLOOD_FLOW_POOLING);
  g_assert_cmpstr (soleus_blood_flow_word (SOLEUS_BLOOD_FLOW_BRISK), ==, "Brisk");
  g_assert_cmpstr (soleus_blood_flow_word (SOLEUS_BLOOD_FLOW_SLOWING), ==, "Slowing");
  g_assert_cmpstr (soleus_blood_flow_word (SOLEUS_BLOOD_FLOW_POOLING), ==, "Pooling");
  /* A brisk leg's words frighten no one. */
  g_assert_null (strstr (soleus_blood_flow_meaning (SOLEUS_BLOOD_FLOW_BRISK), "clot"));
  g_assert_null (strstr (soleus_blood_flow_meaning (SOLEUS_BLOOD_FLOW_BRISK), "risk"));
  g_assert_nonnull (strstr (soleus_blood_flow_meaning (SOLEUS_BLOOD_FLOW_POOLING), "hours"));

  lying_advice = soleus_plain_advice (soleus_model_get_snapshot (lying.model), &lying.readouts);
  walking_advice = soleus_plain_advice (soleus_model_get_snapshot (f->healthy.model),
                                        &f->healthy.readouts);
  seated_advice = soleus_plain_advice (soleus_model_get_snapshot (seated.model),
                                       &seated.readouts);
  lying_joined = g_strjoinv ("\n", lying_advice);
  walking_joined = g_strjoinv ("\n", walking_advice);
  seated_joined = g_strjoinv ("\n", seated_advice);
  g_test_message ("seated 4 h advice:\n%s", seated_joined);

  g_assert_null (strstr (lying_joined, same_day_advice));
  g_assert_null (strstr (lying_joined, "emergency"));
  g_assert_null (strstr (walking_joined, same_day_advice));
  g_assert_null (strstr (walking_joined, "emergency"));
  g_assert_nonnull (strstr (seated_joined, same_day_advice));
  g_assert_nonnull (strstr (seated_joined, emergency_advice));
  g_assert_nonnull (strstr (seated_joined, "get up and walk"));
  /* The emergency line follows the same-day line. */
  g_assert_true (strstr (seated_joined, emergency_advice) >
                 strstr (seated_joined, same_day_advice));

  soleus_model_free (lying.model);
  soleus_model_free (seated.model);
}

#ifdef HAVE_POPPLER
/* The same legs on paper: the row, the words and the advice; no number, no
 * "risk". */
static void
test_blood_flow_on_paper (Fixture       *f,
                          gconstpointer  data)
{
  Leg lying = { 0 };
  Leg seated = { 0 };
  SoleusHandoutContent lying_page;
  SoleusHandoutContent seated_page;
  g_autofree char *lying_path = g_build_filename (f->tmpdir, "lying.pdf", NULL);
  g_autofree char *seated_path = g_build_filename (f->tmpdir, "seated.pdf", NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autofree char *lying_flat = NULL;
  g_autofree char *seated_flat = NULL;
  g_autofree char *emergency_flat = squash (emergency_advice);

  legs_lying_and_seated (&lying, &seated);
  lying_page = content_for (&lying, &lying, NULL);
  seated_page = content_for (&seated, &seated, NULL);

  g_assert_true (soleus_handout_write_pdf (&lying_page, lying_path, &error));
  g_assert_no_error (error);
  g_assert_true (soleus_handout_write_pdf (&seated_page, seated_path, &error));
  g_assert_no_error (error);
  maybe_save (&seated_page, "handout-seated-4h");

  doc = open_pdf (lying_path);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  lying_flat = squash (text);
  g_clear_pointer (&text, g_free);
  g_object_unref (page);
  g_object_unref (doc);

  doc = open_pdf (seated_path);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  seated_flat = squash (text);
  assert_text_on_page (page, SOLEUS_HANDOUT_A4_WIDTH, SOLEUS_HANDOUT_A4_HEIGHT);
  g_object_unref (page);
  g_object_unref (doc);

  g_assert_cmpstr (row_values (lying_flat, "Blood flow in the calf"), ==, "BriskBrisk");
  g_assert_null (strstr (lying_flat, " risk"));
  g_assert_null (strstr (lying_flat, "Risk"));
  g_assert_null (strstr (lying_flat, "Clot"));
  g_assert_null (strstr (lying_flat, "Moderate"));
  g_assert_null (strstr (lying_flat, "emergency"));
  g_assert_cmpstr (row_values (seated_flat, "Blood flow in the calf"), ==, "PoolingPooling");
  g_assert_nonnull (strstr (seated_flat, emergency_flat));

  soleus_model_free (lying.model);
  soleus_model_free (seated.model);
}

/* A bullet's disc stands alone: no segment joins it to the text before it
 * (the current point the text leaves behind). Cairo's own rasterizer
 * hides such a zero-width sliver, but printers and other PDF renderers
 * draw it as a hairline, so the page's paths are read back as SVG: each
 * disc (a path filled in the bullets' grey, made of curves) must start
 * with its curves, not with a line. */
static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_no_stray_lines (Fixture       *f,
                     gconstpointer  data)
{
  SoleusHandoutContent c = content_for (&f->weak, &f->healthy, NULL);
  g_autoptr(GString) svg = g_string_new (NULL);
  g_auto(GStrv) feelings = NULL;
  g_auto(GStrv) advice = soleus_plain_advice (c.leg, c.leg_readouts);
  g_autofree char *feeling_text = soleus_plain_feelings (c.leg, c.leg_readouts);
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *p;
  guint discs = 0;

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg,
                                                 SOLEUS_HANDOUT_A4_WIDTH,
                                                 SOLEUS_HANDOUT_A4_HEIGHT);
  cr = cairo_create (surface);
  soleus_handout_paint (cr, &c, SOLEUS_HANDOUT_A4_WIDTH, SOLEUS_HANDOUT_A4_HEIGHT);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  for (p = strstr (svg->str, "<path "); p != NULL; p = strstr (p + 1, "<path "))
    {
      const char *close = strchr (p, '>');
      g_autofree char *element = g_strndup (p, close - p);
      const char *d = strstr (element, " d=\"");
      const char *first_curve;

      if (strstr (element, "fill:rgb(25%,25%,25%)") == NULL || d == NULL)
        continue;
      first_curve = strstr (d, " C ");
      if (first_curve == NULL)
        continue;
      discs++;
      if (g_strstr_len (d, first_curve - d, " L ") != NULL)
        g_error ("a bullet's disc is joined to the text by a line: %s", element);
    }

  feelings = g_strsplit (feeling_text, "\n", -1);
  g_assert_cmpuint (discs, ==, g_strv_length (feelings) + g_strv_length (advice));
}

/* The units chosen in the preferences, and the box for the clinician. */
static void
test_units_and_notes (Fixture       *f,
                      gconstpointer  data)
{
  SoleusHandoutContent c = content_for (&f->weak, &f->healthy, NULL);
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 12, 3, 12, 0, 0);
  g_autofree char *path = g_build_filename (f->tmpdir, "units.pdf", NULL);
  g_autofree char *metric_path = g_build_filename (f->tmpdir, "metric.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kpa = NULL;
  g_autofree char *mmhg = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *metric_text = NULL;
  g_autofree char *metric_flat = NULL;
  double pressure = soleus_patient_ankle_pressure (c.leg, c.leg_readouts);

  c.date_text = NULL;
  c.date = date;
  g_assert_true (soleus_handout_write_pdf (&c, metric_path, &error));
  g_assert_no_error (error);
  c.pressure_unit = SOLEUS_HANDOUT_KPA;
  c.weight_unit = SOLEUS_HANDOUT_LB;
  g_assert_true (soleus_handout_write_pdf (&c, path, &error));
  g_assert_no_error (error);
  maybe_save (&c, "handout-kpa-lb");

  doc = open_pdf (metric_path);
  page = poppler_document_get_page (doc, 0);
  metric_text = poppler_page_get_text (page);
  metric_flat = squash (metric_text);
  g_object_unref (page);
  g_object_unref (doc);
  mmhg = g_strdup_printf ("%.0f mmHg", pressure);
  g_assert_nonnull (strstr (metric_flat, mmhg));
  g_assert_nonnull (strstr (metric_flat, "Body weight 75 kg, height 175 cm."));
  g_assert_null (strstr (metric_flat, "kPa"));

  doc = open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  flat = squash (text);
  kpa = g_strdup_printf ("%.1f kPa", pressure / 7.50062);
  g_assert_nonnull (strstr (flat, kpa));
  g_assert_null (strstr (flat, "mmHg"));
  g_assert_nonnull (strstr (flat, "Body weight 165 lb, height 175 cm."));
  g_assert_nonnull (strstr (flat, "3 December 2026"));
  g_assert_nonnull (strstr (flat, "Notes from your clinician"));
  /* The notes come after the advice, above the footer. */
  g_assert_true (strstr (flat, "Notes from your clinician") > strstr (flat, "What helps"));
  g_assert_true (strstr (flat, "Notes from your clinician") < strstr (flat, "educational model"));
  g_object_unref (page);
  g_object_unref (doc);
}
#else
/* The tests that read the PDF back, in a build without poppler-glib. */
static void
test_needs_poppler (Fixture       *f,
                    gconstpointer  data)
{
  g_test_skip ("poppler-glib was not found when this test was built (Debian: "
               "libpoppler-glib-dev), so the PDF cannot be read back");
}
# define test_pdf test_needs_poppler
# define test_small_page test_needs_poppler
# define test_blood_flow_on_paper test_needs_poppler
# define test_no_stray_lines test_needs_poppler
# define test_units_and_notes test_needs_poppler
#endif

/* The date is written out: day, month's name, year; never "12/03/26". */
static void
test_long_date (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 12, 3, 12, 0, 0);
  g_autoptr(GDateTime) may = g_date_time_new_local (2027, 5, 21, 9, 30, 0);
  g_autofree char *text = soleus_handout_format_date (date);
  g_autofree char *text_may = soleus_handout_format_date (may);

  g_assert_cmpstr (text, ==, "3 December 2026");
  g_assert_cmpstr (text_may, ==, "21 May 2027");
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/handout/plain-language", Fixture, NULL,
              fixture_set_up, test_plain_language, fixture_tear_down);
  g_test_add ("/handout/blood-flow-words", Fixture, NULL,
              fixture_set_up, test_blood_flow_words, fixture_tear_down);
  g_test_add ("/handout/deterministic", Fixture, NULL,
              fixture_set_up, test_deterministic, fixture_tear_down);
  g_test_add ("/handout/minimal-content", Fixture, NULL,
              fixture_set_up, test_minimal_content, fixture_tear_down);
  g_test_add ("/handout/write-error", Fixture, NULL,
              fixture_set_up, test_write_error, fixture_tear_down);
  g_test_add ("/handout/pdf", Fixture, NULL,
              fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/handout/small-page", Fixture, NULL,
              fixture_set_up, test_small_page, fixture_tear_down);
  g_test_add ("/handout/blood-flow-on-paper", Fixture, NULL,
              fixture_set_up, test_blood_flow_on_paper, fixture_tear_down);
  g_test_add ("/handout/long-date", Fixture, NULL,
              fixture_set_up, test_long_date, fixture_tear_down);
  g_test_add ("/handout/no-stray-lines", Fixture, NULL,
              fixture_set_up, test_no_stray_lines, fixture_tear_down);
  g_test_add ("/handout/units-and-notes", Fixture, NULL,
              fixture_set_up, test_units_and_notes, fixture_tear_down);

  return g_test_run ();
}
