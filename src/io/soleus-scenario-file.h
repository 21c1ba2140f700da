/* soleus-scenario-file.h: .soleus scenario files, shared by the app and the
 * CLI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A scenario file is a GKeyFile with a format version: a title and a
 * description (translatable in the file itself, Title[de]=...), the starting
 * controls, a timeline of events and an ordered list of presenter steps, each
 * with a caption and the controls it sets. The format is described at the top
 * of soleus-scenario-file.c and in src/cli/README.md.
 *
 * A file plays like a built-in scenario (soleus-scenario.h): its starting
 * controls at t = 0, then its events, and the steps that have a time, each
 * at its own step of the model, so a file saved from a built-in scenario
 * gives bit-identical states.
 */

#pragma once

#include <gio/gio.h>

#include "soleus-model.h"
#include "soleus-scenario.h"

G_BEGIN_DECLS

#define SOLEUS_SCENARIO_FILE_ERROR (soleus_scenario_file_error_quark ())

/* Every message names the file and the line: "leg.soleus:7: valve-weakness:
 * 1.5 is out of range (0 to 1)". */
typedef enum
{
  SOLEUS_SCENARIO_FILE_ERROR_PARSE,        /* not key=value text, a bad number,
                                            * a duplicate, out of order */
  SOLEUS_SCENARIO_FILE_ERROR_VERSION,      /* a format version this build
                                            * cannot read */
  SOLEUS_SCENARIO_FILE_ERROR_RANGE,        /* a value outside its range */
  SOLEUS_SCENARIO_FILE_ERROR_UNKNOWN_KEY,  /* an unknown group or key: a typo */
  SOLEUS_SCENARIO_FILE_ERROR_MISSING,      /* a required group or key is absent */
  SOLEUS_SCENARIO_FILE_ERROR_IO,           /* the file cannot be read or written */
} SoleusScenarioFileError;

/* The newest format version this build reads and writes; it reads every
 * version from 1. A file is written as version 1 unless a step's time is
 * before an earlier step's (steps the presenter put in another order):
 * version 1 keeps step times in time order, version 2 lets them be in any
 * order, and is the same otherwise. */
#define SOLEUS_SCENARIO_FILE_VERSION 2
#define SOLEUS_SCENARIO_FILE_SUFFIX  ".soleus"
/* The longest time a file may name: a week, as the CLI's --duration. */
#define SOLEUS_SCENARIO_FILE_MAX_TIME_S (7.0 * 24.0 * 3600.0)

typedef struct _SoleusScenarioFile SoleusScenarioFile;

GQuark                soleus_scenario_file_error_quark      (void);

/* An empty scenario: title "Untitled", every control at its default, no
 * events, no steps, a duration of 300 s. */
SoleusScenarioFile   *soleus_scenario_file_new              (void);
void                  soleus_scenario_file_free             (SoleusScenarioFile *self);
/* A file holding a built-in scenario: its English title and description,
 * its time-0 events as the starting controls, its later events as the
 * timeline; no steps. */
SoleusScenarioFile   *soleus_scenario_file_from_builtin     (const SoleusScenario *scenario);

/* NULL with @error set when the file cannot be read or is not a valid
 * scenario; nothing else changes. Only a regular file is read, and only
 * when it is no larger than the limit (1 MiB): a FIFO, a device or a folder
 * is refused before reading (SOLEUS_SCENARIO_FILE_ERROR_IO, "leg.soleus:
 * cannot read (not a regular file)"), so the call never blocks on one. */
SoleusScenarioFile   *soleus_scenario_file_load             (const char         *path,
                                                             GError            **error);
/* The same, in a worker thread, for a window that must stay responsive:
 * @callback runs in the thread-default main context of the caller; call
 * _load_finish () there. Cancelled before the thread starts reading, it
 * ends with G_IO_ERROR_CANCELLED; a read takes at most a megabyte. */
