/* soleus-scenario-file-reader.c: reading .soleus scenario files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The format is described in soleus-scenario-file.c.
 */

#include "config.h"

#include "soleus-format.h"
#include "soleus-scenario-file.h"
#include "soleus-scenario-file-private.h"
#include "soleus-number.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------------- */
/* Reading */

/* "Title[de]" -> "de" when key is Title[...]; NULL otherwise. */
static char *
localized_key (const char *key,
               const char *base)
{
  gsize n = strlen (base);
  gsize len = strlen (key);

  if (strncmp (key, base, n) != 0 || key[n] != '[' || len < n + 3 || key[len - 1] != ']')
    return NULL;
  return g_strndup (key + n + 1, len - n - 2);
}

/* A number in seconds within [min, max]. */
static gboolean
parse_seconds (Parser       *p,
               guint         line,
               const char   *what,
               const char   *text,
               double        min,
               double       *out,
               GError      **error)
{
  g_autofree char *range = soleus_format_range (min, SOLEUS_SCENARIO_FILE_MAX_TIME_S, "s");
  double v;

  if (!soleus_number_parse (text, &v))
    {
      g_autofree char *quoted = soleus_scenario_quote_text (text, -1);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: Duration: 'ten' is not a number
                                     * (0.001 to 604800 s) */
                                    _("%s: %s is not a number (%s)"), what, quoted, range);
      return FALSE;
    }
  if (v < min || v > SOLEUS_SCENARIO_FILE_MAX_TIME_S)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_RANGE, line,
                                    /* Translators: Event1: -5 s is out of range (0 to 604800 s) */
                                    _("%s: %s s is out of range (%s)"), what,
                                    soleus_scenario_parser_shown (p, text), range);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* A control's value: a choice's name, or a number in range. what names it
 * for the message: "valve-weakness", "[Step 2] speed". */
static gboolean
parse_control (Parser        *p,
               guint          line,
               const char    *what,
               SoleusParamId  id,
               const char    *text,
               double        *out,
               GError       **error)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  g_autofree char *range = soleus_scenario_param_range (id);
  g_autofree char *quoted = soleus_scenario_quote_text (text, -1);
  double v;

  if (info->choices != NULL)
    {
      if (soleus_param_parse (id, text, out))
        return TRUE;
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_RANGE, line,
                                    /* Translators: posture: 'lying' is not one of
                                     * supine, sitting, … */
                                    _("%s: %s is not one of %s"), what, quoted, range);
      return FALSE;
    }

  if (!soleus_number_parse (text, &v))
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                                    /* Translators: speed: 'fast' is not a number (0 to 6 km/h) */
                                    _("%s: %s is not a number (%s)"), what, quoted, range);
      return FALSE;
    }
  if (!soleus_param_in_range (id, v))
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_RANGE, line,
                                    /* Translators: valve-weakness: 1.5 is out of range (0 to 1) */
                                    _("%s: %s is out of range (%s)"), what,
                                    soleus_scenario_parser_shown (p, text), range);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
unknown_control (Parser      *p,
                 guint        line,
                 const char  *prefix,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *names = soleus_scenario_param_names ();
  g_autofree char *quoted = soleus_scenario_quote_text (name, -1);

  soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, line,
                                /* Translators: [Step 2] 'valve-weaknes' is not a
                                 * control (one of …) */
                                _("%s%s is not a control (one of %s)"), prefix, quoted, names);
  return FALSE;
}

/* A whole number after a prefix: "Event12" -> 12; 0 when it is not one. */
static guint
number_after (const char *text,
              const char *prefix)
{
  guint64 n;

  if (!g_str_has_prefix (text, prefix) ||
      !g_ascii_string_to_unsigned (text + strlen (prefix), 10, 1, G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

static gboolean
check_version (Parser      *p,
               const Entry *header,
               GError     **error)
{
  const Entry *e = soleus_scenario_parser_find_entry (p, GROUP_SCENARIO, "Version");
  g_autofree char *value = NULL;
  guint64 version;

  if (e == NULL)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, header->line,
                                    /* Translators: keep [Soleus Scenario] and
                                     * Version as they are */
                                    _("[Soleus Scenario] has no Version"));
      return FALSE;
    }

  value = soleus_scenario_parser_get_value (p, e);
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &version, NULL))
    {
      g_autofree char *quoted = soleus_scenario_quote_text (value, -1);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                    _("Version: %s is not a whole number"), quoted);
      return FALSE;
    }
  if (version < 1 || version > SOLEUS_SCENARIO_FILE_VERSION)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_VERSION, e->line,
                                    /* Translators: Version 99 is not supported: this Soleus reads
                                     * versions 1 to 2 … */
                                    _("Version %s is not supported: this Soleus reads versions 1 "
                                      "to %d (a newer Soleus may have written the file)"),
                                    soleus_scenario_parser_shown (p, value),
                                    SOLEUS_SCENARIO_FILE_VERSION);
      return FALSE;
    }
  p->version = (guint) version;
  return TRUE;
}

