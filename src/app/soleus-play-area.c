/* soleus-play-area.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leg, live. The frame clock drives the simulation: each frame hands the
 * wall-clock time since the last one to the simulation, which steps its fixed
 * 1 ms physics step as many whole times as fit (an accumulator), so the
 * speed of the model never depends on the frame rate. The painter draws a
 * snapshot interpolated between the last two steps. Ticking stops while the
 * widget is unmapped or the simulation is paused.
 *
 * SOLEUS_FRAME_STATS=1 in the environment prints frame statistics (paint
 * and physics time per frame, frame intervals) every 10 s and at exit.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "soleus-application.h"
#include "soleus-cell-layer.h"
#include "soleus-play-area.h"
#include "soleus-scene.h"

/* CPU time the physics may take per frame: fast-forward slows down rather
 * than freeze the window. */
#define PHYSICS_BUDGET_S 0.008

#define N_FRAME_STATS 1200

/* Cells handed to the GPU layer per frame, at most. */
#define MAX_CELLS 20000

struct _SoleusPlayArea
{
  GtkWidget          parent_instance;

  /* Owned references */
  SoleusSimulation  *simulation;
  SoleusScene       *scene;
  SoleusScene       *reference_scene;
  GtkWidget         *cell_layer;

  /* State */
  SoleusSceneCell   *scene_cells;
  SoleusCell        *gl_cells;
  gboolean           reduced_motion;
  gboolean           compare;
  guint64            frames;
  guint64            cairo_cells;
  gulong             advanced_handler;
  gulong             playing_handler;
  guint              tick_id;
  gint64             last_frame_time;
  SoleusSnapshot     drawn;
  char              *label;       /* the accessible name */

  /* Frame statistics (SOLEUS_FRAME_STATS) */
  gboolean           stats_enabled;
  double             paint_ms[N_FRAME_STATS];
  double             interval_ms[N_FRAME_STATS];
  guint              n_stats;
  gint64             stats_since;
  gint64             frame_start;
  gint64             last_frame_start;
  gulong             update_handler;
  gulong             after_paint_handler;
  GdkFrameClock     *stats_clock;
  int                stats_width;
  int                stats_height;
};

G_DEFINE_FINAL_TYPE (SoleusPlayArea, soleus_play_area, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SIMULATION,
  PROP_SKIN_TONE,
  PROP_FIGURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
lerp (double a,
      double b,
      double t)
{
  return a + (b - a) * t;
}

/* A phase that wraps at 1 takes the short way round. */
static double
lerp_phase (double a,
            double b,
            double t)
{
  double d = b - a;

  if (d < -0.5)
    d += 1.0;
  else if (d > 0.5)
    d -= 1.0;

  return fmod (a + d * t + 1.0, 1.0);
}

static void
interpolate_snapshot (SoleusSnapshot       *out,
                      const SoleusSnapshot *a,
                      const SoleusSnapshot *b,
                      double                t)
{
  *out = *b;
  if (t >= 1.0 || a->step + 1 != b->step)
    return;

  /* Draw the state between the last two steps: the clock stands t of a step
   * past a. */
  t = CLAMP (t, 0.0, 1.0);
  out->time_s = lerp (a->time_s, b->time_s, t);
  for (guint i = 0; i < SOLEUS_N_VESSELS; i++)
    {
      out->vessel[i].volume_ml = lerp (a->vessel[i].volume_ml, b->vessel[i].volume_ml, t);
      out->vessel[i].pressure_mmhg = lerp (a->vessel[i].pressure_mmhg, b->vessel[i].pressure_mmhg, t);
      out->vessel[i].flow_ml_s = lerp (a->vessel[i].flow_ml_s, b->vessel[i].flow_ml_s, t);
      out->vessel[i].velocity_cm_s = lerp (a->vessel[i].velocity_cm_s, b->vessel[i].velocity_cm_s, t);
      out->vessel[i].fill = lerp (a->vessel[i].fill, b->vessel[i].fill, t);
    }
  for (guint i = 0; i < SOLEUS_N_VALVES; i++)
    {
      out->valve[i].open = lerp (a->valve[i].open, b->valve[i].open, t);
      out->valve[i].flow_ml_s = lerp (a->valve[i].flow_ml_s, b->valve[i].flow_ml_s, t);
    }
  out->gait_phase = lerp_phase (a->gait_phase, b->gait_phase, t);
  out->heart_phase = lerp_phase (a->heart_phase, b->heart_phase, t);
  out->ankle_angle_deg = lerp (a->ankle_angle_deg, b->ankle_angle_deg, t);
  out->knee_angle_deg = lerp (a->knee_angle_deg, b->knee_angle_deg, t);
  out->hip_angle_deg = lerp (a->hip_angle_deg, b->hip_angle_deg, t);
  out->foot_load = lerp (a->foot_load, b->foot_load, t);
  out->soleus_activation = lerp (a->soleus_activation, b->soleus_activation, t);
  out->soleus_pressure_mmhg = lerp (a->soleus_pressure_mmhg, b->soleus_pressure_mmhg, t);
  out->plantar_squeeze_mmhg = lerp (a->plantar_squeeze_mmhg, b->plantar_squeeze_mmhg, t);
}

/* The GPU layer pays off only when GTK composites with GL: the Cairo
 * renderer reads a GL area back from the GPU every frame, about 20 ms at
 * full HD on llvmpipe, more than the Cairo painter takes to draw the cells
 * itself. */
static gboolean
gl_wanted (SoleusPlayArea *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  if (renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer))
    return FALSE;

  return soleus_cell_layer_get_available (SOLEUS_CELL_LAYER (self->cell_layer));
}

