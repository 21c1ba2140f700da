/* soleus-cli-bench.c: `soleus-cli bench`, how fast the model runs and the
 * leg is painted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Figures, not assertions: simulated seconds per CPU second on one thread
 * (CLOCK_PROCESS_CPUTIME_ID, so other processes on a shared machine do not
 * count), walking and in each still posture, and the heap allocations per
 * step (see soleus-cli-alloc.c for how they are counted); then the painter's
 * milliseconds per animated frame at 1920x1080 and 3840x2160 (the median)
 * and for the first frame of a new scene, by the clock on the wall and by
 * the painting thread's CPU clock, as the render layer measures them
 * (soleus_render_bench ()); then recording a
 * walk to MP4 at 1920x1080 and 30 fps (10 s of it at the default
 * --cpu-seconds), painted and encoded, into /dev/null: the wall-clock
 * seconds, the CPU seconds of all the process's threads (GStreamer encodes
 * in its own), and the simulated seconds recorded per CPU second, above 1
 * when one core would record faster than real time. Each section of the
 * benchmark is a row of bench_sections[].
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <time.h>

#include "soleus-cli-private.h"
#include "soleus-recorder.h"
#include "soleus-render-export.h"

#define BENCH_OPTIONS (SOLEUS_CLI_OPT_JSON | SOLEUS_CLI_OPT_CPU_SECONDS)

/* The clinical walking test's speed (physiology.md, P2). */
#define BENCH_SPEED_KMH 3.0
/* Simulated time before timing starts: past the first transients. */
#define WARMUP_S 10.0
/* Steps per timed chunk: 1 simulated second. */
#define CHUNK_STEPS ((uint64_t) llround (1.0 / SOLEUS_STEP_S))

double
soleus_cli_cpu_time_s (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return NAN;

  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static void
add_figure (GArray     *figures,
            const char *key,
            const char *label,
            const char *unit,
            const char *format,
            double      value)
{
  SoleusCliFigure figure = { key, label, unit, format, value };

  g_array_append_val (figures, figure);
}

typedef struct
{
  double  realtime_factor;
  guint64 steps;
  guint64 allocs;
  gboolean allocs_counted;
} Measurement;

static gboolean
measure (SoleusPosture   posture,
         double          speed_kmh,
         double          cpu_seconds,
         Measurement    *out,
         GError        **error)
{
  SoleusModel *model = soleus_model_new ();
  guint64 allocs_before = 0;
  guint64 allocs_after = 0;
  double start, elapsed;
  guint64 steps = 0;

  if (model == NULL ||
      !soleus_model_set_param (model, SOLEUS_PARAM_POSTURE, posture) ||
      !soleus_model_set_param (model, SOLEUS_PARAM_SPEED_KMH, speed_kmh))
    {
      soleus_model_free (model);
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_FAILED,
                   _("bench: the model refused its controls"));
      return FALSE;
    }

  soleus_model_advance_to (model, WARMUP_S);

  out->allocs_counted = soleus_cli_alloc_count (&allocs_before);
  start = soleus_cli_cpu_time_s ();
  do
    {
      soleus_model_step (model, CHUNK_STEPS);
      steps += CHUNK_STEPS;
      elapsed = soleus_cli_cpu_time_s () - start;
    }
  while (elapsed < cpu_seconds);
  soleus_cli_alloc_count (&allocs_after);

  soleus_model_free (model);

  out->steps = steps;
  out->allocs = allocs_after - allocs_before;
  out->realtime_factor = elapsed > 0 ? (double) steps * SOLEUS_STEP_S / elapsed : NAN;
  return TRUE;
}

