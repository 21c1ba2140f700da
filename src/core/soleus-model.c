/* soleus-model.c: the lumped model of one leg's venous return
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * See MODEL.md for the structure, equations and sources. In short: twelve
 * venous compartments whose blood volumes are the state (flux form: every
 * flow leaves one compartment and enters another, so blood is conserved by
 * construction), an arterial reservoir at the regulated mean arterial
 * pressure, eight Mynard valves, two tissue-fluid compartments, hydrostatic
 * heights per posture, and muscle pressure waveforms over the gait cycle.
 * Integration: Bogacki-Shampine RK3(2) with a step-size controller, in
 * blocks of 1, 10, 50 or 100 fixed 1 ms steps on a fixed grid (see advance);
 * a still leg sitting or standing, whose stiff popliteal vein holds RK3(2)
 * near 10 ms, takes a linearly implicit W-method instead (ros_attempt);
 * the readouts see every 1 ms step except over a still leg's 50 or 100 ms
 * blocks;
 * tissue fluid is updated every 10 ms, or every block when longer.
 */

#include "soleus-model.h"
#include "soleus-model-private.h"
#include "soleus-constants.h"
#include "soleus-gait.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Loops over the fixed network unrolled (the same operations in the same
 * order). GCC's pragma; clang reads it as its own and fails (-Werror) where
 * it cannot unroll, so there the loops stay as they are. */
#if defined (__GNUC__) && !defined (__clang__)
#define W_UNROLL _Pragma ("GCC unroll 32")
#else
#define W_UNROLL
#endif

/* Compartments and valves the model has beyond those the animation draws
 * (SoleusVessel, SoleusValve): the calf's muscle veins, which the soleus
 * does not empty (gastrocnemius and anterior-compartment veins), and two
 * valved outlets to the popliteal vein, the posterior tibial and peroneal
 * trunks' and the muscle veins'. They are state like the others; the
 * snapshot shows the drawn ones, the calf volume counts the muscle veins. */
enum
{
  V_CALF_MUSCLE = SOLEUS_N_VESSELS,
  N_VES
};
enum
{
  VALVE_TIBIAL = SOLEUS_N_VALVES,  /* deep calf lower -> popliteal */
  VALVE_MUSCLE,                    /* calf muscle veins -> popliteal */
  N_VAL
};

/* Fast state: vessel volumes, the arterial reservoir, valve states. */
enum
{
  Y_VES = 0,
  Y_ART = N_VES,
  Y_Z = N_VES + 1,
  N_Y = N_VES + 1 + N_VAL
};

enum
{
  E_FM_PL = 0,   /* foot venules -> plantar plexus */
  E_FM_SC,       /* dorsal venous arch -> great saphenous */
  E_PL_CL,       /* foot outlet valve */
  E_CL_CU,
  E_CU_POP,
  E_POP_FEM,
  E_FEM_ILI,
  E_ILI_AIVC,
  E_AIVC_TIVC,
  E_TIVC_RA,
  E_SC_ST,
  E_ST_ILI,      /* saphenofemoral junction */
  E_SC_CL,       /* perforators, inward only */
  E_FEM_AIVC,    /* pelvic collaterals */
  E_PL_SC,       /* marginal veins: plantar plexus -> great saphenous */
  E_CL_POP,      /* posterior tibial and peroneal trunks -> popliteal */
  E_CM_POP,      /* calf muscle veins -> popliteal */
  N_EDGES
};

typedef struct
{
  int    from;
  int    to;
  int    valve;      /* SoleusValve, -1 for none, -2 for one-way (foot) */
  double r_mmhg_s_ml; /* open resistance at rest [est] */
} Edge;

/* Open resistances, mmHg s/mL [est]. The deep valves are nearly as open
 * as the vein itself: Poiseuille, R = 8 mu L / (pi r^4), gives 0.03 for an
 * 8 mm, 10 cm popliteal segment (blood viscosity 3.5 mPa s). The rest are
 * chosen so that the supine pressure falls by 2-4 mmHg from the ankle to the
 * right atrium (Stick 1993: ankle 7 mmHg supine) and a soleus contraction
 * empties the calf in about half a second (Ludbrook 1966, Aspects of venous
 * function in the lower limbs). The foot's small veins and the marginal
 * veins are one-way ("-2"), the collaterals open only under obstruction
 * in effect (R 5). The posterior tibial and peroneal trunks reach the
 * popliteal vein through their own valved outlet (R 0.25), beside the
 * soleal sinuses' (anatomy: they join the anterior tibial veins to form
 * the popliteal), and the calf's muscle veins through theirs (R 0.5)
 * [est]. */
static const Edge edges[N_EDGES] = {
  [E_FM_PL]     = { SOLEUS_VESSEL_FOOT_MICRO, SOLEUS_VESSEL_PLANTAR, -2, 2.0 },
  [E_FM_SC]     = { SOLEUS_VESSEL_FOOT_MICRO, SOLEUS_VESSEL_SAPHENOUS_CALF, -2, 3.0 },
  [E_PL_SC]     = { SOLEUS_VESSEL_PLANTAR, SOLEUS_VESSEL_SAPHENOUS_CALF, -2, 1.5 },
  [E_PL_CL]     = { SOLEUS_VESSEL_PLANTAR, SOLEUS_VESSEL_CALF_DEEP_LOWER,
                    SOLEUS_VALVE_FOOT_OUTLET, 0.3 },
  [E_CL_CU]     = { SOLEUS_VESSEL_CALF_DEEP_LOWER, SOLEUS_VESSEL_CALF_DEEP_UPPER,
                    SOLEUS_VALVE_CALF_LOWER, 0.1 },
  [E_CU_POP]    = { SOLEUS_VESSEL_CALF_DEEP_UPPER, SOLEUS_VESSEL_POPLITEAL,
                    SOLEUS_VALVE_CALF_UPPER, 0.1 },
  [E_POP_FEM]   = { SOLEUS_VESSEL_POPLITEAL, SOLEUS_VESSEL_FEMORAL,
                    SOLEUS_VALVE_POPLITEAL, 0.05 },
  [E_FEM_ILI]   = { SOLEUS_VESSEL_FEMORAL, SOLEUS_VESSEL_ILIAC,
                    SOLEUS_VALVE_FEMORAL, 0.06 },
  [E_ILI_AIVC]  = { SOLEUS_VESSEL_ILIAC, SOLEUS_VESSEL_ABDOMINAL_IVC, -1, 0.04 },
  [E_AIVC_TIVC] = { SOLEUS_VESSEL_ABDOMINAL_IVC, SOLEUS_VESSEL_THORACIC_IVC, -1, 0.03 },
  [E_TIVC_RA]   = { SOLEUS_VESSEL_THORACIC_IVC, SOLEUS_VESSEL_RIGHT_ATRIUM, -1, 0.02 },
  [E_SC_ST]     = { SOLEUS_VESSEL_SAPHENOUS_CALF, SOLEUS_VESSEL_SAPHENOUS_THIGH,
                    SOLEUS_VALVE_SAPHENOUS, 0.3 },
  [E_ST_ILI]    = { SOLEUS_VESSEL_SAPHENOUS_THIGH, SOLEUS_VESSEL_ILIAC,
                    SOLEUS_VALVE_SAPHENOFEMORAL, 0.15 },
  [E_SC_CL]     = { SOLEUS_VESSEL_SAPHENOUS_CALF, SOLEUS_VESSEL_CALF_DEEP_LOWER,
                    SOLEUS_VALVE_PERFORATOR, 0.3 },
  [E_FEM_AIVC]  = { SOLEUS_VESSEL_FEMORAL, SOLEUS_VESSEL_ABDOMINAL_IVC, -1, 5.0 },
  [E_CL_POP]    = { SOLEUS_VESSEL_CALF_DEEP_LOWER, SOLEUS_VESSEL_POPLITEAL,
                    VALVE_TIBIAL, 0.25 },
  [E_CM_POP]    = { V_CALF_MUSCLE, SOLEUS_VESSEL_POPLITEAL, VALVE_MUSCLE, 0.5 },
};

/* Bernoulli coefficient of each open valve, B = rho / (2 A^2), in mmHg
 * s^2/mL^2, from its open orifice area A [est]: popliteal 0.6 cm^2,
 * femoral 0.8, foot outlet 0.3, saphenous 0.2-0.3, perforators 0.15
 * (venous valve orifices are narrower than their veins; Lurie 2003 J Vasc
 * Surg 38:955). rho / 2 = 530 kg/m^3, so B = 3.98e-4 / A^2 with A in
 * cm^2. The two calf valves have none for now: with 0.5 cm^2 they cut the
 * walking peak ejection to about 70 mL/s but also the APG ejection
 * fraction below 60% (MODEL.md, weak spots). */
#define BERNOULLI(area_cm2) \
  (0.5 * SOLEUS_BLOOD_DENSITY_KG_M3 * 1e-4 / SOLEUS_PA_PER_MMHG / ((area_cm2) * (area_cm2)))
static const double valve_bernoulli[N_VAL] = {
  [SOLEUS_VALVE_FOOT_OUTLET] = BERNOULLI (0.3),
  [SOLEUS_VALVE_CALF_LOWER] = 0.0,
  [SOLEUS_VALVE_CALF_UPPER] = 0.0,
  [SOLEUS_VALVE_POPLITEAL] = BERNOULLI (0.6),
  [SOLEUS_VALVE_FEMORAL] = BERNOULLI (0.8),
  [SOLEUS_VALVE_SAPHENOUS] = BERNOULLI (0.2),
  [SOLEUS_VALVE_SAPHENOFEMORAL] = BERNOULLI (0.3),
  [SOLEUS_VALVE_PERFORATOR] = BERNOULLI (0.15),
  [VALVE_TIBIAL] = 0.0,
  [VALVE_MUSCLE] = 0.0,
};

static const int valve_edge[N_VAL] = {
  [SOLEUS_VALVE_FOOT_OUTLET] = E_PL_CL,
  [SOLEUS_VALVE_CALF_LOWER] = E_CL_CU,
  [SOLEUS_VALVE_CALF_UPPER] = E_CU_POP,
  [SOLEUS_VALVE_POPLITEAL] = E_POP_FEM,
  [SOLEUS_VALVE_FEMORAL] = E_FEM_ILI,
  [SOLEUS_VALVE_SAPHENOUS] = E_SC_ST,
  [SOLEUS_VALVE_SAPHENOFEMORAL] = E_ST_ILI,
  [SOLEUS_VALVE_PERFORATOR] = E_SC_CL,
  [VALVE_TIBIAL] = E_CL_POP,
  [VALVE_MUSCLE] = E_CM_POP,
};

/* The outlet whose flow and velocity the snapshot reports per vessel. */
static const int vessel_outlet[N_VES] = {
  [SOLEUS_VESSEL_FOOT_MICRO] = E_FM_PL,
  [SOLEUS_VESSEL_PLANTAR] = E_PL_CL,
  [SOLEUS_VESSEL_CALF_DEEP_LOWER] = E_CL_CU,
  [SOLEUS_VESSEL_CALF_DEEP_UPPER] = E_CU_POP,
  [SOLEUS_VESSEL_POPLITEAL] = E_POP_FEM,
  [SOLEUS_VESSEL_FEMORAL] = E_FEM_ILI,
  [SOLEUS_VESSEL_ILIAC] = E_ILI_AIVC,
  [SOLEUS_VESSEL_ABDOMINAL_IVC] = E_AIVC_TIVC,
  [SOLEUS_VESSEL_THORACIC_IVC] = E_TIVC_RA,
  [SOLEUS_VESSEL_RIGHT_ATRIUM] = -1,
  [SOLEUS_VESSEL_SAPHENOUS_CALF] = E_SC_ST,
  [SOLEUS_VESSEL_SAPHENOUS_THIGH] = E_ST_ILI,
  [V_CALF_MUSCLE] = E_CM_POP,
};

typedef struct
{
  double v0_ml;       /* unstressed volume */
  double vmax_ml;     /* stressed volume at which the vein is fully stiff */
  double p85_mmhg;    /* transmural pressure at 85% of vmax */
  double area_cm2;    /* lumen at supine rest (velocity readout) */
  double inflow_ml_s; /* arterial inflow at supine rest */
} VesselParams;

/* Venous capacities [est], shaped on calf plethysmography: the calf veins
 * take up 100-150 mL on standing (Christopoulos 1987 J Vasc Surg 5:148),
 * the foot about 25 mL per step of pump (foot plethysmography). The lumen
 * areas at supine rest [est] are those of real veins (popliteal 0.25 cm^2,
 * 5.6 mm; femoral 0.45 cm^2, 7.6 mm); with the duplex profile factor they
 * give a supine popliteal velocity of 9 cm/s (Thromb Haemost
 * 2009;101:1100: 11) and a femoral peak of 14 cm/s (Willenberg 2010 J Vasc
 * Surg 52:664: 14.8). Inflows: calf 1.1 mL/s at rest (physiology.md, 1-1.5
 * mL/s), foot 0.4, thigh 2.2 [est]. The right atrium is linear (below).
 * The calf's muscle veins (gastrocnemius and anterior-compartment veins)
 * hold a volume the soleus cannot pump: they fill on standing like the
 * others (about 40 mL) and drain only through their valved outlet to the
 * popliteal vein, so a healthy calf keeps a residual volume after ten
 * rises onto the toes (APG RVF 20-35%: Christopoulos 1987; Nicolaides,
 * Circulation 2000;102:e126) [est: 8/40 mL, P85 60 mmHg, inflow 0.2 mL/s
 * (calf total 1.3 mL/s)]. */
static const VesselParams vessel_params[N_VES] = {
  [SOLEUS_VESSEL_FOOT_MICRO]      = {  8.0, 15.0, 100.0, 2.0, 0.40 },
  [SOLEUS_VESSEL_PLANTAR]         = { 10.0, 25.0, 100.0, 0.8, 0.0 },
  [SOLEUS_VESSEL_CALF_DEEP_LOWER] = { 10.0, 45.0,  80.0, 0.4, 0.35 },
  [SOLEUS_VESSEL_CALF_DEEP_UPPER] = { 12.0, 65.0,  80.0, 0.5, 0.60 },
  [SOLEUS_VESSEL_POPLITEAL]       = {  8.0, 25.0, 100.0, 0.25, 0.0 },
  [SOLEUS_VESSEL_FEMORAL]         = { 20.0, 60.0, 100.0, 0.45, 2.00 },
  [SOLEUS_VESSEL_ILIAC]           = { 15.0, 30.0,  60.0, 0.6, 0.0 },
  [SOLEUS_VESSEL_ABDOMINAL_IVC]   = { 40.0, 60.0,  30.0, 2.0, 0.0 },
  [SOLEUS_VESSEL_THORACIC_IVC]    = { 15.0, 20.0,  30.0, 2.5, 0.0 },
  [SOLEUS_VESSEL_RIGHT_ATRIUM]    = { 60.0, 0.0,    0.0, 5.0, 0.0 },
  [SOLEUS_VESSEL_SAPHENOUS_CALF]  = {  8.0, 18.0,  80.0, 0.1, 0.15 },
  [SOLEUS_VESSEL_SAPHENOUS_THIGH] = {  8.0, 20.0,  80.0, 0.12, 0.20 },
  [V_CALF_MUSCLE]                 = {  8.0, 40.0,  60.0, 0.4, 0.20 },
};

/* Heights of each compartment's centre relative to the right atrium, cm,
 * for a 175 cm adult; scaled by body height. Standing: ankle 108 cm below
 * the atrium, so that ankle pressure is 0.78 mmHg/cm x 108 + RAP = 87 mmHg
 * (Stick 1992 J Appl Physiol 72:2063: 84 mmHg median). Sitting: seat 45 cm,
 * atrium 40 cm above it (anthropometry, Pheasant, Bodyspace 2006). Supine:
 * leg veins 5 cm below the atrium. Legs up: heels 30 cm above the bed.
 * The last column is the calf's muscle veins, at mid-calf. */
typedef struct
{
  double vessel[N_VES];
  double ankle;
} Heights;

static const Heights posture_heights[SOLEUS_N_POSTURES] = {
  [SOLEUS_POSTURE_SUPINE] = {
    { -5.5, -5.5, -5, -5, -5, -5, -4, -3, -2, 0, -5, -5, -5 }, -5 },
  [SOLEUS_POSTURE_SITTING] = {
    { -82, -81, -68, -55, -42, -38, -30, -18, -5, 0, -66, -38, -62 }, -77 },
  [SOLEUS_POSTURE_STANDING] = {
    { -113, -112, -94, -76, -62, -42, -25, -15, -4, 0, -88, -45, -85 }, -108 },
  [SOLEUS_POSTURE_LEGS_UP] = {
    { 25, 25, 18, 12, 7, 2, -3, -4, -2, 0, 17, 2, 15 }, 24 },
};

/* Share of the soleus pressure felt by the lower deep calf veins (the upper
 * ones, with the soleal sinuses, feel all of it) [est]: in a rise onto the
 * toes, which recruits the deep flexors around the posterior tibial and
 * peroneal veins (tibialis posterior, flexor hallucis and digitorum
 * longus) fully, SOLEUS_ON_CALF_LOWER; in a stride, in ankle exercise and
 * in the sway of standing, SOLEUS_ON_CALF_LOWER_GAIT, at the activation a
 * healthy walk at that speed needs, not raised by the body's load (the
 * triceps surae carries it) [est]. With their own outlet to the popliteal
 * vein a full squeeze empties these veins in every stride (walking ankle
 * pressure 13 mmHg against 15-35 measured), while one rise onto the toes
 * must empty them (APG EF). And of a graduated
 * knee-high stocking per compartment: on the skin, 100% at the ankle and
 * on the foot it covers (the plantar plexus and the foot's small veins and
 * skin), about 80% at the calf (the grading of RAL-GZ 387 stockings) [est];
 * the
 * deep veins lie under the fascia and inside the muscles, which bear most
 * of it: 30% on the lower deep veins, 20% on the soleal sinuses, 60% on
 * the calf's muscle veins, the gastrocnemius veins just under the fascia
 * and the anterior compartment's [est]. (Until
 * model 3 the deep veins felt 90% and 70%: with every calf vein under
 * nearly the full stocking pressure, the saphenous veins could not drain
 * into the deep ones between strides and a stocking raised the walking
 * pressure.) */
#define SOLEUS_ON_CALF_LOWER 0.85
#define SOLEUS_ON_CALF_LOWER_GAIT 0.5
/* Capacity of the calf's muscle veins at deep weakness 1, over their
 * healthy capacity, minus 1 [est] (see apply_muscle_dilation). */
#define SOLEUS_DEEP_DILATION_GAIN 1.0
/* Soleal sinus capacity lost at atrophy 1 [est]: the sinuses lie inside
 * the soleus, and 90 days of bed rest cut plantar-flexor volume by 29%
 * (Alkner & Tesch 2004 Eur J Appl Physiol 93:294). A smaller sinus
 * refills between strides to a higher pressure, so the walking pressure
 * rises at every step of the atrophy slider, not only once the muscle law
 * reaches its cap. */
#define SOLEUS_ATROPHY_SINUS_LOSS 0.3
static const double compression_share[N_VES] = {
  [SOLEUS_VESSEL_FOOT_MICRO] = 1.0,
  [SOLEUS_VESSEL_PLANTAR] = 1.0,
  [SOLEUS_VESSEL_CALF_DEEP_LOWER] = 0.3,
  [SOLEUS_VESSEL_CALF_DEEP_UPPER] = 0.2,
  [SOLEUS_VESSEL_SAPHENOUS_CALF] = 0.8,
  [V_CALF_MUSCLE] = 0.6,
};

