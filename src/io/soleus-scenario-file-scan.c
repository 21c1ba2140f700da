/* soleus-scenario-file-scan.c: the line scan under the .soleus reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The format is described in soleus-scenario-file.c.
 */

#include "config.h"

#include "soleus-scenario-file.h"
#include "soleus-scenario-file-private.h"
#include "soleus-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Scanning */

/* A key's group is known by the address of its name (one per group). */
static guint
entry_hash (gconstpointer data)
{
  const Entry *e = data;

  return g_str_hash (e->key) * 31u + g_direct_hash (e->group);
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return ea->group == eb->group && strcmp (ea->key, eb->key) == 0;
}

void
soleus_scenario_parser_init (Parser     *p,
                             const char *name)
{
  p->name = name;
  p->line_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  p->groups = g_hash_table_new (g_str_hash, g_str_equal);
  p->keys = g_hash_table_new (entry_hash, entry_equal);
}

void
soleus_scenario_parser_clear (Parser *p)
{
  g_clear_pointer (&p->groups, g_hash_table_unref);
  g_clear_pointer (&p->keys, g_hash_table_unref);
  g_clear_pointer (&p->line_ends, g_array_unref);
  g_clear_pointer (&p->entries, g_array_unref);
  g_clear_pointer (&p->text, g_free);
  g_clear_pointer (&p->keyfile, g_key_file_unref);
  g_clear_pointer (&p->shown, g_ptr_array_unref);
}

/* Adds a group's header (key NULL) or a key of the group of header. The
 * entries array was made large enough for every line, so the entries never
 * move and the tables can point at them. */
static const Entry *
add_entry (Parser      *p,
           const Entry *header,
           const char  *group,
           const char  *key,
           const char  *value,
           guint        line)
{
  Entry entry = { header != NULL ? header->group : group, key, value, line };
  Entry *added;

  g_assert (p->entries->len < p->entries_capacity);
  g_array_append_val (p->entries, entry);
  added = &g_array_index (p->entries, Entry, p->entries->len - 1);
  if (key == NULL)
    g_hash_table_insert (p->groups, (gpointer) added->group, added);
  else
    g_hash_table_add (p->keys, added);
  return added;
}

/* "leg.soleus:7: MESSAGE", with a hint when the line is the last, cut off
 * without its newline, and the problem is one of syntax. */
void
soleus_scenario_parser_error (Parser     *p,
                              GError    **error,
                              int         code,
                              guint       line,
                              const char *format,
                              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (code == SOLEUS_SCENARIO_FILE_ERROR_PARSE && line > 0 && line == p->unterminated &&
      !p->binary)
    {
      char *hinted = g_strconcat (message,
                                  /* Translators: appended to a message about the
                                   * last line of a file */
                                  _("; the file may be truncated"), NULL);
      g_free (message);
      message = hinted;
    }

  if (p->name != NULL && line > 0)
    g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, code, "%s:%u: %s", p->name, line, message);
  else if (p->name != NULL)
    g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, code, "%s: %s", p->name, message);
  else if (line > 0)
    /* Translators: line 7: the problem */
    g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, code, _("line %u: %s"), line, message);
  else
    g_set_error_literal (error, SOLEUS_SCENARIO_FILE_ERROR, code, message);
}

/* A bad line, escaped and shortened, for a message. */
char *
soleus_scenario_quote_text (const char *text,
                            gssize      length)
{
  return soleus_text_quote (text, length, QUOTE_CHARS);
}

/* A name or a number from the file as a message shows it: as it is when it
 * is short and has no control character (almost always), else escaped and
 * cut; the copy lives as long as the parser. */
const char *
soleus_scenario_parser_shown (Parser     *p,
                              const char *text)
{
  char *escaped = soleus_text_escape (text, -1, QUOTE_CHARS);

  if (strcmp (escaped, text) == 0)
    {
      g_free (escaped);
      return text;
    }
  if (p->shown == NULL)
    p->shown = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->shown, escaped);
  return escaped;
}

/* GKeyFile's messages quote the line; they are cut a little longer. */
#define GLIB_MESSAGE_CHARS 200

/* A group name GKeyFile takes: no control character (the scan has
 * refused '[' and ']' already). */
static gboolean
plain_group_name (const char *name)
{
  for (const char *c = name; *c != '\0'; c++)
    if (g_ascii_iscntrl (*c))
      return FALSE;
  return TRUE;
}

static gboolean
is_locale_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '@';
}

/* A key name GKeyFile surely takes: ASCII letters, digits, spaces (not
 * first or last: GKeyFile refuses those) and "-_.@", then perhaps a
 * locale, "Title[de_DE@euro]". Anything else is left to GKeyFile to
 * judge. */
