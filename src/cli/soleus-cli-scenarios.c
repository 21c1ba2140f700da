/* soleus-cli-scenarios.c: `soleus-cli scenarios`, the built-in scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `scenarios --save NAME FILE` writes a built-in scenario as a scenario file
 * (.soleus) for a teacher to edit, and to play with --scenario-file.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "soleus-cli-private.h"

#define SCENARIOS_OPTIONS (SOLEUS_CLI_OPT_JSON | SOLEUS_CLI_OPT_SAVE)

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli scenarios [OPTION…]"),
    _("       soleus-cli scenarios --save NAME FILE"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("List the built-in scenarios: their names (for 'soleus-cli "
                                  "run --scenario NAME'), titles and what they show."),
                                NULL, SCENARIOS_OPTIONS, error);
}

static char *
format_json (void)
{
  g_autoptr(SoleusJson) json = soleus_cli_json_new_summary ();

  /* Titles and descriptions stay in English here: JSON is for programs. */
  soleus_json_begin_array (json, "scenarios");
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      double controls[SOLEUS_N_PARAMS];

      soleus_scenario_controls_at (scenario, 0.0, controls);

      soleus_json_begin_object (json, NULL);
      soleus_json_string (json, "name", scenario->name);
      soleus_json_string (json, "title", scenario->title);
      soleus_json_string (json, "description", scenario->description);
      soleus_json_number (json, "duration_s", scenario->duration_s);
      soleus_json_int (json, "n_events", (gint64) scenario->n_events);
      soleus_cli_json_controls (json, "controls", controls);
      soleus_json_end_object (json);
    }
  soleus_json_end_array (json);

  return soleus_cli_json_finish_summary (json);
}

static char *
format_text (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  size_t width = 0;

  for (size_t i = 0; i < soleus_scenario_count (); i++)
    width = MAX (width, strlen (soleus_scenario_get (i)->name));

  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%-*s  %s (%s s)\n", (int) width, scenario->name,
                              g_dgettext (GETTEXT_PACKAGE, scenario->title),
                              soleus_format_double (buf, scenario->duration_s));
      g_string_append_printf (out, "%-*s  %s\n", (int) width, "",
                              g_dgettext (GETTEXT_PACKAGE, scenario->description));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Writes the scenario as a .soleus file through the one writer, or to
 * stdout for "-". */
static gboolean
save_scenario (const SoleusScenario  *scenario,
               const char            *path,
               GError               **error)
{
  g_autoptr(SoleusScenarioFile) file = soleus_scenario_file_from_builtin (scenario);
  g_autoptr(SoleusCliOutput) output = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = soleus_scenario_file_to_data (file, &length);
  if (strcmp (path, "-") == 0)
    return soleus_cli_print_stdout (data, error);

  output = soleus_cli_output_open_file ("save", path, error);
  if (output == NULL)
    return FALSE;

  soleus_cli_output_write (output, data, length);
  return soleus_cli_output_commit (output, error);
}

gboolean
soleus_cli_scenarios (int      argc,
                      char   **argv,
                      GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autofree char *output = NULL;

  if (!soleus_cli_parse_args (argv[0], SCENARIOS_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (args.save != NULL)
    {
      if (args.json)
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       _("--save: cannot be combined with --json"));
          return FALSE;
        }
      if (args.positional->len != 1)
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: keep --save NAME FILE as it is */
                       _("--save: give a built-in scenario and a file: --save NAME FILE "
                         "('-' for standard output)"));
          return FALSE;
        }
      return save_scenario (args.save, g_ptr_array_index (args.positional, 0), error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error))
    return FALSE;

  output = args.json ? format_json () : format_text ();
  return soleus_cli_print_stdout (output, error);
}
