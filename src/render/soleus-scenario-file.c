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
 * messages.
 *
 * Playing a file: its starting controls at t = 0, then the timeline and the
 * steps that have a time merged in time order (events before steps at the
 * same time), handed to the core's scenario player, so a file saved from a
 * built-in scenario plays it bit for bit.
 */

#include "config.h"

#include "soleus-file-writer.h"
#include "soleus-scenario-file.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

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

/* The shortest text that reads back as the same double, in the C locale. */
static const char *
format_double (char   *buf,
               double  v)
{
  /* Whole numbers as such: "600", never "6e+02". */
  if (fabs (v) < 1e15 && !(floor (v) < v) && !(floor (v) > v))
    return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.0f", v);

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, v);
      back = g_ascii_strtod (buf, NULL);
      if (!(back < v) && !(back > v))
        break;
    }
  return buf;
}

/* A whole-string, finite number in the C locale: no hex, inf, nan. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c) && strchr (".+-eE", *c) == NULL)
      return FALSE;

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

static char *
format_range (double      min,
              double      max,
              const char *unit)
{
  char min_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char max_buf[G_ASCII_DTOSTR_BUF_SIZE];

  format_double (min_buf, min);
  format_double (max_buf, max);
  if (unit != NULL && unit[0] != '\0')
    /* Translators: a valid range with its unit: "0 to 6 km/h" */
    return g_strdup_printf (_("%s to %s %s"), min_buf, max_buf, unit);
  /* Translators: a valid range without a unit: "0 to 1" */
  return g_strdup_printf (_("%s to %s"), min_buf, max_buf);
}

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
  return format_range (info->min, info->max, info->unit);
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

  return g_strdup (format_double (buf, value));
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
  self->controls[id] = value;
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
  SoleusScenarioEvent event = { time_s, id, value };
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

  get_step (self, index)->time_s = time_s;
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
  get_step (self, index)->controls[id] = value;
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

  g_key_file_set_value (keyfile, group, key, format_double (buf, v));
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

      line = g_strdup_printf ("%s;%s;%s", format_double (buf, event->time_s),
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

/* A group header or a key, where the file has it. */
typedef struct
{
  char  *group;
  char  *key;       /* NULL for the group's header */
  guint  line;
} Entry;

typedef struct
{
  const char *name;            /* for messages; NULL: "line 7: ..." */
  guint       unterminated;    /* the last line when it has no newline, else 0 */
  gboolean    binary;          /* not text: no hint of truncation */
  GArray     *line_ends;       /* offset just past each line */
  GPtrArray  *entries;         /* of Entry *, in file order */
  GKeyFile   *keyfile;
} Parser;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->group);
  g_free (entry->key);
  g_free (entry);
}

