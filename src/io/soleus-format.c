/* soleus-format.c: numbers as text, the same in every file Soleus writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

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
