/* soleus-cli.c: main () and the command table of soleus-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * soleus-cli runs the Soleus model headless for students, scripts and tests.
 * Each subcommand is one row of the table below and lives in its own
 * soleus-cli-NAME.c; adding one takes a handler declared in
 * soleus-cli-private.h, a row here and a file in meson.build.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "soleus-cli-private.h"

static gboolean help_command (int argc, char **argv, GError **error);

static const SoleusCliCommand commands[] = {
  { "run",       soleus_cli_run,
    N_("Simulate the leg and print its readouts (text, JSON or CSV)") },
  { "protocol",  soleus_cli_protocol,
    N_("Run a clinical test: avp, apg or posture") },
  { "scenarios", soleus_cli_scenarios,
    N_("List the built-in scenarios") },
  { "bench",     soleus_cli_bench,
    N_("Measure how fast the model runs and the leg is painted") },
  { "render",    soleus_cli_render,
    N_("Draw the leg at one moment of a run to PNG, SVG or PDF") },
  { "record",    soleus_cli_record,
    N_("Record a video of a run: MP4, WebM or GIF") },
  { "handout",   soleus_cli_handout,
    N_("Write the patient handout (PDF): this leg beside a healthy one") },
  { "help",      help_command,
    N_("Show help for soleus-cli or one of its commands") },
};

static const SoleusCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static char *
join_command_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, commands[i].name);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_usage (GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", _("Usage: soleus-cli COMMAND [OPTION…]"));
  soleus_cli_append_wrapped (out,
                             _("Simulate the calf muscle pump and the venous return of one "
                               "leg."),
                             0);
  g_string_append_printf (out, "%s\n", _("An educational model, not a diagnostic tool."));
  g_string_append_printf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-11s %s\n", commands[i].name, _(commands[i].summary));

  g_string_append_printf (out, "\n%s\n", _("Options:"));
  g_string_append_printf (out, "  %-11s %s\n", "--help", _("Show this help"));
  g_string_append_printf (out, "  %-11s %s\n", "--version", _("Show the version"));
  g_string_append_printf (out, "\n%s\n",
                          _("Run 'soleus-cli COMMAND --help' for the options of a "
                            "command."));
  return soleus_cli_print_stdout (out->str, error);
}

static gboolean
help_command (int      argc,
              char   **argv,
              GError **error)
{
  const SoleusCliCommand *command;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    return print_usage (error);

  command = find_command (argv[1]);
  if (command == NULL || command->handler == help_command)
    {
      g_autofree char *names = join_command_names ();
      g_autofree char *escaped = soleus_text_escape (argv[1], -1, SOLEUS_TEXT_QUOTE_CHARS);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: help: 'x' is not a command (run, protocol, …) */
                   _("help: '%s' is not a command (%s)"), escaped, names);
      return FALSE;
    }

  help_argv[0] = argv[1];
  return command->handler (2, help_argv, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const SoleusCliCommand *command;

  setlocale (LC_ALL, "");
  /* Numbers are read and written in the C locale whatever the language. */
  setlocale (LC_NUMERIC, "C");
  /* SOLEUS_LOCALEDIR points at the translations built in the build tree
   * (build-aux/run, the tests), as for the app; installed, they live in
   * LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("SOLEUS_LOCALEDIR") != NULL ? g_getenv ("SOLEUS_LOCALEDIR")
                                                        : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("soleus-cli");

  if (argc < 2)
    {
      g_set_error (&error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("missing command (see 'soleus-cli --help')"));
    }
  else if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      if (print_usage (&error))
        return 0;
    }
  else if (strcmp (argv[1], "--version") == 0)
    {
      g_autofree char *version = g_strdup_printf ("soleus-cli %s (model %s)\n",
                                                  PACKAGE_VERSION,
                                                  soleus_cli_model_version ());

      if (soleus_cli_print_stdout (version, &error))
        return 0;
    }
  else if ((command = find_command (argv[1])) == NULL)
    {
      g_autofree char *names = join_command_names ();
      g_autofree char *escaped = soleus_text_escape (argv[1], -1, SOLEUS_TEXT_QUOTE_CHARS);

      if (argv[1][0] == '-')
        g_set_error (&error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                     _("'%s': unknown option (see 'soleus-cli --help')"), escaped);
      else
        g_set_error (&error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                     /* Translators: 'x' is not a command (run, protocol, …) */
                     _("'%s' is not a command (%s)"), escaped, names);
    }
  else if (command->handler (argc - 1, argv + 1, &error))
    {
      return 0;
    }

  g_assert (error != NULL);

  /* Exactly one line: a message never spans two. */
  g_strdelimit (error->message, "\r\n", ' ');
  g_printerr ("soleus-cli: %s\n", error->message);

  if (error->domain == SOLEUS_CLI_ERROR &&
      (error->code == SOLEUS_CLI_ERROR_USAGE || error->code == SOLEUS_CLI_ERROR_IO))
    return 2;

  return 1;
}
