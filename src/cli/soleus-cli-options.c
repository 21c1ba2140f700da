/* soleus-cli-options.c: command-line options, generated from the core's
 * parameter table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One option per SoleusParamId, named after the parameter (--valve-weakness),
 * with the table's range, default, unit and label: the CLI never states a
 * bound of its own for a control. A hand-written parser rather than
 * GOptionContext so that every bad input gets exactly one line naming the
 * option and its valid range.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-cli-private.h"
#include "soleus-number.h"
#include "soleus-recorder.h"
#include "soleus-render-export.h"

/* Options that are not controls. Their ranges are the CLI's own. */
typedef struct
{
  const char        *name;
  SoleusCliOptFlags  flag;
  const char        *metavar;   /* NULL: a switch without a value */
  double             min;
  double             max;
  const char        *unit;
  const char        *help;      /* English, N_() */
} GenericOption;

/* The longest run: a week of simulated time. */
#define MAX_DURATION_S (7.0 * 24.0 * 3600.0)

/* The help of --palette and --size below spells the palettes, the sizes and
 * the default out. */
G_STATIC_ASSERT (SOLEUS_N_PALETTES == 4);
G_STATIC_ASSERT (SOLEUS_RENDER_MIN_SIZE == 16 && SOLEUS_RENDER_MAX_SIZE == 16384);
G_STATIC_ASSERT (SOLEUS_CLI_DEFAULT_WIDTH == 1920 && SOLEUS_CLI_DEFAULT_HEIGHT == 1080);
/* And those of record's --size, --seconds and --fps. */
G_STATIC_ASSERT (SOLEUS_RECORDER_MIN_SIZE == 16 && SOLEUS_RECORDER_MAX_SIZE == 3840);
G_STATIC_ASSERT (SOLEUS_CLI_DEFAULT_RECORD_WIDTH == 1280 &&
                 SOLEUS_CLI_DEFAULT_RECORD_HEIGHT == 720);
G_STATIC_ASSERT (SOLEUS_RECORDER_MAX_FRAMES == 3600);

/* The shortest loop; a single frame is a still, which render draws. */
#define MIN_RECORD_SECONDS 0.1

