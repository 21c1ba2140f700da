/* soleus-handout.c: the printed one-page patient handout, and plain words
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The page, top to bottom: a title (and the date), one sentence saying what
 * both legs are doing and the body's weight and height, the two legs side by
 * side, the key readouts in a small table (this leg, a healthy leg) in the
 * units chosen in the preferences, "What you may feel", "What helps", a
 * blank box for the clinician's notes, and a footer. The pictures take the
 * height the text leaves; when the text would squeeze them below a third of
 * the page, every font shrinks a step and the page is laid out again, so
 * nothing ever runs off the paper. The notes box takes what room is left.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "soleus-handout.h"
#include "soleus-palette.h"
#include "soleus-render-export.h"
#include "soleus-scene.h"


/* ---------------------------------------------------------------------- */
/* Text on the page. */

/* Font sizes at scale 1, in points. Body text stays at 11 pt or more
 * unless a very long translation forces the page to shrink. */
#define SIZE_TITLE    21.0
#define SIZE_HEADING  14.0
#define SIZE_BODY     11.5
#define SIZE_SMALL    11.0
#define MIN_SCALE     0.5

#define MMHG_PER_KPA  7.50062
#define LB_PER_KG     2.20462

/* The clinician's notes: a box at least this high at scale 1, in points
 * (a few handwritten lines), and higher when the page has room left. */
#define NOTES_HEIGHT  56.0

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  double        scale;     /* font scale */
  gboolean      draw;      /* FALSE: measure only */
} Page;

