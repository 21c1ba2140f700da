/* soleus-scenario-file.c: .soleus scenario files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The format, version 1 or 2: a GKeyFile (the syntax of .desktop files),
 * UTF-8, '#' comments, numbers in the C locale ("0.6", never "0,6"). The two
 * versions differ in one rule: in version 1 the step times never decrease
 * from one step to the next; in version 2 they may, as when a presenter
 * puts the steps in another order. A file is written as version 1 whenever
 * its step times allow it, so older builds keep reading it.
 *
 *   [Soleus Scenario]           first group, required
 *   Version=1                   required (1 or 2); a newer version is refused
 *   Title=Varicose veins        required; Title[de]=Krampfadern ...
 *   Description=...             optional; Description[fr]=...
 *   Duration=600                seconds, optional (default 300)
 *
 *   [Controls]                  optional: the controls at t = 0, one key
 *   posture=standing            per row of the core's parameter table,
 *   valve-weakness=0.6          named as there; choices by name; a control
 *                               not given keeps its default
 *
 *   [Timeline]                  optional: Event1, Event2, ... numbered from 1
 *   Event1=120;speed;3          in file order, each TIME;CONTROL;VALUE,
 *   Event2=420;speed;0          TIME in seconds, in time order
 *
 *   [Step 1]                    optional presenter steps, numbered from 1 in
 *   Caption=Now walking.        file order: a Caption (required, Caption[de]
 *   Time=120                    allowed), an optional Time in seconds (steps
 *   speed=3                     with a time play by themselves, in time
 *                               order; in version 1 the times never
 *                               decrease), and the controls the step sets
 *
 * Anything else (an unknown group or key, a key given twice, a value out of
 * range) is refused with the file name and the line: such a file is most
 * likely mistyped, and a silently ignored "valve-weaknes=0.6" would mislead a
 * class. GKeyFile's own errors carry no line, so the text is scanned here
 * first, line by line, and the line of every group and key is kept for the
 * messages. The scan keeps every value too: GKeyFile reads the text only
 * when the scan meets what it cannot vouch GKeyFile would read the same way
 * (an unusual key or group name, an escape to undo), since on the largest
 * files it takes most of the time; the two are checked to agree.
 *
 * Playing a file: its starting controls at t = 0, then the timeline and the
 * steps that have a time merged in time order (events before steps at the
 * same time), handed to the core's scenario player, so a file saved from a
 * built-in scenario plays it bit for bit.
 *
 * This file holds the scenario as a model and its playing; the scan of the
 * text is soleus-scenario-file-scan.c, the parse and the loading
 * soleus-scenario-file-reader.c, the writing soleus-scenario-file-writer.c.
 */

#include "config.h"

#include "soleus-format.h"
#include "soleus-scenario-file.h"
#include "soleus-scenario-file-private.h"
#include "soleus-number.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (soleus-scenario-file-error-quark, soleus_scenario_file_error)

/* ---------------------------------------------------------------------- */
/* Texts */

static void
text_init (Text       *t,
           const char *text)
{
  t->text = g_strdup (text != NULL ? text : "");
  t->translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
text_clear (Text *t)
{
  g_clear_pointer (&t->text, g_free);
  g_clear_pointer (&t->translations, g_hash_table_unref);
}

static const char *
text_get_for_locale (const Text *t,
                     const char *locale)
{
  if (locale == NULL)
    return t->text;
  return g_hash_table_lookup (t->translations, locale);
}

/* The text in the user's language, as g_key_file_get_locale_string () picks
 * it. */
static const char *
text_get (const Text *t)
{
  const char *const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *found;

      if (strcmp (languages[i], "C") == 0)
        break;
      found = g_hash_table_lookup (t->translations, languages[i]);
      if (found != NULL)
        return found;
    }

  return t->text;
}

