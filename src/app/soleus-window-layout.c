/* soleus-window-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window from a phone's width to a 4K screen. The caption and the
 * headline number stay on top, above the picture, at every size. From
 * FOLD_WIDTH up the controls and readouts stand beside the picture; below
 * it they fold into a panel that slides over the picture (an AdwFlap),
 * opened and closed with the header bar's toggle or F9, closed with Esc or
 * a click on the picture. Below COMPACT_WIDTH the header bar has no room
 * for play, step and speed: they move above the timeline, and the charts
 * give their height to the picture.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-window-private.h"

/* The panel folds below this width (px). */
#define FOLD_WIDTH      900
/* The panel's width beside the picture (px). */
#define SIDEBAR_WIDTH   380
/* Narrower than this, or than the header bar with everything in it, the
 * header bar holds only what it must. */
#define COMPACT_WIDTH   720
/* Narrower than this, the charts give their height to the picture. */
#define NARROW_WIDTH    600
/* Lower than this, the charts are shorter, or hidden. */
#define SHORT_HEIGHT    760
#define LOW_HEIGHT      520

/* ---------------------------------------------------------------------- */
/* Where the panel folds */

static GtkSizeRequestMode
bin_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bin_allocate (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* The child's own sizes, but a natural width of natural_width: AdwFlap
 * folds when the window is narrower than the natural widths of the
 * picture and the panel together, so these two say where. */
static void
bin_measure (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline,
             int             natural_width)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, natural_width);
}

static void
stage_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  /* The separator takes a pixel. */
  bin_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
               natural_baseline, FOLD_WIDTH - SIDEBAR_WIDTH - 1);
}

static void
sidebar_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  bin_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
               natural_baseline, SIDEBAR_WIDTH);
}

/* The header bar, and the caption and headline: no minimum width of their
 * own. Given less than they need, they are laid out at their minimum and
 * clipped, for the moment it takes to fit them to a narrower window
 * (apply_layout); else a window made narrow in one step would be held at
 * the width its wide layout needs. */
static void
clip_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  int child_min = 0;

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (child, orientation, -1, minimum, natural, NULL, NULL);
      *minimum = 0;
    }
  else
    gtk_widget_measure (child, orientation, for_size < 0 ? -1 : MAX (for_size, child_min),
                        minimum, natural, minimum_baseline, natural_baseline);
}

static void
clip_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  int child_min = 0;

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
  gtk_widget_allocate (child, MAX (width, child_min), height, baseline, NULL);
}

/* ---------------------------------------------------------------------- */
/* The header bar and the charts, fitted to the window */

/* The header bar's width with play, step and speed in it, once known. */
static int
header_full_width (SoleusWindow *self)
{
  return MAX (COMPACT_WIDTH, self->header_full_min);
}

/* The title's width as text, shown or not: the title bold, a tenth wider;
 * the subtitle in smaller type (GTK's "smaller", 1/1.2). Measured when it
 * changes, not at every layout. */
static void
measure_title (SoleusWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self->window_title);
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  int title_width, subtitle_width;

  title = gtk_widget_create_pango_layout (widget, adw_window_title_get_title (self->window_title));
  subtitle = gtk_widget_create_pango_layout (widget,
                                             adw_window_title_get_subtitle (self->window_title));
  pango_layout_get_pixel_size (title, &title_width, NULL);
  pango_layout_get_pixel_size (subtitle, &subtitle_width, NULL);
  self->title_width = MAX (title_width * 11 / 10, subtitle_width * 5 / 6);
}

/* The title is shown whole or not at all: a scenario's name cut short
 * says less than none. */
static gboolean
title_fits (SoleusWindow *self,
            int           width)
{
  int full = self->header_full_min > 0 ? self->header_full_min : COMPACT_WIDTH;

  if (self->title_width < 0)
    measure_title (self);

  /* The header bar centres the title: it needs as much room on both
   * sides as the wider of its two ends, and a little spare. */
  return width >= 2 * MAX (self->header_start_min, full - self->header_start_min)
                  + self->title_width + 16;
}

