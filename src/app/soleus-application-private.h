/* soleus-application-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What soleus-application.c shares with its actions
 * (soleus-application-actions.c).
 */

#pragma once

#include "soleus-application.h"
#include "soleus-window.h"

G_BEGIN_DECLS

/* The window the scripted actions act on: the main window, made if there
 * is none yet (a D-Bus activation may come before any window). */
SoleusWindow *_soleus_application_get_window   (SoleusApplication *self);
/* Brings app.state up to date with what the window shows. */
void          _soleus_application_update_state (SoleusApplication *self);
/* Adds the application's actions and their keyboard accelerators. */
void          _soleus_application_actions_init (SoleusApplication *self);

G_END_DECLS
