/* test-labels.c: the label layout is readable and untangled at every size
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The layout is computed, not looked at: these tests read the label boxes,
 * leader lines and fit the painter settled on (through its private header)
 * after painting each posture at window, projector and 4K sizes, in English
 * and in German (the longest words), and check that
 *  - every label shown is at least its minimum size: 14 pixels, and a
 *    share of the output that is 28 pixels at 1920 x 1080; so are the
 *    legend's title and rows and the close-ups' captions, which lie inside
 *    the picture and clear of every label;
 *  - no two labels overlap, no leader line crosses another or a label
 *    (the close-ups' lines count as leader lines), no label sits on the
 *    ground line;
 *  - every label and the whole figure are inside the picture;
 *  - labels are dropped by priority only: the calf pump's stays.
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
  { 1024, 768 }, { 1280, 800 }, { 1920, 1080 }, { 3840, 2160 },
  /* the picture's share of a 1280 x 800 window beside its controls */
  { 850, 480 },
  /* a phone-wide window's picture, and small exports: compact, without
   * the legend and the close-ups */
  { 360, 300 }, { 360, 420 }, { 480, 360 },
};

/* German, read from po/de.po: msgid and msgstr, joined over lines. */
static GHashTable *german;

static char *
po_string (const char *line)
{
  const char *a = strchr (line, '"');
  const char *b = strrchr (line, '"');

  if (a == NULL || b == NULL || b <= a)
    return g_strdup ("");
  g_autofree char *raw = g_strndup (a + 1, b - a - 1);

  return g_strcompress (raw);
}