static gboolean
plain_key_name (const char *key)
{
  const char *c = key;

  while (*c != '\0' && *c != '[')
    {
      if (!is_locale_char (*c) && *c != ' ')
        return FALSE;
      c++;
    }
  if (c == key || key[0] == ' ' || c[-1] == ' ')
    return FALSE;
  if (*c == '\0')
    return TRUE;

  c++;
  if (!is_locale_char (*c))
    return FALSE;
  while (is_locale_char (*c))
    c++;
  return c[0] == ']' && c[1] == '\0';
}

/* The group's header when key is NULL. The scan looks up every line: a
 * static copy that the compiler can inline into it. */
static const Entry *
find_entry (Parser     *p,
            const char *group,
            const char *key)
{
  const Entry *header = g_hash_table_lookup (p->groups, group);
  Entry probe;

  if (header == NULL || key == NULL)
    return header;
  probe.group = header->group;
  probe.key = key;
  return g_hash_table_lookup (p->keys, &probe);
}

const Entry *
soleus_scenario_parser_find_entry (Parser     *p,
                                   const char *group,
                                   const char *key)
{
  return find_entry (p, group, key);
}

/* A group's header: s is its line without leading spaces, whole the line
 * as it was, for messages. header becomes the group's entry. */
static gboolean
scan_group_line (Parser       *p,
                 const char   *whole,
                 gsize         whole_len,
                 char         *s,
                 guint         line,
                 const Entry **header,
                 GError      **error)
{
  const Entry *first;
  char *close;
  gsize close_at;

  g_strchomp (s);
  close = s + strlen (s) - 1;
  if (*close != ']')
    {
      g_autofree char *quoted = soleus_scenario_quote_text (whole, (gssize) whole_len);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: '[Contr': a group name
                                     * without its closing ']' */
                                    _("%s: a group name without its closing ']'"), quoted);
      return FALSE;
    }
  close_at = (gsize) (close - s);
  *close = '\0';
  if (s[1] == '\0' || strpbrk (s + 1, "[]") != NULL)
    {
      g_autofree char *quoted = soleus_scenario_quote_text (whole, (gssize) whole_len);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    _("%s is not a valid group name"), quoted);
      return FALSE;
    }

  first = find_entry (p, s + 1, NULL);
  if (first != NULL)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: [Controls]: given twice (first on line 3) */
                                    _("[%s]: given twice (first on line %u)"),
                                    soleus_scenario_parser_shown (p, s + 1), first->line);
      return FALSE;
    }

  /* GKeyFile takes only spaces and tabs after the ']', and no
   * control character in the name. */
  for (gsize k = close_at + 1; k < whole_len; k++)
    if (whole[k] != ' ' && whole[k] != '\t')
      p->needs_keyfile = TRUE;
  if (!plain_group_name (s + 1))
    p->needs_keyfile = TRUE;
  *header = add_entry (p, NULL, s + 1, NULL, NULL, line);
  return TRUE;
}

/* A key=value line of the group of header (NULL before the first group):
 * s is the line without leading spaces. */
static gboolean
scan_key_line (Parser       *p,
               char         *s,
               guint         line,
               const Entry  *header,
               const Entry  *first_header,
               GError      **error)
{
  char *eq = strchr (s, '=');
  const char *value;
  const Entry *first;

  if (eq == NULL || eq == s)
    {
      g_autofree char *quoted = soleus_scenario_quote_text (s, -1);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: 'valve-weak' is not … ; keep key=value,
                                     * [group] and # as they are */
                                    _("%s is not a key=value line, a [group] or a # comment"),
                                    quoted);
      return FALSE;
    }

  *eq = '\0';
  g_strchomp (s);
  if (header == NULL)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: Title: a key before the first group; keep
                                     * [Soleus Scenario] as it is */
                                    _("%s: a key before the first group (a scenario file begins "
                                      "with [Soleus Scenario])"),
                                    soleus_scenario_parser_shown (p, s));
      return FALSE;
    }

  first = find_entry (p, header->group, s);
  if (first != NULL)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: speed: given twice in
                                     * [Controls] (first on line 5) */
                                    _("%s: given twice in [%s] (first on line %u)"),
                                    soleus_scenario_parser_shown (p, s),
                                    soleus_scenario_parser_shown (p, header->group),
                                    first->line);
      return FALSE;
    }

  value = eq + 1;
  while (g_ascii_isspace (*value))
    value++;
  /* GKeyFile refuses some key names, and checks the encoding a
   * file declares: the scan leaves both to it. */
  if (!plain_key_name (s) ||
      (header == first_header && strcmp (s, "Encoding") == 0))
    p->needs_keyfile = TRUE;
  add_entry (p, header, NULL, s, value, line);
  return TRUE;
}

