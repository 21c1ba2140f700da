/* soleus-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOLEUS_TYPE_PREFERENCES_WINDOW (soleus_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SoleusPreferencesWindow, soleus_preferences_window, SOLEUS, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *soleus_preferences_window_new (GtkWindow *parent,
                                          GSettings *settings);

G_END_DECLS