void
soleus_scenario_text_set (Text       *t,
                          const char *locale,
                          const char *text)
{
  if (locale == NULL)
    {
      g_free (t->text);
      t->text = g_strdup (text != NULL ? text : "");
    }
  else if (text == NULL)
    g_hash_table_remove (t->translations, locale);
  else
    g_hash_table_insert (t->translations, g_strdup (locale), g_strdup (text));
}

static void
text_add_locales (const Text *t,
                  GHashTable *locales)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, t->translations);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (locales, key);
}

/* The translations' locales, sorted, so that files are written the same way
 * every time. */
static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of a set of strings, sorted, not owned. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

GPtrArray *
soleus_scenario_text_sorted_locales (const Text *t)
{
  return sorted_keys (t->translations);
}

/* ---------------------------------------------------------------------- */
/* Steps */

Step *
soleus_scenario_step_new (const char *caption)
{
  Step *step = g_new0 (Step, 1);

  text_init (&step->caption, caption);
  step->time_s = NAN;
  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    step->controls[id] = NAN;
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  text_clear (&step->caption);
  g_free (step);
}

/* ---------------------------------------------------------------------- */
/* Numbers and ranges */

static char *
join_choices (const char *const *choices)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, choices[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
soleus_scenario_param_range (SoleusParamId id)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  if (info->choices != NULL)
    return join_choices (info->choices);
  return soleus_format_range (info->min, info->max, info->unit);
}

char *
soleus_scenario_param_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int id = 0; id < SOLEUS_N_PARAMS; id++)
    {
      if (id > 0)
        g_string_append (out, ", ");
      g_string_append (out, soleus_param_info ((SoleusParamId) id)->name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A control's value as a file says it: "standing", "0.6". */
char *
soleus_scenario_param_value_text (SoleusParamId id,
                                  double        value)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (info->choices != NULL && value >= 0)
    for (guint i = 0; info->choices[i] != NULL; i++)
      if (G_APPROX_VALUE (value, (double) i, 1e-9))
        return g_strdup (info->choices[i]);

  return g_strdup (soleus_format_double (buf, value));
}

static gboolean
time_in_range (double time_s)
{
  return isfinite (time_s) && time_s >= 0 && time_s <= SOLEUS_SCENARIO_FILE_MAX_TIME_S;
}

static gboolean
duration_in_range (double duration_s)
{
  return isfinite (duration_s) && duration_s >= SOLEUS_STEP_S &&
         duration_s <= SOLEUS_SCENARIO_FILE_MAX_TIME_S;
}

/* ---------------------------------------------------------------------- */
/* The object */

static void
invalidate (SoleusScenarioFile *self)
{
  g_clear_pointer (&self->schedule, g_array_unref);
}

SoleusScenarioFile *
soleus_scenario_file_new (void)
{
  SoleusScenarioFile *self = g_new0 (SoleusScenarioFile, 1);

  /* Translators: the title of a new scenario file */
  text_init (&self->title, _("Untitled"));
  text_init (&self->description, NULL);
  self->duration_s = DEFAULT_DURATION_S;
  soleus_scenario_controls_at (NULL, 0.0, self->controls);
  self->events = g_array_new (FALSE, FALSE, sizeof (SoleusScenarioEvent));
  self->steps = g_ptr_array_new_with_free_func (step_free);
  return self;
}

void
soleus_scenario_file_free (SoleusScenarioFile *self)
{
  if (self == NULL)
    return;
  text_clear (&self->title);
  text_clear (&self->description);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  invalidate (self);
  g_free (self);
}

SoleusScenarioFile *
soleus_scenario_file_from_builtin (const SoleusScenario *scenario)
{
  SoleusScenarioFile *self;

  g_return_val_if_fail (scenario != NULL, NULL);

  self = soleus_scenario_file_new ();
  soleus_scenario_text_set (&self->title, NULL, scenario->title);
  soleus_scenario_text_set (&self->description, NULL, scenario->description);
  self->duration_s = scenario->duration_s;

  /* The same split as soleus_scenario_controls_at (): events at time 0
   * (or before) are the starting controls. */
  soleus_scenario_controls_at (scenario, 0.0, self->controls);
  for (size_t k = 0; k < scenario->n_events; k++)
    if (scenario->events[k].time_s > 0)
      g_array_append_val (self->events, scenario->events[k]);

  return self;
}

const char *
soleus_scenario_file_get_title (SoleusScenarioFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return text_get (&self->title);
}

const char *
soleus_scenario_file_get_title_for_locale (SoleusScenarioFile *self,
                                           const char         *locale)
{
  g_return_val_if_fail (self != NULL, NULL);
  return text_get_for_locale (&self->title, locale);
}

void
soleus_scenario_file_set_title (SoleusScenarioFile *self,
                                const char         *locale,
                                const char         *title)
{
  g_return_if_fail (self != NULL);
  soleus_scenario_text_set (&self->title, locale, title);
  invalidate (self);
}

const char *
soleus_scenario_file_get_description (SoleusScenarioFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return text_get (&self->description);
}

const char *
soleus_scenario_file_get_description_for_locale (SoleusScenarioFile *self,
                                                 const char         *locale)
{
  g_return_val_if_fail (self != NULL, NULL);
  return text_get_for_locale (&self->description, locale);
}

void
soleus_scenario_file_set_description (SoleusScenarioFile *self,
                                      const char         *locale,
                                      const char         *description)
{
  g_return_if_fail (self != NULL);
  soleus_scenario_text_set (&self->description, locale, description);
  invalidate (self);
}

char **
soleus_scenario_file_get_locales (SoleusScenarioFile *self)
{
  g_autoptr(GHashTable) locales = NULL;
  GPtrArray *sorted;

  g_return_val_if_fail (self != NULL, NULL);

  locales = g_hash_table_new (g_str_hash, g_str_equal);
  text_add_locales (&self->title, locales);
  text_add_locales (&self->description, locales);
  for (guint i = 0; i < self->steps->len; i++)
    text_add_locales (&((Step *) self->steps->pdata[i])->caption, locales);

  sorted = sorted_keys (locales);
  for (guint i = 0; i < sorted->len; i++)
    sorted->pdata[i] = g_strdup (sorted->pdata[i]);
  g_ptr_array_add (sorted, NULL);
  return (char **) g_ptr_array_free (sorted, FALSE);
}

double
soleus_scenario_file_get_duration (SoleusScenarioFile *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->duration_s;
}

gboolean
soleus_scenario_file_set_duration (SoleusScenarioFile *self,
                                   double              duration_s)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (!duration_in_range (duration_s))
    return FALSE;
  self->duration_s = duration_s;
  invalidate (self);
  return TRUE;
}

