/* soleus-number.c: the one reader of numbers typed by people
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "soleus-number.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double
soleus_number_normalize (double value)
{
  /* value == 0 is true for both zeros; adding +0 turns -0 into +0 and
   * leaves every other value alone, without comparing floats. */
  return value + 0.0;
}

bool
soleus_number_parse (const char *text,
                     double     *out)
{
  const char *dp;
  size_t dp_len;
  size_t len;
  size_t n_points = 0;
  char stack_buf[64];
  char *buf;
  char *end = NULL;
  size_t k = 0;
  double v;
  bool ok;

  if (text == NULL || out == NULL)
    return false;
  len = strlen (text);
  if (len == 0)
    return false;

  /* Plain decimal numbers only: no hex, inf, nan, spaces or a locale's
   * own digits. */
  for (size_t i = 0; i < len; i++)
    {
      char c = text[i];

      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
            c == 'e' || c == 'E'))
        return false;
      if (c == '.')
        n_points++;
    }

  /* strtod () reads the decimal point of the locale (the CLI and the app
   * call setlocale): '.' becomes that point, which may be more than one
   * byte long. */
  dp = localeconv ()->decimal_point;
  if (dp == NULL || dp[0] == '\0')
    dp = ".";
  dp_len = strlen (dp);

  if (len + n_points * dp_len + 1 <= sizeof stack_buf)
    buf = stack_buf;
  else
    {
      buf = malloc (len + n_points * dp_len + 1);
      if (buf == NULL)
        return false;
    }

  for (size_t i = 0; i < len; i++)
    {
      if (text[i] == '.')
        {
          memcpy (buf + k, dp, dp_len);
          k += dp_len;
        }
      else
        buf[k++] = text[i];
    }
  buf[k] = '\0';

  v = strtod (buf, &end);
  ok = end != buf && *end == '\0' && isfinite (v);
  if (buf != stack_buf)
    free (buf);
  if (!ok)
    return false;

  *out = soleus_number_normalize (v);
  return true;
}
