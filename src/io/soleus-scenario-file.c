/* soleus-scenario-file.c: .soleus scenario files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The format, version 1: a GKeyFile (the syntax of .desktop files), UTF-8,
 * '#' comments, numbers in the C locale ("0.6", never "0,6").
 *
 *   [Soleus Scenario]           first group, required
 *   Version=1                   required; a newer version is refused
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
 *   speed=3                     with a time play by themselves; times never
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
 */

#include "config.h"

#include "soleus-file-writer.h"
#include "soleus-format.h"
#include "soleus-scenario-file.h"
#include "soleus-scenario-file-private.h"
#include "soleus-number.h"
#include "soleus-text.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GROUP_SCENARIO "Soleus Scenario"
#define GROUP_CONTROLS "Controls"
#define GROUP_TIMELINE "Timeline"
#define STEP_PREFIX    "Step "
#define EVENT_PREFIX   "Event"

#define DEFAULT_DURATION_S 300.0
/* Scenario files are a few kilobytes; anything near this is not one. */
#define MAX_FILE_SIZE (1024 * 1024)
/* How much of a bad line a message quotes. */
#define QUOTE_CHARS 60

G_DEFINE_QUARK (soleus-scenario-file-error-quark, soleus_scenario_file_error)

/* A text with its translations (locale -> text). */
typedef struct
{
  char       *text;
  GHashTable *translations;
} Text;

typedef struct
{
  Text   caption;
  double time_s;                     /* NAN: only the presenter reaches it */
  double controls[SOLEUS_N_PARAMS];  /* NAN: left alone */
} Step;

struct _SoleusScenarioFile
{
  Text            title;
  Text            description;
  double          duration_s;
  double          controls[SOLEUS_N_PARAMS];
  GArray         *events;     /* of SoleusScenarioEvent, in time order */
  GPtrArray      *steps;      /* of Step * */

  /* What plays: built on demand, dropped by every change. */
  GArray         *schedule;   /* of SoleusScenarioEvent */
  SoleusScenario  view;
};

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

static void
text_set (Text       *t,
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

static GPtrArray *
text_sorted_locales (const Text *t)
{
  return sorted_keys (t->translations);
}

/* ---------------------------------------------------------------------- */
/* Steps */

static Step *
step_new (const char *caption)
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

static char *
param_range (SoleusParamId id)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  if (info->choices != NULL)
    return join_choices (info->choices);
  return soleus_format_range (info->min, info->max, info->unit);
}

static char *
param_names (void)
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
static char *
param_value_text (SoleusParamId id,
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
  text_set (&self->title, NULL, scenario->title);
  text_set (&self->description, NULL, scenario->description);
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
  text_set (&self->title, locale, title);
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
  text_set (&self->description, locale, description);
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

static Step *
get_step (SoleusScenarioFile *self,
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
  g_ptr_array_add (self->steps, step_new (caption));
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
  return text_get (&get_step (self, index)->caption);
}

const char *
soleus_scenario_file_get_step_caption_for_locale (SoleusScenarioFile *self,
                                                  guint               index,
                                                  const char         *locale)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return text_get_for_locale (&get_step (self, index)->caption, locale);
}

void
soleus_scenario_file_set_step_caption (SoleusScenarioFile *self,
                                       guint               index,
                                       const char         *locale,
                                       const char         *caption)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->steps->len);
  text_set (&get_step (self, index)->caption, locale, caption);
}

double
soleus_scenario_file_get_step_time (SoleusScenarioFile *self,
                                    guint               index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->steps->len, NAN);
  return get_step (self, index)->time_s;
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
      /* Step times never decrease. */
      for (guint i = 0; i < self->steps->len; i++)
        {
          double t = get_step (self, i)->time_s;

          if (isnan (t))
            continue;
          if ((i < index && t > time_s) || (i > index && t < time_s))
            return FALSE;
        }
    }

  get_step (self, index)->time_s = soleus_number_normalize (time_s);
  invalidate (self);
  return TRUE;
}

void
soleus_scenario_file_get_step_controls (SoleusScenarioFile *self,
                                        guint               index,
                                        double              controls[SOLEUS_N_PARAMS])
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->steps->len);
  g_return_if_fail (controls != NULL);
  memcpy (controls, get_step (self, index)->controls, sizeof get_step (self, index)->controls);
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
  get_step (self, index)->controls[id] = soleus_number_normalize (value);
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
      if (!isnan (get_step (self, i)->controls[id]))
        controls[id] = get_step (self, i)->controls[id];
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
          const Step *step = get_step (self, i);

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

/* ---------------------------------------------------------------------- */
/* Writing */

