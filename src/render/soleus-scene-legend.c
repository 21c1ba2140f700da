/* soleus-scene-legend.c: the legend panel, "How to read the picture"
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "soleus-scene-private.h"

static const char *legend_texts[N_LEGEND] = {
  N_("Vein: blood cells flowing to the heart"),
  N_("Valve open: blood passes"),
  N_("Valve shut: leaflets meet"),
  N_("Leaking valve: leaflets do not meet, blood falls back"),
  N_("Squeeze from muscle or body weight"),
  N_("Swelling: fluid in the tissue"),
};

/* A piece of vein from x0 to x1 at height y, with its wall, in the line
 * cap already set. */
static void
draw_legend_vein (cairo_t                   *cr,
                  const SoleusPaletteColors *pal,
                  double                     x0,
                  double                     x1,
                  double                     y,
                  double                     lw)
{
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  set_color (cr, &pal->vein_wall);
  cairo_set_line_width (cr, 12 + 2 * lw);
  cairo_stroke (cr);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  set_color (cr, &pal->vein);
  cairo_set_line_width (cr, 12);
  cairo_stroke (cr);
}

/* The small picture in front of legend row i, centred on (ix, cy). */
static void
draw_legend_symbol (cairo_t                   *cr,
                    const SoleusPaletteColors *pal,
                    int                        i,
                    double                     ix,
                    double                     cy,
                    double                     lw)
{
  switch (i)
    {
    case LEG_VEIN:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      draw_legend_vein (cr, pal, ix - 26, ix + 26, cy, lw);
      set_color (cr, &pal->cell);
      for (int k = 0; k < 4; k++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, ix - 18 + k * 12, cy + (k % 2 ? 2 : -2), 2.9, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      set_color (cr, &pal->vein_wall);
      soleus_scene_draw_arrow (cr, pt (ix + 2, cy - 14), pt (ix + 24, cy - 14), 1.8, 6);
      break;

    case LEG_OPEN:
    case LEG_CLOSED:
    case LEG_LEAK:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      draw_legend_vein (cr, pal, ix - 28, ix + 28, cy, lw);
      soleus_scene_draw_valve (cr, pal, pt (ix, cy), pt (1, 0), 7.5,
                               i == LEG_OPEN ? 1.0 : 0.0,
                               i == LEG_LEAK ? 0.1 : 0.0,
                               i == LEG_LEAK ? -2.0 : 0.0, lw);
      break;

    case LEG_SQUEEZE:
      set_color (cr, &pal->squeeze);
      soleus_scene_draw_arrow (cr, pt (ix - 26, cy), pt (ix - 8, cy), 3.2, 8);
      soleus_scene_draw_arrow (cr, pt (ix + 26, cy), pt (ix + 8, cy), 3.2, 8);
      break;

    case LEG_FLUID:
      cairo_arc (cr, ix, cy, 14, 0, 2 * G_PI);
      set_color (cr, &pal->swelling);
      cairo_fill (cr);
      cairo_arc (cr, ix, cy, 8.5, 0, 2 * G_PI);
      set_color (cr, &pal->skin);
      cairo_fill_preserve (cr);
      set_color (cr, &pal->skin_line);
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);
      {
        double dash[] = { 3, 3 };
        cairo_set_dash (cr, dash, 2, 0);
        cairo_arc (cr, ix, cy, 14, 0, 2 * G_PI);
        set_color (cr, &pal->skin_line);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
      break;

    default:
      break;
    }
}

/* The title's and the rows' sizes: the picture's text size, and the
 * title never under its own. */
static double
legend_title_size (SoleusScene *self)
{
  return MAX (LEGEND_TITLE_SIZE, self->text_size);
}

static double
legend_row_size (SoleusScene *self)
{
  return MAX (LEGEND_ROW_SIZE, self->text_size);
}

void
soleus_scene_draw_legend (SoleusScene               *self,
                          cairo_t                   *cr,
                          const SoleusPaletteColors *pal)
{
  double x = self->legend_x, y = LEGEND_Y, w = self->legend_w;
  double row_size = legend_row_size (self);
  double row_y[N_LEGEND];
  double lw = 1.3 * pal->line_scale;
  PangoLayout *layouts[N_LEGEND];
  PangoLayout *title;
  double h;
  int tw, th;

  title = soleus_scene_make_layout (self, cr, legend_title_size (self), TRUE);
  pango_layout_set_text (title, soleus_scene_tr (self, N_("How to read the picture")), -1);
  pango_layout_get_size (title, &tw, &th);

  h = 18 + th / (double) PANGO_SCALE + 10;
  for (int i = 0; i < N_LEGEND && !self->legend_collapsed; i++)
    {
      int lh;

      layouts[i] = soleus_scene_make_layout (self, cr, row_size, FALSE);
      pango_layout_set_width (layouts[i], (int) ((w - LEGEND_SYMBOL_W) * PANGO_SCALE));
      pango_layout_set_wrap (layouts[i], PANGO_WRAP_WORD);
      pango_layout_set_text (layouts[i], soleus_scene_tr (self, legend_texts[i]), -1);
      pango_layout_get_size (layouts[i], NULL, &lh);
      row_y[i] = y + h;
      h += MAX (lh / (double) PANGO_SCALE, 30) + 12;
    }
  h += self->legend_collapsed ? -10 : 6;

  /* panel */
  cairo_new_path (cr);
  {
    double rr = 12;
    cairo_arc (cr, x + w - rr, y + rr, rr, -G_PI / 2, 0);
    cairo_arc (cr, x + w - rr, y + h - rr, rr, 0, G_PI / 2);
    cairo_arc (cr, x + rr, y + h - rr, rr, G_PI / 2, G_PI);
    cairo_arc (cr, x + rr, y + rr, rr, G_PI, 3 * G_PI / 2);
    cairo_close_path (cr);
  }
  set_color (cr, &pal->panel);
  cairo_fill_preserve (cr);
  set_color (cr, &pal->panel_line);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);

  cairo_move_to (cr, x + 16, y + 12);
  set_color (cr, &pal->text);
  pango_cairo_show_layout (cr, title);
  g_object_unref (title);

  for (int i = 0; i < N_LEGEND && !self->legend_collapsed; i++)
    {
      int lh;
      double rh, cy, ix = x + 48;

      pango_layout_get_size (layouts[i], NULL, &lh);
      rh = MAX (lh / (double) PANGO_SCALE, 30);
      cy = row_y[i] + rh / 2;

      draw_legend_symbol (cr, pal, i, ix, cy, lw);

      cairo_move_to (cr, x + LEGEND_SYMBOL_W - 4, row_y[i] + (rh - lh / (double) PANGO_SCALE) / 2);
      set_color (cr, &pal->text);
      pango_cairo_show_layout (cr, layouts[i]);
      g_object_unref (layouts[i]);
    }
}

