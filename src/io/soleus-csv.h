/* soleus-csv.h: the one CSV dialect of Soleus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The window's chart data and `soleus-cli run --csv` are written alike:
 *
 * - first "# key: value" comment lines, untranslated: the program and its
 *   version, "model_version", a "note" that the model is educational, then
 *   what the table was made from; a value is escaped (soleus_text_escape ())
 *   so that a newline or a terminal escape in a file name stays on its line;
 * - then a row of column names, then one row per sample;
 * - fields separated by ',', every line ended by '\n' (the last included);
 *   a field holding ',', '"' or a line break is quoted, '"' doubled
 *   (RFC 4180), and an empty first field is written "";
 * - numbers in the C locale with the column's printf format, never "-0",
 *   and an empty field where a value is not finite.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The comment lines every table starts with: "# PROGRAM VERSION",
 * "# model_version: MODEL_VERSION", "# note: an educational model, not a
 * diagnostic tool". */
void soleus_csv_preamble       (GString    *out,
                                const char *program,
                                const char *version,
                                const char *model_version);

/* "# key: value\n", the value escaped. */
void soleus_csv_comment        (GString    *out,
                                const char *key,
                                const char *value);

/* "# key: 0.4 unit\n": the number as soleus_format_double () writes it,
 * then the unit if there is one (NULL or ""). */
void soleus_csv_comment_number (GString    *out,
                                const char *key,
                                double      value,
                                const char *unit);

/* Appends one field to the row being written at the end of out: the
 * separator first, unless the row is still empty. */
void soleus_csv_field          (GString    *out,
                                const char *text);
void soleus_csv_number         (GString    *out,
                                const char *format,
                                double      value);

/* Ends the row. */
void soleus_csv_end_row        (GString    *out);

G_END_DECLS