static gboolean
use_gl (SoleusPlayArea *self)
{
  return !self->reduced_motion && !self->compare && gl_wanted (self);
}

/* The painter draws the cells only when the GPU layer does not. */
static void
update_cell_mode (SoleusPlayArea *self)
{
  /* Two legs share the picture: both draw their cells with Cairo. */
  gboolean gl = gl_wanted (self) && !self->compare;

  soleus_scene_set_show_cells (self->scene, !self->reduced_motion && !gl);
  soleus_scene_set_show_cells (self->reference_scene, !self->reduced_motion);
  /* The GPU draws thousands of cells as cheaply as Cairo draws hundreds. */
  soleus_scene_set_cell_density (self->scene, gl ? 10.0 : 1.0);
  gtk_widget_set_visible (self->cell_layer, gl && !self->reduced_motion);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cell_layer_available_cb (SoleusPlayArea *self)
{
  update_cell_mode (self);
}

static double
percentile (double *values,
            guint   n,
            double  p)
{
  if (n == 0)
    return 0.0;
  soleus_render_sort_doubles (values, n);
  return values[MIN (n - 1, (guint) (p * (n - 1) + 0.5))];
}

static void
print_frame_stats (SoleusPlayArea *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  guint n = MIN (self->n_stats, N_FRAME_STATS);
  double paint[N_FRAME_STATS];
  double interval[N_FRAME_STATS];

  if (n == 0)
    return;

  memcpy (paint, self->paint_ms, n * sizeof *paint);
  memcpy (interval, self->interval_ms, n * sizeof *interval);
  g_printerr ("soleus frame stats: %s, %u frames, play area %dx%d, rate %.1fx (achieved %.1fx): "
              "frame time (tick + snapshot + render) median %.2f ms, p99 %.2f ms; "
              "frame interval median %.2f ms, p99 %.2f ms\n",
              renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "no renderer",
              n, self->stats_width, self->stats_height,
              soleus_simulation_get_rate (self->simulation),
              soleus_simulation_get_achieved_rate (self->simulation),
              percentile (paint, n, 0.5), percentile (paint, n, 0.99),
              percentile (interval, n, 0.5), percentile (interval, n, 0.99));
}

static void
record_frame_stat (SoleusPlayArea *self,
                   double          work_ms,
                   double          interval_ms)
{
  guint i = self->n_stats % N_FRAME_STATS;

  self->stats_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->stats_height = gtk_widget_get_height (GTK_WIDGET (self));
  self->paint_ms[i] = work_ms;
  self->interval_ms[i] = interval_ms;
  self->n_stats++;

  if (g_get_monotonic_time () - self->stats_since > 10 * G_USEC_PER_SEC)
    {
      print_frame_stats (self);
      self->stats_since = g_get_monotonic_time ();
      self->n_stats = 0;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  if (self->last_frame_time != 0)
    {
      double wall_s = (now - self->last_frame_time) * 1e-6;

      soleus_simulation_advance (self->simulation, wall_s, PHYSICS_BUDGET_S);
    }
  self->last_frame_time = now;

  return G_SOURCE_CONTINUE;
}

static void
update_ticking (SoleusPlayArea *self)
{
  gboolean want = self->simulation != NULL
                  && gtk_widget_get_mapped (GTK_WIDGET (self))
                  && soleus_simulation_get_playing (self->simulation);

  if (want && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
advanced_cb (SoleusSimulation *simulation,
             SoleusPlayArea   *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
notify_playing_cb (SoleusSimulation *simulation,
                   GParamSpec       *pspec,
                   SoleusPlayArea   *self)
{
  update_ticking (self);
}

/* Frame statistics time the whole frame as GTK runs it: from the frame
 * clock's update phase (the physics tick) to the end of its paint phase
 * (snapshot and the renderer drawing the window). */
static void
frame_update_cb (GdkFrameClock  *clock,
                 SoleusPlayArea *self)
{
  self->frame_start = g_get_monotonic_time ();
}

static void
frame_after_paint_cb (GdkFrameClock  *clock,
                      SoleusPlayArea *self)
{
  gint64 end = g_get_monotonic_time ();

  if (self->frame_start == 0 || self->tick_id == 0)
    return;

  if (self->last_frame_start != 0)
    record_frame_stat (self, (end - self->frame_start) / 1000.0,
                       (self->frame_start - self->last_frame_start) / 1000.0);
  self->last_frame_start = self->frame_start;
  self->frame_start = 0;
}

static void
connect_frame_stats (SoleusPlayArea *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!self->stats_enabled || clock == NULL || self->stats_clock != NULL)
    return;

  self->stats_clock = g_object_ref (clock);
  self->update_handler = g_signal_connect (clock, "update",
                                           G_CALLBACK (frame_update_cb), self);
  self->after_paint_handler = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (frame_after_paint_cb), self);
}

static void
disconnect_frame_stats (SoleusPlayArea *self)
{
  if (self->stats_clock == NULL)
    return;

  g_clear_signal_handler (&self->update_handler, self->stats_clock);
  g_clear_signal_handler (&self->after_paint_handler, self->stats_clock);
  g_clear_object (&self->stats_clock);
}

/* A title over each half in compare mode, in the palette's ink. */
static void
draw_compare_title (SoleusPlayArea *self,
                    cairo_t        *cr,
                    const char     *text,
                    double          x,
                    double          width,
                    double          height)
{
  const SoleusPaletteColors *colors =
    soleus_palette_get_colors (soleus_scene_get_palette (self->scene));
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  int text_width, text_height;

  pango_font_description_set_absolute_size (font, MAX (12.0, height * 0.035) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_set_source_rgba (cr, colors->text.r, colors->text.g, colors->text.b, colors->text.a);
  cairo_move_to (cr, x + (width - text_width) / 2.0, height * 0.015);
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (font);
  g_object_unref (layout);
}

/* Paints the leg, or in compare mode a healthy leg and this one, left and
 * right or top and bottom: both cropped to the body, at one scale, as
 * large as the area allows under their titles; this leg's labels name the
 * parts of both. */
static void
paint_legs (SoleusPlayArea       *self,
            cairo_t              *cr,
            const SoleusSnapshot *state,
            double                width,
            double                height)
{
  const SoleusPaletteColors *colors;
  cairo_rectangle_t box[2];
  double x[2], y[2], w[2], h[2], title_y[2];
  double band, scale;
  gboolean stacked = FALSE;

  if (!self->compare)
    {
      soleus_scene_paint (self->scene, cr, state, width, height);
      return;
    }

  colors = soleus_palette_get_colors (soleus_scene_get_palette (self->scene));
  band = MAX (12.0, height * 0.035) * 1.8;

  /* The last paint's boxes size this one; halves until both are known.
   * Upright legs go side by side, lying ones (wide and low) may do better
   * one above the other: whichever draws them larger. */
  if (soleus_scene_get_content_box (self->reference_scene, &box[0]) &&
      soleus_scene_get_content_box (self->scene, &box[1]))
    {
      double side = MIN (width / (box[0].width + box[1].width),
                         (height - band) / MAX (box[0].height, box[1].height));
      double over = MIN (width / MAX (box[0].width, box[1].width),
                         (height - 2 * band) / (box[0].height + box[1].height));

      stacked = over > side;
      scale = MAX (side, over);
      for (int i = 0; i < 2; i++)
        {
          w[i] = floor (box[i].width * scale);
          h[i] = floor (box[i].height * scale);
        }
    }
  else
    {
      w[0] = w[1] = floor (width / 2);
      h[0] = h[1] = height - band;
    }
  if (!stacked)
    {
      x[0] = floor ((width - w[0] - w[1]) / 2);
      x[1] = x[0] + w[0];
      /* bottoms aligned, so both stand on one floor */
      y[0] = height - h[0];
      y[1] = height - h[1];
      title_y[0] = title_y[1] = 0;
    }
  else
    {
      x[0] = floor ((width - w[0]) / 2);
      x[1] = floor ((width - w[1]) / 2);
      title_y[0] = 0;
      y[0] = band;
      title_y[1] = y[0] + h[0];
      y[1] = title_y[1] + band;
    }

  for (int i = 0; i < 2; i++)
    {
      SoleusScene *scene = i == 0 ? self->reference_scene : self->scene;
      const char *title = i == 0 ? soleus_simulation_get_reference_title (self->simulation)
                                 : _("This leg");

      if (title == NULL)
        title = _("A healthy leg");
      cairo_save (cr);
      cairo_translate (cr, x[i], y[i]);
      cairo_rectangle (cr, 0, 0, w[i], h[i]);
      cairo_clip (cr);
      soleus_scene_paint (scene, cr,
                          i == 0 ? soleus_simulation_get_reference_snapshot (self->simulation)
                                 : state,
                          w[i], h[i]);
      cairo_restore (cr);
      cairo_save (cr);
      cairo_translate (cr, 0, title_y[i]);
      draw_compare_title (self, cr, title, stacked ? 0 : x[i], stacked ? width : w[i], height);
      cairo_restore (cr);
    }

  if (stacked)
    {
      cairo_set_source_rgba (cr, colors->text.r, colors->text.g, colors->text.b, 0.25);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, width * 0.05, title_y[1] + 0.5);
      cairo_line_to (cr, width * 0.95, title_y[1] + 0.5);
      cairo_stroke (cr);
      return;
    }

  /* A thin rule between the two. */
  cairo_set_source_rgba (cr, colors->text.r, colors->text.g, colors->text.b, 0.25);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x[1] + 0.5, height * 0.05);
  cairo_line_to (cr, x[1] + 0.5, height * 0.95);
  cairo_stroke (cr);
}

static void
soleus_play_area_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkWidget *root;
  gboolean presenting;
  double min_label_px = 14.0;
  cairo_t *cr;

  if (self->simulation == NULL || width <= 0 || height <= 0)
    return;

  /* Labels read from the back of the room: 14 pixels in a 1280x800
   * window, 28 presenting at 1920x1080, in proportion at other sizes;
   * presentation mode folds the legend, the room goes to the leg. */
  root = GTK_WIDGET (gtk_widget_get_root (widget));
  presenting = root != NULL && gtk_widget_has_css_class (root, "presenting");
  if (root != NULL)
    min_label_px = presenting
                   ? 28.0 * MIN (gtk_widget_get_width (root) / 1920.0,
                                 gtk_widget_get_height (root) / 1080.0)
                   : 14.0 * MIN (gtk_widget_get_width (root) / 1280.0,
                                 gtk_widget_get_height (root) / 800.0);

  interpolate_snapshot (&self->drawn,
                        soleus_simulation_get_previous (self->simulation),
                        soleus_simulation_get_snapshot (self->simulation),
                        soleus_simulation_get_alpha (self->simulation));

  /* The painter's cache cannot see the device scale through a recorded
   * Cairo node: tell it, so HiDPI screens get crisp pixels. */
  soleus_scene_set_legend_collapsed (self->scene, presenting);
  /* A phone's width has no room for the legend beside the leg, where its
   * type would be too small to read: the leg and its labels take it. */
  soleus_scene_set_show_legend (self->scene,
                                !self->compare
                                && (root == NULL || !gtk_widget_has_css_class (root, "compact")));
  soleus_scene_set_min_label_size (self->scene, min_label_px);
  soleus_scene_set_scale_factor (self->scene, gtk_widget_get_scale_factor (widget));
  soleus_scene_set_scale_factor (self->reference_scene, gtk_widget_get_scale_factor (widget));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  paint_legs (self, cr, &self->drawn, width, height);
  cairo_destroy (cr);
  self->frames++;

  if (self->frames == 1 && self->stats_enabled && soleus_application_get_start_time () != 0)
    g_printerr ("soleus frame stats: first frame %.0f ms after start\n",
                (g_get_monotonic_time () - soleus_application_get_start_time ()) / 1000.0);

  if (use_gl (self))
    {
      guint n = soleus_scene_get_cells (self->scene, self->scene_cells, MAX_CELLS);

      for (guint i = 0; i < n; i++)
        {
          self->gl_cells[i].x = self->scene_cells[i].x;
          self->gl_cells[i].y = self->scene_cells[i].y;
          self->gl_cells[i].radius = self->scene_cells[i].radius;
          self->gl_cells[i].kind = self->scene_cells[i].backward
                                   ? SOLEUS_CELL_KIND_BACKWARD : SOLEUS_CELL_KIND_FORWARD;
        }
      soleus_cell_layer_set_cells (SOLEUS_CELL_LAYER (self->cell_layer), self->gl_cells, n);
      self->cairo_cells = 0;
      gtk_widget_snapshot_child (widget, self->cell_layer, snapshot);
    }
  else
    {
      self->cairo_cells = soleus_scene_get_cells (self->scene, NULL, 0);
    }
}

static void
soleus_play_area_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (widget);

  gtk_widget_measure (self->cell_layer, orientation, for_size,
                      minimum, natural, NULL, NULL);
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 600;
}