static void
set_text (GKeyFile   *keyfile,
          const char *group,
          const char *key,
          const Text *text)
{
  g_autoptr(GPtrArray) locales = text_sorted_locales (text);

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

  g_key_file_set_integer (keyfile, GROUP_SCENARIO, "Version", SOLEUS_SCENARIO_FILE_VERSION);
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
      g_autofree char *value = param_value_text ((SoleusParamId) id, self->controls[id]);
      g_autofree char *range = param_range ((SoleusParamId) id);
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
      g_autofree char *value = param_value_text (event->param, event->value);
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
      const Step *step = get_step (self, i);
      g_autofree char *group = g_strdup_printf (STEP_PREFIX "%u", i + 1);

      set_text (keyfile, group, "Caption", &step->caption);
      if (!isnan (step->time_s))
        set_number (keyfile, group, "Time", step->time_s);
      for (int id = 0; id < SOLEUS_N_PARAMS; id++)
        if (!isnan (step->controls[id]))
          {
            g_autofree char *value = param_value_text ((SoleusParamId) id, step->controls[id]);
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

/* ---------------------------------------------------------------------- */
/* Reading */

/* A group header or a key, where the file has it. The names point into the
 * parser's copy of the text; every key of a group shares the group's name,
 * so that the name's address tells the group. */
typedef struct
{
  const char *group;
  const char *key;       /* NULL for the group's header */
  const char *value;     /* as GKeyFile keeps it: from the first non-space
                          * after '=' to the end of the line */
  guint       line;
} Entry;

/* The entries are found in constant time, never by looking through those
 * before: a file of a megabyte may hold some 200,000 keys or 40,000 steps,
 * and a search among those before would take minutes. */
typedef struct
{
  const char *name;            /* for messages; NULL: "line 7: ..." */
  guint       unterminated;    /* the last line when it has no newline, else 0 */
  gboolean    binary;          /* not text: no hint of truncation */
  char       *text;            /* a copy of the data, cut into names */
  GArray     *line_ends;       /* offset just past each line */
  GArray     *entries;         /* of Entry, in file order; never reallocated */
  guint       entries_capacity;
  GHashTable *groups;          /* group name -> its header, an Entry * */
  GHashTable *keys;            /* of Entry *, by group and key */
  const char *data;            /* the text, for GKeyFile */
  gsize       length;
  /* GKeyFile reads the text only when the scan cannot vouch that it would
   * read it as the scan did: it is the slowest part of reading a large
   * file, and the scan keeps every value already. */
  gboolean    needs_keyfile;
  gboolean    always_keyfile;  /* for tests: GKeyFile whatever the text */
  GKeyFile   *keyfile;
  GPtrArray  *shown;           /* texts escaped for messages */
} Parser;

/* A key's group is known by the address of its name (one per group). */
static guint
entry_hash (gconstpointer data)
{
  const Entry *e = data;

  return g_str_hash (e->key) * 31u + g_direct_hash (e->group);
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return ea->group == eb->group && strcmp (ea->key, eb->key) == 0;
}

static void
parser_init (Parser     *p,
             const char *name)
{
  p->name = name;
  p->line_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  p->groups = g_hash_table_new (g_str_hash, g_str_equal);
  p->keys = g_hash_table_new (entry_hash, entry_equal);
}

static void
parser_clear (Parser *p)
{
  g_clear_pointer (&p->groups, g_hash_table_unref);
  g_clear_pointer (&p->keys, g_hash_table_unref);
  g_clear_pointer (&p->line_ends, g_array_unref);
  g_clear_pointer (&p->entries, g_array_unref);
  g_clear_pointer (&p->text, g_free);
  g_clear_pointer (&p->keyfile, g_key_file_unref);
  g_clear_pointer (&p->shown, g_ptr_array_unref);
}

/* Adds a group's header (key NULL) or a key of the group of header. The
 * entries array was made large enough for every line, so the entries never
 * move and the tables can point at them. */
static const Entry *
add_entry (Parser      *p,
           const Entry *header,
           const char  *group,
           const char  *key,
           const char  *value,
           guint        line)
{
  Entry entry = { header != NULL ? header->group : group, key, value, line };
  Entry *added;

  g_assert (p->entries->len < p->entries_capacity);
  g_array_append_val (p->entries, entry);
  added = &g_array_index (p->entries, Entry, p->entries->len - 1);
  if (key == NULL)
    g_hash_table_insert (p->groups, (gpointer) added->group, added);
  else
    g_hash_table_add (p->keys, added);
  return added;
}

static void parser_error (Parser     *p,
                          GError    **error,
                          int         code,
                          guint       line,
                          const char *format,
                          ...) G_GNUC_PRINTF (5, 6);

/* "leg.soleus:7: MESSAGE", with a hint when the line is the last, cut off
 * without its newline, and the problem is one of syntax. */
static void
parser_error (Parser     *p,
              GError    **error,
              int         code,
              guint       line,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (code == SOLEUS_SCENARIO_FILE_ERROR_PARSE && line > 0 && line == p->unterminated &&
      !p->binary)
    {
      char *hinted = g_strconcat (message,
                                  /* Translators: appended to a message about the
                                   * last line of a file */
                                  _("; the file may be truncated"), NULL);
      g_free (message);
      message = hinted;
    }

  if (p->name != NULL && line > 0)
    g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, code, "%s:%u: %s", p->name, line, message);
  else if (p->name != NULL)
    g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, code, "%s: %s", p->name, message);
  else if (line > 0)
    /* Translators: line 7: the problem */
    g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, code, _("line %u: %s"), line, message);
  else
    g_set_error_literal (error, SOLEUS_SCENARIO_FILE_ERROR, code, message);
}