static gboolean
bench_model (double    cpu_seconds,
             GArray   *figures,
             GError  **error)
{
  static const struct
  {
    SoleusPosture  posture;
    const char    *key;
    const char    *label;
  } still[] = {
    { SOLEUS_POSTURE_SUPINE,   "still_supine_realtime_factor",   N_("Lying still") },
    { SOLEUS_POSTURE_SITTING,  "still_sitting_realtime_factor",  N_("Sitting still") },
    { SOLEUS_POSTURE_STANDING, "still_standing_realtime_factor", N_("Standing still") },
    { SOLEUS_POSTURE_LEGS_UP,  "still_legs_up_realtime_factor",  N_("Lying with the legs up") },
  };
  Measurement walking;
  Measurement m;
  double still_min = INFINITY;
  double sitting = NAN;
  guint64 steps, allocs;
  gboolean counted;

  if (!measure (SOLEUS_POSTURE_STANDING, BENCH_SPEED_KMH, cpu_seconds, &walking, error))
    return FALSE;

  add_figure (figures, "walking_realtime_factor",
              N_("Walking at 3 km/h"), N_("× real time"), "%.0f",
              walking.realtime_factor);

  steps = walking.steps;
  allocs = walking.allocs;
  counted = walking.allocs_counted;

  for (guint i = 0; i < G_N_ELEMENTS (still); i++)
    {
      if (!measure (still[i].posture, 0.0, cpu_seconds, &m, error))
        return FALSE;

      add_figure (figures, still[i].key, still[i].label, N_("× real time"), "%.0f",
                  m.realtime_factor);
      still_min = fmin (still_min, m.realtime_factor);
      if (still[i].posture == SOLEUS_POSTURE_SITTING)
        sitting = m.realtime_factor;

      steps += m.steps;
      allocs += m.allocs;
    }

  /* The slowest still posture: the figure to hold against the target. */
  add_figure (figures, "still_realtime_factor",
              N_("Still, slowest posture"), N_("× real time"), "%.0f", still_min);
  add_figure (figures, "flight_10h_cpu_s",
              N_("A 10 h seated flight takes"), N_("s of CPU"), "%.2f",
              10.0 * 3600.0 / sitting);
  add_figure (figures, "allocations_per_step",
              N_("Heap allocations per step"), "", "%.3g",
              counted && steps > 0 ? (double) allocs / (double) steps : NAN);
  return TRUE;
}

/* Frames painted at each size per second of --cpu-seconds: 120, two seconds
 * of animation, by default; never fewer than RENDER_MIN_FRAMES, for a
 * median worth the name. */
#define RENDER_FRAMES_PER_CPU_S 240.0
#define RENDER_MIN_FRAMES 9
#define RENDER_MAX_FRAMES 2400

/* The painter's clock counts microseconds: more digits would be noise
 * ("8.873000000000001"). NaN for a figure that could not be measured. */
static double
round_to_us (double ms)
{
  return ms > 0 ? round (ms * 1000.0) / 1000.0 : NAN;
}

static gboolean
bench_render (double    cpu_seconds,
              GArray   *figures,
              GError  **error)
{
  SoleusRenderBench bench;
  guint n_frames;

  n_frames = (guint) CLAMP (lround (cpu_seconds * RENDER_FRAMES_PER_CPU_S),
                            RENDER_MIN_FRAMES, RENDER_MAX_FRAMES);
  soleus_render_bench (n_frames, &bench);

  add_figure (figures, "paint_ms_1080p",
              N_("Painting a frame at 1920×1080 (median, wall clock)"), N_("ms"), "%.2f",
              round_to_us (bench.paint_ms_1080p));
  add_figure (figures, "paint_ms_2160p",
              N_("Painting a frame at 3840×2160 (median, wall clock)"), N_("ms"), "%.2f",
              round_to_us (bench.paint_ms_2160p));
  add_figure (figures, "first_paint_ms",
              N_("First frame of a new scene at 1920×1080 (wall clock)"), N_("ms"), "%.1f",
              round_to_us (bench.first_paint_ms));
  /* The same by the painting thread's CPU clock: on a shared machine the
   * wall clock also counts the time other processes take. */
  add_figure (figures, "paint_cpu_ms_1080p",
              N_("Painting a frame at 1920×1080 (median, CPU time)"), N_("ms"), "%.2f",
              round_to_us (bench.paint_cpu_ms_1080p));
  add_figure (figures, "paint_cpu_ms_2160p",
              N_("Painting a frame at 3840×2160 (median, CPU time)"), N_("ms"), "%.2f",
              round_to_us (bench.paint_cpu_ms_2160p));
  add_figure (figures, "first_paint_cpu_ms",
              N_("First frame of a new scene at 1920×1080 (CPU time)"), N_("ms"), "%.1f",
              round_to_us (bench.first_paint_cpu_ms));
  return TRUE;
}

/* Seconds of video per CPU second asked for: 10 s at the default 0.5. */
#define RECORD_S_PER_CPU_S 20.0

