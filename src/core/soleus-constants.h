/* soleus-constants.h: physical and physiological constants, with sources
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every number the model takes from the literature lives here, with its
 * source. Values marked [est] have no direct human measurement: they are
 * estimates chosen so that the model reaches the validation targets of
 * physiology.md, and MODEL.md lists them.
 */

#pragma once

/* ---------------------------------------------------------------------- */
/* Physics */

/* 1 mmHg = 133.322 Pa (definition, ISO 80000-4). */
#define SOLEUS_PA_PER_MMHG 133.322
/* Whole-blood density 1060 kg/m^3 (physiology.md; Kenner 1989 Basic Res
 * Cardiol 84:111). */
#define SOLEUS_BLOOD_DENSITY_KG_M3 1060.0
/* Standard gravity (CGPM 1901). */
#define SOLEUS_GRAVITY_M_S2 9.80665
/* rho * g * 1 cm in mmHg: 0.78 mmHg per cm of blood column
 * (physiology.md, units). */
#define SOLEUS_MMHG_PER_CM \
  (SOLEUS_BLOOD_DENSITY_KG_M3 * SOLEUS_GRAVITY_M_S2 * 0.01 / SOLEUS_PA_PER_MMHG)

/* ---------------------------------------------------------------------- */
/* Circulation boundaries */

/* Mean arterial pressure at heart level, held by the baroreflex: 93 mmHg
 * (Guyton & Hall, Textbook of Medical Physiology, 13th ed., ch. 15). */
#define SOLEUS_MAP_MMHG 93.0
/* Right atrial pressure: normally about 0-4 mmHg (Guyton & Hall, Textbook
 * of Medical Physiology, textbook value); 2.8 mmHg is the model's set point
 * [est]. The heart pumps in proportion to how far the atrium rises above a
 * filling set point (Frank-Starling, linearised; gain [est]); the set point
 * is chosen so that the atrium sits near 2.8 mmHg with the whole body's
 * return flowing through it. */
#define SOLEUS_RA_TARGET_MMHG 2.8
#define SOLEUS_HEART_GAIN_ML_S_MMHG 40.0
/* Central venous compliance [est]. */
#define SOLEUS_RA_COMPLIANCE_ML_MMHG 20.0
/* The rest of the body returns about 80 mL/s to the atrium (cardiac output
 * 5 L/min; Guyton & Hall ch. 20), so the one leg modelled can never drain
 * the atrium, even when reflux fills it from above on standing. */
#define SOLEUS_BODY_RETURN_ML_S 80.0
#define SOLEUS_RA_SET_MMHG \
  (SOLEUS_RA_TARGET_MMHG - (SOLEUS_BODY_RETURN_ML_S + 4.0) / SOLEUS_HEART_GAIN_ML_S_MMHG)
/* Resting heart rate and its rise with walking speed [est], illustrative. */
#define SOLEUS_HEART_RATE_REST_BPM 66.0
#define SOLEUS_HEART_RATE_PER_KMH 7.0

/* A change of posture takes 2 s [est]: heights and the abdominal pressure
 * follow a smooth ramp (a sit-to-stand takes about 1.5-2.5 s; an abrupt
 * switch made the venous return swing by thousands of mL/min for a few
 * milliseconds). */
#define SOLEUS_POSTURE_CHANGE_S 2.0

/* ---------------------------------------------------------------------- */
/* Abdomen (physiology.md section 2, "Abdomen and weight") */

/* IAP_supine = 2 + 0.35 (BMI - 22) mmHg, clipped to 0-20 (a fit to
 * Sugerman 1997 J Intern Med 241:71: ~5 mmHg non-obese, 9-13 morbid
 * obesity); upright adds a few mmHg (physiology.md), +3 mmHg [est]. */
#define SOLEUS_IAP_BASE_MMHG 2.0
#define SOLEUS_IAP_PER_BMI 0.35
#define SOLEUS_IAP_BMI_REF 22.0
#define SOLEUS_IAP_MAX_MMHG 20.0
#define SOLEUS_IAP_UPRIGHT_MMHG 3.0

/* ---------------------------------------------------------------------- */
/* Muscle pumps */

/* Soleus intramuscular pressure, peak in late stance: 181 +/- 69 mmHg
 * walking, 269 running (Ballard 1998 J Appl Physiol 84:1976). The model
 * takes 300 mmHg at full activation [est] and walking activation
 * 0.35 + 0.067 v (v in km/h) [est]: 165 mmHg at 3 km/h. */
