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
    .bone             = RGBA (0xffffff, 0.45),
    .muscle           = RGB (0xa3487d),   /* reddish purple, darkened */
    .muscle_line      = RGB (0x5e2748),
    .muscle_over      = RGBA (0xf0e442, 0.55),  /* yellow: apart by hue and lightness */
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
