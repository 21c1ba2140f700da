/* test-cell-layer.c: the GL cell layer over a white canvas, with and without GL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run on a display (build-aux/display-session). With "-m perf" it also
 * prints what drawing 5000 cells over a full-HD layer costs.
 * SOLEUS_TEST_OUTPUT=DIR saves the captured images there;
 * SOLEUS_TEST_HOLD_MS=N keeps each window up N ms before closing it.
 */

#include "config.h"

#include <time.h>

#include <epoxy/gl.h>
#include <gtk/gtk.h>

#include "soleus-cell-layer.h"

/* A grid of cells centred on pixel centres, 1 px apart at their closest, so
 * each pixel sampled below has one expected colour. */
#define GRID_COLUMNS  75
#define GRID_ROWS     40
#define GRID_ORIGIN   20.5f
#define GRID_DX       12.f
#define GRID_DY       12.f
#define CELL_RADIUS   5.4f
/* Small enough for a 1920x1080 screen at GDK_SCALE=2. */
#define CANVAS_WIDTH  940
#define CANVAS_HEIGHT 500

static const GdkRGBA forward_color = { 0.85f, 0.05f, 0.05f, 1.f };
static const GdkRGBA backward_color = { 0.05f, 0.20f, 0.90f, 1.f };
static const GdkRGBA outline_color = { 0.30f, 0.00f, 0.00f, 1.f };

typedef struct
{
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *canvas;
  GtkWidget *layer;
} Scene;

typedef struct
{
  guchar *data;
  int     width;
  int     height;
  gsize   stride;
  double  scale;   /* image pixels per logical pixel */
} Image;

static void
ensure_gtk (void)
{
  if (!gtk_is_initialized ())
    gtk_init ();
}

static void
draw_white (GtkDrawingArea *area G_GNUC_UNUSED,
            cairo_t        *cr,
            int             width G_GNUC_UNUSED,
            int             height G_GNUC_UNUSED,
            gpointer        data G_GNUC_UNUSED)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

static void
scene_init (Scene *scene,
            int    width,
            int    height)
{
  GtkWidget *canvas;

  scene->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (scene->window), "Cell layer");
  gtk_window_set_default_size (GTK_WINDOW (scene->window), width, height);

  canvas = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (canvas), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (canvas), height);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (canvas), draw_white, NULL, NULL);

  scene->layer = soleus_cell_layer_new ();
  soleus_cell_layer_set_colors (SOLEUS_CELL_LAYER (scene->layer),
                                &forward_color, &backward_color, &outline_color);

  scene->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (scene->overlay), canvas);
  gtk_overlay_add_overlay (GTK_OVERLAY (scene->overlay), scene->layer);
  gtk_window_set_child (GTK_WINDOW (scene->window), scene->overlay);
  scene->canvas = canvas;
}

static gboolean
wake_cb (gpointer data G_GNUC_UNUSED)
{
  return G_SOURCE_CONTINUE;
}

/* A deadline for conditions the tests wait for, generous enough for a
 * loaded machine: a test polls, it never waits by the clock. */
#define DEADLINE_MS 60000

/* Runs the main loop until done (data) or timeout_ms passed. */
static gboolean
wait_until (gboolean (*done) (gpointer data),
            gpointer   data,
            guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);

  return done (data);
}

static gboolean
drew_any (gpointer data)
{
  SoleusCellLayer *layer = data;

  return soleus_cell_layer_get_n_drawn (layer) > 0
         || !soleus_cell_layer_get_available (layer);
}

static guint expected_n_drawn;

static gboolean
drew_expected (gpointer data)
{
  return soleus_cell_layer_get_n_drawn (data) == expected_n_drawn;
}

static gboolean
hidden_and_mapped_window (gpointer data)
{
  Scene *scene = data;

  return gtk_widget_get_mapped (scene->overlay) && !gtk_widget_get_visible (scene->layer);
}

