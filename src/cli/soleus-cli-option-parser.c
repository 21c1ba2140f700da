/* soleus-cli-option-parser.c: the GOptionContext entries of a command's
 * options, the parsing and --help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options and the reading of their values are in soleus-cli-options.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-cli-private.h"

/* ---------------------------------------------------------------------- */
/* The entries of GOptionContext */

/* A command's options as GOptionContext takes them and --help shows them:
 * the controls, the advanced controls, the other options, --help, and the
 * positional arguments (G_OPTION_REMAINING). */
typedef struct
{
  GArray    *entries;   /* of GOptionEntry, ending in a zeroed one */
  GPtrArray *strings;   /* the texts they point to */
} OptionTable;

static void
option_table_clear (OptionTable *table)
{
  g_clear_pointer (&table->entries, g_array_unref);
  g_clear_pointer (&table->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OptionTable, option_table_clear)

/* Not an error: how help_cb () stops the parsing at --help. */
static GQuark
help_requested_quark (void)
{
  return g_quark_from_static_string ("soleus-cli-help-requested");
}

/* Every option but --help: a control or a row of generic_options[]. */
static gboolean
option_cb (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  ParseState *state = data;
  const char *name = option_name + strlen ("--");
  const GenericOption *option = soleus_cli_find_generic (name, state->accepted);

  /* GOptionContext gives an option the next argument, whatever it is, so
   * "--speed --json" would read "--json" as the speed. An option is never a
   * value, but a negative number ("--compression -1") is, to be refused by
   * its range. */
  if (value != NULL && g_str_has_prefix (value, "--"))
    {
      soleus_cli_set_missing_value (error, name, state->accepted);
      return FALSE;
    }

  if (option == NULL)
    return soleus_cli_apply_control ((SoleusParamId) soleus_param_find (name), value, state, error);

  return option->apply (option, value, state, error);
}

/* Stops at --help, as the options after it do not matter. */
static gboolean
help_cb (const char  *option_name,
         const char  *value,
         gpointer     data,
         GError     **error)
{
  ParseState *state = data;

  state->args->help = TRUE;
  g_set_error_literal (error, help_requested_quark (), 0, "--help");
  return FALSE;
}

static gboolean
positional_cb (const char  *option_name,
               const char  *value,
               gpointer     data,
               GError     **error)
{
  ParseState *state = data;

  g_ptr_array_add (state->args->positional, g_strdup (value));
  return TRUE;
}

/* "KMH" for km/h, "PER_MIN" for /min: a metavariable from a unit. */
static char *
make_metavar (const SoleusParamInfo *info)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *unit = info->unit;

  if (info->choices != NULL)
    return soleus_cli_join_choices (info->choices, "|");

  if (unit == NULL || unit[0] == '\0')
    return g_strdup ("X");

  if (unit[0] == '/')
    {
      g_string_append (out, "PER_");
      unit++;
    }

  for (const char *c = unit; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (out, g_ascii_toupper (*c));
      else if (*c == ' ')
        g_string_append_c (out, '_');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Walking speed, 0 to 6 km/h (default 0)": a control's help. */
static char *
describe_control (SoleusParamId id)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  g_autofree char *range = soleus_cli_param_range (id);
  g_autofree char *def = soleus_cli_param_value (id, info->default_value);

  if (info->choices != NULL)
    /* Translators: "Posture (default supine)" */
    return g_strdup_printf (_("%s (default %s)"),
                            g_dgettext (GETTEXT_PACKAGE, info->label), def);

  /* Translators: "Walking speed, 0 to 6 km/h (default 0)" */
  return g_strdup_printf (_("%s, %s (default %s)"),
                          g_dgettext (GETTEXT_PACKAGE, info->label), range, def);
}

/* Every value is taken as bytes (G_OPTION_FLAG_FILENAME), not converted
 * from the locale's character set: a file name need not be UTF-8, and a
 * bad value is quoted, escaped, by our message rather than refused by
 * GLib's conversion. */
static void
add_entry (OptionTable  *table,
           const char   *name,
           char          short_name,
           gboolean      has_value,
           GOptionArgFunc callback,
           const char   *description,
           const char   *metavar)
{
  GOptionEntry entry = {
    name, short_name, has_value ? G_OPTION_FLAG_FILENAME : G_OPTION_FLAG_NO_ARG,
    G_OPTION_ARG_CALLBACK, (gpointer) callback, description, metavar
  };

  g_array_append_val (table->entries, entry);
}

static void
build_entries (OptionTable       *table,
               SoleusCliOptFlags  accepted)
{
  GOptionEntry end = { NULL };

  table->entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));
  table->strings = g_ptr_array_new_with_free_func (g_free);

  /* The controls, then the advanced ones, in the table's order. */
  for (int advanced = 0; advanced < 2 && (accepted & SOLEUS_CLI_OPT_CONTROLS); advanced++)
    for (int id = 0; id < SOLEUS_N_PARAMS; id++)
      {
        const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
        char *description;
        char *metavar;

        if (info->advanced != (advanced != 0) ||
            (id == SOLEUS_PARAM_POSTURE && (accepted & SOLEUS_CLI_OPT_NO_POSTURE)))
          continue;

        description = describe_control ((SoleusParamId) id);
        metavar = make_metavar (info);
        g_ptr_array_add (table->strings, description);
        g_ptr_array_add (table->strings, metavar);
        add_entry (table, info->name, 0, TRUE, option_cb, description, metavar);
      }

  for (guint i = 0; i < soleus_cli_n_generic_options; i++)
    {
      const GenericOption *option = &soleus_cli_generic_options[i];

      if (accepted & option->flag)
        add_entry (table, option->name, 0, option->metavar != NULL, option_cb,
                   _(option->help), option->metavar);
    }

  add_entry (table, "help", 'h', FALSE, help_cb, _("Show this help"), NULL);
  add_entry (table, G_OPTION_REMAINING, 0, TRUE, positional_cb, NULL, NULL);
  g_array_append_val (table->entries, end);
}

