/* soleus-cli-output.c: the CLI's JSON pieces and output files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number leaves soleus-cli through the io library (soleus-format.h,
 * soleus-json.h, soleus-csv.h) so that a German locale still writes "0.5",
 * and JSON never holds NaN (null instead). Files go through io's
 * SoleusFileWriter (soleus-file-writer.h), as the window's do.
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

/* ---------------------------------------------------------------------- */
/* JSON pieces of the CLI's own (the writer is io's soleus-json.h). */

void
soleus_cli_json_controls (SoleusJson   *self,
                          const char   *key,
                          const double  controls[SOLEUS_N_PARAMS])
{
  soleus_json_begin_object (self, key);
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *json_key = soleus_cli_param_key ((SoleusParamId) id);

      if (info->choices != NULL)
        {
          g_autofree char *name = soleus_cli_param_value ((SoleusParamId) id,
                                                          controls[id]);
          soleus_json_string (self, json_key, name);
        }
      else
        soleus_json_number (self, json_key, controls[id]);
    }
  soleus_json_end_object (self);
}

void
soleus_cli_json_scenario (SoleusJson          *self,
                          const SoleusCliArgs *args)
{
  if (args->scenario_file != NULL)
    {
      soleus_json_null (self, "scenario");
      soleus_json_string (self, "scenario_file", args->scenario_file_path);
    }
  else
    soleus_json_string (self, "scenario",
                        args->scenario != NULL ? args->scenario->name : NULL);
}

gboolean
soleus_cli_print_help (const char *const  usage[],
                       const char        *description,
                       const char        *extra,
                       SoleusCliOptFlags  accepted,
                       GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; usage[i] != NULL; i++)
    g_string_append_printf (out, "%s\n", usage[i]);
  soleus_cli_append_wrapped (out, description, 0);
  if (extra != NULL)
    g_string_append (out, extra);
  soleus_cli_print_options (out, accepted);
  return soleus_cli_print_stdout (out->str, error);
}

gboolean
soleus_cli_check_positional (const SoleusCliArgs  *args,
                             guint                 n_allowed,
                             const char           *command,
                             GError              **error)
{
  if (args->positional->len > n_allowed)
    {
      g_autofree char *escaped = soleus_text_escape (g_ptr_array_index (args->positional,
                                                                        n_allowed),
                                                     -1, SOLEUS_TEXT_QUOTE_CHARS);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: 'x': unexpected argument (see 'soleus-cli run --help') */
                   _("'%s': unexpected argument (see 'soleus-cli %s --help')"),
                   escaped, command);
      return FALSE;
    }

  return TRUE;
}

SoleusJson *
soleus_cli_json_new_summary (void)
{
  SoleusJson *json = soleus_json_new ();

  soleus_json_begin_object (json, NULL);
  soleus_json_string (json, "model_version", soleus_cli_model_version ());
  return json;
}

char *
soleus_cli_json_finish_summary (SoleusJson *self)
{
  soleus_json_end_object (self);
  return soleus_json_finish (self);
}

void
soleus_cli_append_figure (GString    *out,
                          const char *label,
                          const char *format,
                          double      v,
                          const char *unit)
{
  g_string_append_printf (out, "  %s: ", label);
  soleus_format_append (out, format, v, _("none"));
  if (unit != NULL && isfinite (v))
    g_string_append_printf (out, " %s", unit);
  g_string_append_c (out, '\n');
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
/* Output files: the io library's SoleusFileWriter, or stdout for "-". */

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

/* Everything about --output that can be told before writing, one kind of
 * file a case; the window follows the same rule for the same kind. */
gboolean
soleus_cli_check_output_path (SoleusOutputKind   kind,
                              const char        *path,
                              GError           **error)
{
  g_autofree char *escaped = NULL;

  if (path != NULL && soleus_output_path_fits (kind, path))
    return TRUE;

  /* The name as typed, control characters escaped, cut if long. */
  if (path != NULL)
    escaped = soleus_text_escape (path, -1, SOLEUS_TEXT_QUOTE_CHARS);

  switch (kind)
    {
    case SOLEUS_OUTPUT_PICTURE:
      if (path == NULL)
        g_set_error_literal (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                             /* Translators: --output is required; keep "--output" */
                             _("--output: missing (a file ending in .png, .svg or .pdf)"));
      else
        g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                     /* Translators: --output: 'leg.jpg' does not end in .png, .svg or .pdf */
                     _("--output: '%s' does not end in .png, .svg or .pdf"), escaped);
      break;

    case SOLEUS_OUTPUT_RECORDING:
      if (path == NULL)
        g_set_error_literal (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                             /* Translators: --output is required; keep "--output" */
                             _("--output: missing (a file ending in .mp4, .webm or .gif)"));
      else
        g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                     /* Translators: --output: 'leg.png' does not end in .mp4, … */
                     _("--output: '%s' does not end in .mp4, .webm or .gif (record writes "
                       "videos; for a still picture see 'soleus-cli render')"), escaped);
      break;

    case SOLEUS_OUTPUT_HANDOUT:
    default:
      if (path == NULL)
        g_set_error_literal (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                             /* Translators: --output is required; keep "--output" */
                             _("--output: missing (a file ending in .pdf)"));
      else
        g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                     /* Translators: --output: 'handout.png' does not end in .pdf */
                     _("--output: '%s' does not end in .pdf (the handout is a PDF)"),
                     escaped);
      break;
    }

  return FALSE;
}

gboolean
soleus_cli_output_commit_painted (SoleusCliOutput  *self,
                                  gboolean          ok,
                                  const GError     *paint_error,
                                  GError          **error)
{
  /* The writer's own reason ("No space left on device") when it failed. */
  if (!ok && !soleus_cli_output_check (self, error))
    return FALSE;

  if (!ok)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      /* The options were checked: what remains is writing. */
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_IO,
                   /* Translators: --output: cannot write 'leg.png' (the reason) */
                   _("--output: cannot write '%s' (%s)"), display,
                   paint_error != NULL ? paint_error->message : g_strerror (EIO));
      return FALSE;
    }

  return soleus_cli_output_commit (self, error);
}