static gboolean
count_frame_cb (GtkWidget     *widget G_GNUC_UNUSED,
                GdkFrameClock *frame_clock G_GNUC_UNUSED,
                gpointer       data)
{
  guint *n_frames = data;

  (*n_frames)++;
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

static gboolean
three_frames (gpointer data)
{
  return *(guint *) data >= 3;
}

static gboolean
window_gone (gpointer data)
{
  return data == NULL || !gtk_widget_get_realized (data);
}

static gboolean
never (gpointer data G_GNUC_UNUSED)
{
  return FALSE;
}

/* For a look (or a screenshot) at the window. */
static void
hold_for_a_look (void)
{
  const char *hold_ms = g_getenv ("SOLEUS_TEST_HOLD_MS");

  if (hold_ms != NULL)
    wait_until (never, NULL, (guint) g_ascii_strtoull (hold_ms, NULL, 10));
}

static void
scene_finish (Scene *scene)
{
  GtkWidget *layer = scene->layer;

  g_object_add_weak_pointer (G_OBJECT (layer), (gpointer *) &layer);
  gtk_window_destroy (GTK_WINDOW (scene->window));
  /* The layer frees its GL objects on unrealize. */
  wait_until (window_gone, layer, DEADLINE_MS);
  g_assert_null (layer);
}

static void
save_image (GdkTexture *texture,
            const char *name)
{
  const char *dir = g_getenv ("SOLEUS_TEST_OUTPUT");
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = g_get_tmp_dir ();

  path = g_build_filename (dir, name, NULL);
  if (gdk_texture_save_to_png (texture, path))
    g_test_message ("Saved %s", path);
}

/* What @widget shows now, rendered by its window's renderer. */
static GdkTexture *
capture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
image_init (Image      *image,
            GdkTexture *texture,
            GtkWidget  *widget)
{
  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->stride = (gsize) image->width * 4;
  image->data = g_malloc (image->stride * image->height);
  image->scale = (double) image->width / gtk_widget_get_width (widget);
  /* CAIRO_FORMAT_ARGB32: B, G, R, A bytes on little-endian machines. */
  gdk_texture_download (texture, image->data, image->stride);
}

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->data, g_free);
}

/* The colour at a point in logical pixels, as 0xRRGGBB. */
static guint32
image_pixel (const Image *image,
             double       x,
             double       y)
{
  int px = CLAMP ((int) (x * image->scale), 0, image->width - 1);
  int py = CLAMP ((int) (y * image->scale), 0, image->height - 1);
  guint32 argb = *(const guint32 *) (image->data + py * image->stride + px * 4);

  return argb & 0xffffff;
}

#define RED(p)   (((p) >> 16) & 0xff)
#define GREEN(p) (((p) >> 8) & 0xff)
#define BLUE(p)  ((p) & 0xff)

static gboolean
is_white (guint32 p)
{
  return RED (p) > 235 && GREEN (p) > 235 && BLUE (p) > 235;
}

static gboolean
is_red (guint32 p)
{
  return RED (p) > 150 && GREEN (p) < 90 && BLUE (p) < 90;
}

static gboolean
is_blue (guint32 p)
{
  return BLUE (p) > 150 && RED (p) < 90 && GREEN (p) < 120;
}

static gboolean
is_backward (guint i)
{
  return i % 5 == 4;
}

static void
describe_gl (SoleusCellLayer *layer)
{
  GdkGLContext *context = gtk_gl_area_get_context (GTK_GL_AREA (layer));
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (layer));
  int major, minor;

  gdk_gl_context_get_version (context, &major, &minor);
  g_test_message ("OpenGL%s %d.%d, scale %d, renderer %s",
                  gdk_gl_context_get_use_es (context) ? " ES" : "", major, minor,
                  gtk_widget_get_scale_factor (GTK_WIDGET (layer)),
                  G_OBJECT_TYPE_NAME (gtk_native_get_renderer (native)));
}