static void
load_german (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GString *id = NULL, *str = NULL;
  GString *cur = NULL;

  german = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_assert_true (g_file_get_contents (PO_DIR "/de.po", &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      g_autofree char *s = NULL;

      if (g_str_has_prefix (l, "msgid "))
        {
          if (id != NULL && str != NULL && id->len > 0 && str->len > 0)
            g_hash_table_replace (german, g_string_free (id, FALSE), g_string_free (str, FALSE));
          else
            {
              if (id != NULL)
                g_string_free (id, TRUE);
              if (str != NULL)
                g_string_free (str, TRUE);
            }
          id = g_string_new (NULL);
          str = NULL;
          cur = id;
        }
      else if (g_str_has_prefix (l, "msgstr ") && id != NULL)
        {
          str = g_string_new (NULL);
          cur = str;
        }
      else if (l[0] != '"')
        {
          cur = NULL;
          continue;
        }
      if (cur == NULL)
        continue;
      s = po_string (l);
      g_string_append (cur, s);
    }
  if (id != NULL && str != NULL && id->len > 0 && str->len > 0)
    g_hash_table_replace (german, g_string_free (id, FALSE), g_string_free (str, FALSE));
  else
    {
      if (id != NULL)
        g_string_free (id, TRUE);
      if (str != NULL)
        g_string_free (str, TRUE);
    }
  g_assert_nonnull (g_hash_table_lookup (german, "Soleus: the calf pump"));
}

static const char *
translate_german (const char *text,
                  gpointer    user_data)
{
  const char *t = g_hash_table_lookup (german, text);

  return t != NULL ? t : text;
}

static const char *
translate_english (const char *text,
                   gpointer    user_data)
{
  return text;
}

/* The smallest label, in pixels, an output of this size must have. */
static double
min_label_px (int width,
              int height)
{
  return MAX (LABEL_MIN_PX, 28.0 * MIN (width / 1920.0, height / 1080.0));
}

static void
check_layout (SoleusScene          *scene,
              const SoleusSnapshot *snap,
              int                   width,
              int                   height,
              const char           *what)
{
  FrameState *fs = g_new (FrameState, 1);
  double k = scene->fit_scale;
  double px = scene->label_size * k;
  double box[4];
  int shown = 0;

  soleus_scene_compute_frame (scene, snap, fs);
  g_assert_true (scene->labels_valid);

  g_test_message ("%s: labels %.1f px", what, px);
  if (px < MAX (min_label_px (width, height), scene->min_label_px) - 1e-6)
    g_error ("%s: labels %.1f px, under %.1f", what, px,
             MAX (min_label_px (width, height), scene->min_label_px));

  for (int i = 0; i < N_LABELS; i++)
    {
      const LabelBox *a = &scene->labels[i];
      double ground = soleus_scene_ground_y (fs);

      if (!scene->label_shown[i])
        continue;
      shown++;

      /* inside the picture */
      if (scene->fit_x + a->x * k < -0.5 || scene->fit_y + a->y * k < -0.5 ||
          scene->fit_x + (a->x + a->w) * k > width + 0.5 ||
          scene->fit_y + (a->y + a->h) * k > height + 0.5)
        g_error ("%s: label %d is cut off", what, i);
      if (a->y < ground && a->y + a->h > ground)
        g_error ("%s: label %d sits on the ground line", what, i);

      for (int c = 0; c < N_INSETS && scene_insets_shown (scene); c++)
        {
          Pt c0, c1;

          soleus_scene_inset_connector (scene, fs, c, &c0, &c1);
          if (soleus_scene_segment_hits_box (c0, c1, a))
            g_error ("%s: close-up %d's line crosses label %d", what, c, i);
          if (soleus_scene_leaders_cross (c0, c1, a->attach, scene->label_anchor[i]))
            g_error ("%s: close-up %d's line crosses label %d's", what, c, i);
        }

      for (int j = 0; j < N_LABELS; j++)
        {
          const LabelBox *b = &scene->labels[j];

          if (j == i || !scene->label_shown[j])
            continue;
          if (soleus_scene_boxes_overlap (a, b))
            g_error ("%s: labels %d and %d overlap", what, i, j);
          if (soleus_scene_segment_hits_box (a->attach, scene->label_anchor[i], b))
            g_error ("%s: label %d's leader crosses label %d", what, i, j);
          if (soleus_scene_leaders_cross (a->attach, scene->label_anchor[i],
                                          b->attach, scene->label_anchor[j]))
            g_error ("%s: leaders of labels %d and %d cross", what, i, j);
        }
    }

  /* the legend and the close-ups' captions: as large as the labels must
   * be, inside the picture, clear of the labels */
  {
    double need = MAX (min_label_px (width, height), scene->min_label_px) - 1e-6;
    double text_px = scene->text_size * k;
    int n_boxes = 0;
    double boxes[1 + N_INSETS][4];
    const char *names[1 + N_INSETS] = { "legend", "upper caption", "lower caption" };
    const char *box_names[1 + N_INSETS];

    g_test_message ("%s: legend and captions %.1f px", what, text_px);
    if ((scene_legend_shown (scene) || scene_insets_shown (scene)) && text_px < need)
      g_error ("%s: legend and captions %.1f px, under %.1f", what, text_px, need + 1e-6);
    if (scene_legend_shown (scene))
      {
        soleus_scene_legend_box (scene, boxes[n_boxes]);
        box_names[n_boxes++] = names[0];
      }
    if (scene_insets_shown (scene))
      for (int c = 0; c < N_INSETS; c++)
        {
          soleus_scene_caption_box (scene, c, boxes[n_boxes]);
          g_assert_cmpfloat (boxes[n_boxes][3] - boxes[n_boxes][1], >=, scene->text_size);
          box_names[n_boxes++] = names[1 + c];
        }
    for (int b = 0; b < n_boxes; b++)
      {
        const double *r = boxes[b];
        LabelBox lb = { r[0], r[1], r[2] - r[0], r[3] - r[1], { 0, 0 }, SIDE_FRONT };

        if (scene->fit_x + r[0] * k < -0.5 || scene->fit_y + r[1] * k < -0.5 ||
            scene->fit_x + r[2] * k > width + 0.5 || scene->fit_y + r[3] * k > height + 0.5)
          g_error ("%s: the %s is cut off", what, box_names[b]);
        for (int i = 0; i < N_LABELS; i++)
          if (scene->label_shown[i] && soleus_scene_boxes_overlap (&lb, &scene->labels[i]))
            g_error ("%s: the %s and label %d overlap", what, box_names[b], i);
        for (int c = 0; c < b; c++)
          {
            LabelBox other = { boxes[c][0], boxes[c][1], boxes[c][2] - boxes[c][0],
                               boxes[c][3] - boxes[c][1], { 0, 0 }, SIDE_FRONT };

            if (soleus_scene_boxes_overlap (&lb, &other))
              g_error ("%s: the %s and the %s overlap", what, box_names[b], box_names[c]);
          }
      }
  }

  /* compact exactly when the legend's and captions' text would be under
   * its minimum in the standard picture */
  if (scene->compact != (scene->text_min_px / MIN (width / SOLEUS_SCENE_WIDTH,
                                                   height / SOLEUS_SCENE_HEIGHT)
                         > TEXT_MAX_SIZE * scene->min_label_px / LABEL_MIN_PX))
    g_error ("%s: compact is %d", what, scene->compact);
  if (scene->compact && (scene_legend_shown (scene) || scene_insets_shown (scene)))
    g_error ("%s: compact, with a legend or close-ups", what);

  /* the first part the caption names is shown, and a handful more (a
   * compact picture keeps its first few) */
  g_assert_true (scene->label_shown[scene->label_order[0]]);
  if (shown < (scene->compact ? COMPACT_MIN_LABELS : 5))
    g_error ("%s: only %d labels", what, shown);
  for (int r = 0; r < COMPACT_MIN_LABELS && scene->compact; r++)
    if (!scene->label_shown[scene->label_order[r]])
      g_error ("%s: compact, without label %d of the story", what, scene->label_order[r]);

  /* the whole figure in frame */
  soleus_scene_content_box (scene, fs, box);
  g_assert_cmpfloat (scene->fit_x + box[0] * k, >=, -0.5);
  g_assert_cmpfloat (scene->fit_y + box[1] * k, >=, -0.5);
  g_assert_cmpfloat (scene->fit_x + box[2] * k, <=, width + 0.5);
  g_assert_cmpfloat (scene->fit_y + box[3] * k, <=, height + 0.5);

  g_free (fs);
}

static void
run_layouts (SoleusTranslateFunc translate,
             const char         *language,
             gboolean            collapsed,
             gboolean            crop)
{
  for (int p = 0; p <= SOLEUS_POSTURE_LEGS_UP + 1; p++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr (SoleusScene) scene = soleus_scene_new ();
        SoleusSnapshot snap;
        cairo_surface_t *surface;
        cairo_t *cr;
        g_autofree char *what = NULL;

        /* the four postures, then walking */
        if (p <= SOLEUS_POSTURE_LEGS_UP)
          render_test_snapshot_posture (&snap, p);
        else
          render_test_snapshot_walking (&snap, 0.3, 60);
        what = g_strdup_printf ("%s, posture %d, %dx%d%s%s", language, p,
                                sizes[s].width, sizes[s].height,
                                collapsed ? ", legend folded" : "",
                                crop ? ", cropped to the body" : "");
        soleus_scene_set_translate_func (scene, translate, NULL);
        soleus_scene_set_legend_collapsed (scene, collapsed);
        soleus_scene_set_crop_to_body (scene, crop);
        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sizes[s].width, sizes[s].height);
        cr = cairo_create (surface);
        soleus_scene_paint (scene, cr, &snap, sizes[s].width, sizes[s].height);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        check_layout (scene, &snap, sizes[s].width, sizes[s].height, what);
      }
}