double
soleus_scenario_file_get_control (SoleusScenarioFile *self,
                                  SoleusParamId       id)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail ((int) id >= 0 && id < SOLEUS_N_PARAMS, NAN);
  return self->controls[id];
}

void
soleus_scenario_file_get_controls (SoleusScenarioFile *self,
                                   double              controls[SOLEUS_N_PARAMS])
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (controls != NULL);
  memcpy (controls, self->controls, sizeof self->controls);
}

gboolean
soleus_scenario_file_set_control (SoleusScenarioFile *self,
                                  SoleusParamId       id,
                                  double              value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail ((int) id >= 0 && id < SOLEUS_N_PARAMS, FALSE);
  if (!soleus_param_in_range (id, value))
    return FALSE;
  self->controls[id] = soleus_number_normalize (value);
  invalidate (self);
  return TRUE;
}

guint
soleus_scenario_file_get_n_events (SoleusScenarioFile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->events->len;
}

const SoleusScenarioEvent *
soleus_scenario_file_get_event (SoleusScenarioFile *self,
                                guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->events->len, NULL);
  return &g_array_index (self->events, SoleusScenarioEvent, index);
}

gboolean
soleus_scenario_file_add_event (SoleusScenarioFile *self,
                                double              time_s,
                                SoleusParamId       id,
                                double              value)
{
  SoleusScenarioEvent event = { soleus_number_normalize (time_s), id,
                                soleus_number_normalize (value) };
  guint at;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail ((int) id >= 0 && id < SOLEUS_N_PARAMS, FALSE);
  if (!time_in_range (time_s) || !soleus_param_in_range (id, value))
    return FALSE;

  /* After every event of the same time or earlier. */
  for (at = self->events->len; at > 0; at--)
    if (!(g_array_index (self->events, SoleusScenarioEvent, at - 1).time_s > time_s))
      break;
  g_array_insert_val (self->events, at, event);
  invalidate (self);
  return TRUE;
}

