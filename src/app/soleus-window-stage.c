/* soleus-window-stage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presentation mode's type, fitted to the window: the presenter's step and
 * the headline number are the largest text on screen, nothing is cut short
 * or broken inside a word, and the strip above the picture keeps to 15% of
 * the window's height whatever the projector (1024x768 to 3840x2160). The
 * hint with the keys fades after a few seconds and comes back briefly on a
 * key press.
 */

#include "config.h"

#include "soleus-window-private.h"

/* The strip above the picture, as a share of the window's height. */
#define HEADER_SHARE    0.15
/* Its padding and the gap between the headline and the step (px); the CSS
 * of window.presenting .stage-info says the same. */
#define STAGE_PAD_X     28
#define STAGE_PAD_Y     6
#define STAGE_SPACING   24
/* The largest type, as a share of the height, and the smallest. */
#define TYPE_MAX_SHARE  0.075
#define TYPE_MIN_PX     10.0
/* The caption under the picture, and the hint, beside the step. */
#define CAPTION_SHARE   0.6
#define CAPTION_LINES   2
#define HINT_SHARE      0.4
/* How long the hint stays, then how long it takes to fade. */
#define HINT_SHOWN_MS   4000
#define HINT_FADE_MS    600

/* Text for the stage: a number and its unit ("3.0 km/h", "85 mmHg") never
 * part at the end of a line, and a unit never breaks at its slash. */
char *
_soleus_window_stage_text (const char *text)
{
  GString *out;
  gunichar prev = 0;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next_p = g_utf8_next_char (p);
      gunichar next = *next_p != '\0' ? g_utf8_get_char (next_p) : 0;

      if (c == ' ' && g_unichar_isdigit (prev) && (g_unichar_isalpha (next) || next == '%'))
        g_string_append_unichar (out, 0x00A0);       /* no-break space */
      else if (c == '/' && g_unichar_isalpha (prev) && g_unichar_isalpha (next))
        {
          g_string_append_c (out, '/');
          g_string_append_unichar (out, 0x2060);     /* word joiner */
        }
      else
        g_string_append_unichar (out, c);
      prev = c;
    }

  return g_string_free (out, FALSE);
}

/* A line of the layout starts where the one before did not end in a space
 * or a dash: a word was cut in two. */
static gboolean
layout_breaks_inside_word (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  GSList *lines = pango_layout_get_lines_readonly (layout);

  for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      const char *before;
      gunichar c;

      if (line->start_index <= 0)
        continue;
      before = g_utf8_find_prev_char (text, text + line->start_index);
      if (before == NULL)
        continue;
      c = g_utf8_get_char (before);
      if (c == 0x00A0 || !(g_unichar_isspace (c) || c == '-' || c == 0x2010
                           || c == 0x2013 || c == 0x2014 || c == '\n'))
        return TRUE;
    }

  return FALSE;
}

static PangoAttrList *
size_attributes (double px)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int) (px * PANGO_SCALE)));

  return attrs;
}

/* The size of text in pixels at px, wrapped at width (or not, at -1). */
static PangoLayout *
measure (GtkWidget  *widget,
         const char *text,
         double      px,
         int         width,
         int        *out_width,
         int        *out_height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoAttrList) attrs = size_attributes (px);

  pango_layout_set_attributes (layout, attrs);
  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_get_pixel_size (layout, out_width, out_height);

  return layout;
}

static void
set_label_px (GtkLabel *label,
              double    px)
{
  g_autoptr(PangoAttrList) attrs = size_attributes (px);

  gtk_label_set_attributes (label, attrs);
}

/* The text's room across: the window's content, inside any frame the
 * window draws around it (a few pixels without a window manager). */
static int
text_width (SoleusWindow *self)
{
  int content = gtk_widget_get_width (GTK_WIDGET (self->toast_overlay));

  return content > 0 ? MIN (content, self->stage_width) : self->stage_width;
}

/* The caption under the picture: as large as 60% of the step's type allows
 * in two lines, and always two lines high, so that the picture keeps its
 * size when the caption changes. */
static void
fit_caption (SoleusWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self->stage_caption);
  const char *text = gtk_label_get_label (self->stage_caption);
  int width = text_width (self) - 2 * STAGE_PAD_X;
  double top = MAX (TYPE_MIN_PX, self->stage_type_px * CAPTION_SHARE);
  double px = top;
  int w, h, line_h;

  if (width <= 0)
    return;

  g_object_unref (measure (widget, "Ag", top, -1, &w, &line_h));
  for (; px > TYPE_MIN_PX; px -= 1.0)
    {
      g_autoptr(PangoLayout) layout = measure (widget, text, px, width, &w, &h);

      if (pango_layout_get_line_count (layout) <= CAPTION_LINES
          && !layout_breaks_inside_word (layout))
        break;
    }

  set_label_px (self->stage_caption, px);
  gtk_widget_set_size_request (widget, -1, CAPTION_LINES * line_h + 2 * STAGE_PAD_Y);
}