/* A bad line, escaped and shortened, for a message. */
static char *
quote_text (const char *text,
            gssize      length)
{
  return soleus_text_quote (text, length, QUOTE_CHARS);
}

/* A name or a number from the file as a message shows it: as it is when it
 * is short and has no control character (almost always), else escaped and
 * cut; the copy lives as long as the parser. */
static const char *
shown (Parser     *p,
       const char *text)
{
  char *escaped = soleus_text_escape (text, -1, QUOTE_CHARS);

  if (strcmp (escaped, text) == 0)
    {
      g_free (escaped);
      return text;
    }
  if (p->shown == NULL)
    p->shown = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->shown, escaped);
  return escaped;
}

/* GKeyFile's messages quote the line; they are cut a little longer. */
#define GLIB_MESSAGE_CHARS 200

/* A group name GKeyFile takes: no control character (the scan has
 * refused '[' and ']' already). */
static gboolean
plain_group_name (const char *name)
{
  for (const char *c = name; *c != '\0'; c++)
    if (g_ascii_iscntrl (*c))
      return FALSE;
  return TRUE;
}

static gboolean
is_locale_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '@';
}

/* A key name GKeyFile surely takes: ASCII letters, digits, spaces and
 * "-_.@", then perhaps a locale, "Title[de_DE@euro]". Anything else is left
 * to GKeyFile to judge. */
static gboolean
plain_key_name (const char *key)
{
  const char *c = key;

  while (*c != '\0' && *c != '[')
    {
      if (!is_locale_char (*c) && *c != ' ')
        return FALSE;
      c++;
    }
  if (c == key)
    return FALSE;
  if (*c == '\0')
    return TRUE;

  c++;
  if (!is_locale_char (*c))
    return FALSE;
  while (is_locale_char (*c))
    c++;
  return c[0] == ']' && c[1] == '\0';
}

/* The group's header when key is NULL. */
static const Entry *
find_entry (Parser     *p,
            const char *group,
            const char *key)
{
  const Entry *header = g_hash_table_lookup (p->groups, group);
  Entry probe;

  if (header == NULL || key == NULL)
    return header;
  probe.group = header->group;
  probe.key = key;
  return g_hash_table_lookup (p->keys, &probe);
}

/* Scans the text line by line as GKeyFile reads it, keeps the line of every
 * group and key, and refuses what GKeyFile would refuse without a line
 * number, as well as duplicates, which it would silently merge. */