static void
soleus_play_area_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (widget);

  gtk_widget_allocate (self->cell_layer, width, height, -1, NULL);
}

static void
soleus_play_area_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (soleus_play_area_parent_class)->realize (widget);
  /* Now the renderer is known. */
  update_cell_mode (SOLEUS_PLAY_AREA (widget));
}

static void
soleus_play_area_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (soleus_play_area_parent_class)->map (widget);
  connect_frame_stats (SOLEUS_PLAY_AREA (widget));
  update_ticking (SOLEUS_PLAY_AREA (widget));
}

static void
soleus_play_area_unmap (GtkWidget *widget)
{
  disconnect_frame_stats (SOLEUS_PLAY_AREA (widget));
  GTK_WIDGET_CLASS (soleus_play_area_parent_class)->unmap (widget);
  update_ticking (SOLEUS_PLAY_AREA (widget));
}

static void
soleus_play_area_dispose (GObject *object)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (object);

  if (self->stats_enabled && self->simulation != NULL)
    print_frame_stats (self);
  soleus_play_area_set_simulation (self, NULL);
  g_clear_pointer (&self->cell_layer, gtk_widget_unparent);

  G_OBJECT_CLASS (soleus_play_area_parent_class)->dispose (object);
}

static void
soleus_play_area_finalize (GObject *object)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (object);

  g_clear_pointer (&self->scene, soleus_scene_free);
  g_clear_pointer (&self->reference_scene, soleus_scene_free);
  g_free (self->scene_cells);
  g_free (self->gl_cells);
  g_free (self->label);

  G_OBJECT_CLASS (soleus_play_area_parent_class)->finalize (object);
}

