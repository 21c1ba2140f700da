/* soleus-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "soleus-application.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_WINDOW (soleus_window_get_type ())

G_DECLARE_FINAL_TYPE (SoleusWindow, soleus_window, SOLEUS, WINDOW, AdwApplicationWindow)

SoleusWindow *soleus_window_new (SoleusApplication *application);

G_END_DECLS
