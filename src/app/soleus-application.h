/* soleus-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOLEUS_TYPE_APPLICATION (soleus_application_get_type ())

G_DECLARE_FINAL_TYPE (SoleusApplication, soleus_application, SOLEUS, APPLICATION, AdwApplication)

SoleusApplication *soleus_application_new          (void);
GSettings         *soleus_application_get_settings (SoleusApplication *self);
/* g_get_monotonic_time() when the application was made, for the first-frame
 * figure of SOLEUS_FRAME_STATS. */
gint64             soleus_application_get_start_time (void);

G_END_DECLS
