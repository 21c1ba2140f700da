/* bench-scenario-file.c: how long the scenario-file reader takes on the
 * largest files it accepts, as JSON
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `meson test --benchmark --suite render` or run directly. Two files of
 * nearly the 1 MiB limit: one of some 210,000 short distinct keys (each is
 * checked against those before it for a duplicate, then the file is refused
 * at its first unknown key), and a valid one of 40,000 presenter steps. The
 * fastest, the median and the slowest of a few parses of each, in
 * milliseconds (on a loaded machine the fastest says most). A parse
 * that does not end as it should (the first refused, the second loaded with
 * all its steps) is an error: the figures would mean nothing.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soleus-scenario-file.h"

#define LIMIT   (1024 * 1024)
#define REPEATS 7

/* Distinct short key names: "0", "1", ... "z", "10", ... in base 62. */
static void
append_key (GString *text,
            guint    n)
{
  static const char digits[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  char buf[16];
  int k = (int) sizeof buf;

  do
    {
      buf[--k] = digits[n % 62];
      n /= 62;
    }
  while (n > 0);
  g_string_append_len (text, buf + k, (gssize) sizeof buf - k);
}

static char *
make_many_keys (guint *n_keys)
{
  GString *text = g_string_new ("[Soleus Scenario]\nVersion=1\nTitle=Keys\n[Controls]\n");
  guint n = 0;

  /* "k=\n" lines, up to the limit. */
  for (;;)
    {
      gsize before = text->len;

      append_key (text, n);
      g_string_append (text, "=\n");
      if (text->len > LIMIT)
        {
          g_string_truncate (text, before);
          break;
        }
      n++;
    }
  *n_keys = n;
  return g_string_free (text, FALSE);
}

static char *
make_many_steps (guint n_steps)
{
  GString *text = g_string_new ("[Soleus Scenario]\nVersion=1\nTitle=Steps\n");

  for (guint i = 1; i <= n_steps; i++)
    {
      g_string_append_printf (text, "[Step %u]\nCaption=s\n", i);
      /* A time now and then, in order: the steps that play by themselves. */
      if (i % 100 == 0)
        g_string_append_printf (text, "Time=%u\n", i / 100);
    }
  return g_string_free (text, FALSE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Parses text REPEATS times; the fastest, median and slowest times in ms. FALSE when
 * the outcome differs from what is expected (n_steps, or a refusal when
 * n_steps is 0). */
static gboolean
time_parse (const char *text,
            guint       n_steps,
            double      ms_out[3])
{
  double ms[REPEATS];

  for (guint r = 0; r < REPEATS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SoleusScenarioFile) file = NULL;
      gint64 start = g_get_monotonic_time ();

      file = soleus_scenario_file_load_from_data (text, -1, "bench.soleus", &error);
      ms[r] = (double) (g_get_monotonic_time () - start) / 1000.0;

      if (n_steps == 0 && file != NULL)
        {
          fprintf (stderr, "bench-scenario-file: a file of unknown keys was accepted\n");
          return FALSE;
        }
      if (n_steps > 0 && (file == NULL || soleus_scenario_file_get_n_steps (file) != n_steps))
        {
          fprintf (stderr, "bench-scenario-file: the file of steps was not read: %s\n",
                   error != NULL ? error->message : "a wrong number of steps");
          return FALSE;
        }
    }

  qsort (ms, REPEATS, sizeof ms[0], compare_doubles);
  ms_out[0] = ms[0];
  ms_out[1] = ms[REPEATS / 2];
  ms_out[2] = ms[REPEATS - 1];
  return TRUE;
}

int
main (void)
{
  g_autofree char *keys = NULL;
  g_autofree char *steps = NULL;
  guint n_keys = 0;
  guint n_steps = 40000;
  double keys_ms[3];
  double steps_ms[3];

  keys = make_many_keys (&n_keys);
  steps = make_many_steps (n_steps);

  if (!time_parse (keys, 0, keys_ms) || !time_parse (steps, n_steps, steps_ms))
    return 1;

  printf ("{\n"
          "  \"many_keys\": { \"bytes\": %zu, \"keys\": %u, \"min_ms\": %.1f, "
          "\"median_ms\": %.1f, \"max_ms\": %.1f },\n"
          "  \"many_steps\": { \"bytes\": %zu, \"steps\": %u, \"min_ms\": %.1f, "
          "\"median_ms\": %.1f, \"max_ms\": %.1f },\n"
          "  \"repeats\": %d\n"
          "}\n",
          strlen (keys), n_keys, keys_ms[0], keys_ms[1], keys_ms[2],
          strlen (steps), n_steps, steps_ms[0], steps_ms[1], steps_ms[2], REPEATS);
  return 0;
}