void
soleus_scenario_file_remove_event (SoleusScenarioFile *self,
                                   guint               index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->events->len);
  g_array_remove_index (self->events, index);
  invalidate (self);
}

Step *
soleus_scenario_file_step_at (SoleusScenarioFile *self,
                              guint               index)
{
  return g_ptr_array_index (self->steps, index);
}

guint
soleus_scenario_file_get_n_steps (SoleusScenarioFile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->steps->len;
}

guint
soleus_scenario_file_add_step (SoleusScenarioFile *self,
                               const char         *caption)
{
  g_return_val_if_fail (self != NULL, 0);
  g_ptr_array_add (self->steps, soleus_scenario_step_new (caption));
  invalidate (self);
  return self->steps->len - 1;
}

void
soleus_scenario_file_remove_step (SoleusScenarioFile *self,
                                  guint               index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->steps->len);
  g_ptr_array_remove_index (self->steps, index);
  invalidate (self);
}

const char *
soleus_scenario_file_get_step_caption (SoleusScenarioFile *self,
                                       guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return text_get (&soleus_scenario_file_step_at (self, index)->caption);
}

const char *
soleus_scenario_file_get_step_caption_for_locale (SoleusScenarioFile *self,
                                                  guint               index,
                                                  const char         *locale)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return text_get_for_locale (&soleus_scenario_file_step_at (self, index)->caption, locale);
}

void
soleus_scenario_file_set_step_caption (SoleusScenarioFile *self,
                                       guint               index,
                                       const char         *locale,
                                       const char         *caption)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->steps->len);
  soleus_scenario_text_set (&soleus_scenario_file_step_at (self, index)->caption, locale, caption);
}

double
soleus_scenario_file_get_step_time (SoleusScenarioFile *self,
                                    guint               index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->steps->len, NAN);
  return soleus_scenario_file_step_at (self, index)->time_s;
}

gboolean
soleus_scenario_file_set_step_time (SoleusScenarioFile *self,
                                    guint               index,
                                    double              time_s)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->steps->len, FALSE);

  if (!isnan (time_s))
    {
      if (!time_in_range (time_s))
        return FALSE;
    }

  soleus_scenario_file_step_at (self, index)->time_s = soleus_number_normalize (time_s);
  invalidate (self);
  return TRUE;
}

guint
soleus_scenario_file_get_version (SoleusScenarioFile *self)
{
  double last = -1.0;

  g_return_val_if_fail (self != NULL, SOLEUS_SCENARIO_FILE_VERSION);

  for (guint i = 0; i < self->steps->len; i++)
    {
      double t = soleus_scenario_file_step_at (self, i)->time_s;

      if (isnan (t))
        continue;
      if (t < last)
        return 2;
      last = t;
    }
  return 1;
}

void
soleus_scenario_file_get_step_controls (SoleusScenarioFile *self,
                                        guint               index,
                                        double              controls[SOLEUS_N_PARAMS])
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->steps->len);
  g_return_if_fail (controls != NULL);
  memcpy (controls, soleus_scenario_file_step_at (self, index)->controls,
          sizeof soleus_scenario_file_step_at (self, index)->controls);
}