static const GenericOption generic_options[] = {
  { "scenario", SOLEUS_CLI_OPT_SCENARIO, "NAME", 0, 0, NULL,
    N_("Play a built-in scenario and its timeline (see 'soleus-cli scenarios'); "
       "controls given on the command line replace its starting ones") },
  { "scenario-file", SOLEUS_CLI_OPT_SCENARIO_FILE, "FILE", 0, 0, NULL,
    N_("Play a scenario file (.soleus): its controls, timeline and timed steps; "
       "controls given on the command line replace its starting ones") },
  { "save", SOLEUS_CLI_OPT_SAVE, "NAME FILE", 0, 0, NULL,
    N_("Write the built-in scenario NAME to FILE as a scenario file (.soleus), to "
       "edit and play with --scenario-file; '-' writes to standard output") },
  { "duration", SOLEUS_CLI_OPT_DURATION, "S", SOLEUS_STEP_S, MAX_DURATION_S, "s",
    N_("Simulated time in seconds (default: the scenario's length, else 300)") },
  { "csv", SOLEUS_CLI_OPT_CSV, "FILE|-", 0, 0, NULL,
    N_("Write a time series as CSV to FILE, or to standard output with '-'") },
  { "sample-hz", SOLEUS_CLI_OPT_SAMPLE_HZ, "HZ", 0.001, 1.0 / SOLEUS_STEP_S, "Hz",
    N_("Rows of CSV per simulated second (default 10)") },
  { "json", SOLEUS_CLI_OPT_JSON, NULL, 0, 0, NULL,
    N_("Print one JSON object instead of text") },
  { "cpu-seconds", SOLEUS_CLI_OPT_CPU_SECONDS, "S", 0.01, 60, "s",
    N_("CPU time spent on each measurement of the model (default 0.5); the "
       "painter paints 240 frames per second of it at each size, at least 9") },
  { "output", SOLEUS_CLI_OPT_OUTPUT, "FILE", 0, 0, NULL,
    N_("The image to write; its name ends in .png, .svg or .pdf, which sets the "
       "format (required)") },
  /* Record's and handout's --output: one format each. */
  { "output", SOLEUS_CLI_OPT_OUTPUT_APNG, "FILE", 0, 0, NULL,
    N_("The animated PNG (APNG) to write; its name ends in .png (required)") },
  { "output", SOLEUS_CLI_OPT_OUTPUT_PDF, "FILE", 0, 0, NULL,
    N_("The handout to write, a one-page A4 PDF; its name ends in .pdf (required)") },
  { "time", SOLEUS_CLI_OPT_TIME, "S", 0, MAX_DURATION_S, "s",
    N_("Simulated time of the frame (record: of the first frame) in seconds "
       "(default: the scenario's length, else 300, where 'run' stops)") },
  { "seconds", SOLEUS_CLI_OPT_SECONDS, "S", MIN_RECORD_SECONDS,
    SOLEUS_RECORDER_MAX_FRAMES / SOLEUS_RECORDER_MIN_FPS, "s",
    N_("Length of the loop in simulated seconds, from --time (default 5); at most "
       "3600 frames in all") },
  { "fps", SOLEUS_CLI_OPT_FPS, "F", SOLEUS_RECORDER_MIN_FPS, SOLEUS_RECORDER_MAX_FPS, "fps",
    N_("Frames per second, 1 to 60 (default 30)") },
  /* Not --width and --height: --height is a control, the body's height. */
  { "size", SOLEUS_CLI_OPT_SIZE_APNG, "WIDTHxHEIGHT", SOLEUS_RECORDER_MIN_SIZE,
    SOLEUS_RECORDER_MAX_SIZE, "px",
    N_("Size of the frames in pixels, each side 16 to 3840 (default 1280x720)") },
  { "size", SOLEUS_CLI_OPT_SIZE, "WIDTHxHEIGHT", SOLEUS_RENDER_MIN_SIZE,
    SOLEUS_RENDER_MAX_SIZE, "px",
    N_("Size of the image in pixels, each side 16 to 16384 (default 1920x1080)") },
  { "palette", SOLEUS_CLI_OPT_PALETTE, "light|dark|projector|colorblind", 0, 0, NULL,
    N_("Colours: light, dark, projector (high contrast on white) or colorblind "
       "(safe for colour vision deficiency; default light)") },
};

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
format_range (double      min,
              double      max,
              const char *unit)
{
  char min_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char max_buf[G_ASCII_DTOSTR_BUF_SIZE];

  soleus_cli_format_double (min_buf, min);
  soleus_cli_format_double (max_buf, max);

  if (unit != NULL && unit[0] != '\0')
    /* Translators: a valid range with its unit: "0 to 6 km/h" */
    return g_strdup_printf (_("%s to %s %s"), min_buf, max_buf, unit);
  else
    /* Translators: a valid range without a unit: "0 to 1" */
    return g_strdup_printf (_("%s to %s"), min_buf, max_buf);
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

  return format_range (info->min, info->max, info->unit);
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

  return g_strdup (soleus_cli_format_double (buf, value));
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

/* The same without quotes, for a number refused by its range. */
static char *
shorten_value (const char *text)
{
  return soleus_text_escape (text, -1, SOLEUS_TEXT_QUOTE_CHARS);
}

static gboolean
parse_control (SoleusParamId   id,
               const char     *text,
               double         *out,
               GError        **error)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  g_autofree char *range = soleus_cli_param_range (id);
  g_autofree char *quoted = quote_value (text);
  double v;

  if (info->choices != NULL)
    {
      /* Names ("standing") or the index as a number, as the core allows. */
      if (soleus_param_parse (id, text, out))
        return TRUE;

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --posture: 'lying' is not one of supine, sitting, … */
                   _("--%s: %s is not one of %s"), info->name, quoted, range);
      return FALSE;
    }

  if (!soleus_number_parse (text, &v))
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --speed: 'fast' is not a number (0 to 6 km/h) */
                   _("--%s: %s is not a number (%s)"), info->name, quoted, range);
      return FALSE;
    }

  if (!soleus_param_in_range (id, v))
    {
      g_autofree char *shown = shorten_value (text);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --valve-weakness: 1.5 is out of range (0 to 1) */
                   _("--%s: %s is out of range (%s)"), info->name, shown, range);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

static gboolean
parse_generic_number (const GenericOption  *option,
                      const char           *text,
                      double               *out,
                      GError              **error)
{
  g_autofree char *range = format_range (option->min, option->max, option->unit);
  g_autofree char *quoted = quote_value (text);
  double v;

  if (!soleus_number_parse (text, &v))
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("--%s: %s is not a number (%s)"), option->name, quoted, range);
      return FALSE;
    }

  if (v < option->min || v > option->max)
    {
      g_autofree char *shown = shorten_value (text);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("--%s: %s is out of range (%s)"), option->name, shown, range);
      return FALSE;
    }

  *out = v;
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