static gboolean
bench_record (double    cpu_seconds,
              GArray   *figures,
              GError  **error)
{
  const SoleusScenario *walk = soleus_scenario_find ("healthy-walk");
  SoleusRecordOptions options;
  SoleusModel *model = soleus_model_new ();
  double wall = NAN, cpu = NAN;

  soleus_record_options_init (&options);
  options.seconds = CLAMP (round (cpu_seconds * RECORD_S_PER_CPU_S), 1.0, 10.0);
  options.width = 1920;
  options.height = 1080;
  options.fps = 30.0;
  options.caption = TRUE;
  options.chart = TRUE;

  soleus_scenario_start (walk, model);
  soleus_scenario_advance_to (walk, model, 60.0);
  /* Where MP4 cannot be written, the figures say "not measured". */
  if (soleus_video_format_is_available (options.format, NULL))
    {
      g_autoptr(GError) record_error = NULL;
      gint64 wall_start = g_get_monotonic_time ();
      double cpu_start = soleus_cli_cpu_time_s ();

      if (soleus_render_record_model (model, walk, &options, "/dev/null", &record_error))
        {
          cpu = soleus_cli_cpu_time_s () - cpu_start;
          wall = (g_get_monotonic_time () - wall_start) / (double) G_USEC_PER_SEC;
        }
      else
        g_printerr ("soleus-cli: bench: %s\n", record_error->message);
    }
  soleus_model_free (model);

  add_figure (figures, "record_mp4_1080p_seconds",
              N_("Video recorded: 1920×1080 at 30 fps, MP4, with caption and chart"),
              N_("s"), "%.0f", options.seconds);
  add_figure (figures, "record_mp4_1080p_wall_s",
              N_("Recording it (wall clock)"), N_("s"), "%.2f", wall);
  add_figure (figures, "record_mp4_1080p_cpu_s",
              N_("Recording it (CPU time of all threads)"), N_("s"), "%.2f", cpu);
  add_figure (figures, "record_mp4_1080p_realtime_factor",
              N_("Video seconds recorded per CPU second (above 1: faster than real time "
                 "on one core)"), "", "%.2f", cpu > 0 ? options.seconds / cpu : NAN);
  return TRUE;
}

typedef struct
{
  const char         *name;
  SoleusCliBenchFunc  func;
} BenchSection;

static const BenchSection bench_sections[] = {
  { "model",  bench_model },
  { "render", bench_render },
  { "record", bench_record },
};

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli bench [OPTION…]"),
    NULL,
  };

  return soleus_cli_print_help (usage,
                                _("Measure simulated seconds per CPU second on one thread, "
                                  "walking and in each still posture, and the heap "
                                  "allocations per step (malloc, calloc and realloc calls, "
                                  "counted by soleus-cli itself). Then time the painter by "
                                  "the clock on the wall and by its thread's CPU time: the "
                                  "median milliseconds per animated frame of a walk at "
                                  "1920×1080 and 3840×2160, and the first frame of a new "
                                  "scene. Last, record a walk to MP4 at 1920×1080 and 30 "
                                  "fps (10 seconds of it with the default --cpu-seconds) "
                                  "and give its wall-clock and CPU time."),
                                NULL, BENCH_OPTIONS, error);
}

gboolean
soleus_cli_bench (int      argc,
                  char   **argv,
                  GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (SoleusCliFigure));
  g_autofree char *output = NULL;
  guint64 ignored;

  if (!soleus_cli_parse_args (argv[0], BENCH_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (!soleus_cli_check_positional (&args, 0, argv[0], error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (bench_sections); i++)
    if (!bench_sections[i].func (args.cpu_seconds, figures, error))
      return FALSE;

  if (args.json)
    {
      g_autoptr(SoleusJson) json = soleus_cli_json_new_summary ();

      soleus_json_number (json, "cpu_seconds_per_measurement", args.cpu_seconds);
      for (guint i = 0; i < figures->len; i++)
        {
          const SoleusCliFigure *figure = &g_array_index (figures, SoleusCliFigure, i);

          soleus_json_number (json, figure->key, figure->value);
        }
      soleus_json_string (json, "allocation_counting",
                          soleus_cli_alloc_count (&ignored)
                          ? "malloc, calloc and realloc interposed in soleus-cli"
                          : NULL);
      output = soleus_cli_json_finish_summary (json);
    }
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, _("Soleus model %s, one thread, CPU time"),
                              soleus_cli_model_version ());
      g_string_append_c (text, '\n');
      for (guint i = 0; i < figures->len; i++)
        {
          const SoleusCliFigure *figure = &g_array_index (figures, SoleusCliFigure, i);

          g_string_append_printf (text, "  %s: ", _(figure->label));
          soleus_format_append (text, figure->format, figure->value,
                                _("not measured"));
          if (figure->unit[0] != '\0' && isfinite (figure->value))
            g_string_append_printf (text, " %s", _(figure->unit));
          g_string_append_c (text, '\n');
        }
      output = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return soleus_cli_print_stdout (output, error);
}
