/* soleus-cli-private.h: what the files of soleus-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * soleus-cli is a thin layer over the core: every subcommand lives in its own
 * soleus-cli-THING.c and is listed once in the command table of soleus-cli.c.
 * Options are parsed here (soleus-cli-options.c) from the core's parameter
 * table, so the CLI's bounds never disagree with the sliders'.
 */

#pragma once

#include <glib.h>
#include <stdio.h>

#include "soleus-file-writer.h"
#include "soleus-format.h"
#include "soleus-json.h"
#include "soleus-model.h"
#include "soleus-palette.h"
#include "soleus-protocol.h"
#include "soleus-scenario.h"
#include "soleus-scenario-file.h"
#include "soleus-text.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------------- */
/* Errors. Every failure reaches main() as one GError, printed as one line
 * "soleus-cli: MESSAGE" on stderr. Usage and I/O errors exit with status 2,
 * anything else with 1. */

#define SOLEUS_CLI_ERROR (soleus_cli_error_quark ())

typedef enum
{
  SOLEUS_CLI_ERROR_USAGE,   /* bad option, value, command or scenario: exit 2 */
  SOLEUS_CLI_ERROR_IO,      /* an output file cannot be written: exit 2 */
  SOLEUS_CLI_ERROR_FAILED,  /* the model refused to run: exit 1 */
} SoleusCliError;

GQuark soleus_cli_error_quark (void);

/* ---------------------------------------------------------------------- */
/* The command table (soleus-cli.c). A handler gets argv with argv[0] the
 * command's name; it prints its own help for --help / -h. */

typedef gboolean (*SoleusCliHandler) (int      argc,
                                      char   **argv,
                                      GError **error);

typedef struct
{
  const char       *name;
  SoleusCliHandler  handler;
  const char       *summary;   /* English, marked with N_() */
} SoleusCliCommand;

gboolean soleus_cli_run       (int argc, char **argv, GError **error);
gboolean soleus_cli_protocol  (int argc, char **argv, GError **error);
gboolean soleus_cli_scenarios (int argc, char **argv, GError **error);
gboolean soleus_cli_bench     (int argc, char **argv, GError **error);
gboolean soleus_cli_render    (int argc, char **argv, GError **error);
gboolean soleus_cli_record    (int argc, char **argv, GError **error);
gboolean soleus_cli_handout   (int argc, char **argv, GError **error);

/* ---------------------------------------------------------------------- */
/* Options (soleus-cli-options.c). Each command accepts a subset. */

/* A new option that is not a control (say --output for a render command)
 * takes a flag here, a field in SoleusCliArgs and a row in
 * generic_options[] of soleus-cli-options.c: its name, help, range or the
 * names it takes, and the function that reads it into its field. */
typedef enum
{
  SOLEUS_CLI_OPT_CONTROLS    = 1 << 0,  /* one option per core parameter */
  SOLEUS_CLI_OPT_SCENARIO    = 1 << 1,
  SOLEUS_CLI_OPT_DURATION    = 1 << 2,
  SOLEUS_CLI_OPT_CSV         = 1 << 3,
  SOLEUS_CLI_OPT_SAMPLE_HZ   = 1 << 4,
  SOLEUS_CLI_OPT_JSON        = 1 << 5,
  SOLEUS_CLI_OPT_CPU_SECONDS = 1 << 6,
  SOLEUS_CLI_OPT_NO_POSTURE  = 1 << 7,  /* all controls but the posture */
  SOLEUS_CLI_OPT_OUTPUT      = 1 << 8,
  SOLEUS_CLI_OPT_TIME        = 1 << 9,
  SOLEUS_CLI_OPT_SIZE        = 1 << 10,  /* WIDTHxHEIGHT: --height is the body's */
  SOLEUS_CLI_OPT_PALETTE     = 1 << 11,
  SOLEUS_CLI_OPT_SCENARIO_FILE = 1 << 12,  /* a .soleus file, not with --scenario */
  SOLEUS_CLI_OPT_SAVE        = 1 << 13,  /* scenarios --save NAME FILE */
  SOLEUS_CLI_OPT_SECONDS     = 1 << 14,  /* record: length of the loop */
  SOLEUS_CLI_OPT_FPS         = 1 << 15,  /* record: frames per second */
  /* --output and --size of record (a video, each side at most 3840 px) and
   * --output of handout (a PDF): the same option names as render's, with
   * their own help and range. A command takes one flag of each name. */
  SOLEUS_CLI_OPT_OUTPUT_VIDEO = 1 << 16,
  SOLEUS_CLI_OPT_SIZE_VIDEO   = 1 << 17,
  SOLEUS_CLI_OPT_OUTPUT_PDF  = 1 << 18,
  SOLEUS_CLI_OPT_SKIN_TONE   = 1 << 19,  /* render, record, handout */
  SOLEUS_CLI_OPT_CAPTION     = 1 << 20,  /* record: a caption line */
  SOLEUS_CLI_OPT_CHART       = 1 << 21,  /* record: the pressure chart */
  SOLEUS_CLI_OPT_FIGURE      = 1 << 22,  /* render, record, handout */
  /* handout: the units of the page (as the app's preferences) and its
   * date (by default today) */
  SOLEUS_CLI_OPT_UNITS       = 1 << 26,
  SOLEUS_CLI_OPT_DATE        = 1 << 27,
} SoleusCliOptFlags;