/* Places the panel for the current text size in a column right of the
 * close-ups: folded, the title alone; unfolded, wide enough for
 * LEGEND_WRAP_EM of its rows' text, as tall as its rows need. */
void
soleus_scene_legend_layout (SoleusScene *self,
                            cairo_t     *cr)
{
  PangoLayout *layout = soleus_scene_make_layout (self, cr, legend_title_size (self), TRUE);
  double h, row_size = legend_row_size (self);
  int tw, th;

  pango_layout_set_text (layout, soleus_scene_tr (self, N_("How to read the picture")), -1);
  pango_layout_get_size (layout, &tw, &th);
  g_object_unref (layout);

  /* right of the close-ups' captions, which may be wider than the
   * close-ups */
  self->legend_x = LEGEND_COLUMN_X;
  if (scene_insets_shown (self) && self->show_labels)
    self->legend_x = MAX (LEGEND_COLUMN_X, CAPTION_X + scene_caption_w (self) + 20);
  if (self->legend_collapsed)
    {
      self->legend_w = tw / (double) PANGO_SCALE + 32;
      self->legend_h = 18 + th / (double) PANGO_SCALE;
      return;
    }

  self->legend_w = MAX (LEGEND_SYMBOL_W + LEGEND_WRAP_EM * row_size,
                        tw / (double) PANGO_SCALE + 32);
  h = 18 + th / (double) PANGO_SCALE + 10;
  for (int i = 0; i < N_LEGEND; i++)
    {
      int lh;

      layout = soleus_scene_make_layout (self, cr, row_size, FALSE);
      pango_layout_set_width (layout, (int) ((self->legend_w - LEGEND_SYMBOL_W) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_text (layout, soleus_scene_tr (self, legend_texts[i]), -1);
      pango_layout_get_size (layout, NULL, &lh);
      g_object_unref (layout);
      h += MAX (lh / (double) PANGO_SCALE, 30) + 12;
    }
  self->legend_h = h + 6;
}

/* The panel's box, logical: x0, y0, x1, y1. */
void
soleus_scene_legend_box (SoleusScene *self,
                         double      *box)
{
  box[0] = self->legend_x;
  box[1] = LEGEND_Y;
  box[2] = self->legend_x + self->legend_w;
  box[3] = LEGEND_Y + self->legend_h;
}