/* The accessible name: the leg, and the valve held in a close-up. */
static void
update_label (SoleusPlayArea *self)
{
  int valve = soleus_scene_get_pinned_valve (self->scene);

  g_free (self->label);
  if (valve < 0)
    self->label = g_strdup (_("The leg"));
  else
    /* Translators: %s is a close-up's caption, as "Valve in the thigh" */
    self->label = g_strdup_printf (_("The leg, with a close-up held on: %s"),
                                   g_dgettext (GETTEXT_PACKAGE, soleus_scene_valve_caption (valve)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label,
                                  -1);
}

/* A click on a valve, in the leg or in its close-up, holds it in a
 * close-up, and a click on the valve held lets it go: through the
 * window's action, so that menus, keys and scripts see the same state. */
static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   SoleusPlayArea  *self)
{
  int valve;

  /* the close-ups are not shown beside a healthy leg */
  if (n_press != 1 || self->compare)
    return;
  valve = soleus_scene_pick_valve (self->scene, x, y);
  if (valve < 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.pick-valve", "s",
                              valve == soleus_scene_get_pinned_valve (self->scene)
                              ? "auto" : soleus_scene_valve_name (valve));
}

static void
soleus_play_area_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (object);

  switch (prop_id)
    {
    case PROP_SIMULATION:
      g_value_set_object (value, self->simulation);
      break;

    case PROP_SKIN_TONE:
      g_value_set_string (value, soleus_skin_tone_to_string (soleus_scene_get_skin_tone (self->scene)));
      break;

    case PROP_FIGURE:
      g_value_set_string (value, soleus_figure_to_string (soleus_scene_get_figure (self->scene)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_play_area_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SoleusPlayArea *self = SOLEUS_PLAY_AREA (object);

  switch (prop_id)
    {
    case PROP_SIMULATION:
      soleus_play_area_set_simulation (self, g_value_get_object (value));
      break;

    case PROP_SKIN_TONE:
      {
        SoleusSkinTone tone;

        /* the settings key allows only the known names */
        if (soleus_skin_tone_from_string (g_value_get_string (value), &tone))
          soleus_play_area_set_skin_tone (self, tone);
      }
      break;

    case PROP_FIGURE:
      {
        SoleusFigure figure;

        /* the settings key allows only the known names */
        if (soleus_figure_from_string (g_value_get_string (value), &figure))
          soleus_play_area_set_figure (self, figure);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
soleus_play_area_class_init (SoleusPlayAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_play_area_dispose;
  object_class->finalize = soleus_play_area_finalize;
  object_class->get_property = soleus_play_area_get_property;
  object_class->set_property = soleus_play_area_set_property;

  widget_class->snapshot = soleus_play_area_snapshot;
  widget_class->measure = soleus_play_area_measure;
  widget_class->size_allocate = soleus_play_area_size_allocate;
  widget_class->realize = soleus_play_area_realize;
  widget_class->map = soleus_play_area_map;
  widget_class->unmap = soleus_play_area_unmap;

  properties[PROP_SIMULATION] =
    g_param_spec_object ("simulation", NULL, NULL,
                         SOLEUS_TYPE_SIMULATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* "light", "medium", "brown" or "dark": the figure's skin, in both legs. */
  properties[PROP_SKIN_TONE] =
    g_param_spec_string ("skin-tone", NULL, NULL, "light",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* "male" or "female": the figure's build, in both legs. */
  properties[PROP_FIGURE] =
    g_param_spec_string ("figure", NULL, NULL, "male",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "playarea");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
soleus_play_area_init (SoleusPlayArea *self)
{
  self->scene = soleus_scene_new ();
  self->reference_scene = soleus_scene_new ();
  /* The healthy leg in compare mode: its labels would repeat the others. */
  soleus_scene_set_show_labels (self->reference_scene, FALSE);
  soleus_scene_set_show_legend (self->reference_scene, FALSE);
  soleus_scene_set_crop_to_body (self->reference_scene, TRUE);
  /* The skin tone and the figure are preferences of the application,
   * followed as they change. */
  {
    GApplication *app = g_application_get_default ();

    if (SOLEUS_IS_APPLICATION (app) &&
        soleus_application_get_settings (SOLEUS_APPLICATION (app)) != NULL)
      {
        GSettings *settings = soleus_application_get_settings (SOLEUS_APPLICATION (app));

        g_settings_bind (settings, "skin-tone", self, "skin-tone", G_SETTINGS_BIND_GET);
        g_settings_bind (settings, "figure", self, "figure", G_SETTINGS_BIND_GET);
      }
  }
  self->scene_cells = g_new0 (SoleusSceneCell, MAX_CELLS);
  self->gl_cells = g_new0 (SoleusCell, MAX_CELLS);

  /* Blood cells on the GPU over the Cairo anatomy; when GL is not there
   * the layer says so and the painter draws the cells itself. */
  self->cell_layer = soleus_cell_layer_new ();
  gtk_widget_set_parent (self->cell_layer, GTK_WIDGET (self));
  g_signal_connect_object (self->cell_layer, "notify::available",
                           G_CALLBACK (cell_layer_available_cb), self, G_CONNECT_SWAPPED);
  update_cell_mode (self);
  self->stats_enabled = g_getenv ("SOLEUS_FRAME_STATS") != NULL;
  self->stats_since = g_get_monotonic_time ();

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 200);
  update_label (self);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  }
}

GtkWidget *
soleus_play_area_new (void)
{
  return g_object_new (SOLEUS_TYPE_PLAY_AREA, NULL);
}

SoleusSimulation *
soleus_play_area_get_simulation (SoleusPlayArea *self)
{
  g_return_val_if_fail (SOLEUS_IS_PLAY_AREA (self), NULL);

  return self->simulation;
}

void
soleus_play_area_set_simulation (SoleusPlayArea   *self,
                                 SoleusSimulation *simulation)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));
  g_return_if_fail (simulation == NULL || SOLEUS_IS_SIMULATION (simulation));

  if (self->simulation == simulation)
    return;

  if (self->simulation != NULL)
    g_clear_signal_handler (&self->playing_handler, self->simulation);
  soleus_simulation_follow (&self->simulation, &self->advanced_handler, simulation,
                            G_CALLBACK (advanced_cb), self);
  if (simulation != NULL)
    self->playing_handler = g_signal_connect (simulation, "notify::playing",
                                              G_CALLBACK (notify_playing_cb), self);

  update_ticking (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMULATION]);
}

static void
rgba_from_color (GdkRGBA           *rgba,
                 const SoleusColor *color)
{
  *rgba = (GdkRGBA) { color->r, color->g, color->b, color->a };
}

void
soleus_play_area_set_palette (SoleusPlayArea *self,
                              SoleusPalette   palette)
{
  const SoleusPaletteColors *colors = soleus_palette_get_colors (palette);
  GdkRGBA forward, backward, outline;

  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));

  /* The GPU cells wear the palette's colours, as the Cairo ones do; their
   * rim is the vein wall's colour. */
  rgba_from_color (&forward, &colors->cell);
  rgba_from_color (&backward, &colors->cell_back);
  rgba_from_color (&outline, &colors->vein_wall);
  soleus_cell_layer_set_colors (SOLEUS_CELL_LAYER (self->cell_layer),
                                &forward, &backward, &outline);
  soleus_scene_set_palette (self->scene, palette);
  soleus_scene_set_palette (self->reference_scene, palette);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
soleus_play_area_set_skin_tone (SoleusPlayArea *self,
                                SoleusSkinTone  tone)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));
  g_return_if_fail ((int) tone >= 0 && tone < SOLEUS_N_SKIN_TONES);

  if (soleus_scene_get_skin_tone (self->scene) == tone)
    return;
  soleus_scene_set_skin_tone (self->scene, tone);
  soleus_scene_set_skin_tone (self->reference_scene, tone);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIN_TONE]);
}

