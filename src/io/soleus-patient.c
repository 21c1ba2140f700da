/* soleus-patient.c: what a leg's values mean, in a patient's words
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The clinical cut-offs and the plain words built on them, for the
 * handout, the window's readouts and its captions alike.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "soleus-patient.h"

SoleusWalkPressure
soleus_walk_pressure_level (double mmhg)
{
  if (mmhg > SOLEUS_WALK_PRESSURE_HIGH_MMHG)
    return SOLEUS_WALK_PRESSURE_HIGH;
  if (mmhg > SOLEUS_WALK_PRESSURE_RAISED_MMHG)
    return SOLEUS_WALK_PRESSURE_RAISED;
  return SOLEUS_WALK_PRESSURE_NORMAL;
}

/* ---------------------------------------------------------------------- */
/* What the values mean. Each threshold is a measured clinical marker, not
 * a tuning of the model; those the window uses too (the walking ankle
 * pressure, the swelling) are in soleus-patient.h. */
/* Refill time (RT90) after exercise: over 20 s is normal; under 20 s points
 * to reflux, under 10 s to severe reflux (Nicolaides 2000, Christopoulos
 * 1987). */
#define REFILL_REFLUX_S  20.0
#define REFILL_SEVERE_S  10.0
/* Reflux on duplex: backflow longer than 0.5 s in the superficial and calf
 * veins, 0.35 s in perforators, 1 s in the femoral and popliteal veins
 * (Labropoulos et al., J Vasc Surg 2003;38:793). */
static const double reflux_cutoff_s[SOLEUS_N_VALVES] = {
  [SOLEUS_VALVE_FOOT_OUTLET]    = 0.5,
  [SOLEUS_VALVE_CALF_LOWER]     = 0.5,
  [SOLEUS_VALVE_CALF_UPPER]     = 0.5,
  [SOLEUS_VALVE_POPLITEAL]      = 1.0,
  [SOLEUS_VALVE_FEMORAL]        = 1.0,
  [SOLEUS_VALVE_SAPHENOUS]      = 0.5,
  [SOLEUS_VALVE_SAPHENOFEMORAL] = 0.5,
  [SOLEUS_VALVE_PERFORATOR]     = 0.35,
};
/* A valve whose leaflets leave this fraction of the lumen open when shut
 * leaks on every relaxation, whether or not a backflow was timed yet. */
#define VALVE_LEAK_FRACTION 0.1
/* The soleus near its maximum to keep up a healthy pump: the calf tires. */
#define EFFORT_HIGH 0.9
/* WHO: a body mass index of 25 kg/m² or more is overweight. */
#define BMI_OVERWEIGHT 25.0
/* Blood flow: the core's words (brisk, slowing, pooling) rank how long
 * the deep calf flow has been slow; they are illustrative and predict
 * nothing (src/core/MODEL.md). Slowing calls for moving; hours of pooling
 * also for knowing the warning signs of a clot. */

typedef struct
{
  gboolean upright;       /* standing or sitting */
  gboolean moving;        /* walking or ankle exercise */
  gboolean reflux;
  gboolean severe_reflux;
  gboolean walk_raised;   /* ambulatory pressure above normal */
  gboolean walk_high;
  gboolean swelling;
  gboolean tiring;
  gboolean overweight;
  gboolean still_long;    /* fluid gathers while motionless upright */
  gboolean flow_slow;      /* blood flow slowing or pooling */
  gboolean flow_pooling;
  gboolean obstruction;
  gboolean troubled;      /* reflux, raised walking pressure or obstruction:
                           * what compression treats */
} LegSigns;

double
soleus_patient_ankle_pressure (const SoleusSnapshot *s,
                               const SoleusReadouts *r)
{
  if (r == NULL)
    return s->ankle_pressure_mmhg;
  /* Walking makes the pressure swing with every step: its mean counts. */
  return s->walking ? r->ankle_pressure_mean_mmhg : r->ankle_pressure_mmhg;
}

static void
read_signs (const SoleusSnapshot *s,
            const SoleusReadouts *r,
            LegSigns             *out)
{
  SoleusPosture posture = (SoleusPosture) s->control[SOLEUS_PARAM_POSTURE];
  double height_m = s->control[SOLEUS_PARAM_HEIGHT_CM] / 100.0;
  double fluid_ml = r != NULL ? r->tissue_fluid_change_ml : s->tissue_fluid_change_ml;
  double leak = 0.0;

  memset (out, 0, sizeof *out);
  out->upright = posture == SOLEUS_POSTURE_STANDING || posture == SOLEUS_POSTURE_SITTING;
  out->moving = s->walking;

  for (int v = 0; v < SOLEUS_N_VALVES; v++)
    {
      leak = MAX (leak, s->valve[v].leak);
      /* Only a moving leg's backflows are the duplex criterion: standing
       * still, floating valves drift back and forth for long. */
      if (r != NULL && s->walking && r->backflow_s[v] > reflux_cutoff_s[v])
        out->reflux = TRUE;
    }
  if (leak >= VALVE_LEAK_FRACTION)
    out->reflux = TRUE;
  if (r != NULL && !isnan (r->rt90_s))
    {
      if (r->rt90_s < REFILL_REFLUX_S)
        out->reflux = TRUE;
      if (r->rt90_s < REFILL_SEVERE_S)
        out->severe_reflux = TRUE;
    }

  if (s->walking && posture == SOLEUS_POSTURE_STANDING)
    {
      double p = soleus_patient_ankle_pressure (s, r);

      out->walk_raised = soleus_walk_pressure_level (p) >= SOLEUS_WALK_PRESSURE_RAISED;
      out->walk_high = soleus_walk_pressure_level (p) == SOLEUS_WALK_PRESSURE_HIGH;
    }

  out->swelling = fluid_ml >= SOLEUS_SWELLING_ML;
  out->still_long = out->upright && !s->walking && fluid_ml >= SOLEUS_SWELLING_ML / 2.0;
  out->tiring = r != NULL && r->effort >= EFFORT_HIGH;
  if (height_m > 0.5)
    out->overweight = s->control[SOLEUS_PARAM_WEIGHT_KG] / (height_m * height_m)
                      >= BMI_OVERWEIGHT;
  out->flow_slow = r != NULL && r->blood_flow != SOLEUS_BLOOD_FLOW_BRISK;
  out->flow_pooling = r != NULL && r->blood_flow == SOLEUS_BLOOD_FLOW_POOLING;
  out->obstruction = s->control[SOLEUS_PARAM_OBSTRUCTION] >= 0.2;
  out->troubled = out->reflux || out->walk_raised || out->obstruction;
}