/* Error control of the RK3(2) step [est]: volumes to 1e-4 mL, valve states
 * to 1e-4, relative 1e-5. Sub-steps from 1/256 ms (the smallest the step
 * halving of earlier versions reached) up to H_MAX_S (standing still, the
 * block); each grows by at most
 * STEP_GROW and shrinks by at most STEP_SHRINK from the one before. */
#define ATOL_ML 1e-4
#define ATOL_Z 1e-4
#define RTOL 1e-5
#define H_MIN_S (SOLEUS_STEP_S / 256.0)
#define H_MAX_S (STILL_BLOCK_STEPS * SOLEUS_STEP_S)
#define STEP_SAFETY 0.9
#define STEP_GROW 4.0
#define STEP_SHRINK 0.2
/* Over a still leg's blocks the sub-step is limited by stability (a stiff
 * vein between two open conductances) rather than by accuracy: the error
 * stays small until the sub-step crosses the limit, then the attempt is
 * rejected, so the controller alone would keep growing into it. There the
 * sub-step stays below 0.9 of the last rejected one, a cap that relaxes by
 * CAP_RELAX per accepted sub-step. */
#define CAP_RELAX 1.01
/* The still blocks take the W-method (see integrate) while the largest
 * diagonal entry of the volumes' Jacobian exceeds this rate (RK3(2)'s
 * stable sub-step, 2.51 over it, then under 21 ms: more than two RK3(2)
 * sub-steps per block); the choice is looked at again every
 * IMPLICIT_CHECK_STEPS while RK3(2) is in use. */
#define IMPLICIT_RATE_S 120.0
#define IMPLICIT_CHECK_STEPS 1000
/* The W-method's matrix is made again every W_KEEP_STEPS of implicit
 * blocks (any matrix keeps the method's order; a fresher one its
 * stability and long sub-steps). */
#define W_KEEP_STEPS 500
/* ... or sooner after a sub-step whose error passed this share of the
 * tolerance (standing, the sway moves the matrix: a fresh one halves the
 * error of ROS34PW2's 50 ms sub-steps). */
#define W_REFRESH_ERR 0.4

/* Integration blocks (see advance): a still leg, and a leg walking or
 * exercising its ankle steadily (or still while its refill time is timed),
 * advance in blocks of this many steps on a fixed grid; everything else in
 * single steps. A leg standing still takes the longer STAND_BLOCK_STEPS:
 * there ROS34PW2 (third order, the sway's time derivative in its stages)
 * takes most 100 ms blocks in one sub-step, so the blocks rather than the
 * error control had set its sub-steps (1.02-1.08 per 50 ms block). */
#define STILL_BLOCK_STEPS 50
#define STAND_BLOCK_STEPS 100
#define MOVE_BLOCK_STEPS 10

/* Tissue fluid updates every 10 steps (its time constants are minutes). */
#define SLOW_EVERY 10

/* Readout rings: bins of 0.1 s. */
#define BIN_STEPS 100
#define RING_SHORT 100  /* 10 s */
#define RING_LONG 600   /* 60 s */
#define RETURN_BINS 100 /* 10 s, the venous return readout: three whole
                         * sway periods (0.3 Hz), so it does not beat */

/* Pump amplitudes that follow the controls. */
enum
{
  PUMP_SOLEUS_MAX = 0,  /* this soleus at full activation, on the calf veins */
  PUMP_WALK,            /* the soleus while walking at the set speed */
  PUMP_WALK_DEEP,       /* the deep flexors on the tibial and peroneal veins */
  PUMP_PLANTAR,         /* the plantar plexus squeeze of a loaded foot */
  PUMP_SWAY,            /* strength factor of the quiet-standing sway */
  PUMP_MUSCLE_DILATION, /* calf muscle veins' capacity factor - 1 */
  PUMP_SAPHENOUS_HOLD,  /* share of the varicose dilation a stocking allows */
  PUMP_SINUS_VOLUME,    /* soleal sinus capacity over an unwasted muscle's */
  N_PUMP
};

typedef enum
{
  MOTION_NONE = 0,
  MOTION_WALK,
  MOTION_ANKLE,
  MOTION_TIPTOE,
  MOTION_SQUEEZE,
} Motion;

typedef struct
{
  double sum[RING_LONG];
  int    head;
  int    count;
} Ring;

/* The matrix of the still blocks' W-method (w_build, w_factor). */
typedef struct
{
  double s[N_VES];       /* dp/dV */
  double inv_s[N_VES];   /* 1 / (dp/dV) */
  double a_in[N_VES];    /* outflow conductance to fixed pressures */
  double g[N_EDGES];     /* dq/d(dp) of each connection */
  double rate;           /* the largest diagonal entry's size, 1/s */
  /* LDL^T factors of M = S^-1 + gamma h A, for the h they were made for,
   * in the order of w_order. */
  double hf;
  double l[N_VES][N_VES];
  double d_inv[N_VES];
  double ha[N_VES];      /* hf a_in, in the order of w_order */
} WMatrix;

struct _SoleusModel
{
  double   control[SOLEUS_N_PARAMS];
  uint64_t step;
  uint64_t substeps;
  uint64_t failed_substeps;   /* should stay 0: see integrate */
  double   h_next;            /* the next sub-step (s), from the last one */
  double   h_cap;             /* below the last rejected sub-step, relaxing */
  bool     still_implicit;    /* still blocks take the W-method (integrate) */
  bool     w_valid;           /* w is that of the last blocks (integrate) */
  uint64_t w_step;            /* the step w was made at */
  WMatrix  w;

  /* Derived from the controls (update_derived). */
  double   h_cm[N_VES];        /* heights in force (blended while ramping) */
  double   ankle_h_cm;
  double   g_edge[N_EDGES];
  double   g_in[N_VES];
  double   c0[N_VES];
  double   v0[N_VES];          /* unstressed volume (varicose dilation) */
  double   vmax[N_VES];
  double   leak[N_VAL];
  double   ext_static[N_VES];  /* compression, IAP (blended while ramping) */
  /* The vein law's constants per vessel, from v0, vmax and c0
   * (cache_vein_laws): 1/c0, 1/vmax and the linear part past u_cap. */
  double   inv_c0[N_VES];
  double   inv_vmax[N_VES];
  double   x_cap[N_VES];
  double   p_cap[N_VES];
  double   slope_cap[N_VES];
  /* A change of posture is a ramp over SOLEUS_POSTURE_CHANGE_S from the
   * heights and static pressures in force to the new posture's. */
  double   h_to[N_VES], ext_to[N_VES], ankle_to;
  double   h_from[N_VES], ext_from[N_VES], ankle_from;
  uint64_t ramp_start;
  bool     ramping;
  double   iap_mmhg;
  double   strength;
  double   eff_speed_kmh;
  double   eff_ankle_per_min;
  /* Pump amplitudes (mmHg), ramped like the static pressures when a
   * control changes (see ramp_apply). */
  double   pump[N_PUMP];
  double   pump_to[N_PUMP], pump_from[N_PUMP];
  bool     stop_pending;       /* finish the current cycle, then stop */

  /* Fast state and the FSAL derivative at it. */
  double   y[N_Y];
  double   k1[N_Y];
  bool     k1_valid;
  double   q_edge[N_EDGES];    /* flows at the end of the last step */
  double   q_in[N_VES];
  double   q_heart;
  double   p[N_VES];

  /* Slow state. */
  double   calf_fluid_ml;
  double   foot_fluid_ml;
  double   filt_calf_ml_s;
  double   filt_foot_ml_s;
  double   lymph_calf_ml_s;
  double   lymph_foot_ml_s;
  double   lymph0_calf_ml_s;
  double   lymph0_foot_ml_s;
  /* The slow transfers as constant sources over a block, in rhs (): out of
   * the calf's saphenous vein and the foot's microcirculation into their
   * tissue, and the lymph into the atrium. */
  double   src_calf_ml_s;
  double   src_foot_ml_s;
  double   src_ra_ml_s;
  double   hyperaemia;
  double   activity;           /* 0..1 smoothed muscle use, for lymph */
  double   dilation;           /* saphenous capacity factor - 1 (lagged) */

  /* Motion. */
  Motion   motion;
  double   phase;              /* of the gait / exercise / tiptoe cycle */
  double   motion_hz;
  int      tiptoes_left;
  double   squeeze_s;
  double   squeeze_t;
  double   heart_phase;
  uint64_t still_since;

  /* References from t = 0. */
  double   v_rest[N_VES];
  double   total0_ml;
  double   calf0_ml;
  double   lower0_ml;
  double   fluid0_ml;

  /* Readouts. */
  Ring     ring_ankle;
  Ring     ring_ankle_min;
  Ring     ring_ankle_max;
  Ring     ring_pop_v;
  Ring     ring_fem_v;
  Ring     ring_fem_vmax;
  Ring     ring_sinus_v2;
  Ring     ring_return;
  int      bin_n;
  double   bin_ankle, bin_ankle_min, bin_ankle_max;
  double   bin_pop_v, bin_fem_v, bin_fem_vmax, bin_sinus_v2, bin_return;
  double   rt90_s;
  bool     rt90_armed;
  bool     rt90_no_fall;
  double   flow_ref_cm_s;      /* healthy supine RMS sinus outlet velocity */
  double   slow_flow_h;
  double   sinus_v2_sum;       /* running sum of ring_sinus_v2 */
  uint64_t rt90_stop_step;
  double   rt90_target;
  double   rest_ankle_mmhg;    /* motionless reference before moving */
  double   stride_calf_max, stride_calf_min, last_ejection_ml;
  bool     in_backflow[N_VAL];
  double   backflow_now_s[N_VAL];
  double   backflow_last_s[N_VAL];

  SoleusSnapshot snap;

  /* Still macro steps (see advance): the state at the last grid point when
   * the shown state is ahead of it. */
  struct _SoleusModel *committed;
  bool     ahead;
};

/* ---------------------------------------------------------------------- */
/* Laws */

/* The full vein's law turns linear past this fraction of vmax. */
#define VEIN_U_CAP 0.98

double
soleus_vein_transmural_mmhg (double volume_ml,
                             double v0_ml,
                             double vmax_ml,
                             double c0_ml_mmhg)
{
  double x = volume_ml - v0_ml;

  if (x >= 0.0)
    {
      /* Stiffening: p = x / (c0 (1 - u^2)), u = x / vmax, an algebraic
       * stand-in for Heldt's tangent law with the same slope at v0 and the
       * same asymptote at v0 + vmax; linear past u = 0.98 so that it stays
       * finite at any volume. */
      double u = x / vmax_ml;
      const double u_cap = VEIN_U_CAP;

      if (u < u_cap)
        return x / (c0_ml_mmhg * (1.0 - u * u));
      else
        {
          double d = 1.0 - u_cap * u_cap;
          double p_cap = u_cap * vmax_ml / (c0_ml_mmhg * d);
          double slope = (1.0 + u_cap * u_cap) / (c0_ml_mmhg * d * d);
          return p_cap + slope * (x - u_cap * vmax_ml);
        }
    }
  else
    {
      /* Collapse: Shapiro's tube law for a buckled vein,
       * p = Kc (1 - (V0/V)^(3/2)) (Shapiro 1977 J Biomech Eng 99:126),
       * Kc = 2 mmHg [est]: very compliant just below V0, tending to minus
       * infinity as the vein empties, so the volume cannot reach 0. */
      double v = volume_ml > 1e-9 * v0_ml ? volume_ml : 1e-9 * v0_ml;
      double r = v0_ml / v;
      return SOLEUS_VEIN_COLLAPSE_MMHG * (1.0 - r * sqrt (r));
    }
}

double
soleus_vein_collapse_factor (double volume_ml,
                             double v0_ml)
{
  if (volume_ml >= v0_ml)
    return 1.0;
  if (volume_ml <= 0.0)
    return 0.0;
  double r = volume_ml / v0_ml;
  return r * r;
}

double
soleus_valve_dzdt (double z,
                   double dp_mmhg)
{
  /* Mynard 2012: dz/dt = (1 - z) K_vo dp when dp > 0, z K_vc dp when dp < 0,
   * with dp saturated (see SOLEUS_VALVE_DP_SAT_MMHG). */
  double f = dp_mmhg / (1.0 + fabs (dp_mmhg) * (1.0 / SOLEUS_VALVE_DP_SAT_MMHG));

  if (f > 0.0)
    return (1.0 - z) * SOLEUS_VALVE_K_OPEN * f;
  else
    return z * SOLEUS_VALVE_K_CLOSE * f;
}

double
soleus_valve_area (double z,
                   double leak)
{
  return leak + (1.0 - leak) * z;
}

double
soleus_valve_leak_from_weakness (double weakness)
{
  if (!(weakness > 0.0))
    return 0.0;
  if (weakness > 1.0)
    weakness = 1.0;
  /* Mild to severe leaks over most of the slider; the last tenth opens the
   * valve completely (a valve destroyed by thrombosis, or absent). */
  return SOLEUS_VALVE_LEAK_MAX * pow (weakness, SOLEUS_VALVE_LEAK_POWER)
         + (1.0 - SOLEUS_VALVE_LEAK_MAX) * pow (weakness, 12.0);
}

/* Raised cosine window from a to b, peak 1 in its middle: sin^2 (pi x),
 * with sin (pi x) from Bhaskara's rational approximation 16 y / (5 - 4 y),
 * y = x (1 - x) (error under 0.2%; it is evaluated at every stage of every
 * step, where libm's cos cost an eighth of the walking time). */
static double
window (double phase,
        double a,
        double b)
{
  double x, y, s;

  if (phase <= a || phase >= b)
    return 0.0;
  x = (phase - a) / (b - a);
  y = x * (1.0 - x);
  s = 16.0 * y / (5.0 - 4.0 * y);
  return s * s;
}

/* sin (2 pi turns) from the same approximation (the sway is illustrative;
 * libm's sin at every stage would cost a tenth of quiet standing). */
static double
sin_turns (double turns)
{
  double x = turns - floor (turns);
  double y, sign = 1.0;

  if (x >= 0.5)
    {
      x -= 0.5;
      sign = -1.0;
    }
  y = 2.0 * x * (1.0 - 2.0 * x);
  return sign * 16.0 * y / (5.0 - 4.0 * y);
}

double
soleus_gait_soleus_shape (double phase)
{
  /* Soleus active in late stance, 0.25-0.65 of the cycle (physiology.md;
   * Perry, Gait Analysis 1992, ch. 4). */
  return window (phase, 0.25, 0.65);
}

double
soleus_gait_plantar_shape (double phase)
{
  /* The plexus is squeezed while the foot bears weight, 0-0.6 (stance);
   * the forefoot loads most in mid stance [est]. */
  return window (phase, 0.0, 0.6);
}

double
soleus_gait_thigh_shape (double phase)
{
  /* Hamstrings and quadriceps around swing [est]. */
  return window (phase, 0.6, 1.0);
}

double
soleus_gait_stride_hz (double speed_kmh)
{
  return SOLEUS_STRIDE_HZ_BASE + SOLEUS_STRIDE_HZ_PER_KMH * speed_kmh;
}

double
soleus_gait_activation (double speed_kmh)
{
  return SOLEUS_WALK_ACTIVATION_BASE + SOLEUS_WALK_ACTIVATION_PER_KMH * speed_kmh;
}

double
soleus_iap_mmhg (double        weight_kg,
                 double        height_cm,
                 SoleusPosture posture)
{
  double hm = height_cm / 100.0;
  double bmi = weight_kg / (hm * hm);
  double iap = SOLEUS_IAP_BASE_MMHG + SOLEUS_IAP_PER_BMI * (bmi - SOLEUS_IAP_BMI_REF);

  if (iap < 0.0)
    iap = 0.0;
  if (iap > SOLEUS_IAP_MAX_MMHG)
    iap = SOLEUS_IAP_MAX_MMHG;
  if (posture == SOLEUS_POSTURE_SITTING || posture == SOLEUS_POSTURE_STANDING)
    iap += SOLEUS_IAP_UPRIGHT_MMHG;
  return iap;
}

/* ---------------------------------------------------------------------- */
/* Controls -> derived constants */

/* The share of the soleus pressure a stiff ankle still delivers to the calf
 * veins [est]: a pump with little ankle movement ejects less (Back et al.,
 * J Vasc Surg 1995;22:519: a reduced ankle range goes with a poorer calf
 * pump ejection). Linear from SOLEUS_STIFF_ANKLE_PUMP at mobility 0 to 1. */
static double
ankle_pump_gain (const SoleusModel *self)
{
  double m = self->control[SOLEUS_PARAM_ANKLE_MOBILITY];

  return SOLEUS_STIFF_ANKLE_PUMP + (1.0 - SOLEUS_STIFF_ANKLE_PUMP) * m;
}

/* The soleus activation the walk at speed_kmh needs from this muscle, 0..1
 * of its maximum: a healthy soleus's activation at that speed, raised by
 * the load (the plantar-flexor moment of push-off scales with body mass:
 * Winter 1991, The biomechanics and motor control of human gait; strength
 * with height^2 [est], hence BMI over the reference's 24.5; every mmHg of
 * IAP above the reference's must be added to the muscle pressure [est]),
 * over the strength left by atrophy, capped at 1 (the muscle's maximum). */
static double
task_activation (const SoleusModel *self,
                 double             speed_kmh)
{
  double h = self->control[SOLEUS_PARAM_HEIGHT_CM];
  double w = self->control[SOLEUS_PARAM_WEIGHT_KG];
  double w_ref = 75.0 * (h / 175.0) * (h / 175.0);
  SoleusPosture upright = SOLEUS_POSTURE_STANDING;
  double d_iap = soleus_iap_mmhg (w, h, upright) - soleus_iap_mmhg (w_ref, h, upright);
  double need = soleus_gait_activation (speed_kmh)
                * pow (w / w_ref, 1.0 - SOLEUS_STRENGTH_MASS_EXPONENT)
                + d_iap / SOLEUS_SOLEUS_MAX_MMHG;
  double a;

  if (need < 0.0)
    need = 0.0;
  a = need / self->strength;
  return a < 1.0 ? a : 1.0;
}

static bool
valve_in_site (int valve,
               int site)
{
  bool superficial = valve == SOLEUS_VALVE_SAPHENOUS
                     || valve == SOLEUS_VALVE_SAPHENOFEMORAL
                     || valve == SOLEUS_VALVE_PERFORATOR;

  if (site == SOLEUS_REFLUX_BOTH)
    return true;
  if (site == SOLEUS_REFLUX_SUPERFICIAL)
    return superficial;
  /* Deep reflux: the calf, popliteal and femoral valves and the tibial and
   * muscle veins' outlets, not the foot's outlet (a leaking foot outlet let
   * the calf eject into the foot and raised the APG EF); and the
   * perforators, which a deep vein thrombosis leaves incompetent too
   * (through them deep reflux reaches the ankle: without them a
   * post-thrombotic leg's walking pressure fell 26 mmHg, with an RT90 of
   * 24 s, against 5-13 mmHg and under 1 s measured, Pollack & Wood 1949). */
  return valve == SOLEUS_VALVE_PERFORATOR
         || (!superficial && valve != SOLEUS_VALVE_FOOT_OUTLET);
}

/* Posture ramp: smoothstep from the old heights and static pressures to
 * the new ones over SOLEUS_POSTURE_CHANGE_S, as a function of the step
 * count (plus dt seconds into the step), so it is deterministic and
 * independent of how callers slice time. */
