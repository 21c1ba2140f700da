/* soleus-scenario-file-private.h: the scenario file's internals, shared by
 * its model, reader, scanner and writer, and reached by the reader's tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "soleus-scenario-file.h"

G_BEGIN_DECLS

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
  guint       version;         /* the file's format version, once checked */
} Parser;

/* The model (soleus-scenario-file.c) */
void soleus_scenario_text_set (Text       *t,
                               const char *locale,
                               const char *text);
GPtrArray *soleus_scenario_text_sorted_locales (const Text *t);
Step *soleus_scenario_step_new (const char *caption);
char *soleus_scenario_param_range (SoleusParamId id);
char *soleus_scenario_param_names (void);
char *soleus_scenario_param_value_text (SoleusParamId id,
                                        double        value);
Step *soleus_scenario_file_step_at (SoleusScenarioFile *self,
                                    guint               index);

/* The scan (soleus-scenario-file-scan.c) */
void soleus_scenario_parser_init (Parser     *p,
                                  const char *name);
void soleus_scenario_parser_clear (Parser *p);
void soleus_scenario_parser_error (Parser     *p,
                                   GError    **error,
                                   int         code,
                                   guint       line,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (5, 6);
char *soleus_scenario_quote_text (const char *text,
                                  gssize      length);
const char *soleus_scenario_parser_shown (Parser     *p,
                                          const char *text);
const Entry *soleus_scenario_parser_find_entry (Parser     *p,
                                                const char *group,
                                                const char *key);
gboolean soleus_scenario_parser_scan_lines (Parser      *p,
                                            const char  *data,
                                            gsize        length,
                                            GError     **error);
gboolean soleus_scenario_parser_load_keyfile (Parser      *p,
                                              const char  *data,
                                              gsize        length,
                                              GError     **error);
char *soleus_scenario_parser_get_value (Parser      *p,
                                        const Entry *e);
char *soleus_scenario_parser_get_string (Parser       *p,
                                         const Entry  *e,
                                         GError      **error);

/* soleus_scenario_file_load_from_data (), which has GKeyFile read the text
 * only when its own scan cannot vouch for it; with @always_keyfile, GKeyFile
 * reads every text. The two must give the same file or the same error. */
SoleusScenarioFile *soleus_scenario_file_load_from_data_full (const char  *data,
                                                              gssize       length,
                                                              const char  *name,
                                                              gboolean     always_keyfile,
                                                              GError     **error);

G_END_DECLS