static PangoLayout *
make_layout (Page       *page,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_layout_new (page->context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * page->scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) floor (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle ink, logical;

  pango_layout_get_extents (layout, &ink, &logical);
  return MAX (logical.y + logical.height, ink.y + ink.height) / (double) PANGO_SCALE;
}

static void
set_color (cairo_t     *cr,
           double       grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
}

/* Draws (or measures) a block of text at (x, y) and returns its height. */
static double
text_block (Page       *page,
            const char *text,
            double      size,
            gboolean    bold,
            double      grey,
            double      x,
            double      y,
            double      width)
{
  PangoLayout *layout = make_layout (page, text, size, bold, width);
  double h = layout_height (layout);

  if (page->draw)
    {
      set_color (page->cr, grey);
      cairo_move_to (page->cr, x, y);
      pango_cairo_show_layout (page->cr, layout);
    }
  g_object_unref (layout);
  return h;
}

/* A bulleted line: a filled disc, then the wrapped text. */
static double
bullet (Page       *page,
        const char *text,
        double      x,
        double      y,
        double      width)
{
  double size = SIZE_BODY * page->scale;
  double indent = 1.3 * size;
  double h = text_block (page, text, SIZE_BODY, FALSE, 0.08, x + indent, y, width - indent);

  if (page->draw)
    {
      set_color (page->cr, 0.25);
      /* The text leaves the current point at its start: without a new
       * path, the disc would be joined to it by a stray line. */
      cairo_new_path (page->cr);
      cairo_arc (page->cr, x + 0.4 * size, y + 0.62 * size, 0.19 * size, 0, 2 * G_PI);
      cairo_fill (page->cr);
    }
  return h;
}

/* ---------------------------------------------------------------------- */
/* The legs. */

static const char * const crop_parts[] = {
  "leg", "foot", "ankle", "calf", "thigh", "torso", "heart",
};

static SoleusScene *
make_scene (SoleusSkinTone skin_tone,
            SoleusFigure   figure)
{
  SoleusScene *scene = soleus_scene_new ();

  soleus_scene_set_palette (scene, SOLEUS_PALETTE_PROJECTOR);
  soleus_scene_set_skin_tone (scene, skin_tone);
  if ((int) figure >= 0 && figure < SOLEUS_N_FIGURES)
    soleus_scene_set_figure (scene, figure);
  soleus_scene_set_show_labels (scene, FALSE);
  soleus_scene_set_show_legend (scene, FALSE);
  soleus_scene_set_use_cache (scene, FALSE);
  /* A still picture: the cells would only speckle the veins. Valve
   * leaflets and the orange back-arrows still show the flow. */
  soleus_scene_set_show_cells (scene, FALSE);
  return scene;
}

/* The column of magnified valves at the scene's right edge, in the
 * scene's logical units (INSET_CX, INSET_R and soleus_scene_inset_cy in
 * soleus-scene-private.h), captions excluded. */
static const cairo_rectangle_t inset_column = { 1392.0, 366.0, 192.0, 472.0 };

/* The part of the painted scene that holds the body (without the magnified
 * valves at the right edge), and where the valves are, found from a
 * throw-away paint. The scene fits its content into the size it paints
 * (a figure that reaches past the standard picture makes it smaller), so
 * the valves' column is taken through the same fit as the parts. */
static void
body_crop (const SoleusSnapshot *snapshot,
           SoleusFigure          figure,
           cairo_rectangle_t    *crop,
           cairo_rectangle_t    *insets)
{
  g_autoptr(SoleusScene) scene = make_scene (SOLEUS_SKIN_TONE_LIGHT, figure);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 10);
  cairo_t *cr = cairo_create (surface);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double pad;

  cairo_scale (cr, 16.0 / SOLEUS_SCENE_WIDTH, 10.0 / SOLEUS_SCENE_HEIGHT);
  soleus_scene_paint (scene, cr, snapshot, SOLEUS_SCENE_WIDTH, SOLEUS_SCENE_HEIGHT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  *insets = inset_column;
  {
    cairo_rectangle_t box;

    if (soleus_scene_get_content_box (scene, &box) && box.width > 0.0 && box.height > 0.0)
      {
        double fit = MIN (SOLEUS_SCENE_WIDTH / box.width, SOLEUS_SCENE_HEIGHT / box.height);
        double fx = (SOLEUS_SCENE_WIDTH - box.width * fit) / 2.0 - box.x * fit;
        double fy = (SOLEUS_SCENE_HEIGHT - box.height * fit) / 2.0 - box.y * fit;

        insets->x = fx + inset_column.x * fit;
        insets->y = fy + inset_column.y * fit;
        insets->width = inset_column.width * fit;
        insets->height = inset_column.height * fit;
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (crop_parts); i++)
    {
      cairo_rectangle_t b;

      if (!soleus_scene_get_part_bounds (scene, crop_parts[i], &b))
        continue;
      x0 = MIN (x0, b.x);
      y0 = MIN (y0, b.y);
      x1 = MAX (x1, b.x + b.width);
      y1 = MAX (y1, b.y + b.height);
    }

  if (x1 <= x0 || y1 <= y0)
    {
      x0 = y0 = 0.0;
      x1 = SOLEUS_SCENE_WIDTH;
      y1 = SOLEUS_SCENE_HEIGHT;
    }

  pad = 0.03 * MAX (x1 - x0, y1 - y0);
  crop->x = MAX (0.0, x0 - pad);
  crop->y = MAX (0.0, y0 - pad);
  crop->width = MIN (SOLEUS_SCENE_WIDTH, x1 + pad) - crop->x;
  crop->height = MIN (SOLEUS_SCENE_HEIGHT, y1 + pad) - crop->y;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Space between the body and the valves, in scene units. */
#define INSET_GAP 40.0

/* Paints the cropped body and, beside it at the same scale and height, the
 * magnified valves, centred in the box and framed. */
static void
paint_leg (cairo_t                 *cr,
           const SoleusSnapshot    *snapshot,
           SoleusSkinTone           skin_tone,
           SoleusFigure             figure,
           const cairo_rectangle_t *crop,
           const cairo_rectangle_t *insets,
           double                   x,
           double                   y,
           double                   w,
           double                   h)
{
  g_autoptr(SoleusScene) scene = make_scene (skin_tone, figure);
  double pad = 6.0;
  double total_w = crop->width + INSET_GAP + insets->width;
  double s = MIN ((w - 2 * pad) / total_w, (h - 2 * pad) / crop->height);
  double ox = x + (w - s * total_w) / 2.0;
  double oy = y + (h - s * crop->height) / 2.0;

  cairo_save (cr);
  rounded_rect (cr, x, y, w, h, 8.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, s, s);
  cairo_translate (cr, -crop->x, -crop->y);
  cairo_rectangle (cr, crop->x, crop->y, crop->width, crop->height);
  cairo_clip (cr);
  soleus_scene_paint (scene, cr, snapshot, SOLEUS_SCENE_WIDTH, SOLEUS_SCENE_HEIGHT);
  {
    /* The far leg and the leader lines run on to the right: fade them out
     * rather than cut them with a hard edge. */
    double fade = 0.14 * crop->width;
    double fx = crop->x + crop->width - fade;
    cairo_pattern_t *white = cairo_pattern_create_linear (fx, 0, fx + fade, 0);

    cairo_pattern_add_color_stop_rgba (white, 0.0, 1, 1, 1, 0);
    cairo_pattern_add_color_stop_rgba (white, 1.0, 1, 1, 1, 1);
    cairo_rectangle (cr, fx, crop->y, fade, crop->height);
    cairo_set_source (cr, white);
    cairo_fill (cr);
    cairo_pattern_destroy (white);
  }
  cairo_restore (cr);

  /* The same frame again, showing only the valves: the snapshot has not
   * changed, so nothing moves between the two paints. */
  cairo_save (cr);
  cairo_translate (cr, ox + s * (crop->width + INSET_GAP), oy);
  cairo_scale (cr, s, s);
  cairo_translate (cr, -insets->x, -crop->y);
  cairo_rectangle (cr, insets->x, insets->y, insets->width, insets->height);
  cairo_clip (cr);
  soleus_scene_paint (scene, cr, snapshot, SOLEUS_SCENE_WIDTH, SOLEUS_SCENE_HEIGHT);
  cairo_restore (cr);

  cairo_restore (cr);

  cairo_save (cr);
  rounded_rect (cr, x, y, w, h, 8.0);
  cairo_set_line_width (cr, 1.0);
  set_color (cr, 0.7);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------- */
/* The readouts. */

enum { ROW_PRESSURE, ROW_SWELLING, ROW_REFILL, ROW_BLOOD_FLOW, N_ROWS };

typedef struct
{
  const char *title;
  const char *meaning;
  char       *leg;
  char       *healthy;
} Row;

static double
no_negative_zero (double value)
{
  return fabs (value) < 0.5 ? 0.0 : value;
}

static char *
format_pressure (double                    mmhg,
                 SoleusHandoutPressureUnit unit)
{
  if (unit == SOLEUS_HANDOUT_KPA)
    /* Translators: a pressure in kilopascals */
    return g_strdup_printf (_("%.1f kPa"), mmhg / MMHG_PER_KPA);

  /* Translators: a pressure on the handout, "23 mmHg" */
  return g_strdup_printf (_("%.0f mmHg"), mmhg);
}

static char *
format_weight (double                  kg,
               SoleusHandoutWeightUnit unit)
{
  if (unit == SOLEUS_HANDOUT_LB)
    /* Translators: a body weight in pounds */
    return g_strdup_printf (_("%.0f lb"), kg * LB_PER_KG);

  /* Translators: a body weight in kilograms */
  return g_strdup_printf (_("%.0f kg"), kg);
}

static void
fill_values (const SoleusSnapshot      *s,
             const SoleusReadouts      *r,
             SoleusHandoutPressureUnit  unit,
             Row                        rows[N_ROWS],
             gboolean                   leg)
{
  char **pressure = leg ? &rows[ROW_PRESSURE].leg : &rows[ROW_PRESSURE].healthy;
  char **fluid = leg ? &rows[ROW_SWELLING].leg : &rows[ROW_SWELLING].healthy;
  char **refill = leg ? &rows[ROW_REFILL].leg : &rows[ROW_REFILL].healthy;
  char **flow = leg ? &rows[ROW_BLOOD_FLOW].leg : &rows[ROW_BLOOD_FLOW].healthy;

  if (s == NULL || r == NULL)
    {
      *pressure = g_strdup ("–");
      *fluid = g_strdup ("–");
      *refill = g_strdup ("–");
      *flow = g_strdup ("–");
      return;
    }

  *pressure = format_pressure (soleus_patient_ankle_pressure (s, r), unit);
  /* Translators: fluid gained in the tissue, "+20 mL" */
  *fluid = g_strdup_printf (_("%+.0f mL"), no_negative_zero (r->tissue_fluid_change_ml));
  if (isnan (r->rt90_s))
    *refill = g_strdup (_("Not measured"));
  else
    /* Translators: a refill time in seconds, "31 s" */
    *refill = g_strdup_printf (_("%.0f s"), r->rt90_s);
  *flow = g_strdup (soleus_blood_flow_word (r->blood_flow));
}

/* "3" for whole numbers, "2.5" otherwise, in the locale's digits. */
static const char *
speed_text (double kmh,
            char   buf[32])
{
  if (fabs (kmh - round (kmh)) < 0.05)
    g_snprintf (buf, 32, "%.0f", kmh);
  else
    g_snprintf (buf, 32, "%.1f", kmh);
  return buf;
}

static const char *
situation_text (const SoleusSnapshot *s,
                char                **owned)
{
  char speed_buf[32];
  SoleusPosture posture = (SoleusPosture) s->control[SOLEUS_PARAM_POSTURE];

  switch (posture)
    {
    case SOLEUS_POSTURE_STANDING:
      if (s->walking)
        {
          double kmh = s->control[SOLEUS_PARAM_SPEED_KMH];

          /* Translators: %s is a walking speed, "3" or "2.5" */
          *owned = g_strdup_printf (_("Both legs are walking at %s km/h."),
                                    speed_text (kmh, speed_buf));
          return *owned;
        }
      return _("Both legs are standing still.");
    case SOLEUS_POSTURE_SITTING:
      return s->walking ? _("Both legs are seated, doing ankle exercises.")
                        : _("Both legs are seated and still.");
    case SOLEUS_POSTURE_LEGS_UP:
      return _("Both legs are raised while lying down.");
    case SOLEUS_POSTURE_SUPINE:
    case SOLEUS_N_POSTURES:
    default:
      return s->walking ? _("Both legs are lying down, doing ankle exercises.")
                        : _("Both legs are lying down.");
    }
}

/* "Body weight 75 kg, height 175 cm.": the two controls that shape the
 * figure and that the picture alone cannot give in numbers. */
static char *
body_text (const SoleusSnapshot    *s,
           SoleusHandoutWeightUnit  unit)
{
  g_autofree char *weight = format_weight (s->control[SOLEUS_PARAM_WEIGHT_KG], unit);
  /* Translators: a body height on the handout, "175 cm" */
  g_autofree char *height = g_strdup_printf (_("%.0f cm"), s->control[SOLEUS_PARAM_HEIGHT_CM]);

  /* Translators: under the handout's title; the first %s is a weight
   * ("75 kg" or "165 lb"), the second a height ("175 cm") */
  return g_strdup_printf (_("Body weight %s, height %s."), weight, height);
}

/* ---------------------------------------------------------------------- */
/* The date. */

char *
soleus_handout_format_date (GDateTime *date)
{
  /* The month is written out from the interface's own translations, so
   * that the date is in the language of the rest of the page whatever
   * the C library's time locale is. */
  static const char *const months[12] = {
    NC_("month in a date", "January"),
    NC_("month in a date", "February"),
    NC_("month in a date", "March"),
    NC_("month in a date", "April"),
    NC_("month in a date", "May"),
    NC_("month in a date", "June"),
    NC_("month in a date", "July"),
    NC_("month in a date", "August"),
    NC_("month in a date", "September"),
    NC_("month in a date", "October"),
    NC_("month in a date", "November"),
    NC_("month in a date", "December"),
  };
  /* Translators: the date on the handout, a format for
   * g_date_time_format (): %-d is the day without a leading zero, %B the
   * month's full name (translated above, "month in a date") and %Y the
   * year. Write them as your language does: "%-d. %B %Y" gives
   * "3. Dezember 2026", "%-d de %B de %Y" gives "3 de diciembre de 2026". */
  const char *format = _("%-d %B %Y");
  const char *month;
  g_autoptr(GString) with_month = NULL;
  g_auto(GStrv) escaped = NULL;
  g_autofree char *safe = NULL;
  char *text;
  int m;

  g_return_val_if_fail (date != NULL, NULL);

  m = g_date_time_get_month (date);
  month = g_dpgettext2 (GETTEXT_PACKAGE, "month in a date", months[CLAMP (m, 1, 12) - 1]);
  /* A '%' in the month's name would be read as a conversion. */
  escaped = g_strsplit (month, "%", -1);
  safe = g_strjoinv ("%%", escaped);
  with_month = g_string_new (format);
  g_string_replace (with_month, "%B", safe, 0);
  text = g_date_time_format (date, with_month->str);
  if (text == NULL)
    {
      /* A broken translation of the format: the English order. */
      g_string_assign (with_month, "%-d %B %Y");
      g_string_replace (with_month, "%B", safe, 0);
      text = g_date_time_format (date, with_month->str);
    }
  return text;
}

/* ---------------------------------------------------------------------- */
/* The page. */

typedef struct
{
  double width, height;
  double margin;
  double legs_h;           /* height of the pictures */
  cairo_rectangle_t insets[2];  /* the magnified valves of each leg's scene */
  double notes_extra;      /* room left on the page, given to the notes */
} Geometry;

/* The footer, anchored to the bottom margin; returns its height. */
static double
layout_footer (Page           *page,
               const Geometry *geo)
{
  cairo_t *cr = page->cr;
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double footer_h;
  const char *footer = _("Soleus is an educational model, not a diagnostic tool. "
                         "Ask your clinician about your own legs.");
  PangoLayout *fl = make_layout (page, footer, SIZE_SMALL, FALSE, w);

  footer_h = layout_height (fl) + 10.0 * sc;
  if (page->draw)
    {
      double fy = geo->height - geo->margin - layout_height (fl);

      cairo_set_line_width (cr, 0.8);
      set_color (cr, 0.6);
      cairo_move_to (cr, x, fy - 6.0 * sc);
      cairo_line_to (cr, x + w, fy - 6.0 * sc);
      cairo_stroke (cr);
      set_color (cr, 0.2);
      cairo_move_to (cr, x, fy);
      pango_cairo_show_layout (cr, fl);
    }
  g_object_unref (fl);
  return footer_h;
}

/* The title at y, with the date at the right; returns the y below it. */
static double
layout_title (Page                       *page,
              const SoleusHandoutContent *content,
              const Geometry             *geo,
              double                      y)
{
  cairo_t *cr = page->cr;
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double gap = 12.0 * sc;
  double date_w = 0.0;
  double title_h;
  const char *title = content->title != NULL ? content->title
                                             : _("Your leg and a healthy leg");
  g_autofree char *long_date = NULL;
  const char *date_text = content->date_text;

  if (date_text == NULL && content->date != NULL)
    date_text = long_date = soleus_handout_format_date (content->date);

  if (date_text != NULL && *date_text != '\0')
    {
      PangoLayout *dl = make_layout (page, date_text, SIZE_SMALL, FALSE, w / 3.0);
      PangoRectangle ink, logical;

      pango_layout_get_pixel_extents (dl, &ink, &logical);
      date_w = logical.width + gap;
      pango_layout_set_alignment (dl, PANGO_ALIGN_RIGHT);
      if (page->draw)
        {
          set_color (cr, 0.3);
          cairo_move_to (cr, x + w - w / 3.0, y + 0.45 * SIZE_TITLE * sc);
          pango_cairo_show_layout (cr, dl);
        }
      g_object_unref (dl);
    }
  title_h = text_block (page, title, SIZE_TITLE, TRUE, 0.0, x, y, w - date_w);
  return y + (title_h + 3.0 * sc);
}

/* The two legs at y, captioned, and what their colours mean; returns
 * the y below them. */
static double
layout_legs (Page                       *page,
             const SoleusHandoutContent *content,
             const Geometry             *geo,
             const cairo_rectangle_t     crops[2],
             double                      y)
{
  cairo_t *cr = page->cr;
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double gap = 12.0 * sc;
  double col_w = (w - gap) / 2.0;
  double cap_h = MAX (text_block (page, _("This leg"), SIZE_HEADING, TRUE, 0.0, x, y, col_w),
                      text_block (page, _("A healthy leg doing the same"), SIZE_HEADING, TRUE,
                                  0.0, x + col_w + gap, y, col_w));

  y += cap_h + 4.0 * sc;
  if (page->draw && geo->legs_h > 1.0)
    {
      paint_leg (cr, content->leg, content->skin_tone, content->figure, &crops[0],
                 &geo->insets[0], x, y, col_w, geo->legs_h);
      paint_leg (cr, content->healthy, content->skin_tone, content->figure, &crops[1],
                 &geo->insets[1], x + col_w + gap, y, col_w, geo->legs_h);
    }
  y += geo->legs_h + 5.0 * sc;
  y += text_block (page,
                   _("Blue tubes are veins; the small rings on them are one-way valves. "
                     "The two circles magnify a valve: shut, its leaflets meet; "
                     "leaking, an orange arrow shows blood falling back."),
                   SIZE_SMALL, FALSE, 0.3, x, y, w);
  y += gap;
  return y;
}

/* The readouts at y: what each means, this leg, a healthy leg; returns
 * the y below them. */
static double
layout_readouts (Page                       *page,
                 const SoleusHandoutContent *content,
                 const Geometry             *geo,
                 double                      y)
{
  cairo_t *cr = page->cr;
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double gap = 12.0 * sc;
  double h;
  Row rows[N_ROWS] = {
    { N_("Ankle vein pressure"),
      N_("The pressure of blood in the veins at the ankle. While walking, lower is better."),
      NULL, NULL },
    { N_("Swelling"),
      N_("Fluid that has seeped into the lower leg since the start."),
      NULL, NULL },
    { N_("Refill time"),
      N_("How fast the veins fill again after walking stops. More than 20 s is healthy; "
         "shorter points to leaking valves."),
      NULL, NULL },
    { N_("Blood flow in the calf"),
      N_("Brisk, slowing for a while, or pooling for hours in the deep calf veins. "
         "Sitting still slows it; walking and moving the ankles keep it brisk. "
         "This is illustrative, not a prediction."),
      NULL, NULL },
  };
  double name_w = w * 0.6;
  double val_w = (w - name_w - gap) / 2.0;
  double vx0 = x + name_w + gap;
  double vx1 = vx0 + val_w;

  gboolean has_refill =
    (content->leg_readouts != NULL && !isnan (content->leg_readouts->rt90_s))
    || (content->healthy_readouts != NULL && !isnan (content->healthy_readouts->rt90_s));

  fill_values (content->leg, content->leg_readouts, content->pressure_unit, rows, TRUE);
  fill_values (content->healthy, content->healthy_readouts, content->pressure_unit, rows,
               FALSE);

  h = text_block (page, _("Your numbers in plain words"), SIZE_HEADING, TRUE, 0.0,
                  x, y, name_w);
  h = MAX (h, text_block (page, _("This leg"), SIZE_BODY, TRUE, 0.0, vx0, y + 2.0 * sc,
                          val_w - 4.0));
  h = MAX (h, text_block (page, _("Healthy leg"), SIZE_BODY, TRUE, 0.0, vx1, y + 2.0 * sc,
                          val_w - 4.0));
  y += h + 4.0 * sc;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      double name_h, row_h;

      /* No refill time yet on either leg (it is measured when walking
       * stops): a row of dashes would tell the patient nothing. */
      if (i == ROW_REFILL && !has_refill)
        {
          g_clear_pointer (&rows[i].leg, g_free);
          g_clear_pointer (&rows[i].healthy, g_free);
          continue;
        }

      if (page->draw)
        {
          cairo_set_line_width (cr, 0.6);
          set_color (cr, 0.75);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x + w, y);
          cairo_stroke (cr);
        }
      y += 4.0 * sc;
      name_h = text_block (page, _(rows[i].title), SIZE_BODY, TRUE, 0.0, x, y, name_w);
      name_h += text_block (page, _(rows[i].meaning), SIZE_SMALL, FALSE, 0.3,
                            x, y + name_h, name_w);
      row_h = MAX (name_h,
                   text_block (page, rows[i].leg, SIZE_HEADING, TRUE, 0.0, vx0, y,
                               val_w - 4.0));
      row_h = MAX (row_h,
                   text_block (page, rows[i].healthy, SIZE_HEADING, FALSE, 0.15, vx1, y,
                               val_w - 4.0));
      y += row_h + 4.0 * sc;
      g_free (rows[i].leg);
      g_free (rows[i].healthy);
    }
  y += gap;
  return y;
}

/* At y, what you may feel and what helps; returns the y below them. */
static double
layout_advice (Page                       *page,
               const SoleusHandoutContent *content,
               const Geometry             *geo,
               double                      y)
{
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double gap = 12.0 * sc;
  g_autofree char *feelings = soleus_plain_feelings (content->leg, content->leg_readouts);
  g_auto(GStrv) feeling_lines = g_strsplit (feelings, "\n", -1);
  g_auto(GStrv) advice = soleus_plain_advice (content->leg, content->leg_readouts);

  y += text_block (page, _("What you may feel with a leg like this"), SIZE_HEADING, TRUE, 0.0,
                   x, y, w) + 3.0 * sc;
  for (guint i = 0; feeling_lines[i] != NULL; i++)
    y += bullet (page, feeling_lines[i], x, y, w) + 2.0 * sc;
  y += gap * 0.7;

  y += text_block (page, _("What helps"), SIZE_HEADING, TRUE, 0.0, x, y, w) + 3.0 * sc;
  for (guint i = 0; advice[i] != NULL; i++)
    y += bullet (page, advice[i], x, y, w) + 2.0 * sc;
  return y;
}

/* At y, a heading and a blank box for the clinician to write in; returns
 * the y below it. */
static double
layout_notes (Page           *page,
              const Geometry *geo,
              double          y)
{
  cairo_t *cr = page->cr;
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double box_h = NOTES_HEIGHT * sc + geo->notes_extra;

  y += 8.0 * sc;
  y += text_block (page, _("Notes from your clinician"), SIZE_HEADING, TRUE, 0.0,
                   x, y, w) + 4.0 * sc;
  if (page->draw)
    {
      cairo_save (cr);
      cairo_new_path (cr);
      rounded_rect (cr, x, y, w, box_h, 6.0);
      cairo_set_line_width (cr, 0.8);
      set_color (cr, 0.55);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  return y + box_h + 8.0 * sc;
}

/* Lays out (or measures) everything; returns the height the text takes,
 * the pictures excluded. */
static double
layout_page (Page                       *page,
             const SoleusHandoutContent *content,
             const Geometry             *geo,
             const cairo_rectangle_t     crops[2])
{
  double sc = page->scale;
  double x = geo->margin;
  double w = geo->width - 2 * geo->margin;
  double y = geo->margin;
  double gap = 12.0 * sc;
  double text_h = layout_footer (page, geo);
  double y_start = y;
  g_autofree char *situation_owned = NULL;
  g_autofree char *body = body_text (content->leg, content->weight_unit);

  y = layout_title (page, content, geo, y);
  y += text_block (page, situation_text (content->leg, &situation_owned), SIZE_BODY,
                   FALSE, 0.25, x, y, w);
  y += text_block (page, body, SIZE_BODY, FALSE, 0.25, x, y, w);
  y += gap;
  y = layout_legs (page, content, geo, crops, y);
  y = layout_readouts (page, content, geo, y);
  y = layout_advice (page, content, geo, y);
  y = layout_notes (page, geo, y);

  text_h += y - y_start - geo->legs_h;
  return text_h;
}

static PangoContext *
make_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics independent of the target, so a PDF, a print and a PNG of the
   * page break their lines at the same words. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  /* Whole device pixels on screen, points in a PDF: rounding glyph
   * positions to either would break lines differently. */
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

void
soleus_handout_paint (cairo_t                    *cr,
                      const SoleusHandoutContent *content,
                      double                      width,
                      double                      height)
{
  Page page = { 0 };
  Geometry geo;
  cairo_rectangle_t crops[2];
  double legs_min, legs_max, crop_aspect, col_w, text_h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (content != NULL);
  g_return_if_fail (content->leg != NULL);
  g_return_if_fail (content->healthy != NULL);

  if (!(width > 0.0) || !(height > 0.0))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  body_crop (content->leg, content->figure, &crops[0], &geo.insets[0]);
  body_crop (content->healthy, content->figure, &crops[1], &geo.insets[1]);
  /* Both legs at one scale, so their sizes compare. */
  {
    double x0 = MIN (crops[0].x, crops[1].x);
    double y0 = MIN (crops[0].y, crops[1].y);
    double x1 = MAX (crops[0].x + crops[0].width, crops[1].x + crops[1].width);
    double y1 = MAX (crops[0].y + crops[0].height, crops[1].y + crops[1].height);

    crops[0].x = crops[1].x = x0;
    crops[0].y = crops[1].y = y0;
    crops[0].width = crops[1].width = x1 - x0;
    crops[0].height = crops[1].height = y1 - y0;
  }

  geo.width = width;
  geo.height = height;
  /* 15 mm on A4, proportionally on other sizes */
  geo.margin = 0.0714 * MIN (width, height);

  page.cr = cr;
  page.context = make_context (cr);
  page.draw = FALSE;

  col_w = (width - 2 * geo.margin - 14.0) / 2.0;
  crop_aspect = (crops[0].width + INSET_GAP + MAX (geo.insets[0].width, geo.insets[1].width))
                / crops[0].height;
  legs_max = col_w / crop_aspect;
  /* The pictures give way first, down to a little under a quarter of the
   * page; only then do the fonts shrink, since older eyes need them. */
  legs_min = MIN (legs_max, 0.25 * height);

  /* Shrink the fonts until the text leaves the pictures enough room. */
  geo.notes_extra = 0.0;
  for (page.scale = 1.0; ; page.scale *= 0.95)
    {
      geo.legs_h = 0.0;
      text_h = layout_page (&page, content, &geo, crops);
      geo.legs_h = MIN (legs_max, height - 2 * geo.margin - text_h);
      if (geo.legs_h >= legs_min || page.scale < MIN_SCALE)
        break;
    }
  geo.legs_h = MAX (0.0, geo.legs_h);
  /* What the pictures cannot use (they are as large as their column
   * allows) is room to write in. */
  geo.notes_extra = MAX (0.0, height - 2 * geo.margin - text_h - geo.legs_h);

  page.draw = TRUE;
  pango_cairo_update_context (cr, page.context);
  layout_page (&page, content, &geo, crops);

  g_object_unref (page.context);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------- */
/* PDF. */

gboolean
soleus_handout_write_pdf_to_writer (const SoleusHandoutContent  *content,
                                    SoleusFileWriter            *out,
                                    GError                     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (content->leg != NULL && content->healthy != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (soleus_file_writer_cairo_write, out,
                                                 SOLEUS_HANDOUT_A4_WIDTH,
                                                 SOLEUS_HANDOUT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  content->title != NULL ? content->title
                                                         : _("Your leg and a healthy leg"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Soleus");

  cr = cairo_create (surface);
  soleus_handout_paint (cr, content, SOLEUS_HANDOUT_A4_WIDTH, SOLEUS_HANDOUT_A4_HEIGHT);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* The writer's reason first: Cairo's says only that writing failed. */
  if (!soleus_render_check_writer (out, error))
    return FALSE;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (soleus_file_writer_get_path (out));

      g_set_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE,
                   "Could not write “%s”: %s", display, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
soleus_handout_write_pdf (const SoleusHandoutContent *content,
                          const char                 *path,
                          GError                    **error)
{
  g_autoptr(SoleusFileWriter) out = NULL;

  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (content->leg != NULL && content->healthy != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = soleus_render_open_writer (path, error);
  return out != NULL &&
         soleus_handout_write_pdf_to_writer (content, out, error) &&
         soleus_render_commit_writer (out, error);
}
