/* fuzz-number.c: libFuzzer target for the one number reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built with -Dfuzzing=true (clang); run by build-aux/fuzz. What
 * soleus_number_parse () accepts is finite, never -0, and the very number
 * g_ascii_strtod () reads from the same text; what it refuses is not a
 * plain decimal number that g_ascii_strtod () would read whole and finite.
 * Every control's parser agrees with its range.
 */

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "soleus-model.h"
#include "soleus-number.h"

static gboolean
plain_decimal (const char *text)
{
  if (text[0] == '\0')
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c) && strchr (".+-eE", *c) == NULL)
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  double v = 42.0;
  double reference;
  char *end = NULL;
  gboolean accepted;
  gboolean reference_accepts;

  accepted = soleus_number_parse (text, &v);

  /* The reference: GLib's locale-independent reader, whole string,
   * finite, on the characters a plain decimal number has. A text with a
   * NUL inside is cut there by both. */
  reference = g_ascii_strtod (text, &end);
  reference_accepts = plain_decimal (text) && end != text && *end == '\0' &&
                      isfinite (reference);

  if (accepted != reference_accepts)
    g_error ("'%s': %s, g_ascii_strtod () %s", text, accepted ? "accepted" : "refused",
             reference_accepts ? "accepts it" : "refuses it");

  if (accepted)
    {
      /* The same bits, but that -0 is +0 (x + 0.0 is x for every other x;
       * -0 + 0 is +0). */
      double expected = reference + 0.0;

      if (memcmp (&v, &expected, sizeof v) != 0)
        g_error ("'%s' read as %.17g, not %.17g", text, v, expected);
    }
  else if (v < 42.0 || v > 42.0)
    g_error ("'%s' refused, yet the output changed", text);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      double value = NAN;

      if (soleus_param_parse ((SoleusParamId) id, text, &value) &&
          (!soleus_param_in_range ((SoleusParamId) id, value) || signbit (value)))
        g_error ("'%s' accepted for control %d as %.17g", text, id, value);
    }

  return 0;
}