typedef enum
{
  IN_SCENARIO,
  IN_CONTROLS,
  IN_TIMELINE,
  IN_STEP,
} Section;

static gboolean
parse_scenario_key (Parser              *p,
                    const Entry         *e,
                    SoleusScenarioFile  *file,
                    GError             **error)
{
  g_autofree char *locale = NULL;

  if (strcmp (e->key, "Version") == 0)
    return TRUE;  /* checked first */

  if (strcmp (e->key, "Title") == 0 || (locale = localized_key (e->key, "Title")) != NULL)
    {
      g_autofree char *text = soleus_scenario_parser_get_string (p, e, error);

      if (text == NULL)
        return FALSE;
      if (locale == NULL && g_strstrip (text)[0] == '\0')
        {
          soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, e->line,
                                        _("Title: empty (a scenario needs a title)"));
          return FALSE;
        }
      soleus_scenario_text_set (&file->title, locale, text);
      return TRUE;
    }

  if (strcmp (e->key, "Description") == 0 ||
      (locale = localized_key (e->key, "Description")) != NULL)
    {
      g_autofree char *text = soleus_scenario_parser_get_string (p, e, error);

      if (text == NULL)
        return FALSE;
      soleus_scenario_text_set (&file->description, locale, text);
      return TRUE;
    }

  if (strcmp (e->key, "Duration") == 0)
    {
      g_autofree char *value = soleus_scenario_parser_get_value (p, e);

      return parse_seconds (p, e->line, e->key, value, SOLEUS_STEP_S, &file->duration_s,
                            error);
    }

  soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                                /* Translators: keep the key names as they are */
                                _("%s: unknown key in [Soleus Scenario] (Version, Title, "
                                  "Description or Duration)"),
                                soleus_scenario_parser_shown (p, e->key));
  return FALSE;
}

static gboolean
parse_event (Parser              *p,
             const Entry         *e,
             SoleusScenarioFile  *file,
             GError             **error)
{
  guint number = number_after (e->key, EVENT_PREFIX);
  g_auto(GStrv) parts = NULL;
  g_autofree char *value = NULL;
  g_autofree char *what = NULL;
  SoleusScenarioEvent event;
  int param;

  if (number == 0)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                                    /* Translators: keep [Timeline] and Event1 as they are */
                                    _("%s: unknown key in [Timeline] (the events are Event1, "
                                      "Event2, …)"),
                                    soleus_scenario_parser_shown (p, e->key));
      return FALSE;
    }
  if (number != file->events->len + 1)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                    /* Translators: Event3: out of order (expected Event2 here) */
                                    _("%s: out of order (expected %s%u here)"),
                                    soleus_scenario_parser_shown (p, e->key), EVENT_PREFIX,
                                    file->events->len + 1);
      return FALSE;
    }

  value = soleus_scenario_parser_get_value (p, e);
  parts = g_strsplit (value, ";", -1);
  /* A final ';' is allowed, as in GKeyFile's lists. */
  if (g_strv_length (parts) == 4 && parts[3][0] == '\0')
    g_clear_pointer (&parts[3], g_free);
  if (g_strv_length (parts) != 3)
    {
      g_autofree char *quoted = soleus_scenario_quote_text (value, -1);

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                    /* Translators: Event1: '120;speed' is not TIME;CONTROL;VALUE
                                     * (as in 120;speed;3); keep TIME;CONTROL;VALUE as it is */
                                    _("%s: %s is not TIME;CONTROL;VALUE (as in 120;speed;3)"),
                                    soleus_scenario_parser_shown (p, e->key), quoted);
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    g_strstrip (parts[i]);

  if (!parse_seconds (p, e->line, soleus_scenario_parser_shown (p, e->key), parts[0], 0.0,
                      &event.time_s, error))
    return FALSE;

  param = soleus_param_find (parts[1]);
  if (param < 0)
    {
      g_autofree char *prefix = g_strdup_printf ("%s: ", soleus_scenario_parser_shown (p, e->key));
      return unknown_control (p, e->line, prefix, parts[1], error);
    }
  event.param = (SoleusParamId) param;

  what = g_strdup_printf ("%s %s", soleus_scenario_parser_shown (p, e->key), parts[1]);
  if (!parse_control (p, e->line, what, event.param, parts[2], &event.value, error))
    return FALSE;

  if (file->events->len > 0)
    {
      const SoleusScenarioEvent *last = &g_array_index (file->events, SoleusScenarioEvent,
                                                        file->events->len - 1);

      if (event.time_s < last->time_s)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                        /* Translators: Event3: 100 s is before Event2 (120 s); … */
                                        _("%s: %s s is before %s%u (%s s); events go in time "
                                          "order"),
                                        soleus_scenario_parser_shown (p, e->key),
                                        soleus_scenario_parser_shown (p, parts[0]), EVENT_PREFIX,
                                        file->events->len,
                                        soleus_format_double (buf, last->time_s));
          return FALSE;
        }
    }

  g_array_append_val (file->events, event);
  return TRUE;
}

