/* soleus-json.h: a small JSON writer for what Soleus prints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pretty-printed with two-space indents, numbers as soleus_format_double ()
 * writes them (in the C locale), never NaN: null instead.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SoleusJson SoleusJson;

SoleusJson *soleus_json_new          (void);
void        soleus_json_free         (SoleusJson    *self);
/* key is NULL inside arrays. */
void        soleus_json_begin_object (SoleusJson    *self,
                                      const char    *key);
void        soleus_json_end_object   (SoleusJson    *self);
void        soleus_json_begin_array  (SoleusJson    *self,
                                      const char    *key);
void        soleus_json_end_array    (SoleusJson    *self);
/* Shortest text that reads back to the same double; null if not finite. */
void        soleus_json_number       (SoleusJson    *self,
                                      const char    *key,
                                      double         v);
void        soleus_json_int          (SoleusJson    *self,
                                      const char    *key,
                                      gint64         v);
void        soleus_json_string       (SoleusJson    *self,
                                      const char    *key,
                                      const char    *v);
void        soleus_json_null         (SoleusJson    *self,
                                      const char    *key);
void        soleus_json_bool         (SoleusJson    *self,
                                      const char    *key,
                                      gboolean       v);
/* Ends the document and returns it, with a final newline. */
char       *soleus_json_finish       (SoleusJson    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusJson, soleus_json_free)

G_END_DECLS