static void
test_layout_english (void)
{
  run_layouts (translate_english, "English", FALSE, FALSE);
  run_layouts (translate_english, "English", TRUE, FALSE);
  run_layouts (translate_english, "English", FALSE, TRUE);
}

static void
test_layout_german (void)
{
  run_layouts (translate_german, "German", FALSE, FALSE);
  run_layouts (translate_german, "German", TRUE, FALSE);
  run_layouts (translate_german, "German", FALSE, TRUE);
}

/* Presenting at 1920x1080, the leg has the screen less the chart and
 * the headline, about 1920x800, and the window asks for 28 pixels: the
 * labels are that large, in every posture and language, and the layout
 * holds. */
static void
test_presentation (void)
{
  SoleusTranslateFunc translate[2] = { translate_english, translate_german };

  for (int lang = 0; lang < 2; lang++)
    for (int p = 0; p <= SOLEUS_POSTURE_LEGS_UP + 1; p++)
      {
        g_autoptr (SoleusScene) scene = soleus_scene_new ();
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 800);
        cairo_t *cr = cairo_create (surface);
        g_autofree char *what = g_strdup_printf ("presenting, %s, posture %d",
                                                 lang ? "German" : "English", p);
        SoleusSnapshot snap;

        if (p <= SOLEUS_POSTURE_LEGS_UP)
          render_test_snapshot_posture (&snap, p);
        else
          render_test_snapshot_walking (&snap, 0.3, 60);
        soleus_scene_set_translate_func (scene, translate[lang], NULL);
        soleus_scene_set_legend_collapsed (scene, TRUE);
        soleus_scene_set_min_label_size (scene, 28);
        soleus_scene_paint (scene, cr, &snap, 1920, 800);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        g_assert_cmpfloat (scene->label_size * scene->fit_scale, >=, 28 - 1e-6);
        g_assert_cmpfloat (scene->text_size * scene->fit_scale, >=, 28 - 1e-6);
        check_layout (scene, &snap, 1920, 800, what);
      }
}

