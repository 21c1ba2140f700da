/* soleus-cli-options.c: command-line options, generated from the core's
 * parameter table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One option per SoleusParamId, named after the parameter (--valve-weakness),
 * with the table's range, default, unit and label: the CLI never states a
 * bound of its own for a control. Each command's options become a table of
 * GOptionEntry (build_entries ()), which GOptionContext parses and
 * soleus_cli_print_options () prints as --help. Every entry is a callback
 * that reads its value through the same checks as the scenario files, with
 * the same words, so that bad input gets exactly one line naming the option
 * and what it accepts; GOptionContext's own errors (an unknown option, a
 * missing value) are caught and worded the same way.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-cli-private.h"
#include "soleus-number.h"
#include "soleus-recorder.h"
#include "soleus-render-export.h"

typedef struct _GenericOption GenericOption;

/* What one soleus_cli_parse_args () call fills in. */
typedef struct
{
  const char        *command;
  SoleusCliOptFlags  accepted;
  SoleusCliArgs     *args;
  /* The controls given, applied over the scenario's once all are read. */
  double             explicit[SOLEUS_N_PARAMS];
} ParseState;

/* Reads an option's value (NULL for a switch) into state->args. */
typedef gboolean (*ApplyFunc) (const GenericOption  *option,
                               const char           *value,
                               ParseState           *state,
                               GError              **error);

/* An option that is not a control: a row of generic_options[]. */
struct _GenericOption
{
  const char        *name;
  SoleusCliOptFlags  flag;
  const char        *metavar;   /* NULL: a switch without a value */
  double             min;       /* with a unit: the range of a number */
  double             max;
  const char        *unit;
  const char        *expected;  /* N_(): what a file option takes, for messages */
  char            *(*names) (void);  /* or the names it takes */
  ApplyFunc          apply;
  gsize              offset;    /* of its field in SoleusCliArgs */
  const char        *help;      /* English, N_() */
};

/* The longest run: a week of simulated time. */
#define MAX_DURATION_S (7.0 * 24.0 * 3600.0)

/* The help of --palette and --size below spells the palettes, the sizes and
 * the default out. */
G_STATIC_ASSERT (SOLEUS_N_PALETTES == 4);
/* And --skin-tone's help its tones. */
G_STATIC_ASSERT (SOLEUS_N_SKIN_TONES == 4);
G_STATIC_ASSERT (SOLEUS_RENDER_MIN_SIZE == 16 && SOLEUS_RENDER_MAX_SIZE == 16384);
G_STATIC_ASSERT (SOLEUS_CLI_DEFAULT_WIDTH == 1920 && SOLEUS_CLI_DEFAULT_HEIGHT == 1080);
/* And those of record's --size, --seconds and --fps. */
G_STATIC_ASSERT (SOLEUS_RECORDER_MIN_SIZE == 16 && SOLEUS_RECORDER_MAX_SIZE == 3840);
G_STATIC_ASSERT (SOLEUS_CLI_DEFAULT_RECORD_WIDTH == 1280 &&
                 SOLEUS_CLI_DEFAULT_RECORD_HEIGHT == 720);
G_STATIC_ASSERT (SOLEUS_RECORDER_MAX_FRAMES == 3600);

/* The shortest loop; a single frame is a still, which render draws. */
#define MIN_RECORD_SECONDS 0.1


G_DEFINE_QUARK (soleus-cli-error-quark, soleus_cli_error)

const char *
soleus_cli_model_version (void)
{
#ifdef SOLEUS_MODEL_VERSION
  return SOLEUS_MODEL_VERSION;
#else
  /* The core has no version of its own yet: it ships with the project. */
  return PACKAGE_VERSION;
#endif
}

void
soleus_cli_args_clear (SoleusCliArgs *args)
{
  g_clear_pointer (&args->csv_path, g_free);
  g_clear_pointer (&args->output_path, g_free);
  g_clear_pointer (&args->positional, g_ptr_array_unref);
  g_clear_pointer (&args->scenario_file, soleus_scenario_file_free);
  g_clear_pointer (&args->scenario_file_path, g_free);
  args->scenario = NULL;
}

static char *
join_choices (const char *const *choices,
              const char        *separator)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, choices[i]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
soleus_cli_param_range (SoleusParamId id)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  if (info->choices != NULL)
    return join_choices (info->choices, ", ");

  return soleus_format_range (info->min, info->max, info->unit);
}

