/* test-cli.c: soleus-cli, run as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test spawns the real soleus-cli binary (its path is the first
 * argument, or $SOLEUS_CLI) in an empty temporary directory and checks what
 * it prints, what it exits with and which files it leaves. The option list
 * and the error cases are generated from the core's parameter table and
 * scenario list, so a new control or scenario is tested without editing this
 * file.
 */

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#include "soleus-model.h"
#include "soleus-scenario.h"

static char *cli_path;

typedef struct
{
  char *dir;       /* an empty working directory, removed afterwards */
  int   status;    /* exit status, or -1 when killed */
  char *out;
  char *err;
  char **env;      /* the environment of the runs; NULL: this one's */
} Cli;

static void
cli_init (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  memset (cli, 0, sizeof *cli);
  cli->dir = g_dir_make_tmp ("soleus-cli-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
cli_clear (Cli *cli)
{
  if (cli->dir != NULL)
    remove_tree (cli->dir);
  g_clear_pointer (&cli->dir, g_free);
  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);
  g_clear_pointer (&cli->env, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

/* Runs soleus-cli with argv (NULL-terminated, without the program) in
 * cli->dir. */
/* Starts soleus-cli with argv (NULL-terminated, without the program) in
 * cli->dir, with the output and error of the last run forgotten; stdout
 * goes to stdout_path when it is not NULL. */
static GSubprocess *
cli_spawn (Cli               *cli,
           const char *const *args,
           GSubprocessFlags   flags,
           const char        *stdout_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&cli->out, g_free);
  g_clear_pointer (&cli->err, g_free);

  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  if (cli->env != NULL)
    g_subprocess_launcher_set_environ (launcher, cli->env);
  g_subprocess_launcher_set_cwd (launcher, cli->dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

/* The exit status of a finished run, -1 for a signal. */
static int
exit_status (GSubprocess *process)
{
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* Runs soleus-cli with argv (NULL-terminated, without the program) in
 * cli->dir. */
static void
cli_runv (Cli               *cli,
          const char *const *args)
{
  g_autoptr(GSubprocess) process = cli_spawn (cli, args, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL);
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &cli->out, &cli->err, &error);
  g_assert_no_error (error);

  cli->status = exit_status (process);
  if (cli->out == NULL)
    cli->out = g_strdup ("");
  if (cli->err == NULL)
    cli->err = g_strdup ("");
}

#define cli_run(cli, ...) \
  cli_runv ((cli), (const char *const[]) { __VA_ARGS__, NULL })

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communication;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err,
                                        &c->error);
  c->done = TRUE;
}

/* As cli_runv (), for input that once made soleus-cli hang: the process is
 * polled until it ends or the deadline passes, when it is killed and the
 * test fails, rather than hanging the test suite. */
static void
cli_runv_with_deadline (Cli               *cli,
                        guint              deadline_s,
                        const char *const *args)
{
  g_autoptr(GSubprocess) process = cli_spawn (cli, args, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL);
  Communication c = { 0 };
  gint64 deadline = g_get_monotonic_time () + (gint64) deadline_s * G_USEC_PER_SEC;

  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &c);
  while (!c.done && g_get_monotonic_time () < deadline)
    {
      /* Wakes at least every 100 ms to look at the clock. */
      g_autoptr(GSource) tick = g_timeout_source_new (100);

      g_source_set_dummy_callback (tick);
      g_source_attach (tick, NULL);
      g_main_context_iteration (NULL, TRUE);
      g_source_destroy (tick);
    }

  if (!c.done)
    {
      g_subprocess_force_exit (process);
      while (!c.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_error (&c.error);
      g_free (c.out);
      g_free (c.err);
      g_error ("soleus-cli did not end within %u s", deadline_s);
    }

  g_assert_no_error (c.error);
  cli->status = exit_status (process);
  cli->out = c.out != NULL ? c.out : g_strdup ("");
  cli->err = c.err != NULL ? c.err : g_strdup ("");
}

#define cli_run_with_deadline(cli, deadline_s, ...) \
  cli_runv_with_deadline ((cli), (deadline_s), (const char *const[]) { __VA_ARGS__, NULL })

/* As cli_runv, with stdout on a full device: every write to it fails with
 * ENOSPC. */
static void
cli_run_stdout_fullv (Cli               *cli,
                      const char *const *args)
{
  g_autoptr(GSubprocess) process = cli_spawn (cli, args, G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                              "/dev/full");
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &cli->err, &error);
  g_assert_no_error (error);

  cli->status = exit_status (process);
  cli->out = g_strdup ("");
  if (cli->err == NULL)
    cli->err = g_strdup ("");
}

#define cli_run_stdout_full(cli, ...) \
  cli_run_stdout_fullv ((cli), (const char *const[]) { __VA_ARGS__, NULL })

static gboolean
have_full_device (void)
{
  GStatBuf st;

  return g_stat ("/dev/full", &st) == 0 && S_ISCHR (st.st_mode);
}

/* One line on stderr naming the cause: the full device's own reason. */
static void
assert_disk_full (Cli *cli)
{
  g_assert_cmpint (cli->status, ==, 2);
  g_assert_nonnull (strstr (cli->err, g_strerror (ENOSPC)));
  g_assert_null (strstr (cli->err, g_strerror (EIO)));
  g_assert_cmpstr (strchr (cli->err, '\n'), ==, "\n");
}

static void
assert_success (Cli *cli)
{
  if (cli->status != 0)
    g_test_message ("stderr: %s", cli->err);
  g_assert_cmpint (cli->status, ==, 0);
  g_assert_cmpstr (cli->err, ==, "");
}

static char **
dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char *
build_path (Cli        *cli,
            const char *name)
{
  return g_build_filename (cli->dir, name, NULL);
}

/* The directory holds exactly these names: no temporary file is left. */
static void
assert_dir_holds (Cli               *cli,
                  const char *const *names)
{
  g_auto(GStrv) entries = dir_entries (cli->dir);

  for (guint i = 0; entries[i] != NULL; i++)
    if (!g_strv_contains (names, entries[i]))
      g_error ("unexpected file %s in %s", entries[i], cli->dir);

  g_assert_cmpuint (g_strv_length (entries), ==, g_strv_length ((char **) names));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* A member that must be a finite number (JSON has no NaN). */
static double
get_number (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("missing key %s", key);
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    g_error ("key %s is not a number", key);

  return json_node_get_double (node);
}

static void
assert_number_keys (JsonObject        *object,
                    const char *const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      double v = get_number (object, keys[i]);

      g_assert_true (isfinite (v));
    }
}

/* ---------------------------------------------------------------------- */
/* Help, version, scenarios. */

static void
test_help (void)
{
  g_auto(Cli) cli;
  static const char *const commands[] = {
    "run", "protocol", "scenarios", "bench", "render", "record", "handout", "help"
  };

  cli_init (&cli);
  cli_run (&cli, "--help");
  assert_success (&cli);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (cli.out, commands[i]));
  g_assert_nonnull (strstr (cli.out, "not a diagnostic tool"));
}

/* Help and version fail, as any output does, when stdout is full. */
static void
test_help_stdout_full (void)
{
  static const char *const cases[][3] = {
    { "--help", NULL }, { "help", NULL }, { "--version", NULL }, { "help", "run" },
    { "run", "--help" }, { "render", "--help" }, { "scenarios", NULL },
  };

  if (!have_full_device ())
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Cli) cli;

      cli_init (&cli);
      if (cases[i][1] != NULL)
        cli_run_stdout_full (&cli, cases[i][0], cases[i][1]);
      else
        cli_run_stdout_full (&cli, cases[i][0]);
      g_test_message ("%s %s: %s", cases[i][0], cases[i][1] ? cases[i][1] : "", cli.err);
      assert_disk_full (&cli);
      g_assert_nonnull (strstr (cli.err, "standard output"));
    }
}

/* Every control of the core's table is an option of run and render and (but
 * the posture) of protocol, with its choices. */
static void
test_help_options (void)
{
  static const char *const commands[] = { "run", "protocol", "render", "record", "handout" };

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(Cli) cli;
      g_autofree char *help = NULL;

      cli_init (&cli);
      cli_run (&cli, commands[c], "--help");
      assert_success (&cli);
      help = g_strdup (cli.out);

      for (int id = 0; id < SOLEUS_N_PARAMS; id++)
        {
          const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
          g_autofree char *option = g_strdup_printf ("--%s ", info->name);

          /* The protocols set the posture themselves. */
          if (id == SOLEUS_PARAM_POSTURE && g_str_equal (commands[c], "protocol"))
            {
              g_assert_null (strstr (help, option));
              continue;
            }

          g_assert_nonnull (strstr (help, option));
          if (info->choices != NULL)
            for (guint k = 0; info->choices[k] != NULL; k++)
              g_assert_nonnull (strstr (help, info->choices[k]));
        }

      /* `help CMD` is `CMD --help`. */
      cli_run (&cli, "help", commands[c]);
      assert_success (&cli);
      g_assert_cmpstr (cli.out, ==, help);
    }
}

static void
test_version (void)
{
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "--version");
  assert_success (&cli);
  g_assert_true (g_str_has_prefix (cli.out, "soleus-cli "));
}

static void
test_scenarios (void)
{
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *array;

  g_assert_cmpuint (soleus_scenario_count (), >, 0);

  cli_init (&cli);
  cli_run (&cli, "scenarios");
  assert_success (&cli);
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);

      g_assert_nonnull (strstr (cli.out, scenario->name));
      g_assert_nonnull (strstr (cli.out, scenario->title));
      g_assert_nonnull (strstr (cli.out, scenario->description));
    }

  cli_run (&cli, "scenarios", "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  array = json_object_get_array_member (object, "scenarios");
  g_assert_cmpuint (json_array_get_length (array), ==, soleus_scenario_count ());
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const SoleusScenario *scenario = soleus_scenario_get (i);

      g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, scenario->name);
      g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, scenario->title);
      g_assert_cmpstr (json_object_get_string_member (item, "description"), ==,
                       scenario->description);
      g_assert_cmpfloat (get_number (item, "duration_s"), >, 0);
    }
}

/* ---------------------------------------------------------------------- */
/* run */

static const char *const run_keys[] = {
  "ankle_pressure_mmHg",
  "ankle_pressure_min_mmHg",
  "ankle_pressure_max_mmHg",
  "femoral_pressure_mmHg",
  "iap_mmHg",
  "calf_volume_change_mL",
  "lower_leg_volume_change_mL",
  "tissue_fluid_change_mL",
  "popliteal_velocity_cm_s",
  "femoral_velocity_cm_s",
  "femoral_velocity_peak_cm_s",
  "stasis_index",
  "effort",
  "venous_return_mL_min",
  "blood_volume_error",
  "duration_s",
  NULL
};

static void
test_run_json (void)
{
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *controls;

  cli_init (&cli);
  cli_run (&cli, "run", "--posture", "standing", "--speed", "3",
           "--duration", "30", "--json");
  assert_success (&cli);

  object = parse_object (cli.out);
  assert_number_keys (object, run_keys);
  g_assert_cmpfloat_with_epsilon (get_number (object, "duration_s"), 30.0, 1e-9);
  g_assert_nonnull (json_object_get_string_member (object, "model_version"));
  g_assert_true (json_object_get_null_member (object, "scenario"));

  /* The readouts hang together. */
  g_assert_cmpfloat (get_number (object, "ankle_pressure_min_mmHg"), <=,
                     get_number (object, "ankle_pressure_mmHg"));
  g_assert_cmpfloat (get_number (object, "ankle_pressure_mmHg"), <=,
                     get_number (object, "ankle_pressure_max_mmHg"));
  g_assert_cmpfloat (fabs (get_number (object, "blood_volume_error")), <, 1e-6);

  /* The controls used, every one of the table. */
  controls = json_object_get_object_member (object, "controls");
  g_assert_nonnull (controls);
  g_assert_cmpuint (json_object_get_size (controls), ==, SOLEUS_N_PARAMS);
  g_assert_cmpstr (json_object_get_string_member (controls, "posture"), ==, "standing");
  g_assert_cmpfloat_with_epsilon (get_number (controls, "speed"), 3.0, 1e-12);
}

/* "-0" is 0: the JSON and the text say 0, never -0. */
static void
test_run_negative_zero (void)
{
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *controls;

  cli_init (&cli);
  cli_run (&cli, "run", "--speed", "-0", "--atrophy=-0.0", "--duration", "1", "--json");
  assert_success (&cli);
  g_assert_false (g_regex_match_simple (": -0[,\n]", cli.out, 0, 0));
  g_assert_nonnull (strstr (cli.out, "\"speed\": 0,"));
  object = parse_object (cli.out);
  controls = json_object_get_object_member (object, "controls");
  g_assert_false (signbit (json_object_get_double_member (controls, "speed")));
  g_assert_false (signbit (json_object_get_double_member (controls, "atrophy")));

  cli_run (&cli, "run", "--speed", "-0", "--duration", "1");
  assert_success (&cli);
  g_assert_null (strstr (cli.out, "-0 km/h"));
  g_assert_nonnull (strstr (cli.out, " 0 km/h"));
}

static void
test_run_text (void)
{
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "run", "--duration", "5");
  assert_success (&cli);
  g_assert_nonnull (strstr (cli.out, "mmHg"));
  g_assert_nonnull (strstr (cli.out, "mL"));
  g_assert_nonnull (strstr (cli.out, "cm/s"));
  g_assert_nonnull (strstr (cli.out, "not a diagnostic tool"));
  /* Blood flow in words, as in the window, the handout and blood_flow in
   * --json; no number that reads as a clot risk. A healthy leg lying
   * still is brisk. */
  g_assert_nonnull (strstr (cli.out, "Blood flow in the calf: Brisk\n"));
  g_assert_null (strstr (cli.out, "Stasis"));
  g_assert_null (strstr (cli.out, "stasis"));
}

/* --name=value and --name value are the same; negative numbers are values. */
static void
test_run_option_forms (void)
{
  g_auto(Cli) cli;
  g_autofree char *spaced = NULL;

  cli_init (&cli);
  cli_run (&cli, "run", "--posture=standing", "--speed=3", "--duration=5",
           "--valve-weakness=0.25", "--json");
  assert_success (&cli);
  spaced = g_steal_pointer (&cli.out);

  cli_run (&cli, "run", "--posture", "standing", "--speed", "3", "--duration", "5",
           "--valve-weakness", "0.25", "--json");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, spaced);

  /* The last of a repeated option wins. */
  cli_run (&cli, "run", "--posture", "sitting", "--posture", "standing", "--speed", "3",
           "--duration", "5", "--valve-weakness", "0.25", "--json");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, spaced);

  /* In any order and forms mixed; "--" ends the options. */
  cli_run (&cli, "run", "--json", "--valve-weakness", "0.25", "--duration=5", "--speed", "3",
           "--posture=standing", "--");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, spaced);
}

/* --help (or -h) wherever it stands shows the help and reads nothing after
 * it; what stands before it is read first. */
static void
test_help_anywhere (void)
{
  g_auto(Cli) cli;
  g_autofree char *help = NULL;

  cli_init (&cli);
  cli_run (&cli, "run", "--help");
  assert_success (&cli);
  help = g_steal_pointer (&cli.out);

  cli_run (&cli, "run", "--json", "--speed", "3", "-h");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, help);

  cli_run (&cli, "run", "--help", "--speed", "99", "--frobnicate");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, help);

  cli_run (&cli, "run", "--speed", "99", "--help");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_cmpstr (cli.err, ==, "soleus-cli: --speed: 99 is out of range (0 to 6 km/h)\n");
}

/* Each scenario runs; options given replace its starting controls. */
static void
test_run_scenarios (void)
{
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      const SoleusParamInfo *info = soleus_param_info (SOLEUS_PARAM_VALVE_WEAKNESS);
      double controls[SOLEUS_N_PARAMS];
      g_auto(Cli) cli;
      g_autoptr(JsonObject) object = NULL;
      JsonObject *used;
      char weakness[G_ASCII_DTOSTR_BUF_SIZE];
      double override = 0.5 * (info->min + info->max);
      int posture;

      g_ascii_dtostr (weakness, sizeof weakness, override);
      soleus_scenario_controls_at (scenario, 0.0, controls);

      cli_init (&cli);
      cli_run (&cli, "run", "--scenario", scenario->name, "--duration", "20",
               "--valve-weakness", weakness, "--json");
      assert_success (&cli);

      object = parse_object (cli.out);
      assert_number_keys (object, run_keys);
      g_assert_cmpstr (json_object_get_string_member (object, "scenario"), ==,
                       scenario->name);

      used = json_object_get_object_member (object, "controls");
      g_assert_cmpfloat_with_epsilon (get_number (used, "valve_weakness"), override, 1e-12);
      g_assert_cmpfloat_with_epsilon (get_number (used, "atrophy"),
                                      controls[SOLEUS_PARAM_ATROPHY], 1e-12);
      g_assert_cmpfloat_with_epsilon (get_number (used, "weight"),
                                      controls[SOLEUS_PARAM_WEIGHT_KG], 1e-12);
      posture = (int) controls[SOLEUS_PARAM_POSTURE];
      g_assert_cmpstr (json_object_get_string_member (used, "posture"), ==,
                       soleus_param_info (SOLEUS_PARAM_POSTURE)->choices[posture]);
    }
}

