/* test-csv.c: the one CSV dialect, and numbers as text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib.h>
#include <math.h>

#include "soleus-csv.h"
#include "soleus-format.h"

static void
test_preamble_and_comments (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  soleus_csv_preamble (out, "Soleus", "1.2.3", "4.5");
  soleus_csv_comment (out, "scenario_file", "two\nlines\x1b[2J.soleus");
  soleus_csv_comment_number (out, "valve-weakness", 0.4, "");
  soleus_csv_comment_number (out, "speed", 3.0, "km/h");
  g_assert_cmpstr (out->str, ==,
                   "# Soleus 1.2.3\n"
                   "# model_version: 4.5\n"
                   "# note: an educational model, not a diagnostic tool\n"
                   /* Escaped: the name stays on its comment line. */
                   "# scenario_file: two\\nlines\\x1b[2J.soleus\n"
                   "# valve-weakness: 0.4\n"
                   "# speed: 3 km/h\n");
}

static void
test_rows (void)
{
  g_autoptr(GString) out = g_string_new ("# comment\n");

  soleus_csv_field (out, "time_s");
  soleus_csv_field (out, "a,b");
  soleus_csv_field (out, "say \"hi\"");
  soleus_csv_end_row (out);
  soleus_csv_number (out, "%.3f", 1.0 / 3.0);
  soleus_csv_number (out, "%.4f", -0.00001);
  soleus_csv_number (out, "%.4f", NAN);
  soleus_csv_number (out, "%.7g", INFINITY);
  soleus_csv_field (out, "");
  soleus_csv_end_row (out);
  /* An empty first field keeps its place. */
  soleus_csv_number (out, "%.3f", NAN);
  soleus_csv_field (out, "x");
  soleus_csv_end_row (out);
  soleus_csv_field (out, "");
  soleus_csv_number (out, "%.1f", 2.25);
  soleus_csv_end_row (out);

  g_assert_cmpstr (out->str, ==,
                   "# comment\n"
                   "time_s,\"a,b\",\"say \"\"hi\"\"\"\n"
                   "0.333,0.0000,,,\n"
                   "\"\",x\n"
                   "\"\",2.2\n");
}

/* A valid range for messages: its ends as written in files. */
static void
test_range (void)
{
  g_autofree char *with_unit = soleus_format_range (0.5, 6, "km/h");
  g_autofree char *bare = soleus_format_range (0, 1, NULL);
  g_autofree char *tiny = soleus_format_range (1e-12, 0.35, "");

  g_assert_cmpstr (with_unit, ==, "0.5 to 6 km/h");
  g_assert_cmpstr (bare, ==, "0 to 1");
  g_assert_cmpstr (tiny, ==, "1e-12 to 0.35");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/csv/preamble-and-comments", test_preamble_and_comments);
  g_test_add_func ("/io/csv/rows", test_rows);
  g_test_add_func ("/io/csv/range", test_range);

  return g_test_run ();
}