gboolean
soleus_scenario_file_set_step_control (SoleusScenarioFile *self,
                                       guint               index,
                                       SoleusParamId       id,
                                       double              value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->steps->len, FALSE);
  g_return_val_if_fail ((int) id >= 0 && id < SOLEUS_N_PARAMS, FALSE);

  if (!isnan (value) && !soleus_param_in_range (id, value))
    return FALSE;
  soleus_scenario_file_step_at (self, index)->controls[id] = soleus_number_normalize (value);
  invalidate (self);
  return TRUE;
}

void
soleus_scenario_file_controls_at_step (SoleusScenarioFile *self,
                                       guint               index,
                                       double              controls[SOLEUS_N_PARAMS])
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (controls != NULL);

  memcpy (controls, self->controls, sizeof self->controls);
  for (guint i = 0; i <= index && i < self->steps->len; i++)
    for (int id = 0; id < SOLEUS_N_PARAMS; id++)
      if (!isnan (soleus_scenario_file_step_at (self, i)->controls[id]))
        controls[id] = soleus_scenario_file_step_at (self, i)->controls[id];
}

/* ---------------------------------------------------------------------- */
/* Playing */

static gint
compare_event_times (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data G_GNUC_UNUSED)
{
  const SoleusScenarioEvent *ea = a;
  const SoleusScenarioEvent *eb = b;

  return (ea->time_s > eb->time_s) - (ea->time_s < eb->time_s);
}

const SoleusScenario *
soleus_scenario_file_as_scenario (SoleusScenarioFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->schedule == NULL)
    {
      self->schedule = g_array_new (FALSE, FALSE, sizeof (SoleusScenarioEvent));

      /* The posture last, as the built-in scenarios set it: the model
       * starts its change of posture from the body and legs already set
       * (weight, height, valves), so the order matters, bit for bit. */
      for (int k = 1; k <= SOLEUS_N_PARAMS; k++)
        {
          SoleusParamId id = (SoleusParamId) (k % SOLEUS_N_PARAMS);
          SoleusScenarioEvent event = { 0.0, id, self->controls[id] };

          g_array_append_val (self->schedule, event);
        }
      G_STATIC_ASSERT (SOLEUS_PARAM_POSTURE == 0);
      g_array_append_vals (self->schedule, self->events->data, self->events->len);
      for (guint i = 0; i < self->steps->len; i++)
        {
          const Step *step = soleus_scenario_file_step_at (self, i);

          if (isnan (step->time_s))
            continue;
          for (int id = 0; id < SOLEUS_N_PARAMS; id++)
            if (!isnan (step->controls[id]))
              {
                SoleusScenarioEvent event = { step->time_s, (SoleusParamId) id,
                                              step->controls[id] };
                g_array_append_val (self->schedule, event);
              }
        }
      /* g_array_sort_with_data () is stable (g_qsort_with_data ()): at the
       * same time, the order above. */
      g_array_sort_with_data (self->schedule, compare_event_times, NULL);
    }

  self->view.name = "file";
  self->view.title = self->title.text;
  self->view.description = self->description.text;
  self->view.duration_s = self->duration_s;
  self->view.events = (const SoleusScenarioEvent *) (gpointer) self->schedule->data;
  self->view.n_events = self->schedule->len;
  return &self->view;
}

void
soleus_scenario_file_controls_at (SoleusScenarioFile *self,
                                  double              time_s,
                                  double              controls[SOLEUS_N_PARAMS])
{
  g_return_if_fail (self != NULL);
  soleus_scenario_controls_at (soleus_scenario_file_as_scenario (self), time_s, controls);
}

void
soleus_scenario_file_start (SoleusScenarioFile *self,
                            SoleusModel        *model)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (model != NULL);
  soleus_scenario_start (soleus_scenario_file_as_scenario (self), model);
}

void
soleus_scenario_file_advance_to (SoleusScenarioFile *self,
                                 SoleusModel        *model,
                                 double              time_s)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (model != NULL);
  soleus_scenario_advance_to (soleus_scenario_file_as_scenario (self), model, time_s);
}