static void
parser_clear (Parser *p)
{
  g_clear_pointer (&p->line_ends, g_array_unref);
  g_clear_pointer (&p->entries, g_ptr_array_unref);
  g_clear_pointer (&p->keyfile, g_key_file_unref);
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
  g_autofree char *copy = length < 0 ? g_strdup (text) : g_strndup (text, (gsize) length);
  g_autofree char *escaped = NULL;
  char non_ascii[129];

  /* g_strescape () leaves the bytes 0x80 to 0xff alone: letters of any
   * script stay readable, control characters are escaped. */
  for (int i = 0; i < 128; i++)
    non_ascii[i] = (char) (0x80 + i);
  non_ascii[128] = '\0';

  if (!g_utf8_validate (copy, -1, NULL))
    return g_strdup ("'…'");
  if (g_utf8_strlen (copy, -1) > QUOTE_CHARS)
    {
      char *cut = g_utf8_substring (copy, 0, QUOTE_CHARS);
      g_free (copy);
      copy = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  escaped = g_strescape (copy, non_ascii);
  return g_strdup_printf ("'%s'", escaped);
}

static const Entry *
find_entry (Parser     *p,
            const char *group,
            const char *key)
{
  for (guint i = 0; i < p->entries->len; i++)
    {
      const Entry *e = p->entries->pdata[i];

      if (strcmp (e->group, group) == 0 && g_strcmp0 (e->key, key) == 0)
        return e;
    }
  return NULL;
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
  g_autofree char *group = NULL;
  gsize start = 0;
  guint line = 0;

  while (start < length)
    {
      const char *nl = memchr (data + start, '\n', length - start);
      gsize end = nl != NULL ? (gsize) (nl - data) : length;
      gsize next = nl != NULL ? end + 1 : length;
      g_autofree char *text = NULL;
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

      text = g_strndup (data + start, end - start);
      start = next;

      /* As GKeyFile: a \r before the newline is dropped, leading spaces are
       * not part of the line. */
      len = strlen (text);
      if (len > 0 && text[len - 1] == '\r')
        text[--len] = '\0';
      s = text;
      while (g_ascii_isspace (*s))
        s++;

      if (*s == '\0' || *s == '#')
        continue;

      if (*s == '[')
        {
          g_autofree char *quoted = quote_text (s, -1);
          const Entry *first;
          Entry *entry;
          char *close;

          g_strchomp (s);
          close = s + strlen (s) - 1;
          if (*close != ']')
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: '[Contr': a group name without its closing ']' */
                            _("%s: a group name without its closing ']'"), quoted);
              return FALSE;
            }
          *close = '\0';
          if (s[1] == '\0' || strpbrk (s + 1, "[]") != NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            _("%s is not a valid group name"), quoted);
              return FALSE;
            }

          g_free (group);
          group = g_strdup (s + 1);
          first = find_entry (p, group, NULL);
          if (first != NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: [Controls]: given twice (first on line 3) */
                            _("[%s]: given twice (first on line %u)"), group, first->line);
              return FALSE;
            }

          entry = g_new0 (Entry, 1);
          entry->group = g_strdup (group);
          entry->line = line;
          g_ptr_array_add (p->entries, entry);
        }
      else
        {
          char *eq = strchr (s, '=');
          const Entry *first;
          Entry *entry;

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
          if (group == NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: Title: a key before the first group; keep
                             * [Soleus Scenario] as it is */
                            _("%s: a key before the first group (a scenario file begins "
                              "with [Soleus Scenario])"), s);
              return FALSE;
            }

          first = find_entry (p, group, s);
          if (first != NULL)
            {
              parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, line,
                            /* Translators: speed: given twice in [Controls] (first on line 5) */
                            _("%s: given twice in [%s] (first on line %u)"),
                            s, group, first->line);
              return FALSE;
            }

          entry = g_new0 (Entry, 1);
          entry->group = g_strdup (group);
          entry->key = g_strdup (s);
          entry->line = line;
          g_ptr_array_add (p->entries, entry);
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

  parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, hi, "%s", local_error->message);
  return FALSE;
}

/* The raw value of a key, without surrounding spaces. */
static char *
get_value (Parser      *p,
           const Entry *e)
{
  char *value = g_key_file_get_value (p->keyfile, e->group, e->key, NULL);

  return value != NULL ? g_strstrip (value) : g_strdup ("");
}