static const GOptionEntry *
find_entry (const OptionTable *table,
            const char        *name,
            gsize              length)
{
  for (guint i = 0; i < table->entries->len; i++)
    {
      const GOptionEntry *entry = &g_array_index (table->entries, GOptionEntry, i);

      /* Not G_OPTION_REMAINING, whose name is "". */
      if (entry->long_name != NULL && length > 0 && strlen (entry->long_name) == length &&
          strncmp (entry->long_name, name, length) == 0)
        return entry;
    }

  return NULL;
}

/* The first "--json=yes": GOptionContext gives a switch's value to no one,
 * so that it would pass as --json. argc when there is none. */
static int
find_switch_with_value (const OptionTable  *table,
                        int                 argc,
                        char              **argv)
{
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    {
      const char *eq = strchr (argv[i], '=');
      const GOptionEntry *entry;

      if (!g_str_has_prefix (argv[i], "--") || eq == NULL)
        continue;

      entry = find_entry (table, argv[i] + 2, eq - (argv[i] + 2));
      if (entry != NULL && (entry->flags & G_OPTION_FLAG_NO_ARG))
        return i;
    }

  return argc;
}

/* The argument GOptionContext found unknown: the first option-like one
 * that no entry takes, skipping the values of those before it. */
static const char *
find_unknown_option (const OptionTable  *table,
                     int                 argc,
                     char              **argv)
{
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    {
      const char *arg = argv[i];
      const GOptionEntry *entry;

      if (arg[0] != '-' || arg[1] == '\0')
        continue;
      if (arg[1] != '-')
        {
          if (strcmp (arg, "-h") != 0)
            return arg;
          continue;
        }

      entry = find_entry (table, arg + 2, strcspn (arg + 2, "="));
      if (entry == NULL)
        return arg;
      if (!(entry->flags & G_OPTION_FLAG_NO_ARG) && strchr (arg, '=') == NULL)
        i++;
    }

  return NULL;
}

/* GOptionContext's own errors, in our words; ours as they are. argv is
 * what it was given. Takes parse_error. */
static void
reword_parse_error (GError            **error,
                    GError             *parse_error,
                    ParseState         *state,
                    const OptionTable  *table,
                    int                 argc,
                    char              **argv)
{
  const char *unknown;

  if (parse_error->domain != G_OPTION_ERROR)
    {
      g_propagate_error (error, parse_error);
      return;
    }

  /* "Missing argument for --speed": the last argument, with nothing after
   * it. */
  if (parse_error->code == G_OPTION_ERROR_BAD_VALUE &&
      argc > 1 && g_str_has_prefix (argv[argc - 1], "--"))
    soleus_cli_set_missing_value (error, argv[argc - 1] + 2, state->accepted);
  else if (parse_error->code == G_OPTION_ERROR_UNKNOWN_OPTION &&
           (unknown = find_unknown_option (table, argc, argv)) != NULL)
    soleus_cli_set_unknown_option (error, state, unknown);
  else
    g_set_error_literal (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                         parse_error->message);

  g_error_free (parse_error);
}

