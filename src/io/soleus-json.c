/* soleus-json.c: a small JSON writer for what Soleus prints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "soleus-format.h"
#include "soleus-json.h"

/* Pretty-printed with two-space indents. */

#define JSON_MAX_DEPTH 16

struct _SoleusJson
{
  GString  *buf;
  int       depth;
  gboolean  has_members[JSON_MAX_DEPTH];
};

SoleusJson *
soleus_json_new (void)
{
  SoleusJson *self = g_new0 (SoleusJson, 1);

  self->buf = g_string_new (NULL);
  return self;
}

void
soleus_json_free (SoleusJson *self)
{
  if (self == NULL)
    return;

  g_string_free (self->buf, TRUE);
  g_free (self);
}

static void
append_escaped (GString    *buf,
                const char *s)
{
  g_string_append_c (buf, '"');
  for (const unsigned char *c = (const unsigned char *) s; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':  g_string_append (buf, "\\\""); break;
        case '\\': g_string_append (buf, "\\\\"); break;
        case '\n': g_string_append (buf, "\\n"); break;
        case '\r': g_string_append (buf, "\\r"); break;
        case '\t': g_string_append (buf, "\\t"); break;
        default:
          if (*c < 0x20)
            g_string_append_printf (buf, "\\u%04x", *c);
          else
            g_string_append_c (buf, (char) *c);
        }
    }
  g_string_append_c (buf, '"');
}

/* The comma, newline, indent and key before a value. */
static void
begin_value (SoleusJson    *self,
             const char    *key)
{
  if (self->depth > 0)
    {
      if (self->has_members[self->depth])
        g_string_append_c (self->buf, ',');
      g_string_append_c (self->buf, '\n');
      for (int i = 0; i < self->depth; i++)
        g_string_append (self->buf, "  ");
      self->has_members[self->depth] = TRUE;
    }

  if (key != NULL)
    {
      append_escaped (self->buf, key);
      g_string_append (self->buf, ": ");
    }
}

static void
open_container (SoleusJson    *self,
                const char    *key,
                char           bracket)
{
  g_return_if_fail (self->depth + 1 < JSON_MAX_DEPTH);

  begin_value (self, key);
  g_string_append_c (self->buf, bracket);
  self->depth++;
  self->has_members[self->depth] = FALSE;
}

static void
close_container (SoleusJson    *self,
                 char           bracket)
{
  g_return_if_fail (self->depth > 0);

  if (self->has_members[self->depth])
    {
      g_string_append_c (self->buf, '\n');
      for (int i = 0; i < self->depth - 1; i++)
        g_string_append (self->buf, "  ");
    }
  g_string_append_c (self->buf, bracket);
  self->depth--;
}

void
soleus_json_begin_object (SoleusJson    *self,
                          const char    *key)
{
  open_container (self, key, '{');
}

void
soleus_json_end_object (SoleusJson *self)
{
  close_container (self, '}');
}

void
soleus_json_begin_array (SoleusJson    *self,
                         const char    *key)
{
  open_container (self, key, '[');
}

void
soleus_json_end_array (SoleusJson *self)
{
  close_container (self, ']');
}

void
soleus_json_number (SoleusJson    *self,
                    const char    *key,
                    double         v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  begin_value (self, key);
  if (isfinite (v))
    g_string_append (self->buf, soleus_format_double (buf, v));
  else
    g_string_append (self->buf, "null");
}

void
soleus_json_int (SoleusJson    *self,
                 const char    *key,
                 gint64         v)
{
  begin_value (self, key);
  g_string_append_printf (self->buf, "%" G_GINT64_FORMAT, v);
}

void
soleus_json_string (SoleusJson    *self,
                    const char    *key,
                    const char    *v)
{
  begin_value (self, key);
  if (v != NULL)
    append_escaped (self->buf, v);
  else
    g_string_append (self->buf, "null");
}

void
soleus_json_null (SoleusJson    *self,
                  const char    *key)
{
  begin_value (self, key);
  g_string_append (self->buf, "null");
}

void
soleus_json_bool (SoleusJson    *self,
                  const char    *key,
                  gboolean       v)
{
  begin_value (self, key);
  g_string_append (self->buf, v ? "true" : "false");
}

char *
soleus_json_finish (SoleusJson *self)
{
  g_return_val_if_fail (self->depth == 0, NULL);

  g_string_append_c (self->buf, '\n');
  return g_strdup (self->buf->str);
}