/* Without --duration a scenario runs its own length. */
static void
test_run_scenario_duration (void)
{
  const SoleusScenario *shortest = NULL;
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;

  for (size_t i = 0; i < soleus_scenario_count (); i++)
    if (shortest == NULL || soleus_scenario_get (i)->duration_s < shortest->duration_s)
      shortest = soleus_scenario_get (i);

  cli_init (&cli);
  cli_run (&cli, "run", "--scenario", shortest->name, "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  g_assert_cmpfloat_with_epsilon (get_number (object, "duration_s"),
                                  shortest->duration_s, 1e-9);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Same inputs, bit-identical outputs: JSON and CSV. */
static void
test_run_deterministic (void)
{
  g_auto(Cli) cli;
  g_autofree char *first_json = NULL;
  g_autofree char *first_csv = NULL;
  g_autofree char *second_csv = NULL;

  cli_init (&cli);
  cli_run (&cli, "run", "--posture", "standing", "--speed", "3", "--valve-weakness", "0.3",
           "--duration", "20", "--csv", "a.csv", "--json");
  assert_success (&cli);
  first_json = g_steal_pointer (&cli.out);
  first_csv = read_file (cli.dir, "a.csv");

  cli_run (&cli, "run", "--posture", "standing", "--speed", "3", "--valve-weakness", "0.3",
           "--duration", "20", "--csv", "b.csv", "--json");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, first_json);
  second_csv = read_file (cli.dir, "b.csv");
  g_assert_cmpstr (second_csv, ==, first_csv);
}

/* The model promises the same state however time is sliced: sampling a CSV
 * at another rate must not change the final readouts. */
static void
test_run_sampling_independent (void)
{
  g_auto(Cli) cli;
  g_autofree char *plain = NULL;

  cli_init (&cli);
  cli_run (&cli, "run", "--posture", "standing", "--speed", "3", "--duration", "12",
           "--json");
  assert_success (&cli);
  plain = g_steal_pointer (&cli.out);

  cli_run (&cli, "run", "--posture", "standing", "--speed", "3", "--duration", "12",
           "--csv", "a.csv", "--sample-hz", "7", "--json");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, plain);
}

static void
check_csv (const char *csv,
           double      duration_s,
           double      sample_hz)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) columns = NULL;
  guint n_lines = g_strv_length (lines);
  guint i = 0;
  guint n_rows = 0;
  double last_time = -1;
  static const char *const required[] = {
    "time_s", "posture", "speed_kmh", "ankle_pressure_mmHg", "calf_volume_change_mL",
    "femoral_velocity_cm_s", "popliteal_velocity_cm_s", "iap_mmHg",
    "valve_popliteal_open", "valve_femoral_open", "valve_perforator_open",
  };
  gboolean has_version = FALSE;

  /* A final newline: the last piece is empty. */
  g_assert_cmpuint (n_lines, >, 1);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (; i < n_lines && lines[i][0] == '#'; i++)
    if (g_str_has_prefix (lines[i], "# model_version: "))
      has_version = TRUE;
  g_assert_true (has_version);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      g_autofree char *needle = g_strdup_printf ("# control %s: ",
                                                 soleus_param_info ((SoleusParamId) id)->name);
      g_assert_nonnull (strstr (csv, needle));
    }

  g_assert_cmpuint (i, <, n_lines - 1);
  columns = g_strsplit (lines[i], ",", -1);
  g_assert_cmpstr (columns[0], ==, "time_s");
  for (guint k = 0; k < G_N_ELEMENTS (required); k++)
    g_assert_true (g_strv_contains ((const char * const *) columns, required[k]));

  for (i++; i < n_lines - 1; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      double t = g_ascii_strtod (fields[0], NULL);

      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (columns));
      for (guint k = 0; fields[k] != NULL; k++)
        {
          g_assert_cmpstr (fields[k], !=, "");
          g_assert_null (strstr (fields[k], "nan"));
        }
      g_assert_cmpfloat (t, >, last_time);
      last_time = t;
      n_rows++;
    }

  g_assert_cmpuint (n_rows, ==, (guint) floor (duration_s * sample_hz + 1e-9) + 1);
  g_assert_cmpfloat_with_epsilon (last_time, duration_s, 1e-9);
}

static void
test_run_csv (void)
{
  g_auto(Cli) cli;
  g_auto(GStrv) entries = NULL;
  g_autofree char *csv = NULL;

  cli_init (&cli);
  cli_run (&cli, "run", "--posture", "standing", "--speed", "3", "--duration", "4",
           "--sample-hz", "5", "--csv", "out.csv");
  assert_success (&cli);
  g_assert_nonnull (strstr (cli.out, "mmHg"));

  /* The file, and no temporary left beside it. */
  entries = dir_entries (cli.dir);
  g_assert_cmpuint (g_strv_length (entries), ==, 1);
  g_assert_cmpstr (entries[0], ==, "out.csv");

  csv = read_file (cli.dir, "out.csv");
  check_csv (csv, 4, 5);
}

static void
test_run_csv_stdout (void)
{
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "run", "--duration", "3", "--csv", "-");
  assert_success (&cli);
  check_csv (cli.out, 3, 10);
}

/* --csv naming stdout by a path (/dev/fd/1, as /dev/stdout is): the CSV
 * goes where stdout stands, the summary after it, into a pipe or a file.
 * /dev/fd/1 rather than /dev/stdout: a writer that replaced the path
 * would fail there instead of replacing /dev/stdout (as root it could). */
static void
test_run_csv_stdout_path (void)
{
  g_auto(Cli) cli;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *out = NULL;
  const char *summary;

  if (!g_file_test ("/dev/fd/1", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/fd here");
      return;
    }

  cli_init (&cli);
  cli_run (&cli, "run", "--duration", "1", "--csv", "/dev/fd/1");
  assert_success (&cli);
  g_assert_true (g_str_has_prefix (cli.out, "# soleus-cli"));
  summary = strstr (cli.out, "Ankle venous pressure");
  g_assert_nonnull (summary);
  g_assert_null (strstr (summary, "time_s,"));

  /* stdout on a file: the same, none of it overwritten. */
  out_path = build_path (&cli, "out.txt");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_cwd (launcher, cli.dir);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "run", "--duration", "1",
                                         "--csv", "/dev/fd/1", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  out = read_file (cli.dir, "out.txt");
  g_assert_cmpstr (out, ==, cli.out);
}

/* Where --csv names what is not a plain file of its own, that thing is
 * written as it is: a link's target (the link stays), a hard-linked file
 * (both names see the new data), a FIFO, the null device; a private file
 * stays private. */
static void
test_run_csv_special (void)
{
  g_auto(Cli) cli;
  g_autofree char *target = NULL;
  g_autofree char *link_path = NULL;
  g_autofree char *hard = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *null_path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int reader;

  cli_init (&cli);
  target = g_build_filename (cli.dir, "real.csv", NULL);
  link_path = g_build_filename (cli.dir, "link.csv", NULL);
  hard = g_build_filename (cli.dir, "hard.csv", NULL);
  fifo = g_build_filename (cli.dir, "pipe.csv", NULL);

  g_file_set_contents (target, "old contents\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (target, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.csv", link_path), ==, 0);

  cli_run (&cli, "run", "--duration", "1", "--csv", "link.csv");
  assert_success (&cli);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  csv = read_file (cli.dir, "real.csv");
  check_csv (csv, 1, 10);
  g_clear_pointer (&csv, g_free);
  g_assert_cmpint (g_lstat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (link (target, hard) == 0 ? 0 : errno, ==, 0);
  cli_run (&cli, "run", "--duration", "2", "--csv", "hard.csv");
  assert_success (&cli);
  csv = read_file (cli.dir, "real.csv");
  check_csv (csv, 2, 10);
  g_clear_pointer (&csv, g_free);
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpuint (st.st_nlink, ==, 2);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Through a link, so that a writer replacing it would replace the
   * link: run as root, the device itself would go. */
  null_path = build_path (&cli, "null.csv");
  g_assert_cmpint (symlink ("/dev/null", null_path), ==, 0);
  cli_run (&cli, "run", "--duration", "1", "--csv", "null.csv");
  assert_success (&cli);
  g_assert_true (g_file_test (null_path, G_FILE_TEST_IS_SYMLINK));
  if (geteuid () != 0)
    {
      cli_run (&cli, "run", "--duration", "1", "--csv", "/dev/null");
      assert_success (&cli);
    }
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  /* A short run, so that the CSV fits in the pipe. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (reader, >=, 0);
  cli_run (&cli, "run", "--duration", "1", "--sample-hz", "1", "--csv", "pipe.csv");
  assert_success (&cli);
  {
    char buf[8192];
    ssize_t n = read (reader, buf, sizeof buf - 1);

    g_assert_cmpint (n, >, 0);
    buf[n] = '\0';
    g_assert_nonnull (strstr (buf, "time_s,"));
  }
  close (reader);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  {
    static const char *const names[] = { "hard.csv", "link.csv", "null.csv", "pipe.csv",
                                         "real.csv", NULL };

    assert_dir_holds (&cli, names);
  }
}

/* A full disk names its cause and the file asked for. */
static void
test_run_csv_full (void)
{
  g_auto(Cli) cli;
  g_autofree char *full = NULL;

  if (!have_full_device ())
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  /* Through a link first: a writer replacing the device would replace the
   * link, not the device (as root it could). */
  cli_init (&cli);
  full = build_path (&cli, "full.csv");
  g_assert_cmpint (symlink ("/dev/full", full), ==, 0);
  cli_run (&cli, "run", "--duration", "1", "--csv", "full.csv");
  assert_disk_full (&cli);
  g_assert_nonnull (strstr (cli.err, "--csv"));
  g_assert_nonnull (strstr (cli.err, "'full.csv'"));
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_true (g_file_test (full, G_FILE_TEST_IS_SYMLINK));

  if (geteuid () != 0)
    {
      cli_run (&cli, "run", "--duration", "1", "--csv", "/dev/full");
      assert_disk_full (&cli);
      g_assert_nonnull (strstr (cli.err, "/dev/full"));
    }
}

/* With stdout full, the CSV file is not committed: the old one stays and
 * no temporary file is left. */
static void
test_run_csv_stdout_full (void)
{
  static const char *const names[] = { "out.csv", NULL };
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_full_device ())
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  cli_init (&cli);
  path = g_build_filename (cli.dir, "out.csv", NULL);
  g_file_set_contents (path, "old contents\n", -1, &error);
  g_assert_no_error (error);

  cli_run_stdout_full (&cli, "run", "--duration", "2", "--csv", "out.csv");
  assert_disk_full (&cli);
  g_assert_nonnull (strstr (cli.err, "standard output"));
  csv = read_file (cli.dir, "out.csv");
  g_assert_cmpstr (csv, ==, "old contents\n");
  assert_dir_holds (&cli, names);

  g_clear_pointer (&csv, g_free);
  cli_run_stdout_full (&cli, "run", "--duration", "2", "--json", "--csv", "out.csv");
  assert_disk_full (&cli);
  csv = read_file (cli.dir, "out.csv");
  g_assert_cmpstr (csv, ==, "old contents\n");
  assert_dir_holds (&cli, names);
}

/* An existing file is replaced whole. */
static void
test_run_csv_replace (void)
{
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  cli_init (&cli);
  path = g_build_filename (cli.dir, "out.csv", NULL);
  g_file_set_contents (path, "old contents\n", -1, &error);
  g_assert_no_error (error);

  cli_run (&cli, "run", "--duration", "2", "--csv", "out.csv");
  assert_success (&cli);
  csv = read_file (cli.dir, "out.csv");
  check_csv (csv, 2, 10);
}

/* The CSV shows each scenario's timeline: in every row the controls are
 * those the scenario sets by that time (events at or before it), through
 * its first event after t = 0. */
static void
test_run_scenario_timeline (void)
{
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      double duration_s = 5.0;
      char duration[G_ASCII_DTOSTR_BUF_SIZE];
      g_auto(Cli) cli;
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) header = NULL;
      int column[SOLEUS_N_PARAMS];
      guint k = 0;
      guint n_rows = 0;

      /* Past the first event, if it comes within a few minutes (the model
       * runs slowly under the sanitizers). */
      for (size_t e = 0; e < scenario->n_events; e++)
        if (scenario->events[e].time_s > 0 && scenario->events[e].time_s <= 180.0)
          {
            duration_s = floor (scenario->events[e].time_s) + 5.0;
            break;
          }
      duration_s = MIN (duration_s, scenario->duration_s);

      g_ascii_dtostr (duration, sizeof duration, duration_s);
      cli_init (&cli);
      cli_run (&cli, "run", "--scenario", scenario->name, "--duration", duration,
               "--sample-hz", "1", "--csv", "-");
      assert_success (&cli);

      lines = g_strsplit (cli.out, "\n", -1);
      while (lines[k] != NULL && lines[k][0] == '#')
        k++;
      g_assert_nonnull (lines[k]);
      header = g_strsplit (lines[k], ",", -1);

      /* The control columns, found by their names. */
      for (int id = 0; id < SOLEUS_N_PARAMS; id++)
        {
          const char *name = soleus_param_info ((SoleusParamId) id)->name;
          g_autofree char *prefix = g_strdelimit (g_strdup (name), "-", '_');

          column[id] = -1;
          for (int c = 0; header[c] != NULL; c++)
            if (g_str_has_prefix (header[c], prefix) && column[id] < 0)
              column[id] = c;
          g_assert_cmpint (column[id], >=, 0);
        }

      for (k++; lines[k] != NULL && lines[k][0] != '\0'; k++)
        {
          g_auto(GStrv) fields = g_strsplit (lines[k], ",", -1);
          double t = g_ascii_strtod (fields[0], NULL);
          double expected[SOLEUS_N_PARAMS];

          soleus_scenario_controls_at (scenario, t, expected);
          for (int id = 0; id < SOLEUS_N_PARAMS; id++)
            {
              const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
              const char *field = fields[column[id]];

              if (info->choices != NULL)
                g_assert_cmpstr (field, ==, info->choices[(int) expected[id]]);
              else
                g_assert_cmpfloat_with_epsilon (g_ascii_strtod (field, NULL),
                                                expected[id], 1e-6);
            }
          n_rows++;
        }

      g_assert_cmpuint (n_rows, ==, (guint) floor (duration_s) + 1);
    }
}

/* A run stopped while writing (Ctrl+C, kill) leaves no partial file. */
static void
test_run_csv_interrupted (void)
{
  g_auto(Cli) cli;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean writing = FALSE;

  cli_init (&cli);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, cli.dir);
  /* A week of simulated time: it is still running when stopped. */
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "run",
                                         "--duration", "604800", "--csv", "out.csv",
                                         NULL);
  g_assert_no_error (error);

  /* Wait for the temporary file, for at least 60 s: each look sleeps 10 ms. */
  for (guint i = 0; i < 6000 && !writing; i++)
    {
      g_auto(GStrv) entries = dir_entries (cli.dir);

      writing = g_strv_length (entries) > 0;
      if (!writing)
        g_usleep (10000);
    }
  g_assert_true (writing);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (process) &&
                  g_subprocess_get_exit_status (process) == 0);

  {
    g_auto(GStrv) entries = dir_entries (cli.dir);

    g_assert_cmpuint (g_strv_length (entries), ==, 0);
  }
}

/* ---------------------------------------------------------------------- */
/* protocol */

static JsonObject *
run_protocol (const char *name)
{
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "protocol", name, "--json");
  assert_success (&cli);
  return parse_object (cli.out);
}

/* Healthy leg: walking lowers the ankle pressure, which refills on
 * stopping (Pollack & Wood 1949). The tight ranges are the core's tests (P2,
 * P3); here the output must make physical sense. */