static gboolean
scan_lines (Parser      *p,
            const char  *data,
            gsize        length,
            GError     **error)
{
  const Entry *header = NULL;
  const Entry *first_header = NULL;
  gsize start = 0;
  guint line = 0;
  guint n_lines = 1;

  /* A copy to cut into names, and room for an entry per line. */
  p->text = g_malloc (length + 1);
  memcpy (p->text, data, length);
  p->text[length] = '\0';
  for (const char *c = data; (c = memchr (c, '\n', length - (gsize) (c - data))) != NULL; c++)
    n_lines++;
  p->entries_capacity = n_lines;
  p->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n_lines);

  while (start < length)
    {
      const char *nl = memchr (data + start, '\n', length - start);
      gsize end = nl != NULL ? (gsize) (nl - data) : length;
      gsize next = nl != NULL ? end + 1 : length;
      char *text;
      char *s;
      gsize len;

      line++;
      g_array_append_val (p->line_ends, next);
      if (nl == NULL)
        p->unterminated = line;

      if (memchr (data + start, '\0', end - start) != NULL)
        {
          p->binary = TRUE;
          parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                        _("a NUL byte: this is not a text file"));
          return FALSE;
        }
      if (!g_utf8_validate (data + start, (gssize) (end - start), NULL))
        {
          p->binary = TRUE;
          parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                        _("not UTF-8 text"));
          return FALSE;
        }

      text = p->text + start;
      text[end - start] = '\0';
      len = end - start;
      start = next;

      /* As GKeyFile: a \r before the newline is dropped, leading spaces are
       * not part of the line. (GKeyFile keeps it on a last line without a
       * newline.) */
      if (len > 0 && text[len - 1] == '\r')
        {
          text[--len] = '\0';
          if (nl == NULL)
            p->needs_keyfile = TRUE;
        }
      s = text;
      while (g_ascii_isspace (*s))
        s++;

      if (*s == '\0' || *s == '#')
        continue;

      if (*s == '[')
        {
          /* The line as it was, for a message. */
          const char *whole = data + (s - p->text);
          gsize whole_len = len - (gsize) (s - text);
          const Entry *first;
          char *close;
          gsize close_at;

          g_strchomp (s);
          close = s + strlen (s) - 1;
          if (*close != ']')
            {
              g_autofree char *quoted = quote_text (whole, (gssize) whole_len);

              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: '[Contr': a group name without its closing ']' */
                            _("%s: a group name without its closing ']'"), quoted);
              return FALSE;
            }
          close_at = (gsize) (close - s);
          *close = '\0';
          if (s[1] == '\0' || strpbrk (s + 1, "[]") != NULL)
            {
              g_autofree char *quoted = quote_text (whole, (gssize) whole_len);

              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            _("%s is not a valid group name"), quoted);
              return FALSE;
            }

          first = find_entry (p, s + 1, NULL);
          if (first != NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: [Controls]: given twice (first on line 3) */
                            _("[%s]: given twice (first on line %u)"), shown (p, s + 1),
                            first->line);
              return FALSE;
            }

          /* GKeyFile takes only spaces and tabs after the ']', and no
           * control character in the name. */
          for (gsize k = close_at + 1; k < whole_len; k++)
            if (whole[k] != ' ' && whole[k] != '\t')
              p->needs_keyfile = TRUE;
          if (!plain_group_name (s + 1))
            p->needs_keyfile = TRUE;
          header = add_entry (p, NULL, s + 1, NULL, NULL, line);
          if (first_header == NULL)
            first_header = header;
        }
      else
        {
          char *eq = strchr (s, '=');
          const char *value;
          const Entry *first;

          if (eq == NULL || eq == s)
            {
              g_autofree char *quoted = quote_text (s, -1);

              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: 'valve-weak' is not … ; keep key=value,
                             * [group] and # as they are */
                            _("%s is not a key=value line, a [group] or a # comment"),
                            quoted);
              return FALSE;
            }

          *eq = '\0';
          g_strchomp (s);
          if (header == NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: Title: a key before the first group; keep
                             * [Soleus Scenario] as it is */
                            _("%s: a key before the first group (a scenario file begins "
                              "with [Soleus Scenario])"), shown (p, s));
              return FALSE;
            }

          first = find_entry (p, header->group, s);
          if (first != NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: speed: given twice in [Controls] (first on line 5) */
                            _("%s: given twice in [%s] (first on line %u)"),
                            shown (p, s), shown (p, header->group), first->line);
              return FALSE;
            }

          value = eq + 1;
          while (g_ascii_isspace (*value))
            value++;
          /* GKeyFile refuses some key names, and checks the encoding a
           * file declares: the scan leaves both to it. */
          if (!plain_key_name (s) ||
              (header == first_header && strcmp (s, "Encoding") == 0))
            p->needs_keyfile = TRUE;
          add_entry (p, header, NULL, s, value, line);
        }
    }

  return TRUE;
}

/* Hands the text to GKeyFile; when it refuses what the scan let through,
 * finds the first line it refuses by loading ever longer beginnings (a
 * failing beginning stays failing when longer), since its errors carry no
 * line number. */
static gboolean
load_keyfile (Parser      *p,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint lo = 1;
  guint hi = p->line_ends->len;

  p->keyfile = g_key_file_new ();
  if (g_key_file_load_from_data (p->keyfile, data, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                 &local_error))
    return TRUE;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(GKeyFile) part = g_key_file_new ();

      if (g_key_file_load_from_data (part, data, g_array_index (p->line_ends, gsize, mid - 1),
                                     G_KEY_FILE_KEEP_TRANSLATIONS, NULL))
        lo = mid + 1;
      else
        hi = mid;
    }

  {
    g_autofree char *message = soleus_text_escape (local_error->message, -1,
                                                   GLIB_MESSAGE_CHARS);

    parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, hi, "%s", message);
  }
  return FALSE;
}

/* The raw value of a key, without surrounding spaces. */
static char *
get_value (Parser      *p,
           const Entry *e)
{
  char *value;

  if (p->keyfile == NULL)
    return g_strstrip (g_strdup (e->value));

  value = g_key_file_get_value (p->keyfile, e->group, e->key, NULL);
  return value != NULL ? g_strstrip (value) : g_strdup ("");
}

/* An unescaped string value. */
static char *
get_string (Parser       *p,
            const Entry  *e,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  /* Without a backslash there is nothing to unescape: the text is the
   * value. With one, GKeyFile unescapes it, with its own messages. */
  if (p->keyfile == NULL && strchr (e->value, '\\') == NULL)
    return g_strdup (e->value);
  if (p->keyfile == NULL && !load_keyfile (p, p->data, p->length, error))
    return NULL;
  value = g_key_file_get_string (p->keyfile, e->group, e->key, &local_error);

  if (value == NULL)
    {
      g_autofree char *message = soleus_text_escape (local_error->message, -1,
                                                     GLIB_MESSAGE_CHARS);

      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line, "%s: %s",
                    shown (p, e->key), message);
    }
  return value;
}