#define SOLEUS_SOLEUS_MAX_MMHG 300.0
#define SOLEUS_WALK_ACTIVATION_BASE 0.35
#define SOLEUS_WALK_ACTIVATION_PER_KMH 0.067
/* Atrophy 1 leaves 40% of the muscle's force [est]: 90 days of bed rest
 * cut plantar-flexion torque, force and power by 37-56% and plantar-flexor
 * volume by 29% (Alkner & Tesch 2004 Eur J Appl Physiol 93:294,
 * doi:10.1007/s00421-004-1172-8); with ageing, knee and elbow strength
 * fall 20-30% over 12 years (Frontera 2000 J Appl Physiol 88:1321). */
#define SOLEUS_ATROPHY_STRENGTH_LOSS 0.6
/* A stiff ankle (mobility 0) delivers this share of the soleus pressure to
 * the calf veins [est]: the calf pump needs the ankle to move (Back et al.,
 * J Vasc Surg 1995;22:519: ankle range of motion and calf pump function
 * fall together in venous ulcer legs). */
#define SOLEUS_STIFF_ANKLE_PUMP 0.3
/* Ankle exercise (plantar/dorsiflexion without weight bearing): activation
 * 0.35 [est], as for a brisk unloaded plantarflexion. */
#define SOLEUS_ANKLE_EX_ACTIVATION 0.35
/* A tiptoe (heel raise) with full weight, the APG manoeuvre: a maximal
 * contraction, activation 1.0 [est], 300 mmHg, near the running peak of
 * Ballard 1998 (running 269 +/- 95 mmHg, walking 181 +/- 69 mmHg, mean
 * +/- SE). */
#define SOLEUS_TIPTOE_ACTIVATION 1.0
#define SOLEUS_TIPTOE_PERIOD_S 1.2
/* Share of the cycle spent on the toes (rise, hold, descent) [est]. */
#define SOLEUS_TIPTOE_RISE 0.7
/* Quiet standing: the soleus is tonically active and sways the body
 * (Joseph & Nightingale 1952 J Physiol 117:484; Loram 2005 J Physiol
 * 564:295), a weak pump: tonic 12 mmHg with +/- 5 mmHg at 0.3 Hz [est]. */
#define SOLEUS_SWAY_TONIC_MMHG 12.0
#define SOLEUS_SWAY_AMPLITUDE_MMHG 5.0
#define SOLEUS_SWAY_HZ 0.3
/* Plantar plexus squeeze in stance at 75 kg [est], chosen so that the foot
 * pump ejects about 20-25 mL per step (foot plethysmography, physiology.md),
 * scaled by the square root of body weight (the load on the foot). */
#define SOLEUS_PLANTAR_SQUEEZE_MMHG 150.0
/* Body mass and the calf. The antigravity muscles of heavier people are
 * stronger in absolute terms, though weaker for their mass (Tomlinson et
 * al. 2016 Biogerontology 17:467): the soleus's maximal force grows with
 * body mass to this power [est], so the activation a walk needs grows with
 * mass to one minus it. The lower leg's arterial inflow grows with its
 * tissue mass, taken as body mass to SOLEUS_INFLOW_MASS_EXPONENT [est:
 * resting muscle and adipose tissue are perfused alike, 2-4 mL per 100 g
 * per min, but obesity adds mass mostly to the trunk and thigh]. */
#define SOLEUS_STRENGTH_MASS_EXPONENT 0.5
#define SOLEUS_INFLOW_MASS_EXPONENT 0.5
/* Weak thigh pump in swing [est]: 15 mmHg (30 made the femoral vein eject
 * about 100 mL/s in every swing, a duplex-equivalent peak near 190 cm/s). */
#define SOLEUS_THIGH_PUMP_MMHG 15.0
/* Cadence: stride frequency 0.5 + 0.12 v Hz (v in km/h) [est], 0.86 Hz at
 * 3 km/h (about 103 steps per minute; Grieve & Gear 1966 Ergonomics 9:379). */
#define SOLEUS_STRIDE_HZ_BASE 0.5
#define SOLEUS_STRIDE_HZ_PER_KMH 0.12