static void
test_protocol_avp (void)
{
  static const char *const keys[] = {
    "standing_mmHg", "walking_mmHg", "drop_mmHg", "drop_percent",
    "strides_to_plateau", "seconds_to_plateau", "rt90_s", NULL
  };
  g_autoptr(JsonObject) object = run_protocol ("avp");

  assert_number_keys (object, keys);
  g_assert_cmpstr (json_object_get_string_member (object, "protocol"), ==, "avp");
  g_assert_cmpfloat (get_number (object, "standing_mmHg"), >, 0);
  g_assert_cmpfloat (get_number (object, "walking_mmHg"), <,
                     get_number (object, "standing_mmHg"));
  g_assert_cmpfloat (get_number (object, "drop_mmHg"), >, 0);
  g_assert_cmpfloat_with_epsilon (get_number (object, "drop_mmHg"),
                                  get_number (object, "standing_mmHg") -
                                  get_number (object, "walking_mmHg"), 1e-6);
  g_assert_cmpfloat (get_number (object, "drop_percent"), >, 0);
  g_assert_cmpfloat (get_number (object, "drop_percent"), <=, 100);
  g_assert_cmpfloat (get_number (object, "strides_to_plateau"), >=, 0);
  g_assert_cmpfloat (get_number (object, "seconds_to_plateau"), >=, 0);
  g_assert_cmpfloat (get_number (object, "rt90_s"), >, 0);
}

/* Christopoulos 1987: volumes positive, fractions within 0-100 %. */
static void
test_protocol_apg (void)
{
  static const char *const keys[] = {
    "vv_mL", "vfi_mL_s", "ev_mL", "ef_percent", "rv_mL", "rvf_percent", NULL
  };
  g_autoptr(JsonObject) object = run_protocol ("apg");

  assert_number_keys (object, keys);
  g_assert_cmpfloat (get_number (object, "vv_mL"), >, 0);
  g_assert_cmpfloat (get_number (object, "vfi_mL_s"), >, 0);
  g_assert_cmpfloat (get_number (object, "ev_mL"), >, 0);
  g_assert_cmpfloat (get_number (object, "ev_mL"), <=, get_number (object, "vv_mL"));
  g_assert_cmpfloat (get_number (object, "ef_percent"), >, 0);
  g_assert_cmpfloat (get_number (object, "ef_percent"), <=, 100);
  g_assert_cmpfloat (get_number (object, "rv_mL"), >=, 0);
  g_assert_cmpfloat (get_number (object, "rvf_percent"), >=, 0);
  g_assert_cmpfloat (get_number (object, "rvf_percent"), <=, 100);
}

/* Hydrostatics: the lower the heart sits above the ankle, the lower the
 * ankle pressure (physiology.md P1). */
static void
test_protocol_posture (void)
{
  static const char *const keys[] = {
    "supine_mmHg", "sitting_mmHg", "standing_mmHg", "legs_up_mmHg",
    "right_atrial_mmHg", NULL
  };
  g_autoptr(JsonObject) object = run_protocol ("posture");

  assert_number_keys (object, keys);
  g_assert_cmpfloat (get_number (object, "standing_mmHg"), >, get_number (object, "sitting_mmHg"));
  g_assert_cmpfloat (get_number (object, "sitting_mmHg"), >, get_number (object, "supine_mmHg"));
  g_assert_cmpfloat (get_number (object, "supine_mmHg"), >, get_number (object, "legs_up_mmHg"));
}

/* The protocols accept the controls and report them. */
static void
test_protocol_controls (void)
{
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *controls;

  cli_init (&cli);
  cli_run (&cli, "protocol", "avp", "--valve-weakness", "0.8", "--reflux-site",
           "superficial", "--weight", "90", "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  controls = json_object_get_object_member (object, "controls");
  g_assert_cmpfloat_with_epsilon (get_number (controls, "valve_weakness"), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (get_number (controls, "weight"), 90, 1e-12);
  g_assert_cmpstr (json_object_get_string_member (controls, "reflux_site"), ==, "superficial");

  cli_run (&cli, "protocol", "posture");
  assert_success (&cli);
  g_assert_nonnull (strstr (cli.out, "mmHg"));
}

/* A scenario gives a protocol its starting controls (not its posture, which
 * the protocol sets); options given replace them. */
static void
test_protocol_scenario (void)
{
  const SoleusScenario *scenario = soleus_scenario_get (soleus_scenario_count () - 1);
  double controls[SOLEUS_N_PARAMS];
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *used;

  soleus_scenario_controls_at (scenario, 0.0, controls);

  cli_init (&cli);
  cli_run (&cli, "protocol", "posture", "--scenario", scenario->name,
           "--compression", "20", "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  g_assert_cmpstr (json_object_get_string_member (object, "scenario"), ==, scenario->name);
  used = json_object_get_object_member (object, "controls");
  g_assert_cmpfloat_with_epsilon (get_number (used, "compression"), 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (get_number (used, "weight"),
                                  controls[SOLEUS_PARAM_WEIGHT_KG], 1e-12);
  g_assert_cmpfloat_with_epsilon (get_number (used, "valve_weakness"),
                                  controls[SOLEUS_PARAM_VALVE_WEAKNESS], 1e-12);
}

/* ---------------------------------------------------------------------- */
/* render: one frame to PNG, SVG or PDF. Small images to keep the tests
 * quick; the painter's own tests look at the pictures themselves. */

#define SMALL "480x270"

/* How many different colours an image surface holds (at most limit). */
static guint
count_colours (cairo_surface_t *surface,
               guint            limit)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  const unsigned char *data;
  int width, height, stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          /* Colour only: RGB24 leaves the top byte undefined. */
          g_hash_table_add (seen, GUINT_TO_POINTER ((row[x] & 0xffffff) + 1));
          if (g_hash_table_size (seen) >= limit)
            return limit;
        }
    }

  return g_hash_table_size (seen);
}

static cairo_surface_t *
load_png (Cli        *cli,
          const char *name)
{
  g_autofree char *path = build_path (cli, name);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* A picture rather than a flat fill or a few shapes. */
#define MIN_COLOURS 200

static void
test_render_png (void)
{
  static const char *const names[] = { "leg.png", NULL };
  g_auto(Cli) cli;
  cairo_surface_t *surface;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "leg.png", "--size", "640x360",
           "--posture", "standing", "--speed", "3", "--time", "60");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, "");
  assert_dir_holds (&cli, names);

  surface = load_png (&cli, "leg.png");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 360);
  g_assert_cmpuint (count_colours (surface, MIN_COLOURS), >=, MIN_COLOURS);
  cairo_surface_destroy (surface);

  /* Upper case is the same format. */
  cli_run (&cli, "render", "--output", "LEG.PNG", "--size", "32X16");
  assert_success (&cli);
  surface = load_png (&cli, "LEG.PNG");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 32);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 16);
  cairo_surface_destroy (surface);
}

/* Without --size: full HD. */
static void
test_render_default_size (void)
{
  g_auto(Cli) cli;
  cairo_surface_t *surface;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "leg.png");
  assert_success (&cli);
  surface = load_png (&cli, "leg.png");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1920);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1080);
  cairo_surface_destroy (surface);
}

static void
ignore_markup_error (GMarkupParseContext *context,
                     GError              *error,
                     gpointer             user_data)
{
}

static void
test_render_svg (void)
{
  static const char *const names[] = { "leg.svg", NULL };
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, ignore_markup_error };
  g_auto(Cli) cli;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "leg.svg", "--size", SMALL,
           "--scenario", "varicose-veins", "--time", "200");
  assert_success (&cli);
  assert_dir_holds (&cli, names);

  svg = read_file (cli.dir, "leg.svg");
  g_assert_cmpuint (strlen (svg), >, 1000);
  g_assert_nonnull (strstr (svg, "<svg"));

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, svg, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
test_render_pdf (void)
{
  static const char *const names[] = { "leg.pdf", NULL };
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "leg.pdf", "--size", SMALL,
           "--posture", "sitting", "--palette", "projector");
  assert_success (&cli);
  assert_dir_holds (&cli, names);

  path = build_path (&cli, "leg.pdf");
  g_file_get_contents (path, &pdf, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

#ifdef HAVE_POPPLER
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
    /* poppler-glib 22.12 has no autoptr. */
    PopplerDocument *document;
    PopplerPage *page;
    cairo_surface_t *surface;
    cairo_t *cr;
    double width, height;

    g_assert_no_error (error);
    document = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);

    page = poppler_document_get_page (document, 0);
    poppler_page_get_size (page, &width, &height);
    g_assert_cmpfloat_with_epsilon (width, 480, 0.5);
    g_assert_cmpfloat_with_epsilon (height, 270, 0.5);

    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 270);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    poppler_page_render (page, cr);
    cairo_destroy (cr);
    g_assert_cmpuint (count_colours (surface, MIN_COLOURS), >=, MIN_COLOURS);
    cairo_surface_destroy (surface);
    g_object_unref (page);
    g_object_unref (document);
  }
#else
  g_test_message ("poppler-glib not found: the PDF is not rendered back");
#endif
}

static GBytes *
read_bytes (Cli        *cli,
            const char *name)
{
  g_autofree char *path = build_path (cli, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

/* Two runs of the same command give the same bytes, cells included. */
static void
test_render_deterministic (void)
{
  g_auto(Cli) cli;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "a.png", "--size", SMALL,
           "--scenario", "healthy-walk", "--time", "200.5");
  assert_success (&cli);
  cli_run (&cli, "render", "--time=200.5", "--scenario=healthy-walk", "--size", SMALL, "--output", "b.png");
  assert_success (&cli);

  first = read_bytes (&cli, "a.png");
  second = read_bytes (&cli, "b.png");
  g_assert_true (g_bytes_equal (first, second));
}

/* Without --time, the frame is where `run` stops: 300 s, or the scenario's
 * length. */
static void
test_render_default_time (void)
{
  g_auto(Cli) cli;
  const SoleusScenario *scenario = soleus_scenario_find ("varicose-veins");
  char length[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GBytes) d = NULL;

  g_assert_nonnull (scenario);
  g_ascii_formatd (length, sizeof length, "%.17g", scenario->duration_s);

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "a.png", "--size", SMALL,
           "--posture", "standing", "--speed", "3");
  assert_success (&cli);
  cli_run (&cli, "render", "--output", "b.png", "--size", SMALL,
           "--posture", "standing", "--speed", "3", "--time", "300");
  assert_success (&cli);
  a = read_bytes (&cli, "a.png");
  b = read_bytes (&cli, "b.png");
  g_assert_true (g_bytes_equal (a, b));

  cli_run (&cli, "render", "--output", "c.png", "--size", SMALL,
           "--scenario", scenario->name);
  assert_success (&cli);
  cli_run (&cli, "render", "--output", "d.png", "--size", SMALL,
           "--scenario", scenario->name, "--time", length);
  assert_success (&cli);
  c = read_bytes (&cli, "c.png");
  d = read_bytes (&cli, "d.png");
  g_assert_true (g_bytes_equal (c, d));
}

/* Pixels that differ between two images of the same size. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  cairo_surface_flush (a);
  cairo_surface_flush (b);

  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) +
                                             (gsize) y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) +
                                             (gsize) y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width; x++)
        if ((ra[x] & 0xffffff) != (rb[x] & 0xffffff))
          n++;
    }

  return n;
}

/* The controls reach the picture: leaking valves walking are not a healthy
 * leg walking. */
static void
test_render_controls (void)
{
  g_auto(Cli) cli;
  cairo_surface_t *healthy;
  cairo_surface_t *leaky;
  guint differences;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "healthy.png", "--size", SMALL,
           "--posture", "standing", "--speed", "3", "--time", "120");
  assert_success (&cli);
  cli_run (&cli, "render", "--output", "leaky.png", "--size", SMALL,
           "--posture", "standing", "--speed", "3", "--time", "120",
           "--valve-weakness", "1");
  assert_success (&cli);

  healthy = load_png (&cli, "healthy.png");
  leaky = load_png (&cli, "leaky.png");
  differences = count_differences (healthy, leaky);
  g_test_message ("%u pixels differ", differences);
  g_assert_cmpuint (differences, >, 100);
  cairo_surface_destroy (healthy);
  cairo_surface_destroy (leaky);
}

/* The corners show the background: light, dark, projector (white) and
 * colour-blind palettes do not all look alike, and dark is darker. */
static void
test_render_palettes (void)
{
  static const char *const palettes[] = { "light", "dark", "projector", "colorblind" };
  double luma[G_N_ELEMENTS (palettes)];
  cairo_surface_t *images[G_N_ELEMENTS (palettes)];
  g_auto(Cli) cli;

  cli_init (&cli);
  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", palettes[i]);
      const guint32 *pixel;

      cli_run (&cli, "render", "--output", name, "--size", SMALL,
               "--palette", palettes[i], "--posture", "standing");
      assert_success (&cli);
      images[i] = load_png (&cli, name);

      pixel = (const guint32 *) cairo_image_surface_get_data (images[i]);
      luma[i] = 0.2126 * ((pixel[0] >> 16) & 0xff) + 0.7152 * ((pixel[0] >> 8) & 0xff) +
                0.0722 * (pixel[0] & 0xff);
    }

  g_assert_cmpfloat (luma[1], <, luma[0]);
  g_assert_cmpfloat (luma[1], <, luma[2]);
  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (palettes); j++)
      g_assert_cmpuint (count_differences (images[i], images[j]), >, 100);

  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    cairo_surface_destroy (images[i]);
}

static double
mean_luma (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double sum = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];

        sum += 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);
      }

  return sum / ((double) w * h);
}

/* The first frame of a video, decoded (below, with record's tests). */
static cairo_surface_t *load_video_frame (Cli        *cli,
                                          const char *name);

/* --skin-tone: render and record draw the figure in each tone, darker
 * from light to dark, and handout takes it too. */
static void
test_skin_tones (void)
{
  static const char *const tones[] = { "light", "medium", "brown", "dark" };
  cairo_surface_t *images[G_N_ELEMENTS (tones)];
  cairo_surface_t *light, *dark;
  g_auto(Cli) cli;

  cli_init (&cli);
  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", tones[i]);

      cli_run (&cli, "render", "--output", name, "--size", SMALL,
               "--skin-tone", tones[i], "--posture", "standing");
      assert_success (&cli);
      images[i] = load_png (&cli, name);
      if (i > 0)
        {
          g_assert_cmpuint (count_differences (images[i - 1], images[i]), >, 1000);
          g_assert_cmpfloat (mean_luma (images[i]), <, mean_luma (images[i - 1]));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    cairo_surface_destroy (images[i]);

  cli_run (&cli, "record", "--output", "light-loop.mp4", "--size", "160x90", "--seconds",
           "0.2", "--fps", "10", "--posture", "standing");
  assert_success (&cli);
  cli_run (&cli, "record", "--output", "dark-loop.mp4", "--size", "160x90", "--seconds",
           "0.2", "--fps", "10", "--posture", "standing", "--skin-tone", "dark");
  assert_success (&cli);
  light = load_video_frame (&cli, "light-loop.mp4");
  dark = load_video_frame (&cli, "dark-loop.mp4");
  g_assert_cmpuint (count_differences (light, dark), >, 100);
  g_assert_cmpfloat (mean_luma (dark), <, mean_luma (light));
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);

  cli_run (&cli, "handout", "--output", "handout.pdf", "--skin-tone", "brown", "--time", "10");
  assert_success (&cli);
}

/* --figure: render and record draw the female figure differently from the
 * male (the default), and handout takes it too; --figure male is the
 * default's picture. */
static void
test_figures (void)
{
  cairo_surface_t *male, *female, *plain;
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", "plain.png", "--size", SMALL, "--posture", "standing");
  assert_success (&cli);
  cli_run (&cli, "render", "--output", "male.png", "--size", SMALL, "--posture", "standing",
           "--figure", "male");
  assert_success (&cli);
  cli_run (&cli, "render", "--output", "female.png", "--size", SMALL, "--posture", "standing",
           "--figure", "female");
  assert_success (&cli);
  plain = load_png (&cli, "plain.png");
  male = load_png (&cli, "male.png");
  female = load_png (&cli, "female.png");
  g_assert_cmpuint (count_differences (plain, male), ==, 0);
  g_assert_cmpuint (count_differences (male, female), >, 300);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (male);
  cairo_surface_destroy (female);

  cli_run (&cli, "record", "--output", "male-loop.mp4", "--size", "160x90", "--seconds",
           "0.2", "--fps", "10", "--posture", "standing");
  assert_success (&cli);
  cli_run (&cli, "record", "--output", "female-loop.mp4", "--size", "160x90", "--seconds",
           "0.2", "--fps", "10", "--posture", "standing", "--figure", "female");
  assert_success (&cli);
  male = load_video_frame (&cli, "male-loop.mp4");
  female = load_video_frame (&cli, "female-loop.mp4");
  g_assert_cmpuint (count_differences (male, female), >, 20);
  cairo_surface_destroy (male);
  cairo_surface_destroy (female);

  cli_run (&cli, "handout", "--output", "handout.pdf", "--figure", "female", "--time", "10");
  assert_success (&cli);
}

