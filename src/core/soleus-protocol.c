/* soleus-protocol.c: virtual clinical tests run on the model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "soleus-protocol.h"
#include "soleus-model-private.h"

#include <math.h>
#include <string.h>

/* Steps per second of simulated time. */
#define STEPS_PER_S 1000

void
soleus_controls_init_defaults (double controls[SOLEUS_N_PARAMS])
{
  if (controls == NULL)
    return;
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    controls[i] = soleus_param_info ((SoleusParamId) i)->default_value;
}

static bool
controls_valid (const double controls[SOLEUS_N_PARAMS])
{
  if (controls == NULL)
    return false;
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    if (!soleus_param_in_range ((SoleusParamId) i, controls[i]))
      return false;
  return true;
}

/* A model with every control applied except posture, speed and ankle
 * exercise, which the protocol sets itself. */
static SoleusModel *
model_for (const double  controls[SOLEUS_N_PARAMS],
           SoleusPosture posture)
{
  SoleusModel *m = soleus_model_new ();

  if (m == NULL)
    return NULL;
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    {
      if (i == SOLEUS_PARAM_POSTURE || i == SOLEUS_PARAM_SPEED_KMH
          || i == SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN)
        continue;
      soleus_model_set_param (m, (SoleusParamId) i, controls[i]);
    }
  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, posture);
  return m;
}

static double
ankle_mean (const SoleusModel *m)
{
  SoleusReadouts r;

  soleus_model_get_readouts (m, &r);
  return r.ankle_pressure_mean_mmhg;
}

/* AVP (Pollack & Wood 1949 J Clin Invest 28:559; Stick 1992 J Appl
 * Physiol 72:2063): 3 min of quiet standing, 2 min of walking, then the
 * refill after stopping. The plateau is the mean of the last 10 strides;
 * it is reached at the first stride after which every stride's mean stays
 * within 10% of it. */
#define AVP_MAX_STRIDES 512

bool
soleus_protocol_avp (const double     controls[SOLEUS_N_PARAMS],
                     SoleusAvpResult *out)
{
  double stride_mean[AVP_MAX_STRIDES];
  double stride_end_s[AVP_MAX_STRIDES];
  int n_strides = 0;
  double speed, sum = 0.0, last_phase = 0.0, plateau = 0.0;
  int n_in = 0, first = -1;
  SoleusModel *m;
  SoleusReadouts r;
  SoleusAvpResult res;

  if (!controls_valid (controls) || out == NULL)
    return false;
  speed = controls[SOLEUS_PARAM_SPEED_KMH] > 0.0 ? controls[SOLEUS_PARAM_SPEED_KMH] : 3.0;
  m = model_for (controls, SOLEUS_POSTURE_STANDING);
  if (m == NULL)
    return false;
  memset (&res, 0, sizeof res);

  soleus_model_step (m, 180 * STEPS_PER_S);
  res.standing_mmhg = ankle_mean (m);

  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, speed);
  for (int k = 0; k < 120 * STEPS_PER_S; k++)
    {
      const SoleusSnapshot *s;

      soleus_model_step (m, 1);
      s = soleus_model_get_snapshot (m);
      if (s->gait_phase < last_phase && n_in > 0 && n_strides < AVP_MAX_STRIDES)
        {
          stride_mean[n_strides] = sum / n_in;
          stride_end_s[n_strides] = (k + 1) / (double) STEPS_PER_S;
          n_strides++;
          sum = 0.0;
          n_in = 0;
        }
      last_phase = s->gait_phase;
      sum += s->ankle_pressure_mmhg;
      n_in++;
    }
  for (int k = n_strides - 10; k < n_strides; k++)
    plateau += stride_mean[k] / 10.0;
  for (int k = n_strides - 1; k >= 0; k--)
    if (fabs (stride_mean[k] - plateau) > 0.1 * fabs (plateau))
      {
        first = k + 1;
        break;
      }
  if (first < 0)
    first = 0;
  res.walking_mmhg = plateau;
  res.drop_mmhg = res.standing_mmhg - plateau;
  res.drop_percent = 100.0 * res.drop_mmhg / res.standing_mmhg;
  res.strides_to_plateau = first + 1;
  res.seconds_to_plateau = stride_end_s[first < n_strides ? first : n_strides - 1];

  soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, 0.0);
  soleus_model_step (m, 180 * STEPS_PER_S);
  soleus_model_get_readouts (m, &r);
  res.rt90_s = r.rt90_s;

  soleus_model_free (m);
  *out = res;
  return true;
}

