/* soleus-params.c: the one table of controls, and parsing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "soleus-model.h"
#include "soleus-number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const posture_choices[] = {
  "supine", "sitting", "standing", "legs-up", NULL
};
static const char *const posture_labels[] = {
  SOLEUS_N_ ("Lying down"),
  SOLEUS_N_ ("Sitting"),
  SOLEUS_N_ ("Standing"),
  SOLEUS_N_ ("Lying, legs raised"),
  NULL
};
static const char *const reflux_choices[] = {
  "superficial", "deep", "both", NULL
};
static const char *const reflux_labels[] = {
  SOLEUS_N_ ("Superficial veins"),
  SOLEUS_N_ ("Deep veins"),
  SOLEUS_N_ ("Both"),
  NULL
};

static const SoleusParamInfo param_table[SOLEUS_N_PARAMS] = {
  [SOLEUS_PARAM_POSTURE] = {
    "posture", SOLEUS_N_ ("Posture"), "",
    SOLEUS_N_ ("How the body is placed: lying, sitting, standing, or lying with "
               "the legs raised."),
    0, SOLEUS_N_POSTURES - 1, SOLEUS_POSTURE_SUPINE, SOLEUS_POSTURE_STANDING, 1, false,
    posture_choices, posture_labels },
  [SOLEUS_PARAM_SPEED_KMH] = {
    "speed", SOLEUS_N_ ("Walking speed"), "km/h",
    SOLEUS_N_ ("How fast the person walks; it only applies when standing."),
    0, 6, 0, 3, 0.5, false, NULL, NULL,
    { { 0, SOLEUS_N_ ("still") }, { 3, SOLEUS_N_ ("steady walk") }, { 6, SOLEUS_N_ ("brisk") } } },
  [SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] = {
    "ankle-exercise", SOLEUS_N_ ("Ankle exercise"), "per min",
    SOLEUS_N_ ("Pointing and flexing the foot while seated or lying; it works the "
               "calf pump without standing."),
    0, 60, 0, 30, 5, false, NULL, NULL,
    { { 0, SOLEUS_N_ ("still") }, { 30, SOLEUS_N_ ("steady") }, { 60, SOLEUS_N_ ("fast") } } },
  [SOLEUS_PARAM_VALVE_WEAKNESS] = {
    "valve-weakness", SOLEUS_N_ ("Valve weakness"), "",
    SOLEUS_N_ ("How much the one-way valves in the veins leak: 0 is healthy, 1 "
               "lets blood fall back freely."),
    0, 1, 0, 0, 0.05, false, NULL, NULL,
    { { 0, SOLEUS_N_ ("healthy") },
      { 0.5, SOLEUS_N_ ("moderate") },
      { 1, SOLEUS_N_ ("severe") } } },
  [SOLEUS_PARAM_REFLUX_SITE] = {
    "reflux-site", SOLEUS_N_ ("Weak valves in"), "",
    SOLEUS_N_ ("Which veins have the weak valves: the superficial veins under the "
               "skin, the deep veins in the muscles, or both."),
    0, SOLEUS_N_REFLUX_SITES - 1, SOLEUS_REFLUX_BOTH, SOLEUS_REFLUX_BOTH, 1, false,
    reflux_choices, reflux_labels },
  [SOLEUS_PARAM_ATROPHY] = {
    "atrophy", SOLEUS_N_ ("Muscle wasting"), "",
    SOLEUS_N_ ("How much the calf muscle has wasted away from disuse or age: 0 is "
               "healthy, 1 is severe."),
    0, 1, 0, 0, 0.05, false, NULL, NULL,
    { { 0, SOLEUS_N_ ("healthy") },
      { 0.5, SOLEUS_N_ ("moderate") },
      { 1, SOLEUS_N_ ("severe") } } },
  [SOLEUS_PARAM_WEIGHT_KG] = {
    "weight", SOLEUS_N_ ("Body weight"), "kg",
    SOLEUS_N_ ("Body weight; with height it sets the pressure inside the belly "
               "that the leg veins must drain against."),
    40, 200, 75, 75, 1, false, NULL, NULL,
    { { 40, "" }, { 75, SOLEUS_N_ ("typical adult") }, { 200, "" } } },
  [SOLEUS_PARAM_HEIGHT_CM] = {
    "height", SOLEUS_N_ ("Body height"), "cm",
    SOLEUS_N_ ("Body height; a taller person has a taller column of blood above "
               "the ankle."),
    140, 210, 175, 175, 1, false, NULL, NULL,
    { { 140, "" }, { 175, SOLEUS_N_ ("typical adult") }, { 210, "" } } },
  [SOLEUS_PARAM_OBSTRUCTION] = {
    "obstruction", SOLEUS_N_ ("Outflow obstruction"), "",
    SOLEUS_N_ ("Narrowing of the pelvic veins that drain the leg, as after a deep "
               "vein thrombosis: 0 is none, 1 is severe."),
    0, 1, 0, 0, 0.05, true, NULL, NULL,
    { { 0, SOLEUS_N_ ("open") }, { 0.5, SOLEUS_N_ ("moderate") }, { 1, SOLEUS_N_ ("severe") } } },
  [SOLEUS_PARAM_COMPRESSION_MMHG] = {
    "compression", SOLEUS_N_ ("Compression stocking"), "mmHg",
    SOLEUS_N_ ("Pressure of a graduated compression stocking at the ankle, less "
               "further up the leg."),
    0, 40, 0, 0, 5, true, NULL, NULL,
    { { 0, SOLEUS_N_ ("no stocking") },
      { 20, SOLEUS_N_ ("light") },
      { 30, SOLEUS_N_ ("medium") },
      { 40, SOLEUS_N_ ("strong") } } },
  [SOLEUS_PARAM_ANKLE_MOBILITY] = {
    "ankle-mobility", SOLEUS_N_ ("Ankle mobility"), "",
    SOLEUS_N_ ("How far the ankle can bend: 1 is a full range of movement, 0 a "
               "stiff ankle that barely moves, as in many legs with ulcers."),
    0, 1, 1, 1, 0.05, true, NULL, NULL,
    { { 0, SOLEUS_N_ ("stiff") },
      { 0.5, SOLEUS_N_ ("reduced") },
      { 1, SOLEUS_N_ ("full range") } } },
};

const SoleusParamInfo *
soleus_param_info (SoleusParamId id)
{
  if ((int) id < 0 || id >= SOLEUS_N_PARAMS)
    return NULL;
  return &param_table[id];
}

int
soleus_param_find (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < SOLEUS_N_PARAMS; i++)
    if (strcmp (param_table[i].name, name) == 0)
      return i;
  return -1;
}

bool
soleus_param_in_range (SoleusParamId id,
                       double        value)
{
  const SoleusParamInfo *info = soleus_param_info (id);

  if (info == NULL || !isfinite (value))
    return false;
  if (value < info->min || value > info->max)
    return false;
  /* Enumerated controls take whole numbers only. */
  if (info->choices != NULL && fabs (floor (value) - value) > 0.0)
    return false;
  return true;
}

bool
soleus_param_parse (SoleusParamId  id,
                    const char    *text,
                    double        *out)
{
  const SoleusParamInfo *info = soleus_param_info (id);
  double v;

  if (info == NULL || text == NULL || out == NULL)
    return false;
  if (info->choices != NULL)
    for (int i = 0; info->choices[i] != NULL; i++)
      if (strcmp (info->choices[i], text) == 0)
        {
          *out = i;
          return true;
        }
  if (!soleus_number_parse (text, &v))
    return false;
  if (!soleus_param_in_range (id, v))
    return false;
  *out = v;
  return true;
}
