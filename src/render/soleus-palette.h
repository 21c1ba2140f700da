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
  SoleusColor skin_change;      /* brown skin of long venous hypertension */
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

/* The figure's skin, light to dark, after the Fitzpatrick types. */
typedef enum
{
  SOLEUS_SKIN_TONE_LIGHT = 0,   /* types I-II */
  SOLEUS_SKIN_TONE_MEDIUM,      /* types III-IV */
  SOLEUS_SKIN_TONE_BROWN,       /* type V */
  SOLEUS_SKIN_TONE_DARK,        /* type VI */
  SOLEUS_N_SKIN_TONES
} SoleusSkinTone;

/* The figure's build: the anatomy and its labels are the same in both;
 * the female figure has a fuller hip and buttock, a narrower waist, a
 * bust, and a slimmer, more tapered calf. */
typedef enum
{
  SOLEUS_FIGURE_MALE = 0,
  SOLEUS_FIGURE_FEMALE,
  SOLEUS_N_FIGURES
} SoleusFigure;

/* The palette with the light skin tone. */
const SoleusPaletteColors *soleus_palette_get_colors (SoleusPalette  palette);
/* The palette with its skin, torso, swelling and skin-change colours for
 * a skin tone, each chosen to stay visible on that skin. */
void                       soleus_palette_get_toned_colors (SoleusPalette        palette,
                                                            SoleusSkinTone       tone,
                                                            SoleusPaletteColors *out);
/* "light", "dark", "projector", "colorblind"; NULL for an invalid value. */
const char                *soleus_palette_to_string  (SoleusPalette  palette);
/* Accepts the names above (and "high-contrast", "colour-blind",
 * "color-blind"). Returns FALSE for an unknown name. */
gboolean                   soleus_palette_from_string (const char    *name,
                                                       SoleusPalette *out);

/* "light", "medium", "brown", "dark"; NULL for an invalid value. */
const char                *soleus_skin_tone_to_string (SoleusSkinTone  tone);
/* Accepts the names above. Returns FALSE for an unknown name. */
gboolean                   soleus_skin_tone_from_string (const char     *name,
                                                         SoleusSkinTone *out);

/* "male", "female"; NULL for an invalid value. */
const char                *soleus_figure_to_string   (SoleusFigure    figure);
/* Accepts the names above. Returns FALSE for an unknown name. */
gboolean                   soleus_figure_from_string (const char     *name,
                                                      SoleusFigure   *out);

G_END_DECLS