/* Air plethysmography (Christopoulos 1987 J Vasc Surg 5:148; Padberg 2004
 * J Vasc Surg 39:79): supine with the leg raised (empty baseline), stand
 * (venous volume VV and filling index VFI = 90% VV / time to 90%), one
 * tiptoe (ejected volume EV, EF = EV / VV), rest, ten tiptoes (residual
 * volume RV, RVF = RV / VV). The model's calf is its calf veins (deep lower
 * and upper, saphenous calf); the slow tissue-fluid drift, which the
 * plethysmograph's operator reads past, is left out. */
bool
soleus_protocol_apg (const double     controls[SOLEUS_N_PARAMS],
                     SoleusApgResult *out)
{
  SoleusModel *m;
  SoleusApgResult res;
  double base, full, vmin, t90 = NAN;
  const int fill_s = 240;

  if (!controls_valid (controls) || out == NULL)
    return false;
  m = model_for (controls, SOLEUS_POSTURE_LEGS_UP);
  if (m == NULL)
    return false;
  memset (&res, 0, sizeof res);

  soleus_model_step (m, 180 * STEPS_PER_S);
  base = soleus_model_calf_blood_ml (m);

  soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING);
  soleus_model_step (m, fill_s * STEPS_PER_S);
  full = soleus_model_calf_blood_ml (m);
  res.vv_ml = full - base;

  /* Replay the filling to time it (the model is deterministic). */
  {
    SoleusModel *m2 = model_for (controls, SOLEUS_POSTURE_LEGS_UP);
    if (m2 == NULL)
      {
        soleus_model_free (m);
        return false;
      }
    soleus_model_step (m2, 180 * STEPS_PER_S);
    soleus_model_set_param (m2, SOLEUS_PARAM_POSTURE, SOLEUS_POSTURE_STANDING);
    for (int k = 1; k <= fill_s * STEPS_PER_S / 10; k++)
      {
        soleus_model_step (m2, 10);
        if (soleus_model_calf_blood_ml (m2) >= base + 0.9 * res.vv_ml)
          {
            t90 = k * 10.0 / STEPS_PER_S;
            break;
          }
      }
    soleus_model_free (m2);
  }
  res.vfi_ml_s = isfinite (t90) && t90 > 0.0 ? 0.9 * res.vv_ml / t90 : NAN;

  /* One tiptoe. */
  vmin = full;
  soleus_model_tiptoe (m, 1);
  for (int k = 0; k < 1500; k++)
    {
      double v;
      soleus_model_step (m, 1);
      v = soleus_model_calf_blood_ml (m);
      if (v < vmin)
        vmin = v;
    }
  res.ev_ml = full - vmin;
  res.ef_percent = 100.0 * res.ev_ml / res.vv_ml;

  /* Rest until refilled, then ten tiptoes. */
  soleus_model_step (m, 120 * STEPS_PER_S);
  soleus_model_tiptoe (m, 10);
  {
    int n = (int) (10 * 1.2 * STEPS_PER_S);
    int last_cycle = (int) (9 * 1.2 * STEPS_PER_S);
    vmin = HUGE_VAL;
    for (int k = 0; k < n; k++)
      {
        double v;
        soleus_model_step (m, 1);
        v = soleus_model_calf_blood_ml (m);
        if (k >= last_cycle && v < vmin)
          vmin = v;
      }
  }
  res.rv_ml = vmin - base;
  if (res.rv_ml < 0.0)
    res.rv_ml = 0.0;
  res.rvf_percent = 100.0 * res.rv_ml / res.vv_ml;

  soleus_model_free (m);
  *out = res;
  return true;
}

/* Steady motionless ankle pressure per posture, 3 min each (Stick 1993;
 * Perry 1986). */
bool
soleus_protocol_posture (const double         controls[SOLEUS_N_PARAMS],
                         SoleusPostureResult *out)
{
  SoleusPostureResult res;
  static const SoleusPosture order[] = {
    SOLEUS_POSTURE_SUPINE, SOLEUS_POSTURE_SITTING,
    SOLEUS_POSTURE_STANDING, SOLEUS_POSTURE_LEGS_UP
  };
  double *slot[] = {
    &res.supine_mmhg, &res.sitting_mmhg, &res.standing_mmhg, &res.legs_up_mmhg
  };

  if (!controls_valid (controls) || out == NULL)
    return false;
  memset (&res, 0, sizeof res);
  for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
    {
      SoleusModel *m = model_for (controls, order[k]);

      if (m == NULL)
        return false;
      soleus_model_step (m, 180 * STEPS_PER_S);
      *slot[k] = ankle_mean (m);
      if (order[k] == SOLEUS_POSTURE_SUPINE)
        res.right_atrial_mmhg
          = soleus_model_get_snapshot (m)->vessel[SOLEUS_VESSEL_RIGHT_ATRIUM].pressure_mmhg;
      soleus_model_free (m);
    }
  *out = res;
  return true;
}
