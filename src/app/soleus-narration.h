/* soleus-narration.h: what the leg is doing now, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "soleus-model.h"

G_BEGIN_DECLS

typedef enum
{
  SOLEUS_PRESSURE_MMHG,
  SOLEUS_PRESSURE_KPA,
} SoleusPressureUnit;

typedef enum
{
  SOLEUS_WEIGHT_KG,
  SOLEUS_WEIGHT_LB,
} SoleusWeightUnit;

/* What the leg does now (its posture and activity, never the moment of
 * the stride) and whether blood falls back through its valves; the screen
 * readers' description ends with it. */
char *soleus_narrate_caption     (const SoleusSnapshot *snapshot);
/* What a patient with this leg would feel, or what its deep calf blood
 * flow does (slowing, pooling), in one short sentence, when the values call
 * for it; NULL when they do not. */
const char *soleus_narrate_feeling (const SoleusSnapshot *snapshot,
                                    const SoleusReadouts *readouts);
/* A longer description of the picture for screen readers. */
char *soleus_narrate_description (const SoleusSnapshot *snapshot,
                                  const SoleusReadouts *readouts,
                                  SoleusPressureUnit    unit);

/* "23 mmHg" or "3.1 kPa", with the locale's decimal mark. */
char *soleus_format_pressure     (double               mmhg,
                                  SoleusPressureUnit   unit);
char *soleus_format_weight       (double               kg,
                                  SoleusWeightUnit     unit);
/* "still", "walking at 3 km/h", "ankle pumps, 30 a minute" */
char *soleus_describe_activity   (const double         controls[SOLEUS_N_PARAMS]);

/* The healthy ankle vein pressure for what the leg is doing now (posture
 * and activity), from the measurements in physiology.md; label names the
 * situation ("Healthy walking"). FALSE (and NAN, NULL) when none was
 * measured for it: ankle pumps sitting or lying. */
gboolean soleus_healthy_pressure_range (const SoleusSnapshot *snapshot,
                                        double               *low_mmhg,
                                        double               *high_mmhg,
                                        const char          **label);

/* Whether any valve of the leg lets blood fall back right now. */
gboolean soleus_snapshot_has_reflux (const SoleusSnapshot *snapshot);

/* The caption over the play area: one story at a time, that holds while
 * the leg walks. It changes when a person changes the posture or the
 * activity, and when the model's story changes by itself (a valve starting
 * to leak, swelling building, blood pooling), then at most every 4 s. */
typedef struct
{
  int      story;           /* shown; -1 before the first */
  int      posture;         /* of the story shown */
  gboolean moving;
  gint64   shown_us;        /* monotonic time it was shown */
  double   reflux_seen_s;   /* simulated time blood last fell back */
  double   time_s;
  gboolean was_moving;
  double   moving_since_s;  /* simulated time the leg began to move */
} SoleusCaptionKeeper;

void        soleus_caption_keeper_init      (SoleusCaptionKeeper       *keeper);
/* Returns whether the caption changed. */
gboolean    soleus_caption_keeper_update    (SoleusCaptionKeeper       *keeper,
                                             const SoleusSnapshot      *snapshot,
                                             const SoleusReadouts      *readouts,
                                             gint64                     now_us);
const char *soleus_caption_keeper_get_text  (const SoleusCaptionKeeper *keeper);
guint       soleus_caption_keeper_get_story (const SoleusCaptionKeeper *keeper);
/* Every sentence the caption can show, by story (0 .. count - 1): the
 * caption's height is that of the longest. */
guint       soleus_caption_count            (void);
const char *soleus_caption_text             (guint                      story);

G_END_DECLS