/* The image size of `render` when not given. */
#define SOLEUS_CLI_DEFAULT_WIDTH  1920
#define SOLEUS_CLI_DEFAULT_HEIGHT 1080

/* `record` when not given: 5 s at 30 frames per second, 1280x720. */
#define SOLEUS_CLI_DEFAULT_RECORD_SECONDS 5.0
#define SOLEUS_CLI_DEFAULT_RECORD_FPS     30.0
#define SOLEUS_CLI_DEFAULT_RECORD_WIDTH   1280
#define SOLEUS_CLI_DEFAULT_RECORD_HEIGHT  720

/* Where `run` stops without --duration or a scenario, and so the default
 * --time of render, record and handout. */
#define SOLEUS_CLI_DEFAULT_TIME_S 300.0

typedef struct
{
  /* The controls at t = 0: defaults, then the scenario's time-0 controls,
   * then the options given on the command line. */
  double                controls[SOLEUS_N_PARAMS];
  gboolean              control_given[SOLEUS_N_PARAMS];

  /* NULL without --scenario or --scenario-file; with a file, the file's
   * schedule seen as a scenario (soleus_scenario_file_as_scenario ()), so
   * that a file plays through the same code as a built-in. */
  const SoleusScenario *scenario;
  SoleusScenarioFile   *scenario_file;  /* owned; NULL without --scenario-file */
  char                 *scenario_file_path;
  const SoleusScenario *save;           /* scenarios --save NAME */
  double                duration_s;     /* 0 when not given */
  char                 *csv_path;       /* NULL, "-" (stdout) or a file */
  double                sample_hz;
  double                cpu_seconds;
  gboolean              json;
  gboolean              help;

  /* render */
  char                 *output_path;    /* NULL when not given */
  double                time_s;         /* NaN when not given */
  int                   width;          /* pixels, from --size */
  int                   height;
  SoleusPalette         palette;
  SoleusSkinTone        skin_tone;
  SoleusFigure          figure;

  /* record */
  double                seconds;        /* length of the loop, s */
  double                fps;
  gboolean              caption;
  gboolean              chart;

  /* handout */
  gboolean              pressure_kpa;   /* --pressure-unit kpa */
  gboolean              weight_lb;      /* --weight-unit lb */
  GDateTime            *date;           /* NULL when not given */

  GPtrArray            *positional;     /* of char *, owned */
} SoleusCliArgs;

void     soleus_cli_args_clear    (SoleusCliArgs     *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SoleusCliArgs, soleus_cli_args_clear)

/* Parses argv[1..] (argv[0] is the command's name) with GOptionContext:
 * options in any order and either form (--name=value, --name value), "--"
 * ending them; arguments in args->positional. Stops at --help or -h. */
gboolean soleus_cli_parse_args    (const char        *command,
                                   SoleusCliOptFlags  accepted,
                                   int                argc,
                                   char             **argv,
                                   SoleusCliArgs     *args,
                                   GError           **error);

/* A model at the start of a run: the supine steady state, then the
 * scenario's time-0 controls, then the controls given. NULL on error. */
SoleusModel *soleus_cli_start_model   (const SoleusCliArgs  *args,
                                       GError              **error);
/* Advances to time_s through the scenario's timeline, if any. */
void         soleus_cli_advance_model (const SoleusCliArgs  *args,
                                       SoleusModel          *model,
                                       double                time_s);