/* "1920x1080": two whole numbers of pixels, each within the option's range. */
static gboolean
parse_generic_size (const GenericOption  *option,
                    const char           *text,
                    int                  *width,
                    int                  *height,
                    GError              **error)
{
  g_autofree char *range = format_range (option->min, option->max, option->unit);
  g_autofree char *quoted = quote_value (text);
  g_auto(GStrv) sides = g_strsplit_set (text, "xX", -1);
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

  *width = (int) v[0];
  *height = (int) v[1];
  return TRUE;
}

/* A built-in scenario by name, for --scenario and --save. */
static const SoleusScenario *
find_scenario (const GenericOption  *option,
               const char           *value,
               GError              **error)
{
  const SoleusScenario *scenario = soleus_scenario_find (value);

  if (scenario == NULL)
    {
      g_autofree char *quoted = quote_value (value);
      g_autofree char *names = join_scenario_names ();

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --scenario: no scenario named 'x' (one of a, b, c) */
                   _("--%s: no scenario named %s (one of %s)"),
                   option->name, quoted, names);
    }
  return scenario;
}

/* Loads --scenario-file. Its own messages name the file and the line
 * ("leg.soleus:7: ..."), so they are passed on as they are. */
static gboolean
load_scenario_file (const GenericOption  *option,
                    const char           *value,
                    SoleusCliArgs        *args,
                    GError              **error)
{
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
  if (value[0] == '\0')
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   _("--%s: the file name is empty (a .soleus file)"), option->name);
      return FALSE;
    }

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
  args->scenario_file_path = g_strdup (value);
  args->scenario = soleus_scenario_file_as_scenario (file);
  return TRUE;
}

/* What --output takes, for messages: "a file ending in .pdf". */
static char *
describe_output (SoleusCliOptFlags flag)
{
  if (flag == SOLEUS_CLI_OPT_OUTPUT_APNG)
    return g_strdup (_("a file ending in .png"));
  if (flag == SOLEUS_CLI_OPT_OUTPUT_PDF)
    return g_strdup (_("a file ending in .pdf"));
  return g_strdup (_("a file ending in .png, .svg or .pdf"));
}

static gboolean
apply_generic (const GenericOption  *option,
               const char           *value,
               SoleusCliArgs        *args,
               GError              **error)
{
  switch (option->flag)
    {
    case SOLEUS_CLI_OPT_SCENARIO:
      if (args->scenario_file != NULL)
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       _("--%s: cannot be combined with --scenario-file (one or the "
                         "other)"), option->name);
          return FALSE;
        }
      args->scenario = find_scenario (option, value, error);
      return args->scenario != NULL;

    case SOLEUS_CLI_OPT_SCENARIO_FILE:
      return load_scenario_file (option, value, args, error);

    case SOLEUS_CLI_OPT_SAVE:
      args->save = find_scenario (option, value, error);
      return args->save != NULL;

    case SOLEUS_CLI_OPT_DURATION:
      return parse_generic_number (option, value, &args->duration_s, error);

    case SOLEUS_CLI_OPT_SAMPLE_HZ:
      return parse_generic_number (option, value, &args->sample_hz, error);

    case SOLEUS_CLI_OPT_CPU_SECONDS:
      return parse_generic_number (option, value, &args->cpu_seconds, error);

    case SOLEUS_CLI_OPT_CSV:
      if (value[0] == '\0')
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       _("--%s: the file name is empty (a file, or '-' for "
                         "standard output)"), option->name);
          return FALSE;
        }
      g_free (args->csv_path);
      args->csv_path = g_strdup (value);
      return TRUE;

    case SOLEUS_CLI_OPT_JSON:
      args->json = TRUE;
      return TRUE;

    case SOLEUS_CLI_OPT_OUTPUT:
    case SOLEUS_CLI_OPT_OUTPUT_APNG:
    case SOLEUS_CLI_OPT_OUTPUT_PDF:
      if (value[0] == '\0')
        {
          g_autofree char *expected = describe_output (option->flag);

          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       _("--%s: the file name is empty (%s)"), option->name, expected);
          return FALSE;
        }
      g_free (args->output_path);
      args->output_path = g_strdup (value);
      return TRUE;

    case SOLEUS_CLI_OPT_TIME:
      return parse_generic_number (option, value, &args->time_s, error);

    case SOLEUS_CLI_OPT_SECONDS:
      return parse_generic_number (option, value, &args->seconds, error);

    case SOLEUS_CLI_OPT_FPS:
      return parse_generic_number (option, value, &args->fps, error);

    case SOLEUS_CLI_OPT_SIZE:
    case SOLEUS_CLI_OPT_SIZE_APNG:
      return parse_generic_size (option, value, &args->width, &args->height, error);

    case SOLEUS_CLI_OPT_PALETTE:
      if (!soleus_palette_from_string (value, &args->palette))
        {
          g_autofree char *quoted = quote_value (value);
          g_autofree char *names = join_palette_names ();

          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       _("--%s: %s is not one of %s"), option->name, quoted, names);
          return FALSE;
        }
      return TRUE;

    case SOLEUS_CLI_OPT_CONTROLS:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

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
describe_expected_value (const GenericOption *generic,
                         int                  param)
{
  if (param >= 0)
    return soleus_cli_param_range ((SoleusParamId) param);

  if (generic->flag == SOLEUS_CLI_OPT_SIZE || generic->flag == SOLEUS_CLI_OPT_SIZE_APNG)
    {
      g_autofree char *range = format_range (generic->min, generic->max, generic->unit);

      /* Translators: WIDTHxHEIGHT, each side 16 to 16384 px */
      return g_strdup_printf (_("%s, each side %s"), generic->metavar, range);
    }

  if (generic->unit != NULL)
    return format_range (generic->min, generic->max, generic->unit);

  if (generic->flag == SOLEUS_CLI_OPT_SCENARIO || generic->flag == SOLEUS_CLI_OPT_SAVE)
    return join_scenario_names ();

  if (generic->flag == SOLEUS_CLI_OPT_SCENARIO_FILE)
    return g_strdup (_("a .soleus file"));

  if (generic->flag == SOLEUS_CLI_OPT_PALETTE)
    return join_palette_names ();

  if (generic->flag == SOLEUS_CLI_OPT_OUTPUT || generic->flag == SOLEUS_CLI_OPT_OUTPUT_APNG ||
      generic->flag == SOLEUS_CLI_OPT_OUTPUT_PDF)
    return describe_output (generic->flag);

  return g_strdup (generic->metavar);
}

