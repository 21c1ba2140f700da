/* soleus-text.c: text from files and command lines, made safe to show
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "soleus-text.h"

#include <string.h>

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                guint       max_chars,
                gboolean    for_quote)
{
  const char *p = text;
  const char *end = text + length;
  guint n_chars = 0;

  while (p < end)
    {
      gunichar c;
      gsize n;

      if (max_chars > 0 && n_chars == max_chars)
        {
          g_string_append (out, "…");
          return;
        }
      n_chars++;

      c = g_utf8_get_char_validated (p, (gssize) (end - p));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte as it is. */
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          p++;
          continue;
        }
      n = (gsize) (g_utf8_next_char (p) - p);

      switch (c)
        {
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\b':
        case '\f':
        case '\v':
          if (for_quote)
            g_string_append (out, c == '\b' ? "\\b" : c == '\f' ? "\\f" : "\\v");
          else
            g_string_append_printf (out, "\\x%02x", c);
          break;
        case '\\':
          g_string_append (out, for_quote ? "\\\\" : "\\");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\x%02x", c);
          else if (c >= 0x80 && c <= 0x9f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, (gssize) n);
          break;
        }
      p += n;
    }
}

char *
soleus_text_escape (const char *text,
                    gssize      length,
                    guint       max_chars)
{
  GString *out;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  out = g_string_new (NULL);
  if (text != NULL)
    append_escaped (out, text, length < 0 ? strlen (text) : (gsize) length, max_chars, FALSE);
  return g_string_free (out, FALSE);
}

char *
soleus_text_quote (const char *text,
                   gssize      length,
                   guint       max_chars)
{
  GString *out;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  out = g_string_new ("'");
  if (text != NULL)
    append_escaped (out, text, length < 0 ? strlen (text) : (gsize) length, max_chars, TRUE);
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}
