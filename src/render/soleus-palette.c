/* soleus-palette.c: the colours of the scene and the charts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Four palettes. Light and dark follow the usual medical-illustration
 * convention (veins blue, muscle red, skin warm). Projector keeps a white
 * ground, black outlines and saturated fills because projectors wash out
 * pale colours. The colour-blind palette takes every hue that carries
 * meaning from the Okabe-Ito set (Okabe & Ito 2008, "Color Universal
 * Design"): #E69F00 orange, #56B4E9 sky blue, #009E73 bluish green,
 * #F0E442 yellow, #0072B2 blue, #D55E00 vermillion, #CC79A7 reddish purple.
 * In every palette a valve's state is also shown by the shape of its
 * leaflets, so no meaning rests on colour alone.
 *
 * Skin tones: each palette's skin, torso, swelling and skin-change colours
 * come in four tones, light to dark (Fitzpatrick types I-II, III-IV, V and
 * VI). On darker skin the swelling's blue is lighter and more opaque and
 * the skin change darker, so that both keep a colour difference (CIE 1976
 * delta E) of at least 15 from the skin they lie on, and the skin change a
 * lightness difference of at least 15, which no colour vision deficiency
 * takes away (tests/render/test-palette.c checks every tone in every
 * palette). The outline darkens with the skin on light grounds.
 */

#include "soleus-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, alpha) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                           ((hex) & 0xff) / 255.0, (alpha) }