gboolean
soleus_cli_parse_args (const char         *command,
                       SoleusCliOptFlags   accepted,
                       int                 argc,
                       char              **argv,
                       SoleusCliArgs      *args,
                       GError            **error)
{
  double explicit[SOLEUS_N_PARAMS] = { 0 };

  memset (args, 0, sizeof *args);
  soleus_controls_init_defaults (args->controls);
  args->sample_hz = 10;
  args->cpu_seconds = 0.5;
  args->time_s = NAN;
  args->width = SOLEUS_CLI_DEFAULT_WIDTH;
  args->height = SOLEUS_CLI_DEFAULT_HEIGHT;
  args->palette = SOLEUS_PALETTE_LIGHT;
  args->seconds = SOLEUS_CLI_DEFAULT_RECORD_SECONDS;
  args->fps = SOLEUS_CLI_DEFAULT_RECORD_FPS;
  if (accepted & SOLEUS_CLI_OPT_SIZE_APNG)
    {
      args->width = SOLEUS_CLI_DEFAULT_RECORD_WIDTH;
      args->height = SOLEUS_CLI_DEFAULT_RECORD_HEIGHT;
    }
  args->positional = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const char *eq;
      const GenericOption *generic = NULL;
      int param = -1;
      gboolean known;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          args->help = TRUE;
          return TRUE;
        }

      if (arg[0] != '-' || strcmp (arg, "-") == 0)
        {
          g_ptr_array_add (args->positional, g_strdup (arg));
          continue;
        }

      if (!g_str_has_prefix (arg, "--") || arg[2] == '\0')
        {
          g_autofree char *quoted = quote_value (arg);

          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: '-x': unknown option (see 'soleus-cli run --help') */
                       _("%s: unknown option (see 'soleus-cli %s --help')"),
                       quoted, command);
          return FALSE;
        }

      eq = strchr (arg, '=');
      if (eq != NULL)
        {
          name = g_strndup (arg + 2, eq - (arg + 2));
          value = eq + 1;
        }
      else
        name = g_strdup (arg + 2);

      generic = find_generic (name, accepted);
      if (generic == NULL)
        param = soleus_param_find (name);

      known = (generic != NULL || param >= 0);
      if (!known)
        {
          g_autofree char *escaped = soleus_text_escape (name, -1, SOLEUS_TEXT_QUOTE_CHARS);

          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: --foo: unknown option (see 'soleus-cli run --help') */
                       _("--%s: unknown option (see 'soleus-cli %s --help')"),
                       escaped, command);
          return FALSE;
        }

      if (param == SOLEUS_PARAM_POSTURE && (accepted & SOLEUS_CLI_OPT_NO_POSTURE))
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: --posture: not an option of 'protocol', … */
                       _("--%s: not an option of '%s', which sets the posture itself"),
                       name, command);
          return FALSE;
        }

      if ((generic != NULL && !(accepted & generic->flag)) ||
          (param >= 0 && !(accepted & SOLEUS_CLI_OPT_CONTROLS)))
        {
          g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                       /* Translators: --csv: not an option of 'protocol' (see …) */
                       _("--%s: not an option of '%s' (see 'soleus-cli %s --help')"),
                       name, command, command);
          return FALSE;
        }

      if (generic != NULL && generic->metavar == NULL)
        {
          if (value != NULL)
            {
              g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                           _("--%s: takes no value"), name);
              return FALSE;
            }
          if (!apply_generic (generic, NULL, args, error))
            return FALSE;
          continue;
        }

      if (value == NULL)
        {
          /* "--speed --json" misses the speed: an option is never a value,
           * but a negative number ("-5") is, to be refused by its range. */
          if (i + 1 >= argc || g_str_has_prefix (argv[i + 1], "--"))
            {
              g_autofree char *expected = describe_expected_value (generic, param);

              g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                           /* Translators: --speed: missing value (0 to 6 km/h) */
                           _("--%s: missing value (%s)"), name, expected);
              return FALSE;
            }
          value = argv[++i];
        }

      if (param >= 0)
        {
          if (!parse_control ((SoleusParamId) param, value, &explicit[param], error))
            {
              /* "--height 1080" is the body's height, in cm. */
              if (error != NULL && param == SOLEUS_PARAM_HEIGHT_CM &&
                  (accepted & (SOLEUS_CLI_OPT_SIZE | SOLEUS_CLI_OPT_SIZE_APNG)))
                {
                  char *message = (*error)->message;

                  /* Translators: appended to an error about --height in `render` */
                  (*error)->message = g_strconcat (message, _("; the image's size is "
                                                              "--size WIDTHxHEIGHT"), NULL);
                  g_free (message);
                }
              return FALSE;
            }
          args->control_given[param] = TRUE;
        }
      else if (!apply_generic (generic, value, args, error))
        return FALSE;
    }

  /* Defaults, then the scenario's starting controls, then the command line,
   * whatever the order of the options. */
  if (args->scenario != NULL)
    soleus_scenario_controls_at (args->scenario, 0.0, args->controls);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    if (args->control_given[id])
      args->controls[id] = explicit[id];

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