char *
soleus_plain_feelings (const SoleusSnapshot *snapshot,
                       const SoleusReadouts *readouts)
{
  GString *text;
  LegSigns g;

  g_return_val_if_fail (snapshot != NULL, NULL);

  read_signs (snapshot, readouts, &g);
  text = g_string_new (NULL);

#define LINE(s) G_STMT_START { \
    if (text->len > 0) g_string_append_c (text, '\n'); \
    g_string_append (text, s); } G_STMT_END

  if (g.troubled || g.still_long)
    LINE (_("Heavy, tired or aching legs, worse after standing or sitting for a "
            "long time and better with the legs raised."));
  if (g.swelling || g.troubled)
    LINE (_("Ankles that swell by the evening, often leaving marks from the socks, "
            "and go down overnight."));
  if (g.reflux || g.walk_raised)
    LINE (_("Cramps in the calf, often at night."));
  if (g.severe_reflux || g.walk_high || g.obstruction)
    LINE (_("Over the years, the skin around the ankle may itch, darken or harden. "
            "Tell your clinician about any sore there that does not heal."));
  if (g.tiring)
    LINE (_("A calf that tires quickly when walking or climbing stairs."));
  if (text->len == 0)
    LINE (_("Nothing in these values points to trouble from the veins: "
            "a leg like this usually feels normal."));

#undef LINE

  return g_string_free (text, FALSE);
}

char **
soleus_plain_advice (const SoleusSnapshot *snapshot,
                     const SoleusReadouts *readouts)
{
  GPtrArray *lines;
  LegSigns g;
  gboolean troubled;

  g_return_val_if_fail (snapshot != NULL, NULL);

  read_signs (snapshot, readouts, &g);
  troubled = g.troubled || g.swelling;
  lines = g_ptr_array_new ();

  /* The advice the evidence backs (see product.md); each line only where
   * it fits this leg, always as general education. */
  g_ptr_array_add (lines, g_strdup (_("Walk and move often: each step of the calf muscle "
                                      "pumps blood back up to the heart.")));
  g_ptr_array_add (lines, g_strdup (_("Calf raises and ankle circles work the same pump, "
                                      "even while sitting: point and flex your feet "
                                      "several times an hour.")));
  if (troubled || g.still_long || g.upright || g.flow_slow)
    g_ptr_array_add (lines, g_strdup (_("Avoid standing or sitting still for long: get "
                                        "up and walk a few steps now and then.")));
  if (troubled || g.still_long)
    g_ptr_array_add (lines, g_strdup (_("When you rest, raise your legs above the level "
                                        "of your heart for a while.")));
  if (g.overweight)
    g_ptr_array_add (lines, g_strdup (_("Keep a healthy weight: extra weight raises the "
                                        "pressure the leg veins must drain against.")));
  /* Compression treats venous disease; swelling after standing still
   * alone calls for moving and raising the legs first. */
  if (g.troubled)
    g_ptr_array_add (lines, g_strdup (_("Compression stockings can help, but wear them "
                                        "only if a clinician prescribes them.")));
  /* The warning signs of a clot in a leg vein, and of one that has
   * reached the lungs. */
  if (g.flow_pooling || g.obstruction)
    {
      g_ptr_array_add (lines, g_strdup (_("See a doctor the same day if one calf becomes "
                                          "painful, swollen, warm or red.")));
      g_ptr_array_add (lines, g_strdup (_("Call emergency services at once for sudden "
                                          "breathlessness or chest pain.")));
    }

  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

const char *
soleus_blood_flow_word (SoleusBloodFlow flow)
{
  switch (flow)
    {
    case SOLEUS_BLOOD_FLOW_BRISK:
      return C_("blood flow", "Brisk");
    case SOLEUS_BLOOD_FLOW_SLOWING:
      return C_("blood flow", "Slowing");
    case SOLEUS_BLOOD_FLOW_POOLING:
      return C_("blood flow", "Pooling");
    case SOLEUS_N_BLOOD_FLOWS:
    default:
      g_return_val_if_reached ("–");
    }
}

const char *
soleus_blood_flow_meaning (SoleusBloodFlow flow)
{
  switch (flow)
    {
    case SOLEUS_BLOOD_FLOW_BRISK:
      return _("Blood keeps moving through the deep calf veins, as in a healthy leg "
               "lying down or walking.");
    case SOLEUS_BLOOD_FLOW_SLOWING:
      return _("Blood in the deep calf veins has moved slowly for a while, as when "
               "sitting still. Moving the ankles or walking speeds it up again.");
    case SOLEUS_BLOOD_FLOW_POOLING:
      return _("Blood has moved slowly in the deep calf veins for hours, and slow "
               "blood clots more easily. Walk, or move the ankles, every hour.");
    case SOLEUS_N_BLOOD_FLOWS:
    default:
      g_return_val_if_reached ("");
    }
}