void
soleus_play_area_set_figure (SoleusPlayArea *self,
                             SoleusFigure    figure)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));
  g_return_if_fail ((int) figure >= 0 && figure < SOLEUS_N_FIGURES);

  if (soleus_scene_get_figure (self->scene) == figure)
    return;
  soleus_scene_set_figure (self->scene, figure);
  soleus_scene_set_figure (self->reference_scene, figure);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURE]);
}

void
soleus_play_area_set_picked_valve (SoleusPlayArea *self,
                                   int             valve)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));
  g_return_if_fail (valve >= -1 && valve < SOLEUS_N_VALVES);

  if (soleus_scene_get_pinned_valve (self->scene) == valve)
    return;
  soleus_scene_set_pinned_valve (self->scene, valve);
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
soleus_play_area_get_picked_valve (SoleusPlayArea *self)
{
  g_return_val_if_fail (SOLEUS_IS_PLAY_AREA (self), -1);

  return soleus_scene_get_pinned_valve (self->scene);
}

const char *
soleus_play_area_get_label (SoleusPlayArea *self)
{
  g_return_val_if_fail (SOLEUS_IS_PLAY_AREA (self), NULL);

  return self->label;
}

void
soleus_play_area_set_reduced_motion (SoleusPlayArea *self,
                                     gboolean        reduced_motion)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));

  self->reduced_motion = !!reduced_motion;
  update_cell_mode (self);
}

