/* soleus-protocol.h: virtual clinical tests run on the model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each protocol builds its own model from the given controls, runs the
 * clinical sequence headless and fills a result. The controls array holds one
 * value per SoleusParamId (posture and speed are set by the protocol itself;
 * a speed of 0 in the controls means the protocol's standard 3 km/h).
 */

#pragma once

#include "soleus-model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Ambulatory venous pressure: steady standing, walk, stop, time the refill
 * (Pollack & Wood 1949; Stick 1992). */
typedef struct
{
  double standing_mmhg;       /* ankle, motionless standing, steady */
  double walking_mmhg;        /* plateau while walking */
  double drop_mmhg;
  double drop_percent;
  int    strides_to_plateau;  /* within 10% of the final plateau */
  double seconds_to_plateau;
  double rt90_s;              /* after stopping, to 90% of standing */
} SoleusAvpResult;

/* Air plethysmography (Christopoulos 1987): VV, VFI, EF, RVF. */
typedef struct
{
  double vv_ml;
  double vfi_ml_s;
  double ev_ml;
  double ef_percent;
  double rv_ml;
  double rvf_percent;
} SoleusApgResult;

/* Steady ankle pressure, motionless, in each posture (3 min each). */
typedef struct
{
  double supine_mmhg;
  double sitting_mmhg;
  double standing_mmhg;
  double legs_up_mmhg;
  double right_atrial_mmhg;
} SoleusPostureResult;

/* Fills controls with every parameter's default value. */
void soleus_controls_init_defaults (double controls[SOLEUS_N_PARAMS]);

/* Return false (and leave *out untouched) only when a control is out of
 * range. */
bool soleus_protocol_avp     (const double         controls[SOLEUS_N_PARAMS],
                              SoleusAvpResult     *out);
bool soleus_protocol_apg     (const double         controls[SOLEUS_N_PARAMS],
                              SoleusApgResult     *out);
bool soleus_protocol_posture (const double         controls[SOLEUS_N_PARAMS],
                              SoleusPostureResult *out);

#ifdef __cplusplus
}
#endif