static void
update_header (SoleusWindow *self)
{
  gboolean start = g_strcmp0 (_soleus_window_get_page (self), "start") == 0;

  /* Play, step and speed do nothing over the start page, nor does the
   * panel's toggle. */
  gtk_widget_set_visible (self->playback_box, !start);
  gtk_widget_set_visible (GTK_WIDGET (self->flap_button), !start);
  gtk_widget_set_visible (self->compare_button, !start);
  gtk_widget_set_visible (self->reset_button, !start);
  gtk_widget_set_visible (self->playback_slot,
                          !start && !self->presenting && self->layout_compact);
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), self->layout_title);
  gtk_widget_set_visible (self->headline_slot, !self->presenting);
}

static void
apply_layout (SoleusWindow *self)
{
  gboolean compact = self->layout_width < header_full_width (self);
  gboolean narrow = self->layout_width < NARROW_WIDTH;
  gboolean in_header = gtk_widget_get_parent (self->playback_box) != self->playback_slot;
  int chart_height;

  self->layout_compact = compact;
  if (compact == in_header)
    {
      g_object_ref (self->playback_box);
      if (compact)
        {
          adw_header_bar_remove (ADW_HEADER_BAR (self->header_bar), self->playback_box);
          gtk_box_append (GTK_BOX (self->playback_slot), self->playback_box);
        }
      else
        {
          gtk_box_remove (GTK_BOX (self->playback_slot), self->playback_box);
          adw_header_bar_pack_start (ADW_HEADER_BAR (self->header_bar), self->playback_box);
        }
      g_object_unref (self->playback_box);
    }
  /* The scenarios' button by its icon where its name has no room. */
  if (compact)
    gtk_menu_button_set_icon_name (self->scenario_button, "view-list-bullet-symbolic");
  else
    {
      /* Everything in the header bar: how wide it must be, a few pixels
       * spare. */
      int min = 0;

      gtk_menu_button_set_label (self->scenario_button, _("Scenarios"));

      self->layout_title = FALSE;
      update_header (self);
      gtk_widget_measure (self->header_bar, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                          NULL, NULL);
      self->header_full_min = min + 8;
      gtk_widget_measure (self->playback_box, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                          NULL, NULL);
      self->header_start_min = min + 12;
    }
  self->layout_title = !compact && title_fits (self, self->layout_width);

  /* The charts give way to the picture in a low or narrow window. */
  if (self->presenting)
    chart_height = 120;
  else
    chart_height = self->layout_height < SHORT_HEIGHT ? 120 : 170;
  gtk_widget_set_size_request (GTK_WIDGET (self->strip_chart), -1, chart_height);
  gtk_widget_set_visible (GTK_WIDGET (self->strip_chart),
                          self->presenting
                          || (!narrow && self->layout_height >= LOW_HEIGHT));

  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");

  update_header (self);
  self->layout_applied_width = self->layout_width;
  self->layout_applied_height = self->layout_height;
  self->layout_changes++;
}

static gboolean
layout_idle_cb (gpointer user_data)
{
  SoleusWindow *self = user_data;

  self->layout_source = 0;
  apply_layout (self);
  g_signal_emit_by_name (self, "state-changed");

  return G_SOURCE_REMOVE;
}

static gboolean
needs_layout (SoleusWindow *self,
              int           width,
              int           height)
{
  return (width < header_full_width (self)) != self->layout_compact
         || (!self->layout_compact && title_fits (self, width) != self->layout_title)
         || (width < NARROW_WIDTH) != (self->layout_applied_width < NARROW_WIDTH)
         || (height < SHORT_HEIGHT) != (self->layout_applied_height < SHORT_HEIGHT)
         || (height < LOW_HEIGHT) != (self->layout_applied_height < LOW_HEIGHT);
}

/* The window's new size: what changes with it is done after this layout,
 * never during it. */
void
_soleus_window_layout_allocated (SoleusWindow *self,
                                 int           width,
                                 int           height)
{
  self->layout_width = width;
  self->layout_height = height;
  if (self->layout_source == 0 && needs_layout (self, width, height))
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_idle_cb, self, NULL);
}

/* ---------------------------------------------------------------------- */
/* The panel: opened, closed, and the focus that goes with it */

