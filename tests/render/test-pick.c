/* test-pick.c: a click on a valve finds it, and a picked valve stays in a
 * close-up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The window maps a click to soleus_scene_pick_valve () and nothing more,
 * so the hit-test geometry is checked here: at window, projector and 4K
 * sizes and in every posture, each valve drawn in the leg answers a click
 * on its centre, a click a little beside it and, small as it is, one a
 * few pixels off; a close-up answers anywhere in its circle with the valve
 * it shows; empty floor answers nothing. Then pinning: a picked valve
 * stays in a close-up whatever leaks, the other close-up follows the
 * leaks, and letting go follows them again.
 */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "render-test-util.h"
#include "soleus-scene-private.h"

typedef struct
{
  int width, height;
} Size;

static const Size sizes[] = {
  { 1024, 768 }, { 1280, 800 }, { 1920, 1080 }, { 3840, 2160 }, { 850, 480 },
};

static void
paint (SoleusScene          *scene,
       const SoleusSnapshot *snap,
       int                   width,
       int                   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  soleus_scene_paint (scene, cr, snap, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The centre of a close-up and its radius, in the paint's user space. */
static void
inset_circle (SoleusScene *scene,
              int          k,
              double      *x,
              double      *y,
              double      *r)
{
  *x = scene->fit_x + INSET_CX * scene->fit_scale;
  *y = scene->fit_y + soleus_scene_inset_cy[k] * scene->fit_scale;
  *r = INSET_R * scene->fit_scale;
}

static void
test_names (void)
{
  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      SoleusValve back = -1;
      const char *name = soleus_scene_valve_name (v);
      g_autofree char *part = g_strconcat ("valve-", name, NULL);

      g_assert_nonnull (name);
      g_assert_true (g_strv_contains (soleus_scene_list_parts (), part));
      g_assert_true (soleus_scene_valve_from_name (name, &back));
      g_assert_cmpint (back, ==, v);
      g_assert_nonnull (soleus_scene_valve_caption (v));
    }
  {
    SoleusValve v = SOLEUS_VALVE_FEMORAL;

    g_assert_false (soleus_scene_valve_from_name ("valve-femoral", &v));
    g_assert_false (soleus_scene_valve_from_name ("", &v));
    g_assert_false (soleus_scene_valve_from_name (NULL, &v));
    g_assert_cmpint (v, ==, SOLEUS_VALVE_FEMORAL);
  }
  g_assert_null (soleus_scene_valve_name (-1));
  g_assert_null (soleus_scene_valve_name (SOLEUS_N_VALVES));
  g_assert_null (soleus_scene_valve_caption (SOLEUS_N_VALVES));
}

static void
test_hit (void)
{
  for (int p = SOLEUS_POSTURE_SUPINE; p <= SOLEUS_POSTURE_LEGS_UP; p++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr (SoleusScene) scene = soleus_scene_new ();
        SoleusSnapshot snap;
        int w = sizes[s].width, h = sizes[s].height;

        /* nothing painted, nothing to pick */
        g_assert_cmpint (soleus_scene_pick_valve (scene, w / 2.0, h / 2.0), ==, -1);

        render_test_snapshot_posture (&snap, p);
        paint (scene, &snap, w, h);

        for (int v = 0; v < SOLEUS_N_VALVES; v++)
          {
            g_autofree char *part = g_strconcat ("valve-", soleus_scene_valve_name (v), NULL);
            cairo_rectangle_t box;
            double cx, cy;
            int got;

            g_assert_true (soleus_scene_get_part_bounds (scene, part, &box));
            cx = box.x + box.width / 2;
            cy = box.y + box.height / 2;
            got = soleus_scene_pick_valve (scene, cx, cy);
            if (got != v)
              g_error ("posture %d, %dx%d: a click on %s found %s", p, w, h, part,
                       got < 0 ? "nothing" : soleus_scene_valve_name (got));
            /* a few pixels beside a small valve still finds a valve, this
             * one or a neighbour nearer the click */
            got = soleus_scene_pick_valve (scene, cx + 6, cy - 6);
            g_assert_cmpint (got, >=, 0);
          }

        /* each close-up, at its centre and near its rim */
        for (int k = 0; k < N_INSETS; k++)
          {
            double x, y, r;

            inset_circle (scene, k, &x, &y, &r);
            g_assert_cmpint (soleus_scene_pick_valve (scene, x, y), ==, scene->inset_valve[k]);
            g_assert_cmpint (soleus_scene_pick_valve (scene, x + r * 0.9, y), ==,
                             scene->inset_valve[k]);
          }

        /* the top left corner and the floor at the far left are empty */
        g_assert_cmpint (soleus_scene_pick_valve (scene, 2, 2), ==, -1);
        g_assert_cmpint (soleus_scene_pick_valve (scene, 2, h - 2), ==, -1);
      }
}

/* The two close-ups' valves, as painted last. */
static void
shown (SoleusScene *scene,
       int         *a,
       int         *b)
{
  *a = scene->inset_valve[0];
  *b = scene->inset_valve[1];
}

static void
test_pin (void)
{
  g_autoptr (SoleusScene) scene = soleus_scene_new ();
  SoleusSnapshot snap;
  int a, b;

  render_test_snapshot_standing (&snap, 5.0);
  snap.valve[SOLEUS_VALVE_SAPHENOFEMORAL].leak = 0.06;
  snap.valve[SOLEUS_VALVE_PERFORATOR].leak = 0.03;
  g_assert_cmpint (soleus_scene_get_pinned_valve (scene), ==, -1);

  /* following the leaks */
  paint (scene, &snap, 1280, 800);
  shown (scene, &a, &b);
  g_assert_cmpint (a, ==, SOLEUS_VALVE_SAPHENOFEMORAL);
  g_assert_cmpint (b, ==, SOLEUS_VALVE_PERFORATOR);

  /* the foot's valve picked by a click on it: it stays, the leakiest
   * other valve beside it, the higher one above */
  {
    cairo_rectangle_t box;
    int v;

    g_assert_true (soleus_scene_get_part_bounds (scene, "valve-foot-outlet", &box));
    v = soleus_scene_pick_valve (scene, box.x + box.width / 2, box.y + box.height / 2);
    g_assert_cmpint (v, ==, SOLEUS_VALVE_FOOT_OUTLET);
    soleus_scene_set_pinned_valve (scene, v);
  }
  g_assert_cmpint (soleus_scene_get_pinned_valve (scene), ==, SOLEUS_VALVE_FOOT_OUTLET);
  paint (scene, &snap, 1280, 800);
  shown (scene, &a, &b);
  g_assert_cmpint (a, ==, SOLEUS_VALVE_SAPHENOFEMORAL);
  g_assert_cmpint (b, ==, SOLEUS_VALVE_FOOT_OUTLET);

  /* a new leak elsewhere takes the other close-up, not the picked one */
  snap.valve[SOLEUS_VALVE_FEMORAL].leak = 0.09;
  paint (scene, &snap, 1280, 800);
  shown (scene, &a, &b);
  g_assert_cmpint (a, ==, SOLEUS_VALVE_FEMORAL);
  g_assert_cmpint (b, ==, SOLEUS_VALVE_FOOT_OUTLET);

  /* a click on the close-up finds the picked valve: the window lets go */
  {
    double x, y, r;

    inset_circle (scene, 1, &x, &y, &r);
    g_assert_cmpint (soleus_scene_pick_valve (scene, x, y), ==, SOLEUS_VALVE_FOOT_OUTLET);
  }
  soleus_scene_set_pinned_valve (scene, -1);
  paint (scene, &snap, 1280, 800);
  shown (scene, &a, &b);
  g_assert_cmpint (a, ==, SOLEUS_VALVE_FEMORAL);
  g_assert_cmpint (b, ==, SOLEUS_VALVE_SAPHENOFEMORAL);

  /* a fixed pair lets go of a pinned valve */
  soleus_scene_set_pinned_valve (scene, SOLEUS_VALVE_CALF_UPPER);
  soleus_scene_set_inset_valves (scene, SOLEUS_VALVE_POPLITEAL, SOLEUS_VALVE_CALF_LOWER);
  g_assert_cmpint (soleus_scene_get_pinned_valve (scene), ==, -1);
  paint (scene, &snap, 1280, 800);
  shown (scene, &a, &b);
  g_assert_cmpint (a, ==, SOLEUS_VALVE_POPLITEAL);
  g_assert_cmpint (b, ==, SOLEUS_VALVE_CALF_LOWER);
}

int
main (int   argc,
      char *argv[])
{
  render_test_pin_fonts ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/pick/names", test_names);
  g_test_add_func ("/render/pick/hit", test_hit);
  g_test_add_func ("/render/pick/pin", test_pin);

  return g_test_run ();
}
