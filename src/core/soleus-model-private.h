/* soleus-model-private.h: laws shared inside the core and with its tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Not installed and not part of the public API: the CLI, renderer and app
 * use soleus-model.h only. The unit tests (tests/core) check these laws
 * one by one.
 */

#pragma once

#include "soleus-model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The venous pressure-volume law (transmural pressure, mmHg, of a vein
 * holding volume_ml): stiffening when full (an algebraic form of Heldt 2002
 * J Appl Physiol 92:1239), collapsing when empty (a tube law, Shapiro 1977
 * J Biomech Eng 99:126). Monotonic, slope 1/c0 at v0. */
double soleus_vein_transmural_mmhg (double volume_ml,
                                    double v0_ml,
                                    double vmax_ml,
                                    double c0_ml_mmhg);
/* Conductance factor of a vein that is emptying: (V/V0)^2 below V0, else 1
 * (Poiseuille: resistance ~ 1/area^2, area ~ volume). */
double soleus_vein_collapse_factor (double volume_ml,
                                    double v0_ml);

/* Mynard 2012 valve: the rate of change of the opening state z for a
 * pressure difference dp_mmhg across the valve (+ forward). */
double soleus_valve_dzdt           (double z,
                                    double dp_mmhg);
/* Effective area fraction: leak + (1 - leak) z (Mynard 2012). */
double soleus_valve_area           (double z,
                                    double leak);
/* The map from the valve-weakness slider (0-1) to regurgitant fraction. */
double soleus_valve_leak_from_weakness (double weakness);

/* Gait waveforms, 0..1 shapes over the gait phase (heel strike at 0). */
double soleus_gait_soleus_shape    (double phase);
double soleus_gait_plantar_shape   (double phase);
double soleus_gait_thigh_shape     (double phase);
/* Stride frequency (Hz) and soleus activation (0..1) at a walking speed. */
double soleus_gait_stride_hz       (double speed_kmh);
double soleus_gait_activation      (double speed_kmh);

/* Intra-abdominal pressure for a body and posture. */
double soleus_iap_mmhg             (double weight_kg,
                                    double height_cm,
                                    SoleusPosture posture);

/* Calf venous blood volume (deep lower + upper + saphenous calf), mL. */
double soleus_model_calf_blood_ml  (const SoleusModel *self);
/* Number of accepted sub-steps so far (for the benchmark). */
uint64_t soleus_model_substeps     (const SoleusModel *self);
/* Sub-steps that found no positive volume even at 1/256 ms and kept the old
 * state; the slider-extreme tests require none. */
uint64_t soleus_model_failed_substeps (const SoleusModel *self);

#ifdef __cplusplus
}
#endif
