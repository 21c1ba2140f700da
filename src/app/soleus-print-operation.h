/* soleus-print-operation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "soleus-simulation.h"

G_BEGIN_DECLS

#define SOLEUS_TYPE_PRINT_OPERATION (soleus_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (SoleusPrintOperation, soleus_print_operation, SOLEUS, PRINT_OPERATION, GtkPrintOperation)

/* The one-page patient handout: this leg beside a healthy leg doing the
 * same, as the simulation stands when the operation is made. */
SoleusPrintOperation *soleus_print_operation_new       (SoleusSimulation      *simulation);
/* The preferences the page follows as the window does: the units of its
 * numbers (pressure-unit, weight-unit), the figures' skin-tone and figure. */
void                  soleus_print_operation_apply_settings (SoleusPrintOperation *self,
                                                             GSettings            *settings);
/* The day printed on the page (by default the day the operation was made),
 * in the long form, "3 December 2026". */
void                  soleus_print_operation_set_date  (SoleusPrintOperation  *self,
                                                        GDateTime             *date);
/* The same page as a PDF file, without a print dialog. */
gboolean              soleus_print_operation_write_pdf (SoleusPrintOperation  *self,
                                                        const char            *path,
                                                        GError               **error);

G_END_DECLS