/* The --time of render, record and handout: --time, else where `run` stops
 * (the scenario's length, else SOLEUS_CLI_DEFAULT_TIME_S). */
double       soleus_cli_frame_time    (const SoleusCliArgs  *args);
/* Refuses positional arguments past the first n_allowed: "'x': unexpected
 * argument (see 'soleus-cli COMMAND --help')". */
gboolean     soleus_cli_check_positional (const SoleusCliArgs  *args,
                                          guint                 n_allowed,
                                          const char           *command,
                                          GError              **error);

/* Notes on stderr for controls that cannot act in the posture given
 * ("--speed 3" lying down); none with a scenario. */
void         soleus_cli_warn_ineffective (const SoleusCliArgs *args);

/* What a run's text and CSV call the scenario: "varicose-veins", a file's
 * path, or NULL. */
const char  *soleus_cli_scenario_label (const SoleusCliArgs *args);

/* Prints the options of @accepted, generated from the parameter table. */
void     soleus_cli_print_options (GString           *out,
                                   SoleusCliOptFlags  accepted);

/* Appends text word-wrapped to 80 columns, each line indented by indent
 * spaces, the first line included, and a final newline. */
void     soleus_cli_append_wrapped (GString          *out,
                                    const char       *text,
                                    guint             indent);

/* "0 to 6 km/h": the valid range of a parameter, for messages and help. */
char    *soleus_cli_param_range   (SoleusParamId      id);
/* The value of a control as the user would type it: "standing" or "3". */
char    *soleus_cli_param_value   (SoleusParamId      id,
                                   double             value);
/* "valve_weakness": a parameter's name as a JSON key or CSV word. */
char    *soleus_cli_param_key     (SoleusParamId      id);

/* "speed_kmh": a parameter's CSV column, its unit in the name. */
char    *soleus_cli_param_column  (SoleusParamId      id);

/* The version of the model the figures come from. */
const char *soleus_cli_model_version (void);

/* ---------------------------------------------------------------------- */
/* The options that are not controls and the reading of every option's
 * value (soleus-cli-options.c), for the GOptionContext entries and --help
 * (soleus-cli-option-parser.c) */

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

extern const GenericOption *const soleus_cli_generic_options;  /* in --help order */
extern const guint                soleus_cli_n_generic_options;

char *soleus_cli_join_choices (const char *const *choices,
                               const char        *separator);
gboolean soleus_cli_apply_control (SoleusParamId   id,
                                   const char     *text,
                                   ParseState     *state,
                                   GError        **error);
const GenericOption *soleus_cli_find_generic (const char        *name,
                                              SoleusCliOptFlags  accepted);
void soleus_cli_set_missing_value (GError            **error,
                                   const char         *name,
                                   SoleusCliOptFlags   accepted);
void soleus_cli_set_unknown_option (GError     **error,
                                    ParseState  *state,
                                    const char  *arg);

/* ---------------------------------------------------------------------- */
/* Output (soleus-cli-output.c): the CLI's JSON pieces and files that
 * appear whole or not at all. */

/* The controls as an object: {"posture": "standing", "speed": 3, ...}. */
void soleus_cli_json_controls (SoleusJson          *self,
                               const char          *key,
                               const double         controls[SOLEUS_N_PARAMS]);
/* The "scenario" key: the built-in's name or null, and with a file,
 * "scenario_file": its path as given. */
void soleus_cli_json_scenario (SoleusJson          *self,
                               const SoleusCliArgs *args);
/* A command's --help: its usage lines (NULL-terminated), the description
 * word-wrapped, extra text as it is (or NULL), then the options of
 * @accepted; printed as soleus_cli_print_stdout () prints. */
gboolean soleus_cli_print_help    (const char *const  usage[],
                                   const char        *description,
                                   const char        *extra,
                                   SoleusCliOptFlags  accepted,
                                   GError           **error);

/* The top object of a --json summary, begun with its "model_version" key;
 * soleus_cli_json_finish_summary () closes it and returns the document. */
SoleusJson *soleus_cli_json_new_summary    (void);
char       *soleus_cli_json_finish_summary (SoleusJson *self);

/* One line of a text summary: "  Label: value unit", the value with a
 * printf format in the C locale, "none" (translated) and no unit where it
 * is not finite. */
void     soleus_cli_append_figure (GString           *out,
                                   const char        *label,
                                   const char        *format,
                                   double             v,
                                   const char        *unit);

