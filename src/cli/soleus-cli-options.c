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
 *
 * This file holds what the options are and how their values are read;
 * soleus-cli-option-parser.c builds the GOptionEntry tables, runs
 * GOptionContext and prints --help.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-cli-private.h"
#include "soleus-number.h"
#include "soleus-recorder.h"
#include "soleus-render-export.h"

/* The longest run: a week of simulated time. */
#define MAX_DURATION_S (7.0 * 24.0 * 3600.0)

/* The help of --palette and --size below spells the palettes, the sizes and
 * the default out. */
G_STATIC_ASSERT (SOLEUS_N_PALETTES == 4);
/* And --skin-tone's help its tones. */
G_STATIC_ASSERT (SOLEUS_N_SKIN_TONES == 4);
/* And --figure's its builds. */
G_STATIC_ASSERT (SOLEUS_N_FIGURES == 2);
G_STATIC_ASSERT (SOLEUS_RENDER_MIN_SIZE == 16 && SOLEUS_RENDER_MAX_SIZE == 16384);
G_STATIC_ASSERT (SOLEUS_CLI_DEFAULT_WIDTH == 1920 && SOLEUS_CLI_DEFAULT_HEIGHT == 1080);
/* And those of record's --size, --seconds and --fps. */
G_STATIC_ASSERT (SOLEUS_RECORDER_MIN_SIZE == 16 && SOLEUS_RECORDER_MAX_SIZE == 3840);
G_STATIC_ASSERT (SOLEUS_CLI_DEFAULT_RECORD_WIDTH == 1280 &&
                 SOLEUS_CLI_DEFAULT_RECORD_HEIGHT == 720);
G_STATIC_ASSERT ((int) SOLEUS_RECORDER_MAX_SECONDS == 600 && (int) SOLEUS_RECORDER_MAX_FPS == 60);

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
  g_clear_pointer (&args->date, g_date_time_unref);
  args->scenario = NULL;
}