char *
soleus_cli_param_value (SoleusParamId id,
                        double        value)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (info->choices != NULL && isfinite (value) && value >= 0)
    {
      for (guint i = 0; info->choices[i] != NULL; i++)
        if (G_APPROX_VALUE (value, (double) i, 1e-9))
          return g_strdup (info->choices[i]);
    }

  return g_strdup (soleus_format_double (buf, value));
}

char *
soleus_cli_param_key (SoleusParamId id)
{
  char *key = g_strdup (soleus_param_info (id)->name);

  g_strdelimit (key, "-", '_');
  return key;
}

char *
soleus_cli_param_column (SoleusParamId id)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  g_autoptr(GString) column = g_string_new (info->name);

  g_strdelimit (column->str, "-", '_');
  if (info->choices == NULL && info->unit != NULL && info->unit[0] != '\0')
    {
      /* "km/h" -> "_kmh", "per min" -> "_per_min", "mmHg" -> "_mmHg". */
      g_string_append_c (column, '_');
      for (const char *c = info->unit; *c != '\0'; c++)
        {
          if (g_ascii_isalnum (*c))
            g_string_append_c (column, *c);
          else if (*c == ' ')
            g_string_append_c (column, '_');
        }
    }

  return g_string_free (g_steal_pointer (&column), FALSE);
}

/* What the user typed, safe to quote on one line of a message: control
 * characters escaped, letters of any script as they are, cut after 60
 * characters. */
static char *
quote_value (const char *text)
{
  return soleus_text_quote (text, -1, SOLEUS_TEXT_QUOTE_CHARS);
}

/* A number within its range, refused in the words of the scenario files
 * ("--speed: 'fast' is not a number (0 to 6 km/h)", "--valve-weakness: 1.5
 * is out of range (0 to 1)"): a control through the core's own check
 * (param >= 0), another option within [min, max]. */
static gboolean
read_number (const char  *name,
             int          param,
             double       min,
             double       max,
             const char  *range,
             const char  *text,
             double      *out,
             GError     **error)
{
  g_autofree char *what = g_strconcat ("--", name, NULL);
  double v;

  if (!soleus_number_parse (text, &v))
    {
      g_autofree char *quoted = quote_value (text);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: speed: 'fast' is not a number (0 to 6 km/h) */
                   _("%s: %s is not a number (%s)"), what, quoted, range);
      return FALSE;
    }

  if (param >= 0 ? !soleus_param_in_range ((SoleusParamId) param, v) : (v < min || v > max))
    {
      /* Without quotes: it is a number. */
      g_autofree char *shown = soleus_text_escape (text, -1, SOLEUS_TEXT_QUOTE_CHARS);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: valve-weakness: 1.5 is out of range (0 to 1) */
                   _("%s: %s is out of range (%s)"), what, shown, range);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

/* A name that is not one of the names an option takes. */
static void
set_not_one_of (GError     **error,
                const char  *name,
                const char  *text,
                const char  *names)
{
  g_autofree char *what = g_strconcat ("--", name, NULL);
  g_autofree char *quoted = quote_value (text);

  g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
               /* Translators: posture: 'lying' is not one of supine, sitting, … */
               _("%s: %s is not one of %s"), what, quoted, names);
}

static gboolean
apply_control (SoleusParamId   id,
               const char     *text,
               ParseState     *state,
               GError        **error)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  g_autofree char *range = soleus_cli_param_range (id);

  if (info->choices != NULL)
    {
      /* Names ("standing") or the index as a number, as the core allows. */
      if (soleus_param_parse (id, text, &state->explicit[id]))
        {
          state->args->control_given[id] = TRUE;
          return TRUE;
        }

      set_not_one_of (error, info->name, text, range);
      return FALSE;
    }

  if (!read_number (info->name, id, info->min, info->max, range, text,
                    &state->explicit[id], error))
    {
      /* "--height 1080" is the body's height, in cm. */
      if (error != NULL && id == SOLEUS_PARAM_HEIGHT_CM &&
          (state->accepted & (SOLEUS_CLI_OPT_SIZE | SOLEUS_CLI_OPT_SIZE_APNG)))
        {
          char *message = (*error)->message;

          /* Translators: appended to an error about --height in `render` */
          (*error)->message = g_strconcat (message, _("; the image's size is "
                                                      "--size WIDTHxHEIGHT"), NULL);
          g_free (message);
        }
      return FALSE;
    }

  state->args->control_given[id] = TRUE;
  return TRUE;
}