/* The layout is made once for standing and kept while the leg walks: at
 * every moment of a stride, no leader line crosses another or a label. */
static void
test_walking_untangled (void)
{
  SoleusTranslateFunc translate[2] = { translate_english, translate_german };

  for (int lang = 0; lang < 2; lang++)
    for (guint sz = 0; sz < G_N_ELEMENTS (sizes); sz++)
      {
        g_autoptr (SoleusScene) scene = soleus_scene_new ();
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                               sizes[sz].width, sizes[sz].height);

        soleus_scene_set_translate_func (scene, translate[lang], NULL);
        for (int k = 0; k < 40; k++)
          {
            SoleusSnapshot snap;
            cairo_t *cr = cairo_create (surface);

            /* an odd step, so the moments differ from the layout's */
            render_test_snapshot_walking (&snap, k / 40.0 + 0.013, 60 + k * 0.03);
            soleus_scene_paint (scene, cr, &snap, sizes[sz].width, sizes[sz].height);
            cairo_destroy (cr);
            for (int i = 0; i < N_LABELS; i++)
              for (int j = 0; j < N_LABELS; j++)
                {
                  const LabelBox *a = &scene->labels[i], *b = &scene->labels[j];

                  if (i == j || !scene->label_shown[i] || !scene->label_shown[j])
                    continue;
                  if (soleus_scene_segment_hits_box (a->attach, scene->label_anchor[i], b))
                    g_error ("%s, %dx%d, phase %.3f: label %d's leader crosses label %d",
                             lang ? "German" : "English", sizes[sz].width, sizes[sz].height,
                             k / 40.0 + 0.013, i, j);
                  if (j > i && soleus_scene_leaders_cross (a->attach, scene->label_anchor[i],
                                                           b->attach, scene->label_anchor[j]))
                    g_error ("%s, %dx%d, phase %.3f: leaders of labels %d and %d cross",
                             lang ? "German" : "English", sizes[sz].width, sizes[sz].height,
                             k / 40.0 + 0.013, i, j);
                }
          }
        cairo_surface_destroy (surface);
      }
}

/* Cropped to the body, the picture loses the legend's and close-ups'
 * room: the same figure comes out larger. */
static void
test_crop_is_larger (void)
{
  for (int p = 0; p <= SOLEUS_POSTURE_LEGS_UP; p++)
    {
      double scale[2];

      for (int crop = 0; crop < 2; crop++)
        {
          g_autoptr (SoleusScene) scene = soleus_scene_new ();
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 800);
          cairo_t *cr = cairo_create (surface);
          cairo_rectangle_t box;
          SoleusSnapshot snap;

          render_test_snapshot_posture (&snap, p);
          soleus_scene_set_show_legend (scene, FALSE);
          soleus_scene_set_crop_to_body (scene, crop);
          g_assert_false (soleus_scene_get_content_box (scene, &box));
          soleus_scene_paint (scene, cr, &snap, 640, 800);
          g_assert_true (soleus_scene_get_content_box (scene, &box));
          scale[crop] = scene->fit_scale;
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
      g_test_message ("posture %d: scale %.3f, cropped %.3f", p, scale[0], scale[1]);
      g_assert_cmpfloat (scale[1], >, scale[0] * 1.1);
    }
}

/* A phone-wide picture leaves out the legend and the close-ups and fits
 * the figure with a few labels as large as it goes: upright, the figure
 * (the content without labels) is at least half the picture's height;
 * lying, at least half its width. The standard picture at these sizes
 * drew it at about a quarter. */