/* Exercise hyperaemia: calf inflow 3-5 times rest while walking, decaying
 * over 30-60 s after (physiology.md section 3; Saltin 1998 Acta Physiol
 * Scand 162:421). Target 1 + 0.8 v, at most 5; rise 8 s, decay 40 s [est]. */
#define SOLEUS_HYPERAEMIA_PER_KMH 0.8
#define SOLEUS_HYPERAEMIA_MAX 5.0
#define SOLEUS_HYPERAEMIA_ANKLE_EX 1.5  /* extra at 60 per min */
#define SOLEUS_HYPERAEMIA_RISE_S 8.0
#define SOLEUS_HYPERAEMIA_DECAY_S 40.0

/* A collapsing vein flattens into a dumbbell: its opposite walls touch at
 * about a quarter of its round area, and the two lobes left at the edges
 * keep conducting (Shapiro 1977 J Biomech Eng 99:126). The velocity
 * readouts never take a lumen below this fraction of the supine one. */
#define SOLEUS_VEIN_MIN_LUMEN_FRACTION 0.27
/* Duplex ultrasound reports the maximum velocity of the Doppler spectrum,
 * the centre-line velocity: twice the cross-sectional mean for a parabolic
 * (Poiseuille) profile. The popliteal and femoral velocity readouts are
 * duplex-equivalent, to compare with Willenberg 2010 J Vasc Surg 52:664
 * and Thromb Haemost 2009;101:1100 [est: venous profiles are blunter when
 * the flow is brisk]. */
#define SOLEUS_DUPLEX_PROFILE_FACTOR 2.0

/* Collapse pressure scale of the tube law for veins below their unstressed
 * volume [est] (Shapiro 1977 J Biomech Eng 99:126). */
#define SOLEUS_VEIN_COLLAPSE_MMHG 2.0

/* ---------------------------------------------------------------------- */
/* Valves: Mynard 2012 Int J Numer Method Biomed Eng 28:626 */

/* Opening and closing rate coefficients, 1/(mmHg s), with the pressure
 * difference saturating at SOLEUS_VALVE_DP_SAT_MMHG so a valve closes in no
 * less than about 20 ms [est], a stand-in for leaflet inertia with no
 * measured limit behind it. For context, filmed human valves close more
 * slowly: a closing phase of 0.41 +/- 0.07 s (Lurie 2003 J Vasc Surg
 * 38:955), 139 +/- 51 ms from first cusp movement to closure (Lurie 2002
 * J Vasc Surg 35:713). */
#define SOLEUS_VALVE_K_OPEN 20.0
#define SOLEUS_VALVE_K_CLOSE 20.0
#define SOLEUS_VALVE_DP_SAT_MMHG 3.0
/* The perforator valves close this many times faster than the others
 * [est]. Their cusps are the smallest in the leg (orifice 0.15 cm^2,
 * vessels 2-3 mm wide) and meet after a smaller reverse volume than the
 * large valves the common rate was set for. At the end of a stride the
 * deep calf veins refill to just above the superficial pressure, 0.1-0.2
 * mmHg, so at the common rate (20 x 0.15 = 3 per s) a healthy perforator
 * floated 80-99% open and leaked 0.3-0.8 mL/s for 0.37 s at 3 km/h,
 * beyond the 0.35 s duplex cutoff for an incompetent perforator
 * (Labropoulos 2003 J Vasc Surg 38:793). Twice the rate closes it with a
 * backflow of at most 0.19 s at 1-6 km/h, normal closure's about 0.2 s;
 * a leaking valve's regurgitant area does not depend on it. */
#define SOLEUS_PERFORATOR_CLOSE_GAIN 2.0
/* Regurgitant area fraction: leak = max * w^p + (1 - max) w^12, so that
 * leaks of 0.02-0.1 (mild to severe; physiology.md) sit at w = 0.3-0.6 and
 * w = 1 is a valve destroyed by thrombosis, fully open both ways [est]. */
#define SOLEUS_VALVE_LEAK_MAX 0.33
#define SOLEUS_VALVE_LEAK_POWER 2.32
/* Varicose dilation [est]: with superficial valve weakness w the saphenous
 * compartments' capacity (V0 and Vmax) grows by 1 + 2 w, as dilated,
 * tortuous saphenous veins and tributaries go with superficial reflux and
 * the calf venous volume rises with it (Christopoulos 1987 J Vasc Surg
 * 5:148). At w = 0.6 the APG venous volume rises from 122 to 146 mL and
 * the EF falls from 60% to 55% (textbook criteria: about 50%). */