static double
ramp_f (const SoleusModel *self,
        double             dt)
{
  double x = ((double) (self->step - self->ramp_start) + dt / SOLEUS_STEP_S)
             / (SOLEUS_POSTURE_CHANGE_S / SOLEUS_STEP_S);

  if (x >= 1.0)
    return 1.0;
  if (x <= 0.0)
    return 0.0;
  return x * x * (3.0 - 2.0 * x);
}

static void
ramp_blend (const SoleusModel *self,
            double             f,
            double            *h,
            double            *ext)
{
  for (int i = 0; i < N_VES; i++)
    {
      if (h != NULL)
        h[i] = self->h_from[i] + (self->h_to[i] - self->h_from[i]) * f;
      if (ext != NULL)
        ext[i] = self->ext_from[i] + (self->ext_to[i] - self->ext_from[i]) * f;
    }
}

static void
ramp_pumps (const SoleusModel *self,
            double             f,
            double            *pump)
{
  for (int k = 0; k < N_PUMP; k++)
    pump[k] = self->pump_from[k] + (self->pump_to[k] - self->pump_from[k]) * f;
}

/* Deep reflux goes with dilated calf muscle veins (gastrocnemius and
 * soleal veins): their capacity (V0 and Vmax) grows with the weakness, as
 * the ramped PUMP_MUSCLE_DILATION says, so the calf's venous volume rises
 * with deep reflux while the pump ejects no more (Christopoulos et al., J
 * Vasc Surg 1987;5:148: the EF falls and the VV rises in deep venous
 * disease) [est]. */
static void
apply_muscle_dilation (SoleusModel *self)
{
  int i = V_CALF_MUSCLE;
  int u = SOLEUS_VESSEL_CALF_DEEP_UPPER;
  double d = 1.0 + self->pump[PUMP_MUSCLE_DILATION];
  double f = self->pump[PUMP_SINUS_VOLUME];

  self->v0[i] = vessel_params[i].v0_ml * d;
  self->vmax[i] = vessel_params[i].vmax_ml * d;
  self->c0[i] = 3.06 * self->vmax[i] / vessel_params[i].p85_mmhg;
  /* The soleal sinuses are venous spaces inside the soleus: a wasted
   * muscle holds smaller ones (see SOLEUS_ATROPHY_SINUS_LOSS). */
  self->v0[u] = vessel_params[u].v0_ml * f;
  self->vmax[u] = vessel_params[u].vmax_ml * f;
  self->c0[u] = 3.06 * self->vmax[u] / vessel_params[u].p85_mmhg;
}

static void apply_dilation (SoleusModel *self);

/* Sets the heights and static pressures in force at the current step. */
static void
ramp_apply (SoleusModel *self)
{
  double f = self->ramping ? ramp_f (self, 0.0) : 1.0;

  if (f >= 1.0)
    {
      self->ramping = false;
      memcpy (self->h_cm, self->h_to, sizeof self->h_cm);
      memcpy (self->ext_static, self->ext_to, sizeof self->ext_static);
      memcpy (self->pump, self->pump_to, sizeof self->pump);
      self->ankle_h_cm = self->ankle_to;
      apply_muscle_dilation (self);
      apply_dilation (self);
      return;
    }
  ramp_blend (self, f, self->h_cm, self->ext_static);
  self->ankle_h_cm = self->ankle_from + (self->ankle_to - self->ankle_from) * f;
  ramp_pumps (self, f, self->pump);
  apply_muscle_dilation (self);
  apply_dilation (self);
}

/* Starts a posture ramp from the values in force now. */
static void
ramp_start (SoleusModel *self)
{
  memcpy (self->h_from, self->h_cm, sizeof self->h_from);
  memcpy (self->ext_from, self->ext_static, sizeof self->ext_from);
  memcpy (self->pump_from, self->pump, sizeof self->pump_from);
  self->ankle_from = self->ankle_h_cm;
  self->ramp_start = self->step;
  self->ramping = true;
}

/* Varicose veins: superficial reflux goes with dilated, tortuous
 * saphenous veins and tributaries, so the superficial capacity (V0 and
 * Vmax) grows with the weakness (calf venous volume rises with reflux:
 * Christopoulos 1987 J Vasc Surg 5:148) [est: x(1 + SOLEUS_VARICOSE_GAIN
 * w)]. The target of the lagged dilation state (see step_block). */
static double
dilation_target (const SoleusModel *self)
{
  if (self->leak[SOLEUS_VALVE_SAPHENOUS] > 0.0)
    return SOLEUS_VARICOSE_GAIN * self->control[SOLEUS_PARAM_VALVE_WEAKNESS];
  return 0.0;
}

/* The vein law's per-vessel constants (see vessel_pressure), after any
 * change of v0, vmax or c0. */
static void
cache_vein_laws (SoleusModel *self)
{
  for (int i = 0; i < N_VES; i++)
    {
      double d = 1.0 - VEIN_U_CAP * VEIN_U_CAP;

      self->inv_c0[i] = 1.0 / self->c0[i];
      self->inv_vmax[i] = self->vmax[i] > 0.0 ? 1.0 / self->vmax[i] : 0.0;
      self->x_cap[i] = VEIN_U_CAP * self->vmax[i];
      self->p_cap[i] = VEIN_U_CAP * self->vmax[i] / (self->c0[i] * d);
      self->slope_cap[i] = (1.0 + VEIN_U_CAP * VEIN_U_CAP) / (self->c0[i] * d * d);
    }
}

/* Sets the saphenous capacity from the dilation in force (the lag state,
 * not the control: a sudden x2.2 capacity would leave the vein far below
 * its new unstressed volume, a pressure step of -8 mmHg). */
static void
apply_dilation (SoleusModel *self)
{
  static const int sup[2] = { SOLEUS_VESSEL_SAPHENOUS_CALF, SOLEUS_VESSEL_SAPHENOUS_THIGH };

  for (int k = 0; k < 2; k++)
    {
      int i = sup[k];
      /* A stocking holds the dilated vein under it narrower (see
       * PUMP_SAPHENOUS_HOLD); the knee-high stocking does not reach the
       * thigh. */
      double d = 1.0 + self->dilation * (k == 0 ? self->pump[PUMP_SAPHENOUS_HOLD] : 1.0);

      self->v0[i] = vessel_params[i].v0_ml * d;
      self->vmax[i] = vessel_params[i].vmax_ml * d;
      self->c0[i] = 3.06 * self->vmax[i] / vessel_params[i].p85_mmhg;
    }
  cache_vein_laws (self);
}

static void
update_derived (SoleusModel *self)
{
  SoleusPosture posture = (SoleusPosture) self->control[SOLEUS_PARAM_POSTURE];
  double scale = self->control[SOLEUS_PARAM_HEIGHT_CM] / 175.0;
  double weight = self->control[SOLEUS_PARAM_WEIGHT_KG];
  double obstruction = self->control[SOLEUS_PARAM_OBSTRUCTION];
  double compression = self->control[SOLEUS_PARAM_COMPRESSION_MMHG];
  double leak = soleus_valve_leak_from_weakness (self->control[SOLEUS_PARAM_VALVE_WEAKNESS]);
  int site = (int) self->control[SOLEUS_PARAM_REFLUX_SITE];
  double h_rel = self->control[SOLEUS_PARAM_HEIGHT_CM] / 175.0;
  /* A heavier leg has more tissue to perfuse: the lower leg's arterial
   * inflow grows with its mass, taken as body mass over the reference's
   * (75 kg at 175 cm, scaled by height^2) to SOLEUS_INFLOW_MASS_EXPONENT
   * [est]. */
  double inflow_mass = pow (weight / (75.0 * h_rel * h_rel), SOLEUS_INFLOW_MASS_EXPONENT);

  for (int i = 0; i < N_VES; i++)
    {
      self->h_to[i] = posture_heights[posture].vessel[i] * scale;
      if (i != SOLEUS_VESSEL_RIGHT_ATRIUM)
        self->c0[i] = 3.06 * vessel_params[i].vmax_ml / vessel_params[i].p85_mmhg;
      else
        self->c0[i] = SOLEUS_RA_COMPLIANCE_ML_MMHG;
      self->v0[i] = vessel_params[i].v0_ml;
      self->vmax[i] = vessel_params[i].vmax_ml;
      /* Inflow conductance from the supine arteriovenous gradient. */
      self->g_in[i] = vessel_params[i].inflow_ml_s / (SOLEUS_MAP_MMHG - 8.0);
      if (i == SOLEUS_VESSEL_FOOT_MICRO || i == SOLEUS_VESSEL_CALF_DEEP_LOWER
          || i == SOLEUS_VESSEL_CALF_DEEP_UPPER || i == SOLEUS_VESSEL_SAPHENOUS_CALF
          || i == V_CALF_MUSCLE)
        self->g_in[i] *= inflow_mass;
      self->ext_to[i] = compression * compression_share[i];
    }
  self->ankle_to = posture_heights[posture].ankle * scale;

  for (int e = 0; e < N_EDGES; e++)
    {
      double r = edges[e].r_mmhg_s_ml;

      /* Post-thrombotic narrowing of the iliac outflow (the commonest
       * site; Raju 2019 J Vasc Surg Venous Lymphat Disord 7:428): lumen
       * area falls to 10% at obstruction 1, resistance ~ 1/area^2
       * (Poiseuille) [est]; the pelvic collaterals stay open. */
      if (e == E_ILI_AIVC)
        {
          double a = 1.0 - 0.9 * obstruction;
          r /= a * a;
        }
      self->g_edge[e] = 1.0 / r;
    }

  for (int v = 0; v < N_VAL; v++)
    {
      /* A stocking narrows the veins under it and brings the cusps of a
       * weak valve together: the regurgitant area shrinks with the local
       * stocking pressure [est] (compression lowers the reflux and the
       * VFI: Partsch, Menzinger & Mostbeck, Dermatol Surg 1999;25:695;
       * Ibegbuna, Delis & Nicolaides, Int Angiol 1997;16:185). A knee-high
       * stocking does not reach the popliteal, femoral and saphenofemoral
       * valves. */
      double c_local = compression * compression_share[edges[valve_edge[v]].from];

      self->leak[v] = valve_in_site (v, site)
                      ? leak / (1.0 + c_local / SOLEUS_COMPRESSION_NARROWING_MMHG) : 0.0;
    }

  apply_dilation (self);

  self->iap_mmhg = soleus_iap_mmhg (weight, self->control[SOLEUS_PARAM_HEIGHT_CM], posture);
  {
    /* The abdominal contents behave hydrostatically like a fluid [est]:
     * upright, the pressure around the abdominal veins rises from the
     * diaphragm down as the blood column does, so IAP reaches the leg veins
     * about one for one in every posture (physiology.md: Regli 2011 Shock;
     * van Rij 2008 Eur J Vasc Endovasc Surg). The external iliac lies half
     * in the pelvis [est]. */
    bool upright = posture == SOLEUS_POSTURE_SITTING || posture == SOLEUS_POSTURE_STANDING;
    /* IAP is referenced at the mid-axillary line lying down (Kirkpatrick
     * et al. 2013 Intensive Care Med 39:1190, the WSACS definitions), the
     * right atrium's level (height 0): the abdominal veins lying dorsal to
     * it feel IAP plus the column of abdominal contents above them. */
    double top = upright ? self->h_to[SOLEUS_VESSEL_THORACIC_IVC] : 0.0;
    double g_aivc, g_ili;

    g_aivc = SOLEUS_MMHG_PER_CM * (top - self->h_to[SOLEUS_VESSEL_ABDOMINAL_IVC]);
    g_ili = SOLEUS_MMHG_PER_CM * (top - self->h_to[SOLEUS_VESSEL_ILIAC]);
    if (g_aivc < 0.0)
      g_aivc = 0.0;
    if (g_ili < 0.0)
      g_ili = 0.0;

    self->ext_to[SOLEUS_VESSEL_ABDOMINAL_IVC] += self->iap_mmhg + g_aivc;
    self->ext_to[SOLEUS_VESSEL_ILIAC] += 0.5 * (self->iap_mmhg + g_ili);
  }

  self->strength = 1.0 - SOLEUS_ATROPHY_STRENGTH_LOSS * self->control[SOLEUS_PARAM_ATROPHY];
  self->eff_speed_kmh = posture == SOLEUS_POSTURE_STANDING
                        ? self->control[SOLEUS_PARAM_SPEED_KMH] : 0.0;
  self->eff_ankle_per_min = posture != SOLEUS_POSTURE_STANDING
                            ? self->control[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] : 0.0;
  /* The muscle law: the soleus makes the pressure its task needs, at the
   * activation that needs from this muscle (its strength), capped at its
   * maximum (see task_activation). A stiff ankle transmits less of it. */
  self->pump_to[PUMP_SOLEUS_MAX] = SOLEUS_SOLEUS_MAX_MMHG * self->strength
                                   * ankle_pump_gain (self);
  self->pump_to[PUMP_WALK] = self->pump_to[PUMP_SOLEUS_MAX]
                             * task_activation (self, self->eff_speed_kmh > 0.0
                                                ? self->eff_speed_kmh : 3.0);
  {
    /* The deep flexors around the posterior tibial and peroneal veins
     * steady the foot in a stride: their share follows the speed and this
     * muscle's strength, not the body's load, which the triceps surae
     * carries (see SOLEUS_ON_CALF_LOWER_GAIT). */
    double a = soleus_gait_activation (self->eff_speed_kmh > 0.0 ? self->eff_speed_kmh : 3.0)
               / self->strength;

    self->pump_to[PUMP_WALK_DEEP] = SOLEUS_ON_CALF_LOWER_GAIT * self->pump_to[PUMP_SOLEUS_MAX]
                                    * (a < 1.0 ? a : 1.0);
  }
  self->pump_to[PUMP_PLANTAR] = SOLEUS_PLANTAR_SQUEEZE_MMHG * sqrt (weight / 75.0);
  self->pump_to[PUMP_SWAY] = 1.0;
  /* A stocking holds a varicose saphenous vein narrower, as it narrows a
   * weak valve's regurgitant area (same law, SOLEUS_COMPRESSION_NARROWING_MMHG)
   * [est]: stockings lower the venous volume and raise the EF of varicose
   * legs (Ibegbuna, Delis & Nicolaides, Int Angiol 1997;16:185). Ramped. */
  self->pump_to[PUMP_SINUS_VOLUME]
    = 1.0 - SOLEUS_ATROPHY_SINUS_LOSS * self->control[SOLEUS_PARAM_ATROPHY];
  self->pump_to[PUMP_SAPHENOUS_HOLD]
    = 1.0 / (1.0 + compression * compression_share[SOLEUS_VESSEL_SAPHENOUS_CALF]
                   / SOLEUS_COMPRESSION_NARROWING_MMHG);
  /* Deep reflux dilates the calf's muscle veins (see
   * SOLEUS_DEEP_DILATION_GAIN); ramped like a pump. */
  self->pump_to[PUMP_MUSCLE_DILATION] = self->leak[VALVE_MUSCLE] > 0.0
                                        ? SOLEUS_DEEP_DILATION_GAIN
                                          * self->control[SOLEUS_PARAM_VALVE_WEAKNESS]
                                        : 0.0;
  ramp_apply (self);
  self->k1_valid = false;
}

/* ---------------------------------------------------------------------- */
/* Muscle pressures at time dt into the current step */

typedef struct
{
  double soleus;
  double deep;      /* on the posterior tibial and peroneal veins */
  double plantar;
  double thigh;
  double squeeze;
} Pumps;

/* Ankle exercise: a brisk unloaded plantarflexion, the same muscle law. */
static double
ankle_ex_activation (const SoleusModel *self)
{
  double a = SOLEUS_ANKLE_EX_ACTIVATION / self->strength;

  return a < 1.0 ? a : 1.0;
}

static void
pumps_at (const SoleusModel *self,
          double             dt,
          Pumps             *out)
{
  double ph = self->phase + self->motion_hz * dt;
  double pump_ramp[N_PUMP];
  const double *pump = self->pump;

  if (self->ramping)
    {
      ramp_pumps (self, ramp_f (self, dt), pump_ramp);
      pump = pump_ramp;
    }
  out->soleus = out->deep = out->plantar = out->thigh = out->squeeze = 0.0;
  if (ph >= 1.0)
    ph -= 1.0;

  switch (self->motion)
    {
    case MOTION_WALK:
      {
        double shape = soleus_gait_soleus_shape (ph);

        out->soleus = pump[PUMP_WALK] * shape;
        out->deep = pump[PUMP_WALK_DEEP] * shape;
      }
      out->plantar = pump[PUMP_PLANTAR] * soleus_gait_plantar_shape (ph);
      out->thigh = SOLEUS_THIGH_PUMP_MMHG * soleus_gait_thigh_shape (ph);
      break;

    case MOTION_ANKLE:
      /* Plantarflexion in the first half of each cycle, no weight bearing;
       * the intrinsic foot muscles squeeze the plexus a little [est]. */
      out->soleus = pump[PUMP_SOLEUS_MAX] * ankle_ex_activation (self)
                    * window (ph, 0.0, 0.5);
      out->plantar = 0.2 * pump[PUMP_PLANTAR] * window (ph, 0.0, 0.5);
      out->deep = SOLEUS_ON_CALF_LOWER_GAIT * out->soleus;
      break;

    case MOTION_TIPTOE:
      /* Rise onto the toes, hold, come down: 0.85 s of the 1.2 s cycle. */
      out->soleus = pump[PUMP_SOLEUS_MAX] * SOLEUS_TIPTOE_ACTIVATION
                    * window (ph, 0.0, SOLEUS_TIPTOE_RISE);
      out->plantar = pump[PUMP_PLANTAR] * window (ph, 0.0, SOLEUS_TIPTOE_RISE);
      out->deep = SOLEUS_ON_CALF_LOWER * out->soleus;
      break;

    case MOTION_SQUEEZE:
      {
        /* Calf compression and release, 80 mmHg with 0.1 s ramps [est],
         * standing in for the cuff compression and release of the duplex
         * reflux test (the cuff-deflation method, van Bemmelen 1989 J Vasc
         * Surg 10:425; the reflux thresholds are Labropoulos 2003 J Vasc
         * Surg 38:793). */
        double t = self->squeeze_t + dt;
        double a = t / 0.1;
        double b = (self->squeeze_s + 0.1 - t) / 0.1;
        double f = a < b ? a : b;
        if (f > 1.0)
          f = 1.0;
        if (f < 0.0)
          f = 0.0;
        out->squeeze = 80.0 * f;
      }
      break;

    case MOTION_NONE:
    default:
      if ((int) self->control[SOLEUS_PARAM_POSTURE] == SOLEUS_POSTURE_STANDING)
        {
          double t = ((double) self->step) * SOLEUS_STEP_S + dt;
          out->soleus = pump[PUMP_SWAY]
                        * (SOLEUS_SWAY_TONIC_MMHG
                           + SOLEUS_SWAY_AMPLITUDE_MMHG * sin_turns (SOLEUS_SWAY_HZ * t));
          out->deep = SOLEUS_ON_CALF_LOWER_GAIT * out->soleus;
        }
      break;
    }
}

