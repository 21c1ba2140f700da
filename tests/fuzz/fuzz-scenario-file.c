/* fuzz-scenario-file.c: libFuzzer target for the scenario-file reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built with -Dfuzzing=true (clang); run by build-aux/fuzz. Any input must
 * end in a file or in one error, never both, never a crash; the error is one
 * line of valid UTF-8 that names the file, with no control character and no
 * more than a few hundred characters of it; a file that loads must write
 * itself out and read back the same. The reader's own scan, which leaves
 * GKeyFile out when it can, must give what GKeyFile gives. The same input
 * also goes through the escaping that messages and the CLI's output use.
 */

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "soleus-scenario-file-private.h"
#include "soleus-text.h"

static void
check_message (const char *message)
{
  if (!g_utf8_validate (message, -1, NULL))
    g_error ("a message that is not UTF-8");
  if (!g_str_has_prefix (message, "fuzz.soleus"))
    g_error ("a message that does not name the file: %s", message);
  for (const char *c = message; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      g_error ("a control character 0x%02x in a message: %s", (guint) (guchar) *c, message);
  /* The longest fixed text (the list of controls) and two quotes of 60
   * characters, or a cut GKeyFile message, fit well within this. */
  if (g_utf8_strlen (message, -1) > 600)
    g_error ("a message of %ld characters: %s", (long) g_utf8_strlen (message, -1), message);
}

static void
check_same (double a,
            double b)
{
  if (!(isnan (a) && isnan (b)) && memcmp (&a, &b, sizeof a) != 0)
    g_error ("a value changed through a write and a read: %.17g, then %.17g", a, b);
}

static void
check_round_trip (SoleusScenarioFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) back = NULL;
  g_autofree char *text = NULL;
  double a[SOLEUS_N_PARAMS];
  double b[SOLEUS_N_PARAMS];
  gsize length = 0;

  /* What plays is in range. */
  soleus_scenario_file_get_controls (file, a);
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    if (!soleus_param_in_range ((SoleusParamId) id, a[id]) || signbit (a[id]))
      g_error ("control %d out of range or -0: %.17g", id, a[id]);

  text = soleus_scenario_file_to_data (file, &length);
  back = soleus_scenario_file_load_from_data (text, (gssize) length, "fuzz.soleus", &error);
  if (back == NULL)
    g_error ("a loaded file, written out, does not read back: %s\n%s", error->message, text);

  g_assert_cmpstr (soleus_scenario_file_get_title_for_locale (file, NULL), ==,
                   soleus_scenario_file_get_title_for_locale (back, NULL));
  g_assert_cmpstr (soleus_scenario_file_get_description_for_locale (file, NULL), ==,
                   soleus_scenario_file_get_description_for_locale (back, NULL));
  check_same (soleus_scenario_file_get_duration (file), soleus_scenario_file_get_duration (back));
  soleus_scenario_file_get_controls (back, b);
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    check_same (a[id], b[id]);

  g_assert_cmpuint (soleus_scenario_file_get_n_events (file), ==,
                    soleus_scenario_file_get_n_events (back));
  for (guint k = 0; k < soleus_scenario_file_get_n_events (file); k++)
    {
      const SoleusScenarioEvent *ea = soleus_scenario_file_get_event (file, k);
      const SoleusScenarioEvent *eb = soleus_scenario_file_get_event (back, k);

      check_same (ea->time_s, eb->time_s);
      g_assert_cmpint (ea->param, ==, eb->param);
      check_same (ea->value, eb->value);
    }

  g_assert_cmpuint (soleus_scenario_file_get_n_steps (file), ==,
                    soleus_scenario_file_get_n_steps (back));
  for (guint i = 0; i < soleus_scenario_file_get_n_steps (file); i++)
    {
      g_assert_cmpstr (soleus_scenario_file_get_step_caption_for_locale (file, i, NULL), ==,
                       soleus_scenario_file_get_step_caption_for_locale (back, i, NULL));
      check_same (soleus_scenario_file_get_step_time (file, i),
                  soleus_scenario_file_get_step_time (back, i));
      soleus_scenario_file_get_step_controls (file, i, a);
      soleus_scenario_file_get_step_controls (back, i, b);
      for (int id = 0; id < SOLEUS_N_PARAMS; id++)
        check_same (a[id], b[id]);
    }

  /* And it plays: the schedule is built. */
  g_assert_nonnull (soleus_scenario_file_as_scenario (file));
}

static void
check_escape (const uint8_t *data,
              size_t         size)
{
  g_autofree char *escaped = soleus_text_escape ((const char *) data, (gssize) size, 0);
  g_autofree char *quoted = soleus_text_quote ((const char *) data, (gssize) size,
                                               SOLEUS_TEXT_QUOTE_CHARS);

  if (!g_utf8_validate (escaped, -1, NULL) || !g_utf8_validate (quoted, -1, NULL))
    g_error ("escaped text that is not UTF-8");
  for (const char *c = escaped; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      g_error ("a control character left in escaped text");
  /* Two quotes, 60 characters and an ellipsis at most, escapes counted. */
  if (g_utf8_strlen (quoted, -1) > SOLEUS_TEXT_QUOTE_CHARS + 3)
    g_error ("a quote longer than its limit: %s", quoted);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusScenarioFile) file = NULL;

  file = soleus_scenario_file_load_from_data (size > 0 ? (const char *) data : "",
                                              (gssize) size, "fuzz.soleus", &error);
  if ((file == NULL) == (error == NULL))
    g_error ("a load must give a file or an error, not %s",
             file == NULL ? "neither" : "both");
  if (error != NULL)
    check_message (error->message);
  else
    check_round_trip (file);

  /* GKeyFile for every text: the same file, or the same error. */
  {
    g_autoptr(GError) keyfile_error = NULL;
    g_autoptr(SoleusScenarioFile) keyfile_file =
      soleus_scenario_file_load_from_data_full (size > 0 ? (const char *) data : "",
                                                (gssize) size, "fuzz.soleus", TRUE,
                                                &keyfile_error);

    if (file != NULL && keyfile_file != NULL)
      {
        g_autofree char *a = soleus_scenario_file_to_data (file, NULL);
        g_autofree char *b = soleus_scenario_file_to_data (keyfile_file, NULL);

        if (strcmp (a, b) != 0)
          g_error ("the scan and GKeyFile read different files:\n%s\n--\n%s", a, b);
      }
    else if (file != NULL || keyfile_file != NULL)
      g_error ("the scan %s, GKeyFile %s", file != NULL ? "loads" : "refuses",
               keyfile_file != NULL ? "loads" : "refuses");
    else if (error->code != keyfile_error->code ||
             strcmp (error->message, keyfile_error->message) != 0)
      g_error ("the scan says '%s', GKeyFile '%s'", error->message, keyfile_error->message);
  }

  check_escape (data, size);
  return 0;
}