void                  soleus_scenario_file_load_async       (const char         *path,
                                                             GCancellable       *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
SoleusScenarioFile   *soleus_scenario_file_load_finish      (GAsyncResult       *result,
                                                             GError            **error);
/* @name is what the messages call the data ("leg.soleus"); NULL for
 * "line 7: ...". @length may be -1 for a nul-terminated string. */
SoleusScenarioFile   *soleus_scenario_file_load_from_data   (const char         *data,
                                                             gssize              length,
                                                             const char         *name,
                                                             GError            **error);
/* The file's text, with a comment on each control's range. Comments in a
 * loaded file are not kept. */
char                 *soleus_scenario_file_to_data          (SoleusScenarioFile *self,
                                                             gsize              *length);
/* Writes through a SoleusFileWriter (soleus-file-writer.h): a failure
 * leaves the old file. */
gboolean              soleus_scenario_file_save             (SoleusScenarioFile *self,
                                                             const char         *path,
                                                             GError            **error);

/* Title, description, duration. The plain getters return the text in the
 * user's language (g_get_language_names ()) when the file has it, else the
 * untranslated text; _for_locale with NULL is the untranslated text, with
 * "de" the text of Title[de] or NULL. Setters with a NULL locale set the
 * untranslated text; a NULL text removes a translation. */
const char           *soleus_scenario_file_get_title        (SoleusScenarioFile *self);
const char           *soleus_scenario_file_get_title_for_locale
                                                            (SoleusScenarioFile *self,
                                                             const char         *locale);
void                  soleus_scenario_file_set_title        (SoleusScenarioFile *self,
                                                             const char         *locale,
                                                             const char         *title);
const char           *soleus_scenario_file_get_description  (SoleusScenarioFile *self);
const char           *soleus_scenario_file_get_description_for_locale
                                                            (SoleusScenarioFile *self,
                                                             const char         *locale);
void                  soleus_scenario_file_set_description  (SoleusScenarioFile *self,
                                                             const char         *locale,
                                                             const char         *description);
/* The locales the file has translations for, sorted; free with g_strfreev. */
char                **soleus_scenario_file_get_locales      (SoleusScenarioFile *self);
double                soleus_scenario_file_get_duration     (SoleusScenarioFile *self);
/* FALSE, changing nothing, outside (0, SOLEUS_SCENARIO_FILE_MAX_TIME_S]. */
gboolean              soleus_scenario_file_set_duration     (SoleusScenarioFile *self,
                                                             double              duration_s);

/* The starting controls. Setters refuse (FALSE) what the model would. */
double                soleus_scenario_file_get_control      (SoleusScenarioFile *self,
                                                             SoleusParamId       id);
/* All of them, indexed by SoleusParamId. */
void soleus_scenario_file_get_controls (SoleusScenarioFile *self,
                                        double             controls[SOLEUS_N_PARAMS]);

gboolean              soleus_scenario_file_set_control      (SoleusScenarioFile *self,
                                                             SoleusParamId       id,
                                                             double              value);

/* The timeline, in time order. add_event keeps that order (after events of
 * the same time) and refuses a time outside [0, MAX_TIME_S] or a value the
 * model would refuse. */
guint                 soleus_scenario_file_get_n_events     (SoleusScenarioFile *self);
const SoleusScenarioEvent *
                      soleus_scenario_file_get_event        (SoleusScenarioFile *self,
                                                             guint               index);
gboolean              soleus_scenario_file_add_event        (SoleusScenarioFile *self,
                                                             double              time_s,
                                                             SoleusParamId       id,
                                                             double              value);
void                  soleus_scenario_file_remove_event     (SoleusScenarioFile *self,
                                                             guint               index);

/* Presenter steps, in order. A step's time (NAN for none) makes it part of
 * the timeline when the scenario plays unattended, in time order whatever
 * the order of the steps (a file whose step times decrease is written as
 * version 2). */
guint                 soleus_scenario_file_get_n_steps      (SoleusScenarioFile *self);
/* Appends a step that sets no control; returns its index. */
guint                 soleus_scenario_file_add_step         (SoleusScenarioFile *self,
                                                             const char         *caption);
void                  soleus_scenario_file_remove_step      (SoleusScenarioFile *self,
                                                             guint               index);
const char           *soleus_scenario_file_get_step_caption (SoleusScenarioFile *self,
                                                             guint               index);
const char           *soleus_scenario_file_get_step_caption_for_locale
                                                            (SoleusScenarioFile *self,
                                                             guint               index,
                                                             const char         *locale);
void                  soleus_scenario_file_set_step_caption (SoleusScenarioFile *self,
                                                             guint               index,
                                                             const char         *locale,
                                                             const char         *caption);
double                soleus_scenario_file_get_step_time    (SoleusScenarioFile *self,
                                                             guint               index);
/* NAN removes the time. FALSE, changing nothing, outside [0, MAX_TIME_S]. */
gboolean              soleus_scenario_file_set_step_time    (SoleusScenarioFile *self,
                                                             guint               index,
                                                             double              time_s);
/* 1 when the step times never decrease from one step to the next, else 2:
 * the version the file is written as. */
guint                 soleus_scenario_file_get_version      (SoleusScenarioFile *self);
/* The controls the step sets, NAN where it leaves one alone. */
void soleus_scenario_file_get_step_controls (SoleusScenarioFile *self,
                                             guint              index,
                                             double             controls[SOLEUS_N_PARAMS]);
/* NAN: the step leaves the control alone. */
gboolean              soleus_scenario_file_set_step_control (SoleusScenarioFile *self,
                                                             guint               index,
                                                             SoleusParamId       id,
                                                             double              value);
/* The controls in force at a step reached by the presenter: the starting
 * controls, then those of steps 0 to index in turn. */
void soleus_scenario_file_controls_at_step (SoleusScenarioFile *self,
                                            guint              index,
                                            double             controls[SOLEUS_N_PARAMS]);

/* Playing, as soleus_scenario_start () and _advance_to () do for a built-in.
 * The schedule is the starting controls at t = 0 (the posture last, as the
 * built-ins set it), then the timeline and the steps with a time, merged in
 * time order (events before steps at the same time). as_scenario () is that schedule as a built-in scenario (named
 * "file"), valid until the file changes or is freed. */
const SoleusScenario *soleus_scenario_file_as_scenario      (SoleusScenarioFile *self);
void soleus_scenario_file_controls_at (SoleusScenarioFile *self,
                                       double             time_s,
                                       double             controls[SOLEUS_N_PARAMS]);
void                  soleus_scenario_file_start            (SoleusScenarioFile *self,
                                                             SoleusModel        *model);
void                  soleus_scenario_file_advance_to       (SoleusScenarioFile *self,
                                                             SoleusModel        *model,
                                                             double              time_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusScenarioFile, soleus_scenario_file_free)

G_END_DECLS
