/* soleus-scenario-file-private.h: for the tests of the scenario-file reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "soleus-scenario-file.h"

G_BEGIN_DECLS

/* soleus_scenario_file_load_from_data (), which has GKeyFile read the text
 * only when its own scan cannot vouch for it; with @always_keyfile, GKeyFile
 * reads every text. The two must give the same file or the same error. */
SoleusScenarioFile *soleus_scenario_file_load_from_data_full (const char  *data,
                                                              gssize       length,
                                                              const char  *name,
                                                              gboolean     always_keyfile,
                                                              GError     **error);

G_END_DECLS