/* The state as it is now, not as the last frame drew it: a script that
 * changes a control and takes a picture at once gets the new state. */
static void
paint_picture (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  SoleusPlayArea *self = user_data;

  paint_legs (self, cr, soleus_simulation_get_snapshot (self->simulation), width, height);
}

/* Writes what the play area shows now, in the format the path's extension
 * names (.png, .svg or .pdf), at the play area's size, through the io
 * library's one writer (soleus-file-writer.h): a failure keeps the old file. */
gboolean
soleus_play_area_save_picture (SoleusPlayArea     *self,
                               const char         *path,
                               SoleusRenderFormat  format,
                               GError            **error)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean ok;

  g_return_val_if_fail (SOLEUS_IS_PLAY_AREA (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->simulation == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("There is no simulation to picture yet"));
      return FALSE;
    }

  /* Before the window is laid out, the picture gets the play area's
   * natural size. */
  if (width <= 1 || height <= 1)
    width = 960, height = 600;

  /* The picture holds the cells the GPU layer draws on screen. */
  soleus_scene_set_show_cells (self->scene, !self->reduced_motion);
  /* Two legs are sized from their last paint's boxes: a picture saved
   * before the screen has drawn them side by side is laid out once first,
   * so that it shows what the screen will, however busy the machine. */
  if (self->compare)
    {
      cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (scratch);

      paint_picture (cr, width, height, self);
      cairo_destroy (cr);
      cairo_surface_destroy (scratch);
    }
  ok = soleus_render_export_paint (path, format, width, height, paint_picture, self, error);
  update_cell_mode (self);

  return ok;
}

