/* soleus-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "soleus-application.h"
#include "soleus-simulation.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_WINDOW (soleus_window_get_type ())

G_DECLARE_FINAL_TYPE (SoleusWindow, soleus_window, SOLEUS, WINDOW, AdwApplicationWindow)

SoleusWindow     *soleus_window_new             (SoleusApplication *application);
SoleusSimulation *soleus_window_get_simulation  (SoleusWindow      *self);
/* Saves the play area as it is now: PNG, SVG or PDF by the extension. */
gboolean          soleus_window_save_screenshot (SoleusWindow      *self,
                                                 const char        *path,
                                                 GError           **error);
/* The start page of story cards; at start-up without files it shows
 * (or the last choice, when the user asked for that in Preferences). A
 * choice is "free", "picture", "scenario:NAME" or "file:PATH"; another is
 * refused with an error and changes nothing. */
void              soleus_window_begin           (SoleusWindow      *self,
                                                 gboolean           with_files);
void              soleus_window_show_start_page (SoleusWindow      *self);
gboolean          soleus_window_choose          (SoleusWindow      *self,
                                                 const char        *choice,
                                                 GError           **error);
/* Opens a scenario file, read in a worker thread. A file that does not
 * load keeps the running session; the failure goes to the log as a warning
 * prefixed with action (a scripted call, such as "app.open"), or, when
 * action is NULL, to a dialog for the person who asked. */
void              soleus_window_open_file       (SoleusWindow      *self,
                                                 const char        *path,
                                                 const char        *action);
/* Compare mode with a second scenario file in place of the healthy leg;
 * reported as soleus_window_open_file() does. */
void              soleus_window_compare_file    (SoleusWindow      *self,
                                                 const char        *path,
                                                 const char        *action);
/* A file from the desktop, as soleus_window_open_file() or, with compare,
 * soleus_window_compare_file() for a person (a dialog when it fails). */
void              soleus_window_open_gfile      (SoleusWindow      *self,
                                                 GFile             *file,
                                                 gboolean           compare);
/* Opened as this leg, as soleus_window_open_gfile () does, for a scripted
 * action (app.open-sample): presenter steps not saved are not asked about. */
void              soleus_window_open_gfile_scripted (SoleusWindow  *self,
                                                     GFile         *file);
/* Saves the leg as it is set now as a scenario file. */
gboolean          soleus_window_save_file       (SoleusWindow      *self,
                                                 const char        *path,
                                                 GError           **error);
/* What a video export holds; the format follows the path's extension. */
typedef struct
{
  double   seconds;
  double   fps;
  int      width;
  int      height;
  gboolean caption;
  gboolean chart;
} SoleusWindowRecording;

/* Exports a video (MP4, WebM or GIF by the name) in a worker thread, with
 * a progress bar and Cancel over the picture; one at a time. The result is
 * reported as soleus_window_open_file() does (a toast for a person, the
 * log for a scripted action). */
void              soleus_window_record          (SoleusWindow      *self,
                                                 const char        *path,
                                                 const SoleusWindowRecording *recording,
                                                 const char        *action);
/* Stops the export under way: no file is written. */
void              soleus_window_cancel_export   (SoleusWindow      *self);
gboolean          soleus_window_is_exporting    (SoleusWindow      *self);
/* 0 to 1, or -1 when no export runs. */
double            soleus_window_get_export_progress (SoleusWindow  *self);
/* Writes the one-page patient handout as PDF. */
gboolean          soleus_window_write_handout   (SoleusWindow      *self,
                                                 const char        *path,
                                                 GError           **error);
/* Saves the strip chart's data as CSV. */
gboolean          soleus_window_export_csv      (SoleusWindow      *self,
                                                 const char        *path,
                                                 GError           **error);

void              soleus_window_set_compare     (SoleusWindow      *self,
                                                 gboolean           compare);
gboolean          soleus_window_get_compare     (SoleusWindow      *self);
void              soleus_window_set_presenting  (SoleusWindow      *self,
                                                 gboolean           presenting);
gboolean          soleus_window_get_presenting  (SoleusWindow      *self);
/* A presenter step with the controls and the scenario's moment as they
 * are, and caption; it is saved with the scenario file. */
void              soleus_window_add_step        (SoleusWindow      *self,
                                                 const char        *caption);
/* Goes to a step as PageDown does; FALSE, changing nothing, when there is
 * no such step. */
gboolean          soleus_window_go_to_step      (SoleusWindow      *self,
                                                 guint              index);

/* Opens the user help (Yelp, help:io.github.soleus.Soleus); when no help
 * viewer takes it, the window says so. */
void              soleus_window_show_help       (SoleusWindow      *self);
/* Holds a valve in a close-up, by its name (soleus_scene_valve_name ():
 * "femoral", "perforator", ...), or "auto" to let the close-ups follow the
 * leakiest valves (the win.pick-valve action's state). An unknown name is
 * refused and changes nothing. */
gboolean          soleus_window_pick_valve      (SoleusWindow      *self,
                                                 const char        *name,
                                                 GError           **error);
/* "auto" or the name of the valve held. */
const char       *soleus_window_get_picked_valve (SoleusWindow     *self);

/* What the window shows now, as a{sv}: the clock, the controls, the
 * readouts and the caption (the state of the app.state action). */
GVariant         *soleus_window_describe        (SoleusWindow      *self);

G_END_DECLS