gboolean
soleus_cli_parse_args (const char         *command,
                       SoleusCliOptFlags   accepted,
                       int                 argc,
                       char              **argv,
                       SoleusCliArgs      *args,
                       GError            **error)
{
  ParseState state = { command, accepted, args, { 0 } };
  g_auto(OptionTable) table = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char **copy = NULL;
  GError *parse_error = NULL;
  GOptionGroup *group;
  char **parsed_argv;
  int parsed_argc;
  int n_args;

  memset (args, 0, sizeof *args);
  soleus_controls_init_defaults (args->controls);
  args->sample_hz = 10;
  args->cpu_seconds = 0.5;
  args->time_s = NAN;
  args->width = SOLEUS_CLI_DEFAULT_WIDTH;
  args->height = SOLEUS_CLI_DEFAULT_HEIGHT;
  args->palette = SOLEUS_PALETTE_LIGHT;
  args->skin_tone = SOLEUS_SKIN_TONE_LIGHT;
  args->figure = SOLEUS_FIGURE_MALE;
  args->seconds = SOLEUS_CLI_DEFAULT_RECORD_SECONDS;
  args->fps = SOLEUS_CLI_DEFAULT_RECORD_FPS;
  if (accepted & SOLEUS_CLI_OPT_SIZE_VIDEO)
    {
      args->width = SOLEUS_CLI_DEFAULT_RECORD_WIDTH;
      args->height = SOLEUS_CLI_DEFAULT_RECORD_HEIGHT;
    }
  args->positional = g_ptr_array_new_with_free_func (g_free);

  build_entries (&table, accepted);
  context = g_option_context_new (NULL);
  /* --help is ours: the command prints it, and fails when stdout is full,
   * where GLib's would print its own layout and exit (). */
  g_option_context_set_help_enabled (context, FALSE);
  group = g_option_group_new (command, NULL, NULL, &state, NULL);
  g_option_group_add_entries (group, (const GOptionEntry *) table.entries->data);
  g_option_context_set_main_group (context, group);

  /* A switch given a value ("--json=yes") is refused where it stands: the
   * arguments before it are parsed first, so that the first mistake on the
   * line is the one reported, and --help before it still wins. */
  n_args = find_switch_with_value (&table, argc, argv);
  copy = g_new0 (char *, n_args + 1);
  memcpy (copy, argv, n_args * sizeof (char *));
  parsed_argv = copy;
  parsed_argc = n_args;

  if (!g_option_context_parse (context, &parsed_argc, &parsed_argv, &parse_error))
    {
      if (g_error_matches (parse_error, help_requested_quark (), 0))
        {
          g_error_free (parse_error);
          return TRUE;
        }

      reword_parse_error (error, parse_error, &state, &table, n_args, argv);
      return FALSE;
    }

  if (n_args < argc)
    {
      g_autofree char *name = g_strndup (argv[n_args] + 2, strcspn (argv[n_args] + 2, "="));

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("--%s: takes no value"), name);
      return FALSE;
    }

  /* Defaults, then the scenario's starting controls, then the command line,
   * whatever the order of the options. */
  if (args->scenario != NULL)
    soleus_scenario_controls_at (args->scenario, 0.0, args->controls);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    if (args->control_given[id])
      args->controls[id] = state.explicit[id];

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* --help, printed from the same entries */

#define HELP_WIDTH 80
#define HELP_INDENT 30

void
soleus_cli_append_wrapped (GString    *out,
                           const char *text,
                           guint       indent)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  guint column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = (guint) g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;

      if (column > indent && column + 1 + len > HELP_WIDTH)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }

      if (column == 0)
        {
          for (guint k = 0; k < indent; k++)
            g_string_append_c (out, ' ');
          column = indent;
        }
      else
        {
          g_string_append_c (out, ' ');
          column++;
        }

      g_string_append (out, words[i]);
      column += len;
    }

  g_string_append_c (out, '\n');
}

/* "  --speed KMH    Walking speed, ..." with the text wrapped under its
 * column; line2 (a blurb) starts a new line in that column. */
static void
print_option (GString    *out,
              const char *name,
              const char *metavar,
              const char *line1,
              const char *line2)
{
  g_autofree char *left = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  left = metavar ? g_strdup_printf ("  --%s %s", name, metavar)
                 : g_strdup_printf ("  --%s", name);

  soleus_cli_append_wrapped (text, line1, HELP_INDENT);
  if (line2 != NULL && line2[0] != '\0')
    soleus_cli_append_wrapped (text, line2, HELP_INDENT);

  g_string_append (out, left);
  if (strlen (left) + 2 <= HELP_INDENT)
    g_string_append (out, text->str + strlen (left));
  else
    {
      g_string_append_c (out, '\n');
      g_string_append (out, text->str);
    }
}

void
soleus_cli_print_options (GString           *out,
                          SoleusCliOptFlags  accepted)
{
  const char *headings[] = {
    N_("Controls (from t = 0):"), N_("Advanced controls:"), N_("Options:")
  };
  g_auto(OptionTable) table = { NULL };
  int heading = -1;

  build_entries (&table, accepted);
  for (guint i = 0; i + 1 < table.entries->len; i++)
    {
      const GOptionEntry *entry = &g_array_index (table.entries, GOptionEntry, i);
      int param = soleus_param_find (entry->long_name);
      const SoleusParamInfo *info = param >= 0 ? soleus_param_info ((SoleusParamId) param) : NULL;
      int section = info == NULL ? 2 : info->advanced ? 1 : 0;

      if (entry->long_name[0] == '\0')  /* G_OPTION_REMAINING */
        continue;

      if (section != heading)
        g_string_append_printf (out, "\n%s\n", _(headings[section]));
      heading = section;

      print_option (out, entry->long_name, entry->arg_description, entry->description,
                    info != NULL && info->blurb != NULL
                    ? g_dgettext (GETTEXT_PACKAGE, info->blurb) : NULL);
    }
}