static gboolean
parse_step_key (Parser              *p,
                const Entry         *e,
                SoleusScenarioFile  *file,
                GError             **error)
{
  guint index = file->steps->len - 1;
  Step *step = soleus_scenario_file_step_at (file, index);
  g_autofree char *locale = NULL;
  g_autofree char *value = NULL;
  g_autofree char *what = NULL;
  int param;

  if (strcmp (e->key, "Caption") == 0 || (locale = localized_key (e->key, "Caption")) != NULL)
    {
      g_autofree char *text = soleus_scenario_parser_get_string (p, e, error);

      if (text == NULL)
        return FALSE;
      soleus_scenario_text_set (&step->caption, locale, text);
      return TRUE;
    }

  value = soleus_scenario_parser_get_value (p, e);
  what = g_strdup_printf ("[%s] %s", soleus_scenario_parser_shown (p, e->group),
                          soleus_scenario_parser_shown (p, e->key));

  if (strcmp (e->key, "Time") == 0)
    {
      if (!parse_seconds (p, e->line, what, value, 0.0, &step->time_s, error))
        return FALSE;
      /* In version 1, times never decrease from one step to the next. */
      for (guint i = index; i > 0 && p->version < 2; i--)
        {
          double before = soleus_scenario_file_step_at (file, i - 1)->time_s;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (isnan (before))
            continue;
          if (step->time_s < before)
            {
              soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                            /* Translators: [Step 3] Time: 50 s is before [Step 2]
                                             * (120 s); steps go in time order */
                                            _("%s: %s s is before [%s%u] (%s s); steps go in "
                                              "time order"),
                                            what, soleus_scenario_parser_shown (p, value),
                                            STEP_PREFIX, i,
                                            soleus_format_double (buf, before));
              return FALSE;
            }
          break;
        }
      return TRUE;
    }

  param = soleus_param_find (e->key);
  if (param < 0)
    {
      g_autofree char *prefix = g_strdup_printf ("[%s] ",
                                                 soleus_scenario_parser_shown (p, e->group));
      g_autofree char *names = soleus_scenario_param_names ();

      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                                    /* Translators: [Step 2] speeed: unknown key (Caption, Time or a
                                     * control: posture, speed, …); keep Caption and Time */
                                    _("%s%s: unknown key (Caption, Time or a control: %s)"),
                                    prefix, soleus_scenario_parser_shown (p, e->key), names);
      return FALSE;
    }

  return parse_control (p, e->line, what, (SoleusParamId) param, value,
                        &step->controls[param], error);
}

/* After a step's keys: it has a caption. */
static gboolean
check_step (Parser              *p,
            const Entry         *header,
            SoleusScenarioFile  *file,
            GError             **error)
{
  if (soleus_scenario_parser_find_entry (p, header->group, "Caption") == NULL)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, header->line,
                                    /* Translators: [Step 2] has no Caption; keep Caption */
                                    _("[%s] has no Caption"),
                                    soleus_scenario_parser_shown (p, header->group));
      return FALSE;
    }
  return TRUE;
}

/* The file begins with [Soleus Scenario]; first becomes its header. */
static gboolean
check_first_group (Parser       *p,
                   const Entry **first,
                   GError      **error)
{
  if (p->entries->len == 0)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, 1,
                                    /* Translators: keep [Soleus Scenario] as it is */
                                    _("empty: not a scenario file (no [Soleus Scenario] group)"));
      return FALSE;
    }

  *first = &g_array_index (p->entries, Entry, 0);
  if (strcmp ((*first)->group, GROUP_SCENARIO) != 0)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, (*first)->line,
                                    /* Translators: [Desktop Entry]: not a scenario file (it must
                                     * begin with [Soleus Scenario]) */
                                    _("[%s]: not a scenario file (it must begin with "
                                      "[Soleus Scenario])"),
                                    soleus_scenario_parser_shown (p, (*first)->group));
      return FALSE;
    }
  return TRUE;
}