static void
print_controls (GString           *out,
                SoleusCliOptFlags  accepted,
                gboolean           advanced)
{
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *metavar = NULL;
      g_autofree char *range = NULL;
      g_autofree char *def = NULL;
      g_autofree char *line1 = NULL;

      if (info->advanced != advanced)
        continue;

      if (id == SOLEUS_PARAM_POSTURE && (accepted & SOLEUS_CLI_OPT_NO_POSTURE))
        continue;

      metavar = make_metavar (info);
      range = soleus_cli_param_range ((SoleusParamId) id);
      def = soleus_cli_param_value ((SoleusParamId) id, info->default_value);

      if (info->choices != NULL)
        /* Translators: "Posture (default supine)" */
        line1 = g_strdup_printf (_("%s (default %s)"),
                                 g_dgettext (GETTEXT_PACKAGE, info->label), def);
      else
        /* Translators: "Walking speed, 0 to 6 km/h (default 0)" */
        line1 = g_strdup_printf (_("%s, %s (default %s)"),
                                 g_dgettext (GETTEXT_PACKAGE, info->label), range, def);

      print_option (out, info->name, metavar, line1,
                    info->blurb ? g_dgettext (GETTEXT_PACKAGE, info->blurb) : NULL);
    }
}

void
soleus_cli_print_options (GString           *out,
                          SoleusCliOptFlags  accepted)
{
  if (accepted & SOLEUS_CLI_OPT_CONTROLS)
    {
      g_string_append_printf (out, "\n%s\n", _("Controls (from t = 0):"));
      print_controls (out, accepted, FALSE);
      g_string_append_printf (out, "\n%s\n", _("Advanced controls:"));
      print_controls (out, accepted, TRUE);
    }

  g_string_append_printf (out, "\n%s\n", _("Options:"));
  for (guint i = 0; i < G_N_ELEMENTS (generic_options); i++)
    {
      const GenericOption *option = &generic_options[i];

      if (accepted & option->flag)
        print_option (out, option->name, option->metavar,
                      _(option->help), NULL);
    }
  print_option (out, "help", NULL, _("Show this help"), NULL);
}