static SoleusCell *
make_grid (guint *n_cells)
{
  SoleusCell *cells = g_new (SoleusCell, GRID_COLUMNS * GRID_ROWS);
  guint i = 0;

  for (guint row = 0; row < GRID_ROWS; row++)
    for (guint column = 0; column < GRID_COLUMNS; column++, i++)
      {
        cells[i].x = GRID_ORIGIN + column * GRID_DX;
        cells[i].y = GRID_ORIGIN + row * GRID_DY;
        cells[i].radius = CELL_RADIUS;
        cells[i].kind = is_backward (i) ? SOLEUS_CELL_KIND_BACKWARD
                                        : SOLEUS_CELL_KIND_FORWARD;
      }

  *n_cells = i;
  return cells;
}

static void
test_draw (void)
{
  g_autofree SoleusCell *cells = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SoleusCellLayer *layer;
  Scene scene;
  Image image;
  guint n_cells, n_bad = 0;

  ensure_gtk ();
  scene_init (&scene, CANVAS_WIDTH, CANVAS_HEIGHT);
  layer = SOLEUS_CELL_LAYER (scene.layer);

  g_assert_false (gtk_widget_get_can_target (scene.layer));

  cells = make_grid (&n_cells);
  g_assert_cmpuint (n_cells, ==, 3000);
  soleus_cell_layer_set_cells (layer, cells, n_cells);
  g_assert_cmpuint (soleus_cell_layer_get_n_cells (layer), ==, n_cells);

  gtk_window_present (GTK_WINDOW (scene.window));
  g_assert_true (wait_until (drew_any, layer, DEADLINE_MS));

  if (!soleus_cell_layer_get_available (layer))
    {
      g_test_skip ("No usable OpenGL on this display");
      scene_finish (&scene);
      return;
    }

  g_assert_cmpuint (soleus_cell_layer_get_n_drawn (layer), ==, n_cells);
  describe_gl (layer);
  g_assert_cmpint (gtk_widget_get_width (scene.overlay), >=, CANVAS_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (scene.overlay), >=, CANVAS_HEIGHT);

  texture = capture (scene.overlay);
  image_init (&image, texture, scene.overlay);
  if (g_getenv ("SOLEUS_TEST_OUTPUT") != NULL)
    save_image (texture, "cell-layer.png");

  for (guint i = 0; i < n_cells; i++)
    {
      double x = cells[i].x, y = cells[i].y;
      guint32 centre = image_pixel (&image, x, y);
      guint32 body = image_pixel (&image, x + 3, y);
      guint32 ring = image_pixel (&image, x + 4, y);
      guint32 gap = image_pixel (&image, x + GRID_DX / 2, y);
      gboolean ok;

      /* Forward: a red disc. Backward: a blue ring around a hole through
       * which the white canvas shows. Between cells: the canvas. */
      if (is_backward (i))
        ok = is_white (centre) && is_blue (ring);
      else
        ok = is_red (centre) && is_red (body);
      ok = ok && is_white (gap);

      if (!ok && n_bad++ < 5)
        g_test_message ("Cell %u at %.1f,%.1f: centre %06x, body %06x, ring %06x, "
                        "gap %06x", i, x, y, centre, body, ring, gap);
    }

  /* Beyond the grid, nothing but the canvas. */
  g_assert_true (is_white (image_pixel (&image, CANVAS_WIDTH - 5, CANVAS_HEIGHT - 5)));
  g_assert_true (is_white (image_pixel (&image, 5, 5)));

  if (n_bad > 0)
    save_image (texture, "cell-layer-failed.png");
  g_assert_cmpuint (n_bad, ==, 0);
  image_clear (&image);
  hold_for_a_look ();

  /* Fewer cells, then more than ever: the buffers follow. */
  soleus_cell_layer_set_cells (layer, cells, 10);
  expected_n_drawn = 10;
  g_assert_true (wait_until (drew_expected, layer, DEADLINE_MS));

  {
    g_autofree SoleusCell *more = g_new0 (SoleusCell, 5000);

    for (guint i = 0; i < 5000; i++)
      more[i] = cells[i % n_cells];
    soleus_cell_layer_set_cells (layer, more, 5000);
  }
  expected_n_drawn = 5000;
  g_assert_true (wait_until (drew_expected, layer, DEADLINE_MS));

  /* Out of the window and back: GL objects freed on unrealize, made
   * again on realize. */
  g_object_ref (layer);
  gtk_overlay_remove_overlay (GTK_OVERLAY (scene.overlay), scene.layer);
  g_assert_false (gtk_widget_get_realized (scene.layer));
  g_assert_cmpuint (soleus_cell_layer_get_n_drawn (layer), ==, 0);
  gtk_overlay_add_overlay (GTK_OVERLAY (scene.overlay), scene.layer);
  g_object_unref (layer);
  g_assert_true (wait_until (drew_expected, layer, DEADLINE_MS));
  g_assert_true (soleus_cell_layer_get_available (layer));

  /* No cells: nothing to draw, no GL work at all. */
  soleus_cell_layer_set_cells (layer, NULL, 0);
  expected_n_drawn = 0;
  g_assert_true (wait_until (drew_expected, layer, DEADLINE_MS));

  scene_finish (&scene);
}

