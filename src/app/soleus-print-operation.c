/* soleus-print-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the patient handout. The page is laid out by the render layer
 * (soleus-handout.c), which also writes it as a PDF for scripts; this
 * operation only takes the values from the simulation and hands the page
 * to GTK's printing.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-handout.h"
#include "soleus-print-operation.h"

struct _SoleusPrintOperation
{
  GtkPrintOperation     parent_instance;

  /* Owned references: the snapshots below belong to the simulation */
  SoleusSimulation     *simulation;

  /* State */
  SoleusReadouts        leg_readouts;
  SoleusReadouts        healthy_readouts;
  GDateTime            *date;
  SoleusHandoutContent  content;
};

G_DEFINE_FINAL_TYPE (SoleusPrintOperation, soleus_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
soleus_print_operation_draw_page (GtkPrintOperation *operation,
                                  GtkPrintContext   *context,
                                  int                page_nr)
{
  SoleusPrintOperation *self = SOLEUS_PRINT_OPERATION (operation);

  soleus_handout_paint (gtk_print_context_get_cairo_context (context), &self->content,
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context));
}

static void
soleus_print_operation_finalize (GObject *object)
{
  SoleusPrintOperation *self = SOLEUS_PRINT_OPERATION (object);

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_object (&self->simulation);

  G_OBJECT_CLASS (soleus_print_operation_parent_class)->finalize (object);
}

static void
soleus_print_operation_class_init (SoleusPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = soleus_print_operation_finalize;
  operation_class->draw_page = soleus_print_operation_draw_page;
}

static void
soleus_print_operation_init (SoleusPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Soleus handout"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
}

SoleusPrintOperation *
soleus_print_operation_new (SoleusSimulation *simulation)
{
  SoleusPrintOperation *self;

  g_return_val_if_fail (SOLEUS_IS_SIMULATION (simulation), NULL);

  self = g_object_new (SOLEUS_TYPE_PRINT_OPERATION, NULL);
  self->simulation = g_object_ref (simulation);
  soleus_simulation_get_readouts (simulation, &self->leg_readouts);
  soleus_simulation_get_reference_readouts (simulation, &self->healthy_readouts);
  /* Today, written out so that it cannot be misread (not "12/03/26"). */
  self->date = g_date_time_new_now_local ();
  self->content.leg = soleus_simulation_get_snapshot (simulation);
  self->content.leg_readouts = &self->leg_readouts;
  self->content.healthy = soleus_simulation_get_reference_snapshot (simulation);
  self->content.healthy_readouts = &self->healthy_readouts;
  self->content.date = self->date;

  return self;
}

void
soleus_print_operation_apply_settings (SoleusPrintOperation *self,
                                       GSettings            *settings)
{
  g_autofree char *pressure = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *skin = NULL;
  g_autofree char *figure = NULL;
  SoleusSkinTone tone;
  SoleusFigure build;

  g_return_if_fail (SOLEUS_IS_PRINT_OPERATION (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  pressure = g_settings_get_string (settings, "pressure-unit");
  weight = g_settings_get_string (settings, "weight-unit");
  skin = g_settings_get_string (settings, "skin-tone");
  figure = g_settings_get_string (settings, "figure");
  self->content.pressure_unit = g_str_equal (pressure, "kpa") ? SOLEUS_HANDOUT_KPA
                                                              : SOLEUS_HANDOUT_MMHG;
  self->content.weight_unit = g_str_equal (weight, "lb") ? SOLEUS_HANDOUT_LB
                                                         : SOLEUS_HANDOUT_KG;
  if (soleus_skin_tone_from_string (skin, &tone))
    self->content.skin_tone = tone;
  if (soleus_figure_from_string (figure, &build))
    self->content.figure = build;
}

void
soleus_print_operation_set_date (SoleusPrintOperation *self,
                                 GDateTime            *date)
{
  g_return_if_fail (SOLEUS_IS_PRINT_OPERATION (self));
  g_return_if_fail (date != NULL);

  g_date_time_ref (date);
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date;
  self->content.date = date;
}

gboolean
soleus_print_operation_write_pdf (SoleusPrintOperation  *self,
                                  const char            *path,
                                  GError               **error)
{
  g_return_val_if_fail (SOLEUS_IS_PRINT_OPERATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return soleus_handout_write_pdf (&self->content, path, error);
}
