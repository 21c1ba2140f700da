/* test-export.c: PNG, SVG and PDF exports re-read as non-blank images
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The SVG is parsed as XML with GMarkup and the PDF checked for its
 * structure. The tests that render them back to pixels need librsvg
 * (Debian: librsvg2-dev) and poppler-glib (libpoppler-glib-dev) at build
 * time; without them they say SKIP.
 */

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#ifdef HAVE_RSVG
#include <librsvg/rsvg.h>
#endif
#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#include "render-test-util.h"
#include "soleus-render-export.h"

static char *tmpdir;

/* memmem: PDF streams hold NUL bytes, which stop the g_str* functions */
static gboolean
has_bytes (const char *data,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Distinct colours in a sample of the image: a blank image has one. */
static guint
count_colours (cairo_surface_t *s)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  for (int y = 0; y < h; y += 3)
    for (int x = 0; x < w; x += 3)
      {
        guint32 p = ((guint32 *) (cairo_image_surface_get_data (s) + y * stride))[x];

        g_hash_table_add (seen, GUINT_TO_POINTER (p & 0xf8f8f8));
      }
  return g_hash_table_size (seen);
}

static void
test_png (void)
{
  g_autofree char *path = tmp_path ("frame.png");
  g_autoptr(GError) error = NULL;
  SoleusSnapshot snap;
  cairo_surface_t *s;

  render_test_snapshot_walking (&snap, 0.5, 3.0);
  g_assert_true (soleus_render_export_file (NULL, &snap, path, 800, 600,
                                            SOLEUS_PALETTE_LIGHT, &error));
  g_assert_no_error (error);

  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 600);
  g_assert_cmpuint (count_colours (s), >, 50);
  cairo_surface_destroy (s);
}

typedef struct
{
  guint n_elements;
  guint n_paths;
  gboolean svg_root;
  char *width;
} SvgStats;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgStats *st = user_data;

  st->n_elements++;
  if (g_str_equal (element, "path"))
    st->n_paths++;
  if (g_str_equal (element, "svg"))
    {
      st->svg_root = TRUE;
      for (int i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          st->width = g_strdup (values[i]);
    }
}

static void
test_svg (void)
{
  g_autofree char *path = tmp_path ("frame.svg");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  SoleusSnapshot snap;

  render_test_snapshot_reflux (&snap, 0.85, 3.0);
  g_assert_true (soleus_render_export_file (NULL, &snap, path, 1000, 625,
                                            SOLEUS_PALETTE_DARK, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  g_assert_no_error (error);

  {
    GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
    SvgStats st = { 0 };
    GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, &st, NULL);

    g_assert_true (g_markup_parse_context_parse (ctx, text, len, &error));
    g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
    g_assert_no_error (error);
    g_markup_parse_context_free (ctx);
    g_assert_true (st.svg_root);
    g_assert_nonnull (st.width);
    g_assert_true (g_str_has_prefix (st.width, "1000"));
    g_assert_cmpuint (st.n_paths, >, 60);
    g_free (st.width);
  }
}

/* The SVG rendered back to pixels is a picture, not a blank page. */
static void
test_svg_pixels (void)
{
#ifdef HAVE_RSVG
  g_autofree char *path = tmp_path ("frame-pixels.svg");
  g_autoptr(GError) error = NULL;
  SoleusSnapshot snap;
  RsvgHandle *handle;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 312);
  cairo_t *cr = cairo_create (s);
  RsvgRectangle viewport = { 0, 0, 500, 312 };

  render_test_snapshot_reflux (&snap, 0.85, 3.0);
  g_assert_true (soleus_render_export_file (NULL, &snap, path, 1000, 625,
                                            SOLEUS_PALETTE_DARK, &error));
  g_assert_no_error (error);
  handle = rsvg_handle_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  g_assert_cmpuint (count_colours (s), >, 50);
  cairo_surface_destroy (s);
  g_object_unref (handle);
#else
  g_test_skip ("librsvg was not found when this test was built (Debian: librsvg2-dev), "
               "so the SVG cannot be rendered back");
#endif
}

