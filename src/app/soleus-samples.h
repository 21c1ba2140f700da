/* soleus-samples.h: the sample scenario files installed with Soleus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder of the samples: <prefix>/<datadir>/soleus/scenarios, with
 * the prefix taken from where the running program is (so that a copy
 * installed elsewhere, as with meson install --destdir, finds its own),
 * else the prefix it was built for; a program run from its build tree
 * takes data/scenarios of the source tree. */
const char *soleus_samples_get_dir   (void);

/* The samples' file names ("varicose-explained.soleus"), sorted; empty
 * when there are none. Free with g_strfreev (). */
char      **soleus_samples_list      (void);

/* The path of the sample of that file name, or NULL when there is no such
 * sample (a name with a '/' never is one). */
char       *soleus_samples_get_path  (const char *name);

G_END_DECLS