/* An existing file is replaced whole, and nothing else is left. */
static void
test_render_replace (void)
{
  static const char *const names[] = { "leg.png", NULL };
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  cli_init (&cli);
  path = build_path (&cli, "leg.png");
  g_file_set_contents (path, "not a picture\n", -1, &error);
  g_assert_no_error (error);

  cli_run (&cli, "render", "--output", "leg.png", "--size", "64x48");
  assert_success (&cli);
  assert_dir_holds (&cli, names);
  surface = load_png (&cli, "leg.png");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 64);
  cairo_surface_destroy (surface);

  /* A failure leaves the old file as it was. */
  cli_run (&cli, "render", "--output", "leg.png", "--size", "15x15");
  g_assert_cmpint (cli.status, ==, 2);
  assert_dir_holds (&cli, names);
  surface = load_png (&cli, "leg.png");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 64);
  cairo_surface_destroy (surface);
}

/* A directory the user cannot write to: nothing appears in it. Root
 * writes to any ordinary directory, so as root the test writes into /proc,
 * where no one can create a file. */
static void
test_render_unwritable (void)
{
  g_auto(Cli) cli = { 0 };
  g_auto(GStrv) entries = NULL;
  g_autofree char *locked = NULL;
  const char *newline;

  if (geteuid () == 0)
    {
      cli_init (&cli);
      cli_run (&cli, "render", "--output", "/proc/self/soleus-leg.png", "--size", "64x48");

      g_assert_cmpint (cli.status, ==, 2);
      g_assert_cmpstr (cli.out, ==, "");
      newline = strchr (cli.err, '\n');
      g_assert_nonnull (newline);
      g_assert_cmpstr (newline, ==, "\n");
      g_assert_nonnull (strstr (cli.err, "--output"));
      g_assert_false (g_file_test ("/proc/self/soleus-leg.png", G_FILE_TEST_EXISTS));
      return;
    }

  cli_init (&cli);
  locked = build_path (&cli, "locked");
  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);

  cli_run (&cli, "render", "--output", "locked/leg.png", "--size", "64x48");
  g_chmod (locked, 0755);

  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.out, ==, "");
  newline = strchr (cli.err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
  g_assert_nonnull (strstr (cli.err, "--output"));
  g_assert_nonnull (strstr (cli.err, "locked/leg.png"));

  entries = dir_entries (locked);
  g_assert_cmpuint (g_strv_length (entries), ==, 0);
}

/* Stopped while it works, render leaves nothing: its temporary file, named
 * with the destination's extension for the writer, is removed. */
static void
test_render_interrupted (void)
{
  g_auto(Cli) cli;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_name = NULL;

  cli_init (&cli);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, cli.dir);
  /* A week of walking: it is still simulating when stopped. */
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "render",
                                         "--output", "leg.png", "--time", "604800",
                                         "--posture", "standing", "--speed", "3", NULL);
  g_assert_no_error (error);

  /* Wait for the temporary file, for at least 60 s: each look sleeps 10 ms. */
  for (guint i = 0; i < 6000 && tmp_name == NULL; i++)
    {
      g_auto(GStrv) entries = dir_entries (cli.dir);

      if (entries[0] != NULL)
        tmp_name = g_strdup (entries[0]);
      else
        g_usleep (10000);
    }
  g_assert_nonnull (tmp_name);
  g_assert_true (g_str_has_prefix (tmp_name, ".soleus-tmp-"));
  g_assert_true (g_str_has_suffix (tmp_name, ".png"));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (process) &&
                  g_subprocess_get_exit_status (process) == 0);

  {
    g_auto(GStrv) entries = dir_entries (cli.dir);

    g_assert_cmpuint (g_strv_length (entries), ==, 0);
  }
}

/* A file named only by an extension is refused alike by render and
 * record: ".png" or ".mp4" is a hidden file with no extension. */
static void
test_output_extension_only (void)
{
  static const char *const none[] = { NULL };
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "render", "--output", ".png", "--size", "64x48");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_nonnull (strstr (cli.err, "'.png'"));
  assert_dir_holds (&cli, none);

  cli_run (&cli, "record", "--output", ".mp4", "--size", "64x48");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_nonnull (strstr (cli.err, "'.mp4'"));
  assert_dir_holds (&cli, none);

  cli_run (&cli, "handout", "--output", "dir/.pdf");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_nonnull (strstr (cli.err, ".pdf"));
  assert_dir_holds (&cli, none);
}

/* render into a link: the link stays, its target gets the picture and
 * keeps its mode; into the full device: its own reason. */
static void
test_render_special (void)
{
  g_auto(Cli) cli;
  g_autofree char *target = NULL;
  g_autofree char *link_path = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GStatBuf st;

  cli_init (&cli);
  target = build_path (&cli, "real.png");
  link_path = build_path (&cli, "link.png");
  g_file_set_contents (target, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (target, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.png", link_path), ==, 0);

  cli_run (&cli, "render", "--output", "link.png", "--size", "64x48");
  assert_success (&cli);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  surface = load_png (&cli, "real.png");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 64);
  cairo_surface_destroy (surface);
  g_assert_cmpint (g_lstat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  if (!have_full_device ())
    return;

  /* Through links named for their format: the device's own reason. */
  for (guint i = 0; i < 3; i++)
    {
      static const char *const names[] = { "full.png", "full.svg", "full.pdf" };
      g_autofree char *full = build_path (&cli, names[i]);

      g_assert_cmpint (symlink ("/dev/full", full), ==, 0);
      cli_run (&cli, "render", "--output", names[i], "--size", "64x48");
      assert_disk_full (&cli);
      g_assert_nonnull (strstr (cli.err, names[i]));
      g_assert_true (g_file_test (full, G_FILE_TEST_IS_SYMLINK));
    }
}

static void
test_render_help (void)
{
  static const char *const options[] = {
    "--output ", "--scenario ", "--time ", "--size ", "--palette ",
    "light", "dark", "projector", "colorblind", ".png", ".svg", ".pdf", NULL
  };
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "render", "--help");
  assert_success (&cli);
  for (guint i = 0; options[i] != NULL; i++)
    if (strstr (cli.out, options[i]) == NULL)
      g_error ("'%s' not in the help", options[i]);
  g_assert_null (strstr (cli.out, "--csv"));
  g_assert_null (strstr (cli.out, "--duration"));
}

/* ---------------------------------------------------------------------- */
/* bench: figures, not timings; only their presence and the allocations. */

static void
test_bench (void)
{
  static const char *const keys[] = {
    "walking_realtime_factor", "still_realtime_factor",
    "paint_ms_1080p", "paint_ms_2160p", "first_paint_ms",
    "paint_cpu_ms_1080p", "paint_cpu_ms_2160p", "first_paint_cpu_ms", "record_mp4_1080p_seconds",
    "record_mp4_1080p_wall_s", "record_mp4_1080p_cpu_s", "record_mp4_1080p_realtime_factor",
    NULL
  };
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonNode *allocs;

  cli_init (&cli);
  cli_run (&cli, "bench", "--json", "--cpu-seconds", "0.02");
  assert_success (&cli);
  object = parse_object (cli.out);
  assert_number_keys (object, keys);
  g_assert_cmpfloat (get_number (object, "walking_realtime_factor"), >, 0);
  g_assert_cmpfloat (get_number (object, "still_realtime_factor"), >, 0);
  for (guint i = 2; keys[i] != NULL; i++)
    g_assert_cmpfloat (get_number (object, keys[i]), >, 0);
  /* The shortest recording for the least CPU time asked for. */
  g_assert_cmpfloat_with_epsilon (get_number (object, "record_mp4_1080p_seconds"), 1.0, 1e-9);

  /* The core never allocates inside a step (null where not measurable). */
  allocs = json_object_get_member (object, "allocations_per_step");
  g_assert_nonnull (allocs);
  if (!JSON_NODE_HOLDS_NULL (allocs))
    g_assert_cmpfloat (json_node_get_double (allocs), <=, 0.0);
}

/* ---------------------------------------------------------------------- */
/* Bad input: exit status 2, one line on stderr naming the option (and its
 * range), nothing on stdout, no file left behind. */

typedef struct
{
  char **args;       /* for soleus-cli */
  char **expect;     /* substrings of the message */
  char  *existing;   /* a plain file to create first, or NULL */
} ErrorCase;

static void
error_case_free (gpointer data)
{
  ErrorCase *error_case = data;

  g_strfreev (error_case->args);
  g_strfreev (error_case->expect);
  g_free (error_case->existing);
  g_free (error_case);
}

static void
test_error (gconstpointer data)
{
  const ErrorCase *error_case = data;
  g_auto(Cli) cli;
  g_auto(GStrv) entries = NULL;
  const char *newline;

  cli_init (&cli);
  if (error_case->existing != NULL)
    {
      g_autofree char *path = g_build_filename (cli.dir, error_case->existing, NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, "", -1, &error);
      g_assert_no_error (error);
    }

  cli_runv (&cli, (const char *const *) error_case->args);
  g_test_message ("stderr: %s", cli.err);

  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.out, ==, "");

  /* One line. */
  g_assert_true (g_str_has_prefix (cli.err, "soleus-cli: "));
  newline = strchr (cli.err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");

  for (guint i = 0; error_case->expect[i] != NULL; i++)
    if (strstr (cli.err, error_case->expect[i]) == NULL)
      g_error ("'%s' not in the message: %s", error_case->expect[i], cli.err);

  /* Nothing written: only what the test made itself. */
  entries = dir_entries (cli.dir);
  if (error_case->existing != NULL)
    {
      g_assert_cmpuint (g_strv_length (entries), ==, 1);
      g_assert_cmpstr (entries[0], ==, error_case->existing);
    }
  else
    g_assert_cmpuint (g_strv_length (entries), ==, 0);
}

/* Variadic lists of strings: args, then NULL, then expected substrings,
 * then NULL. */
static void
add_error_case (const char *name,
                const char *existing,
                ...)
{
  ErrorCase *error_case = g_new0 (ErrorCase, 1);
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) expect = g_strv_builder_new ();
  g_autofree char *path = g_strdup_printf ("/cli/error/%s", name);
  const char *s;
  va_list ap;

  va_start (ap, existing);
  while ((s = va_arg (ap, const char *)) != NULL)
    g_strv_builder_add (args, s);
  while ((s = va_arg (ap, const char *)) != NULL)
    g_strv_builder_add (expect, s);
  va_end (ap);

  error_case->args = g_strv_builder_end (args);
  error_case->expect = g_strv_builder_end (expect);
  error_case->existing = g_strdup (existing);

  g_test_add_data_func_full (path, error_case, test_error, error_case_free);
}

static char *
format_bound (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* As soleus-cli writes it: the shortest exact text, without exponent for
   * the plain numbers of the table. */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

/* For each control: out of range on both sides, not a number, a missing
 * value; for the enumerated ones an unknown name. Always with --csv, so that
 * no file may appear. */
static void
add_control_error_cases (void)
{
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *option = g_strdup_printf ("--%s", info->name);
      g_autofree char *quoted = g_strdup_printf ("--%s:", info->name);
      g_autofree char *min = format_bound (info->min);
      g_autofree char *max = format_bound (info->max);
      g_autofree char *name = NULL;

      name = g_strdup_printf ("%s/missing-value", info->name);
      add_error_case (name, NULL, "run", "--csv", "out.csv", option, NULL,
                      quoted, "missing", NULL);

      if (info->choices != NULL)
        {
          g_autofree char *bad_name = g_strdup_printf ("%s/unknown-choice", info->name);

          add_error_case (bad_name, NULL, "run", "--csv", "out.csv", option, "no-such-choice",
                          NULL, quoted, "no-such-choice", info->choices[0], NULL);
          continue;
        }

      {
        g_autofree char *above = format_bound (info->max + 0.5 * (info->max - info->min) + 1);
        g_autofree char *below = format_bound (info->min - 0.5 * (info->max - info->min) - 1);
        g_autofree char *name_above = g_strdup_printf ("%s/above-range", info->name);
        g_autofree char *name_below = g_strdup_printf ("%s/below-range", info->name);
        g_autofree char *name_nan = g_strdup_printf ("%s/not-a-number", info->name);
        g_autofree char *name_protocol = g_strdup_printf ("%s/protocol-above-range",
                                                          info->name);

        add_error_case (name_above, NULL, "run", "--csv", "out.csv", option, above, NULL,
                        quoted, above, "out of range", min, max, info->unit, NULL);
        add_error_case (name_below, NULL, "run", "--csv", "out.csv", option, below, NULL,
                        quoted, below, "out of range", min, max, info->unit, NULL);
        add_error_case (name_nan, NULL, "run", "--csv", "out.csv", option, "abc", NULL,
                        quoted, "abc", "not a number", min, max, NULL);
        add_error_case (name_protocol, NULL, "protocol", "avp", option, above, NULL,
                        quoted, above, min, max, NULL);
      }
    }
}