static const SoleusPaletteColors palettes[SOLEUS_N_PALETTES] = {
  [SOLEUS_PALETTE_LIGHT] = {
    .background       = RGB (0xf7f4ef),
    .background_far   = RGB (0xe8e2d8),
    .ground           = RGB (0xe0d8cb),
    .ground_line      = RGB (0xa79a87),
    .skin             = RGB (0xf4d9c6),
    .skin_far         = RGBA (0xe3c2ad, 0.55),
    .skin_line        = RGB (0xb47c63),
    .skin_shade       = RGB (0xeac2a9),
    .swelling         = RGBA (0x6fa8d6, 0.45),
    .skin_change      = RGBA (0x8a4f2a, 0.75),
    .bone             = RGBA (0xfffaf2, 0.4),
    .muscle           = RGB (0xb63f3b),   /* soleus: deep red */
    .muscle_line      = RGB (0x7a2522),
    .muscle_over      = RGBA (0xf2a77e, 0.62),  /* gastrocnemius: light salmon */
    .tendon           = RGB (0xeadfc6),
    .vein             = RGB (0x86a7e0),
    .vein_superficial = RGB (0xa9c2ec),
    .vein_wall        = RGB (0x2b4c93),
    .cell             = RGB (0x8c1c32),
    .cell_back        = RGB (0xd9480f),
    .valve            = RGB (0xfdfcf8),
    .valve_line       = RGB (0x1d2f5c),
    .leak             = RGB (0xd9480f),
    .squeeze          = RGB (0x6a4c93),
    .heart            = RGB (0x7076c9),
    .heart_left       = RGB (0xe8a9a2),
    .heart_line       = RGB (0x6e3434),
    .torso            = RGB (0xf7e3d5),
    .torso_line       = RGB (0xc89c86),
    .organ            = RGB (0xe2c4b1),
    .text             = RGB (0x25272d),
    .text_dim         = RGB (0x676a72),
    .leader           = RGB (0x7d818a),
    .panel            = RGBA (0xffffff, 0.88),
    .panel_line       = RGB (0xcac3b7),
    .grid             = RGB (0xe4ded4),
    .series           = RGB (0x2f5fb3),
    .series_alt       = RGB (0xc4524e),
    .reference        = RGB (0x3f7f3a),
    .band             = RGBA (0x8cc97a, 0.28),
    .line_scale       = 1.0,
  },
  [SOLEUS_PALETTE_DARK] = {
    .background       = RGB (0x1f2228),
    .background_far   = RGB (0x15171b),
    .ground           = RGB (0x2d3139),
    .ground_line      = RGB (0x565d69),
    .skin             = RGB (0x8f6e5e),
    .skin_far         = RGBA (0x6c5348, 0.6),
    .skin_line        = RGB (0xe2b49b),
    .skin_shade       = RGB (0x7d5f51),
    .swelling         = RGBA (0x7cc0f2, 0.30),
    .skin_change      = RGBA (0x4e2c1a, 0.8),
    .bone             = RGBA (0xcfc6b3, 0.45),
    .muscle           = RGB (0xb8423d),
    .muscle_line      = RGB (0xf0908a),
    .muscle_over      = RGBA (0xf5b98c, 0.55),
    .tendon           = RGB (0xcfc2a6),
    .vein             = RGB (0x4f7fd6),
    .vein_superficial = RGB (0x6f98e2),
    .vein_wall        = RGB (0xbcd2ff),
    .cell             = RGB (0xffd0d6),
    .cell_back        = RGB (0xffa24d),
    .valve            = RGB (0xf4f4f4),
    .valve_line       = RGB (0x0b1530),
    .leak             = RGB (0xff8a3d),
    .squeeze          = RGB (0xc5a3ff),
    .heart            = RGB (0x7c82e0),
    .heart_left       = RGB (0xa0524c),
    .heart_line       = RGB (0xf3b7b0),
    .torso            = RGB (0x6f584d),
    .torso_line       = RGB (0xc99a83),
    .organ            = RGB (0x86695b),
    .text             = RGB (0xeceef2),
    .text_dim         = RGB (0xa9adb6),
    .leader           = RGB (0x9aa0aa),
    .panel            = RGBA (0x2a2e36, 0.92),
    .panel_line       = RGB (0x4a505c),
    .grid             = RGB (0x3a3f49),
    .series           = RGB (0x7fa8ff),
    .series_alt       = RGB (0xff8a80),
    .reference        = RGB (0x8fd17e),
    .band             = RGBA (0x8fd17e, 0.20),
    .line_scale       = 1.0,
  },
  [SOLEUS_PALETTE_PROJECTOR] = {
    .background       = RGB (0xffffff),
    .background_far   = RGB (0xffffff),
    .ground           = RGB (0xd6d6d6),
    .ground_line      = RGB (0x000000),
    .skin             = RGB (0xf6d8c2),
    .skin_far         = RGBA (0xd9b8a3, 0.6),
    .skin_line        = RGB (0x000000),
    .skin_shade       = RGB (0xeec3a6),
    .swelling         = RGBA (0x0077ff, 0.28),
    .skin_change      = RGBA (0x8b4513, 0.8),
    .bone             = RGBA (0xffffff, 0.5),
    .muscle           = RGB (0xb00000),
    .muscle_line      = RGB (0x000000),
    .muscle_over      = RGBA (0xffb347, 0.65),
    .tendon           = RGB (0xf0e2b8),
    .vein             = RGB (0x1f5cff),
    .vein_superficial = RGB (0x4f86ff),
    .vein_wall        = RGB (0x000000),
    .cell             = RGB (0xffe000),
    .cell_back        = RGB (0xff7a00),
    .valve            = RGB (0xffffff),
    .valve_line       = RGB (0x000000),
    .leak             = RGB (0xff5a00),
    .squeeze          = RGB (0x000000),
    .heart            = RGB (0x2a3cff),
    .heart_left       = RGB (0xff8c8c),
    .heart_line       = RGB (0x000000),
    .torso            = RGB (0xfbe6d6),
    .torso_line       = RGB (0x000000),
    .organ            = RGB (0xc8a28c),
    .text             = RGB (0x000000),
    .text_dim         = RGB (0x000000),
    .leader           = RGB (0x000000),
    .panel            = RGBA (0xffffff, 1.0),
    .panel_line       = RGB (0x000000),
    .grid             = RGB (0xbdbdbd),
    .series           = RGB (0x0033cc),
    .series_alt       = RGB (0xcc0000),
    .reference        = RGB (0x007a00),
    .band             = RGBA (0x00a000, 0.22),
    .line_scale       = 1.6,
  },
  [SOLEUS_PALETTE_COLORBLIND] = {
    .background       = RGB (0xf8f6f2),
    .background_far   = RGB (0xe9e6e0),
    .ground           = RGB (0xdedad2),
    .ground_line      = RGB (0x8f8a80),
    .skin             = RGB (0xf1ddca),
    .skin_far         = RGBA (0xd9c4b0, 0.55),
    .skin_line        = RGB (0x8f6a52),
    .skin_shade       = RGB (0xe4c8b0),
    .swelling         = RGBA (0x56b4e9, 0.32),
    .skin_change      = RGBA (0x8a5330, 0.75),
    .bone             = RGBA (0xffffff, 0.45),
    .muscle           = RGB (0xa3487d),   /* reddish purple, darkened */
    .muscle_line      = RGB (0x5e2748),
    .muscle_over      = RGBA (0xf0e442, 0.62),  /* yellow: apart by hue and lightness */
    .tendon           = RGB (0xe9e1cc),
    .vein             = RGB (0x56b4e9),   /* sky blue */
    .vein_superficial = RGB (0x8ccdf0),
    .vein_wall        = RGB (0x0072b2),   /* blue */
    .cell             = RGB (0xd55e00),   /* vermillion */
    .cell_back        = RGB (0xe69f00),
    .valve            = RGB (0xffffff),
    .valve_line       = RGB (0x00304d),
    .leak             = RGB (0xf0e442),   /* yellow, apart from every cell */
    .squeeze          = RGB (0x009e73),   /* bluish green */
    .heart            = RGB (0x0072b2),
    .heart_left       = RGB (0xf0c9a8),
    .heart_line       = RGB (0x00304d),
    .torso            = RGB (0xf5e6d8),
    .torso_line       = RGB (0xa88a74),
    .organ            = RGB (0xdcc8b6),
    .text             = RGB (0x000000),
    .text_dim         = RGB (0x4d4d4d),
    .leader           = RGB (0x666666),
    .panel            = RGBA (0xffffff, 0.9),
    .panel_line       = RGB (0xb3ada3),
    .grid             = RGB (0xe0dcd4),
    .series           = RGB (0x0072b2),
    .series_alt       = RGB (0xd55e00),
    .reference        = RGB (0x009e73),
    .band             = RGBA (0x009e73, 0.18),
    .line_scale       = 1.0,
  },
};