/* Writes stdout in one go; reports a failed write (a full disk, a closed
 * pipe) as an I/O error. */
gboolean soleus_cli_print_stdout  (const char        *text,
                                   GError           **error);

/* An output file, written through the io library's SoleusFileWriter
 * (soleus-file-writer.h: a temporary file renamed over PATH on commit, a
 * device or FIFO written as it is), so that a failure leaves the old file;
 * "-" is stdout. Its temporary file is removed should the process be
 * interrupted. */
typedef struct _SoleusCliOutput SoleusCliOutput;

SoleusCliOutput  *soleus_cli_output_open      (const char       *option,
                                               const char       *path,
                                               GError          **error);
/* The same where "-" is a file of that name, not stdout: for the writers
 * of the render layer, which write into soleus_cli_output_get_writer (). */
SoleusCliOutput  *soleus_cli_output_open_file (const char       *option,
                                               const char       *path,
                                               GError          **error);
/* NULL for stdout. */
SoleusFileWriter *soleus_cli_output_get_writer (SoleusCliOutput *self);
/* Appends text; FALSE once writing failed (the reason comes from check,
 * finish or commit). */
gboolean          soleus_cli_output_write     (SoleusCliOutput  *self,
                                               const char       *text,
                                               gsize             length);
/* FALSE, with the --OPTION message and the system's reason, if writing
 * failed. */
gboolean          soleus_cli_output_check     (SoleusCliOutput  *self,
                                               GError          **error);
/* Writes out and flushes everything: only the replacement remains, so
 * that a command can check every output before committing any. */
gboolean          soleus_cli_output_finish    (SoleusCliOutput  *self,
                                               GError          **error);
gboolean          soleus_cli_output_commit    (SoleusCliOutput  *self,
                                               GError          **error);
/* Removes the temporary file unless committed, and frees. */
void              soleus_cli_output_free      (SoleusCliOutput  *self);

/* Everything about --output that can be told before writing: given, and
 * named as the window names that kind of file (soleus_output_path_fits ()). */
gboolean          soleus_cli_check_output_path (SoleusOutputKind  kind,
                                                const char       *path,
                                                GError          **error);
/* Ends a command that painted into --output: ok is what the painter
 * returned, paint_error its error. On failure the writer's own reason
 * ("No space left on device") if it has one, else the painter's, in a
 * --output message; on success the file is committed. */
gboolean          soleus_cli_output_commit_painted (SoleusCliOutput  *self,
                                                    gboolean          ok,
                                                    const GError     *paint_error,
                                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusCliOutput, soleus_cli_output_free)

/* For a command that paints the run into --output, once every argument is
 * checked: opens the output in *output (only now may a file appear, and
 * before the simulation, so that an unwritable place fails at once), warns
 * about options without effect, and starts the model (soleus-cli-run.c).
 * NULL on error; the caller frees *output, which abandons the file unless
 * committed. */
SoleusModel      *soleus_cli_start_output_model (const SoleusCliArgs  *args,
                                                 SoleusCliOutput     **output,
                                                 GError              **error);

/* ---------------------------------------------------------------------- */
/* Benchmarks (soleus-cli-bench.c). Each section of `soleus-cli bench` is a
 * SoleusCliBenchFunc in the table bench_sections[] of soleus-cli-bench.c; it
 * appends its figures, which are printed as text or as JSON keys. A render
 * section (paint_ms_1080p, ...) goes there beside the model's. */

typedef struct
{
  const char *key;      /* JSON key, untranslated: "paint_ms_1080p" */
  const char *label;    /* English, marked with N_() */
  const char *unit;     /* English unit for the text output: "ms" */
  const char *format;   /* printf format for the text output: "%.1f" */
  double      value;    /* NaN when it could not be measured: null */
} SoleusCliFigure;

typedef gboolean (*SoleusCliBenchFunc) (double    cpu_seconds,
                                        GArray   *figures,
                                        GError  **error);

/* CPU time of this process, in seconds (CLOCK_PROCESS_CPUTIME_ID). */
double   soleus_cli_cpu_time_s    (void);

/* ---------------------------------------------------------------------- */
/* Allocation counting (soleus-cli-alloc.c): TRUE and the number of malloc,
 * calloc and realloc calls so far in this process, or FALSE where the C
 * library offers no way to count them. */
gboolean soleus_cli_alloc_count   (guint64           *n_allocs);

G_END_DECLS
