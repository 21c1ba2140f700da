/* soleus-patient.h: what a leg's values mean, in a patient's words
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The clinical cut-offs, named once, and the plain words built on them:
 * the handout prints them, the window's readouts and captions show them.
 * They describe what the model's values are known to go with, as general
 * education, never as a diagnosis. Every string is translated with
 * g_dgettext ("soleus", ...), so the words follow the interface's language.
 */

#pragma once

#include <glib.h>

#include "soleus-model.h"

G_BEGIN_DECLS

/* Ambulatory venous pressure (the ankle's mean while walking): healthy legs
 * reach 15-35 mmHg (Stick et al. 1992, 23.5 mmHg at 3 km/h); above about
 * 40 mmHg the incidence of skin changes and ulcers rises, and above 60 mmHg
 * most legs show them (Nicolaides et al., J Vasc Surg 1993;17:414). */
#define SOLEUS_WALK_PRESSURE_RAISED_MMHG 38.0
#define SOLEUS_WALK_PRESSURE_HIGH_MMHG   60.0

/* Tissue fluid gained in the lower leg: 100 mL is about 4 % of a lower
 * leg's volume, the evening swelling that leaves sock marks. */
#define SOLEUS_SWELLING_ML 100.0

typedef enum
{
  SOLEUS_WALK_PRESSURE_NORMAL,  /* up to SOLEUS_WALK_PRESSURE_RAISED_MMHG */
  SOLEUS_WALK_PRESSURE_RAISED,  /* up to SOLEUS_WALK_PRESSURE_HIGH_MMHG */
  SOLEUS_WALK_PRESSURE_HIGH,
} SoleusWalkPressure;

/* Where an ankle pressure measured while walking stands among the cut-offs
 * above. */
SoleusWalkPressure soleus_walk_pressure_level (double mmhg);

/* The ankle pressure the words speak of: the mean of the last seconds while
 * walking (it swings with every step), else the pressure now; the
 * snapshot's alone when readouts is NULL. */
double   soleus_patient_ankle_pressure (const SoleusSnapshot *snapshot,
                                        const SoleusReadouts *readouts);

/* The blood-flow readout in words, translated: "Brisk", "Slowing" or
 * "Pooling", as the window and the handout show it (no probability: the
 * words rank how long the deep calf flow has been slow, they predict
 * nothing). */
const char *soleus_blood_flow_word    (SoleusBloodFlow             flow);
/* What that word means, in a sentence or two a patient understands, with
 * what helps. */
const char *soleus_blood_flow_meaning (SoleusBloodFlow             flow);

/* What a patient with a leg like this may feel, one sentence per line
 * (separated by "\n"): heavy or aching legs, swelling by the evening,
 * cramps, skin changes, a calf that tires, each only when the values call
 * for it; otherwise one line saying nothing points to trouble from the
 * veins. readouts may be NULL (the snapshot alone is used). Free with
 * g_free (). */
char    *soleus_plain_feelings     (const SoleusSnapshot       *snapshot,
                                    const SoleusReadouts       *readouts);

/* The advice that fits a leg like this, from the evidence-backed list:
 * walk and move often, calf and ankle exercises, avoid standing or sitting
 * still for long, raise the legs when resting, keep a healthy weight,
 * compression only when a clinician prescribes it, and when blood has
 * pooled for hours or the outflow is narrowed, which warning signs need a
 * doctor the same day and which need emergency services. At least one line, always
 * general education. Free with g_strfreev (). */
char   **soleus_plain_advice       (const SoleusSnapshot       *snapshot,
                                    const SoleusReadouts       *readouts);

G_END_DECLS
