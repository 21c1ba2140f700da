/* soleus-model.h: the public interface of the Soleus simulation core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A lumped (0D) model of one leg's venous return, from the foot to the right
 * heart. Plain C11 and libm: no GLib, no GTK, no global state. See MODEL.md
 * beside this file for the structure, the equations, their sources and the
 * model's current values beside the validation targets.
 *
 * Data flows one way: controls (soleus_model_set_param) -> soleus_model_step
 * -> an immutable snapshot (soleus_model_get_snapshot) that painters, plots
 * and readouts read. Time is an integer count of fixed steps, and controls
 * apply at step boundaries, so any session replays bit-identically.
 */

#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a string for translation without pulling gettext into the core:
 * xgettext extracts the strings marked with it, and the GLib layers translate the
 * stored English text with _() / g_dgettext(). */
#define SOLEUS_N_(s) (s)

/* The fixed physics step: 1 ms. */
#define SOLEUS_STEP_S 0.001

typedef struct _SoleusModel SoleusModel;

/* ---------------------------------------------------------------------- */
/* Controls: one table, from which sliders, CLI options, validation and
 * GObject property ranges are all generated. */

typedef enum
{
  SOLEUS_POSTURE_SUPINE = 0,
  SOLEUS_POSTURE_SITTING,
  SOLEUS_POSTURE_STANDING,
  SOLEUS_POSTURE_LEGS_UP,      /* supine with the legs raised 30 cm */
  SOLEUS_N_POSTURES
} SoleusPosture;

typedef enum
{
  SOLEUS_REFLUX_SUPERFICIAL = 0, /* saphenous and perforator valves */
  SOLEUS_REFLUX_DEEP,            /* calf, popliteal and femoral valves,
                                  * and the perforators */
  SOLEUS_REFLUX_BOTH,
  SOLEUS_N_REFLUX_SITES
} SoleusRefluxSite;

typedef enum
{
  SOLEUS_PARAM_POSTURE = 0,            /* SoleusPosture, as a number */
  SOLEUS_PARAM_SPEED_KMH,              /* walking speed, standing only */
  SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN, /* sitting or supine only */
  SOLEUS_PARAM_VALVE_WEAKNESS,         /* 0 competent .. 1 severe reflux */
  SOLEUS_PARAM_REFLUX_SITE,            /* SoleusRefluxSite, as a number */
  SOLEUS_PARAM_ATROPHY,                /* 0 healthy .. 1 severe wasting */
  SOLEUS_PARAM_WEIGHT_KG,
  SOLEUS_PARAM_HEIGHT_CM,
  SOLEUS_PARAM_OBSTRUCTION,            /* advanced: 0 none .. 1 severe */
  SOLEUS_PARAM_COMPRESSION_MMHG,       /* advanced: at the ankle */
  SOLEUS_PARAM_ANKLE_MOBILITY,         /* advanced: 0 stiff ankle .. 1 full range */
  SOLEUS_N_PARAMS
} SoleusParamId;

/* A labelled mark of a slider: a value and what it means in plain words
 * (English, marked with SOLEUS_N_); an empty label shows the value in the
 * control's unit. */
typedef struct
{
  double              value;
  const char         *label;
} SoleusParamMark;

#define SOLEUS_PARAM_MAX_MARKS 4

typedef struct
{
  const char         *name;     /* machine name, kebab-case: "valve-weakness" */
  const char         *label;    /* English, marked with SOLEUS_N_ */
  const char         *unit;     /* "km/h", "mmHg", "kg", "" for fractions */
  const char         *blurb;    /* one plain sentence, marked with SOLEUS_N_ */
  double              min;
  double              max;
  double              default_value;
  double              healthy_value; /* where a healthy leg sits (slider mark) */
  double              step;     /* a sensible slider increment */
  bool                advanced; /* shown under an "Advanced" expander */
  /* For enumerated controls (posture, reflux site): NULL-terminated list of
   * machine names and of English labels; the value is the index. */
  const char *const  *choices;
  const char *const  *choice_labels;
  /* The slider's marks: both ends and the key points between, in order;
   * unused ones have a NULL label. */
  SoleusParamMark     marks[SOLEUS_PARAM_MAX_MARKS];
} SoleusParamInfo;

const SoleusParamInfo *soleus_param_info          (SoleusParamId id);
/* Returns -1 when the name is unknown. */
int                    soleus_param_find          (const char *name);
/* Parses a choice name ("standing") or a number. Returns false and leaves
 * *out untouched when it is neither or outside [min, max]. */
bool                   soleus_param_parse         (SoleusParamId  id,
                                                   const char    *text,
                                                   double        *out);
bool                   soleus_param_in_range      (SoleusParamId  id,
                                                   double         value);

/* ---------------------------------------------------------------------- */
/* Compartments and valves the animation draws. */

