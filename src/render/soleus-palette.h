/* soleus-palette.h: the colours of the scene and the charts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SOLEUS_PALETTE_LIGHT = 0,
  SOLEUS_PALETTE_DARK,
  SOLEUS_PALETTE_PROJECTOR,   /* high contrast on white, thick lines */
  SOLEUS_PALETTE_COLORBLIND,  /* Okabe-Ito hues, safe for all common CVD */
  SOLEUS_N_PALETTES
} SoleusPalette;

typedef struct
{
  double r, g, b, a;
} SoleusColor;

/* Every colour the painters use. Roles, not hues: a palette may map two
 * roles to one colour. */
typedef struct
{
  SoleusColor background;
  SoleusColor background_far;   /* the edge of the vignette */
  SoleusColor ground;           /* floor, chair, bed */
  SoleusColor ground_line;
  SoleusColor skin;
  SoleusColor skin_far;         /* the other leg, behind */
  SoleusColor skin_line;
  SoleusColor skin_shade;       /* shadow side of a limb */
  SoleusColor swelling;         /* the ankle's oedema halo */
  SoleusColor bone;
  SoleusColor muscle;           /* soleus */
  SoleusColor muscle_line;
  SoleusColor muscle_over;      /* gastrocnemius, translucent */
  SoleusColor tendon;
  SoleusColor vein;             /* lumen of a deep vein */
  SoleusColor vein_superficial; /* lumen of the saphenous vein */
  SoleusColor vein_wall;
  SoleusColor cell;             /* red blood cells */
  SoleusColor cell_back;        /* cells flowing backwards (also by shape) */
  SoleusColor valve;            /* leaflets */
  SoleusColor valve_line;
  SoleusColor leak;             /* the back-arrow of a leaking valve */
  SoleusColor squeeze;          /* pressure arrows of the pumps */
  SoleusColor heart;            /* right heart (venous side) */
  SoleusColor heart_left;       /* left heart, in the background */
  SoleusColor heart_line;
  SoleusColor torso;
  SoleusColor torso_line;
  SoleusColor organ;            /* diaphragm, spine hints */
  SoleusColor text;
  SoleusColor text_dim;
  SoleusColor leader;
  SoleusColor panel;            /* legend and chart plot background */
  SoleusColor panel_line;
  SoleusColor grid;
  SoleusColor series;           /* the current curve */
  SoleusColor series_alt;       /* a second curve */
  SoleusColor reference;        /* the healthy reference curve */
  SoleusColor band;             /* the healthy band */
  double      line_scale;       /* 1 normal, > 1 for projectors */
} SoleusPaletteColors;

const SoleusPaletteColors *soleus_palette_get_colors (SoleusPalette  palette);
/* "light", "dark", "projector", "colorblind"; NULL for an invalid value. */
const char                *soleus_palette_to_string  (SoleusPalette  palette);
/* Accepts the names above (and "high-contrast", "colour-blind",
 * "color-blind"). Returns FALSE for an unknown name. */
gboolean                   soleus_palette_from_string (const char    *name,
                                                       SoleusPalette *out);

G_END_DECLS