#define SOLEUS_VARICOSE_GAIN 2.0
/* The dilation is a remodelling of the vein wall, not a switch: it follows
 * the weakness control through a first-order lag of this time constant
 * [est]. Real remodelling takes months; 20 s only has to be long against
 * the saphenous refill time constant (about 1 s [est]: 0.7-1 mL/mmHg
 * through about 1 mmHg s/mL), so that the veins fill as they widen and the
 * pressure stays continuous, and short against the 120-180 s the
 * protocols settle. An instant x2.2 capacity left the saphenous volume far
 * below its new unstressed volume: the ankle readout fell from 7.3 to
 * -1.3 mmHg at the switch (and removing the weakness overfilled the vein,
 * thousands of mmHg for a few steps). */
#define SOLEUS_VARICOSE_TAU_S 20.0

/* A stocking's local pressure that halves the regurgitant area of a weak
 * valve under it [est]: compression narrows the vein and brings the cusps
 * together. Chosen with the deep share of the stocking (soleus-model.c) so
 * that 40 mmHg about halves the VFI of deep reflux (Partsch, Menzinger &
 * Mostbeck, Dermatol Surg 1999;25:695: 8.45 -> 4.25 mL/s). */
#define SOLEUS_COMPRESSION_NARROWING_MMHG 15.0

/* A valve counts as refluxing while its backflow exceeds this [est]: about
 * 1 cm/s over a popliteal lumen (duplex detection limit). */
#define SOLEUS_BACKFLOW_THRESHOLD_ML_S 0.3

/* ---------------------------------------------------------------------- */
/* Tissue fluid: Starling filtration and lymph */

/* Foot capillary pressure Pc = 1.2 Pv + 1.6 mmHg (Perry 1986 J Appl
 * Physiol 60:2114), applied to the transmural venous pressure, floored at
 * 0 mmHg: upstream of a collapsed vein the venules sit at the pressure
 * around them (the waterfall; Permutt & Riley 1963 J Appl Physiol
 * 18:924), not at the collapsed vein's negative transmural pressure. */
#define SOLEUS_PC_SLOPE 1.2
#define SOLEUS_PC_OFFSET_MMHG 1.6
#define SOLEUS_PC_FLOOR_MMHG 0.0
/* The venoarteriolar reflex: when the venous transmural pressure of a
 * dependent limb exceeds about 25 mmHg, a local sympathetic axon reflex
 * constricts the precapillary arterioles of the skin and subcutis and
 * about halves their blood flow (Henriksen, Acta Physiol Scand Suppl
 * 1977;450:1; in the foot, postural vasoconstriction: Hassan & Tooke,
 * Clin Sci 1988;75:379). It is taken to rise from the threshold to its
 * full effect over 10 mmHg [est]. At full effect the capillaries sit at
 * their venules' pressure (the excess of Perry's law over the venous
 * pressure is gone: the dependent capillary pressure lies below Perry's
 * law) and 40% fewer of them are perfused, so
 * the filtration coefficient falls by as much [est: the perfused share is
 * not measured; fitted so that P10's standing drift stays in its range]. */
#define SOLEUS_VAR_THRESHOLD_MMHG 25.0
#define SOLEUS_VAR_RANGE_MMHG 10.0
#define SOLEUS_VAR_PERFUSED_FALL 0.4
/* Plasma oncotic 25 mmHg, reflection 0.9 (Levick & Michel 2010 Cardiovasc
 * Res 87:198); interstitial oncotic 14 mmHg at rest (subcutaneous 10-14
 * mmHg, Aukland & Nicolaysen 1981 Physiol Rev 61:556; see MODEL.md): the
 * top of that range, so that a supine leg still filters a little at the
 * measured resting tissue pressure below (12 mmHg with Guyton's -2). */
#define SOLEUS_PLASMA_ONCOTIC_MMHG 25.0
#define SOLEUS_TISSUE_ONCOTIC_MMHG 14.0
#define SOLEUS_REFLECTION 0.9
/* Calf capillary filtration coefficient 2.6-4.0 e-3 mL per 100 mL per min
 * per mmHg (physiology.md: J Physiol, venous congestion plethysmography;
 * the strain-gauge method is reassessed in Gamble 1993 J Physiol 464:407):
 * 3.3e-3 over a 2000 mL calf [est volume]. */