typedef enum
{
  SOLEUS_VESSEL_FOOT_MICRO = 0,    /* foot microcirculation (venules) */
  SOLEUS_VESSEL_PLANTAR,           /* plantar venous plexus: the foot pump */
  SOLEUS_VESSEL_CALF_DEEP_LOWER,   /* posterior tibial / peroneal veins */
  SOLEUS_VESSEL_CALF_DEEP_UPPER,   /* upper calf veins + soleal sinuses */
  SOLEUS_VESSEL_POPLITEAL,
  SOLEUS_VESSEL_FEMORAL,
  SOLEUS_VESSEL_ILIAC,             /* common femoral / external iliac */
  SOLEUS_VESSEL_ABDOMINAL_IVC,     /* intra-abdominal pressure acts here */
  SOLEUS_VESSEL_THORACIC_IVC,
  SOLEUS_VESSEL_RIGHT_ATRIUM,
  SOLEUS_VESSEL_SAPHENOUS_CALF,    /* great saphenous vein, below the knee */
  SOLEUS_VESSEL_SAPHENOUS_THIGH,   /* great saphenous vein, above the knee */
  SOLEUS_N_VESSELS
} SoleusVessel;

typedef enum
{
  SOLEUS_VALVE_FOOT_OUTLET = 0,    /* plantar plexus -> deep calf veins */
  SOLEUS_VALVE_CALF_LOWER,         /* lower -> upper deep calf veins */
  SOLEUS_VALVE_CALF_UPPER,         /* upper calf veins -> popliteal */
  SOLEUS_VALVE_POPLITEAL,          /* popliteal -> femoral */
  SOLEUS_VALVE_FEMORAL,            /* femoral -> common femoral / iliac */
  SOLEUS_VALVE_SAPHENOUS,          /* saphenous calf -> thigh, at the knee */
  SOLEUS_VALVE_SAPHENOFEMORAL,     /* saphenous thigh -> common femoral */
  SOLEUS_VALVE_PERFORATOR,         /* saphenous calf -> deep calf, inward */
  SOLEUS_N_VALVES
} SoleusValve;

typedef struct
{
  double volume_ml;
  double pressure_mmhg;    /* intravascular, relative to atmosphere */
  double flow_ml_s;        /* through its outlet, + toward the heart */
  double velocity_cm_s;    /* mean velocity at the outlet (flow over the
                            * lumen, volume / length, never below 0.27 of
                            * the supine lumen), + toward the heart */
  double fill;             /* volume / volume at its supine rest (width cue) */
} SoleusVesselState;

typedef struct
{
  double open;             /* Mynard opening state z: 0 shut .. 1 open */
  double leak;             /* regurgitant area fraction (0 competent) */
  double flow_ml_s;        /* + toward the heart, - backflow */
  double backflow_s;       /* length of the current (or last) backflow */
} SoleusValveState;

typedef struct
{
  uint64_t          step;          /* steps since the start */
  double            time_s;        /* step * SOLEUS_STEP_S */

  SoleusVesselState vessel[SOLEUS_N_VESSELS];
  SoleusValveState  valve[SOLEUS_N_VALVES];

  /* The controls as set now; a change acts from the next step. */
  double            control[SOLEUS_N_PARAMS];

  /* Motion: gait phase 0..1 with heel strike at 0 (stance 0-0.6). */
  bool              walking;       /* treadmill gait or ankle exercise running */
  double            gait_phase;
  double            ankle_angle_deg;   /* + dorsiflexion, - plantarflexion */
  double            knee_angle_deg;    /* flexion, 0 straight */
  double            hip_angle_deg;     /* flexion, 0 straight */
  double            foot_load;         /* 0 unloaded .. 1 full body weight */
  double            soleus_activation; /* 0 .. 1 of this muscle's maximum */
  double            soleus_pressure_mmhg;  /* intramuscular, on the calf veins */
  double            plantar_squeeze_mmhg;  /* external pressure on the plexus */

  /* Tissue fluid (interstitium), and its change since t = 0. */
  double            calf_fluid_ml;
  double            foot_fluid_ml;
  double            tissue_fluid_change_ml;

  /* Heart: phase 0..1 of the current beat (0 = atrial contraction). */
  double            heart_phase;
  double            heart_rate_bpm;

  double            iap_mmhg;          /* intra-abdominal pressure */
  double            arterial_inflow_ml_s;

  /* Additions to the first API draft. */
  double            ankle_pressure_mmhg;  /* saphenous vein at the ankle */
  double            calf_blood_ml;        /* deep + superficial calf veins */
  double            hyperaemia;           /* calf inflow / resting inflow */
  double            varicose_dilation;    /* saphenous capacity growth from
                                           * superficial reflux, lagged:
                                           * 0 .. SOLEUS_VARICOSE_GAIN (2) */
} SoleusSnapshot;

/* ---------------------------------------------------------------------- */
/* Readouts, with units in their names. */

/* Blood flow in the deep calf veins, in words (no probability: it is not a
 * prediction of anything). */
typedef enum
{
  SOLEUS_BLOOD_FLOW_BRISK = 0,   /* as in a healthy leg lying or walking */
  SOLEUS_BLOOD_FLOW_SLOWING,     /* slow for a while: move the calf */
  SOLEUS_BLOOD_FLOW_POOLING,     /* slow for hours */
  SOLEUS_N_BLOOD_FLOWS
} SoleusBloodFlow;

