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

static double legend_row_size (SoleusScene *self,
                               cairo_t     *cr);

void
soleus_scene_draw_legend (SoleusScene               *self,
                          cairo_t                   *cr,
                          const SoleusPaletteColors *pal)
{
  double x = LEGEND_X, y = LEGEND_Y, w = LEGEND_W;
  double row_size = self->legend_collapsed ? LEGEND_ROW_SIZE : legend_row_size (self, cr);
  double row_y[N_LEGEND];
  double lw = 1.3 * pal->line_scale;
  PangoLayout *layouts[N_LEGEND];
  PangoLayout *title;
  double h;
  int tw, th;

  title = soleus_scene_make_layout (self, cr, LEGEND_TITLE_SIZE, TRUE);
  pango_layout_set_text (title, soleus_scene_tr (self, N_("How to read the picture")), -1);
  pango_layout_get_size (title, &tw, &th);

  h = 18 + th / (double) PANGO_SCALE + 10;
  for (int i = 0; i < N_LEGEND && !self->legend_collapsed; i++)
    {
      int lh;

      layouts[i] = soleus_scene_make_layout (self, cr, row_size, FALSE);
      pango_layout_set_width (layouts[i], (int) ((w - 96) * PANGO_SCALE));
      pango_layout_set_wrap (layouts[i], PANGO_WRAP_WORD);
      pango_layout_set_text (layouts[i], soleus_scene_tr (self, legend_texts[i]), -1);
      pango_layout_get_size (layouts[i], NULL, &lh);
      row_y[i] = y + h;
      h += MAX (lh / (double) PANGO_SCALE, 30) + 12;
    }
  h += self->legend_collapsed ? -10 : 6;
  self->legend_h = h;

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

      cairo_move_to (cr, x + 92, row_y[i] + (rh - lh / (double) PANGO_SCALE) / 2);
      set_color (cr, &pal->text);
      pango_cairo_show_layout (cr, layouts[i]);
      g_object_unref (layouts[i]);
    }
}

/* The legend panel's height with rows of this size, as
 * soleus_scene_draw_legend () draws it. */
static double
legend_height_at (SoleusScene *self,
                  cairo_t     *cr,
                  double       row_size)
{
  PangoLayout *layout = soleus_scene_make_layout (self, cr, LEGEND_TITLE_SIZE, TRUE);
  double h;
  int th;

  pango_layout_set_text (layout, soleus_scene_tr (self, N_("How to read the picture")), -1);
  pango_layout_get_size (layout, NULL, &th);
  g_object_unref (layout);
  h = 18 + th / (double) PANGO_SCALE + 10;
  for (int i = 0; i < N_LEGEND && !self->legend_collapsed; i++)
    {
      int lh;

      layout = soleus_scene_make_layout (self, cr, row_size, FALSE);
      pango_layout_set_width (layout, (int) ((LEGEND_W - 96) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_text (layout, soleus_scene_tr (self, legend_texts[i]), -1);
      pango_layout_get_size (layout, NULL, &lh);
      g_object_unref (layout);
      h += MAX (lh / (double) PANGO_SCALE, 30) + 12;
    }
  return h + (self->legend_collapsed ? -10 : 6);
}

/* The largest row size, LEGEND_ROW_SIZE at most, at which the legend
 * ends above the first close-up (longer languages wrap to more lines). */
static double
legend_row_size (SoleusScene *self,
                 cairo_t     *cr)
{
  double room = soleus_scene_inset_cy[0] - INSET_R - 12 - LEGEND_Y;
  double size = LEGEND_ROW_SIZE;
  double h;

  /* Measured once until the cached layer is rebuilt for a new option (a
   * font, the words): each try lays out every row with Pango, a good part
   * of a first paint. Collapsed, there are no rows to measure. */
  if (self->legend_collapsed)
    return size;
  if (self->legend_row_size > 0)
    return self->legend_row_size;

  while ((h = legend_height_at (self, cr, size)) > room && size > LEGEND_ROW_SIZE * 0.7)
    size -= 1;
  self->legend_row_size = size;
  self->legend_row_h = h;
  return size;
}

double
soleus_scene_legend_height (SoleusScene *self,
                            cairo_t     *cr)
{
  double size = legend_row_size (self, cr);

  return self->legend_collapsed ? legend_height_at (self, cr, size) : self->legend_row_h;
}