static void
ext_at (const SoleusModel *self,
        double             dt,
        double             ext[N_VES],
        Pumps             *pumps)
{
  Pumps pm;

  /* A still leg, no ramp: only the sway moves (pumps_at's MOTION_NONE),
   * the other pumps add nothing. */
  if (self->motion == MOTION_NONE && !self->ramping && pumps == NULL)
    {
      memcpy (ext, self->ext_static, sizeof (double) * N_VES);
      if ((int) self->control[SOLEUS_PARAM_POSTURE] == SOLEUS_POSTURE_STANDING)
        {
          double t = ((double) self->step) * SOLEUS_STEP_S + dt;
          double soleus = self->pump[PUMP_SWAY]
                          * (SOLEUS_SWAY_TONIC_MMHG
                             + SOLEUS_SWAY_AMPLITUDE_MMHG * sin_turns (SOLEUS_SWAY_HZ * t));

          ext[SOLEUS_VESSEL_CALF_DEEP_UPPER] += soleus;
          ext[SOLEUS_VESSEL_CALF_DEEP_LOWER] += SOLEUS_ON_CALF_LOWER_GAIT * soleus;
        }
      return;
    }
  pumps_at (self, dt, &pm);
  if (self->ramping)
    ramp_blend (self, ramp_f (self, dt), NULL, ext);
  else
    memcpy (ext, self->ext_static, sizeof (double) * N_VES);
  ext[SOLEUS_VESSEL_CALF_DEEP_UPPER] += pm.soleus + pm.squeeze;
  ext[SOLEUS_VESSEL_CALF_DEEP_LOWER] += pm.deep + pm.squeeze;
  ext[SOLEUS_VESSEL_SAPHENOUS_CALF] += pm.squeeze;
  ext[V_CALF_MUSCLE] += pm.squeeze;
  ext[SOLEUS_VESSEL_PLANTAR] += pm.plantar;
  ext[SOLEUS_VESSEL_FEMORAL] += pm.thigh;
  if (pumps != NULL)
    *pumps = pm;
}

/* ---------------------------------------------------------------------- */
/* The right-hand side */

static inline double
vessel_pressure (const SoleusModel *self,
                 int                i,
                 double             v)
{
  double x = v - self->v0[i];

  if (i == SOLEUS_VESSEL_RIGHT_ATRIUM)
    return x * self->inv_c0[i];
  /* soleus_vein_transmural_mmhg with the per-vessel constants cached (one
   * division instead of two on the full side, none for the linear part):
   * it is evaluated for every vessel at every stage. */
  if (x >= 0.0)
    {
      double u = x * self->inv_vmax[i];

      if (u < VEIN_U_CAP)
        return x * self->inv_c0[i] / (1.0 - u * u);
      return self->p_cap[i] + self->slope_cap[i] * (x - self->x_cap[i]);
    }
  /* The collapse branch of soleus_vein_transmural_mmhg, inline (walking,
   * a few veins are collapsed at every stage). */
  {
    double v0 = self->v0[i];
    double vc = v > 1e-9 * v0 ? v : 1e-9 * v0;
    double r = v0 / vc;

    return SOLEUS_VEIN_COLLAPSE_MMHG * (1.0 - r * sqrt (r));
  }
}

/* The flows through the connections, and the valve states' rates, into
 * dy (rhs_body). With z_rates false, each valve's slot holds its pressure
 * difference instead (rhs_volumes); with use_cf false, every collapse
 * factor is taken as 1 (no vein below its unstressed volume). */
static inline __attribute__ ((always_inline)) void
rhs_edges (SoleusModel  *self,
           const double *y,
           const double *piezo,
           const double *cf,
           const double *ext,
           const double *h,
           double       *dy,
           bool          record,
           bool          z_rates,
           bool          use_cf)
{
W_UNROLL
  for (int e = 0; e < N_EDGES; e++)
    {
      int a = edges[e].from;
      int b = edges[e].to;
      double dp = piezo[a] - piezo[b];
      double g = self->g_edge[e];
      int v = edges[e].valve;
      double q;

      if (v == -2)
        {
          /* The small foot veins have many valves of their own, too small
           * to draw: a smooth one-way conductance, 2% backward [est]
           * (the foot pump ejects into deep and superficial veins alike;
           * Gardner & Fox 1983 Bristol Med Chir J 98:109). */
          g *= 0.02 + 0.98 * (0.5 + 0.5 * dp / sqrt (dp * dp + 0.25));
        }
      else if (v >= 0)
        {
          double z = y[Y_Z + v];
          g *= soleus_valve_area (z, self->leak[v]);
          if (z_rates)
            {
              dy[Y_Z + v] = soleus_valve_dzdt (z, dp);
              /* The perforators' small cusps close faster (see
               * SOLEUS_PERFORATOR_CLOSE_GAIN). */
              if (dp < 0.0 && v == SOLEUS_VALVE_PERFORATOR)
                dy[Y_Z + v] *= SOLEUS_PERFORATOR_CLOSE_GAIN;
            }
          else
            dy[Y_Z + v] = dp;
        }
      /* Collapse resistance on the outflow of the emptying vein only. */
      if (use_cf)
        g *= dp >= 0.0 ? cf[a] : cf[b];
      if (v >= 0)
        {
          /* The valve orifice adds a Bernoulli (convective) loss,
           * dp = q / g + B q |q| (Mynard 2012): negligible at resting
           * flows, it is what keeps a squeezed calf from ejecting at
           * hundreds of mL/s. Solved for q in closed form (smooth, slope g
           * at dp = 0). */
          double bg = valve_bernoulli[v] * g * g;
          /* (Without a loss, B = 0, this is exactly g dp: skip the root.) */
          q = bg > 0.0 ? 2.0 * g * dp / (1.0 + sqrt (1.0 + 4.0 * bg * fabs (dp)))
                       : g * dp;
        }
      else if (e == E_AIVC_TIVC)
        {
          /* The abdominal vena cava is a collapsible tube in the abdomen: a
           * Starling resistor (Permutt & Riley 1963 J Appl Physiol 18:924).
           * Where IAP exceeds the pressure beyond (the thoracic cava), the
           * vein narrows at its outlet and the flow follows the upstream
           * pressure minus IAP, not minus the downstream pressure, so IAP
           * reaches the leg veins one for one (Regli 2011 Shock; van Rij
           * 2008 Eur J Vasc Endovasc Surg 35:739). A smooth maximum of the
           * two (0.5 mmHg wide [est]); no flow backward into the narrowed
           * outlet while IAP holds it shut. */
          int ai = SOLEUS_VESSEL_ABDOMINAL_IVC;
          double p_out = ext[ai] + SOLEUS_MMHG_PER_CM * h[ai];
          double d = piezo[b] - p_out;
          double root = sqrt (d * d + 0.25);
          double m = 0.5 * (piezo[b] + p_out + root);
          double dpe = piezo[a] - m;

          if (dpe < 0.0)
            dpe *= 0.5 + 0.5 * d / root;
          q = g * dpe;
        }
      else
        q = g * dp;
      dy[Y_VES + a] -= q;
      dy[Y_VES + b] += q;
      if (record)
        self->q_edge[e] = q;
    }
}

/* The loops below run over the fixed network (edges[], valve_bernoulli[]):
 * unrolled, the per-edge tests on the valve kind and the edge fold away at
 * compile time. The same operations in the same order, so the same bits. */
static inline __attribute__ ((always_inline)) void
rhs_body (SoleusModel  *self,
          double        dt,
          const double *y,
          double       *dy_out,
          bool          record,
          bool          z_rates,
          bool          still)
{
  /* The sums build in a local array, which the compiler knows no other
   * pointer reaches: each store to it would otherwise force the loads of
   * self's and y's values after it to be repeated. Every element is set
   * below (each valve has its edge). */
  double dy[N_Y];
  double ext[N_VES];
  double piezo[N_VES];
  double cf[N_VES];
  double h_ramp[N_VES];
  const double *h = self->h_cm;
  double p_ra;
  bool collapsed = false;

  ext_at (self, dt, ext, NULL);
  if (self->ramping)
    {
      ramp_blend (self, ramp_f (self, dt), h_ramp, NULL);
      h = h_ramp;
    }

W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      double p = vessel_pressure (self, i, y[Y_VES + i]) + ext[i];

      /* Piezometric pressure: P + rho g h (h up from the atrium). */
      piezo[i] = p + SOLEUS_MMHG_PER_CM * h[i];
      cf[i] = i == SOLEUS_VESSEL_RIGHT_ATRIUM
              ? 1.0 : soleus_vein_collapse_factor (y[Y_VES + i], self->v0[i]);
      if (still && i != SOLEUS_VESSEL_RIGHT_ATRIUM)
        collapsed |= !(y[Y_VES + i] >= self->v0[i]);
      dy[Y_VES + i] = 0.0;
      if (record)
        self->p[i] = p;
    }
  dy[Y_ART] = 0.0;

  /* A still leg's veins are seldom below their unstressed volume: there
   * every collapse factor is 1, and the copy of the loop without them
   * gives the same bits. */
  if (!still || collapsed)
    rhs_edges (self, y, piezo, cf, ext, h, dy, record, z_rates, true);
  else
    rhs_edges (self, y, piezo, cf, ext, h, dy, record, z_rates, false);

  /* Arterial inflow: MAP at heart level minus the venous piezometric
   * pressure; a squeezed muscle cannot push blood back into its arteries. */
W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      double g = self->g_in[i];
      double q;

      /* A vessel without arterial inflow has g 0 (update_derived): the
       * unrolled loop drops it at compile time. */
      if (!(vessel_params[i].inflow_ml_s > 0.0) || !(g > 0.0))
        continue;
      if (i == SOLEUS_VESSEL_CALF_DEEP_LOWER || i == SOLEUS_VESSEL_CALF_DEEP_UPPER
          || i == V_CALF_MUSCLE)
        g *= self->hyperaemia;
      else if (i == SOLEUS_VESSEL_FOOT_MICRO || i == SOLEUS_VESSEL_FEMORAL)
        g *= 0.5 + 0.5 * self->hyperaemia;
      q = g * (SOLEUS_MAP_MMHG - piezo[i]);
      if (q < 0.0)
        q = 0.0;
      dy[Y_VES + i] += q;
      dy[Y_ART] -= q;
      if (record)
        self->q_in[i] = q;
    }

  /* The rest of the body's return, and the heart, which takes from the
   * atrium what raises it above its set point (Frank-Starling, linearised). */
  p_ra = piezo[SOLEUS_VESSEL_RIGHT_ATRIUM];
  {
    double q = SOLEUS_BODY_RETURN_ML_S / (SOLEUS_MAP_MMHG - SOLEUS_RA_TARGET_MMHG)
               * (SOLEUS_MAP_MMHG - p_ra);
    dy[Y_VES + SOLEUS_VESSEL_RIGHT_ATRIUM] += q;
    dy[Y_ART] -= q;
  }
  {
    double q = SOLEUS_HEART_GAIN_ML_S_MMHG * (p_ra - SOLEUS_RA_SET_MMHG);
    if (q < 0.0)
      q = 0.0;
    dy[Y_VES + SOLEUS_VESSEL_RIGHT_ATRIUM] -= q;
    dy[Y_ART] += q;
    if (record)
      self->q_heart = q;
  }
  /* Tissue fluid and lymph, constant over the block (slow_sources ()). */
  dy[Y_VES + SOLEUS_VESSEL_SAPHENOUS_CALF] -= self->src_calf_ml_s;
  dy[Y_VES + SOLEUS_VESSEL_FOOT_MICRO] -= self->src_foot_ml_s;
  dy[Y_VES + SOLEUS_VESSEL_RIGHT_ATRIUM] += self->src_ra_ml_s;
  memcpy (dy_out, dy, sizeof dy);
}

/* The right-hand side at t = dt into the block: dy from y. With record, it
 * also keeps the pressures and flows it found (self->p, q_edge, q_in,
 * q_heart). Two copies of the body, so that the recording tests leave the
 * hot loops. */
static void
rhs (SoleusModel  *self,
     double        dt,
     const double *y,
     double       *dy,
     bool          record)
{
  if (record)
    rhs_body (self, dt, y, dy, true, true, false);
  else
    rhs_body (self, dt, y, dy, false, true, false);
}

/* rhs with record, for the W-method's still blocks, whose veins are
 * seldom below their unstressed volume (rhs_body's still). */
static void
rhs_still (SoleusModel  *self,
           double        dt,
           const double *y,
           double       *dy)
{
  rhs_body (self, dt, y, dy, true, true, true);
}

/* The right-hand side for the stages of a W-method, which hold the valve
 * states: in place of their rates, dy holds each valve's pressure
 * difference, from which relax_valves finds the rate it needs (the same
 * bits as rhs's rate) and the other stages ignore. */
static void
rhs_volumes (SoleusModel  *self,
             double        dt,
             const double *y,
             double       *dy)
{
  rhs_body (self, dt, y, dy, false, false, true);
}

/* ---------------------------------------------------------------------- */
/* Integration: Bogacki-Shampine 3(2), FSAL, with a step-size controller */

/* One RK3(2) attempt over h from self->y (derivative self->k1) at t0 into
 * the block. Leaves the new state in y1 and its derivative in k4 (recorded:
 * the flows and pressures are those at t0 + h), and returns the error
 * ratio (<= 1 is within tolerance), or INFINITY when a volume would not be
 * positive or the error is not finite. */
static double
rk_attempt (SoleusModel *self,
            double       t0,
            double       h,
            double       y1[N_Y],
            double       k4[N_Y])
{
  double k2[N_Y], k3[N_Y], yt[N_Y];
  double err = 0.0;

  for (int i = 0; i < N_Y; i++)
    yt[i] = self->y[i] + 0.5 * h * self->k1[i];
  rhs (self, t0 + 0.5 * h, yt, k2, false);
  for (int i = 0; i < N_Y; i++)
    yt[i] = self->y[i] + 0.75 * h * k2[i];
  rhs (self, t0 + 0.75 * h, yt, k3, false);
  for (int i = 0; i < N_Y; i++)
    y1[i] = self->y[i] + h * ((2.0 / 9.0) * self->k1[i] + (1.0 / 3.0) * k2[i]
                              + (4.0 / 9.0) * k3[i]);
  for (int i = 0; i < N_VES; i++)
    if (!(y1[Y_VES + i] > 0.0))
      return INFINITY;

  rhs (self, t0 + h, y1, k4, true);
  for (int i = 0; i < N_Y; i++)
    {
      double e = fabs (h * ((2.0 / 9.0 - 7.0 / 24.0) * self->k1[i]
                            + (1.0 / 3.0 - 1.0 / 4.0) * k2[i]
                            + (4.0 / 9.0 - 1.0 / 3.0) * k3[i]
                            - (1.0 / 8.0) * k4[i]));
      double tol = (i < Y_Z ? ATOL_ML : ATOL_Z) + RTOL * fabs (y1[i]);

      /* Divide only where the ratio may be the largest so far: the test is
       * looser than the division's rounding by far, so the maximum is the
       * same to the bit, for a division per component saved. */
      if (e > err * tol * (1.0 - 1e-12))
        {
          double r = e / tol;
          if (r > err)
            err = r;
        }
    }
  return isfinite (err) ? err : INFINITY;
}

/* ---------------------------------------------------------------------- */
/* Still blocks: a linearly implicit step (Rosenbrock W-method) */

/* The volumes' Jacobian as the W-method uses it (a W-method keeps its
 * order with any matrix in place of the Jacobian; this one holds the stiff
 * modes): -A S, S the slopes of the vein laws (dp/dV, diagonal), A the
 * symmetric matrix of the conductances, each connection's dq/d(dp)
 * between its two vessels (a weighted graph Laplacian) plus each vessel's
 * outflow to fixed pressures (arterial inflow, body return, the heart) on
 * the diagonal, with the reservoir's row taking back what those flows
 * move, so every column sums to zero and blood stays conserved to
 * rounding. Left out: the valve states' coupling (they are held in the
 * stages, see ros_attempt), the collapse factors' dependence on volume,
 * and the Starling resistor's bend (its conductance is taken as linear).
 * The laws here mirror rhs (); a change there that is not mirrored makes
 * the matrix less exact, not the result wrong. */

/* The vessels in an order along the veins (foot to heart, the saphenous
 * veins beside the deep ones), so each row of M has its nonzero entries
 * close to the diagonal and the L D L^T factors stay inside that envelope
 * (w_first): 13 vessels, 17 connections, 22 entries below the diagonal
 * instead of 78. */
static const int w_order[N_VES] = {
  SOLEUS_VESSEL_FOOT_MICRO, SOLEUS_VESSEL_PLANTAR, SOLEUS_VESSEL_SAPHENOUS_CALF,
  SOLEUS_VESSEL_CALF_DEEP_LOWER, SOLEUS_VESSEL_CALF_DEEP_UPPER, V_CALF_MUSCLE,
  SOLEUS_VESSEL_POPLITEAL, SOLEUS_VESSEL_SAPHENOUS_THIGH, SOLEUS_VESSEL_FEMORAL,
  SOLEUS_VESSEL_ILIAC, SOLEUS_VESSEL_ABDOMINAL_IVC, SOLEUS_VESSEL_THORACIC_IVC,
  SOLEUS_VESSEL_RIGHT_ATRIUM,
};
/* Position of each vessel in w_order, and the first column of each row's
 * envelope (the lowest position it is connected to). */
static const int w_pos[N_VES] = {
  [SOLEUS_VESSEL_FOOT_MICRO] = 0, [SOLEUS_VESSEL_PLANTAR] = 1,
  [SOLEUS_VESSEL_SAPHENOUS_CALF] = 2, [SOLEUS_VESSEL_CALF_DEEP_LOWER] = 3,
  [SOLEUS_VESSEL_CALF_DEEP_UPPER] = 4, [V_CALF_MUSCLE] = 5,
  [SOLEUS_VESSEL_POPLITEAL] = 6, [SOLEUS_VESSEL_SAPHENOUS_THIGH] = 7,
  [SOLEUS_VESSEL_FEMORAL] = 8, [SOLEUS_VESSEL_ILIAC] = 9,
  [SOLEUS_VESSEL_ABDOMINAL_IVC] = 10, [SOLEUS_VESSEL_THORACIC_IVC] = 11,
  [SOLEUS_VESSEL_RIGHT_ATRIUM] = 12,
};
static const int w_first[N_VES] = { 0, 0, 0, 1, 3, 5, 3, 2, 6, 7, 8, 10, 11 };

