/* test-palette.c: the palettes and their skin tones
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What lies on the skin must stay visible on every skin tone in every
 * palette. Visibility is measured as the CIE 1976 colour difference (delta
 * E, in CIELAB with a D65 white) between the skin and the colour as painted
 * on it (its alpha blended over the skin, as the painter does). A delta E
 * of about 2.3 is just noticeable; 15 is a difference seen at a glance
 * from across a room, with room to spare for a projector's washed-out
 * colours. The skin change (brown skin at the ankle) must also differ in
 * lightness (L*) by at least 15: lightness is what every colour vision
 * deficiency and a greyscale print keep.
 */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "soleus-palette.h"

#define MIN_DELTA_E 15.0
#define MIN_DELTA_L 15.0

typedef struct
{
  double l, a, b;
} Lab;

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static Lab
to_lab (const SoleusColor *c)
{
  double r = linear (c->r), g = linear (c->g), b = linear (c->b);
  double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  Lab lab = {
    116.0 * lab_f (y) - 16.0,
    500.0 * (lab_f (x) - lab_f (y)),
    200.0 * (lab_f (y) - lab_f (z)),
  };
  return lab;
}

static SoleusColor
over (const SoleusColor *top,
      const SoleusColor *bottom)
{
  SoleusColor c = {
    top->r * top->a + bottom->r * (1 - top->a),
    top->g * top->a + bottom->g * (1 - top->a),
    top->b * top->a + bottom->b * (1 - top->a),
    1.0,
  };
  return c;
}

static double
delta_e (const SoleusColor *x,
         const SoleusColor *y)
{
  Lab p = to_lab (x), q = to_lab (y);

  return sqrt ((p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) +
               (p.b - q.b) * (p.b - q.b));
}

static double
delta_l (const SoleusColor *x,
         const SoleusColor *y)
{
  return fabs (to_lab (x).l - to_lab (y).l);
}

/* The metric itself: identical colours differ by 0, black and white by
 * 100, and a colour at alpha 0 over the skin is the skin. */
static void
test_delta_e (void)
{
  SoleusColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 }, clear = { 0, 0, 1, 0 };
  SoleusColor on_white = over (&clear, &white);

  g_assert_cmpfloat_with_epsilon (delta_e (&white, &white), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (delta_e (&black, &white), 100.0, 0.01);
  g_assert_cmpfloat_with_epsilon (delta_e (&on_white, &white), 0.0, 1e-9);
}

static void
check (SoleusPalette      p,
       SoleusSkinTone     t,
       const char        *what,
       const SoleusColor *on_skin,
       const SoleusColor *skin,
       double             min_l)
{
  double de = delta_e (on_skin, skin), dl = delta_l (on_skin, skin);

  g_test_message ("%s palette, %s skin: %s delta E %.1f, delta L %.1f",
                  soleus_palette_to_string (p), soleus_skin_tone_to_string (t), what, de, dl);
  if (de < MIN_DELTA_E || dl < min_l)
    {
      g_test_message ("too close: needs delta E >= %.0f and delta L >= %.0f",
                      MIN_DELTA_E, min_l);
      g_test_fail ();
    }
}

/* Swelling, skin change, the skin's outline, the muscles and the veins
 * against every skin tone in every palette. */
static void
test_visible_on_every_tone (void)
{
  for (int p = 0; p < SOLEUS_N_PALETTES; p++)
    for (int t = 0; t < SOLEUS_N_SKIN_TONES; t++)
      {
        SoleusPaletteColors c;
        SoleusColor swelling, change, muscle;

        soleus_palette_get_toned_colors (p, t, &c);
        swelling = over (&c.swelling, &c.skin);
        change = over (&c.skin_change, &c.skin);
        muscle = over (&c.muscle_over, &c.muscle);
        check (p, t, "swelling", &swelling, &c.skin, 0);
        check (p, t, "skin change", &change, &c.skin, MIN_DELTA_L);
        check (p, t, "outline", &c.skin_line, &c.skin, 0);
        check (p, t, "soleus", &c.muscle, &c.skin, 0);
        check (p, t, "gastrocnemius", &muscle, &c.skin, 0);
        check (p, t, "deep vein", &c.vein, &c.skin, 0);
        check (p, t, "saphenous vein", &c.vein_superficial, &c.skin, 0);
      }
}

/* The light tone is the palette itself; every other tone is darker skin,
 * each darker than the one before by at least 8 in L* (plainly seen side
 * by side), in every palette. */
static void
test_tones_light_to_dark (void)
{
  for (int p = 0; p < SOLEUS_N_PALETTES; p++)
    {
      SoleusPaletteColors c;
      double last_l = 101;

      soleus_palette_get_toned_colors (p, SOLEUS_SKIN_TONE_LIGHT, &c);
      g_assert_true (memcmp (&c, soleus_palette_get_colors (p), sizeof c) == 0);
      for (int t = 0; t < SOLEUS_N_SKIN_TONES; t++)
        {
          double l;

          soleus_palette_get_toned_colors (p, t, &c);
          l = to_lab (&c.skin).l;
          g_assert_cmpfloat (l, <, last_l - 8);
          last_l = l;
        }
    }
}

static void
test_names (void)
{
  SoleusSkinTone tone = SOLEUS_SKIN_TONE_BROWN;

  for (int t = 0; t < SOLEUS_N_SKIN_TONES; t++)
    {
      SoleusSkinTone back = SOLEUS_N_SKIN_TONES;

      g_assert_true (soleus_skin_tone_from_string (soleus_skin_tone_to_string (t), &back));
      g_assert_cmpint (back, ==, t);
    }
  g_assert_true (soleus_skin_tone_from_string ("DARK", &tone));
  g_assert_cmpint (tone, ==, SOLEUS_SKIN_TONE_DARK);
  g_assert_false (soleus_skin_tone_from_string ("olive", &tone));
  g_assert_false (soleus_skin_tone_from_string (NULL, &tone));
  g_assert_cmpint (tone, ==, SOLEUS_SKIN_TONE_DARK);
  g_assert_null (soleus_skin_tone_to_string (SOLEUS_N_SKIN_TONES));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/palette/delta-e", test_delta_e);
  g_test_add_func ("/render/palette/skin-tones-visible", test_visible_on_every_tone);
  g_test_add_func ("/render/palette/skin-tones-light-to-dark", test_tones_light_to_dark);
  g_test_add_func ("/render/palette/skin-tone-names", test_names);

  return g_test_run ();
}
