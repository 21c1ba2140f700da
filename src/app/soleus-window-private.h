/* soleus-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's files share: soleus-window.c (the widget and its
 * layout), soleus-window-actions.c (its actions and keys),
 * soleus-window-files.c (the file jobs: open, save, export, record) and
 * soleus-window-describe.c (what it shows, for app.state).
 */

#pragma once

#include "soleus-controls-panel.h"
#include "soleus-narration.h"
#include "soleus-play-area.h"
#include "soleus-readout-panel.h"
#include "soleus-steps.h"
#include "soleus-steps-panel.h"
#include "soleus-strip-chart.h"
#include "soleus-timeline.h"
#include "soleus-window.h"

G_BEGIN_DECLS

/* What a person asked for that would drop steps not saved, carried out once
 * they chose Save or Discard (soleus-window-steps.c). */
typedef enum
{
  SOLEUS_PENDING_NONE,
  SOLEUS_PENDING_SCENARIO,
  SOLEUS_PENDING_OPEN,        /* the Open chooser */
  SOLEUS_PENDING_OPEN_PATH,   /* a file from the desktop or the recent list */
  SOLEUS_PENDING_SAMPLE,      /* a sample from Open Sample, by file name */
  SOLEUS_PENDING_CLOSE,
  SOLEUS_PENDING_QUIT
} SoleusPending;

struct _SoleusWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *play_button;
  GtkDropDown          *speed_dropdown;
  GtkLabel             *clock_label;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *scenario_button;
  GtkListBox           *scenario_list;
  GtkStack             *caption_stack;
  GtkOverlay           *play_overlay;
  SoleusPlayArea       *play_area;
  SoleusStripChart     *strip_chart;
  SoleusTimeline       *timeline;
  SoleusStepsPanel     *steps_panel;
  SoleusReadoutPanel   *readouts;
  SoleusControlsPanel  *controls_panel;
  GtkWidget            *header_bar;
  GtkWidget            *sidebar;
  GtkWidget            *headline_slot;
  GtkWidget            *sidebar_separator;
  GtkWidget            *stage_info;
  GtkLabel             *stage_headline;
  GtkLabel             *step_label;
  GtkWidget            *presentation_indicator;
  GtkLabel             *stage_caption;
  GtkWidget            *main_box;
  AdwFlap              *flap;
  GtkWidget            *flap_button;
  GtkWidget            *stage_bin;
  GtkWidget            *header_bin;
  GtkWidget            *top_bin;
  GtkWidget            *playback_box;
  GtkWidget            *playback_slot;
  GtkWidget            *compare_button;
  GtkWidget            *reset_button;

  /* Owned references */
  GSettings            *settings;
  SoleusSimulation     *simulation;
  SoleusSteps          *steps;
  GSignalGroup         *simulation_signals;
  GSignalGroup         *settings_signals;
  GSignalGroup         *style_signals;

  /* State */
  GMenu                *recent_menu;
  char                 *caption;
  SoleusCaptionKeeper   caption_keeper;
  guint                 caption_changes; /* since the window opened */
  guint                 focus_changes;
  char                 *description;
  char                 *last_error;
  char                **samples;         /* file names, as Open Sample offers them */
  GtkWidget            *error_dialog;    /* the one error dialog shown */
  GCancellable         *cancellable;     /* file jobs in worker threads */
  GQueue                opens;           /* OpenJobs, in the order asked */
  guint                 jobs_pending;
  gint64                last_text_update;
  gboolean              updating_speed;
  guint64               clock_seconds;
  int                   step_index;      /* -1 before the first step */
  gboolean              steps_edited;    /* by the presenter: saved with the file */
  gboolean              steps_modified;  /* edited since opened or last saved */
  SoleusPending         pending;         /* what waits on "Save the presenter steps?" */
  char                 *pending_scenario; /* or the file's path */
  gboolean              close_confirmed; /* the person chose to let the steps go */
  GtkWidget            *unsaved_dialog;
  gboolean              compare;
  gboolean              presenting;
  AdwColorScheme        scheme_before;

  /* The video being exported (soleus-window-files.c) */
  GtkWidget            *export_bar;      /* over the picture while it runs */
  GtkWidget            *export_bar_label;
  GtkWidget            *export_bar_progress;
  GCancellable         *export_cancellable;  /* NULL when none runs */
  gint                 *export_progress;     /* per mille, the job's */
  guint                 export_timer;
  /* The formats this system can write (1 << SoleusVideoFormat), found in
   * a worker at start: loading GStreamer must not hold up the window. */
  guint                 video_formats;
  gboolean              video_formats_known;

  /* Presentation mode's type, fitted to the window (soleus-window-stage.c) */
  AdwAnimation         *hint_fade;
  guint                 hint_source;
  guint                 hint_shows;
  guint                 stage_fit_source;
  guint                 stage_fits;
  int                   stage_width;
  int                   stage_height;
  double                stage_type_px;
  gboolean              stage_layout_pending; /* fitted, not yet laid out */

  /* The layout from a phone's width to 4K (soleus-window-layout.c) */
  guint                 layout_source;
  guint                 layout_changes;
  int                   layout_width;
  int                   layout_height;
  int                   layout_applied_width;
  int                   layout_applied_height;
  gboolean              layout_compact;
  int                   header_full_min;
  int                   header_start_min;
  gboolean              layout_title;
  int                   title_width;     /* as text; -1 until measured */
  gboolean              panel_focus_pending;

  /* The start page (soleus-window-start.c) */
  GtkStack             *main_stack;
  GtkListBox           *start_recent;
  GtkWidget            *start_recent_group;
  GtkWidget            *start_first_card;
  gboolean              begun;
};