static void
w_build (SoleusModel  *self,
         double        dt,
         const double *y,
         WMatrix      *w)
{
  double ext[N_VES];
  double piezo[N_VES];
  double cf[N_VES];
  double h_ramp[N_VES];
  const double *hc = self->h_cm;

  ext_at (self, dt, ext, NULL);
  if (self->ramping)
    {
      ramp_blend (self, ramp_f (self, dt), h_ramp, NULL);
      hc = h_ramp;
    }
  for (int i = 0; i < N_VES; i++)
    {
      double v = y[Y_VES + i];
      double x = v - self->v0[i];
      double s;

      piezo[i] = vessel_pressure (self, i, v) + ext[i] + SOLEUS_MMHG_PER_CM * hc[i];
      cf[i] = i == SOLEUS_VESSEL_RIGHT_ATRIUM
              ? 1.0 : soleus_vein_collapse_factor (v, self->v0[i]);
      if (i == SOLEUS_VESSEL_RIGHT_ATRIUM)
        s = self->inv_c0[i];
      else if (x >= 0.0)
        {
          double u = x * self->inv_vmax[i];

          if (u < VEIN_U_CAP)
            {
              double den = 1.0 - u * u;
              s = self->inv_c0[i] * (1.0 + u * u) / (den * den);
            }
          else
            s = self->slope_cap[i];
        }
      else
        {
          double vv = v > 1e-9 * self->v0[i] ? v : 1e-9 * self->v0[i];
          double r = self->v0[i] / vv;
          s = SOLEUS_VEIN_COLLAPSE_MMHG * 1.5 * r * sqrt (r) / vv;
        }
      w->s[i] = s;
      w->inv_s[i] = 1.0 / s;
      w->a_in[i] = 0.0;
    }

  for (int e = 0; e < N_EDGES; e++)
    {
      int a = edges[e].from;
      int b = edges[e].to;
      double dp = piezo[a] - piezo[b];
      double g = self->g_edge[e];
      int v = edges[e].valve;

      if (v == -2)
        {
          /* q = g phi(dp) dp: dq/d(dp) = g (phi + phi' dp). */
          double r2 = dp * dp + 0.25;
          double rt = sqrt (r2);
          double phi = 0.02 + 0.98 * (0.5 + 0.5 * dp / rt);
          double dphi = 0.98 * 0.5 * 0.25 / (r2 * rt);
          g *= phi + dphi * dp;
        }
      else if (v >= 0)
        {
          g *= soleus_valve_area (y[Y_Z + v], self->leak[v]);
        }
      g *= dp >= 0.0 ? cf[a] : cf[b];
      if (v >= 0)
        {
          /* dp = q / g + B q |q|: dq/d(dp) = g / sqrt (1 + 4 B g^2 |dp|). */
          double bg = valve_bernoulli[v] * g * g;

          if (bg > 0.0)
            g /= sqrt (1.0 + 4.0 * bg * fabs (dp));
        }
      w->g[e] = g;
    }

  for (int i = 0; i < N_VES; i++)
    {
      double g = self->g_in[i];

      if (!(g > 0.0))
        continue;
      if (i == SOLEUS_VESSEL_CALF_DEEP_LOWER || i == SOLEUS_VESSEL_CALF_DEEP_UPPER
          || i == V_CALF_MUSCLE)
        g *= self->hyperaemia;
      else if (i == SOLEUS_VESSEL_FOOT_MICRO || i == SOLEUS_VESSEL_FEMORAL)
        g *= 0.5 + 0.5 * self->hyperaemia;
      if (SOLEUS_MAP_MMHG - piezo[i] > 0.0)
        w->a_in[i] += g;
    }
  {
    int ra = SOLEUS_VESSEL_RIGHT_ATRIUM;

    w->a_in[ra] += SOLEUS_BODY_RETURN_ML_S / (SOLEUS_MAP_MMHG - SOLEUS_RA_TARGET_MMHG);
    if (piezo[ra] > SOLEUS_RA_SET_MMHG)
      w->a_in[ra] += SOLEUS_HEART_GAIN_ML_S_MMHG;
  }
  {
    double sum[N_VES];

    memcpy (sum, w->a_in, sizeof sum);
    for (int e = 0; e < N_EDGES; e++)
      {
        sum[edges[e].from] += w->g[e];
        sum[edges[e].to] += w->g[e];
      }
    w->rate = 0.0;
    for (int i = 0; i < N_VES; i++)
      if (sum[i] * w->s[i] > w->rate)
        w->rate = sum[i] * w->s[i];
  }
  w->hf = 0.0;
}

/* The loops over the vessels, the connections and the envelope of the
 * factors and solves unrolled, so their indices (w_order, w_first, edges)
 * become constants: the same operations in the same order, in about a
 * third of the instructions. The W-methods' loops over the state are
 * unrolled too (3% of the instructions standing). */

/* Factors M = S^-1 + gh A (symmetric positive definite: S^-1 > 0, A a
 * Laplacian plus a non-negative diagonal) as L D L^T, for gh = gamma h,
 * inside the envelope of w_order (no pivoting: none is needed). */
static void
w_factor (WMatrix *w,
          double   gh)
{
  double (*m)[N_VES] = w->l;
  double d[N_VES];

  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    W_UNROLL
    for (int j = w_first[i]; j <= i; j++)
      m[i][j] = 0.0;
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      int v = w_order[i];
      w->ha[i] = gh * w->a_in[v];
      m[i][i] = w->inv_s[v] + w->ha[i];
    }
  W_UNROLL
  for (int e = 0; e < N_EDGES; e++)
    {
      int a = w_pos[edges[e].from];
      int b = w_pos[edges[e].to];
      double g = gh * w->g[e];

      m[a][a] += g;
      m[b][b] += g;
      if (a > b)
        m[a][b] -= g;
      else
        m[b][a] -= g;
    }
  /* Row by row, in place: l[i][j] becomes L's entry, d the pivots. */
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      int fi = w_first[i];
      double di = m[i][i];

      W_UNROLL
      for (int j = fi; j < i; j++)
        {
          int fj = w_first[j] > fi ? w_first[j] : fi;
          double sum = m[i][j];

          W_UNROLL
          for (int k = fj; k < j; k++)
            sum -= w->l[i][k] * w->l[j][k] * d[k];
          w->l[i][j] = sum * w->d_inv[j];
          di -= w->l[i][j] * sum;
        }
      d[i] = di;
      w->d_inv[i] = 1.0 / di;
    }
  w->hf = gh;
}

/* Solves (I - gh W) k = r (in place): for the volumes, with W = -A S,
 * (I + gh A S) k = r is M (S k) = r; the valve states divide by their
 * diagonal; the arterial reservoir's row is the identity. */
static void
w_solve (const WMatrix *w,
         double         r[N_Y])
{
  double x[N_VES];

  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      double sum = r[Y_VES + w_order[i]];

      W_UNROLL
      for (int k = w_first[i]; k < i; k++)
        sum -= w->l[i][k] * x[k];
      x[i] = sum;
    }
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    x[i] *= w->d_inv[i];
  W_UNROLL
  for (int i = N_VES - 1; i >= 0; i--)
    W_UNROLL
    for (int k = w_first[i]; k < i; k++)
      x[k] -= w->l[i][k] * x[i];
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      int v = w_order[i];
      double k = x[i] * w->inv_s[v];

      r[Y_VES + v] = k;
      /* What the vessels take from the reservoir, and give back. */
      r[Y_ART] += w->ha[i] * x[i];
    }
  W_UNROLL
  for (int v = 0; v < N_VAL; v++)
    r[Y_Z + v] = 0.0;
}

/* out += c W v (the stage's coupling term). */
static void
w_apply (const WMatrix *w,
         double         c,
         const double   v[N_Y],
         double         out[N_Y])
{
  double u[N_VES];
  double au[N_VES];

  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      u[i] = v[Y_VES + i] * w->s[i];
      au[i] = w->a_in[i] * u[i];
    }
  W_UNROLL
  for (int e = 0; e < N_EDGES; e++)
    {
      double q = w->g[e] * (u[edges[e].from] - u[edges[e].to]);

      au[edges[e].from] += q;
      au[edges[e].to] -= q;
    }
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      out[Y_VES + i] -= c * au[i];
      out[Y_ART] += c * w->a_in[i] * u[i];
    }
}

/* w_apply for the sway's volume change (sway_rate), which moves only the
 * two deep calf veins: the same sums, without the terms the other,
 * zero, entries would add (each an exact zero). */
static bool
sway_vessel (int i)
{
  return i == SOLEUS_VESSEL_CALF_DEEP_LOWER || i == SOLEUS_VESSEL_CALF_DEEP_UPPER;
}

static void
w_apply_sway (const WMatrix *w,
              double         c,
              const double   v[N_Y],
              double         out[N_Y])
{
  double u[N_VES];
  double au[N_VES];

  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      u[i] = sway_vessel (i) ? v[Y_VES + i] * w->s[i] : 0.0;
      au[i] = sway_vessel (i) ? w->a_in[i] * u[i] : 0.0;
    }
  W_UNROLL
  for (int e = 0; e < N_EDGES; e++)
    if (sway_vessel (edges[e].from) || sway_vessel (edges[e].to))
      {
        double q = w->g[e] * (u[edges[e].from] - u[edges[e].to]);

        au[edges[e].from] += q;
        au[edges[e].to] -= q;
      }
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    {
      bool touched = sway_vessel (i);

      W_UNROLL
      for (int e = 0; e < N_EDGES; e++)
        if ((edges[e].from == i && sway_vessel (edges[e].to))
            || (edges[e].to == i && sway_vessel (edges[e].from)))
          touched = true;
      if (touched)
        out[Y_VES + i] -= c * au[i];
      if (sway_vessel (i))
        out[Y_ART] += c * w->a_in[i] * u[i];
    }
}

/* The valve states, held through a W-method's stages, relax over the
 * sub-step h as their law gives at the pressures of a stage near its end
 * (f, rhs_volumes there, which holds the valves' pressure differences):
 * exactly, for that pressure difference,
 * toward open, 1 - z decaying at K_open f, or toward closed, z decaying at
 * K_close |f| (soleus_valve_dzdt). */
static void
relax_valves (const double y[N_Y],
              const double f[N_Y],
              double       h,
              double       zn[N_VAL])
{
  W_UNROLL
  for (int v = 0; v < N_VAL; v++)
    {
      double z = y[Y_Z + v];
      double dp = f[Y_Z + v];
      /* The valve law, as rhs_body has it. */
      double dz = soleus_valve_dzdt (z, dp);

      if (dp < 0.0 && v == SOLEUS_VALVE_PERFORATOR)
        dz *= SOLEUS_PERFORATOR_CLOSE_GAIN;
      if (dz > 0.0 && z < 1.0)
        zn[v] = 1.0 - (1.0 - z) * exp (-dz / (1.0 - z) * h);
      else if (dz < 0.0)
        zn[v] = z * exp (dz / z * h);
      else
        zn[v] = z;
    }
}

/* One attempt over h for a still leg without sway (sitting, the legs
 * still): ROS2 (Verwer, Spee, Blom & Hundsdorfer, SIAM J Sci Comput
 * 1999;20:1456), two stages, order 2 for any matrix in place of the
 * Jacobian, L-stable; the error estimate is the difference to the
 * embedded first-order solution y0 + h k1, on the volumes and the
 * reservoir. The valve states as in ros_attempt. Sitting still, its error
 * stays far inside the tolerance at a whole block, in two right-hand
 * sides instead of four. Same contract as rk_attempt. */
#define ROS2_GAMMA (1.0 + 0.70710678118654752440)
static double
ros2_attempt (SoleusModel *self,
              double       t0,
              double       h,
              WMatrix     *w,
              double       y1[N_Y],
              double       k4[N_Y])
{
  double k1[N_Y], k2[N_Y], yt[N_Y], zn[N_VAL];
  double err = 0.0;

  if (w->hf < ROS2_GAMMA * h || w->hf > ROS2_GAMMA * h)
    w_factor (w, ROS2_GAMMA * h);
  memcpy (k1, self->k1, sizeof k1);
  w_solve (w, k1);
  /* The valve states do not move in the stages (see ros_attempt). */
  memcpy (yt, self->y, sizeof yt);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    yt[i] = self->y[i] + h * k1[i];
  rhs_volumes (self, t0 + h, yt, k2);
  relax_valves (self->y, k2, h, zn);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    k2[i] -= 2.0 * k1[i];
  w_solve (w, k2);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    y1[i] = self->y[i] + 1.5 * h * k1[i] + 0.5 * h * k2[i];
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    if (!(y1[Y_VES + i] > 0.0))
      return INFINITY;
  memcpy (&y1[Y_Z], zn, sizeof zn);

  rhs_still (self, t0 + h, y1, k4);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    {
      double e = fabs (0.5 * h * (k1[i] + k2[i]));
      double tol = ATOL_ML + RTOL * fabs (y1[i]);
      /* Divide only where the ratio may be the largest (as rk_attempt). */
      if (e > err * tol * (1.0 - 1e-12))
        {
          double r = e / tol;

          if (r > err)
            err = r;
        }
    }
  return isfinite (err) ? err : INFINITY;
}

/* The time derivative of the right-hand side that the quiet-standing
 * sway makes (the only forcing of a still leg that moves with time), as
 * the W-method's matrix holds it: the sway's pressure on the calf veins
 * changes at dp/dt, so the flows change at -A dp/dt. Given as the volume
 * change dv = S^-1 dp/dt that w_apply turns into -A S dv, so that
 * w_apply (w, c, dv, out) adds c times it. False when nothing moves with
 * time (no sway, or a ramp in progress, which the matrix does not hold;
 * the method keeps its order with any matrix, the term only makes the
 * stages follow the forcing). */
static bool
sway_rate (const SoleusModel *self,
           const WMatrix     *w,
           double             t0,
           double             dv[N_Y])
{
  double t, dp;

  if (self->motion != MOTION_NONE || self->ramping
      || (int) self->control[SOLEUS_PARAM_POSTURE] != SOLEUS_POSTURE_STANDING)
    return false;
  t = ((double) self->step) * SOLEUS_STEP_S + t0;
  /* d/dt of the sway in pumps_at: its amplitude times 2 pi f cos. */
  dp = self->pump[PUMP_SWAY] * SOLEUS_SWAY_AMPLITUDE_MMHG
       * 6.283185307179586477 * SOLEUS_SWAY_HZ * sin_turns (SOLEUS_SWAY_HZ * t + 0.25);
  memset (dv, 0, sizeof (double) * N_Y);
  dv[Y_VES + SOLEUS_VESSEL_CALF_DEEP_UPPER] = dp * w->inv_s[SOLEUS_VESSEL_CALF_DEEP_UPPER];
  dv[Y_VES + SOLEUS_VESSEL_CALF_DEEP_LOWER] = SOLEUS_ON_CALF_LOWER_GAIT * dp
                                            * w->inv_s[SOLEUS_VESSEL_CALF_DEEP_LOWER];
  return true;
}

/* One attempt over h for the still blocks: Rang and Angermann's ROS34PW2
 * (J Comput Appl Math 2005;175:11), a Rosenbrock W-method of order 3 for
 * any matrix in place of the Jacobian, four stages, L-stable, embedded
 * order 2, on the volumes and the arterial reservoir. The valve states are
 * held through the stages and then relax over the sub-step by their own
 * law's exact solution at the last stage's pressure difference (first
 * order in that coupling), outside the error control: their law changes
 * rate where the pressure difference crosses zero, a kink that made the
 * error control of every method tried reject 50 ms sub-steps while the
 * sway opens and closes them. Same contract as rk_attempt: the new state
 * in y1, its derivative in k4 (recorded), the error ratio (volumes and
 * reservoir) returned. The matrix is factored again when h differs from
 * the last. */
#define ROS_GAMMA 4.3586652150845900e-01
static double
ros_attempt (SoleusModel *self,
             double       t0,
             double       h,
             WMatrix     *w,
             double       y1[N_Y],
             double       k4[N_Y])
{
  static const double a21 = 8.7173304301691801e-01;
  static const double a31 = 8.4457060015369423e-01, a32 = -1.1299064236484185e-01;
  static const double c2 = 8.7173304301691801e-01, c3 = 7.3157995778885237e-01;
  static const double g21 = -8.7173304301691801e-01;
  static const double g31 = -9.0338057013044082e-01, g32 = 5.4180672388095326e-02;
  static const double g41 = 2.4212380706095346e-01, g42 = -1.2232505839045147e+00,
                      g43 = 5.4526025533510214e-01;
  static const double b1 = 2.4212380706095346e-01, b2 = -1.2232505839045147e+00,
                      b3 = 1.5452602553351020e+00, b4 = 4.3586652150845900e-01;
  /* b minus the embedded method's weights. */
  static const double e1 = 2.4212380706095346e-01 - 3.7810903145819369e-01,
                      e2 = -1.2232505839045147e+00 + 9.6042292212423178e-02,
                      e3 = 1.5452602553351020e+00 - 0.5,
                      e4 = 4.3586652150845900e-01 - 2.1793326075422950e-01;
  /* gamma_i = gamma + sum of g_ij, the weights of the forcing's time
   * derivative in each stage (the fourth's is zero). */
  static const double gt1 = 4.3586652150845900e-01;
  static const double gt2 = 4.3586652150845900e-01 - 8.7173304301691801e-01;
  static const double gt3 = 4.3586652150845900e-01 - 9.0338057013044082e-01
                            + 5.4180672388095326e-02;
  double k1[N_Y], k2[N_Y], k3[N_Y], kk[N_Y], yt[N_Y], gk[N_Y], zn[N_VAL];
  double ft[N_Y];
  double err = 0.0;
  bool timed = sway_rate (self, w, t0, ft);

  if (w->hf < ROS_GAMMA * h || w->hf > ROS_GAMMA * h)
    w_factor (w, ROS_GAMMA * h);

  /* The valve states do not move in the stages (w_solve gives them no
   * increment): the loops run over the volumes and the reservoir. */
  memcpy (yt, self->y, sizeof yt);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    k1[i] = h * self->k1[i];
  if (timed)
    w_apply_sway (w, gt1 * h * h, ft, k1);
  w_solve (w, k1);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    yt[i] = self->y[i] + a21 * k1[i];
  rhs_volumes (self, t0 + c2 * h, yt, k2);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    {
      k2[i] *= h;
      gk[i] = g21 * k1[i];
      if (timed)
        gk[i] += gt2 * h * ft[i];
    }
  w_apply (w, h, gk, k2);
  w_solve (w, k2);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    yt[i] = self->y[i] + a31 * k1[i] + a32 * k2[i];
  rhs_volumes (self, t0 + c3 * h, yt, k3);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    {
      k3[i] *= h;
      gk[i] = g31 * k1[i] + g32 * k2[i];
      if (timed)
        gk[i] += gt3 * h * ft[i];
    }
  w_apply (w, h, gk, k3);
  w_solve (w, k3);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    yt[i] = self->y[i] + k3[i];
  rhs_volumes (self, t0 + h, yt, kk);
  relax_valves (self->y, kk, h, zn);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    {
      kk[i] *= h;
      gk[i] = g41 * k1[i] + g42 * k2[i] + g43 * k3[i];
    }
  w_apply (w, h, gk, kk);
  w_solve (w, kk);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    y1[i] = self->y[i] + b1 * k1[i] + b2 * k2[i] + b3 * k3[i] + b4 * kk[i];
  W_UNROLL
  for (int i = 0; i < N_VES; i++)
    if (!(y1[Y_VES + i] > 0.0))
      return INFINITY;
  memcpy (&y1[Y_Z], zn, sizeof zn);

  rhs_still (self, t0 + h, y1, k4);
  W_UNROLL
  for (int i = 0; i < Y_Z; i++)
    {
      double e = fabs (e1 * k1[i] + e2 * k2[i] + e3 * k3[i] + e4 * kk[i]);
      double tol = (i < Y_Z ? ATOL_ML : ATOL_Z) + RTOL * fabs (y1[i]);
      /* Divide only where the ratio may be the largest (as rk_attempt). */
      if (e > err * tol * (1.0 - 1e-12))
        {
          double r = e / tol;

          if (r > err)
            err = r;
        }
    }
  return isfinite (err) ? err : INFINITY;
}

/* The step-size factor after an attempt with error ratio err: the usual
 * controller for a method whose error estimate goes as h^order (3 for
 * RK3(2) and ROS34PW2, 2 for ROS2), with a safety factor, never more than
 * STEP_GROW nor less than STEP_SHRINK. */
static double
step_factor (double err,
             int    order)
{
  double f;

  if (!(err < INFINITY))
    return STEP_SHRINK;
  if (err < 1e-12)
    return STEP_GROW;
  f = STEP_SAFETY / (order == 2 ? sqrt (err) : cbrt (err));
  if (f > STEP_GROW)
    f = STEP_GROW;
  if (f < STEP_SHRINK)
    f = STEP_SHRINK;
  return f;
}

/* What the per-step readouts need between two integration points, at one
 * step of the grid inside a block (interpolated, see integrate). */
typedef struct
{
  double p[N_VES];
  double q_edge[N_EDGES];
  double vol[N_VES];
} Sample;