/* A group's header e: the step before it, if any, is complete; section
 * becomes the group's, and a step's header starts a step. */
static gboolean
enter_group (Parser              *p,
             const Entry         *e,
             SoleusScenarioFile  *file,
             Section             *section,
             const Entry        **step_header,
             GError             **error)
{
  guint number;

  if (*step_header != NULL && !check_step (p, *step_header, file, error))
    return FALSE;
  *step_header = NULL;

  number = number_after (e->group, STEP_PREFIX);
  if (strcmp (e->group, GROUP_SCENARIO) == 0)
    *section = IN_SCENARIO;
  else if (strcmp (e->group, GROUP_CONTROLS) == 0)
    *section = IN_CONTROLS;
  else if (strcmp (e->group, GROUP_TIMELINE) == 0)
    *section = IN_TIMELINE;
  else if (number > 0)
    {
      if (number != file->steps->len + 1)
        {
          soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                        /* Translators: [Step 3]: out of order (expected [Step 2]
                                         * here) */
                                        _("[%s]: out of order (expected [%s%u] here)"),
                                        soleus_scenario_parser_shown (p, e->group), STEP_PREFIX,
                                        file->steps->len + 1);
          return FALSE;
        }
      g_ptr_array_add (file->steps, soleus_scenario_step_new (NULL));
      *step_header = e;
      *section = IN_STEP;
    }
  else
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                                    /* Translators: keep the group names as they are */
                                    _("[%s]: unknown group ([Soleus Scenario], [Controls], "
                                      "[Timeline] or [Step 1], [Step 2], …)"),
                                    soleus_scenario_parser_shown (p, e->group));
      return FALSE;
    }
  return TRUE;
}

/* A key e of a group of the kind section. */
static gboolean
parse_key (Parser              *p,
           const Entry         *e,
           Section              section,
           SoleusScenarioFile  *file,
           GError             **error)
{
  switch (section)
    {
    case IN_SCENARIO:
      return parse_scenario_key (p, e, file, error);

    case IN_CONTROLS:
      {
        int param = soleus_param_find (e->key);
        g_autofree char *value = NULL;

        if (param < 0)
          return unknown_control (p, e->line, "", e->key, error);
        value = soleus_scenario_parser_get_value (p, e);
        return parse_control (p, e->line, e->key, (SoleusParamId) param, value,
                              &file->controls[param], error);
      }

    case IN_TIMELINE:
      return parse_event (p, e, file, error);

    case IN_STEP:
      return parse_step_key (p, e, file, error);

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
parse_entries (Parser              *p,
               SoleusScenarioFile  *file,
               GError             **error)
{
  const Entry *first = NULL;
  const Entry *step_header = NULL;
  Section section = IN_SCENARIO;

  if (!check_first_group (p, &first, error))
    return FALSE;

  /* The version before anything else: a newer file may well have groups and
   * keys that this version does not know. */
  if (!check_version (p, first, error))
    return FALSE;

  for (guint i = 0; i < p->entries->len; i++)
    {
      const Entry *e = &g_array_index (p->entries, Entry, i);

      if (e->key == NULL)
        {
          if (!enter_group (p, e, file, &section, &step_header, error))
            return FALSE;
        }
      else if (!parse_key (p, e, section, file, error))
        return FALSE;
    }

  if (step_header != NULL && !check_step (p, step_header, file, error))
    return FALSE;

  if (soleus_scenario_parser_find_entry (p, GROUP_SCENARIO, "Title") == NULL)
    {
      soleus_scenario_parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, first->line,
                                    /* Translators: keep [Soleus Scenario] and Title as they are */
                                    _("[Soleus Scenario] has no Title"));
      return FALSE;
    }

  return TRUE;
}

SoleusScenarioFile *
soleus_scenario_file_load_from_data_full (const char  *data,
                                          gssize       length,
                                          const char  *name,
                                          gboolean     always_keyfile,
                                          GError     **error)
{
  g_autoptr(SoleusScenarioFile) file = NULL;
  Parser p = { 0 };
  gsize len;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  soleus_scenario_parser_init (&p, name);
  p.always_keyfile = always_keyfile;

  if (len > MAX_FILE_SIZE)
    {
      soleus_scenario_parser_error (&p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, 0,
                                    _("too large for a scenario file (more than 1 MiB)"));
      soleus_scenario_parser_clear (&p);
      return NULL;
    }

  file = soleus_scenario_file_new ();
  /* A byte-order mark, as Notepad writes at the start of UTF-8 text, is
   * not part of the text (GKeyFile would read it as part of the first
   * line). */
  if (data != NULL && len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  /* A file's title is its own: no "Untitled" fallback. */
  soleus_scenario_text_set (&file->title, NULL, "");

  p.data = data != NULL ? data : "";
  p.length = len;
  ok = soleus_scenario_parser_scan_lines (&p, p.data, len, error) &&
       (!(p.needs_keyfile || p.always_keyfile) ||
        soleus_scenario_parser_load_keyfile (&p, p.data, len, error)) &&
       parse_entries (&p, file, error);

  soleus_scenario_parser_clear (&p);
  if (!ok)
    return NULL;

  return g_steal_pointer (&file);
}

SoleusScenarioFile *
soleus_scenario_file_load_from_data (const char  *data,
                                     gssize       length,
                                     const char  *name,
                                     GError     **error)
{
  return soleus_scenario_file_load_from_data_full (data, length, name, FALSE, error);
}

/* Why a file cannot be read, briefly: GLib's messages name the file again. */
static const char *
describe_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOENT:
      return _("no such file");
    case EACCES:
    case EPERM:
      return _("permission denied");
    case EISDIR:
      return _("a folder, not a file");
    default:
      return g_strerror (saved_errno);
    }
}