/* "Title[de]" -> "de" when key is Title[...]; NULL otherwise. */
static char *
localized_key (const char *key,
               const char *base)
{
  gsize n = strlen (base);
  gsize len = strlen (key);

  if (strncmp (key, base, n) != 0 || key[n] != '[' || len < n + 3 || key[len - 1] != ']')
    return NULL;
  return g_strndup (key + n + 1, len - n - 2);
}

/* A number in seconds within [min, max]. */
static gboolean
parse_seconds (Parser       *p,
               guint         line,
               const char   *what,
               const char   *text,
               double        min,
               double       *out,
               GError      **error)
{
  g_autofree char *range = soleus_format_range (min, SOLEUS_SCENARIO_FILE_MAX_TIME_S, "s");
  double v;

  if (!soleus_number_parse (text, &v))
    {
      g_autofree char *quoted = quote_text (text, -1);

      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                    /* Translators: Duration: 'ten' is not a number (0.001 to 604800 s) */
                    _("%s: %s is not a number (%s)"), what, quoted, range);
      return FALSE;
    }
  if (v < min || v > SOLEUS_SCENARIO_FILE_MAX_TIME_S)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_RANGE, line,
                    /* Translators: Event1: -5 s is out of range (0 to 604800 s) */
                    _("%s: %s s is out of range (%s)"), what, shown (p, text), range);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* A control's value: a choice's name, or a number in range. what names it
 * for the message: "valve-weakness", "[Step 2] speed". */
static gboolean
parse_control (Parser        *p,
               guint          line,
               const char    *what,
               SoleusParamId  id,
               const char    *text,
               double        *out,
               GError       **error)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  g_autofree char *range = param_range (id);
  g_autofree char *quoted = quote_text (text, -1);
  double v;

  if (info->choices != NULL)
    {
      if (soleus_param_parse (id, text, out))
        return TRUE;
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_RANGE, line,
                    /* Translators: posture: 'lying' is not one of supine, sitting, … */
                    _("%s: %s is not one of %s"), what, quoted, range);
      return FALSE;
    }

  if (!soleus_number_parse (text, &v))
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                    /* Translators: speed: 'fast' is not a number (0 to 6 km/h) */
                    _("%s: %s is not a number (%s)"), what, quoted, range);
      return FALSE;
    }
  if (!soleus_param_in_range (id, v))
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_RANGE, line,
                    /* Translators: valve-weakness: 1.5 is out of range (0 to 1) */
                    _("%s: %s is out of range (%s)"), what, shown (p, text), range);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
unknown_control (Parser      *p,
                 guint        line,
                 const char  *prefix,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *names = param_names ();
  g_autofree char *quoted = quote_text (name, -1);

  parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, line,
                /* Translators: [Step 2] 'valve-weaknes' is not a control (one of …) */
                _("%s%s is not a control (one of %s)"), prefix, quoted, names);
  return FALSE;
}

/* A whole number after a prefix: "Event12" -> 12; 0 when it is not one. */
static guint
number_after (const char *text,
              const char *prefix)
{
  guint64 n;

  if (!g_str_has_prefix (text, prefix) ||
      !g_ascii_string_to_unsigned (text + strlen (prefix), 10, 1, G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

static gboolean
check_version (Parser      *p,
               const Entry *header,
               GError     **error)
{
  const Entry *e = find_entry (p, GROUP_SCENARIO, "Version");
  g_autofree char *value = NULL;
  guint64 version;

  if (e == NULL)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, header->line,
                    /* Translators: keep [Soleus Scenario] and Version as they are */
                    _("[Soleus Scenario] has no Version"));
      return FALSE;
    }

  value = get_value (p, e);
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &version, NULL))
    {
      g_autofree char *quoted = quote_text (value, -1);

      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                    _("Version: %s is not a whole number"), quoted);
      return FALSE;
    }
  if (version != SOLEUS_SCENARIO_FILE_VERSION)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_VERSION, e->line,
                    /* Translators: Version 99 is not supported: this Soleus reads
                     * version 1 … */
                    _("Version %s is not supported: this Soleus reads version %d "
                      "(a newer Soleus may have written the file)"),
                    shown (p, value), SOLEUS_SCENARIO_FILE_VERSION);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  IN_SCENARIO,
  IN_CONTROLS,
  IN_TIMELINE,
  IN_STEP,
} Section;