/* An unescaped string value. */
static char *
get_string (Parser       *p,
            const Entry  *e,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value = g_key_file_get_string (p->keyfile, e->group, e->key, &local_error);

  if (value == NULL)
    parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line, "%s: %s", e->key,
                  local_error->message);
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
  g_autofree char *range = format_range (min, SOLEUS_SCENARIO_FILE_MAX_TIME_S, "s");
  double v;

  if (!parse_number (text, &v))
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
                    _("%s: %s s is out of range (%s)"), what, text, range);
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

  if (!parse_number (text, &v))
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
                    _("%s: %s is out of range (%s)"), what, text, range);
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
                    value, SOLEUS_SCENARIO_FILE_VERSION);
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
                  "Duration)"), e->key);
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
                    e->key);
      return FALSE;
    }
  if (number != file->events->len + 1)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, e->line,
                    /* Translators: Event3: out of order (expected Event2 here) */
                    _("%s: out of order (expected %s%u here)"), e->key, EVENT_PREFIX,
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
                    e->key, quoted);
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    g_strstrip (parts[i]);

  if (!parse_seconds (p, e->line, e->key, parts[0], 0.0, &event.time_s, error))
    return FALSE;

  param = soleus_param_find (parts[1]);
  if (param < 0)
    {
      g_autofree char *prefix = g_strdup_printf ("%s: ", e->key);
      return unknown_control (p, e->line, prefix, parts[1], error);
    }
  event.param = (SoleusParamId) param;

  what = g_strdup_printf ("%s %s", e->key, parts[1]);
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
                        e->key, parts[0], EVENT_PREFIX, file->events->len,
                        format_double (buf, last->time_s));
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
  what = g_strdup_printf ("[%s] %s", e->group, e->key);

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
                            what, value, STEP_PREFIX, i, format_double (buf, before));
              return FALSE;
            }
          break;
        }
      return TRUE;
    }

  param = soleus_param_find (e->key);
  if (param < 0)
    {
      g_autofree char *prefix = g_strdup_printf ("[%s] ", e->group);
      g_autofree char *names = param_names ();

      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY, e->line,
                    /* Translators: [Step 2] speeed: unknown key (Caption, Time or a
                     * control: posture, speed, …); keep Caption and Time */
                    _("%s%s: unknown key (Caption, Time or a control: %s)"),
                    prefix, e->key, names);
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
                    _("[%s] has no Caption"), header->group);
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

  first = p->entries->pdata[0];
  if (strcmp (first->group, GROUP_SCENARIO) != 0)
    {
      parser_error (p, error, SOLEUS_SCENARIO_FILE_ERROR_MISSING, first->line,
                    /* Translators: [Desktop Entry]: not a scenario file (it must begin
                     * with [Soleus Scenario]) */
                    _("[%s]: not a scenario file (it must begin with [Soleus Scenario])"),
                    first->group);
      return FALSE;
    }

  /* The version before anything else: a newer file may well have groups and
   * keys that this version does not know. */
  if (!check_version (p, first, error))
    return FALSE;

  for (guint i = 0; i < p->entries->len; i++)
    {
      const Entry *e = p->entries->pdata[i];
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
                                e->group, STEP_PREFIX, file->steps->len + 1);
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
                              "[Timeline] or [Step 1], [Step 2], …)"), e->group);
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
soleus_scenario_file_load_from_data (const char  *data,
                                     gssize       length,
                                     const char  *name,
                                     GError     **error)
{
  g_autoptr(SoleusScenarioFile) file = NULL;
  Parser p = { 0 };
  gsize len;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  p.name = name;

  if (len > MAX_FILE_SIZE)
    {
      parser_error (&p, error, SOLEUS_SCENARIO_FILE_ERROR_PARSE, 0,
                    _("too large for a scenario file (more than 1 MiB)"));
      return NULL;
    }

  p.line_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  p.entries = g_ptr_array_new_with_free_func (entry_free);

  file = soleus_scenario_file_new ();
  /* A file's title is its own: no "Untitled" fallback. */
  text_set (&file->title, NULL, "");

  ok = scan_lines (&p, data != NULL ? data : "", len, error) &&
       load_keyfile (&p, data != NULL ? data : "", len, error) &&
       parse_entries (&p, file, error);

  parser_clear (&p);
  if (!ok)
    return NULL;

  return g_steal_pointer (&file);
}

SoleusScenarioFile *
soleus_scenario_file_load (const char  *path,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      const char *reason = local_error->message;

      /* GLib's message names the file again: the common cases briefly. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        reason = _("no such file");
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        reason = _("permission denied");
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        reason = _("a folder, not a file");

      g_set_error (error, SOLEUS_SCENARIO_FILE_ERROR, SOLEUS_SCENARIO_FILE_ERROR_IO,
                   /* Translators: leg.soleus: cannot read (no such file) */
                   _("%s: cannot read (%s)"), display, reason);
      return NULL;
    }

  return soleus_scenario_file_load_from_data (data, (gssize) length, display, error);
}