static void
add_error_cases (void)
{
  add_control_error_cases ();

  add_error_case ("no-command", NULL, NULL, "missing command", NULL);
  add_error_case ("unknown-command", NULL, "frobnicate", NULL, "'frobnicate'", NULL);
  add_error_case ("unknown-option", NULL, "run", "--csv", "out.csv", "--frobnicate", NULL,
                  "--frobnicate", "unknown option", NULL);
  add_error_case ("unknown-short-option", NULL, "run", "--csv", "out.csv", "-q", NULL,
                  "'-q'", "unknown option", NULL);
  add_error_case ("unexpected-argument", NULL, "run", "--csv", "out.csv", "extra", NULL,
                  "'extra'", NULL);
  add_error_case ("unknown-scenario", NULL, "run", "--csv", "out.csv",
                  "--scenario", "no-such-scenario", NULL,
                  "--scenario", "no-such-scenario", soleus_scenario_get (0)->name, NULL);
  add_error_case ("scenario-missing-value", NULL, "run", "--csv", "out.csv", "--scenario", NULL,
                  "--scenario", "missing", NULL);
  add_error_case ("duration/zero", NULL, "run", "--csv", "out.csv", "--duration", "0", NULL,
                  "--duration", "out of range", NULL);
  add_error_case ("duration/negative", NULL, "run", "--csv", "out.csv", "--duration", "-5",
                  NULL, "--duration", "out of range", NULL);
  add_error_case ("duration/not-a-number", NULL, "run", "--csv", "out.csv", "--duration",
                  "long", NULL, "--duration", "not a number", NULL);
  add_error_case ("duration/nan", NULL, "run", "--csv", "out.csv", "--duration",
                  "nan", NULL, "--duration", "not a number", NULL);
  add_error_case ("duration/missing-value", NULL, "run", "--csv", "out.csv", "--duration",
                  NULL, "--duration", "missing", NULL);
  add_error_case ("sample-hz/zero", NULL, "run", "--csv", "out.csv", "--sample-hz", "0", NULL,
                  "--sample-hz", "out of range", NULL);
  add_error_case ("sample-hz/above-range", NULL, "run", "--csv", "out.csv",
                  "--sample-hz", "100000", NULL, "--sample-hz", "out of range", NULL);
  add_error_case ("json-with-value", NULL, "run", "--csv", "out.csv", "--json=yes", NULL,
                  "--json", NULL);
  add_error_case ("csv/missing-value", NULL, "run", "--csv", NULL, "--csv", "missing", NULL);
  add_error_case ("csv/empty", NULL, "run", "--csv", "", NULL, "--csv", NULL);
  add_error_case ("csv/no-such-directory", NULL, "run", "--csv", "no-such-dir/out.csv", NULL,
                  "--csv", "no-such-dir/out.csv", NULL);
  add_error_case ("csv/not-a-directory", "plain-file", "run", "--csv", "plain-file/out.csv",
                  NULL, "--csv", "plain-file/out.csv", NULL);
  add_error_case ("csv/directory", NULL, "run", "--csv", ".", NULL, "--csv", NULL);
  add_error_case ("csv/stdout-with-json", NULL, "run", "--csv", "-", "--json", NULL,
                  "--csv", "--json", NULL);
  add_error_case ("protocol/missing-test", NULL, "protocol", NULL, "avp", "apg", "posture", NULL);
  add_error_case ("protocol/unknown-test", NULL, "protocol", "xyz", NULL,
                  "'xyz'", "avp", "apg", "posture", NULL);
  add_error_case ("protocol/posture-option", NULL, "protocol", "avp", "--posture", "standing",
                  NULL, "--posture", NULL);
  add_error_case ("protocol/csv-option", NULL, "protocol", "avp", "--csv", "out.csv", NULL,
                  "--csv", NULL);
  add_error_case ("protocol/extra-argument", NULL, "protocol", "avp", "apg", NULL,
                  "'apg'", NULL);
  add_error_case ("scenarios/unknown-option", NULL, "scenarios", "--speed", "3", NULL,
                  "--speed", NULL);
  add_error_case ("bench/cpu-seconds", NULL, "bench", "--cpu-seconds", "0", NULL,
                  "--cpu-seconds", "out of range", NULL);
  add_error_case ("bench/extra-argument", NULL, "bench", "--json", "fast", NULL,
                  "'fast': unexpected argument (see 'soleus-cli bench --help')", NULL);
  add_error_case ("scenarios/extra-argument", NULL, "scenarios", "healthy-walk", "--json",
                  NULL, "'healthy-walk': unexpected argument (see 'soleus-cli scenarios --help')",
                  NULL);

  /* render: never a file, not even a temporary one. */
  add_error_case ("render/missing-output", NULL, "render", "--size", "64x48", NULL,
                  "--output", "missing", ".png", ".svg", ".pdf", NULL);
  add_error_case ("render/output-missing-value", NULL, "render", "--output", NULL,
                  "--output", "missing", ".png", NULL);
  add_error_case ("render/output-empty", NULL, "render", "--output", "", NULL,
                  "--output", ".png", NULL);
  add_error_case ("render/unknown-extension", NULL, "render", "--output", "leg.jpg", NULL,
                  "--output", "leg.jpg", ".png", ".svg", ".pdf", NULL);
  add_error_case ("render/no-extension", NULL, "render", "--output", "leg", NULL,
                  "--output", "'leg'", ".png", NULL);
  add_error_case ("render/stdout", NULL, "render", "--output", "-", NULL,
                  "--output", ".png", NULL);
  add_error_case ("render/no-such-directory", NULL, "render", "--output",
                  "no-such-dir/leg.png", NULL, "--output", "no-such-dir/leg.png", NULL);
  add_error_case ("render/not-a-directory", "plain-file", "render", "--output",
                  "plain-file/leg.png", NULL, "--output", "plain-file/leg.png", NULL);
  add_error_case ("render/palette-unknown", NULL, "render", "--output", "leg.png",
                  "--palette", "pink", NULL,
                  "--palette", "'pink'", "light", "dark", "projector", "colorblind", NULL);
  add_error_case ("render/palette-missing-value", NULL, "render", "--output", "leg.png",
                  "--palette", NULL, "--palette", "missing", "light", "colorblind", NULL);
  add_error_case ("render/skin-tone-unknown", NULL, "render", "--output", "leg.png",
                  "--skin-tone", "olive", NULL,
                  "--skin-tone", "'olive'", "light", "medium", "brown", "dark", NULL);
  add_error_case ("record/skin-tone-unknown", NULL, "record", "--output", "leg.png",
                  "--skin-tone", "V", NULL,
                  "--skin-tone", "'V'", "light", "medium", "brown", "dark", NULL);
  add_error_case ("handout/date-ambiguous", NULL, "handout", "--output", "h.pdf",
                  "--date", "12/03/26", NULL, "--date", "'12/03/26'", "YYYY-MM-DD", NULL);
  add_error_case ("handout/date-impossible", NULL, "handout", "--output", "h.pdf",
                  "--date", "2026-02-30", NULL, "--date", "'2026-02-30'", NULL);
  add_error_case ("handout/pressure-unit-unknown", NULL, "handout", "--output", "h.pdf",
                  "--pressure-unit", "psi", NULL, "--pressure-unit", "'psi'", "mmhg", "kpa",
                  NULL);
  add_error_case ("handout/weight-unit-unknown", NULL, "handout", "--output", "h.pdf",
                  "--weight-unit", "stone", NULL, "--weight-unit", "'stone'", "kg", "lb", NULL);
  add_error_case ("handout/skin-tone-unknown", NULL, "handout", "--output", "h.pdf",
                  "--skin-tone", "", NULL,
                  "--skin-tone", "light", "medium", "brown", "dark", NULL);
  add_error_case ("render/figure-unknown", NULL, "render", "--output", "leg.png",
                  "--figure", "woman", NULL,
                  "--figure", "'woman'", "male", "female", NULL);
  add_error_case ("record/figure-unknown", NULL, "record", "--output", "leg.png",
                  "--figure", "F", NULL, "--figure", "'F'", "male", "female", NULL);
  add_error_case ("handout/figure-missing-value", NULL, "handout", "--output", "h.pdf",
                  "--figure", NULL, "--figure", "missing", "male", "female", NULL);
  add_error_case ("render/size-below-range", NULL, "render", "--output", "leg.png",
                  "--size", "15x100", NULL, "--size", "out of range", "16", "16384", NULL);
  add_error_case ("render/size-above-range", NULL, "render", "--output", "leg.svg",
                  "--size", "100x16385", NULL, "--size", "out of range", "16", "16384", NULL);
  add_error_case ("render/size-zero", NULL, "render", "--output", "leg.pdf",
                  "--size", "0x0", NULL, "--size", "out of range", "16", "16384", NULL);
  add_error_case ("render/size-huge", NULL, "render", "--output", "leg.png",
                  "--size", "99999999999999999999999x100", NULL, "--size", "16", "16384",
                  NULL);
  add_error_case ("render/size-one-side", NULL, "render", "--output", "leg.png",
                  "--size", "1920", NULL, "--size", "WIDTHxHEIGHT", "16", "16384", NULL);
  add_error_case ("render/size-fraction", NULL, "render", "--output", "leg.png",
                  "--size", "100.5x100", NULL, "--size", "WIDTHxHEIGHT", "16", "16384", NULL);
  add_error_case ("render/size-negative", NULL, "render", "--output", "leg.png",
                  "--size", "-100x100", NULL, "--size", "WIDTHxHEIGHT", "16", "16384", NULL);
  add_error_case ("render/size-missing-value", NULL, "render", "--output", "leg.png",
                  "--size", NULL, "--size", "missing", "WIDTHxHEIGHT", "16", "16384", NULL);
  /* --height is the body's height, whose range the message gives. */
  add_error_case ("render/height-is-the-body", NULL, "render", "--output", "leg.png",
                  "--height", "1080", NULL, "--height", "out of range", "140", "210", "cm",
                  "--size", NULL);
  add_error_case ("render/time-negative", NULL, "render", "--output", "leg.png",
                  "--time", "-1", NULL, "--time", "out of range", "0", "604800", NULL);
  add_error_case ("render/time-above-range", NULL, "render", "--output", "leg.png",
                  "--time", "1e9", NULL, "--time", "out of range", "0", "604800", NULL);
  add_error_case ("render/time-not-a-number", NULL, "render", "--output", "leg.png",
                  "--time", "noon", NULL, "--time", "not a number", "0", "604800", NULL);
  add_error_case ("render/time-nan", NULL, "render", "--output", "leg.png",
                  "--time", "nan", NULL, "--time", "not a number", NULL);
  add_error_case ("render/time-missing-value", NULL, "render", "--output", "leg.png",
                  "--time", NULL, "--time", "missing", NULL);
  add_error_case ("render/control-above-range", NULL, "render", "--output", "leg.png",
                  "--valve-weakness", "2", NULL, "--valve-weakness", "out of range", "0",
                  "1", NULL);
  add_error_case ("render/control-unknown-choice", NULL, "render", "--output", "leg.png",
                  "--posture", "kneeling", NULL, "--posture", "'kneeling'", "standing", NULL);
  add_error_case ("render/unknown-scenario", NULL, "render", "--output", "leg.png",
                  "--scenario", "no-such-scenario", NULL,
                  "--scenario", "no-such-scenario", soleus_scenario_get (0)->name, NULL);
  add_error_case ("render/csv-option", NULL, "render", "--output", "leg.png",
                  "--csv", "out.csv", NULL, "--csv", "render", NULL);
  add_error_case ("render/duration-option", NULL, "render", "--output", "leg.png",
                  "--duration", "10", NULL, "--duration", "render", NULL);
  add_error_case ("render/extra-argument", NULL, "render", "--output", "leg.png",
                  "leg2.png", NULL, "'leg2.png'", NULL);
  add_error_case ("help/unknown-command", NULL, "help", "frobnicate", NULL,
                  "'frobnicate'", NULL);

  /* The forms of options: an option is never a value, but a negative
   * number is, and the first mistake on the line is the one reported. */
  add_error_case ("options/after-double-dash", NULL, "run", "--csv", "out.csv", "--",
                  "--json", NULL, "'--json'", "unexpected argument", NULL);
  add_error_case ("options/option-as-value", NULL, "run", "--csv", "out.csv", "--speed",
                  "--json", NULL, "--speed:", "missing", "0 to 6 km/h", NULL);
  add_error_case ("options/negative-value", NULL, "bench", "--cpu-seconds", "-1", NULL,
                  "--cpu-seconds: -1 is out of range (0.01 to 60 s)", NULL);
  add_error_case ("options/unknown-with-value", NULL, "run", "--csv", "out.csv",
                  "--frobnicate=3", NULL, "--frobnicate: unknown option", NULL);
  add_error_case ("options/unknown-before-error", NULL, "run", "--csv", "out.csv",
                  "--frobnicate", "--speed", "99", NULL, "--frobnicate: unknown option", NULL);
  add_error_case ("options/error-before-unknown", NULL, "run", "--csv", "out.csv",
                  "--speed", "99", "--frobnicate", NULL, "--speed: 99 is out of range", NULL);
  add_error_case ("options/switch-with-value-after-error", NULL, "run", "--csv", "out.csv",
                  "--speed", "99", "--json=yes", NULL, "--speed: 99 is out of range", NULL);
  add_error_case ("options/help-with-value", NULL, "run", "--csv", "out.csv", "--help=yes",
                  NULL, "--help: takes no value", NULL);
  add_error_case ("options/csv-missing-value", NULL, "run", "--json", "--csv", NULL,
                  "--csv: missing value (a file, or '-' for standard output)", NULL);
  add_error_case ("options/not-utf8", NULL, "run", "--csv", "out.csv", "--speed", "\xff",
                  NULL, "--speed: '\\xff' is not a number (0 to 6 km/h)", NULL);
  add_error_case ("options/other-command", NULL, "bench", "--cpu-seconds", "1",
                  "--output=leg.png", NULL, "--output: not an option of 'bench'", NULL);
}

/* ---------------------------------------------------------------------- */
/* Scenario files (.soleus) */

/* Writes text to NAME in the test's directory. */
static void
write_file (Cli        *cli,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (cli->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_text (Cli        *cli,
           const char *name)
{
  g_autofree char *path = g_build_filename (cli->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Saves a built-in scenario as NAME.soleus with `scenarios --save`. */
static void
save_builtin (Cli        *cli,
              const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.soleus", name);

  cli_run (cli, "scenarios", "--save", name, file);
  assert_success (cli);
  g_assert_cmpstr (cli->out, ==, "");
}

/* Two JSON objects that are equal but for how they name the scenario. */
static void
assert_same_json_but_scenario (const char *builtin_text,
                               const char *file_text,
                               const char *file_name)
{
  g_autoptr(JsonObject) builtin = parse_object (builtin_text);
  g_autoptr(JsonObject) file = parse_object (file_text);

  g_assert_true (json_object_get_null_member (file, "scenario"));
  g_assert_cmpstr (json_object_get_string_member (file, "scenario_file"), ==, file_name);
  g_assert_false (json_object_has_member (builtin, "scenario_file"));

  json_object_remove_member (builtin, "scenario");
  json_object_remove_member (file, "scenario");
  json_object_remove_member (file, "scenario_file");

  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), builtin);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), file);
    g_autofree char *sa = json_to_string (a, TRUE);
    g_autofree char *sb = json_to_string (b, TRUE);

    /* The numbers are written as the shortest exact text: equal text is
     * equal doubles. */
    g_assert_cmpstr (sa, ==, sb);
  }
}

/* Every built-in scenario, saved as a file and played from it, gives the
 * built-in's figures exactly. */
static void
test_run_scenario_file (void)
{
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      g_autofree char *file = g_strdup_printf ("%s.soleus", scenario->name);
      g_autofree char *builtin_json = NULL;
      g_auto(Cli) cli;

      cli_init (&cli);
      save_builtin (&cli, scenario->name);

      cli_run (&cli, "run", "--scenario", scenario->name, "--duration", "300", "--json");
      assert_success (&cli);
      builtin_json = g_strdup (cli.out);

      cli_run (&cli, "run", "--scenario-file", file, "--duration", "300", "--json");
      assert_success (&cli);
      assert_same_json_but_scenario (builtin_json, cli.out, file);
    }
}

/* The scenario's own length, and the CSV time series row for row. */
static void
test_run_scenario_file_csv (void)
{
  g_auto(Cli) cli;
  g_autofree char *builtin = NULL;
  g_autofree char *file = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *rows_a, *rows_b;

  cli_init (&cli);
  save_builtin (&cli, "varicose-veins");

  cli_run (&cli, "run", "--scenario-file", "varicose-veins.soleus", "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  g_assert_cmpfloat_with_epsilon (get_number (object, "duration_s"),
                                  soleus_scenario_find ("varicose-veins")->duration_s, 1e-9);

  cli_run (&cli, "run", "--scenario", "varicose-veins", "--duration", "150",
           "--sample-hz", "2", "--csv", "a.csv");
  assert_success (&cli);
  cli_run (&cli, "run", "--scenario-file", "varicose-veins.soleus", "--duration", "150",
           "--sample-hz", "2", "--csv", "b.csv");
  assert_success (&cli);

  builtin = read_text (&cli, "a.csv");
  file = read_text (&cli, "b.csv");
  g_assert_nonnull (strstr (builtin, "# scenario: varicose-veins\n"));
  g_assert_nonnull (strstr (file, "# scenario_file: varicose-veins.soleus\n"));
  rows_a = strstr (builtin, "\ntime_s,");
  rows_b = strstr (file, "\ntime_s,");
  g_assert_nonnull (rows_a);
  g_assert_nonnull (rows_b);
  g_assert_cmpstr (rows_a, ==, rows_b);

  /* A file name with a newline in it stays on its comment line. */
  {
    g_autofree char *odd = NULL;
    g_autofree char *from = g_build_filename (cli.dir, "varicose-veins.soleus", NULL);
    g_autofree char *to = g_build_filename (cli.dir, "two\nlines.soleus", NULL);

    g_assert_cmpint (g_rename (from, to), ==, 0);
    cli_run (&cli, "run", "--scenario-file", "two\nlines.soleus", "--duration", "1",
             "--csv", "c.csv");
    assert_success (&cli);
    odd = read_text (&cli, "c.csv");
    g_assert_nonnull (strstr (odd, "# scenario_file: two\\nlines.soleus\n"));
  }
}

/* Controls on the command line replace the file's starting ones. */
static void
test_run_scenario_file_controls (void)
{
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *controls;

  cli_init (&cli);
  save_builtin (&cli, "varicose-veins");
  cli_run (&cli, "run", "--scenario-file", "varicose-veins.soleus", "--valve-weakness",
           "0.2", "--duration", "10", "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  controls = json_object_get_object_member (object, "controls");
  g_assert_cmpfloat_with_epsilon (get_number (controls, "valve_weakness"), 0.2, 1e-12);
  g_assert_cmpstr (json_object_get_string_member (controls, "reflux_site"), ==,
                   "superficial");
}

/* The sample that is installed plays, steps and all. */
static void
test_run_scenario_file_sample (void)
{
  g_autofree char *path = g_build_filename (SCENARIO_DIR, "varicose-explained.soleus", NULL);
  g_auto(Cli) cli;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *end;

  cli_init (&cli);
  cli_run (&cli, "run", "--scenario-file", path, "--json");
  assert_success (&cli);
  object = parse_object (cli.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "timeline")),
                    >=, 4);
  end = json_object_get_object_member (object, "controls_at_end");
  g_assert_cmpfloat (get_number (end, "compression"), >, 0);
  g_assert_cmpfloat (get_number (end, "valve_weakness"), >, 0);

  cli_run (&cli, "run", "--scenario-file", path, "--duration", "130");
  assert_success (&cli);
  g_assert_nonnull (strstr (cli.out, "Varicose veins, explained"));
  g_assert_nonnull (strstr (cli.out, "Step 3 at 120 s: "));
  g_assert_null (strstr (cli.out, "Step 4 at"));
}

static void
test_scenarios_save (void)
{
  g_auto(Cli) cli;
  g_autofree char *saved = NULL;

  cli_init (&cli);
  save_builtin (&cli, "healthy-walk");
  saved = read_text (&cli, "healthy-walk.soleus");
  g_assert_nonnull (strstr (saved, "[Soleus Scenario]\nVersion=1\n"));
  g_assert_nonnull (strstr (saved, "Title=Healthy walk\n"));
  g_assert_nonnull (strstr (saved, "[Controls]\n"));
  g_assert_nonnull (strstr (saved, "posture=standing\n"));
  g_assert_nonnull (strstr (saved, "Event1=120;speed;3\n"));

  /* '-' is standard output, the same text. */
  cli_run (&cli, "scenarios", "--save", "healthy-walk", "-");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, saved);

  /* Saving again replaces the file. */
  save_builtin (&cli, "healthy-walk");

  /* After "--", a name that starts with '-' is a file, not an option. */
  cli_run (&cli, "scenarios", "--save", "healthy-walk", "--", "-leg.soleus");
  assert_success (&cli);
  g_free (saved);
  saved = read_text (&cli, "-leg.soleus");
  g_assert_nonnull (strstr (saved, "Title=Healthy walk\n"));
}

