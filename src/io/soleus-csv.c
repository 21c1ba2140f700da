/* soleus-csv.c: the one CSV dialect of Soleus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "soleus-csv.h"
#include "soleus-format.h"
#include "soleus-text.h"

void
soleus_csv_preamble (GString    *out,
                     const char *program,
                     const char *version,
                     const char *model_version)
{
  g_return_if_fail (out != NULL && program != NULL && version != NULL);

  g_string_append_printf (out, "# %s %s\n", program, version);
  soleus_csv_comment (out, "model_version", model_version);
  soleus_csv_comment (out, "note", "an educational model, not a diagnostic tool");
}

void
soleus_csv_comment (GString    *out,
                    const char *key,
                    const char *value)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (out != NULL && key != NULL);

  escaped = soleus_text_escape (value != NULL ? value : "", -1, 0);
  g_string_append_printf (out, "# %s: %s\n", key, escaped);
}

void
soleus_csv_comment_number (GString    *out,
                           const char *key,
                           double      value,
                           const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL && key != NULL);

  g_string_append_printf (out, "# %s: %s", key, soleus_format_double (buf, value));
  if (unit != NULL && unit[0] != '\0')
    g_string_append_printf (out, " %s", unit);
  g_string_append_c (out, '\n');
}

/* A new field needs a separator unless it starts a line. Returns TRUE for
 * the first field of a row. */
static gboolean
begin_field (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    {
      g_string_append_c (out, ',');
      return FALSE;
    }
  return TRUE;
}

void
soleus_csv_field (GString    *out,
                  const char *text)
{
  g_return_if_fail (out != NULL && text != NULL);

  /* An empty first field is written "" so that the next field's separator
   * still sees a row under way. */
  if (begin_field (out) && text[0] == '\0')
    {
      g_string_append (out, "\"\"");
      return;
    }
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

void
soleus_csv_number (GString    *out,
                   const char *format,
                   double      value)
{
  g_return_if_fail (out != NULL && format != NULL);

  if (begin_field (out))
    soleus_format_append (out, format, value, "\"\"");
  else
    soleus_format_append (out, format, value, "");
}

void
soleus_csv_end_row (GString *out)
{
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '\n');
}