/* "brisk", "slowing" or "pooling" (machine names, untranslated). */
const char *soleus_blood_flow_name (SoleusBloodFlow flow);

typedef struct
{
  double ankle_pressure_mmhg;          /* instant */
  double ankle_pressure_mean_mmhg;     /* mean over the last 10 s */
  double ankle_pressure_min_mmhg;      /* over the last 10 s */
  double ankle_pressure_max_mmhg;      /* over the last 10 s */
  double rt90_s;                       /* refill time of the last stop; NAN if none yet */
  bool   rt90_no_fall;                 /* the last walk or exercise did not lower
                                        * the ankle pressure: no refill to time
                                        * (rt90_s is NAN) */
  double calf_volume_change_ml;        /* since t = 0 */
  double lower_leg_volume_change_ml;   /* blood + tissue fluid, since t = 0 */
  double calf_ejection_ml;             /* blood ejected by the last stride */
  double tissue_fluid_change_ml;
  /* Vein velocities as duplex ultrasound reports them: the maximum of the
   * Doppler spectrum (centre line), twice the cross-sectional mean of the
   * snapshot's velocity_cm_s. */
  double popliteal_velocity_cm_s;      /* mean over the last 60 s */
  double femoral_velocity_cm_s;        /* mean over the last 60 s */
  double femoral_velocity_peak_cm_s;   /* over the last 60 s */
  double stasis_index;                 /* illustrative: 0 brisk flow .. 1 stagnant */
  /* Blood flow: deep calf flow (RMS velocity at the soleal sinus outlet,
   * last 60 s) over a healthy leg's lying at rest; how many hours of slow
   * flow have built up (deep flow below the resting leg's adds, brisk flow
   * washes it out, and it fades by itself over hours); and the word. */
  double deep_flow_ratio;
  double slow_flow_h;
  SoleusBloodFlow blood_flow;
  double effort;                       /* the soleus activation needed for a
                                        * healthy pump at this speed (3 km/h
                                        * when not walking; ankle exercise:
                                        * its own), raised by body weight
                                        * (BMI / 24.5) and by IAP above the
                                        * reference subject's, over this
                                        * muscle's strength (atrophy);
                                        * capped at 1 = its maximum */
  double venous_return_ml_min;         /* this leg's return into the right
                                        * atrium (thoracic IVC), mean over
                                        * the last 2 s (about two beats);
                                        * briefly negative after standing
                                        * up, while the leg fills */
  double iap_mmhg;
  double femoral_pressure_mmhg;
  double backflow_s[SOLEUS_N_VALVES];  /* duration of the last backflow per valve */
  double blood_volume_error;           /* relative, conservation check */
} SoleusReadouts;

/* ---------------------------------------------------------------------- */
/* The model. */

/* A new model at the supine steady state (as after a night in bed), with
 * every control at its default. Returns NULL only when out of memory. */
SoleusModel           *soleus_model_new           (void);
void                   soleus_model_free          (SoleusModel    *self);
/* A model in the same state, that steps on bit-identically to this one (a
 * recording or a second view starts from it without a replay). NULL only
 * when out of memory. */
SoleusModel           *soleus_model_copy          (const SoleusModel *self);
/* Back to the state soleus_model_new() gives, controls included. */
void                   soleus_model_reset         (SoleusModel    *self);

/* Out-of-range values are refused (returns false, nothing changes). */
bool                   soleus_model_set_param     (SoleusModel    *self,
                                                   SoleusParamId   id,
                                                   double          value);
double                 soleus_model_get_param     (const SoleusModel *self,
                                                   SoleusParamId   id);

/* Advances n fixed steps. Never allocates. */
void                   soleus_model_step          (SoleusModel    *self,
                                                   uint64_t        n_steps);
/* Advances to the step nearest to time_s (never backwards), so callers that
 * slice time differently reach the same state. */
void                   soleus_model_advance_to    (SoleusModel    *self,
                                                   double          time_s);

/* Manoeuvres of the clinical tests (additions to the first API draft).
 * soleus_model_tiptoe: n heel raises, one every 1.2 s, standing and
 * motionless only (the APG protocol uses it). soleus_model_squeeze_calf: a
 * manual squeeze of the calf for duration_s (0-10 s), then its release, as
 * in duplex reflux testing. Both return false, changing nothing, when the
 * leg is already moving or the posture does not allow them. */
bool                   soleus_model_tiptoe        (SoleusModel    *self,
                                                   int             n);
bool                   soleus_model_squeeze_calf  (SoleusModel    *self,
                                                   double          duration_s);

const SoleusSnapshot  *soleus_model_get_snapshot  (const SoleusModel *self);
void                   soleus_model_get_readouts  (const SoleusModel *self,
                                                   SoleusReadouts *out);
/* A 64-bit FNV-1a hash of the state the model steps on from (the step, the
 * controls, the vessels' volumes, flows and pressures, the tissue fluid,
 * the phases of motion and of the heart): two models with the same hash
 * step on alike; a replay that reaches another hash went another way. */
uint64_t               soleus_model_state_hash    (const SoleusModel *self);

#ifdef __cplusplus
}
#endif
