/* soleus-text.c: text from files and command lines, made safe to show
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "soleus-text.h"

#include <string.h>

/* One character of the input as it is shown: itself, or an escape. */
static void
escape_char (GString    *piece,
             const char *p,
             gsize       n,
             gunichar    c,
             gboolean    for_quote)
{
  switch (c)
    {
    case '\n':
      g_string_append (piece, "\\n");
      break;
    case '\t':
      g_string_append (piece, "\\t");
      break;
    case '\r':
      g_string_append (piece, "\\r");
      break;
    case '\b':
    case '\f':
    case '\v':
      if (for_quote)
        g_string_append (piece, c == '\b' ? "\\b" : c == '\f' ? "\\f" : "\\v");
      else
        g_string_append_printf (piece, "\\x%02x", c);
      break;
    case '\\':
      g_string_append (piece, for_quote ? "\\\\" : "\\");
      break;
    default:
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (piece, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (piece, "\\u%04x", c);
      else
        g_string_append_len (piece, p, (gssize) n);
      break;
    }
}

/* max_chars counts what is shown, escapes included, so that a text of
 * control characters is cut as short as any other; an escape is never
 * split. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                guint       max_chars,
                gboolean    for_quote)
{
  g_autoptr(GString) piece = g_string_new (NULL);
  const char *p = text;
  const char *end = text + length;
  gsize shown = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, (gssize) (end - p));
      gsize n;
      gsize width;

      g_string_truncate (piece, 0);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte as it is. */
          g_string_append_printf (piece, "\\x%02x", (guint) (guchar) *p);
          n = 1;
        }
      else
        {
          n = (gsize) (g_utf8_next_char (p) - p);
          escape_char (piece, p, n, c, for_quote);
        }

      width = (gsize) g_utf8_strlen (piece->str, (gssize) piece->len);
      if (max_chars > 0 && shown + width > max_chars)
        {
          g_string_append (out, "…");
          return;
        }
      g_string_append_len (out, piece->str, (gssize) piece->len);
      shown += width;
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