static gboolean
apply_number (const GenericOption  *option,
              const char           *value,
              ParseState           *state,
              GError              **error)
{
  g_autofree char *range = soleus_format_range (option->min, option->max, option->unit);

  return read_number (option->name, -1, option->min, option->max, range, value,
                      G_STRUCT_MEMBER_P (state->args, option->offset), error);
}

/* "1920x1080": two whole numbers of pixels, each within the option's range. */
static gboolean
apply_size (const GenericOption  *option,
            const char           *value,
            ParseState           *state,
            GError              **error)
{
  g_autofree char *range = soleus_format_range (option->min, option->max, option->unit);
  g_autofree char *quoted = quote_value (value);
  g_auto(GStrv) sides = g_strsplit_set (value, "xX", -1);
  guint64 v[2];

  if (g_strv_length (sides) != 2 ||
      !g_ascii_string_to_unsigned (sides[0], 10, 0, G_MAXUINT64, &v[0], NULL) ||
      !g_ascii_string_to_unsigned (sides[1], 10, 0, G_MAXUINT64, &v[1], NULL))
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --size: '1920' is not WIDTHxHEIGHT (each side 16 to
                    * 16384 px); keep WIDTHxHEIGHT as it is */
                   _("--%s: %s is not WIDTHxHEIGHT (each side %s)"),
                   option->name, quoted, range);
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    if ((double) v[i] < option->min || (double) v[i] > option->max)
      {
        g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                     /* Translators: --size: 10x10 is out of range (each side 16 to 16384 px) */
                     _("--%s: %s is out of range (each side %s)"),
                     option->name, quoted, range);
        return FALSE;
      }

  state->args->width = (int) v[0];
  state->args->height = (int) v[1];
  return TRUE;
}

/* A file name: --csv, --output. Whether it can be written is the command's
 * to find out, when it writes. */
static gboolean
apply_file (const GenericOption  *option,
            const char           *value,
            ParseState           *state,
            GError              **error)
{
  char **field = G_STRUCT_MEMBER_P (state->args, option->offset);

  if (value[0] == '\0')
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --output: the file name is empty (a file ending in .pdf) */
                   _("--%s: the file name is empty (%s)"), option->name, _(option->expected));
      return FALSE;
    }

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
apply_switch (const GenericOption  *option,
              const char           *value,
              ParseState           *state,
              GError              **error)
{
  G_STRUCT_MEMBER (gboolean, state->args, option->offset) = TRUE;
  return TRUE;
}

/* A built-in scenario by name: --scenario, and --save's NAME. */
static gboolean
apply_scenario (const GenericOption  *option,
                const char           *value,
                ParseState           *state,
                GError              **error)
{
  const SoleusScenario **field = G_STRUCT_MEMBER_P (state->args, option->offset);

  if (option->flag == SOLEUS_CLI_OPT_SCENARIO && state->args->scenario_file != NULL)
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("--%s: cannot be combined with --scenario-file (one or the "
                     "other)"), option->name);
      return FALSE;
    }

  *field = soleus_scenario_find (value);
  if (*field == NULL)
    {
      g_autofree char *quoted = quote_value (value);
      g_autofree char *names = option->names ();

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --scenario: no scenario named 'x' (one of a, b, c) */
                   _("--%s: no scenario named %s (one of %s)"),
                   option->name, quoted, names);
      return FALSE;
    }

  return TRUE;
}

/* Loads --scenario-file. Its own messages name the file and the line
 * ("leg.soleus:7: ..."), so they are passed on as they are. */
static gboolean
apply_scenario_file (const GenericOption  *option,
                     const char           *value,
                     ParseState           *state,
                     GError              **error)
{
  SoleusCliArgs *args = state->args;
  g_autoptr(GError) local_error = NULL;
  SoleusScenarioFile *file;

  if (args->scenario_file != NULL)
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --scenario-file: given twice (one file at a time) */
                   _("--%s: given twice (one file at a time)"), option->name);
      return FALSE;
    }
  if (args->scenario != NULL)
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --scenario-file: cannot be combined with --scenario */
                   _("--%s: cannot be combined with --scenario (one or the other)"),
                   option->name);
      return FALSE;
    }
  if (!apply_file (option, value, state, error))
    return FALSE;

  file = soleus_scenario_file_load (value, &local_error);
  if (file == NULL)
    {
      g_set_error_literal (error, SOLEUS_CLI_ERROR,
                           g_error_matches (local_error, SOLEUS_SCENARIO_FILE_ERROR,
                                            SOLEUS_SCENARIO_FILE_ERROR_IO)
                           ? SOLEUS_CLI_ERROR_IO : SOLEUS_CLI_ERROR_USAGE,
                           local_error->message);
      return FALSE;
    }

  args->scenario_file = file;
  args->scenario = soleus_scenario_file_as_scenario (file);
  return TRUE;
}