static void
available_notify_cb (GObject    *object G_GNUC_UNUSED,
                     GParamSpec *pspec G_GNUC_UNUSED,
                     guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_no_gl (void)
{
  g_autofree SoleusCell *cells = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SoleusCellLayer *layer;
  Scene scene;
  Image image;
  guint n_cells, n_notifies = 0, n_not_white = 0, n_frames = 0, tick;

  if (!g_test_subprocess ())
    {
      /* In a process of its own, where GL is off from the start. With
       * G_DEBUG=fatal-warnings any warning fails it; the layer must not
       * even print a message. */
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("");
      return;
    }

  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  /* GTK itself prints a message when its GL renderer fails to start: take
   * the renderer it would fall back to, so that stderr shows only what the
   * layer prints, which must be nothing. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  ensure_gtk ();
  scene_init (&scene, CANVAS_WIDTH, CANVAS_HEIGHT);
  layer = SOLEUS_CELL_LAYER (scene.layer);
  g_signal_connect (layer, "notify::available",
                    G_CALLBACK (available_notify_cb), &n_notifies);

  g_assert_true (soleus_cell_layer_get_available (layer));
  cells = make_grid (&n_cells);
  soleus_cell_layer_set_cells (layer, cells, n_cells);

  gtk_window_present (GTK_WINDOW (scene.window));
  g_assert_true (wait_until (hidden_and_mapped_window, &scene, DEADLINE_MS));
  /* Let the window paint a few frames after that. */
  tick = gtk_widget_add_tick_callback (scene.overlay, count_frame_cb, &n_frames, NULL);
  g_assert_true (wait_until (three_frames, &n_frames, DEADLINE_MS));
  gtk_widget_remove_tick_callback (scene.overlay, tick);

  g_assert_false (soleus_cell_layer_get_available (layer));
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_false (gtk_widget_get_visible (scene.layer));
  g_assert_cmpuint (soleus_cell_layer_get_n_drawn (layer), ==, 0);

  /* Setting cells and colours now is harmless. */
  soleus_cell_layer_set_cells (layer, cells, 10);
  soleus_cell_layer_set_colors (layer, &forward_color, NULL, NULL);

  /* The canvas, all white: no cells and no error text. */
  texture = capture (scene.overlay);
  image_init (&image, texture, scene.overlay);
  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width; x++)
      if (!is_white (image_pixel (&image, x / image.scale, y / image.scale)))
        n_not_white++;
  if (n_not_white > 0)
    save_image (texture, "cell-layer-no-gl-failed.png");
  g_assert_cmpuint (n_not_white, ==, 0);
  image_clear (&image);
  hold_for_a_look ();

  scene_finish (&scene);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Renders the layer n_runs times straight into its framebuffer, as its
 * snapshot does, uploading the cells each time as when they move every
 * frame, and waits for llvmpipe to finish each frame. Gives the wall-clock
 * and the CPU time (all threads) per frame, in ms. */
static void
time_renders (SoleusCellLayer *layer,
              const SoleusCell *cells,
              guint            n_cells,
              guint            n_runs,
              double          *wall_ms,
              double          *cpu_time_ms)
{
  GtkGLArea *area = GTK_GL_AREA (layer);
  GdkGLContext *context = gtk_gl_area_get_context (area);
  gint64 start = 0;
  double cpu_start = 0;

  soleus_cell_layer_set_cells (layer, cells, n_cells);
  gtk_gl_area_make_current (area);
  gtk_gl_area_attach_buffers (area);

  for (guint run = 0; run < n_runs + 5; run++)
    {
      gboolean handled = FALSE;

      if (run == 5)
        {
          start = g_get_monotonic_time ();
          cpu_start = cpu_ms ();
        }
      if (n_cells > 0)
        soleus_cell_layer_set_cells (layer, cells, n_cells);
      g_signal_emit_by_name (area, "render", context, &handled);
      glFinish ();
    }

  *wall_ms = (g_get_monotonic_time () - start) / 1000.0 / n_runs;
  *cpu_time_ms = (cpu_ms () - cpu_start) / n_runs;
}

typedef struct
{
  SoleusCellLayer *layer;
  SoleusCell      *cells;
  guint            n_cells;
  guint            n_frames;
  GtkWidget       *canvas;
} Animation;

static gboolean
animate_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock G_GNUC_UNUSED,
            gpointer       data)
{
  Animation *animation = data;
  int width = gtk_widget_get_width (widget);

  if (animation->canvas != NULL)
    {
      /* The canvas alone, redrawn every frame: what a window of that size
       * costs without the layer. */
      gtk_widget_queue_draw (animation->canvas);
      animation->n_frames++;
      return G_SOURCE_CONTINUE;
    }

  for (guint i = 0; i < animation->n_cells; i++)
    {
      animation->cells[i].x += 1.f;
      if (animation->cells[i].x > width)
        animation->cells[i].x -= width;
    }
  soleus_cell_layer_set_cells (animation->layer, animation->cells, animation->n_cells);
  animation->n_frames++;

  return G_SOURCE_CONTINUE;
}