static void
test_pdf (void)
{
  g_autofree char *path = tmp_path ("frame.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  SoleusSnapshot snap;

  render_test_snapshot_standing (&snap, 3.0);
  g_assert_true (soleus_render_export_file (NULL, &snap, path, 1200, 750,
                                            SOLEUS_PALETTE_PROJECTOR, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);

  /* structure: header, one page of the right size, a content stream, EOF */
  g_assert_cmpuint (len, >, 4000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_true (has_bytes (data + len - 64, 64, "%%EOF"));
  g_assert_true (has_bytes (data, len, "/Type /Page"));
  g_assert_true (has_bytes (data, len, "/MediaBox [ 0 0 1200 750 ]"));
  g_assert_true (has_bytes (data, len, "endstream"));
}

/* The PDF rendered back to pixels: one page, a picture, not blank. */
static void
test_pdf_pixels (void)
{
#ifdef HAVE_POPPLER
  g_autofree char *path = tmp_path ("frame-pixels.pdf");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  SoleusSnapshot snap;
  PopplerDocument *doc;
  PopplerPage *page;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 375);
  cairo_t *cr = cairo_create (s);

  render_test_snapshot_standing (&snap, 3.0);
  g_assert_true (soleus_render_export_file (NULL, &snap, path, 1200, 750,
                                            SOLEUS_PALETTE_PROJECTOR, &error));
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  cairo_scale (cr, 0.5, 0.5);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_assert_cmpuint (count_colours (s), >, 50);
  cairo_surface_destroy (s);
  g_object_unref (page);
  g_object_unref (doc);
#else
  g_test_skip ("poppler-glib was not found when this test was built (Debian: "
               "libpoppler-glib-dev), so the PDF cannot be rendered back");
#endif
}

static void
test_errors (void)
{
  g_autofree char *bad_ext = tmp_path ("frame.bmp");
  g_autofree char *ok_path = tmp_path ("frame2.png");
  g_autoptr(GError) error = NULL;
  SoleusSnapshot snap;

  render_test_snapshot_standing (&snap, 1.0);

  g_assert_false (soleus_render_export_file (NULL, &snap, bad_ext, 800, 600,
                                             SOLEUS_PALETTE_LIGHT, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (soleus_render_export_file (NULL, &snap, ok_path, 8, 600,
                                             SOLEUS_PALETTE_LIGHT, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SIZE);
  g_clear_error (&error);

  g_assert_false (soleus_render_export_file (NULL, &snap, "/nonexistent-dir/x.png", 100, 100,
                                             SOLEUS_PALETTE_LIGHT, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (soleus_render_scenario_to_file ("no-such-scenario", 1.0, NULL, ok_path,
                                                  100, 100, SOLEUS_PALETTE_LIGHT, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_SCENARIO);
  g_clear_error (&error);
}

static void
test_scenario (void)
{
  g_autofree char *path = tmp_path ("scenario.png");
  g_autoptr(GError) error = NULL;
  double controls[SOLEUS_N_PARAMS];
  cairo_surface_t *s;

  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    controls[i] = NAN;
  controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 0.8;

  g_assert_true (soleus_render_scenario_to_file ("healthy-walk", 130.0, controls, path,
                                                 640, 400, SOLEUS_PALETTE_COLORBLIND, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (count_colours (s), >, 50);
  cairo_surface_destroy (s);

  controls[SOLEUS_PARAM_VALVE_WEAKNESS] = 7.0;
  g_assert_false (soleus_render_scenario_to_file ("healthy-walk", 1.0, controls, path,
                                                  640, 400, SOLEUS_PALETTE_LIGHT, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_CONTROL);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("soleus-render-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/render/export/png", test_png);
  g_test_add_func ("/render/export/svg", test_svg);
  g_test_add_func ("/render/export/svg-pixels", test_svg_pixels);
  g_test_add_func ("/render/export/pdf", test_pdf);
  g_test_add_func ("/render/export/pdf-pixels", test_pdf_pixels);
  g_test_add_func ("/render/export/errors", test_errors);
  g_test_add_func ("/render/export/scenario", test_scenario);

  ret = g_test_run ();

  {
    const char *names[] = { "frame.png", "frame.svg", "frame-pixels.svg", "frame.pdf",
                            "frame-pixels.pdf", "frame2.png", "scenario.png" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *p = tmp_path (names[i]);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