char *
soleus_cli_join_choices (const char *const *choices,
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
    return soleus_cli_join_choices (info->choices, ", ");

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

gboolean
soleus_cli_apply_control (SoleusParamId   id,
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
          (state->accepted & (SOLEUS_CLI_OPT_SIZE | SOLEUS_CLI_OPT_SIZE_VIDEO)))
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

/* --pressure-unit and --weight-unit: the preferences' names, the second
 * of each pair setting the field. */
static char *
pressure_unit_names (void)
{
  return g_strdup ("mmhg, kpa");
}

static char *
weight_unit_names (void)
{
  return g_strdup ("kg, lb");
}

static gboolean
apply_unit (const GenericOption  *option,
            const char           *value,
            ParseState           *state,
            GError              **error)
{
  g_autofree char *names = option->names ();
  g_auto(GStrv) pair = g_strsplit (names, ", ", 2);

  if (g_strcmp0 (value, pair[0]) != 0 && g_strcmp0 (value, pair[1]) != 0)
    {
      set_not_one_of (error, option->name, value, names);
      return FALSE;
    }

  G_STRUCT_MEMBER (gboolean, state->args, option->offset) = g_str_equal (value, pair[1]);
  return TRUE;
}

/* --date YYYY-MM-DD, a day of the calendar. */
static gboolean
apply_date (const GenericOption  *option,
            const char           *value,
            ParseState           *state,
            GError              **error)
{
  GDateTime **field = G_STRUCT_MEMBER_P (state->args, option->offset);
  unsigned int year, month, day;
  char end;
  GDateTime *date = NULL;

  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-'
      && sscanf (value, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3
      && year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    date = g_date_time_new_local ((int) year, (int) month, (int) day, 12, 0, 0);

  if (date == NULL)
    {
      g_autofree char *quoted = quote_value (value);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: --date: '3/12/26' is not a date as YYYY-MM-DD */
                   _("--%s: %s is not a date as YYYY-MM-DD"), option->name, quoted);
      return FALSE;
    }

  g_clear_pointer (field, g_date_time_unref);
  *field = date;
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

static gboolean
apply_figure (const GenericOption  *option,
              const char           *value,
              ParseState           *state,
              GError              **error)
{
  if (!soleus_figure_from_string (value, G_STRUCT_MEMBER_P (state->args, option->offset)))
    {
      g_autofree char *names = option->names ();

      set_not_one_of (error, option->name, value, names);
      return FALSE;
    }

  return TRUE;
}

/* "male, female": the figures' names. */
static char *
join_figure_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; i < SOLEUS_N_FIGURES; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, soleus_figure_to_string ((SoleusFigure) i));
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
  { .name = "output", .flag = SOLEUS_CLI_OPT_OUTPUT_VIDEO, .metavar = "FILE",
    .expected = N_("a file ending in .mp4, .webm or .gif"),
    .apply = apply_file, .offset = FIELD (output_path),
    .help = N_("The video to write; its name ends in .mp4 (H.264, for slides), .webm "
               "(VP8, for web pages) or .gif (an animated GIF), which sets the format "
               "(required)") },
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
    .min = MIN_RECORD_SECONDS, .max = SOLEUS_RECORDER_MAX_SECONDS,
    .unit = "s", .apply = apply_number, .offset = FIELD (seconds),
    .help = N_("Length of the video in simulated seconds, from --time, up to 600 (ten "
               "minutes; default 5)") },
  { .name = "fps", .flag = SOLEUS_CLI_OPT_FPS, .metavar = "F",
    .min = SOLEUS_RECORDER_MIN_FPS, .max = SOLEUS_RECORDER_MAX_FPS, .unit = "fps",
    .apply = apply_number, .offset = FIELD (fps),
    .help = N_("Frames per second, 1 to 60 (default 30); a GIF keeps at most 30, "
               "leaving out frames evenly") },
  { .name = "caption", .flag = SOLEUS_CLI_OPT_CAPTION,
    .apply = apply_switch, .offset = FIELD (caption),
    .help = N_("Show a caption above the leg: the scenario, the time and the ankle vein "
               "pressure") },
  { .name = "chart", .flag = SOLEUS_CLI_OPT_CHART,
    .apply = apply_switch, .offset = FIELD (chart),
    .help = N_("Show the ankle vein pressure of the last 10 seconds as a chart below the "
               "leg") },
  /* Not --width and --height: --height is a control, the body's height. */
  { .name = "size", .flag = SOLEUS_CLI_OPT_SIZE_VIDEO, .metavar = "WIDTHxHEIGHT",
    .min = SOLEUS_RECORDER_MIN_SIZE, .max = SOLEUS_RECORDER_MAX_SIZE, .unit = "px",
    .apply = apply_size,
    .help = N_("Size of the frames in pixels, each side 16 to 3840 and even for MP4 and "
               "WebM: 1280x720, 1920x1080 or 3840x2160 (default 1280x720)") },
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
  { .name = "figure", .flag = SOLEUS_CLI_OPT_FIGURE,
    .metavar = "female|male",
    .names = join_figure_names, .apply = apply_figure, .offset = FIELD (figure),
    .help = N_("The figure's build: female or male (default male)") },
  { .name = "pressure-unit", .flag = SOLEUS_CLI_OPT_UNITS, .metavar = "mmhg|kpa",
    .names = pressure_unit_names, .apply = apply_unit, .offset = FIELD (pressure_kpa),
    .help = N_("Pressures in millimetres of mercury or kilopascals (default mmhg)") },
  { .name = "weight-unit", .flag = SOLEUS_CLI_OPT_UNITS, .metavar = "kg|lb",
    .names = weight_unit_names, .apply = apply_unit, .offset = FIELD (weight_lb),
    .help = N_("Body weight in kilograms or pounds (default kg)") },
  { .name = "date", .flag = SOLEUS_CLI_OPT_DATE, .metavar = "YYYY-MM-DD",
    .expected = N_("a date as YYYY-MM-DD"), .apply = apply_date, .offset = FIELD (date),
    .help = N_("The date printed on the handout (default today)") },
};

const GenericOption *const soleus_cli_generic_options = generic_options;
const guint soleus_cli_n_generic_options = G_N_ELEMENTS (generic_options);

#undef FIELD

/* The row of an option by name: the one the command accepts when two rows
 * share a name (render's and record's --size), else the first. */
const GenericOption *
soleus_cli_find_generic (const char        *name,
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
  const GenericOption *option = soleus_cli_find_generic (name, accepted);
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

void
soleus_cli_set_missing_value (GError            **error,
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
void
soleus_cli_set_unknown_option (GError     **error,
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
      if (param >= 0 || soleus_cli_find_generic (name, 0) != NULL)
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
