/* soleus-format.c: numbers as text, the same in every file Soleus writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "soleus-format.h"

/* Bit for bit: the round trip must be exact, so no tolerance here. */
static gboolean
is_same_double (double a,
                double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

const char *
soleus_format_double (char   *buf,
                      double  v)
{
  /* The shortest of %.1g .. %.17g that reads back exactly: 17 significant
   * digits always do (IEEE 754 binary64), fewer usually do and read better. */
  gboolean round_trips = FALSE;

  g_return_val_if_fail (buf != NULL, NULL);

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, v);
      if (!isfinite (v))
        break;

      if (!round_trips)
        round_trips = is_same_double (g_ascii_strtod (buf, NULL), v);

      /* Past the shortest exact text, keep adding digits only to write
       * "300" rather than "3e+02" (more digits never spoil the round trip). */
      if (round_trips && (fabs (v) < 1.0 || strchr (buf, 'e') == NULL))
        break;
    }

  return buf;
}

/* "-0.0", "-0": a negative zero after rounding. */
static gboolean
is_negative_zero_text (const char *buf)
{
  if (buf[0] != '-')
    return FALSE;

  for (const char *c = buf + 1; *c != '\0'; c++)
    if (*c != '0' && *c != '.')
      return FALSE;

  return TRUE;
}

void
soleus_format_append (GString    *out,
                      const char *format,
                      double      v,
                      const char *none)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL && format != NULL);

  if (!isfinite (v))
    {
      g_string_append (out, none != NULL ? none : "");
      return;
    }

  g_ascii_formatd (buf, sizeof buf, format, v);
  /* "-0.0" reads as a sign the model never meant. */
  if (is_negative_zero_text (buf))
    g_string_append (out, buf + 1);
  else
    g_string_append (out, buf);
}

char *
soleus_format_range (double      min,
                     double      max,
                     const char *unit)
{
  char min_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char max_buf[G_ASCII_DTOSTR_BUF_SIZE];

  soleus_format_double (min_buf, min);
  soleus_format_double (max_buf, max);
  if (unit != NULL && unit[0] != '\0')
    /* Translators: a valid range with its unit: "0 to 6 km/h" */
    return g_strdup_printf (_("%s to %s %s"), min_buf, max_buf, unit);
  /* Translators: a valid range without a unit: "0 to 1" */
  return g_strdup_printf (_("%s to %s"), min_buf, max_buf);
}
