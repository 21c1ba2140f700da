/* soleus-steps.h: the presenter's steps through a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "soleus-model.h"
#include "soleus-scenario.h"
#include "soleus-scenario-file.h"

G_BEGIN_DECLS

typedef struct _SoleusSteps SoleusSteps;

/* One step: the moment of the scenario it goes to (NAN for none: it stays
 * where the clock stands), the controls it sets there (NAN where it leaves
 * one alone) and what the presenter's screen says. */
typedef struct
{
  char   *caption;
  double  time_s;
  double  controls[SOLEUS_N_PARAMS];
  /* For a step read from a file and not edited since: its untranslated
   * caption and its translations (locale, text, locale, text, ...), written
   * back as they were; NULL otherwise. */
  char   *source_caption;
  char  **translations;
} SoleusStep;

/* The default tour for a talk: lying, standing, walking, weak valves,
 * walking with weak valves. */
SoleusSteps      *soleus_steps_new_tour          (void);
/* A built-in scenario's story, one step per moment of it (from the moment
 * the scenario starts at); a scenario without one gets a step per moment
 * something changes. */
SoleusSteps      *soleus_steps_new_for_scenario  (const SoleusScenario *scenario);
/* A scenario file's presenter steps, with their captions. */
SoleusSteps      *soleus_steps_new_for_file      (SoleusScenarioFile   *file);
/* Takes the steps over (captions owned by the array). */
SoleusSteps      *soleus_steps_new_take          (GArray               *steps);
void              soleus_steps_free              (SoleusSteps          *self);

/* Editing, for the presenter's steps made in the window: a step appended
 * with all its controls and its moment (NAN for none); indices out of range
 * change nothing. */
guint             soleus_steps_append            (SoleusSteps          *self,
                                                  const char           *caption,
                                                  double                time_s,
                                                  const double          controls[SOLEUS_N_PARAMS]);
void              soleus_steps_set_caption       (SoleusSteps          *self,
                                                  guint                 index,
                                                  const char           *caption);
void              soleus_steps_remove            (SoleusSteps          *self,
                                                  guint                 index);
/* Moves a step from one place to another, the others closing up. */
void              soleus_steps_move              (SoleusSteps          *self,
                                                  guint                 from,
                                                  guint                 to);
/* The steps as a scenario file's presenter steps, in place of its own. */
void              soleus_steps_to_file           (SoleusSteps          *self,
                                                  SoleusScenarioFile   *file);

guint             soleus_steps_get_n             (SoleusSteps          *self);
const SoleusStep *soleus_steps_get               (SoleusSteps          *self,
                                                  guint                 index);

/* What to do before the steps are replaced (another scenario, another
 * file) or the window goes, when they may have changes not saved. */
typedef enum
{
  SOLEUS_UNSAVED_GO_ON,   /* nothing would be lost, or a script asked */
  SOLEUS_UNSAVED_ASK      /* ask the person: save, discard or cancel */
} SoleusUnsavedChoice;

/* A person is asked when the steps have changes not saved; a scripted
 * action (app.scenario, app.open, app.quit over D-Bus) never waits on a
 * dialog: it goes on, and app.state's steps_modified tells what it drops. */
SoleusUnsavedChoice soleus_steps_unsaved_choice (gboolean modified,
                                                 gboolean scripted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusSteps, soleus_steps_free)

G_END_DECLS