/* Integrates the fast state over n steps (one block), with as many
 * sub-steps as the error control asks for: each sub-step's size comes from
 * the one before (self->h_next), so a smooth stretch takes a few long
 * sub-steps and a valve closing many short ones. Everything depends only on
 * the state and the block, so it is deterministic. The flows and pressures
 * recorded at the end are those of the block's end.
 *
 * With samples (n - 1 of them), the values the per-step readouts use are
 * filled in at each step of the grid inside the block: the volumes from the
 * cubic Hermite interpolant of the sub-step that contains it (the
 * method's own dense output, third order), the flows and pressures linearly
 * between the sub-step's ends. */
static void
integrate (SoleusModel *self,
           int          n,
           Sample      *samples)
{
  const double end = n * SOLEUS_STEP_S;
  double t = 0.0;
  double h = self->h_next;
  int next = 1;                 /* the next grid step inside the block */
  bool rejected = false;
  bool ros = false;
  int order = 3;                /* of the error estimate's h^order */
  int attempts = 0;
  double last_err = 0.0;
  WMatrix *w = &self->w;
  /* Standing still, the sub-steps may fill its longer blocks (elsewhere
   * the cap stays that of the 50 ms blocks, so their sub-steps, and
   * the state, are what they were). */
  const double h_max = n > STILL_BLOCK_STEPS ? end : H_MAX_S;

  if (!(h > 0.0))
    h = SOLEUS_STEP_S;
  /* A still leg whose stiffest vein would hold RK3(2) below about 20 ms
   * (sitting, standing) takes the W-method; lying down, RK3(2)'s few long
   * sub-steps cost less. Decided at every implicit block, and once a
   * second otherwise. */
  if (n >= STILL_BLOCK_STEPS
      && (self->still_implicit || self->step % IMPLICIT_CHECK_STEPS == 0))
    {
      /* The matrix serves the implicit blocks that follow each other for
       * up to W_KEEP_STEPS; any other block ends it (as do most changes
       * of the controls, whose 1 ms steps lead to the next block). An
       * older matrix costs sub-steps, never accuracy: the error control
       * judges every sub-step, and a block that takes more than one makes
       * it again (below). */
      if (!self->w_valid || self->step - self->w_step >= W_KEEP_STEPS)
        {
          w_build (self, 0.0, self->y, w);
          self->w_valid = true;
          self->w_step = self->step;
          /* Standing, the sway's forcing is in the stages (sway_rate)
           * and the W-method is the cheaper at any stiffness: there
           * RK3(2)'s sub-steps are set by the sway's accuracy too. */
          self->still_implicit
            = w->rate > IMPLICIT_RATE_S
              || ((int) self->control[SOLEUS_PARAM_POSTURE] == SOLEUS_POSTURE_STANDING
                  && self->motion == MOTION_NONE);
        }
      ros = self->still_implicit;
    }
  if (!ros)
    self->w_valid = false;
  /* The sway of quiet standing keeps the volumes moving: there the
   * third-order method takes the blocks whole, ROS2 would not. */
  if (ros && (int) self->control[SOLEUS_PARAM_POSTURE] != SOLEUS_POSTURE_STANDING)
    order = 2;
  while (t < end)
    {
      double y1[N_Y], k4[N_Y];
      double p0[N_VES], q0[N_EDGES];
      double rest = end - t;
      double h_want = h;
      bool last = false;
      double err;

      /* Reach the end of the block in one sub-step if it is near, or in
       * two equal ones rather than one long and a sliver. */
      if (h >= rest)
        {
          h = rest;
          last = true;
        }
      else if (h > 0.5 * rest)
        h = 0.5 * rest;

      if (samples != NULL && next < n)
        {
          memcpy (p0, self->p, sizeof p0);
          memcpy (q0, self->q_edge, sizeof q0);
        }
      if (!ros)
        err = rk_attempt (self, t, h, y1, k4);
      else if (order == 2)
        err = ros2_attempt (self, t, h, w, y1, k4);
      else
        err = ros_attempt (self, t, h, w, y1, k4);
      attempts++;
      if (!(err <= 1.0))
        {
          if (h > H_MIN_S)
            {
              rejected = true;
              if (n >= STILL_BLOCK_STEPS && !ros)
                self->h_cap = STEP_SAFETY * h;
              h *= step_factor (err, order);
              if (h < H_MIN_S)
                h = H_MIN_S;
              continue;
            }
          /* At the smallest sub-step, what the error control would
           * reject is accepted, as long as every volume stays positive. */
          if (!(err < INFINITY))
            {
              /* A volume at or below zero at the smallest sub-step: keep
               * the old state (never seen in the slider-extreme tests). */
              rhs (self, t + h, self->y, k4, true);
              memcpy (y1, self->y, sizeof y1);
              self->failed_substeps++;
            }
        }

      if (samples != NULL)
        {
          double t1 = last ? end : t + h;

          while (next < n && next * SOLEUS_STEP_S <= t1)
            {
              Sample *sm = &samples[next - 1];
              double th = (next * SOLEUS_STEP_S - t) / h;
              double th2 = th * th, th3 = th2 * th;
              /* Cubic Hermite basis. */
              double h00 = 2.0 * th3 - 3.0 * th2 + 1.0;
              double h10 = th3 - 2.0 * th2 + th;
              double h01 = -2.0 * th3 + 3.0 * th2;
              double h11 = th3 - th2;

W_UNROLL
              for (int i = 0; i < N_VES; i++)
                {
                  sm->vol[i] = h00 * self->y[Y_VES + i] + h01 * y1[Y_VES + i]
                               + h * (h10 * self->k1[Y_VES + i] + h11 * k4[Y_VES + i]);
                  sm->p[i] = p0[i] + (self->p[i] - p0[i]) * th;
                }
W_UNROLL
              for (int e = 0; e < N_EDGES; e++)
                sm->q_edge[e] = q0[e] + (self->q_edge[e] - q0[e]) * th;
              next++;
            }
        }

      memcpy (self->y, y1, sizeof y1);
      memcpy (self->k1, k4, sizeof k4);
      last_err = err;
      self->substeps++;
      {
        double h_new = h * step_factor (err, order);

        /* Right after a rejection, no growth: where stability rather
         * than accuracy limits the sub-step, growing again at once would
         * be rejected again. */
        if (rejected && h_new > h)
          h_new = h;
        rejected = false;
        if (n >= STILL_BLOCK_STEPS && !ros && self->h_cap > 0.0)
          {
            if (h_new > self->h_cap)
              h_new = self->h_cap;
            self->h_cap *= CAP_RELAX;
          }

        /* A sub-step shortened to fit the block says nothing against the
         * longer one that was wanted. */
        if (h_new < h_want && h < h_want
            && err <= (order == 2 ? STEP_SAFETY * STEP_SAFETY
                                  : STEP_SAFETY * STEP_SAFETY * STEP_SAFETY))
          h_new = h_want;
        if (h_new > h_max)
          h_new = h_max;
        if (h_new < H_MIN_S)
          h_new = H_MIN_S;
        t = last ? end : t + h;
        h = h_new;
      }
    }
  self->h_next = h;
  /* A block the W-method did not take in one sub-step, or took with an
   * error near the tolerance, makes the matrix again for the next. */
  if (ros && (attempts > 1 || last_err > W_REFRESH_ERR))
    self->w_valid = false;
}

/* ---------------------------------------------------------------------- */
/* Slow parts: tissue fluid, hyperaemia */

static double
calf_venous_tm (const SoleusModel *self,
                double            *ext_out)
{
  /* The calf's tissue fluid gathers in the skin and subcutis, whose
   * capillaries drain to the superficial veins: they filter at the
   * saphenous vein's transmural pressure and feel the stocking's pressure
   * on the skin of the calf, as the saphenous vein does. The muscles sit
   * in a tight fascial compartment whose pressure rises on standing and
   * soon stops their filtration, while the skin goes on filtering (Wells,
   * Youmans & Miller, J Clin Invest 1938: leg volume keeps rising for
   * 2.5 h of quiet standing at the rate expected if filtration ceases in
   * the high-pressure muscles and continues in the skin). Until this
   * version the tissue filtered from the deep veins too (shares 0.3 lower,
   * 0.5 upper, 0.2 saphenous), which sit under little of the stocking. */
  int sc = SOLEUS_VESSEL_SAPHENOUS_CALF;

  if (ext_out != NULL)
    *ext_out = self->ext_static[sc];
  return vessel_pressure (self, sc, self->y[Y_VES + sc]);
}

/* Interstitial pressure of a tissue holding fluid_ml above its resting
 * content (before any stocking): stiff up to 0 mmHg, more compliant above
 * it, where the interstitial gel swells (Guyton 1971 Physiol Rev 51:527).
 * Continuous at the knee, so the tissue's side of the balance has no
 * step. */
static double
tissue_pressure_mmhg (double fluid_ml,
                      double tissue_ml)
{
  double c_low = SOLEUS_TISSUE_COMPLIANCE_ML_100ML_MMHG * tissue_ml / 100.0;
  double c_high = SOLEUS_TISSUE_EDEMA_COMPLIANCE_ML_100ML_MMHG * tissue_ml / 100.0;
  double v_knee = (SOLEUS_PI_EDEMA_MMHG - SOLEUS_PI_REST_MMHG) * c_low;

  if (fluid_ml <= v_knee)
    return SOLEUS_PI_REST_MMHG + fluid_ml / c_low;
  return SOLEUS_PI_EDEMA_MMHG + (fluid_ml - v_knee) / c_high;
}

/* The venoarteriolar reflex's activation, 0-1, at a venous transmural
 * pressure: off below the threshold (about 25 mmHg; Henriksen, Acta
 * Physiol Scand Suppl 1977;450:1), full 10 mmHg above it [est]. A leg
 * lying down is below the threshold; a seated or standing one above. */
static double
var_activation (double pv_tm)
{
  double x = (pv_tm - SOLEUS_VAR_THRESHOLD_MMHG) / SOLEUS_VAR_RANGE_MMHG;

  if (x <= 0.0)
    return 0.0;
  return x < 1.0 ? x : 1.0;
}

static double
starling_ml_s (double pv_tm,
               double fluid_ml,
               double tissue_ml,
               double ext_mmhg)
{
  /* J = Kf [(Pc - Pi) - sigma (pi_c - pi_i)], Pc = 1.2 Pv + 1.6 (Perry
   * 1986), Pi from the tissue's pressure-volume law; a stocking adds to
   * Pi. The filtrate is nearly protein-free, so it dilutes the interstitial
   * protein (pi_i falls): one of the edema safety factors (Aukland & Reed
   * 1993 Physiol Rev 73:1). In a dependent leg the venoarteriolar reflex
   * constricts the precapillary arterioles (Henriksen 1977; Hassan &
   * Tooke, Clin Sci 1988;75:379): the capillary pressure falls from
   * Perry's law towards the venous pressure, and fewer capillaries are
   * perfused, which lowers Kf. */
  double a = var_activation (pv_tm);
  double kf = SOLEUS_KF_ML_100ML_MIN_MMHG * tissue_ml / 100.0 / 60.0
              * (1.0 - SOLEUS_VAR_PERFUSED_FALL * a);
  double pv = pv_tm > SOLEUS_PC_FLOOR_MMHG ? pv_tm : SOLEUS_PC_FLOOR_MMHG;
  double pc = pv + ((SOLEUS_PC_SLOPE - 1.0) * pv + SOLEUS_PC_OFFSET_MMHG) * (1.0 - a);
  double pi = tissue_pressure_mmhg (fluid_ml, tissue_ml) + ext_mmhg;
  double f0 = SOLEUS_INTERSTITIAL_FRACTION * tissue_ml;
  double dil = fluid_ml > -0.5 * f0 ? f0 / (f0 + fluid_ml) : 2.0;
  double pi_i = SOLEUS_TISSUE_ONCOTIC_MMHG * dil;

  double j = kf * ((pc - pi) - SOLEUS_REFLECTION * (SOLEUS_PLASMA_ONCOTIC_MMHG - pi_i));

  /* The no-absorption rule (Levick & Michel 2010 Cardiovasc Res 87:198):
   * a capillary at low pressure absorbs only for minutes, until the
   * protein under its glycocalyx rises; sustained filtration falls towards
   * zero but does not reverse. Lymph alone drains a tissue at low venous
   * pressure (legs raised). */
  return j > 0.0 ? j : 0.0;
}

static double
lymph_factor (double fluid_ml,
              double tissue_ml,
              double ext_mmhg,
              double pv_mmhg,
              double activity)
{
  /* The initial lymphatics fill from the same interstitial pressure the
   * capillaries filter against: the fluid's, plus the stocking's on the
   * tissue. The collectors carry the lymph out of the stocking's reach,
   * above the knee, so a stocking drains the tissue it presses (external
   * compression drives tissue fluid and lymph towards the groin: Zaleska,
   * Olszewski et al., Lymphat Res Biol 2011, doi:10.1089/lrb.2009.0025; a
   * 15-29 mmHg stocking raised the leg's lymph pumping pressure and
   * lessened leg edema: Sugisawa et al., Lymphat Res Biol 2016;14:95).
   * Once the tissue's pressure is SOLEUS_LYMPH_PI_GAIN_MMHG below its
   * resting value they no longer fill and the lymph stops (until this
   * version it went on at 5% of its resting flow, and a raised leg went
   * on draining for hours). */
  double pi = tissue_pressure_mmhg (fluid_ml, tissue_ml) - SOLEUS_PI_REST_MMHG + ext_mmhg;
  double f = 1.0 + pi / SOLEUS_LYMPH_PI_GAIN_MMHG;

  if (f < 0.0)
    f = 0.0;
  if (pv_mmhg < 0.0)
    pv_mmhg = 0.0;
  return f * (1.0 + SOLEUS_LYMPH_EXERCISE_GAIN * activity)
         / (1.0 + pv_mmhg / SOLEUS_LYMPH_STASIS_MMHG);
}

static void
update_slow_rates (SoleusModel *self)
{
  /* Mean external pressure felt by the calf tissue over the step: the
   * static stocking; muscle pressure acts on capillary and tissue alike. */
  double ext = 0.0;
  double calf_tm = calf_venous_tm (self, &ext);
  int fm = SOLEUS_VESSEL_FOOT_MICRO;
  double foot_tm = vessel_pressure (self, fm, self->y[Y_VES + fm]);
  double foot_ext = self->ext_static[SOLEUS_VESSEL_PLANTAR];

  self->filt_calf_ml_s = starling_ml_s (calf_tm, self->calf_fluid_ml,
                                        SOLEUS_CALF_TISSUE_ML, ext);
  self->filt_foot_ml_s = starling_ml_s (foot_tm, self->foot_fluid_ml,
                                        SOLEUS_FOOT_TISSUE_ML, foot_ext);
  self->lymph_calf_ml_s = self->lymph0_calf_ml_s
                          * lymph_factor (self->calf_fluid_ml, SOLEUS_CALF_TISSUE_ML, ext,
                                          calf_tm, self->activity);
  self->lymph_foot_ml_s = self->lymph0_foot_ml_s
                          * lymph_factor (self->foot_fluid_ml, SOLEUS_FOOT_TISSUE_ML, foot_ext,
                                          foot_tm, self->activity);
}

/* The slow transfers for the next block, from the state at its start: a
 * constant source in rhs () that the integrator carries smoothly through
 * the block (a jump at the block's end would start a transient in the
 * small veins that the error control must resolve in short sub-steps).
 * Filtration leaves the vein the filtering capillaries drain to (the
 * calf's skin and subcutis: the saphenous vein; the foot: its
 * microcirculation) in proportion to its volume near empty, so no volume
 * can go negative. Lymph returns to the atrium (thoracic duct). The
 * derivative kept for the next stage (FSAL) is moved by the change. */
static void
slow_sources (SoleusModel *self)
{
  double vc = self->y[Y_VES + SOLEUS_VESSEL_SAPHENOUS_CALF];
  double vf = self->y[Y_VES + SOLEUS_VESSEL_FOOT_MICRO];
  double calf = self->filt_calf_ml_s * (vc / (vc + 1.0));
  double foot = self->filt_foot_ml_s * (vf / (vf + 1.0));
  double ra = self->lymph_calf_ml_s + self->lymph_foot_ml_s;

  if (self->k1_valid)
    {
      self->k1[Y_VES + SOLEUS_VESSEL_SAPHENOUS_CALF] -= calf - self->src_calf_ml_s;
      self->k1[Y_VES + SOLEUS_VESSEL_FOOT_MICRO] -= foot - self->src_foot_ml_s;
      self->k1[Y_VES + SOLEUS_VESSEL_RIGHT_ATRIUM] += ra - self->src_ra_ml_s;
    }
  self->src_calf_ml_s = calf;
  self->src_foot_ml_s = foot;
  self->src_ra_ml_s = ra;
}

/* The tissue's side of the block's transfers: what the veins gave and the
 * lymph took, at the block's constant rates. */
static void
apply_slow (SoleusModel *self,
            double       h)
{
  self->calf_fluid_ml += h * (self->src_calf_ml_s - self->lymph_calf_ml_s);
  self->foot_fluid_ml += h * (self->src_foot_ml_s - self->lymph_foot_ml_s);
}

/* ---------------------------------------------------------------------- */
/* Readouts */

static void
ring_push (Ring   *r,
           int     cap,
           double  value)
{
  r->sum[r->head] = value;
  r->head = (r->head + 1) % cap;
  if (r->count < cap)
    r->count++;
}

static double
ring_mean (const Ring *r,
           int         cap,
           int         last_n)
{
  double s = 0.0;
  int n = r->count < last_n ? r->count : last_n;

  if (n == 0)
    return NAN;
  for (int k = 1; k <= n; k++)
    s += r->sum[(r->head - k + cap) % cap];
  return s / n;
}

static double
ring_extreme (const Ring *r,
              int         cap,
              int         last_n,
              bool        max)
{
  int n = r->count < last_n ? r->count : last_n;
  double m;

  if (n == 0)
    return NAN;
  m = r->sum[(r->head - 1 + cap) % cap];
  for (int k = 2; k <= n; k++)
    {
      double v = r->sum[(r->head - k + cap) % cap];
      if (max ? v > m : v < m)
        m = v;
    }
  return m;
}

static double
ankle_pressure (const SoleusModel *self)
{
  int sc = SOLEUS_VESSEL_SAPHENOUS_CALF;
  double p = self->p[sc] + SOLEUS_MMHG_PER_CM * (self->h_cm[sc] - self->ankle_h_cm);
  /* A collapsed vein holds no continuous column: where the column would
   * pull the ankle vein below its collapse pressure, the vein collapses
   * there and its pressure stays at the pressure around it (the vascular
   * waterfall; Permutt & Riley 1963 J Appl Physiol 18:924): the tissue
   * pressure (interstitial, which follows the tissue fluid, plus the
   * stocking at the ankle as it ramps), plus the collapse scale of the tube
   * law, the transmural pressure at which a flattened vein still carries
   * its flow. It moves with the tissue fluid; it is not a fixed floor. */
  double floor_p = tissue_pressure_mmhg (self->calf_fluid_ml, SOLEUS_CALF_TISSUE_ML)
                   + self->ext_static[SOLEUS_VESSEL_PLANTAR] + SOLEUS_VEIN_COLLAPSE_MMHG;

  return p > floor_p ? p : floor_p;
}