/* What a file chooser is for; each has a window action of its own
 * (soleus-window-actions.c). */
typedef enum
{
  SOLEUS_FILE_JOB_PICTURE,
  SOLEUS_FILE_JOB_CSV,
  SOLEUS_FILE_JOB_OPEN,
  SOLEUS_FILE_JOB_COMPARE,
  SOLEUS_FILE_JOB_SAVE,
  SOLEUS_FILE_JOB_RECORD,
  SOLEUS_N_FILE_JOBS
} SoleusFileJob;

/* soleus-window.c */
void               _soleus_window_update_title       (SoleusWindow  *self);
SoleusPressureUnit _soleus_window_pressure_unit      (SoleusWindow  *self);
SoleusPalette      _soleus_window_current_palette    (SoleusWindow  *self);
void               _soleus_window_go_to_step         (SoleusWindow  *self,
                                                      int            index);
void               _soleus_window_show_toast         (SoleusWindow  *self,
                                                      const char    *text);
void               _soleus_window_show_error_dialog  (SoleusWindow  *self,
                                                      const char    *heading,
                                                      const char    *body);

/* soleus-window-steps.c */
/* Appends a step with the controls as they stand, the scenario's moment
 * and caption; it becomes the step on screen. Returns its index. */
guint              _soleus_window_add_step           (SoleusWindow  *self,
                                                      const char    *caption);
void               _soleus_window_class_steps_init   (GtkWidgetClass *widget_class);
/* The steps were edited (TRUE) or saved or replaced (FALSE): the title
 * shows a "•" while there is something to save. */
void               _soleus_window_set_steps_modified (SoleusWindow  *self,
                                                      gboolean       modified);
/* A person asked for what would drop the steps (scenario: the built-in
 * one picked, or the file's path): done now when nothing would be lost, else after asking. */
void               _soleus_window_ask_unsaved        (SoleusWindow  *self,
                                                      SoleusPending  pending,
                                                      const char    *scenario);
/* The Save chooser asked for by that question ended, saved or not. */
void               _soleus_window_unsaved_save_done  (SoleusWindow  *self,
                                                      gboolean       saved);
/* soleus-window.c: the steps changed; the label, the list and the
 * timeline's marks show them again. */
void               _soleus_window_steps_changed      (SoleusWindow  *self);

/* soleus-window-stage.c */
char              *_soleus_window_stage_text          (const char      *text);
void               _soleus_window_stage_init          (SoleusWindow    *self);
void               _soleus_window_stage_dispose       (SoleusWindow    *self);
void               _soleus_window_stage_set_presenting (SoleusWindow   *self,
                                                       gboolean         presenting);
void               _soleus_window_stage_allocated     (SoleusWindow    *self,
                                                       int              width,
                                                       int              height);
void               _soleus_window_stage_refit         (SoleusWindow    *self);
void               _soleus_window_stage_show_hint     (SoleusWindow    *self);
void               _soleus_window_stage_describe      (SoleusWindow    *self,
                                                       GVariantBuilder *builder);

/* soleus-window-layout.c */
void               _soleus_window_layout_init          (SoleusWindow    *self);
void               _soleus_window_layout_dispose       (SoleusWindow    *self);
void               _soleus_window_layout_allocated     (SoleusWindow    *self,
                                                        int              width,
                                                        int              height);
/* Closes the panel where it slides over the picture; FALSE if it was not
 * open over it. */
gboolean           _soleus_window_layout_close_panel   (SoleusWindow    *self);
void               _soleus_window_layout_set_presenting (SoleusWindow   *self,
                                                        gboolean         presenting);
void               _soleus_window_layout_page_changed  (SoleusWindow    *self);
void               _soleus_window_layout_title_changed (SoleusWindow    *self);
void               _soleus_window_layout_describe      (SoleusWindow    *self,
                                                        GVariantBuilder *builder);

/* soleus-window-start.c */
void               _soleus_window_start_init          (SoleusWindow    *self);
const char        *_soleus_window_get_page            (SoleusWindow    *self);

/* soleus-window-actions.c */
void               _soleus_window_class_actions_init (GtkWidgetClass *widget_class);

/* soleus-window-files.c */
/* A file job's failure: in the log for a scripted action (named by
 * action), in a dialog or a toast for a person. */
void               _soleus_window_report_failure     (SoleusWindow  *self,
                                                      const char    *action,
                                                      const char    *heading,
                                                      const char    *message,
                                                      const char    *consequence,
                                                      gboolean       dialog);
void               _soleus_window_job_started        (SoleusWindow  *self);
void               _soleus_window_job_done           (SoleusWindow  *self);
void               _soleus_window_choose_file        (SoleusWindow  *self,
                                                      SoleusFileJob  job);
void               _soleus_window_update_recent_menu (SoleusWindow  *self);
void               _soleus_window_clear_opens        (SoleusWindow  *self);
void               _soleus_window_init_export_bar    (SoleusWindow  *self);
/* The formats as a bit mask, found now if the worker has not yet. */
guint              _soleus_window_get_video_formats  (SoleusWindow  *self);
void               _soleus_window_show_export_dialog (SoleusWindow  *self);
/* The local path of a file picked in a chooser, or NULL and an error that
 * says so for a file elsewhere (a network share not mounted as a folder):
 * the file jobs read and write through local paths. */
char              *_soleus_window_file_get_local_path (GFile        *file,
                                                       GError      **error);

G_END_DECLS