static void
test_protocol_scenario_file (void)
{
  g_auto(Cli) cli;
  g_autofree char *builtin_json = NULL;

  cli_init (&cli);
  save_builtin (&cli, "post-thrombotic");
  cli_run (&cli, "protocol", "posture", "--scenario", "post-thrombotic", "--json");
  assert_success (&cli);
  builtin_json = g_strdup (cli.out);
  cli_run (&cli, "protocol", "posture", "--scenario-file", "post-thrombotic.soleus", "--json");
  assert_success (&cli);
  assert_same_json_but_scenario (builtin_json, cli.out, "post-thrombotic.soleus");
}

static void
test_render_scenario_file (void)
{
  g_auto(Cli) cli;
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(GBytes) file = NULL;

  cli_init (&cli);
  save_builtin (&cli, "varicose-veins");
  cli_run (&cli, "render", "--output", "a.png", "--size", "160x90",
           "--scenario", "varicose-veins", "--time", "125");
  assert_success (&cli);
  cli_run (&cli, "render", "--output", "b.png", "--size", "160x90",
           "--scenario-file", "varicose-veins.soleus", "--time", "125");
  assert_success (&cli);

  builtin = read_bytes (&cli, "a.png");
  file = read_bytes (&cli, "b.png");
  g_assert_true (g_bytes_equal (builtin, file));
}

/* A broken file: exit 2, one line naming the file and the line, nothing on
 * stdout, no output file, whichever command reads it. */
typedef struct
{
  const char *name;
  const char *find;      /* a line of the good file ... */
  const char *replace;   /* ... and what replaces it */
  const char *message;   /* after "soleus-cli: bad.soleus:" */
} BadFile;

static const char good_file[] =
  "[Soleus Scenario]\n"          /* 1 */
  "Version=1\n"                  /* 2 */
  "Title=Leg\n"                  /* 3 */
  "Duration=60\n"                /* 4 */
  "[Controls]\n"                 /* 5 */
  "posture=standing\n"           /* 6 */
  "valve-weakness=0.6\n"         /* 7 */
  "[Timeline]\n"                 /* 8 */
  "Event1=20;speed;3\n"          /* 9 */
  "[Step 1]\n"                   /* 10 */
  "Caption=Walking\n"            /* 11 */
  "Time=20\n";                   /* 12 */

static const BadFile bad_files[] = {
  { "out-of-range", "valve-weakness=0.6", "valve-weakness=1.5",
    "7: valve-weakness: 1.5 is out of range (0 to 1)\n" },
  { "unknown-control", "valve-weakness=0.6", "valve-weaknes=0.6",
    "7: 'valve-weaknes' is not a control (one of posture, speed, ankle-exercise, "
    "valve-weakness, reflux-site, atrophy, weight, height, obstruction, compression, "
    "ankle-mobility)\n" },
  { "version", "Version=1", "Version=99",
    "2: Version 99 is not supported: this Soleus reads versions 1 to 2 (a newer Soleus may "
    "have written the file)\n" },
  { "negative-time", "Event1=20;speed;3", "Event1=-20;speed;3",
    "9: Event1: -20 s is out of range (0 to 604800 s)\n" },
  { "garbage", "valve-weakness=0.6", "garbage",
    "7: 'garbage' is not a key=value line, a [group] or a # comment\n" },
  { "step-order", "[Step 1]", "[Step 2]",
    "10: [Step 2]: out of order (expected [Step 1] here)\n" },
  { "truncated", "Caption=Walking\nTime=20\n", "Caption=Walking\nTi",
    "12: 'Ti' is not a key=value line, a [group] or a # comment; the file may be "
    "truncated\n" },
};

static char *
make_bad_file (const BadFile *bad)
{
  g_autoptr(GString) text = g_string_new (good_file);

  g_assert_cmpuint (g_string_replace (text, bad->find, bad->replace, 1), ==, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_bad_file_refused (Cli           *cli,
                         const BadFile *bad)
{
  g_autofree char *expected = g_strdup_printf ("soleus-cli: bad.soleus:%s", bad->message);
  g_auto(GStrv) entries = NULL;

  g_test_message ("stderr: %s", cli->err);
  g_assert_cmpint (cli->status, ==, 2);
  g_assert_cmpstr (cli->out, ==, "");
  g_assert_cmpstr (cli->err, ==, expected);

  entries = dir_entries (cli->dir);
  g_assert_cmpuint (g_strv_length (entries), ==, 1);
  g_assert_cmpstr (entries[0], ==, "bad.soleus");
}

static void
test_bad_scenario_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *text = make_bad_file (bad);
  g_auto(Cli) cli;

  cli_init (&cli);
  /* The good file plays. */
  write_file (&cli, "bad.soleus", good_file);
  cli_run (&cli, "run", "--scenario-file", "bad.soleus", "--json");
  assert_success (&cli);

  write_file (&cli, "bad.soleus", text);
  g_assert_cmpstr (text, !=, good_file);

  cli_run (&cli, "run", "--scenario-file", "bad.soleus", "--csv", "out.csv");
  assert_bad_file_refused (&cli, bad);
  cli_run (&cli, "run", "--json", "--scenario-file=bad.soleus");
  assert_bad_file_refused (&cli, bad);
  cli_run (&cli, "render", "--output", "leg.png", "--scenario-file", "bad.soleus");
  assert_bad_file_refused (&cli, bad);
  cli_run (&cli, "protocol", "avp", "--scenario-file", "bad.soleus", "--json");
  assert_bad_file_refused (&cli, bad);
}


/* What is not a regular file is refused before a byte is read: a FIFO
 * without a writer once blocked soleus-cli for ever, /dev/zero grew it by
 * gigabytes. One line, exit status 2, nothing written. */
static void
test_scenario_file_special (void)
{
  const char *const commands[][4] = {
    { "run", "--csv", "out.csv", NULL },
    { "render", "--output", "leg.png", NULL },
  };
  g_auto(Cli) cli;
  g_autofree char *fifo = NULL;

  cli_init (&cli);
  fifo = g_build_filename (cli.dir, "pipe.soleus", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) entries = NULL;

      cli_run_with_deadline (&cli, 60, commands[i][0], commands[i][1], commands[i][2],
                             "--scenario-file", "pipe.soleus");
      g_test_message ("stderr: %s", cli.err);
      g_assert_cmpint (cli.status, ==, 2);
      g_assert_cmpstr (cli.out, ==, "");
      g_assert_cmpstr (cli.err, ==,
                       "soleus-cli: pipe.soleus: cannot read (not a regular file)\n");
      entries = dir_entries (cli.dir);
      g_assert_cmpuint (g_strv_length (entries), ==, 1);
      g_assert_cmpstr (entries[0], ==, "pipe.soleus");
    }

  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      cli_run_with_deadline (&cli, 60, "run", "--json", "--scenario-file", "/dev/zero");
      g_test_message ("stderr: %s", cli.err);
      g_assert_cmpint (cli.status, ==, 2);
      g_assert_cmpstr (cli.out, ==, "");
      g_assert_cmpstr (cli.err, ==,
                       "soleus-cli: /dev/zero: cannot read (not a regular file)\n");
    }

  cli_run_with_deadline (&cli, 60, "run", "--json", "--scenario-file", ".");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.err, ==, "soleus-cli: .: cannot read (a folder, not a file)\n");
}

/* Over the limit, refused from its size, before reading. */
static void
test_scenario_file_too_large (void)
{
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autofree char *text = g_strnfill (1024 * 1024 + 1, '#');
  g_autoptr(GError) error = NULL;

  cli_init (&cli);
  path = g_build_filename (cli.dir, "big.soleus", NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  cli_run_with_deadline (&cli, 60, "run", "--json", "--scenario-file", "big.soleus");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_cmpstr (cli.err, ==,
                   "soleus-cli: big.soleus: too large for a scenario file (more than 1 MiB)\n");
}


/* A second --scenario-file is named as such. */
static void
test_scenario_file_twice (void)
{
  g_auto(Cli) cli;

  cli_init (&cli);
  write_file (&cli, "a.soleus", good_file);
  write_file (&cli, "b.soleus", good_file);
  cli_run (&cli, "run", "--json", "--scenario-file", "a.soleus", "--scenario-file=b.soleus");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_cmpstr (cli.err, ==,
                   "soleus-cli: --scenario-file: given twice (one file at a time)\n");
}

/* The text output shows a file's title and captions with their control
 * characters escaped: a file must not drive the terminal. */
static void
test_scenario_file_control_characters (void)
{
  g_auto(Cli) cli;
  GString *text = g_string_new (good_file);

  g_string_replace (text, "Title=Leg", "Title=Leg \x1b]0;owned\x07 \x1b[2J", 1);
  g_string_replace (text, "Caption=Walking", "Caption=Walk\x1b[31m\x7f ä", 1);
  cli_init (&cli);
  write_file (&cli, "odd.soleus", text->str);
  g_string_free (text, TRUE);

  cli_run (&cli, "run", "--scenario-file", "odd.soleus");
  assert_success (&cli);
  for (const char *c = cli.out; *c != '\0'; c++)
    if ((guchar) *c < 0x20 && *c != '\n')
      g_error ("a control character 0x%02x in the output", (guint) (guchar) *c);
  g_assert_null (strchr (cli.out, 0x7f));
  g_assert_nonnull (strstr (cli.out, "Leg \\x1b]0;owned\\x07 \\x1b[2J (odd.soleus)"));
  g_assert_nonnull (strstr (cli.out, ": Walk\\x1b[31m\\x7f ä\n"));
}

/* Messages quote at most 60 characters of what was typed, show letters of
 * any script as they are and invalid UTF-8 as \xNN. */
static void
test_error_echo (void)
{
  g_auto(Cli) cli;
  g_autofree char *nines = g_strnfill (5000, '9');
  g_autofree char *zeros = g_strnfill (5000, '0');
  g_autofree char *seven = g_strconcat ("7.", zeros, NULL);
  g_autofree char *expected = NULL;

  cli_init (&cli);

  cli_run (&cli, "run", "--speed", nines);
  g_assert_cmpint (cli.status, ==, 2);
  expected = g_strdup_printf ("soleus-cli: --speed: '%.60s…' is not a number (0 to 6 km/h)\n",
                              nines);
  g_assert_cmpstr (cli.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  cli_run (&cli, "run", "--speed", seven);
  g_assert_cmpint (cli.status, ==, 2);
  expected = g_strdup_printf ("soleus-cli: --speed: %.60s… is out of range (0 to 6 km/h)\n",
                              seven);
  g_assert_cmpstr (cli.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  cli_run (&cli, "render", "--output", "leg.png", "--palette", "grün");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_true (g_str_has_prefix (cli.err, "soleus-cli: --palette: 'grün' is not one of"));

  cli_run (&cli, "render", "--output", "leg.png", "--palette", "gr\xfcn\x1b");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_true (g_str_has_prefix (cli.err,
                                   "soleus-cli: --palette: 'gr\\xfcn\\x1b' is not one of"));

  cli_run (&cli, "run", nines);
  g_assert_cmpint (cli.status, ==, 2);
  expected = g_strdup_printf ("soleus-cli: '%.60s…': unexpected argument", nines);
  g_assert_true (g_str_has_prefix (cli.err, expected));
}

/* A value out of range is refused in the same words on the command line as
 * in a scenario file. */
static void
test_error_same_words (void)
{
  g_auto(Cli) cli;
  g_autofree char *option_message = NULL;
  const char *tail;

  cli_init (&cli);
  cli_run (&cli, "run", "--valve-weakness", "1.5");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_true (g_str_has_prefix (cli.err, "soleus-cli: --"));
  option_message = g_strdup (cli.err + strlen ("soleus-cli: --"));

  write_file (&cli, "leg.soleus",
              "[Soleus Scenario]\nVersion=1\nTitle=Leg\n\n[Controls]\nvalve-weakness=1.5\n");
  cli_run (&cli, "run", "--scenario-file", "leg.soleus");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_true (g_str_has_prefix (cli.err, "soleus-cli: leg.soleus:6: "));
  tail = cli.err + strlen ("soleus-cli: leg.soleus:6: ");
  g_assert_cmpstr (tail, ==, option_message);
  g_assert_cmpstr (tail, ==, "valve-weakness: 1.5 is out of range (0 to 1)\n");
}

static void
add_scenario_file_error_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/error/scenario-file/%s",
                                               bad_files[i].name);
      g_test_add_data_func (path, &bad_files[i], test_bad_scenario_file);
    }

  add_error_case ("scenario-file/missing-file", NULL, "run", "--scenario-file",
                  "no-such.soleus", "--csv", "out.csv", NULL, "no-such.soleus", NULL);
  add_error_case ("scenario-file/empty-file", "empty.soleus", "run", "--scenario-file",
                  "empty.soleus", "--csv", "out.csv", NULL,
                  "soleus-cli: empty.soleus:1: empty", NULL);
  add_error_case ("scenario-file/missing-value", NULL, "run", "--scenario-file", NULL,
                  "--scenario-file", "missing", NULL);
  add_error_case ("scenario-file/with-scenario", NULL, "run", "--scenario", "healthy-walk",
                  "--scenario-file", "no-such.soleus", NULL,
                  "--scenario-file", "--scenario", NULL);
  add_error_case ("scenario-file/not-for-scenarios", NULL, "scenarios", "--scenario-file",
                  "x.soleus", NULL, "--scenario-file", "scenarios", NULL);
  add_error_case ("scenarios/save-unknown", NULL, "scenarios", "--save", "no-such",
                  "x.soleus", NULL, "--save", "no-such", "healthy-walk", NULL);
  add_error_case ("scenarios/save-no-file", NULL, "scenarios", "--save", "healthy-walk",
                  NULL, "--save", "NAME FILE", NULL);
  add_error_case ("scenarios/save-no-such-directory", NULL, "scenarios", "--save",
                  "healthy-walk", "no-such-dir/x.soleus", NULL, "no-such-dir", NULL);
}

/* ---------------------------------------------------------------------- */
/* record: a video (MP4, WebM or GIF); handout: the patient handout as a
 * PDF. Small, short recordings to keep the tests quick. Videos are read
 * back through GStreamer, GIFs parsed here. */

#define TINY "160x90"

typedef struct
{
  char         *caps;       /* of the demuxed video stream */
  guint         n_frames;
  GstClockTime  last_pts;
} VideoInfo;

static void
video_info_clear (VideoInfo *info)
{
  g_clear_pointer (&info->caps, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VideoInfo, video_info_clear)

/* The next sample, NULL at the end; fails the test on an error or when
 * nothing comes for a minute. */
static GstSample *
next_sample (GstElement *pipeline,
             GstElement *sink)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GstSample *sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
                                                        100 * GST_MSECOND);
      g_autoptr(GstMessage) message = NULL;

      if (sample != NULL)
        return sample;
      if (gst_app_sink_is_eos (GST_APP_SINK (sink)))
        return NULL;
      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      if (message != NULL)
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (message, &gst_error, NULL);
          g_error ("reading back: %s", gst_error->message);
        }
    }
  g_error ("reading back: no frame within a minute");
}

/* Runs description (its sink an appsink named "sink") to the end: the
 * first sample's caps, the number of samples, the last time and, when
 * first is given, the first sample. */
static void
pull_samples (const char    *description,
              VideoInfo     *info,
              GstSample    **first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  GstSample *sample;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "sync", FALSE, NULL);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  memset (info, 0, sizeof *info);
  /* Polled, so that an error ends the test rather than hanging it. */
  while ((sample = next_sample (pipeline, sink)) != NULL)
    {
      GstBuffer *buffer = gst_sample_get_buffer (sample);

      if (info->n_frames == 0)
        {
          info->caps = gst_caps_to_string (gst_sample_get_caps (sample));
          if (first != NULL)
            *first = gst_sample_ref (sample);
        }
      if (GST_BUFFER_PTS_IS_VALID (buffer))
        info->last_pts = MAX (info->last_pts, GST_BUFFER_PTS (buffer));
      info->n_frames++;
      gst_sample_unref (sample);
    }
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message != NULL)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("reading back: %s", gst_error->message);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

/* The video stream of an MP4 or WebM file as its demuxer gives it. */
static void
probe_video (Cli        *cli,
             const char *name,
             VideoInfo  *info)
{
  g_autofree char *path = build_path (cli, name);
  g_autofree char *location = g_strescape (path, NULL);
  g_autofree char *description =
    g_strdup_printf ("filesrc location=\"%s\" ! %s ! appsink name=sink", location,
                     g_str_has_suffix (name, ".webm") ? "matroskademux" : "qtdemux");

  pull_samples (description, info, NULL);
  g_test_message ("%s: %u frames, %s", name, info->n_frames, info->caps);
}