static double
vessel_area (const SoleusModel *self,
             int                i)
{
  /* The compartment's mean cross-section is its volume over its length,
   * that is the lumen at supine rest scaled by V / V_rest. A collapsing
   * vein flattens: its opposite walls touch at about a quarter of the round
   * area and the two lobes left at the edges keep conducting (Shapiro 1977
   * J Biomech Eng 99:126), so the lumen never falls below that. */
  double f = self->y[Y_VES + i] / self->v_rest[i];
  if (f < SOLEUS_VEIN_MIN_LUMEN_FRACTION)
    f = SOLEUS_VEIN_MIN_LUMEN_FRACTION;
  return vessel_params[i].area_cm2 * f;
}

double
soleus_model_calf_blood_ml (const SoleusModel *self)
{
  return self->y[Y_VES + SOLEUS_VESSEL_CALF_DEEP_LOWER]
         + self->y[Y_VES + SOLEUS_VESSEL_CALF_DEEP_UPPER]
         + self->y[Y_VES + V_CALF_MUSCLE]
         + self->y[Y_VES + SOLEUS_VESSEL_SAPHENOUS_CALF];
}

static double
lower_leg_ml (const SoleusModel *self)
{
  return soleus_model_calf_blood_ml (self) + self->calf_fluid_ml
         + self->y[Y_VES + SOLEUS_VESSEL_FOOT_MICRO]
         + self->y[Y_VES + SOLEUS_VESSEL_PLANTAR] + self->foot_fluid_ml;
}

static double
total_ml (const SoleusModel *self)
{
  double s = self->calf_fluid_ml + self->foot_fluid_ml;
  for (int i = 0; i < N_Y; i++)
    if (i < Y_Z)
      s += self->y[i];
  return s;
}

/* The pressure an ankle would settle at, motionless, in this posture: the
 * column to the atrium plus the atrial pressure. */
static double
column_ankle (const SoleusModel *self)
{
  double c = SOLEUS_RA_TARGET_MMHG - SOLEUS_MMHG_PER_CM * self->ankle_h_cm;
  return c > SOLEUS_RA_TARGET_MMHG ? c : SOLEUS_RA_TARGET_MMHG;
}

/* Slow flow built up, in hours (see SOLEUS_SLOW_FLOW_TAU_H), once per
 * readout bin (0.1 s; bins are tiled by the still blocks, so it does not
 * depend on how callers slice time), from the RMS deep flow over the last
 * 60 s (a running sum of the ring, so it costs no loop). */
static void
update_slow_flow (SoleusModel *self)
{
  const double dt_h = BIN_STEPS * SOLEUS_STEP_S / 3600.0;
  double v2 = self->sinus_v2_sum / self->ring_sinus_v2.count;
  double d = self->flow_ref_cm_s > 0.0 && v2 > 0.0
             ? 1.0 - sqrt (v2) / self->flow_ref_cm_s : 0.0;

  if (d < -SOLEUS_SLOW_FLOW_WASHOUT)
    d = -SOLEUS_SLOW_FLOW_WASHOUT;
  self->slow_flow_h += dt_h * (d - self->slow_flow_h / SOLEUS_SLOW_FLOW_TAU_H);
  if (self->slow_flow_h < 0.0)
    self->slow_flow_h = 0.0;
}

/* Adds n steps' worth of the current values to the readout windows (n > 1
 * only for the still blocks, which start on bin boundaries; q_start holds
 * the flows at the block's start then, NULL otherwise). */