/* The colours a skin tone changes. */
typedef struct
{
  SoleusColor skin;
  SoleusColor skin_far;
  SoleusColor skin_line;
  SoleusColor skin_shade;
  SoleusColor swelling;
  SoleusColor skin_change;
  SoleusColor torso;
  SoleusColor torso_line;
  SoleusColor organ;
} ToneColors;

/* Medium, brown and dark; light is the palette itself. */
static const ToneColors tones[SOLEUS_N_PALETTES][SOLEUS_N_SKIN_TONES - 1] = {
  [SOLEUS_PALETTE_LIGHT] = {
    { RGB (0xd9a67e), RGBA (0xc9987a, 0.55), RGB (0x8a5637), RGB (0xc8946c),
      RGBA (0x5f9fd8, 0.50), RGBA (0x6e3a1c, 0.80), RGB (0xdfb18f), RGB (0xa77352),
      RGB (0xc69272) },
    { RGB (0xa0694a), RGBA (0x93603f, 0.60), RGB (0x5a341f), RGB (0x8e5b3e),
      RGBA (0x8cc4f0, 0.55), RGBA (0x3f2012, 0.85), RGB (0xa97456), RGB (0x6e4129),
      RGB (0x87563a) },
    { RGB (0x6b4531), RGBA (0x5e3c2b, 0.65), RGB (0x2e1b12), RGB (0x5b3a29),
      RGBA (0xa8d4f5, 0.60), RGBA (0x24120a, 0.90), RGB (0x744c38), RGB (0x33200f),
      RGB (0x58392a) },
  },
  [SOLEUS_PALETTE_DARK] = {
    { RGB (0x7d5640), RGBA (0x5e4232, 0.60), RGB (0xdcae8e), RGB (0x6b4936),
      RGBA (0x7cc0f2, 0.38), RGBA (0x3a1e0f, 0.85), RGB (0x684a3a), RGB (0xc39476),
      RGB (0x80604c) },
    { RGB (0x634130), RGBA (0x4c3326, 0.60), RGB (0xd2a283), RGB (0x553728),
      RGBA (0x8ccaf5, 0.42), RGBA (0x2a150a, 0.90), RGB (0x5a3d2e), RGB (0xb98a6b),
      RGB (0x73513e) },
    { RGB (0x4a3024), RGBA (0x3b271d, 0.65), RGB (0xc89a7c), RGB (0x3f281d),
      RGBA (0x9dd3f7, 0.45), RGBA (0x160a04, 0.92), RGB (0x463024), RGB (0xae8466),
      RGB (0x624636) },
  },
  [SOLEUS_PALETTE_PROJECTOR] = {
    { RGB (0xd8a47c), RGBA (0xc3916e, 0.60), RGB (0x000000), RGB (0xc8946c),
      RGBA (0x0077ff, 0.35), RGBA (0x5c2a0c, 0.85), RGB (0xe2b08b), RGB (0x000000),
      RGB (0xb47e5a) },
    { RGB (0xa56b4a), RGBA (0x8f5b3d, 0.60), RGB (0x000000), RGB (0x8e5a3b),
      RGBA (0x4da3ff, 0.50), RGBA (0x35180a, 0.90), RGB (0xae7452), RGB (0x000000),
      RGB (0x7d4a2c) },
    { RGB (0x6e4632), RGBA (0x5a3826, 0.65), RGB (0x000000), RGB (0x5a3827),
      RGBA (0x80bfff, 0.60), RGBA (0x1e0e06, 0.92), RGB (0x7a4e38), RGB (0x000000),
      RGB (0x4a2a1a) },
  },
  [SOLEUS_PALETTE_COLORBLIND] = {
    { RGB (0xd6a67f), RGBA (0xc0967a, 0.55), RGB (0x6e4a33), RGB (0xc4936e),
      RGBA (0x56b4e9, 0.42), RGBA (0x66361a, 0.80), RGB (0xdfb38f), RGB (0x80583c),
      RGB (0xc49a78) },
    { RGB (0x9f6b4d), RGBA (0x8c5d42, 0.60), RGB (0x3f2517), RGB (0x8c5c40),
      RGBA (0x8fd0f2, 0.50), RGBA (0x3d2013, 0.85), RGB (0xa97658), RGB (0x4a2c1b),
      RGB (0x86583d) },
    { RGB (0x6a4634), RGBA (0x5a3b2c, 0.65), RGB (0x22150e), RGB (0x583a2c),
      RGBA (0xb0def6, 0.60), RGBA (0x22120a, 0.90), RGB (0x755040), RGB (0x2a1a10),
      RGB (0x56382a) },
  },
};