/* The snapshot of the last frame drawn (interpolated). */
const SoleusSnapshot *
soleus_play_area_get_drawn (SoleusPlayArea *self)
{
  g_return_val_if_fail (SOLEUS_IS_PLAY_AREA (self), NULL);

  return &self->drawn;
}

void
soleus_play_area_get_stats (SoleusPlayArea      *self,
                            SoleusPlayAreaStats *stats)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));

  stats->frames = self->frames;
  stats->gl = use_gl (self);
  stats->gl_cells = stats->gl ? soleus_cell_layer_get_n_drawn (SOLEUS_CELL_LAYER (self->cell_layer))
                              : 0;
  stats->cairo_cells = self->cairo_cells;
  stats->ticking = self->tick_id != 0;
}

void
soleus_play_area_set_compare (SoleusPlayArea *self,
                              gboolean        compare)
{
  g_return_if_fail (SOLEUS_IS_PLAY_AREA (self));

  compare = !!compare;
  if (self->compare == compare)
    return;

  self->compare = compare;
  /* Side by side, the legs have half the width: the legend would crowd
   * them out. */
  soleus_scene_set_show_legend (self->scene, !compare);
  soleus_scene_set_crop_to_body (self->scene, compare);
  update_cell_mode (self);
}

gboolean
soleus_play_area_get_compare (SoleusPlayArea *self)
{
  g_return_val_if_fail (SOLEUS_IS_PLAY_AREA (self), FALSE);

  return self->compare;
}