static void
stage_caption_changed_cb (GtkLabel     *label,
                          GParamSpec   *pspec,
                          SoleusWindow *self)
{
  if (self->presenting)
    fit_caption (self);
}

/* The headline and the step side by side in the strip above the picture:
 * the largest type at which both fit its height, the step wrapped at word
 * boundaries only. The headline is measured with its digits as eights, so
 * that a changing number does not change the type. */
static void
fit (SoleusWindow *self)
{
  int width = text_width (self);
  int height = self->stage_height;
  int budget = (int) floor (height * HEADER_SHARE) - 2 * STAGE_PAD_Y;
  g_autofree char *headline = g_strdup (gtk_label_get_label (self->stage_headline));
  const char *step = gtk_label_get_label (self->step_label);
  double px;

  for (char *p = headline; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *p = '8';
  /* and room for one digit more. */
  {
    char *with_room = g_strconcat ("8", headline, NULL);

    g_free (headline);
    headline = with_room;
  }

  for (px = floor (MIN (height * TYPE_MAX_SHARE, 160.0)); px > TYPE_MIN_PX; px -= 1.0)
    {
      int hw, hh, sw, sh, avail;
      g_autoptr(PangoLayout) step_layout = NULL;

      g_object_unref (measure (GTK_WIDGET (self->stage_headline), headline, px, -1, &hw, &hh));
      avail = width - 2 * STAGE_PAD_X - STAGE_SPACING - hw;
      if (hh > budget || avail < width / 4)
        continue;
      step_layout = measure (GTK_WIDGET (self->step_label), step, px, avail, &sw, &sh);
      if (sh <= budget && !layout_breaks_inside_word (step_layout))
        break;
    }

  self->stage_type_px = px;
  set_label_px (self->stage_headline, px);
  set_label_px (self->step_label, px);
  set_label_px (GTK_LABEL (self->presentation_indicator), MAX (TYPE_MIN_PX, px * HINT_SHARE));
  fit_caption (self);
  self->stage_fits++;
  /* The new type is laid out in the next frame: until then the strip
   * above the picture has its old height. */
  self->stage_layout_pending = TRUE;
}

static gboolean
fit_idle_cb (gpointer user_data)
{
  SoleusWindow *self = user_data;

  self->stage_fit_source = 0;
  if (self->presenting)
    fit (self);

  return G_SOURCE_REMOVE;
}

/* Type is fitted after the window's layout, never during it. */
void
_soleus_window_stage_refit (SoleusWindow *self)
{
  if (!self->presenting || self->stage_fit_source != 0)
    return;

  self->stage_fit_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_idle_cb, self, NULL);
}

void
_soleus_window_stage_allocated (SoleusWindow *self,
                                int           width,
                                int           height)
{
  self->stage_layout_pending = FALSE;
  if (width == self->stage_width && height == self->stage_height)
    return;

  self->stage_width = width;
  self->stage_height = height;
  _soleus_window_stage_refit (self);
}

/* ---------------------------------------------------------------------- */
/* The hint */

static gboolean
hint_timeout_cb (gpointer user_data)
{
  SoleusWindow *self = user_data;

  self->hint_source = 0;
  adw_animation_play (self->hint_fade);

  return G_SOURCE_REMOVE;
}

void
_soleus_window_stage_show_hint (SoleusWindow *self)
{
  if (!self->presenting)
    return;

  adw_animation_reset (self->hint_fade);
  gtk_widget_set_opacity (self->presentation_indicator, 1.0);
  g_clear_handle_id (&self->hint_source, g_source_remove);
  self->hint_source = g_timeout_add (HINT_SHOWN_MS, hint_timeout_cb, self);
  self->hint_shows++;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SoleusWindow          *self)
{
  _soleus_window_stage_show_hint (self);

  return GDK_EVENT_PROPAGATE;
}

/* Entering or leaving presentation mode. */
void
_soleus_window_stage_set_presenting (SoleusWindow *self,
                                     gboolean      presenting)
{
  gtk_widget_set_visible (GTK_WIDGET (self->caption_stack), !presenting);
  gtk_label_set_label (self->stage_caption, self->caption != NULL ? self->caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stage_caption), presenting);

  if (presenting)
    {
      self->stage_width = gtk_widget_get_width (GTK_WIDGET (self));
      self->stage_height = gtk_widget_get_height (GTK_WIDGET (self));
      _soleus_window_stage_refit (self);
      _soleus_window_stage_show_hint (self);
    }
  else
    {
      g_clear_handle_id (&self->hint_source, g_source_remove);
      adw_animation_reset (self->hint_fade);
    }
}

void
_soleus_window_stage_init (SoleusWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->hint_fade =
    adw_timed_animation_new (self->presentation_indicator, 1.0, 0.0, HINT_FADE_MS,
                             adw_property_animation_target_new (G_OBJECT (self->presentation_indicator),
                                                                "opacity"));
  g_signal_connect (self->stage_caption, "notify::label",
                    G_CALLBACK (stage_caption_changed_cb), self);
}