static gboolean
parse_scenario_key (Parser              *p,
                    const Entry         *e,
                    SoleusScenarioFile  *file,
                    GError             **error)
{
  g_autofree char *locale = NULL;

  if (strcmp (e->key, "Version") == 0)
    return TRUE;  /* checked first */

  if (strcmp (e->key, "Title") == 0 || (locale = localized_key (e->key, "Title")) != NULL)
    {
      g_autofree char *text = get_string (p, e, error);

      if (text == NULL)
        return FALSE;
      if (locale == NULL && g_strstrip (text)[0] == '\0')
        {
          parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, e->line,
                        _("Title: empty (a scenario needs a title)"));
          return FALSE;
        }
      text_set (&file->title, locale, text);
      return TRUE;
    }

  if (strcmp (e->key, "Description") == 0 ||
      (locale = localized_key (e->key, "Description")) != NULL)
    {
      g_autofree char *text = get_string (p, e, error);

      if (text == NULL)
        return FALSE;
      text_set (&file->description, locale, text);
      return TRUE;
    }

  if (strcmp (e->key, "Duration") == 0)
    {
      g_autofree char *value = get_value (p, e);

      return parse_seconds (p, e->line, e->key, value, SOLEUS_STEP_S, &file->duration_s,
                            error);
    }

  parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                /* Translators: keep the key names as they are */
                _("%s: unknown key in [Soleus Scenario] (Version, Title, Description or "
                  "Duration)"), shown (p, e->key));
  return FALSE;
}

static gboolean
parse_event (Parser              *p,
             const Entry         *e,
             SoleusScenarioFile  *file,
             GError             **error)
{
  guint number = number_after (e->key, EVENT_PREFIX);
  g_auto(GStrv) parts = NULL;
  g_autofree char *value = NULL;
  g_autofree char *what = NULL;
  SoleusScenarioEvent event;
  int param;

  if (number == 0)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                    /* Translators: keep [Timeline] and Event1 as they are */
                    _("%s: unknown key in [Timeline] (the events are Event1, Event2, …)"),
                    shown (p, e->key));
      return FALSE;
    }
  if (number != file->events->len + 1)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                    /* Translators: Event3: out of order (expected Event2 here) */
                    _("%s: out of order (expected %s%u here)"), shown (p, e->key), EVENT_PREFIX,
                    file->events->len + 1);
      return FALSE;
    }

  value = get_value (p, e);
  parts = g_strsplit (value, ";", -1);
  /* A final ';' is allowed, as in GKeyFile's lists. */
  if (g_strv_length (parts) == 4 && parts[3][0] == '\0')
    g_clear_pointer (&parts[3], g_free);
  if (g_strv_length (parts) != 3)
    {
      g_autofree char *quoted = quote_text (value, -1);

      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                    /* Translators: Event1: '120;speed' is not TIME;CONTROL;VALUE (as in
                     * 120;speed;3); keep TIME;CONTROL;VALUE as it is */
                    _("%s: %s is not TIME;CONTROL;VALUE (as in 120;speed;3)"),
                    shown (p, e->key), quoted);
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    g_strstrip (parts[i]);

  if (!parse_seconds (p, e->line, shown (p, e->key), parts[0], 0.0, &event.time_s, error))
    return FALSE;

  param = soleus_param_find (parts[1]);
  if (param < 0)
    {
      g_autofree char *prefix = g_strdup_printf ("%s: ", shown (p, e->key));
      return unknown_control (p, e->line, prefix, parts[1], error);
    }
  event.param = (SoleusParamId) param;

  what = g_strdup_printf ("%s %s", shown (p, e->key), parts[1]);
  if (!parse_control (p, e->line, what, event.param, parts[2], &event.value, error))
    return FALSE;

  if (file->events->len > 0)
    {
      const SoleusScenarioEvent *last = &g_array_index (file->events, SoleusScenarioEvent,
                                                        file->events->len - 1);

      if (event.time_s < last->time_s)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                        /* Translators: Event3: 100 s is before Event2 (120 s); … */
                        _("%s: %s s is before %s%u (%s s); events go in time order"),
                        shown (p, e->key), shown (p, parts[0]), EVENT_PREFIX,
                        file->events->len,
                        soleus_format_double (buf, last->time_s));
          return FALSE;
        }
    }

  g_array_append_val (file->events, event);
  return TRUE;
}

static gboolean
parse_step_key (Parser              *p,
                const Entry         *e,
                SoleusScenarioFile  *file,
                GError             **error)
{
  guint index = file->steps->len - 1;
  Step *step = get_step (file, index);
  g_autofree char *locale = NULL;
  g_autofree char *value = NULL;
  g_autofree char *what = NULL;
  int param;

  if (strcmp (e->key, "Caption") == 0 || (locale = localized_key (e->key, "Caption")) != NULL)
    {
      g_autofree char *text = get_string (p, e, error);

      if (text == NULL)
        return FALSE;
      text_set (&step->caption, locale, text);
      return TRUE;
    }

  value = get_value (p, e);
  what = g_strdup_printf ("[%s] %s", shown (p, e->group), shown (p, e->key));

  if (strcmp (e->key, "Time") == 0)
    {
      if (!parse_seconds (p, e->line, what, value, 0.0, &step->time_s, error))
        return FALSE;
      /* Times never decrease from one step to the next. */
      for (guint i = index; i > 0; i--)
        {
          double before = get_step (file, i - 1)->time_s;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (isnan (before))
            continue;
          if (step->time_s < before)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                            /* Translators: [Step 3] Time: 50 s is before [Step 2] (120 s);
                             * steps go in time order */
                            _("%s: %s s is before [%s%u] (%s s); steps go in time order"),
                            what, shown (p, value), STEP_PREFIX, i,
                            soleus_format_double (buf, before));
              return FALSE;
            }
          break;
        }
      return TRUE;
    }

  param = soleus_param_find (e->key);
  if (param < 0)
    {
      g_autofree char *prefix = g_strdup_printf ("[%s] ", shown (p, e->group));
      g_autofree char *names = param_names ();

      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                    /* Translators: [Step 2] speeed: unknown key (Caption, Time or a
                     * control: posture, speed, …); keep Caption and Time */
                    _("%s%s: unknown key (Caption, Time or a control: %s)"),
                    prefix, shown (p, e->key), names);
      return FALSE;
    }

  return parse_control (p, e->line, what, (SoleusParamId) param, value,
                        &step->controls[param], error);
}