/* The first frame of a video, decoded. */
static cairo_surface_t *
load_video_frame (Cli        *cli,
                  const char *name)
{
  g_autofree char *path = build_path (cli, name);
  g_autofree char *location = g_strescape (path, NULL);
  g_autofree char *description =
    g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! "
                     "video/x-raw,format=BGRx ! appsink name=sink", location);
  g_auto(VideoInfo) info = { 0 };
  g_autoptr(GstSample) first = NULL;
  GstStructure *s;
  cairo_surface_t *surface;
  GstMapInfo map;
  int w = 0, h = 0;

  pull_samples (description, &info, &first);
  g_assert_nonnull (first);
  s = gst_caps_get_structure (gst_sample_get_caps (first), 0);
  g_assert_true (gst_structure_get_int (s, "width", &w));
  g_assert_true (gst_structure_get_int (s, "height", &h));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  g_assert_true (gst_buffer_map (gst_sample_get_buffer (first), &map, GST_MAP_READ));
  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    memcpy (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface),
            map.data + (gsize) y * w * 4, (gsize) w * 4);
  gst_buffer_unmap (gst_sample_get_buffer (first), &map);
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* A GIF's screen size, its frames and their delays, walked block by block
 * (GIF89a): every block must be where the format puts it. */
static void
parse_gif (GBytes *bytes,
           guint  *width,
           guint  *height,
           guint  *n_frames,
           guint  *delay_cs,
           gboolean *loops)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gsize at = 13;

  g_assert_cmpuint (length, >, 14);
  g_assert_cmpmem (data, 6, "GIF89a", 6);
  *width = data[6] | data[7] << 8;
  *height = data[8] | data[9] << 8;
  if (data[10] & 0x80)
    at += 3u << ((data[10] & 7) + 1);
  *n_frames = *delay_cs = 0;
  *loops = FALSE;
  for (;;)
    {
      g_assert_cmpuint (at, <, length);
      if (data[at] == 0x3b)
        break;
      if (data[at] == 0x21)
        {
          if (data[at + 1] == 0xf9)
            *delay_cs += data[at + 4] | data[at + 5] << 8;
          if (data[at + 1] == 0xff && memcmp (data + at + 3, "NETSCAPE2.0", 11) == 0)
            *loops = (data[at + 16] | data[at + 17] << 8) == 0;
          at += 2;
        }
      else
        {
          g_assert_cmphex (data[at], ==, 0x2c);
          g_assert_cmpuint (data[at + 9] & 0x80, ==, 0);
          at += 11;   /* the descriptor and the LZW minimum code size */
          (*n_frames)++;
        }
      /* Sub-blocks up to the terminator. */
      while (at < length && data[at] != 0)
        at += data[at] + 1;
      at++;
    }
  g_assert_cmpuint (at, ==, length - 1);
}

static void
test_record_mp4 (void)
{
  static const char *const names[] = { "walk.mp4", NULL };
  g_auto(VideoInfo) info = { 0 };
  g_auto(Cli) cli;
  cairo_surface_t *surface;

  cli_init (&cli);
  cli_run (&cli, "record", "--output", "walk.mp4", "--size", TINY, "--seconds", "1",
           "--fps", "10", "--posture", "standing", "--speed", "3", "--time", "30",
           "--caption", "--chart");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, "");
  assert_dir_holds (&cli, names);

  /* H.264, main profile: what PowerPoint, Keynote, Slides and Impress
   * play; seconds x fps frames, the last at 0.9 s. */
  probe_video (&cli, "walk.mp4", &info);
  g_assert_true (g_str_has_prefix (info.caps, "video/x-h264"));
  g_assert_nonnull (strstr (info.caps, "profile=(string)main"));
  g_assert_nonnull (strstr (info.caps, "width=(int)160"));
  g_assert_nonnull (strstr (info.caps, "height=(int)90"));
  g_assert_nonnull (strstr (info.caps, "framerate=(fraction)10/1"));
  g_assert_cmpuint (info.n_frames, ==, 10);
  g_assert_cmpuint (info.last_pts, ==, 900 * GST_MSECOND);

  /* It decodes to the picture: many colours, not a blank frame. */
  surface = load_video_frame (&cli, "walk.mp4");
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 160);
  g_assert_cmpuint (count_colours (surface, 50), >=, 50);
  cairo_surface_destroy (surface);

  /* Upper case is the same format; 0.5 s at 4 fps is 2 frames. */
  cli_run (&cli, "record", "--output", "LOOP.MP4", "--size", "32x16", "--seconds", "0.5",
           "--fps", "4", "--time", "0");
  assert_success (&cli);
  video_info_clear (&info);
  probe_video (&cli, "LOOP.MP4", &info);
  g_assert_cmpuint (info.n_frames, ==, 2);
}

static void
test_record_webm (void)
{
  g_auto(VideoInfo) info = { 0 };
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "record", "--output", "walk.webm", "--size", "128x72", "--seconds", "0.5",
           "--fps", "60", "--scenario", "healthy-walk", "--time", "100");
  assert_success (&cli);
  probe_video (&cli, "walk.webm", &info);
  g_assert_true (g_str_has_prefix (info.caps, "video/x-vp8"));
  g_assert_nonnull (strstr (info.caps, "width=(int)128"));
  g_assert_nonnull (strstr (info.caps, "height=(int)72"));
  g_assert_cmpuint (info.n_frames, ==, 30);
}

static void
test_record_gif (void)
{
  g_auto(Cli) cli;
  g_autoptr(GBytes) bytes = NULL;
  guint width, height, n_frames, delay_cs;
  gboolean loops;

  cli_init (&cli);
  cli_run (&cli, "record", "--output", "walk.gif", "--size", "161x91", "--seconds", "1",
           "--fps", "20", "--scenario", "healthy-walk", "--time", "100", "--chart");
  assert_success (&cli);
  bytes = read_bytes (&cli, "walk.gif");
  parse_gif (bytes, &width, &height, &n_frames, &delay_cs, &loops);
  /* Any size, odd too; 20 frames of 5 hundredths, looping. */
  g_assert_cmpuint (width, ==, 161);
  g_assert_cmpuint (height, ==, 91);
  g_assert_cmpuint (n_frames, ==, 20);
  g_assert_cmpuint (delay_cs, ==, 100);
  g_assert_true (loops);

  /* At 60 fps a GIF keeps every other frame. */
  cli_run (&cli, "record", "--output", "fast.gif", "--size", "32x16", "--seconds", "0.5",
           "--fps", "60", "--time", "0");
  assert_success (&cli);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = read_bytes (&cli, "fast.gif");
  parse_gif (bytes, &width, &height, &n_frames, &delay_cs, &loops);
  g_assert_cmpuint (n_frames, ==, 15);
  g_assert_cmpuint (delay_cs, ==, 50);
}

/* The same command paints the same frames: a GIF is the same bytes,
 * through a scenario's timeline. */
static void
test_record_deterministic (void)
{
  g_auto(Cli) cli;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  cli_init (&cli);
  cli_run (&cli, "record", "--output", "a.gif", "--size", TINY, "--seconds", "1",
           "--fps", "10", "--scenario", "healthy-walk", "--time", "119.5");
  assert_success (&cli);
  cli_run (&cli, "record", "--time=119.5", "--fps=10", "--scenario=healthy-walk",
           "--seconds=1", "--size", TINY, "--output", "b.gif");
  assert_success (&cli);

  first = read_bytes (&cli, "a.gif");
  second = read_bytes (&cli, "b.gif");
  g_assert_true (g_bytes_equal (first, second));
}

/* A scenario file plays as in run and render. */
static void
test_record_scenario_file (void)
{
  static const char *const names[] = { "v.soleus", "v.mp4", NULL };
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "scenarios", "--save", "varicose-veins", "v.soleus");
  assert_success (&cli);
  cli_run (&cli, "record", "--output", "v.mp4", "--size", TINY, "--seconds", "1",
           "--fps", "10", "--scenario-file", "v.soleus", "--time", "60");
  assert_success (&cli);
  assert_dir_holds (&cli, names);
}

/* record and handout onto a full device say so; a link stays a link. */
static void
test_export_full (void)
{
  static const char *const videos[] = { "loop.mp4", "loop.webm", "loop.gif" };
  g_auto(Cli) cli;
  g_autofree char *pdf = NULL;

  if (!have_full_device ())
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  cli_init (&cli);
  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    {
      g_autofree char *link = build_path (&cli, videos[i]);

      g_assert_cmpint (symlink ("/dev/full", link), ==, 0);
      cli_run (&cli, "record", "--output", videos[i], "--size", TINY, "--seconds", "1",
               "--fps", "5");
      assert_disk_full (&cli);
      g_assert_nonnull (strstr (cli.err, videos[i]));
      g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    }

  pdf = build_path (&cli, "handout.pdf");
  g_assert_cmpint (symlink ("/dev/full", pdf), ==, 0);
  cli_run (&cli, "handout", "--output", "handout.pdf");
  assert_disk_full (&cli);
  g_assert_nonnull (strstr (cli.err, "handout.pdf"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_SYMLINK));
}

/* A place that cannot be written: one line, status 2, no file. */
static void
test_record_unwritable (void)
{
  g_auto(Cli) cli;
  g_autofree char *locked = NULL;
  const char *output;

  cli_init (&cli);
  if (geteuid () == 0)
    output = "/proc/self/soleus-leg.mp4";   /* even root cannot make files there */
  else
    {
      locked = build_path (&cli, "locked");
      g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
      output = "locked/leg.mp4";
    }

  cli_run (&cli, "record", "--output", output, "--size", TINY, "--seconds", "1");
  if (locked != NULL)
    g_chmod (locked, 0755);

  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (cli.out, ==, "");
  g_assert_cmpstr (strchr (cli.err, '\n'), ==, "\n");
  g_assert_nonnull (strstr (cli.err, "--output"));
  g_assert_nonnull (strstr (cli.err, output));
  if (locked != NULL)
    {
      g_auto(GStrv) entries = dir_entries (locked);

      g_assert_cmpuint (g_strv_length (entries), ==, 0);
    }
  else
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* An existing file is replaced only by a whole new one. */
static void
test_record_replace (void)
{
  static const char *const names[] = { "leg.mp4", NULL };
  g_auto(VideoInfo) info = { 0 };
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  cli_init (&cli);
  path = build_path (&cli, "leg.mp4");
  g_assert_true (g_file_set_contents (path, "older", -1, NULL));

  /* Refused: the old file stays as it was. */
  cli_run (&cli, "record", "--output", "leg.mp4", "--size", "161x90", "--seconds", "1");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_nonnull (strstr (cli.err, "even"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "older");
  assert_dir_holds (&cli, names);

  cli_run (&cli, "record", "--output", "leg.mp4", "--size", TINY, "--seconds", "0.5",
           "--fps", "10");
  assert_success (&cli);
  assert_dir_holds (&cli, names);
  probe_video (&cli, "leg.mp4", &info);
  g_assert_cmpuint (info.n_frames, ==, 5);
}

/* Stopped while it records, record leaves nothing: not its temporary
 * file, not the encoder's. */
static void
test_record_interrupted (void)
{
  g_auto(Cli) cli;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmpdir = NULL;

  cli_init (&cli);
  tmpdir = build_path (&cli, "tmp");
  g_assert_cmpint (g_mkdir (tmpdir, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, cli.dir);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmpdir, TRUE);
  /* Ten minutes of full HD: still recording when stopped. */
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "record",
                                         "--output", "leg.mp4", "--seconds", "600",
                                         "--size", "1920x1080", NULL);
  g_assert_no_error (error);

  /* Wait for the temporary file, for up to 60 s. */
  for (guint i = 0; i < 6000 && tmp_name == NULL; i++)
    {
      g_auto(GStrv) entries = dir_entries (cli.dir);

      for (guint k = 0; entries[k] != NULL && tmp_name == NULL; k++)
        if (g_str_has_prefix (entries[k], ".soleus-tmp-"))
          tmp_name = g_strdup (entries[k]);
      if (tmp_name == NULL)
        g_usleep (10000);
    }
  g_assert_nonnull (tmp_name);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (process) &&
                  g_subprocess_get_exit_status (process) == 0);

  {
    g_auto(GStrv) entries = dir_entries (cli.dir);
    g_auto(GStrv) tmp_entries = dir_entries (tmpdir);

    /* Only the empty tmp directory: the encoder's file was never named. */
    g_assert_cmpuint (g_strv_length (entries), ==, 1);
    g_assert_cmpstr (entries[0], ==, "tmp");
    g_assert_cmpuint (g_strv_length (tmp_entries), ==, 0);
  }
}

/* Without a GStreamer element a format needs: one line naming the
 * element and the Debian package, status 2, no file; GIF still works.
 * GStreamer is shown a plugin directory without the x264 plugin. */
static void
test_record_missing_element (void)
{
  static const char *const gif_only[] = { "plugins", "registry.bin", "leg.gif", NULL };
  g_auto(Cli) cli;
  g_autofree char *plugins = NULL;
  g_autofree char *registry = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_linked = 0;

  cli_init (&cli);
  plugins = build_path (&cli, "plugins");
  registry = build_path (&cli, "registry.bin");
  g_assert_cmpint (g_mkdir (plugins, 0700), ==, 0);
  dir = g_dir_open (GST_PLUGINS_DIR, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".so") && strcmp (name, "libgstx264.so") != 0)
      {
        g_autofree char *from = g_build_filename (GST_PLUGINS_DIR, name, NULL);
        g_autofree char *to = g_build_filename (plugins, name, NULL);

        g_assert_cmpint (symlink (from, to), ==, 0);
        n_linked++;
      }
  g_assert_cmpuint (n_linked, >, 10);

  cli.env = g_get_environ ();
  cli.env = g_environ_setenv (cli.env, "GST_PLUGIN_SYSTEM_PATH_1_0", plugins, TRUE);
  cli.env = g_environ_setenv (cli.env, "GST_PLUGIN_PATH_1_0", "", TRUE);
  cli.env = g_environ_setenv (cli.env, "GST_REGISTRY_1_0", registry, TRUE);

  cli_run (&cli, "record", "--output", "leg.mp4", "--size", TINY, "--seconds", "0.5");
  g_assert_cmpint (cli.status, ==, 2);
  g_assert_cmpstr (strchr (cli.err, '\n'), ==, "\n");
  g_assert_nonnull (strstr (cli.err, "x264enc"));
  g_assert_nonnull (strstr (cli.err, "gstreamer1.0-plugins-ugly"));
  {
    g_autofree char *mp4 = build_path (&cli, "leg.mp4");

    g_assert_false (g_file_test (mp4, G_FILE_TEST_EXISTS));
  }

  /* WebM needs no x264, GIF no GStreamer. */
  cli_run (&cli, "record", "--output", "leg.webm", "--size", TINY, "--seconds", "0.5");
  assert_success (&cli);
  {
    g_autofree char *webm = build_path (&cli, "leg.webm");

    g_assert_cmpint (g_unlink (webm), ==, 0);
  }
  cli_run (&cli, "record", "--output", "leg.gif", "--size", TINY, "--seconds", "0.5");
  assert_success (&cli);
  assert_dir_holds (&cli, gif_only);
}

/* On a terminal, a progress line on stderr that ends at 100 %; off one
 * (every other test), nothing. */