static void
accumulate_readouts (SoleusModel  *self,
                     int           n,
                     const double *q_start)
{
  double ankle = ankle_pressure (self);
  int pop = SOLEUS_VESSEL_POPLITEAL, fem = SOLEUS_VESSEL_FEMORAL;
  int cu = SOLEUS_VESSEL_CALF_DEEP_UPPER;
  /* Duplex readouts: the maximum of the spectrum (centre line), twice the
   * mean velocity of a parabolic profile. */
  double v_pop = SOLEUS_DUPLEX_PROFILE_FACTOR * self->q_edge[E_POP_FEM] / vessel_area (self, pop);
  double v_fem = SOLEUS_DUPLEX_PROFILE_FACTOR * self->q_edge[E_FEM_ILI] / vessel_area (self, fem);
  double v_cu = self->q_edge[E_CU_POP] / vessel_area (self, cu);

  if (self->bin_n == 0)
    {
      self->bin_ankle = 0.0;
      self->bin_ankle_min = ankle;
      self->bin_ankle_max = ankle;
      self->bin_pop_v = self->bin_fem_v = self->bin_sinus_v2 = 0.0;
      self->bin_return = 0.0;
      self->bin_fem_vmax = v_fem;
    }
  self->bin_ankle += n * ankle;
  if (ankle < self->bin_ankle_min)
    self->bin_ankle_min = ankle;
  if (ankle > self->bin_ankle_max)
    self->bin_ankle_max = ankle;
  self->bin_pop_v += n * v_pop;
  self->bin_fem_v += n * v_fem;
  if (v_fem > self->bin_fem_vmax)
    self->bin_fem_vmax = v_fem;
  self->bin_sinus_v2 += n * v_cu * v_cu;
  self->bin_return += n * self->q_edge[E_TIVC_RA];
  self->bin_n += n;
  if (self->bin_n >= BIN_STEPS)
    {
      ring_push (&self->ring_ankle, RING_SHORT, self->bin_ankle / BIN_STEPS);
      ring_push (&self->ring_ankle_min, RING_SHORT, self->bin_ankle_min);
      ring_push (&self->ring_ankle_max, RING_SHORT, self->bin_ankle_max);
      ring_push (&self->ring_pop_v, RING_LONG, self->bin_pop_v / BIN_STEPS);
      ring_push (&self->ring_fem_v, RING_LONG, self->bin_fem_v / BIN_STEPS);
      ring_push (&self->ring_fem_vmax, RING_LONG, self->bin_fem_vmax);
      if (self->ring_sinus_v2.count == RING_LONG)
        self->sinus_v2_sum -= self->ring_sinus_v2.sum[self->ring_sinus_v2.head];
      self->sinus_v2_sum += self->bin_sinus_v2 / BIN_STEPS;
      ring_push (&self->ring_sinus_v2, RING_LONG, self->bin_sinus_v2 / BIN_STEPS);
      ring_push (&self->ring_return, RING_SHORT, self->bin_return / BIN_STEPS);
      self->bin_n = 0;
      update_slow_flow (self);
    }

  /* Refill time: from the stop to 90% recovery of the fall. */
  if (self->rt90_armed && ankle >= self->rt90_target)
    {
      self->rt90_s = (double) (self->step - self->rt90_stop_step) * SOLEUS_STEP_S;
      self->rt90_armed = false;
    }

  /* Backflow duration per valve. Over a still block, the steps a backflow
   * starting or ending in it counts are those at which the flow, taken as
   * linear over the block from q_start, is below the threshold (the block
   * steps over them; counting the whole block would lengthen each backflow
   * by up to a block). */
W_UNROLL
  for (int v = 0; v < N_VAL; v++)
    {
      double q = self->q_edge[valve_edge[v]];
      const double thr = -SOLEUS_BACKFLOW_THRESHOLD_ML_S;
      int below = n;

      if (n > 1 && q_start != NULL)
        {
          double q0 = q_start[valve_edge[v]];

          if ((q0 < thr) != (q < thr))
            {
              /* Crossing at s steps into the block. */
              int s = (int) floor (n * (thr - q0) / (q - q0));

              if (s < 0)
                s = 0;
              if (s > n)
                s = n;
              below = q < thr ? n - s : s;
            }
        }
      if (q < thr)
        {
          if (!self->in_backflow[v])
            {
              self->in_backflow[v] = true;
              self->backflow_now_s[v] = 0.0;
            }
          self->backflow_now_s[v] += below * SOLEUS_STEP_S;
        }
      else if (self->in_backflow[v])
        {
          self->in_backflow[v] = false;
          if (n > 1 && q_start != NULL)
            self->backflow_now_s[v] += below * SOLEUS_STEP_S;
          self->backflow_last_s[v] = self->backflow_now_s[v];
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Motion state machine (at step boundaries) */

static bool
is_moving (Motion m)
{
  return m != MOTION_NONE;
}

static void
start_motion (SoleusModel *self,
              Motion       m,
              double       hz)
{
  if (!is_moving (self->motion))
    {
      /* Reference for the refill time: the motionless pressure just
       * before, if it was motionless long enough in this posture;
       * otherwise the column. */
      if (self->step - self->still_since >= 30000 && self->ring_ankle.count > 0)
        self->rest_ankle_mmhg = ring_mean (&self->ring_ankle, RING_SHORT, RING_SHORT);
      else
        self->rest_ankle_mmhg = column_ankle (self);
      self->rt90_armed = false;
      self->phase = 0.0;
      self->stride_calf_max = self->stride_calf_min = soleus_model_calf_blood_ml (self);
    }
  self->motion = m;
  self->motion_hz = hz;
  self->k1_valid = false;
}

static void
stop_motion (SoleusModel *self)
{
  double moving_mean = ring_mean (&self->ring_ankle, RING_SHORT, RING_SHORT);

  if (self->motion == MOTION_WALK || self->motion == MOTION_ANKLE)
    {
      self->rt90_target = moving_mean + 0.9 * (self->rest_ankle_mmhg - moving_mean);
      self->rt90_stop_step = self->step;
      self->rt90_armed = self->rest_ankle_mmhg - moving_mean > 1.0;
      /* A walk that did not lower the pressure leaves no refill to time. */
      self->rt90_no_fall = !self->rt90_armed;
      if (self->rt90_no_fall)
        self->rt90_s = NAN;
    }
  self->motion = MOTION_NONE;
  self->motion_hz = 0.0;
  self->phase = 0.0;
  self->still_since = self->step;
  self->k1_valid = false;
}

static void
update_motion (SoleusModel *self)
{
  Motion want = MOTION_NONE;
  double hz = 0.0;

  if (self->motion == MOTION_TIPTOE || self->motion == MOTION_SQUEEZE)
    return;
  if (self->eff_speed_kmh > 0.0)
    {
      want = MOTION_WALK;
      hz = soleus_gait_stride_hz (self->eff_speed_kmh);
    }
  else if (self->eff_ankle_per_min > 0.0)
    {
      want = MOTION_ANKLE;
      hz = self->eff_ankle_per_min / 60.0;
    }
  if (want == self->motion)
    {
      /* A new speed or rate takes effect at once, the phase going on. */
      self->stop_pending = false;
      if (want != MOTION_NONE)
        start_motion (self, want, hz);
      return;
    }
  if (self->motion == MOTION_WALK || self->motion == MOTION_ANKLE)
    {
      /* Stopping (or switching) finishes the stride or the ankle cycle
       * under way: the muscles relax at its end, not in mid contraction
       * (a stop in mid push-off stepped the ankle pressure by 30 mmHg in
       * one step). */
      self->stop_pending = true;
      return;
    }
  if (want != MOTION_NONE)
    start_motion (self, want, hz);
}

/* ---------------------------------------------------------------------- */
/* Snapshot */

static void
fill_pose (SoleusModel *self)
{
  SoleusSnapshot *s = &self->snap;
  SoleusPosture posture = (SoleusPosture) self->control[SOLEUS_PARAM_POSTURE];
  double ph = self->phase;

  switch (posture)
    {
    case SOLEUS_POSTURE_STANDING:
      if (self->motion == MOTION_WALK)
        {
          soleus_gait_angles (ph, &s->hip_angle_deg, &s->knee_angle_deg,
                              &s->ankle_angle_deg);
          s->foot_load = ph < 0.6 ? window (ph, -0.1, 0.7) : 0.0;
        }
      else
        {
          s->ankle_angle_deg = self->motion == MOTION_TIPTOE
                               ? -30.0 * window (ph, 0.0, 0.6) : 0.0;
          s->knee_angle_deg = 0.0;
          s->hip_angle_deg = 0.0;
          s->foot_load = 0.5;
        }
      break;
    case SOLEUS_POSTURE_SITTING:
      s->knee_angle_deg = 90.0;
      s->hip_angle_deg = 90.0;
      s->foot_load = 0.1;
      s->ankle_angle_deg = 0.0;
      break;
    case SOLEUS_POSTURE_LEGS_UP:
      s->knee_angle_deg = 10.0;
      s->hip_angle_deg = 20.0;
      s->foot_load = 0.0;
      s->ankle_angle_deg = 0.0;
      break;
    case SOLEUS_POSTURE_SUPINE:
    default:
      s->knee_angle_deg = 0.0;
      s->hip_angle_deg = 0.0;
      s->foot_load = 0.0;
      s->ankle_angle_deg = 0.0;
      break;
    }
  if (self->motion == MOTION_ANKLE)
    s->ankle_angle_deg = 15.0 - 40.0 * window (ph, 0.0, 0.5);
}

/* Illustrative heart rate: rises with walking speed and hyperaemia. */
static double
heart_rate_bpm (const SoleusModel *self)
{
  return SOLEUS_HEART_RATE_REST_BPM
         + SOLEUS_HEART_RATE_PER_KMH * self->eff_speed_kmh
         + 5.0 * (self->hyperaemia - 1.0) / (SOLEUS_HYPERAEMIA_MAX - 1.0);
}

static void
fill_snapshot (SoleusModel *self)
{
  SoleusSnapshot *s = &self->snap;
  Pumps pm;
  double ext[N_VES];

  s->step = self->step;
  s->time_s = (double) self->step * SOLEUS_STEP_S;
  for (int i = 0; i < SOLEUS_N_VESSELS; i++)
    {
      SoleusVesselState *vs = &s->vessel[i];
      int e = vessel_outlet[i];

      vs->volume_ml = self->y[Y_VES + i];
      vs->pressure_mmhg = self->p[i];
      vs->flow_ml_s = e >= 0 ? self->q_edge[e] : self->q_heart;
      vs->velocity_cm_s = vs->flow_ml_s / vessel_area (self, i);
      vs->fill = vs->volume_ml / self->v_rest[i];
    }
  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      SoleusValveState *va = &s->valve[v];
      va->open = self->y[Y_Z + v];
      va->leak = self->leak[v];
      va->flow_ml_s = self->q_edge[valve_edge[v]];
      va->backflow_s = self->in_backflow[v] ? self->backflow_now_s[v]
                                             : self->backflow_last_s[v];
    }
  memcpy (s->control, self->control, sizeof s->control);
  s->walking = is_moving (self->motion) && self->motion != MOTION_SQUEEZE;
  s->gait_phase = self->motion == MOTION_WALK ? self->phase : 0.0;
  fill_pose (self);
  ext_at (self, 0.0, ext, &pm);
  s->soleus_pressure_mmhg = pm.soleus;
  s->plantar_squeeze_mmhg = pm.plantar;
  s->soleus_activation = self->pump[PUMP_SOLEUS_MAX] > 0.0
                         ? pm.soleus / self->pump[PUMP_SOLEUS_MAX] : 0.0;
  s->calf_fluid_ml = self->calf_fluid_ml;
  s->foot_fluid_ml = self->foot_fluid_ml;
  s->tissue_fluid_change_ml = self->calf_fluid_ml + self->foot_fluid_ml - self->fluid0_ml;
  s->heart_phase = self->heart_phase;
  s->heart_rate_bpm = heart_rate_bpm (self);
  s->iap_mmhg = self->iap_mmhg;
  s->arterial_inflow_ml_s = 0.0;
  for (int i = 0; i < N_VES; i++)
    s->arterial_inflow_ml_s += self->q_in[i];
  s->ankle_pressure_mmhg = ankle_pressure (self);
  s->calf_blood_ml = soleus_model_calf_blood_ml (self);
  s->hyperaemia = self->hyperaemia;
  s->varicose_dilation = self->dilation;
}

/* ---------------------------------------------------------------------- */
/* One step */

/* The end of k steps (k > 1 only for a still leg, q_start the flows at the
 * start of them): the step count, the ramps, the motion's cycle and the
 * readouts, from the state, flows and pressures in force. */
static void
close_steps (SoleusModel  *self,
             int           k,
             const double *q_start)
{
  self->step += (uint64_t) k;
  if (self->ramping)
    ramp_apply (self);

  if (self->motion == MOTION_SQUEEZE)
    {
      self->squeeze_t += SOLEUS_STEP_S;
      if (self->squeeze_t >= self->squeeze_s + 0.1)
        stop_motion (self);
    }
  else if (is_moving (self->motion))
    {
      double calf = soleus_model_calf_blood_ml (self);

      if (calf > self->stride_calf_max)
        self->stride_calf_max = calf;
      if (calf < self->stride_calf_min)
        self->stride_calf_min = calf;
      self->phase += self->motion_hz * SOLEUS_STEP_S;
      if (self->phase >= 1.0)
        {
          self->phase -= 1.0;
          self->last_ejection_ml = self->stride_calf_max - self->stride_calf_min;
          self->stride_calf_max = self->stride_calf_min = calf;
          if (self->motion == MOTION_TIPTOE && --self->tiptoes_left <= 0)
            stop_motion (self);
          else if (self->stop_pending)
            {
              self->stop_pending = false;
              stop_motion (self);
              update_motion (self);
            }
        }
    }

  accumulate_readouts (self, k, q_start);
}

/* Advances n steps as one integration block: n = 1 always works; n =
 * STILL_BLOCK_STEPS for a still leg and MOVE_BLOCK_STEPS for a steady walk
 * or ankle exercise or a still leg whose refill time is timed, from a
 * multiple of n (see advance and block_steps). The readouts of these shorter blocks still see
 * every step: the block's integration
 * leaves a sample of the flows, pressures and volumes at each step inside
 * it (see integrate), and the steps are closed one by one on them. */
static void
step_block (SoleusModel *self,
            int          n)
{
  const double dt = n * SOLEUS_STEP_S;
  Sample samples[MOVE_BLOCK_STEPS - 1];
  double q_start[N_EDGES];
  bool per_step = n == MOVE_BLOCK_STEPS;

  if (!self->k1_valid)
    {
      rhs (self, 0.0, self->y, self->k1, true);
      self->k1_valid = true;
    }
  if (self->step % SLOW_EVERY == 0)
    update_slow_rates (self);
  slow_sources (self);

  if (n > 1 && !per_step)
    memcpy (q_start, self->q_edge, sizeof q_start);
  integrate (self, n, per_step ? samples : NULL);
  apply_slow (self, dt);
  for (int v = 0; v < N_VAL; v++)
    {
      double *z = &self->y[Y_Z + v];
      /* Keep z in [1e-9, 1]: RK may round a hair outside, and a z that
       * decays for hours must not become denormal (slow). */
      if (*z < 1e-9)
        *z = 1e-9;
      else if (*z > 1.0)
        *z = 1.0;
    }

  /* Hyperaemia and activity (first order, explicit: slow). */
  {
    double target = 1.0 + SOLEUS_HYPERAEMIA_PER_KMH * self->eff_speed_kmh
                    + SOLEUS_HYPERAEMIA_ANKLE_EX * self->eff_ankle_per_min / 60.0;
    double act = is_moving (self->motion) ? 1.0 : 0.0;
    double tau;

    if (target > SOLEUS_HYPERAEMIA_MAX)
      target = SOLEUS_HYPERAEMIA_MAX;
    tau = target > self->hyperaemia ? SOLEUS_HYPERAEMIA_RISE_S : SOLEUS_HYPERAEMIA_DECAY_S;
    self->hyperaemia += (target - self->hyperaemia) * (dt / tau);
    self->activity += (act - self->activity) * (dt / 20.0);
  }

  /* Varicose dilation: first order towards its target (explicit; its time
   * constant is 2e4 steps), snapped to the target when within 1e-9 so
   * that it settles exactly (no decay into denormal numbers). */
  {
    double target = dilation_target (self);

    if (self->dilation < target || self->dilation > target)
      {
        double diff = target - self->dilation;

        if (fabs (diff) < 1e-9)
          self->dilation = target;
        else
          self->dilation += diff * (dt / SOLEUS_VARICOSE_TAU_S);
        apply_dilation (self);
      }
  }

  /* Advance the cycles. */
  self->heart_phase += dt * heart_rate_bpm (self) / 60.0;
  while (self->heart_phase >= 1.0)
    self->heart_phase -= 1.0;

  if (per_step)
    {
      double p_end[N_VES], q_end[N_EDGES], vol_end[N_VES];

      memcpy (p_end, self->p, sizeof p_end);
      memcpy (q_end, self->q_edge, sizeof q_end);
      memcpy (vol_end, &self->y[Y_VES], sizeof vol_end);
      for (int j = 0; j < n - 1; j++)
        {
          memcpy (self->p, samples[j].p, sizeof self->p);
          memcpy (self->q_edge, samples[j].q_edge, sizeof self->q_edge);
          memcpy (&self->y[Y_VES], samples[j].vol, sizeof vol_end);
          close_steps (self, 1, NULL);
        }
      memcpy (self->p, p_end, sizeof p_end);
      memcpy (self->q_edge, q_end, sizeof q_end);
      memcpy (&self->y[Y_VES], vol_end, sizeof vol_end);
      close_steps (self, 1, NULL);
    }
  else
    close_steps (self, n, n > 1 ? q_start : NULL);
}

/* Blocks on a fixed grid.
 *
 * A still leg changes slowly, so it is integrated in blocks of
 * STILL_BLOCK_STEPS (50 ms; standing, STAND_BLOCK_STEPS, 100 ms); a leg
 * walking or exercising its ankle at a
 * steady rate, or still while its refill time is timed, in blocks of
 * MOVE_BLOCK_STEPS (10 ms), whose readouts still see every step
 * (step_block). Inside a block the error control chooses
 * the sub-steps. To stay independent of how callers slice time, the blocks
 * sit on a fixed grid: the canonical trajectory runs 1 ms steps from the
 * last change of controls (or of motion) to the next multiple of the block,
 * then whole blocks. When a caller stops between grid points, the model
 * keeps a copy of the state at the last grid point (self->committed) and
 * shows 1 ms steps from it; it resumes from the copy when it next crosses a
 * grid point. A change of controls makes the shown state canonical. */
#if SLOW_EVERY % MOVE_BLOCK_STEPS != 0 || STILL_BLOCK_STEPS % SLOW_EVERY != 0 \
    || BIN_STEPS % STILL_BLOCK_STEPS != 0 || BIN_STEPS % MOVE_BLOCK_STEPS != 0 \
    || STAND_BLOCK_STEPS % SLOW_EVERY != 0 || BIN_STEPS % STAND_BLOCK_STEPS != 0 \
    || IMPLICIT_CHECK_STEPS % STAND_BLOCK_STEPS != 0
#error "the blocks must tile the tissue-fluid and readout periods"
#endif

/* The block the model advances in from here: a still leg, or a steady walk
 * or ankle exercise with no stop pending (a stop ends at the end of a cycle,
 * which a block would step over); tiptoes and the calf squeeze count their
 * cycles step by step. */
static int
block_steps (const SoleusModel *self)
{
  if (self->motion == MOTION_NONE)
    {
      /* While a refill time is being timed (after a walk or ankle
       * exercise), the readout needs every step: the shorter blocks sample
       * it (step_block). */
      if (self->rt90_armed)
        return MOVE_BLOCK_STEPS;
      if ((int) self->control[SOLEUS_PARAM_POSTURE] == SOLEUS_POSTURE_STANDING)
        return STAND_BLOCK_STEPS;
      return STILL_BLOCK_STEPS;
    }
  if ((self->motion == MOTION_WALK || self->motion == MOTION_ANKLE) && !self->stop_pending)
    return MOVE_BLOCK_STEPS;
  return 1;
}

static void
commit (SoleusModel *self)
{
  SoleusModel *c = self->committed;

  memcpy (c, self, sizeof *c);
  c->committed = NULL;
}

static void
restore (SoleusModel *self)
{
  SoleusModel *c = self->committed;

  memcpy (self, c, sizeof *self);
  self->committed = c;
}

/* The shown state becomes canonical (before any change of controls). */
static void
settle (SoleusModel *self)
{
  self->ahead = false;
}

static void
advance (SoleusModel *self,
         uint64_t     n_steps)
{
  uint64_t target = self->step + n_steps;

  if (n_steps == 0)
    return;
  /* Shown state ahead of the last grid point: keep stepping it while the
   * target stays inside this block; otherwise go back to the grid point. */
  if (self->ahead)
    {
      uint64_t grid = self->committed->step;
      if (target < grid + (uint64_t) block_steps (self->committed))
        {
          while (self->step < target)
            step_block (self, 1);
          fill_snapshot (self);
          return;
        }
      restore (self);
      self->ahead = false;
    }
  while (self->step < target)
    {
      int n = block_steps (self);

      if (n > 1 && self->step % (uint64_t) n == 0)
        {
          if (self->step + (uint64_t) n <= target)
            {
              step_block (self, n);
              continue;
            }
          /* The rest is a partial block: shown, not canonical. */
          commit (self);
          self->ahead = true;
          while (self->step < target)
            step_block (self, 1);
          break;
        }
      step_block (self, 1);
    }
  fill_snapshot (self);
}

/* ---------------------------------------------------------------------- */
/* Public API */

static void
init_state (SoleusModel *self)
{
  for (int i = 0; i < N_VES; i++)
    self->y[Y_VES + i] = vessel_params[i].v0_ml * 1.05;
  self->y[Y_VES + SOLEUS_VESSEL_RIGHT_ATRIUM]
    = vessel_params[SOLEUS_VESSEL_RIGHT_ATRIUM].v0_ml
      + SOLEUS_RA_TARGET_MMHG * SOLEUS_RA_COMPLIANCE_ML_MMHG;
  /* The arterial reservoir stands for the rest of the circulation. */
  self->y[Y_ART] = 5000.0;
  for (int v = 0; v < N_VAL; v++)
    self->y[Y_Z + v] = 1.0;
}

void
soleus_model_reset (SoleusModel *self)
{
  SoleusModel *committed;

  if (self == NULL)
    return;
  committed = self->committed;
  memset (self, 0, sizeof *self);
  self->committed = committed;
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    self->control[i] = soleus_param_info ((SoleusParamId) i)->default_value;
  self->hyperaemia = 1.0;
  self->rt90_s = NAN;
  for (int i = 0; i < N_VES; i++)
    self->v_rest[i] = vessel_params[i].v0_ml;
  update_derived (self);
  init_state (self);

  /* Settle to the supine steady state (60 s, tissue fluid held), then set
   * the resting lymph flow to balance the resting filtration. */
  for (int k = 0; k < 60000; k++)
    {
      if (!self->k1_valid)
        {
          rhs (self, 0.0, self->y, self->k1, true);
          self->k1_valid = true;
        }
      integrate (self, 1, NULL);
    }
  {
    double ext = 0.0;
    double tm = calf_venous_tm (self, &ext);
    int fm = SOLEUS_VESSEL_FOOT_MICRO;
    double ftm = vessel_pressure (self, fm, self->y[Y_VES + fm]);
    double jc = starling_ml_s (tm, 0.0, SOLEUS_CALF_TISSUE_ML, ext);
    double fext = self->ext_static[SOLEUS_VESSEL_PLANTAR];
    double jf = starling_ml_s (ftm, 0.0, SOLEUS_FOOT_TISSUE_ML, fext);

    self->lymph0_calf_ml_s = jc / lymph_factor (0.0, SOLEUS_CALF_TISSUE_ML, ext, tm, 0.0);
    self->lymph0_foot_ml_s = jf / lymph_factor (0.0, SOLEUS_FOOT_TISSUE_ML, fext, ftm, 0.0);
  }
  /* Tissue fluid is counted as the change from its resting content. */
  self->calf_fluid_ml = 0.0;
  self->foot_fluid_ml = 0.0;

  for (int i = 0; i < N_VES; i++)
    self->v_rest[i] = self->y[Y_VES + i];
  self->total0_ml = total_ml (self);
  /* The normal deep flow: this leg lying at rest with every control at its
   * default (healthy), as after a night in bed. */
  {
    int cu = SOLEUS_VESSEL_CALF_DEEP_UPPER;
    rhs (self, 0.0, self->y, self->k1, true);
    self->flow_ref_cm_s = fabs (self->q_edge[E_CU_POP]) / vessel_area (self, cu);
  }
  self->calf0_ml = soleus_model_calf_blood_ml (self) + self->calf_fluid_ml;
  self->lower0_ml = lower_leg_ml (self);
  self->fluid0_ml = 0.0;
  self->substeps = 0;
  self->failed_substeps = 0;
  self->k1_valid = false;
  rhs (self, 0.0, self->y, self->k1, true);
  self->k1_valid = true;
  update_slow_rates (self);
  fill_snapshot (self);
}

const char *
soleus_blood_flow_name (SoleusBloodFlow flow)
{
  switch (flow)
    {
    case SOLEUS_BLOOD_FLOW_BRISK:
      return "brisk";
    case SOLEUS_BLOOD_FLOW_SLOWING:
      return "slowing";
    case SOLEUS_BLOOD_FLOW_POOLING:
      return "pooling";
    case SOLEUS_N_BLOOD_FLOWS:
    default:
      return NULL;
    }
}

SoleusModel *
soleus_model_new (void)
{
  SoleusModel *self = calloc (1, sizeof (SoleusModel));

  if (self == NULL)
    return NULL;
  self->committed = calloc (1, sizeof (SoleusModel));
  if (self->committed == NULL)
    {
      free (self);
      return NULL;
    }
  soleus_model_reset (self);
  return self;
}

/* The whole state, the committed grid state included, so the copy goes on
 * bit-identically to the original (a model holds no other pointers). */
SoleusModel *
soleus_model_copy (const SoleusModel *self)
{
  SoleusModel *copy;

  if (self == NULL)
    return NULL;
  copy = malloc (sizeof (SoleusModel));
  if (copy == NULL)
    return NULL;
  memcpy (copy, self, sizeof *copy);
  copy->committed = malloc (sizeof (SoleusModel));
  if (copy->committed == NULL)
    {
      free (copy);
      return NULL;
    }
  memcpy (copy->committed, self->committed, sizeof *copy->committed);
  return copy;
}

void
soleus_model_free (SoleusModel *self)
{
  if (self == NULL)
    return;
  free (self->committed);
  free (self);
}

bool
soleus_model_set_param (SoleusModel   *self,
                        SoleusParamId  id,
                        double         value)
{
  if (self == NULL || !soleus_param_in_range (id, value))
    return false;
  if (!(self->control[id] < value) && !(self->control[id] > value))
    return true;
  settle (self);
  if (id == SOLEUS_PARAM_POSTURE)
    self->still_since = self->step;
  /* Every change of a control ramps what it acts on (heights, static
   * pressures, pump amplitudes) over SOLEUS_POSTURE_CHANGE_S: no step in
   * any pressure. */
  ramp_start (self);
  self->control[id] = value;
  /* What is drawn and narrated between steps (a paused window) shows the
   * new control at once; it acts on the model from the next step. */
  self->snap.control[id] = value;
  update_derived (self);
  update_motion (self);
  return true;
}

double
soleus_model_get_param (const SoleusModel *self,
                        SoleusParamId      id)
{
  if (self == NULL || (int) id < 0 || id >= SOLEUS_N_PARAMS)
    return NAN;
  return self->control[id];
}

void
soleus_model_step (SoleusModel *self,
                   uint64_t     n_steps)
{
  if (self == NULL)
    return;
  advance (self, n_steps);
}

void
soleus_model_advance_to (SoleusModel *self,
                         double       time_s)
{
  double target;

  if (self == NULL || !(time_s >= 0.0))
    return;
  target = floor (time_s / SOLEUS_STEP_S + 0.5);
  if (target > (double) self->step)
    soleus_model_step (self, (uint64_t) target - self->step);
}

const SoleusSnapshot *
soleus_model_get_snapshot (const SoleusModel *self)
{
  if (self == NULL)
    return NULL;
  return &self->snap;
}

bool
soleus_model_tiptoe (SoleusModel *self,
                     int          n)
{
  if (self == NULL || n <= 0
      || (int) self->control[SOLEUS_PARAM_POSTURE] != SOLEUS_POSTURE_STANDING
      || is_moving (self->motion))
    return false;
  settle (self);
  self->tiptoes_left = n;
  start_motion (self, MOTION_TIPTOE, 1.0 / SOLEUS_TIPTOE_PERIOD_S);
  return true;
}

bool
soleus_model_squeeze_calf (SoleusModel *self,
                           double       duration_s)
{
  if (self == NULL || !(duration_s > 0.0) || duration_s > 10.0 || is_moving (self->motion))
    return false;
  settle (self);
  self->squeeze_s = duration_s;
  self->squeeze_t = 0.0;
  self->motion = MOTION_SQUEEZE;
  self->motion_hz = 0.0;
  self->phase = 0.0;
  self->k1_valid = false;
  return true;
}

uint64_t
soleus_model_substeps (const SoleusModel *self)
{
  return self->substeps;
}

uint64_t
soleus_model_failed_substeps (const SoleusModel *self)
{
  return self->failed_substeps;
}

void
soleus_model_get_readouts (const SoleusModel *self,
                           SoleusReadouts    *out)
{
  double v2;

  if (self == NULL || out == NULL)
    return;
  memset (out, 0, sizeof *out);
  out->ankle_pressure_mmhg = ankle_pressure (self);
  out->ankle_pressure_mean_mmhg = ring_mean (&self->ring_ankle, RING_SHORT, RING_SHORT);
  out->ankle_pressure_min_mmhg = ring_extreme (&self->ring_ankle_min, RING_SHORT,
                                               RING_SHORT, false);
  out->ankle_pressure_max_mmhg = ring_extreme (&self->ring_ankle_max, RING_SHORT,
                                               RING_SHORT, true);
  if (self->ring_ankle.count == 0)
    out->ankle_pressure_mean_mmhg = out->ankle_pressure_min_mmhg
      = out->ankle_pressure_max_mmhg = out->ankle_pressure_mmhg;
  out->rt90_s = self->rt90_s;
  out->rt90_no_fall = self->rt90_no_fall;
  out->calf_volume_change_ml = soleus_model_calf_blood_ml (self) + self->calf_fluid_ml
                               - self->calf0_ml;
  out->lower_leg_volume_change_ml = lower_leg_ml (self) - self->lower0_ml;
  out->calf_ejection_ml = self->last_ejection_ml;
  out->tissue_fluid_change_ml = self->calf_fluid_ml + self->foot_fluid_ml - self->fluid0_ml;
  out->popliteal_velocity_cm_s = ring_mean (&self->ring_pop_v, RING_LONG, RING_LONG);
  out->femoral_velocity_cm_s = ring_mean (&self->ring_fem_v, RING_LONG, RING_LONG);
  out->femoral_velocity_peak_cm_s = ring_extreme (&self->ring_fem_vmax, RING_LONG, RING_LONG, true);
  if (self->ring_pop_v.count == 0)
    {
      out->popliteal_velocity_cm_s = self->snap.vessel[SOLEUS_VESSEL_POPLITEAL].velocity_cm_s;
      out->femoral_velocity_cm_s = self->snap.vessel[SOLEUS_VESSEL_FEMORAL].velocity_cm_s;
      out->femoral_velocity_peak_cm_s = out->femoral_velocity_cm_s;
    }
  v2 = ring_mean (&self->ring_sinus_v2, RING_LONG, RING_LONG);
  if (!isfinite (v2))
    {
      double v = self->snap.vessel[SOLEUS_VESSEL_CALF_DEEP_UPPER].velocity_cm_s;
      v2 = v * v;
    }
  out->stasis_index = 1.0 / (1.0 + sqrt (v2) / SOLEUS_STASIS_VREF_CM_S);
  out->deep_flow_ratio = self->flow_ref_cm_s > 0.0 ? sqrt (v2) / self->flow_ref_cm_s : 1.0;
  out->slow_flow_h = self->slow_flow_h;
  if (self->slow_flow_h >= SOLEUS_SLOW_FLOW_POOLING_H)
    out->blood_flow = SOLEUS_BLOOD_FLOW_POOLING;
  else if (self->slow_flow_h >= SOLEUS_SLOW_FLOW_SLOWING_H)
    out->blood_flow = SOLEUS_BLOOD_FLOW_SLOWING;
  else
    out->blood_flow = SOLEUS_BLOOD_FLOW_BRISK;

  /* Effort: the activation the muscle law uses (task_activation): the
   * walk at its speed (3 km/h when not walking), ankle exercise, or a
   * maximal tiptoe. */
  if (self->motion == MOTION_ANKLE)
    out->effort = ankle_ex_activation (self);
  else if (self->motion == MOTION_TIPTOE)
    out->effort = SOLEUS_TIPTOE_ACTIVATION;
  else
    out->effort = task_activation (self, self->eff_speed_kmh > 0.0 ? self->eff_speed_kmh : 3.0);

  /* Venous return: the mean over the last RETURN_BINS bins (10 s, three
   * whole periods of the quiet-standing sway, so the mean does not beat
   * with it), as a flow meter would show it; the instant flow swings with
   * every stride and with each change of posture. */
  out->venous_return_ml_min = 60.0 * ring_mean (&self->ring_return, RING_SHORT, RETURN_BINS);
  if (self->ring_return.count == 0)
    out->venous_return_ml_min = 60.0 * self->q_edge[E_TIVC_RA];
  out->iap_mmhg = self->iap_mmhg;
  out->femoral_pressure_mmhg = self->p[SOLEUS_VESSEL_FEMORAL];
  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    out->backflow_s[v] = self->in_backflow[v] ? self->backflow_now_s[v]
                                               : self->backflow_last_s[v];
  out->blood_volume_error = (total_ml (self) - self->total0_ml) / self->total0_ml;
}

static uint64_t
hash_bytes (uint64_t    hash,
            const void *data,
            size_t      size)
{
  const unsigned char *bytes = data;

  for (size_t i = 0; i < size; i++)
    {
      hash ^= bytes[i];
      hash *= UINT64_C (0x100000001b3);
    }
  return hash;
}

uint64_t
soleus_model_state_hash (const SoleusModel *self)
{
  uint64_t hash = UINT64_C (0xcbf29ce484222325);

  if (self == NULL)
    return 0;
  hash = hash_bytes (hash, &self->step, sizeof self->step);
  hash = hash_bytes (hash, self->control, sizeof self->control);
  hash = hash_bytes (hash, self->y, sizeof self->y);
  hash = hash_bytes (hash, self->q_edge, sizeof self->q_edge);
  hash = hash_bytes (hash, self->q_in, sizeof self->q_in);
  hash = hash_bytes (hash, self->p, sizeof self->p);
  hash = hash_bytes (hash, &self->calf_fluid_ml, sizeof self->calf_fluid_ml);
  hash = hash_bytes (hash, &self->foot_fluid_ml, sizeof self->foot_fluid_ml);
  hash = hash_bytes (hash, &self->activity, sizeof self->activity);
  hash = hash_bytes (hash, &self->dilation, sizeof self->dilation);
  hash = hash_bytes (hash, &self->phase, sizeof self->phase);
  hash = hash_bytes (hash, &self->heart_phase, sizeof self->heart_phase);
  hash = hash_bytes (hash, &self->h_next, sizeof self->h_next);
  return hash;
}