/* After a step's keys: it has a caption. */
static gboolean
check_step (Parser              *p,
            const Entry         *header,
            SoleusScenarioFile  *file,
            GError             **error)
{
  if (find_entry (p, header->group, "Caption") == NULL)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, header->line,
                    /* Translators: [Step 2] has no Caption; keep Caption */
                    _("[%s] has no Caption"), shown (p, header->group));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_entries (Parser              *p,
               SoleusScenarioFile  *file,
               GError             **error)
{
  const Entry *first;
  const Entry *step_header = NULL;
  Section section = IN_SCENARIO;

  if (p->entries->len == 0)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, 1,
                    /* Translators: keep [Soleus Scenario] as it is */
                    _("empty: not a scenario file (no [Soleus Scenario] group)"));
      return FALSE;
    }

  first = &g_array_index (p->entries, Entry, 0);
  if (strcmp (first->group, GROUP_SCENARIO) != 0)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, first->line,
                    /* Translators: [Desktop Entry]: not a scenario file (it must begin
                     * with [Soleus Scenario]) */
                    _("[%s]: not a scenario file (it must begin with [Soleus Scenario])"),
                    shown (p, first->group));
      return FALSE;
    }

  /* The version before anything else: a newer file may well have groups and
   * keys that this version does not know. */
  if (!check_version (p, first, error))
    return FALSE;

  for (guint i = 0; i < p->entries->len; i++)
    {
      const Entry *e = &g_array_index (p->entries, Entry, i);
      gboolean ok = TRUE;

      if (e->key == NULL)
        {
          guint number;

          if (step_header != NULL && !check_step (p, step_header, file, error))
            return FALSE;
          step_header = NULL;

          number = number_after (e->group, STEP_PREFIX);
          if (strcmp (e->group, GROUP_SCENARIO) == 0)
            section = IN_SCENARIO;
          else if (strcmp (e->group, GROUP_CONTROLS) == 0)
            section = IN_CONTROLS;
          else if (strcmp (e->group, GROUP_TIMELINE) == 0)
            section = IN_TIMELINE;
          else if (number > 0)
            {
              if (number != file->steps->len + 1)
                {
                  parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                                /* Translators: [Step 3]: out of order (expected [Step 2]
                                 * here) */
                                _("[%s]: out of order (expected [%s%u] here)"),
                                shown (p, e->group), STEP_PREFIX, file->steps->len + 1);
                  return FALSE;
                }
              g_ptr_array_add (file->steps, step_new (NULL));
              step_header = e;
              section = IN_STEP;
            }
          else
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                            /* Translators: keep the group names as they are */
                            _("[%s]: unknown group ([Soleus Scenario], [Controls], "
                              "[Timeline] or [Step 1], [Step 2], …)"),
                            shown (p, e->group));
              return FALSE;
            }
          continue;
        }

      switch (section)
        {
        case IN_SCENARIO:
          ok = parse_scenario_key (p, e, file, error);
          break;

        case IN_CONTROLS:
          {
            int param = soleus_param_find (e->key);
            g_autofree char *value = NULL;

            if (param < 0)
              return unknown_control (p, e->line, "", e->key, error);
            value = get_value (p, e);
            ok = parse_control (p, e->line, e->key, (SoleusParamId) param, value,
                                &file->controls[param], error);
          }
          break;

        case IN_TIMELINE:
          ok = parse_event (p, e, file, error);
          break;

        case IN_STEP:
          ok = parse_step_key (p, e, file, error);
          break;

        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  if (step_header != NULL && !check_step (p, step_header, file, error))
    return FALSE;

  if (find_entry (p, GROUP_SCENARIO, "Title") == NULL)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, first->line,
                    /* Translators: keep [Soleus Scenario] and Title as they are */
                    _("[Soleus Scenario] has no Title"));
      return FALSE;
    }

  return TRUE;
}

