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

/* The caption under the title of the play area: the phase of the step and
 * what the valves do now. */
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
 * situation ("Healthy walking"). */
void soleus_healthy_pressure_range (const SoleusSnapshot *snapshot,
                                    double               *low_mmhg,
                                    double               *high_mmhg,
                                    const char          **label);

/* Whether any valve of the leg lets blood fall back right now. */
gboolean soleus_snapshot_has_reflux (const SoleusSnapshot *snapshot);

G_END_DECLS
