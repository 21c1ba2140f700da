/* soleus-format.h: numbers as text, the same in every file Soleus writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one writer of numbers for files and machine-read output (scenario
 * files, CSV, JSON, the CLI's text): always the C locale, so a German
 * desktop still writes "0.5". Numbers typed by people are read by the
 * core's soleus_number_parse () (soleus-number.h), which reads back
 * everything written here.
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

/* Appends v with a printf format ("%.1f", "%.7g") in the C locale, never
 * as a negative zero ("-0.0" after rounding is written "0.0"); NaN and
 * infinities append @none instead. */
void        soleus_format_append (GString    *out,
                                  const char *format,
                                  double      v,
                                  const char *none);

/* "0 to 6 km/h", "0 to 1": a valid range for messages and help, its ends
 * as soleus_format_double () writes them. @unit may be NULL or empty. */
char       *soleus_format_range  (double      min,
                                  double      max,
                                  const char *unit);

G_END_DECLS