#define SOLEUS_KF_ML_100ML_MIN_MMHG 3.3e-3
#define SOLEUS_CALF_TISSUE_ML 2000.0
#define SOLEUS_FOOT_TISSUE_ML 600.0
/* Interstitial pressure: -0.3 mmHg at rest, as measured in the skin of a
 * supine foot (-0.3 +/- 3.6 mmHg; +5.1 +/- 2.9 seated: Barton,
 * Amann-Vesti & Franzeck, J Vasc Res 2006;43:321; until this version
 * Guyton's capsule value, -2). Below 0 mmHg the tissue is stiff,
 * compliance 0.15 mL/mmHg per 100 mL of tissue (Guyton 1971 Physiol Rev
 * 51:527, the low-compliance range); above it, where the gel swells, the
 * compliance rises (Guyton 1971: many-fold in the edema range), here to
 * 0.3 [est: as compliant as the bare seated swelling allows; leg edema
 * after long flights: LONFLIT4, Cesarone et al. 2003 Angiology 54:1; a
 * 4 h flight in ankle socks added 117 +/- 26 mL (+5.2%) ankle to knee,
 * and a 15-20 mmHg stocking -3 +/- 14 mL, Gianesini et al., Phlebology
 * 2020, doi:10.1177/0268355519873527, from its abstract; see MODEL.md,
 * M6]. The interstitial fluid is 15% of the tissue (Aukland & Reed 1993
 * Physiol Rev 73:1); its protein is diluted by the filtrate. */
#define SOLEUS_PI_REST_MMHG (-0.3)
#define SOLEUS_TISSUE_COMPLIANCE_ML_100ML_MMHG 0.15
#define SOLEUS_PI_EDEMA_MMHG 0.0
#define SOLEUS_TISSUE_EDEMA_COMPLIANCE_ML_100ML_MMHG 0.3
#define SOLEUS_INTERSTITIAL_FRACTION 0.15
/* Lymph: rises with exercise (+83%) and halves with venous stasis (Acta
 * Physiol Scand 1977;99:149); it rises with interstitial pressure (the
 * fluid's plus a stocking's on the tissue), doubling per 2 mmHg [est], and
 * stops 2 mmHg below the resting pressure, where the initial lymphatics
 * no longer fill; it halves at a calf venous pressure of 70 mmHg [est]. */
#define SOLEUS_LYMPH_EXERCISE_GAIN 0.83
#define SOLEUS_LYMPH_PI_GAIN_MMHG 2.0
#define SOLEUS_LYMPH_STASIS_MMHG 70.0

/* ---------------------------------------------------------------------- */
/* Blood flow (stasis) readout [est, illustrative]. Deep flow is the RMS
 * velocity at the soleal sinus outlet over the last 60 s, as a ratio r to a
 * healthy leg lying at rest (the normal a night in bed sets). Slow flow
 * builds up as d(S)/dt = (1 - r) - S / tau, in hours, with 1 - r no lower
 * than -SOLEUS_WASHOUT (brisk flow from the calf pump washes the pooled
 * blood out, ten times faster than stillness builds it up) and S never
 * below 0; tau = 6 h lets it fade by itself. The words: brisk below 0.5 h,
 * pooling from 1.5 h. The ranking follows the travel-thrombosis evidence
 * (WHO WRIGHT project 2007: seated travel over 4 h, risk about doubled)
 * and the flow measurements (popliteal velocity 11 cm/s supine, 24 with
 * ankle exercise: Thromb Haemost 2009;101:1100); the sizes are [est]. */
#define SOLEUS_SLOW_FLOW_TAU_H 6.0
#define SOLEUS_SLOW_FLOW_WASHOUT 10.0
#define SOLEUS_SLOW_FLOW_SLOWING_H 0.5
#define SOLEUS_SLOW_FLOW_POOLING_H 1.5

/* ---------------------------------------------------------------------- */
/* Stasis index (illustrative): 1 / (1 + v_rms / v_ref) from the RMS
 * velocity at the soleal sinus outlet over the last 60 s [est]. */
#define SOLEUS_STASIS_VREF_CM_S 3.0
