/* soleus-scenario-file-writer.c: writing .soleus scenario files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The format is described in soleus-scenario-file.c.
 */

#include "config.h"

#include "soleus-file-writer.h"
#include "soleus-format.h"
#include "soleus-scenario-file.h"
#include "soleus-scenario-file-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* ---------------------------------------------------------------------- */
/* Writing */

static void
set_text (GKeyFile   *keyfile,
          const char *group,
          const char *key,
          const Text *text)
{
  g_autoptr(GPtrArray) locales = soleus_scenario_text_sorted_locales (text);

  g_key_file_set_string (keyfile, group, key, text->text);
  for (guint i = 0; i < locales->len; i++)
    g_key_file_set_locale_string (keyfile, group, key, locales->pdata[i],
                                  g_hash_table_lookup (text->translations,
                                                       locales->pdata[i]));
}

static void
set_number (GKeyFile   *keyfile,
            const char *group,
            const char *key,
            double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_key_file_set_value (keyfile, group, key, soleus_format_double (buf, v));
}

char *
soleus_scenario_file_to_data (SoleusScenarioFile *self,
                              gsize              *length)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *header = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_key_file_set_integer (keyfile, GROUP_SCENARIO, "Version",
                          (int) soleus_scenario_file_get_version (self));
  header = g_strdup_printf (" %s\n %s",
                            /* Translators: the first comment line of a .soleus file */
                            _("A Soleus scenario: an educational model of the calf muscle "
                              "pump, not a diagnostic tool."),
                            /* Translators: the second comment line of a .soleus file */
                            _("Numbers use '.' as the decimal point; times are in "
                              "seconds."));
  g_key_file_set_comment (keyfile, GROUP_SCENARIO, NULL, header, NULL);
  set_text (keyfile, GROUP_SCENARIO, "Title", &self->title);
  if (self->description.text[0] != '\0' || g_hash_table_size (self->description.translations) > 0)
    set_text (keyfile, GROUP_SCENARIO, "Description", &self->description);
  set_number (keyfile, GROUP_SCENARIO, "Duration", self->duration_s);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      const SoleusParamInfo *info = soleus_param_info ((SoleusParamId) id);
      g_autofree char *value = soleus_scenario_param_value_text ((SoleusParamId) id,
                                                                 self->controls[id]);
      g_autofree char *range = soleus_scenario_param_range ((SoleusParamId) id);
      g_autofree char *comment = g_strdup_printf (" %s: %s",
                                                  g_dgettext (GETTEXT_PACKAGE, info->label),
                                                  range);

      g_key_file_set_value (keyfile, GROUP_CONTROLS, info->name, value);
      g_key_file_set_comment (keyfile, GROUP_CONTROLS, info->name, comment, NULL);
    }

  for (guint k = 0; k < self->events->len; k++)
    {
      const SoleusScenarioEvent *event = &g_array_index (self->events, SoleusScenarioEvent, k);
      g_autofree char *key = g_strdup_printf (EVENT_PREFIX "%u", k + 1);
      g_autofree char *value = soleus_scenario_param_value_text (event->param, event->value);
      g_autofree char *line = NULL;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      line = g_strdup_printf ("%s;%s;%s", soleus_format_double (buf, event->time_s),
                              soleus_param_info (event->param)->name, value);
      g_key_file_set_value (keyfile, GROUP_TIMELINE, key, line);
      if (k == 0)
        {
          g_autofree char *comment =
            g_strconcat (" ",
                         /* Translators: a comment in a .soleus file; keep
                          * TIME;CONTROL;VALUE as it is */
                         _("Each event: TIME;CONTROL;VALUE, in time order"), NULL);

          g_key_file_set_comment (keyfile, GROUP_TIMELINE, NULL, comment, NULL);
        }
    }

  for (guint i = 0; i < self->steps->len; i++)
    {
      const Step *step = soleus_scenario_file_step_at (self, i);
      g_autofree char *group = g_strdup_printf (STEP_PREFIX "%u", i + 1);

      set_text (keyfile, group, "Caption", &step->caption);
      if (!isnan (step->time_s))
        set_number (keyfile, group, "Time", step->time_s);
      for (int id = 0; id < SOLEUS_N_PARAMS; id++)
        if (!isnan (step->controls[id]))
          {
            g_autofree char *value = soleus_scenario_param_value_text ((SoleusParamId) id,
                                                                       step->controls[id]);
            g_key_file_set_value (keyfile, group, soleus_param_info ((SoleusParamId) id)->name,
                                  value);
          }
    }

  return g_key_file_to_data (keyfile, length, NULL);
}

gboolean
soleus_scenario_file_save (SoleusScenarioFile  *self,
                           const char          *path,
                           GError             **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = soleus_scenario_file_to_data (self, &length);

  /* Through the one writer: the old file kept on failure, its mode and
   * links too; the message names the file and the reason. */
  if (!soleus_file_write_contents (path, data, length, &local_error))
    {
      g_set_error_literal (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}