static void
test_compact_figure (void)
{
  static const Size small[] = { { 360, 300 }, { 360, 420 }, { 480, 360 } };
  SoleusTranslateFunc translate[2] = { translate_english, translate_german };

  for (int lang = 0; lang < 2; lang++)
    for (int p = 0; p <= SOLEUS_POSTURE_LEGS_UP + 1; p++)
      for (guint sz = 0; sz < G_N_ELEMENTS (small); sz++)
        {
          g_autoptr (SoleusScene) scene = soleus_scene_new ();
          int width = small[sz].width, height = small[sz].height;
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                                 width, height);
          cairo_t *cr = cairo_create (surface);
          FrameState *fs = g_new (FrameState, 1);
          gboolean lying = p == SOLEUS_POSTURE_SUPINE || p == SOLEUS_POSTURE_LEGS_UP;
          SoleusSnapshot snap;
          double box[4], share;

          if (p <= SOLEUS_POSTURE_LEGS_UP)
            render_test_snapshot_posture (&snap, p);
          else
            render_test_snapshot_walking (&snap, 0.3, 60);
          soleus_scene_set_translate_func (scene, translate[lang], NULL);
          soleus_scene_paint (scene, cr, &snap, width, height);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_assert_true (scene->compact);

          /* the figure alone, at the scale it was drawn */
          soleus_scene_compute_frame (scene, &snap, fs);
          scene->labels_valid = FALSE;
          soleus_scene_content_box (scene, fs, box);
          share = lying ? (box[2] - box[0]) * scene->fit_scale / width
                        : (box[3] - box[1]) * scene->fit_scale / height;
          g_test_message ("%s, posture %d, %dx%d: the figure takes %.0f%% of the %s",
                          lang ? "German" : "English", p, width, height, 100 * share,
                          lying ? "width" : "height");
          if (share < 0.5)
            g_error ("%s, posture %d, %dx%d: the figure takes %.0f%% of the %s",
                     lang ? "German" : "English", p, width, height, 100 * share,
                     lying ? "width" : "height");
          g_free (fs);
        }
}

/* The labels the caption names come first: the foot veins walking, the
 * deep calf veins sitting, and the valves when they are weak. */
static void
test_caption_first (void)
{
  static const struct
  {
    int      posture;
    gboolean walking;
    double   weakness;
    int      first;
    int      also;
  } cases[] = {
    { SOLEUS_POSTURE_STANDING, TRUE, 0, L_PLANTAR, L_SOLEUS },
    { SOLEUS_POSTURE_SITTING, FALSE, 0, L_DEEP, L_ANKLE },
    { SOLEUS_POSTURE_SUPINE, FALSE, 0.8, L_HEART, L_VALVE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (SoleusScene) scene = soleus_scene_new ();
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
      cairo_t *cr = cairo_create (surface);
      SoleusSnapshot snap;

      render_test_snapshot_posture (&snap, cases[c].posture);
      snap.walking = cases[c].walking;
      snap.control[SOLEUS_PARAM_VALVE_WEAKNESS] = cases[c].weakness;
      soleus_scene_paint (scene, cr, &snap, 1280, 800);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_assert_cmpint (scene->label_order[0], ==, cases[c].first);
      g_assert_true (scene->label_order[1] == cases[c].also ||
                     scene->label_order[2] == cases[c].also);
      g_assert_true (scene->label_shown[cases[c].first]);
      g_assert_true (scene->label_shown[cases[c].also]);
    }
}

/* The checks see a crossing: two segments that do, two that do not. */
static void
test_geometry_checks (void)
{
  LabelBox b = { 10, 10, 20, 10, { 0, 0 }, SIDE_BACK };

  g_assert_true (soleus_scene_leaders_cross (pt (0, 0), pt (10, 10), pt (0, 10), pt (10, 0)));
  g_assert_false (soleus_scene_leaders_cross (pt (0, 0), pt (10, 0), pt (0, 5), pt (10, 5)));
  g_assert_true (soleus_scene_segment_hits_box (pt (0, 15), pt (40, 15), &b));
  g_assert_false (soleus_scene_segment_hits_box (pt (0, 0), pt (40, 5), &b));
}

int
main (int   argc,
      char *argv[])
{
  render_test_pin_fonts ();
  g_test_init (&argc, &argv, NULL);
  load_german ();

  g_test_add_func ("/render/labels/geometry-checks", test_geometry_checks);
  g_test_add_func ("/render/labels/caption-first", test_caption_first);
  g_test_add_func ("/render/labels/layout-english", test_layout_english);
  g_test_add_func ("/render/labels/crop-is-larger", test_crop_is_larger);
  g_test_add_func ("/render/labels/compact-figure", test_compact_figure);
  g_test_add_func ("/render/labels/presentation", test_presentation);
  g_test_add_func ("/render/labels/walking-untangled", test_walking_untangled);
  g_test_add_func ("/render/labels/layout-german", test_layout_german);

  return g_test_run ();
}