static gboolean
apply_palette (const GenericOption  *option,
               const char           *value,
               ParseState           *state,
               GError              **error)
{
  if (!soleus_palette_from_string (value, G_STRUCT_MEMBER_P (state->args, option->offset)))
    {
      g_autofree char *names = option->names ();

      set_not_one_of (error, option->name, value, names);
      return FALSE;
    }

  return TRUE;
}

static char *
join_scenario_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, soleus_scenario_get (i)->name);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
apply_skin_tone (const GenericOption  *option,
                 const char           *value,
                 ParseState           *state,
                 GError              **error)
{
  if (!soleus_skin_tone_from_string (value, G_STRUCT_MEMBER_P (state->args, option->offset)))
    {
      g_autofree char *names = option->names ();

      set_not_one_of (error, option->name, value, names);
      return FALSE;
    }

  return TRUE;
}

/* "light, medium, brown, dark": the skin tones' names. */
static char *
join_skin_tone_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; i < SOLEUS_N_SKIN_TONES; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, soleus_skin_tone_to_string ((SoleusSkinTone) i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "light, dark, projector, colorblind": the palettes' names. */
static char *
join_palette_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; i < SOLEUS_N_PALETTES; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, soleus_palette_to_string ((SoleusPalette) i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Options that are not controls, in the order --help lists them. Their
 * ranges are the CLI's own. */
#define FIELD(name) G_STRUCT_OFFSET (SoleusCliArgs, name)

static const GenericOption generic_options[] = {
  { .name = "scenario", .flag = SOLEUS_CLI_OPT_SCENARIO, .metavar = "NAME",
    .names = join_scenario_names, .apply = apply_scenario, .offset = FIELD (scenario),
    .help = N_("Play a built-in scenario and its timeline (see 'soleus-cli scenarios'); "
               "controls given on the command line replace its starting ones") },
  { .name = "scenario-file", .flag = SOLEUS_CLI_OPT_SCENARIO_FILE, .metavar = "FILE",
    .expected = N_("a .soleus file"), .apply = apply_scenario_file,
    .offset = FIELD (scenario_file_path),
    .help = N_("Play a scenario file (.soleus): its controls, timeline and timed steps; "
               "controls given on the command line replace its starting ones") },
  { .name = "save", .flag = SOLEUS_CLI_OPT_SAVE, .metavar = "NAME FILE",
    .names = join_scenario_names, .apply = apply_scenario, .offset = FIELD (save),
    .help = N_("Write the built-in scenario NAME to FILE as a scenario file (.soleus), to "
               "edit and play with --scenario-file; '-' writes to standard output") },
  { .name = "duration", .flag = SOLEUS_CLI_OPT_DURATION, .metavar = "S",
    .min = SOLEUS_STEP_S, .max = MAX_DURATION_S, .unit = "s",
    .apply = apply_number, .offset = FIELD (duration_s),
    .help = N_("Simulated time in seconds (default: the scenario's length, else 300)") },
  { .name = "csv", .flag = SOLEUS_CLI_OPT_CSV, .metavar = "FILE|-",
    .expected = N_("a file, or '-' for standard output"),
    .apply = apply_file, .offset = FIELD (csv_path),
    .help = N_("Write a time series as CSV to FILE, or to standard output with '-'") },
  { .name = "sample-hz", .flag = SOLEUS_CLI_OPT_SAMPLE_HZ, .metavar = "HZ",
    .min = 0.001, .max = 1.0 / SOLEUS_STEP_S, .unit = "Hz",
    .apply = apply_number, .offset = FIELD (sample_hz),
    .help = N_("Rows of CSV per simulated second (default 10)") },
  { .name = "json", .flag = SOLEUS_CLI_OPT_JSON,
    .apply = apply_switch, .offset = FIELD (json),
    .help = N_("Print one JSON object instead of text") },
  { .name = "cpu-seconds", .flag = SOLEUS_CLI_OPT_CPU_SECONDS, .metavar = "S",
    .min = 0.01, .max = 60, .unit = "s",
    .apply = apply_number, .offset = FIELD (cpu_seconds),
    .help = N_("CPU time spent on each measurement of the model (default 0.5); the "
               "painter paints 240 frames per second of it at each size, at least 9") },
  { .name = "output", .flag = SOLEUS_CLI_OPT_OUTPUT, .metavar = "FILE",
    .expected = N_("a file ending in .png, .svg or .pdf"),
    .apply = apply_file, .offset = FIELD (output_path),
    .help = N_("The image to write; its name ends in .png, .svg or .pdf, which sets the "
               "format (required)") },
  /* Record's and handout's --output: one format each. */
  { .name = "output", .flag = SOLEUS_CLI_OPT_OUTPUT_APNG, .metavar = "FILE",
    .expected = N_("a file ending in .png"),
    .apply = apply_file, .offset = FIELD (output_path),
    .help = N_("The animated PNG (APNG) to write; its name ends in .png (required)") },
  { .name = "output", .flag = SOLEUS_CLI_OPT_OUTPUT_PDF, .metavar = "FILE",
    .expected = N_("a file ending in .pdf"),
    .apply = apply_file, .offset = FIELD (output_path),
    .help = N_("The handout to write, a one-page A4 PDF; its name ends in .pdf (required)") },
  { .name = "time", .flag = SOLEUS_CLI_OPT_TIME, .metavar = "S",
    .min = 0, .max = MAX_DURATION_S, .unit = "s",
    .apply = apply_number, .offset = FIELD (time_s),
    .help = N_("Simulated time of the frame (record: of the first frame) in seconds "
               "(default: the scenario's length, else 300, where 'run' stops)") },
  { .name = "seconds", .flag = SOLEUS_CLI_OPT_SECONDS, .metavar = "S",
    .min = MIN_RECORD_SECONDS, .max = SOLEUS_RECORDER_MAX_FRAMES / SOLEUS_RECORDER_MIN_FPS,
    .unit = "s", .apply = apply_number, .offset = FIELD (seconds),
    .help = N_("Length of the loop in simulated seconds, from --time (default 5); at most "
               "3600 frames in all") },
  { .name = "fps", .flag = SOLEUS_CLI_OPT_FPS, .metavar = "F",
    .min = SOLEUS_RECORDER_MIN_FPS, .max = SOLEUS_RECORDER_MAX_FPS, .unit = "fps",
    .apply = apply_number, .offset = FIELD (fps),
    .help = N_("Frames per second, 1 to 60 (default 30)") },
  /* Not --width and --height: --height is a control, the body's height. */
  { .name = "size", .flag = SOLEUS_CLI_OPT_SIZE_APNG, .metavar = "WIDTHxHEIGHT",
    .min = SOLEUS_RECORDER_MIN_SIZE, .max = SOLEUS_RECORDER_MAX_SIZE, .unit = "px",
    .apply = apply_size,
    .help = N_("Size of the frames in pixels, each side 16 to 3840 (default 1280x720)") },
  { .name = "size", .flag = SOLEUS_CLI_OPT_SIZE, .metavar = "WIDTHxHEIGHT",
    .min = SOLEUS_RENDER_MIN_SIZE, .max = SOLEUS_RENDER_MAX_SIZE, .unit = "px",
    .apply = apply_size,
    .help = N_("Size of the image in pixels, each side 16 to 16384 (default 1920x1080)") },
  { .name = "palette", .flag = SOLEUS_CLI_OPT_PALETTE,
    .metavar = "light|dark|projector|colorblind",
    .names = join_palette_names, .apply = apply_palette, .offset = FIELD (palette),
    .help = N_("Colours: light, dark, projector (high contrast on white) or colorblind "
               "(safe for colour vision deficiency; default light)") },
  { .name = "skin-tone", .flag = SOLEUS_CLI_OPT_SKIN_TONE,
    .metavar = "light|medium|brown|dark",
    .names = join_skin_tone_names, .apply = apply_skin_tone, .offset = FIELD (skin_tone),
    .help = N_("The figure's skin: light, medium, brown or dark (default light)") },
};

#undef FIELD

/* The row of an option by name: the one the command accepts when two rows
 * share a name (render's and record's --size), else the first. */
static const GenericOption *
find_generic (const char        *name,
              SoleusCliOptFlags  accepted)
{
  const GenericOption *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (generic_options); i++)
    if (strcmp (generic_options[i].name, name) == 0)
      {
        if (accepted & generic_options[i].flag)
          return &generic_options[i];
        if (found == NULL)
          found = &generic_options[i];
      }

  return found;
}

/* What a missing value should have been, for the message. */
static char *
describe_expected_value (const char        *name,
                         SoleusCliOptFlags  accepted)
{
  const GenericOption *option = find_generic (name, accepted);
  g_autofree char *range = NULL;

  if (option == NULL)
    return soleus_cli_param_range ((SoleusParamId) soleus_param_find (name));

  if (option->names != NULL)
    return option->names ();
  if (option->expected != NULL)
    return g_strdup (_(option->expected));
  if (option->unit == NULL)
    return g_strdup (option->metavar);

  range = soleus_format_range (option->min, option->max, option->unit);
  if (option->apply == apply_size)
    /* Translators: WIDTHxHEIGHT, each side 16 to 16384 px */
    return g_strdup_printf (_("%s, each side %s"), option->metavar, range);
  return g_steal_pointer (&range);
}

static void
set_missing_value (GError            **error,
                   const char         *name,
                   SoleusCliOptFlags   accepted)
{
  g_autofree char *expected = describe_expected_value (name, accepted);

  g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
               /* Translators: --speed: missing value (0 to 6 km/h) */
               _("--%s: missing value (%s)"), name, expected);
}