/* A copy of the text to cut into names, and room for an entry per line. */
static void
take_text (Parser     *p,
           const char *data,
           gsize       length)
{
  guint n_lines = 1;

  p->text = g_malloc (length + 1);
  memcpy (p->text, data, length);
  p->text[length] = '\0';
  for (const char *c = data; (c = memchr (c, '\n', length - (gsize) (c - data))) != NULL; c++)
    n_lines++;
  p->entries_capacity = n_lines;
  p->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n_lines);
}

/* Scans the text line by line as GKeyFile reads it, keeps the line of every
 * group and key, and refuses what GKeyFile would refuse without a line
 * number, as well as duplicates, which it would silently merge. */
gboolean
soleus_scenario_parser_scan_lines (Parser      *p,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error)
{
  const Entry *header = NULL;
  const Entry *first_header = NULL;
  gsize start = 0;
  guint line = 0;

  take_text (p, data, length);

  while (start < length)
    {
      const char *nl = memchr (data + start, '\n', length - start);
      gsize end = nl != NULL ? (gsize) (nl - data) : length;
      gsize next = nl != NULL ? end + 1 : length;
      char *text;
      char *s;
      gsize len;

      line++;
      g_array_append_val (p->line_ends, next);
      if (nl == NULL)
        p->unterminated = line;

      if (memchr (data + start, '\0', end - start) != NULL)
        {
          p->binary = TRUE;
          soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                        _("a NUL byte: this is not a text file"));
          return FALSE;
        }
      if (!g_utf8_validate (data + start, (gssize) (end - start), NULL))
        {
          p->binary = TRUE;
          soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                        _("not UTF-8 text"));
          return FALSE;
        }

      text = p->text + start;
      text[end - start] = '\0';
      len = end - start;
      start = next;

      /* As GKeyFile: a \r before the newline is dropped, leading spaces are
       * not part of the line. (GKeyFile keeps it on a last line without a
       * newline.) */
      if (len > 0 && text[len - 1] == '\r')
        {
          text[--len] = '\0';
          if (nl == NULL)
            p->needs_keyfile = TRUE;
        }
      s = text;
      while (g_ascii_isspace (*s))
        s++;

      if (*s == '\0' || *s == '#')
        continue;

      if (*s == '[')
        {
          /* The line as it was, for a message. */
          if (!scan_group_line (p, data + (s - p->text), len - (gsize) (s - text), s, line,
                                &header, error))
            return FALSE;
          if (first_header == NULL)
            first_header = header;
        }
      else if (!scan_key_line (p, s, line, header, first_header, error))
        return FALSE;
    }

  return TRUE;
}

/* Hands the text to GKeyFile; when it refuses what the scan let through,
 * finds the first line it refuses by loading ever longer beginnings (a
 * failing beginning stays failing when longer), since its errors carry no
 * line number. */
gboolean
soleus_scenario_parser_load_keyfile (Parser      *p,
                                     const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint lo = 1;
  guint hi = p->line_ends->len;

  p->keyfile = g_key_file_new ();
  if (g_key_file_load_from_data (p->keyfile, data, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                 &local_error))
    return TRUE;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(GKeyFile) part = g_key_file_new ();

      if (g_key_file_load_from_data (part, data, g_array_index (p->line_ends, gsize, mid - 1),
                                     G_KEY_FILE_KEEP_TRANSLATIONS, NULL))
        lo = mid + 1;
      else
        hi = mid;
    }

  {
    g_autofree char *message = soleus_text_escape (local_error->message, -1,
                                                   GLIB_MESSAGE_CHARS);

    soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, hi, "%s", message);
  }
  return FALSE;
}

/* The raw value of a key, without surrounding spaces. */
char *
soleus_scenario_parser_get_value (Parser      *p,
                                  const Entry *e)
{
  char *value;

  if (p->keyfile == NULL)
    return g_strstrip (g_strdup (e->value));

  value = g_key_file_get_value (p->keyfile, e->group, e->key, NULL);
  return value != NULL ? g_strstrip (value) : g_strdup ("");
}

/* An unescaped string value. */
char *
soleus_scenario_parser_get_string (Parser       *p,
                                   const Entry  *e,
                                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  /* Without a backslash there is nothing to unescape: the text is the
   * value. With one, GKeyFile unescapes it, with its own messages. */
  if (p->keyfile == NULL && strchr (e->value, '\\') == NULL)
    return g_strdup (e->value);
  if (p->keyfile == NULL && !soleus_scenario_parser_load_keyfile (p, p->data, p->length, error))
    return NULL;
  value = g_key_file_get_string (p->keyfile, e->group, e->key, &local_error);

  if (value == NULL)
    {
      g_autofree char *message = soleus_text_escape (local_error->message, -1,
                                                     GLIB_MESSAGE_CHARS);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line, "%s: %s",
                                    soleus_scenario_parser_shown (p, e->key), message);
    }
  return value;
}
