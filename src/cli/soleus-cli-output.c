/* soleus-cli-output.c: numbers, JSON and output files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number leaves soleus-cli through g_ascii_* so that a German locale
 * still writes "0.5", and JSON never holds NaN (null instead). Files go
 * through the render layer's SoleusFileWriter (soleus-file-writer.h), as
 * the window's do.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "soleus-cli-private.h"
#include "soleus-file-writer.h"
#include "soleus-format.h"

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

const char *
soleus_cli_format_double (char   *buf,
                          double  v)
{
  /* The window's CSV and every file use the same text for a number. */
  return soleus_format_double (buf, v);
}

void
soleus_cli_append_number (GString    *out,
                          const char *format,
                          double      v,
                          const char *none)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (out, none);
      return;
    }

  g_ascii_formatd (buf, sizeof buf, format, v);
  /* "-0.0" reads as a sign the model never meant. */
  if (is_negative_zero_text (buf))
    g_string_append (out, buf + 1);
  else
    g_string_append (out, buf);
}

/* ---------------------------------------------------------------------- */
/* JSON: a pretty-printed writer with two-space indents. */

#define JSON_MAX_DEPTH 16

struct _SoleusCliJson
{
  GString  *buf;
  int       depth;
  gboolean  has_members[JSON_MAX_DEPTH];
};

SoleusCliJson *
soleus_cli_json_new (void)
{
  SoleusCliJson *self = g_new0 (SoleusCliJson, 1);

  self->buf = g_string_new (NULL);
  return self;
}