static void
set_read_error (GError     **error,
                const char  *display,
                const char  *reason)
{
  g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO,
               /* Translators: leg.soleus: cannot read (no such file) */
               _("%s: cannot read (%s)"), display, reason);
}

/* Reads at most MAX_FILE_SIZE + 1 bytes of a regular file. What is not one
 * is refused before a byte is read: a FIFO would block until a writer came,
 * a device such as /dev/zero would never end. The file is opened without
 * blocking (a FIFO opens at once) and checked through the open descriptor,
 * so that it cannot be swapped between the check and the read; its size is
 * checked first, and the read stops past the limit all the same, since the
 * file may grow meanwhile. */
static char *
read_scenario_file (const char  *path,
                    const char  *display,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize size;
  gsize used = 0;
  int fd;

  /* A device is not even opened, when it can be told from its name: opening
   * some has effects of its own. The open file is checked again below, in
   * case the name changed hands meanwhile. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      set_read_error (error, display, S_ISDIR (st.st_mode) ? _("a folder, not a file")
                                                           : _("not a regular file"));
      return NULL;
    }

  do
    fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      set_read_error (error, display, describe_errno (errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_read_error (error, display, describe_errno (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      set_read_error (error, display, _("a folder, not a file"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      /* Translators: the reason in "leg.soleus: cannot read (…)": a FIFO,
       * a device or a socket */
      set_read_error (error, display, _("not a regular file"));
      return NULL;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      g_close (fd, NULL);
      g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
                   "%s: %s", display, _("too large for a scenario file (more than 1 MiB)"));
      return NULL;
    }

  /* Room for the size it has, and one byte more to see it grow. */
  size = (gsize) st.st_size + 1;
  data = g_malloc (size + 1);
  for (;;)
    {
      gssize n;

      if (used == size)
        {
          if (size > MAX_FILE_SIZE)
            break;
          size = MIN (size * 2, (gsize) MAX_FILE_SIZE + 1);
          data = g_realloc (data, size + 1);
        }

      n = read (fd, data + used, size - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_close (fd, NULL);
          set_read_error (error, display, describe_errno (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }
  g_close (fd, NULL);

  if (used > MAX_FILE_SIZE)
    {
      g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
                   "%s: %s", display, _("too large for a scenario file (more than 1 MiB)"));
      return NULL;
    }

  data[used] = '\0';
  *length = used;
  return g_steal_pointer (&data);
}

SoleusScenarioFile *
soleus_scenario_file_load (const char  *path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  data = read_scenario_file (path, display, &length, error);
  if (data == NULL)
    return NULL;

  return soleus_scenario_file_load_from_data (data, (gssize) length, display, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object G_GNUC_UNUSED,
                gpointer      task_data,
                GCancellable *cancellable G_GNUC_UNUSED)
{
  GError *error = NULL;
  SoleusScenarioFile *file;

  /* The read itself cannot block (only regular files are read) and stops
   * at a megabyte: a cancellation is heard before it starts. */
  if (g_task_return_error_if_cancelled (task))
    return;

  file = soleus_scenario_file_load (task_data, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) soleus_scenario_file_free);
}

void
soleus_scenario_file_load_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, soleus_scenario_file_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

SoleusScenarioFile *
soleus_scenario_file_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        soleus_scenario_file_load_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