static gboolean
focus_is_inside (SoleusWindow *self,
                 GtkWidget    *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
notify_reveal_cb (SoleusWindow *self)
{
  gboolean folded = adw_flap_get_folded (self->flap);
  gboolean revealed = adw_flap_get_reveal_flap (self->flap);

  /* Opened over the picture: the keyboard goes with it, once it begins to
   * show (notify_reveal_progress_cb), and comes back to the toggle when
   * it closes. */
  self->panel_focus_pending = folded && revealed && !focus_is_inside (self, self->sidebar);
  if (!revealed && focus_is_inside (self, self->sidebar))
    {
      if (gtk_widget_is_visible (GTK_WIDGET (self->flap_button)))
        gtk_widget_grab_focus (GTK_WIDGET (self->flap_button));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->play_area));
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->flap_button),
                               revealed ? _("Hide the controls and readouts (F9)")
                                        : _("Show the controls and readouts (F9)"));
  g_signal_emit_by_name (self, "state-changed");
}

static void
notify_folded_cb (SoleusWindow *self)
{
  g_signal_emit_by_name (self, "state-changed");
}

static void
notify_reveal_progress_cb (SoleusWindow *self)
{
  double progress = adw_flap_get_reveal_progress (self->flap);

  /* Shown, it can take the focus. */
  if (self->panel_focus_pending && progress > 0.0)
    {
      self->panel_focus_pending = FALSE;
      if (adw_flap_get_reveal_flap (self->flap))
        gtk_widget_child_focus (self->sidebar, GTK_DIR_TAB_FORWARD);
    }

  /* Only the ends: the tests wait for them. */
  if (progress <= 0.0 || progress >= 1.0)
    g_signal_emit_by_name (self, "state-changed");
}

gboolean
_soleus_window_layout_close_panel (SoleusWindow *self)
{
  if (!adw_flap_get_folded (self->flap) || !adw_flap_get_reveal_flap (self->flap))
    return FALSE;

  adw_flap_set_reveal_flap (self->flap, FALSE);
  return TRUE;
}

void
_soleus_window_layout_set_presenting (SoleusWindow *self,
                                      gboolean      presenting)
{
  /* The panel over the picture would dim it for the hall. */
  if (presenting)
    _soleus_window_layout_close_panel (self);
  apply_layout (self);
}

/* The subtitle changed: the title may fit no longer, or again. */
void
_soleus_window_layout_title_changed (SoleusWindow *self)
{
  measure_title (self);
  if (self->layout_source == 0 && needs_layout (self, self->layout_width, self->layout_height))
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_idle_cb, self, NULL);
}

/* The start page's header bar holds less: measured again. */
void
_soleus_window_layout_page_changed (SoleusWindow *self)
{
  update_header (self);
  if (self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_idle_cb, self, NULL);
}

void
_soleus_window_layout_init (SoleusWindow *self)
{
  g_autoptr(GPropertyAction) show = g_property_action_new ("show-controls", self->flap,
                                                            "reveal-flap");

  gtk_widget_set_layout_manager (self->header_bin,
                                 gtk_custom_layout_new (bin_request_mode, clip_measure,
                                                        clip_allocate));
  gtk_widget_set_layout_manager (self->top_bin,
                                 gtk_custom_layout_new (bin_request_mode, clip_measure,
                                                        clip_allocate));
  gtk_widget_set_layout_manager (self->stage_bin,
                                 gtk_custom_layout_new (bin_request_mode, stage_measure,
                                                        bin_allocate));
  gtk_widget_set_layout_manager (self->sidebar,
                                 gtk_custom_layout_new (bin_request_mode, sidebar_measure,
                                                        bin_allocate));
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show));

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (notify_reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded",
                           G_CALLBACK (notify_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-progress",
                           G_CALLBACK (notify_reveal_progress_cb), self, G_CONNECT_SWAPPED);

  /* As wide as the window opens, until it is allocated. */
  self->layout_applied_width = self->layout_width = FOLD_WIDTH;
  self->layout_applied_height = self->layout_height = SHORT_HEIGHT;
  self->layout_title = TRUE;
  self->title_width = -1;
}

void
_soleus_window_layout_dispose (SoleusWindow *self)
{
  g_clear_handle_id (&self->layout_source, g_source_remove);
}

/* ---------------------------------------------------------------------- */
/* For app.state */

/* A label cut short: an ellipsis in its layout, an ellipsis it may come
 * to, or text that its allocation does not hold (a wrapped label given
 * less height than its lines need). */
