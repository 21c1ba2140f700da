/* soleus-scene-private.h: internals shared inside soleus-render
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "soleus-scene.h"

G_BEGIN_DECLS

G_END_DECLS