void
_soleus_window_stage_dispose (SoleusWindow *self)
{
  g_clear_handle_id (&self->hint_source, g_source_remove);
  g_clear_handle_id (&self->stage_fit_source, g_source_remove);
  g_clear_object (&self->hint_fade);
}

/* The largest type of the labels shown now, other than the step and the
 * headline, in pixels. */
static double
label_px (GtkLabel *label)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (label));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double px = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  PangoAttrList *attrs = gtk_label_get_attributes (label);

  if (!pango_font_description_get_size_is_absolute (font))
    px = px * 96.0 / 72.0;

  if (attrs != NULL)
    {
      g_autoptr(GSList) list = pango_attr_list_get_attributes (attrs);

      for (GSList *l = list; l != NULL; l = l->next)
        {
          PangoAttribute *attr = l->data;

          if (attr->klass->type == PANGO_ATTR_ABSOLUTE_SIZE)
            px = ((PangoAttrInt *) attr)->value / (double) PANGO_SCALE;
          else if (attr->klass->type == PANGO_ATTR_SIZE)
            px = ((PangoAttrInt *) attr)->value / (double) PANGO_SCALE * 96.0 / 72.0;
        }
      g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
    }

  return px;
}

static double
largest_other_px (SoleusWindow *self,
                  GtkWidget    *widget)
{
  double largest = 0.0;

  if (!gtk_widget_get_mapped (widget))
    return 0.0;
  if (GTK_IS_LABEL (widget) && widget != GTK_WIDGET (self->step_label)
      && widget != GTK_WIDGET (self->stage_headline)
      && gtk_widget_get_opacity (widget) > 0.0)
    largest = label_px (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    largest = MAX (largest, largest_other_px (self, child));

  return largest;
}

/* For app.state: what the stage shows and how it fits. */
void
_soleus_window_stage_describe (SoleusWindow    *self,
                               GVariantBuilder *builder)
{
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t at;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->play_overlay), GTK_WIDGET (self), &top, &at))
    at.y = 0;

  g_variant_builder_add (builder, "{sv}", "stage_fits", g_variant_new_uint32 (self->stage_fits));
  g_variant_builder_add (builder, "{sv}", "stage_fit_pending",
                         g_variant_new_boolean (self->stage_fit_source != 0
                                                || self->stage_layout_pending));
  g_variant_builder_add (builder, "{sv}", "stage_width", g_variant_new_int32 (self->stage_width));
  g_variant_builder_add (builder, "{sv}", "stage_height",
                         g_variant_new_int32 (self->stage_height));
  g_variant_builder_add (builder, "{sv}", "header_height", g_variant_new_double (at.y));
  g_variant_builder_add (builder, "{sv}", "step_px",
                         g_variant_new_double (label_px (self->step_label)));
  g_variant_builder_add (builder, "{sv}", "stage_headline_px",
                         g_variant_new_double (label_px (self->stage_headline)));
  /* The walk over the shown labels is only worth its cost on the stage. */
  g_variant_builder_add (builder, "{sv}", "other_text_px",
                         g_variant_new_double (self->presenting
                                               ? largest_other_px (self, GTK_WIDGET (self))
                                               : 0.0));
  g_variant_builder_add (builder, "{sv}", "step_ellipsized",
                         g_variant_new_boolean (pango_layout_is_ellipsized (
                                                  gtk_label_get_layout (self->step_label))));
  {
    PangoLayout *layout = gtk_label_get_layout (self->stage_headline);
    int headline_min, step_min;

    /* Not cut with an ellipsis, nor squeezed: the box above the picture
     * gives each label at least its minimum width when both fit. Asked of
     * the labels, not of their last allocation, which lags a frame behind
     * a new number. */
    gtk_widget_measure (GTK_WIDGET (self->stage_headline), GTK_ORIENTATION_HORIZONTAL, -1,
                        &headline_min, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (self->step_label), GTK_ORIENTATION_HORIZONTAL, -1,
                        &step_min, NULL, NULL, NULL);
    g_variant_builder_add (builder, "{sv}", "stage_headline_ellipsized",
                           g_variant_new_boolean (pango_layout_is_ellipsized (layout)
                                                  || headline_min + STAGE_SPACING + step_min
                                                     > text_width (self) - 2 * STAGE_PAD_X));
  }
  g_variant_builder_add (builder, "{sv}", "step_breaks_inside_word",
                         g_variant_new_boolean (layout_breaks_inside_word (
                                                  gtk_label_get_layout (self->step_label))));
  g_variant_builder_add (builder, "{sv}", "hint_opacity",
                         g_variant_new_double (gtk_widget_get_opacity (self->presentation_indicator)));
  g_variant_builder_add (builder, "{sv}", "hint_shows", g_variant_new_uint32 (self->hint_shows));
}