static const char *skin_tone_names[SOLEUS_N_SKIN_TONES] = {
  "light", "medium", "brown", "dark",
};

static const char *figure_names[SOLEUS_N_FIGURES] = {
  "male", "female",
};

static const char *palette_names[SOLEUS_N_PALETTES] = {
  "light", "dark", "projector", "colorblind",
};

const SoleusPaletteColors *
soleus_palette_get_colors (SoleusPalette palette)
{
  if ((int) palette < 0 || palette >= SOLEUS_N_PALETTES)
    palette = SOLEUS_PALETTE_LIGHT;

  return &palettes[palette];
}

const char *
soleus_palette_to_string (SoleusPalette palette)
{
  if ((int) palette < 0 || palette >= SOLEUS_N_PALETTES)
    return NULL;

  return palette_names[palette];
}

gboolean
soleus_palette_from_string (const char    *name,
                            SoleusPalette *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < SOLEUS_N_PALETTES; i++)
    {
      if (g_ascii_strcasecmp (name, palette_names[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  if (g_ascii_strcasecmp (name, "high-contrast") == 0)
    {
      *out = SOLEUS_PALETTE_PROJECTOR;
      return TRUE;
    }

  if (g_ascii_strcasecmp (name, "colour-blind") == 0 ||
      g_ascii_strcasecmp (name, "color-blind") == 0 ||
      g_ascii_strcasecmp (name, "okabe-ito") == 0)
    {
      *out = SOLEUS_PALETTE_COLORBLIND;
      return TRUE;
    }

  return FALSE;
}

void
soleus_palette_get_toned_colors (SoleusPalette        palette,
                                 SoleusSkinTone       tone,
                                 SoleusPaletteColors *out)
{
  const ToneColors *t;

  g_return_if_fail (out != NULL);

  *out = *soleus_palette_get_colors (palette);
  if ((int) tone <= SOLEUS_SKIN_TONE_LIGHT || tone >= SOLEUS_N_SKIN_TONES)
    return;
  if ((int) palette < 0 || palette >= SOLEUS_N_PALETTES)
    palette = SOLEUS_PALETTE_LIGHT;

  t = &tones[palette][tone - 1];
  out->skin = t->skin;
  out->skin_far = t->skin_far;
  out->skin_line = t->skin_line;
  out->skin_shade = t->skin_shade;
  out->swelling = t->swelling;
  out->skin_change = t->skin_change;
  out->torso = t->torso;
  out->torso_line = t->torso_line;
  out->organ = t->organ;
}

const char *
soleus_skin_tone_to_string (SoleusSkinTone tone)
{
  if ((int) tone < 0 || tone >= SOLEUS_N_SKIN_TONES)
    return NULL;

  return skin_tone_names[tone];
}

gboolean
soleus_skin_tone_from_string (const char     *name,
                              SoleusSkinTone *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < SOLEUS_N_SKIN_TONES; i++)
    {
      if (g_ascii_strcasecmp (name, skin_tone_names[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
soleus_figure_to_string (SoleusFigure figure)
{
  if ((int) figure < 0 || figure >= SOLEUS_N_FIGURES)
    return NULL;

  return figure_names[figure];
}

gboolean
soleus_figure_from_string (const char   *name,
                           SoleusFigure *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < SOLEUS_N_FIGURES; i++)
    {
      if (g_ascii_strcasecmp (name, figure_names[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}