/* Benchmark ("-m perf"): figures, no assertions on time. */
static void
test_perf (void)
{
  static const struct { float min, max; } radii[] = { { 2, 3.5 }, { 3, 6 }, { 6, 10 } };
  g_autofree SoleusCell *cells = NULL;
  SoleusCellLayer *layer;
  GdkGLContext *context;
  GtkNative *native;
  Scene scene;
  const guint n_cells = 5000;
  const guint n_runs = 200;
  double wall_empty, cpu_empty;
  int width, height;

  if (!g_test_perf ())
    {
      g_test_skip ("A benchmark: run with -m perf");
      return;
    }

  ensure_gtk ();
  scene_init (&scene, 1920, 1080);
  layer = SOLEUS_CELL_LAYER (scene.layer);
  gtk_window_fullscreen (GTK_WINDOW (scene.window));

  cells = g_new0 (SoleusCell, n_cells);
  gtk_window_present (GTK_WINDOW (scene.window));
  soleus_cell_layer_set_cells (layer, cells, 1);
  g_assert_true (wait_until (drew_any, layer, DEADLINE_MS));
  if (!soleus_cell_layer_get_available (layer))
    {
      g_test_skip ("No usable OpenGL on this display");
      scene_finish (&scene);
      return;
    }

  width = gtk_widget_get_width (scene.layer);
  height = gtk_widget_get_height (scene.layer);
  native = GTK_NATIVE (scene.window);
  context = gtk_gl_area_get_context (GTK_GL_AREA (layer));
  g_test_message ("Layer %dx%d at scale %d, GL%s %s",
                  width, height, gtk_widget_get_scale_factor (scene.layer),
                  gdk_gl_context_get_use_es (context) ? " ES" : "",
                  (const char *) glGetString (GL_VERSION));

  time_renders (layer, cells, 0, n_runs, &wall_empty, &cpu_empty);
  g_test_message ("Clear only: %.3f ms per frame (CPU %.3f ms)", wall_empty, cpu_empty);

  for (guint r = 0; r < G_N_ELEMENTS (radii); r++)
    {
      double wall, cpu;

      for (guint i = 0; i < n_cells; i++)
        {
          cells[i].x = g_test_rand_double_range (0, width);
          cells[i].y = g_test_rand_double_range (0, height);
          cells[i].radius = g_test_rand_double_range (radii[r].min, radii[r].max);
          cells[i].kind = g_test_rand_int_range (0, 100) < 15 ? 1.f : 0.f;
        }

      time_renders (layer, cells, n_cells, n_runs, &wall, &cpu);
      g_test_message ("%u cells, radius %.1f-%.1f px: %.3f ms per frame (CPU %.3f ms); "
                      "less the clear: %.3f ms (CPU %.3f ms)",
                      n_cells, radii[r].min, radii[r].max, wall, cpu,
                      wall - wall_empty, cpu - cpu_empty);
      if (r == 1)
        g_test_minimized_result (wall, "%.3f ms per frame, %u cells of radius 3-6 px",
                                 wall, n_cells);
    }

  /* For comparison, the same cells (radius 3-6 px) drawn with Cairo, as
   * the fallback does: a filled disc with a stroked rim each. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                           width, height);
    cairo_t *cr = cairo_create (surface);
    double cpu_start = cpu_ms ();
    const guint n_cairo_runs = 10;

    for (guint run = 0; run < n_cairo_runs; run++)
      {
        cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
        cairo_paint (cr);
        cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        cairo_set_line_width (cr, 1);
        for (guint i = 0; i < n_cells; i++)
          {
            cairo_new_path (cr);
            cairo_arc (cr, cells[i].x, cells[i].y, cells[i].radius - 0.5, 0, 2 * G_PI);
            cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
            cairo_fill_preserve (cr);
            cairo_set_source_rgb (cr, 0.3, 0, 0);
            cairo_stroke (cr);
          }
        cairo_surface_flush (surface);
      }
    g_test_message ("Cairo, the same %u cells of radius 3-6 px: CPU %.3f ms per frame",
                    n_cells, (cpu_ms () - cpu_start) / n_cairo_runs);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* The whole frame as the window shows it, with the cells moving. */
  for (guint pass = 0; pass < 3; pass++)
    {
      Animation animation = { layer, cells, pass == 0 ? 0 : pass == 1 ? 10 : n_cells, 0,
                              pass == 0 ? scene.canvas : NULL };
      guint tick;

      soleus_cell_layer_set_cells (layer, cells, animation.n_cells);
      tick = gtk_widget_add_tick_callback (scene.overlay, animate_cb, &animation, NULL);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms (), seconds;

      wait_until (never, NULL, 3000);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      gtk_widget_remove_tick_callback (scene.overlay, tick);
      g_test_message ("Animated %u cells, whole window (%s): %.1f frames per second, "
                      "CPU %.2f ms per frame",
                      animation.n_cells,
                      G_OBJECT_TYPE_NAME (gtk_native_get_renderer (native)),
                      animation.n_frames / seconds,
                      (cpu_ms () - cpu_start) / MAX (animation.n_frames, 1));
    }

  scene_finish (&scene);
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

  g_test_add_func ("/cell-layer/draw", test_draw);
  g_test_add_func ("/cell-layer/no-gl", test_no_gl);
  g_test_add_func ("/cell-layer/perf", test_perf);

  return g_test_run ();
}