static void
test_record_progress (void)
{
  g_auto(Cli) cli;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int master, slave;
  char buffer[4096];
  gssize n;

  cli_init (&cli);
  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, cli.dir);
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "record",
                                         "--output", "leg.gif", "--size", TINY,
                                         "--seconds", "1", "--fps", "10", NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);   /* closes this side's copy of the terminal */
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (exit_status (process), ==, 0);

  g_unix_set_fd_nonblocking (master, TRUE, NULL);
  while ((n = read (master, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (master);

  {
    g_autofree char *shown = g_strescape (text->str, NULL);

    g_test_message ("progress: %s", shown);
  }
  g_assert_nonnull (strstr (text->str, "\r"));
  g_assert_nonnull (strstr (text->str, "100 %"));
  g_assert_nonnull (strstr (text->str, "10 of 10"));
}

static void
test_record_help (void)
{
  static const char *const options[] = {
    "--output ", "--scenario ", "--scenario-file ", "--time ", "--seconds ", "--fps ",
    "--size ", "--palette ", "--caption", "--chart", ".mp4", ".webm", ".gif", "3840",
    "1920x1080", NULL
  };
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "record", "--help");
  assert_success (&cli);
  for (guint i = 0; options[i] != NULL; i++)
    if (strstr (cli.out, options[i]) == NULL)
      g_error ("'%s' not in the help", options[i]);
  g_assert_null (strstr (cli.out, "--csv"));
  g_assert_null (strstr (cli.out, ".svg"));
  g_assert_null (strstr (cli.out, "APNG"));
}

static void
test_handout_pdf (void)
{
  static const char *const names[] = { "handout.pdf", NULL };
  g_auto(Cli) cli;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  cli_init (&cli);
  cli_run (&cli, "handout", "--output", "handout.pdf", "--scenario", "varicose-veins",
           "--time", "60");
  assert_success (&cli);
  g_assert_cmpstr (cli.out, ==, "");
  assert_dir_holds (&cli, names);

  path = build_path (&cli, "handout.pdf");
  g_file_get_contents (path, &pdf, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

#ifdef HAVE_POPPLER
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
    g_autofree char *text = NULL;
    PopplerDocument *document;
    PopplerPage *page;
    double width, height;

    g_assert_no_error (error);
    document = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);

    /* A4 portrait, and the note that it is no diagnosis. */
    page = poppler_document_get_page (document, 0);
    poppler_page_get_size (page, &width, &height);
    g_assert_cmpfloat_with_epsilon (width, 595.3, 1.0);
    g_assert_cmpfloat_with_epsilon (height, 841.9, 1.0);
    text = poppler_page_get_text (page);
    g_assert_nonnull (text);
    /* Pango may break the sentence over two lines. */
    g_strdelimit (text, "\n", ' ');
    if (strstr (text, "not a diagnostic tool") == NULL)
      g_error ("'not a diagnostic tool' not in the handout: %s", text);
    g_object_unref (page);
    g_object_unref (document);
  }
#else
  g_test_message ("poppler-glib not found: the PDF is not read back");
#endif

  /* Without a scenario, lower case or not. */
  cli_run (&cli, "handout", "--output", "LEG.PDF", "--posture", "standing",
           "--valve-weakness", "0.7", "--time", "30");
  assert_success (&cli);
  {
    static const char *const both[] = { "handout.pdf", "LEG.PDF", NULL };

    assert_dir_holds (&cli, both);
  }
}

/* The handout's date is written out in the page's language, its numbers
 * are in the units asked for, and it has a box for the clinician's notes:
 * in English and in each translation. */
static void
test_handout_languages (void)
{
  static const struct
  {
    const char *language;
    const char *date;
    const char *notes;
  } pages[] = {
    { "C", "3 December 2026", "Notes from your clinician" },
    { "de", "3. Dezember 2026", "Notizen Ihrer Ärztin oder Ihres Arztes" },
    { "fr", "3 décembre 2026", "Notes de votre professionnel de santé" },
    { "es", "3 de diciembre de 2026", "Notas de su profesional sanitario" },
  };
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_auto(Cli) cli;
      g_autofree char *path = NULL;

      g_setenv ("LANGUAGE", pages[i].language, TRUE);
      cli_init (&cli);
      cli_run (&cli, "handout", "--output", "handout.pdf", "--posture", "standing",
               "--time", "10", "--date", "2026-12-03", "--pressure-unit", "kpa",
               "--weight-unit", "lb");
      assert_success (&cli);
      path = build_path (&cli, "handout.pdf");
#ifdef HAVE_POPPLER
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
        g_autofree char *text = NULL;
        PopplerDocument *document;
        PopplerPage *page;

        g_assert_no_error (error);
        document = poppler_document_new_from_file (uri, NULL, &error);
        g_assert_no_error (error);
        page = poppler_document_get_page (document, 0);
        text = poppler_page_get_text (page);
        g_strdelimit (text, "\n", ' ');
        if (strstr (text, pages[i].date) == NULL || strstr (text, pages[i].notes) == NULL
            || strstr (text, "kPa") == NULL || strstr (text, "165 lb") == NULL
            || strstr (text, "mmHg") != NULL)
          g_error ("LANGUAGE=%s: the handout lacks “%s”, “%s”, kPa or 165 lb, "
                   "or has mmHg: %s", pages[i].language, pages[i].date, pages[i].notes, text);
        g_object_unref (page);
        g_object_unref (document);
      }
#else
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_test_message ("poppler-glib not found: the PDF is not read back");
#endif
    }

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_handout_help (void)
{
  static const char *const options[] = {
    "--output ", "--scenario ", "--scenario-file ", "--time ", ".pdf", "--valve-weakness ",
    "--pressure-unit ", "--weight-unit ", "--date ",
    NULL
  };
  g_auto(Cli) cli;

  cli_init (&cli);
  cli_run (&cli, "handout", "--help");
  assert_success (&cli);
  for (guint i = 0; options[i] != NULL; i++)
    if (strstr (cli.out, options[i]) == NULL)
      g_error ("'%s' not in the help", options[i]);
  g_assert_null (strstr (cli.out, "--size"));
  g_assert_null (strstr (cli.out, "--palette"));
}

static void
add_export_error_cases (void)
{
  /* record: never a file, not even a temporary one. */
  add_error_case ("record/missing-output", NULL, "record", "--size", TINY, NULL,
                  "--output", "missing", ".mp4", NULL);
  add_error_case ("record/output-empty", NULL, "record", "--output", "", NULL,
                  "--output", ".mp4", NULL);
  add_error_case ("record/svg", NULL, "record", "--output", "leg.svg", NULL,
                  "--output", "'leg.svg'", ".mp4", NULL);
  add_error_case ("record/png", NULL, "record", "--output", "leg.png", NULL,
                  "--output", "'leg.png'", ".mp4", ".webm", ".gif", NULL);
  add_error_case ("record/no-extension", NULL, "record", "--output", "leg", NULL,
                  "--output", "'leg'", ".mp4", NULL);
  add_error_case ("record/fps-zero", NULL, "record", "--output", "leg.mp4", "--fps", "0",
                  NULL, "--fps", "out of range", "1", "60", NULL);
  add_error_case ("record/fps-above-range", NULL, "record", "--output", "leg.mp4",
                  "--fps", "100", NULL, "--fps", "out of range", "1", "60", NULL);
  add_error_case ("record/fps-not-a-number", NULL, "record", "--output", "leg.mp4",
                  "--fps", "fast", NULL, "--fps", "not a number", NULL);
  add_error_case ("record/seconds-zero", NULL, "record", "--output", "leg.mp4",
                  "--seconds", "0", NULL, "--seconds", "out of range", "600", NULL);
  add_error_case ("record/seconds-negative", NULL, "record", "--output", "leg.mp4",
                  "--seconds", "-1", NULL, "--seconds", "out of range", "600", NULL);
  add_error_case ("record/seconds-missing-value", NULL, "record", "--output", "leg.mp4",
                  "--seconds", NULL, "--seconds", "missing", NULL);
  add_error_case ("record/seconds-above-range", NULL, "record", "--output", "leg.mp4",
                  "--seconds", "601", "--fps", "60", NULL, "--seconds", "600", NULL);
  add_error_case ("record/size-above-range", NULL, "record", "--output", "leg.mp4",
                  "--size", "4000x100", NULL, "--size", "out of range", "16", "3840", NULL);
  add_error_case ("record/size-below-range", NULL, "record", "--output", "leg.mp4",
                  "--size", "15x100", NULL, "--size", "out of range", "16", "3840", NULL);
  add_error_case ("record/size-one-side", NULL, "record", "--output", "leg.mp4",
                  "--size", "160", NULL, "--size", "WIDTHxHEIGHT", "3840", NULL);
  add_error_case ("record/size-odd", NULL, "record", "--output", "leg.webm",
                  "--size", "160x91", NULL, "160 × 91", "even", NULL);
  add_error_case ("record/time-negative", NULL, "record", "--output", "leg.mp4",
                  "--time", "-1", NULL, "--time", "out of range", NULL);
  add_error_case ("record/control-above-range", NULL, "record", "--output", "leg.mp4",
                  "--speed", "99", NULL, "--speed", "out of range", NULL);
  add_error_case ("record/csv-option", NULL, "record", "--output", "leg.mp4",
                  "--csv", "out.csv", NULL, "--csv", "record", NULL);
  add_error_case ("record/no-such-directory", NULL, "record", "--output",
                  "no-such-dir/leg.mp4", "--size", TINY, "--seconds", "1", "--fps", "1",
                  NULL, "--output", "no-such-dir/leg.mp4", NULL);
  add_error_case ("record/extra-argument", NULL, "record", "--output", "leg.mp4",
                  "leg2.mp4", NULL, "'leg2.mp4'", NULL);

  /* handout */
  add_error_case ("handout/missing-output", NULL, "handout", "--time", "10", NULL,
                  "--output", "missing", ".pdf", NULL);
  add_error_case ("handout/png", NULL, "handout", "--output", "handout.png", NULL,
                  "--output", "'handout.png'", ".pdf", NULL);
  add_error_case ("handout/no-extension", NULL, "handout", "--output", "handout", NULL,
                  "--output", ".pdf", NULL);
  add_error_case ("handout/size-option", NULL, "handout", "--output", "h.pdf",
                  "--size", "100x100", NULL, "--size", "handout", NULL);
  add_error_case ("handout/palette-option", NULL, "handout", "--output", "h.pdf",
                  "--palette", "dark", NULL, "--palette", "handout", NULL);
  add_error_case ("handout/time-negative", NULL, "handout", "--output", "h.pdf",
                  "--time", "-1", NULL, "--time", "out of range", "604800", NULL);
  add_error_case ("handout/control-below-range", NULL, "handout", "--output", "h.pdf",
                  "--valve-weakness", "-1", NULL, "--valve-weakness", "out of range", NULL);
  add_error_case ("handout/unknown-scenario", NULL, "handout", "--output", "h.pdf",
                  "--scenario", "no-such-scenario", NULL, "--scenario", "no-such-scenario",
                  NULL);
  add_error_case ("handout/no-such-directory", NULL, "handout", "--output",
                  "no-such-dir/h.pdf", "--time", "1", NULL, "--output", "no-such-dir/h.pdf",
                  NULL);
  add_error_case ("handout/not-a-directory", "plain-file", "handout", "--output",
                  "plain-file/h.pdf", "--time", "1", NULL, "--output", "plain-file/h.pdf",
                  NULL);
}

int
main (int    argc,
      char **argv)
{
  const char *group;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  /* Absolute: each test runs soleus-cli from its own directory. */
  if (argc > 1)
    cli_path = g_canonicalize_filename (argv[1], NULL);
  else if (g_getenv ("SOLEUS_CLI") != NULL)
    cli_path = g_canonicalize_filename (g_getenv ("SOLEUS_CLI"), NULL);

  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("usage: test-cli PATH-TO-SOLEUS-CLI "
                  "[basics|run|protocol|render|export|errors]\n"
                  "       (or set SOLEUS_CLI)\n");
      return 1;
    }

  /* An optional group, so that meson runs the groups side by side. */
  group = argc > 2 ? argv[2] : NULL;

  if (group == NULL || g_str_equal (group, "basics"))
    {
      g_test_add_func ("/cli/help", test_help);
      g_test_add_func ("/cli/help/options", test_help_options);
      g_test_add_func ("/cli/help/stdout-full", test_help_stdout_full);
      g_test_add_func ("/cli/help/anywhere", test_help_anywhere);
      g_test_add_func ("/cli/version", test_version);
      g_test_add_func ("/cli/scenarios", test_scenarios);
      g_test_add_func ("/cli/scenarios/save", test_scenarios_save);
      g_test_add_func ("/cli/bench", test_bench);
    }
  if (group == NULL || g_str_equal (group, "run"))
    {
      g_test_add_func ("/cli/run/json", test_run_json);
      g_test_add_func ("/cli/run/text", test_run_text);
      g_test_add_func ("/cli/run/negative-zero", test_run_negative_zero);
      g_test_add_func ("/cli/run/option-forms", test_run_option_forms);
      g_test_add_func ("/cli/run/scenarios", test_run_scenarios);
      g_test_add_func ("/cli/run/scenario-duration", test_run_scenario_duration);
      g_test_add_func ("/cli/run/scenario-timeline", test_run_scenario_timeline);
      g_test_add_func ("/cli/run/deterministic", test_run_deterministic);
      g_test_add_func ("/cli/run/sampling-independent", test_run_sampling_independent);
      g_test_add_func ("/cli/run/csv", test_run_csv);
      g_test_add_func ("/cli/run/csv-stdout", test_run_csv_stdout);
      g_test_add_func ("/cli/run/csv-replace", test_run_csv_replace);
      g_test_add_func ("/cli/run/csv-special", test_run_csv_special);
      g_test_add_func ("/cli/run/csv-stdout-path", test_run_csv_stdout_path);
      g_test_add_func ("/cli/run/csv-full", test_run_csv_full);
      g_test_add_func ("/cli/run/csv-stdout-full", test_run_csv_stdout_full);
      g_test_add_func ("/cli/run/csv-interrupted", test_run_csv_interrupted);
      g_test_add_func ("/cli/run/scenario-file", test_run_scenario_file);
      g_test_add_func ("/cli/run/scenario-file-csv", test_run_scenario_file_csv);
      g_test_add_func ("/cli/run/scenario-file-controls", test_run_scenario_file_controls);
      g_test_add_func ("/cli/run/scenario-file-sample", test_run_scenario_file_sample);
      g_test_add_func ("/cli/run/scenario-file-control-characters",
                       test_scenario_file_control_characters);
    }
  if (group == NULL || g_str_equal (group, "protocol"))
    {
      g_test_add_func ("/cli/protocol/avp", test_protocol_avp);
      g_test_add_func ("/cli/protocol/apg", test_protocol_apg);
      g_test_add_func ("/cli/protocol/posture", test_protocol_posture);
      g_test_add_func ("/cli/protocol/controls", test_protocol_controls);
      g_test_add_func ("/cli/protocol/scenario", test_protocol_scenario);
      g_test_add_func ("/cli/protocol/scenario-file", test_protocol_scenario_file);
    }
  if (group == NULL || g_str_equal (group, "render"))
    {
      g_test_add_func ("/cli/render/png", test_render_png);
      g_test_add_func ("/cli/render/default-size", test_render_default_size);
      g_test_add_func ("/cli/render/svg", test_render_svg);
      g_test_add_func ("/cli/render/pdf", test_render_pdf);
      g_test_add_func ("/cli/render/deterministic", test_render_deterministic);
      g_test_add_func ("/cli/render/default-time", test_render_default_time);
      g_test_add_func ("/cli/render/controls", test_render_controls);
      g_test_add_func ("/cli/render/palettes", test_render_palettes);
      g_test_add_func ("/cli/skin-tones", test_skin_tones);
      g_test_add_func ("/cli/figures", test_figures);
      g_test_add_func ("/cli/render/replace", test_render_replace);
      g_test_add_func ("/cli/render/unwritable", test_render_unwritable);
      g_test_add_func ("/cli/render/interrupted", test_render_interrupted);
      g_test_add_func ("/cli/render/help", test_render_help);
      g_test_add_func ("/cli/render/special", test_render_special);
      g_test_add_func ("/cli/render/extension-only", test_output_extension_only);
      g_test_add_func ("/cli/render/scenario-file", test_render_scenario_file);
    }
  if (group == NULL || g_str_equal (group, "export"))
    {
      g_test_add_func ("/cli/record/mp4", test_record_mp4);
      g_test_add_func ("/cli/record/webm", test_record_webm);
      g_test_add_func ("/cli/record/gif", test_record_gif);
      g_test_add_func ("/cli/record/deterministic", test_record_deterministic);
      g_test_add_func ("/cli/record/scenario-file", test_record_scenario_file);
      g_test_add_func ("/cli/record/help", test_record_help);
      g_test_add_func ("/cli/record/full", test_export_full);
      g_test_add_func ("/cli/record/unwritable", test_record_unwritable);
      g_test_add_func ("/cli/record/replace", test_record_replace);
      g_test_add_func ("/cli/record/interrupted", test_record_interrupted);
      g_test_add_func ("/cli/record/missing-element", test_record_missing_element);
      g_test_add_func ("/cli/record/progress", test_record_progress);
      g_test_add_func ("/cli/handout/pdf", test_handout_pdf);
      g_test_add_func ("/cli/handout/help", test_handout_help);
      g_test_add_func ("/cli/handout/languages", test_handout_languages);
    }
  if (group == NULL || g_str_equal (group, "errors"))
    {
      add_error_cases ();
      add_scenario_file_error_cases ();
      g_test_add_func ("/cli/error/scenario-file/special", test_scenario_file_special);
      g_test_add_func ("/cli/error/scenario-file/too-large", test_scenario_file_too_large);
      g_test_add_func ("/cli/error/scenario-file/twice", test_scenario_file_twice);
      g_test_add_func ("/cli/error/echo", test_error_echo);
      g_test_add_func ("/cli/error/same-words", test_error_same_words);
      add_export_error_cases ();
    }

  return g_test_run ();
}