/* arg ("--csv", "--csv=x", "-q") is not an option of this command: perhaps
 * of another. */
static void
set_unknown_option (GError     **error,
                    ParseState  *state,
                    const char  *arg)
{
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  int param;

  if (arg[1] != '-')
    shown = quote_value (arg);
  else
    {
      g_autofree char *escaped = NULL;

      name = g_strndup (arg + 2, strcspn (arg + 2, "="));
      param = soleus_param_find (name);
      if (param == SOLEUS_PARAM_POSTURE && (state->accepted & SOLEUS_CLI_OPT_NO_POSTURE))
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: --posture: not an option of 'protocol', … */
                       _("--%s: not an option of '%s', which sets the posture itself"),
                       name, state->command);
          return;
        }
      if (param >= 0 || find_generic (name, 0) != NULL)
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: --csv: not an option of 'protocol' (see …) */
                       _("--%s: not an option of '%s' (see 'soleus-cli %s --help')"),
                       name, state->command, state->command);
          return;
        }

      escaped = soleus_text_escape (name, -1, SOLEUS_TEXT_QUOTE_CHARS);
      shown = g_strconcat ("--", escaped, NULL);
    }

  g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
               /* Translators: --foo: unknown option (see 'soleus-cli run --help');
                * '-x': unknown option (see …) */
               _("%s: unknown option (see 'soleus-cli %s --help')"),
               shown, state->command);
}

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
  const GenericOption *option = find_generic (name, state->accepted);

  /* GOptionContext gives an option the next argument, whatever it is, so
   * "--speed --json" would read "--json" as the speed. An option is never a
   * value, but a negative number ("--compression -1") is, to be refused by
   * its range. */
  if (value != NULL && g_str_has_prefix (value, "--"))
    {
      set_missing_value (error, name, state->accepted);
      return FALSE;
    }

  if (option == NULL)
    return apply_control ((SoleusParamId) soleus_param_find (name), value, state, error);

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
    return join_choices (info->choices, "|");

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

  for (guint i = 0; i < G_N_ELEMENTS (generic_options); i++)
    {
      const GenericOption *option = &generic_options[i];

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
    set_missing_value (error, argv[argc - 1] + 2, state->accepted);
  else if (parse_error->code == G_OPTION_ERROR_UNKNOWN_OPTION &&
           (unknown = find_unknown_option (table, argc, argv)) != NULL)
    set_unknown_option (error, state, unknown);
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
  args->seconds = SOLEUS_CLI_DEFAULT_RECORD_SECONDS;
  args->fps = SOLEUS_CLI_DEFAULT_RECORD_FPS;
  if (accepted & SOLEUS_CLI_OPT_SIZE_APNG)
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