SoleusScenarioFile *
soleus_scenario_file_load_from_data_full (const char  *data,
                                          gssize       length,
                                          const char  *name,
                                          gboolean     always_keyfile,
                                          GError     **error)
{
  g_autoptr(SoleusScenarioFile) file = NULL;
  Parser p = { 0 };
  gsize len;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  parser_init (&p, name);
  p.always_keyfile = always_keyfile;

  if (len > MAX_FILE_SIZE)
    {
      parser_error (&p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, 0,
                    _("too large for a scenario file (more than 1 MiB)"));
      parser_clear (&p);
      return NULL;
    }

  file = soleus_scenario_file_new ();
  /* A byte-order mark, as Notepad writes at the start of UTF-8 text, is
   * not part of the text (GKeyFile would read it as part of the first
   * line). */
  if (data != NULL && len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  /* A file's title is its own: no "Untitled" fallback. */
  text_set (&file->title, NULL, "");

  p.data = data != NULL ? data : "";
  p.length = len;
  ok = scan_lines (&p, p.data, len, error) &&
       (!(p.needs_keyfile || p.always_keyfile) || load_keyfile (&p, p.data, len, error)) &&
       parse_entries (&p, file, error);

  parser_clear (&p);
  if (!ok)
    return NULL;

  return g_steal_pointer (&file);
}

SoleusScenarioFile *
soleus_scenario_file_load_from_data (const char  *data,
                                     gssize       length,
                                     const char  *name,
                                     GError     **error)
{
  return soleus_scenario_file_load_from_data_full (data, length, name, FALSE, error);
}

/* Why a file cannot be read, briefly: GLib's messages name the file again. */
static const char *
describe_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOENT:
      return _("no such file");
    case EACCES:
    case EPERM:
      return _("permission denied");
    case EISDIR:
      return _("a folder, not a file");
    default:
      return g_strerror (saved_errno);
    }
}

static void
set_read_error (GError     **error,
                const char  *display,
                const char  *reason)
{
  g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO,
               /* Translators: leg.soleus: cannot read (no such file) */
               _("%s: cannot read (%s)"), display, reason);
}

/* Reads at most MAX_FILE_SIZE + 1 bytes of a regular file. What is not one
 * is refused before a byte is read: a FIFO would block until a writer came,
 * a device such as /dev/zero would never end. The file is opened without
 * blocking (a FIFO opens at once) and checked through the open descriptor,
 * so that it cannot be swapped between the check and the read; its size is
 * checked first, and the read stops past the limit all the same, since the
 * file may grow meanwhile. */
static char *
read_scenario_file (const char  *path,
                    const char  *display,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize size;
  gsize used = 0;
  int fd;

  /* A device is not even opened, when it can be told from its name: opening
   * some has effects of its own. The open file is checked again below, in
   * case the name changed hands meanwhile. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      set_read_error (error, display, S_ISDIR (st.st_mode) ? _("a folder, not a file")
                                                           : _("not a regular file"));
      return NULL;
    }

  do
    fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      set_read_error (error, display, describe_errno (errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_read_error (error, display, describe_errno (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      set_read_error (error, display, _("a folder, not a file"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      /* Translators: the reason in "leg.soleus: cannot read (…)": a FIFO,
       * a device or a socket */
      set_read_error (error, display, _("not a regular file"));
      return NULL;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      g_close (fd, NULL);
      g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
                   "%s: %s", display, _("too large for a scenario file (more than 1 MiB)"));
      return NULL;
    }

  /* Room for the size it has, and one byte more to see it grow. */
  size = (gsize) st.st_size + 1;
  data = g_malloc (size + 1);
  for (;;)
    {
      gssize n;

      if (used == size)
        {
          if (size > MAX_FILE_SIZE)
            break;
          size = MIN (size * 2, (gsize) MAX_FILE_SIZE + 1);
          data = g_realloc (data, size + 1);
        }

      n = read (fd, data + used, size - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_close (fd, NULL);
          set_read_error (error, display, describe_errno (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }
  g_close (fd, NULL);

  if (used > MAX_FILE_SIZE)
    {
      g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_PARSE,
                   "%s: %s", display, _("too large for a scenario file (more than 1 MiB)"));
      return NULL;
    }

  data[used] = '\0';
  *length = used;
  return g_steal_pointer (&data);
}

SoleusScenarioFile *
soleus_scenario_file_load (const char  *path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  data = read_scenario_file (path, display, &length, error);
  if (data == NULL)
    return NULL;

  return soleus_scenario_file_load_from_data (data, (gssize) length, display, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object G_GNUC_UNUSED,
                gpointer      task_data,
                GCancellable *cancellable G_GNUC_UNUSED)
{
  GError *error = NULL;
  SoleusScenarioFile *file;

  /* The read itself cannot block (only regular files are read) and stops
   * at a megabyte: a cancellation is heard before it starts. */
  if (g_task_return_error_if_cancelled (task))
    return;

  file = soleus_scenario_file_load (task_data, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) soleus_scenario_file_free);
}

void
soleus_scenario_file_load_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, soleus_scenario_file_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

SoleusScenarioFile *
soleus_scenario_file_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        soleus_scenario_file_load_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