static gboolean
label_is_cut (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  int width, height;

  if (pango_layout_is_ellipsized (layout) || gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
    return TRUE;

  pango_layout_get_pixel_size (layout, &width, &height);

  return width > gtk_widget_get_width (GTK_WIDGET (label)) + 1
         || height > gtk_widget_get_height (GTK_WIDGET (label)) + 1;
}

static void
find_cut_labels (GtkWidget *widget,
                 guint     *cut,
                 GString   *texts)
{
  if (!gtk_widget_is_drawable (widget))
    return;

  if (GTK_IS_LABEL (widget) && label_is_cut (GTK_LABEL (widget)))
    {
      (*cut)++;
      g_string_append_printf (texts, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cut_labels (child, cut, texts);
}

/* Where widget is in the window's content (under its frame and shadow,
 * if any), as (x, y, width, height); all zero when it is not drawn. */
static GVariant *
bounds_variant (SoleusWindow *self,
                GtkWidget    *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_is_drawable (widget)
      || !gtk_widget_compute_bounds (widget, GTK_WIDGET (self->toast_overlay), &bounds))
    graphene_rect_init (&bounds, 0, 0, 0, 0);

  return g_variant_new ("(dddd)", (double) bounds.origin.x, (double) bounds.origin.y,
                        (double) bounds.size.width, (double) bounds.size.height);
}

void
_soleus_window_layout_describe (SoleusWindow    *self,
                                GVariantBuilder *builder)
{
  g_autoptr(GString) texts = g_string_new (NULL);
  guint headline_cut = 0;
  guint readouts_cut = 0;

  g_variant_builder_add (builder, "{sv}", "content_width",
                         g_variant_new_int32 (gtk_widget_get_width (GTK_WIDGET (self->toast_overlay))));
  g_variant_builder_add (builder, "{sv}", "content_height",
                         g_variant_new_int32 (gtk_widget_get_height (GTK_WIDGET (self->toast_overlay))));
  g_variant_builder_add (builder, "{sv}", "panel_folded",
                         g_variant_new_boolean (adw_flap_get_folded (self->flap)));
  g_variant_builder_add (builder, "{sv}", "panel_revealed",
                         g_variant_new_boolean (adw_flap_get_reveal_flap (self->flap)));
  g_variant_builder_add (builder, "{sv}", "panel_progress",
                         g_variant_new_double (adw_flap_get_reveal_progress (self->flap)));
  g_variant_builder_add (builder, "{sv}", "panel_bounds", bounds_variant (self, self->sidebar));
  g_variant_builder_add (builder, "{sv}", "focus_in_panel",
                         g_variant_new_boolean (focus_is_inside (self, self->sidebar)));
  g_variant_builder_add (builder, "{sv}", "headline_bounds",
                         bounds_variant (self, self->headline_slot));
  g_variant_builder_add (builder, "{sv}", "play_area_bounds",
                         bounds_variant (self, GTK_WIDGET (self->play_area)));
  g_variant_builder_add (builder, "{sv}", "caption_bounds",
                         bounds_variant (self, GTK_WIDGET (self->caption_stack)));
  g_variant_builder_add (builder, "{sv}", "timeline_bounds",
                         bounds_variant (self, GTK_WIDGET (self->timeline)));
  g_variant_builder_add (builder, "{sv}", "play_button_bounds",
                         bounds_variant (self, GTK_WIDGET (self->play_button)));
  g_variant_builder_add (builder, "{sv}", "compact", g_variant_new_boolean (self->layout_compact));
  g_variant_builder_add (builder, "{sv}", "title_shown", g_variant_new_boolean (self->layout_title));
  g_variant_builder_add (builder, "{sv}", "layout_pending",
                         g_variant_new_boolean (self->layout_source != 0));
  g_variant_builder_add (builder, "{sv}", "layout_changes",
                         g_variant_new_uint32 (self->layout_changes));

  find_cut_labels (self->headline_slot, &headline_cut, texts);
  find_cut_labels (GTK_WIDGET (self->readouts), &readouts_cut, texts);
  g_variant_builder_add (builder, "{sv}", "headline_labels_cut",
                         g_variant_new_uint32 (headline_cut));
  g_variant_builder_add (builder, "{sv}", "readout_labels_cut",
                         g_variant_new_uint32 (readouts_cut));
  g_variant_builder_add (builder, "{sv}", "cut_labels", g_variant_new_string (texts->str));
}
