/* soleus-format.h: numbers as text, the same in every file Soleus writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shortest text that reads back as exactly v (bit for bit) through
 * g_ascii_strtod, in the C locale whatever the user's: 0.35, not
 * 0.34999999999999998; 300, not 3e+02. "nan" and "inf" for those. buf
 * holds G_ASCII_DTOSTR_BUF_SIZE bytes; returns buf. */
const char *soleus_format_double (char   *buf,
                                  double  v);

G_END_DECLS