void
soleus_cli_json_free (SoleusCliJson *self)
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
begin_value (SoleusCliJson *self,
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
open_container (SoleusCliJson *self,
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
close_container (SoleusCliJson *self,
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
soleus_cli_json_begin_object (SoleusCliJson *self,
                              const char    *key)
{
  open_container (self, key, '{');
}

void
soleus_cli_json_end_object (SoleusCliJson *self)
{
  close_container (self, '}');
}

void
soleus_cli_json_begin_array (SoleusCliJson *self,
                             const char    *key)
{
  open_container (self, key, '[');
}

void
soleus_cli_json_end_array (SoleusCliJson *self)
{
  close_container (self, ']');
}

void
soleus_cli_json_number (SoleusCliJson *self,
                        const char    *key,
                        double         v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  begin_value (self, key);
  if (isfinite (v))
    g_string_append (self->buf, soleus_cli_format_double (buf, v));
  else
    g_string_append (self->buf, "null");
}

void
soleus_cli_json_int (SoleusCliJson *self,
                     const char    *key,
                     gint64         v)
{
  begin_value (self, key);
  g_string_append_printf (self->buf, "%" G_GINT64_FORMAT, v);
}

void
soleus_cli_json_string (SoleusCliJson *self,
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
soleus_cli_json_null (SoleusCliJson *self,
                      const char    *key)
{
  begin_value (self, key);
  g_string_append (self->buf, "null");
}

void
soleus_cli_json_bool (SoleusCliJson *self,
                      const char    *key,
                      gboolean       v)
{
  begin_value (self, key);
  g_string_append (self->buf, v ? "true" : "false");
}

void
soleus_cli_json_controls (SoleusCliJson *self,
                          const char    *key,
                          const double   controls[SOLEUS_N_PARAMS])
{
  soleus_cli_json_begin_object (self, key);
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *json_key = soleus_cli_param_key ((SoleusParamId) id);

      if (info->choices != NULL)
        {
          g_autofree char *name = soleus_cli_param_value ((SoleusParamId) id,
                                                          controls[id]);
          soleus_cli_json_string (self, json_key, name);
        }
      else
        soleus_cli_json_number (self, json_key, controls[id]);
    }
  soleus_cli_json_end_object (self);
}

void
soleus_cli_json_scenario (SoleusCliJson       *self,
                          const SoleusCliArgs *args)
{
  if (args->scenario_file != NULL)
    {
      soleus_cli_json_null (self, "scenario");
      soleus_cli_json_string (self, "scenario_file", args->scenario_file_path);
    }
  else
    soleus_cli_json_string (self, "scenario",
                            args->scenario != NULL ? args->scenario->name : NULL);
}

char *
soleus_cli_json_finish (SoleusCliJson *self)
{
  g_return_val_if_fail (self->depth == 0, NULL);

  g_string_append_c (self->buf, '\n');
  return g_strdup (self->buf->str);
}

gboolean
soleus_cli_print_stdout (const char  *text,
                         GError     **error)
{
  size_t len = strlen (text);

  if (fwrite (text, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_IO,
                   _("cannot write to standard output: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Output files: the render layer's SoleusFileWriter, or stdout for "-". */

struct _SoleusCliOutput
{
  char             *option;   /* "csv", for messages */
  char             *path;     /* NULL for stdout */
  SoleusFileWriter *writer;   /* NULL for stdout */
  gboolean          stdout_failed;
  int               stdout_errno;
};

/* The temporary file to remove should the process be interrupted (Ctrl+C)
 * while writing; one output file at a time. */
static volatile sig_atomic_t interrupt_pending_unlink;
static char *interrupt_tmp_path;

static void
unlink_and_reraise (int signum)
{
  /* Only async-signal-safe calls here. */
  if (interrupt_pending_unlink && interrupt_tmp_path != NULL)
    unlink (interrupt_tmp_path);
  signal (signum, SIG_DFL);
  raise (signum);
}

static const int interrupt_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

/* Holds the interrupting signals back (block) or lets them in, so that none
 * lands between creating the temporary file and watching for it. */
static void
hold_interrupts (gboolean hold)
{
  sigset_t set;

  sigemptyset (&set);
  for (guint i = 0; i < G_N_ELEMENTS (interrupt_signals); i++)
    sigaddset (&set, interrupt_signals[i]);
  sigprocmask (hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

static void
watch_interrupts (const char *tmp_path)
{
  interrupt_pending_unlink = FALSE;
  g_free (interrupt_tmp_path);
  interrupt_tmp_path = g_strdup (tmp_path);
  interrupt_pending_unlink = (tmp_path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (interrupt_signals); i++)
    signal (interrupt_signals[i], tmp_path != NULL ? unlink_and_reraise : SIG_DFL);
}

static void
set_io_error (GError     **error,
              const char  *option,
              const char  *path,
              int          errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_IO,
               /* Translators: --csv: cannot write 'out.csv': Permission denied */
               _("--%s: cannot write '%s': %s"),
               option, display, g_strerror (errsv));
}

static SoleusCliOutput *
open_output (const char  *option,
             const char  *path,
             gboolean     allow_stdout,
             GError     **error)
{
  g_autoptr(SoleusCliOutput) self = g_new0 (SoleusCliOutput, 1);
  g_autoptr(GError) local_error = NULL;

  self->option = g_strdup (option);

  if (allow_stdout && strcmp (path, "-") == 0)
    return g_steal_pointer (&self);

  self->path = g_strdup (path);

  hold_interrupts (TRUE);
  self->writer = soleus_file_writer_open (path, &local_error);
  if (self->writer != NULL)
    watch_interrupts (soleus_file_writer_get_tmp_path (self->writer));
  hold_interrupts (FALSE);

  if (self->writer == NULL)
    {
      set_io_error (error, option, path, local_error->code);
      return NULL;
    }

  return g_steal_pointer (&self);
}

SoleusCliOutput *
soleus_cli_output_open (const char  *option,
                        const char  *path,
                        GError     **error)
{
  return open_output (option, path, TRUE, error);
}

SoleusCliOutput *
soleus_cli_output_open_file (const char  *option,
                             const char  *path,
                             GError     **error)
{
  return open_output (option, path, FALSE, error);
}

SoleusFileWriter *
soleus_cli_output_get_writer (SoleusCliOutput *self)
{
  return self->writer;
}

gboolean
soleus_cli_output_write (SoleusCliOutput *self,
                         const char      *text,
                         gsize            length)
{
  if (self->writer != NULL)
    return soleus_file_writer_write (self->writer, text, length);

  if (self->stdout_failed)
    return FALSE;
  if (fwrite (text, 1, length, stdout) != length)
    {
      self->stdout_failed = TRUE;
      self->stdout_errno = errno;
      return FALSE;
    }
  return TRUE;
}

gboolean
soleus_cli_output_check (SoleusCliOutput  *self,
                         GError          **error)
{
  int errsv;

  if (self->writer == NULL)
    {
      if (!self->stdout_failed)
        return TRUE;
      errsv = self->stdout_errno != 0 ? self->stdout_errno : EIO;
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_IO,
                   _("--%s: cannot write to standard output: %s"),
                   self->option, g_strerror (errsv));
      return FALSE;
    }

  errsv = soleus_file_writer_get_errno (self->writer);
  if (errsv == 0)
    return TRUE;

  set_io_error (error, self->option, self->path, errsv);
  return FALSE;
}

gboolean
soleus_cli_output_finish (SoleusCliOutput  *self,
                          GError          **error)
{
  if (self->writer != NULL)
    soleus_file_writer_finish (self->writer, NULL);
  else if (!self->stdout_failed && fflush (stdout) != 0)
    {
      self->stdout_failed = TRUE;
      self->stdout_errno = errno;
    }

  return soleus_cli_output_check (self, error);
}

gboolean
soleus_cli_output_commit (SoleusCliOutput  *self,
                          GError          **error)
{
  if (!soleus_cli_output_finish (self, error))
    return FALSE;

  if (self->writer != NULL)
    {
      soleus_file_writer_commit (self->writer, NULL);
      watch_interrupts (NULL);
    }

  return soleus_cli_output_check (self, error);
}

void
soleus_cli_output_free (SoleusCliOutput *self)
{
  if (self == NULL)
    return;

  if (self->writer != NULL)
    {
      /* Removes the temporary file unless committed. */
      soleus_file_writer_free (self->writer);
      watch_interrupts (NULL);
    }

  g_free (self->option);
  g_free (self->path);
  g_free (self);
}
