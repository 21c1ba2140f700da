/* soleus-handout.h: the printed one-page patient handout, and plain words
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * soleus_handout_paint() lays out one portrait page (A4 or any size in
 * points): this leg beside a healthy leg doing the same, the key readouts in
 * plain words side by side, what a patient may feel, what helps, and the
 * note that Soleus is an educational model. Text is measured with Pango and
 * shrunk or wrapped to fit; nothing is drawn outside the page. The app's
 * GtkPrintOperation paints it into the print context's cairo_t, and
 * soleus_handout_write_pdf() writes it as a one-page A4 PDF.
 *
 * The plain words on the page (what a patient may feel, what helps) come
 * from soleus-patient.h, shared with the app's caption and readouts. Every
 * string is translated with g_dgettext ("soleus", ...), so the page follows
 * the interface's language.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-file-writer.h"
#include "soleus-model.h"
#include "soleus-palette.h"
#include "soleus-patient.h"

G_BEGIN_DECLS

/* A4 portrait in PostScript points (1/72 inch). */
#define SOLEUS_HANDOUT_A4_WIDTH  595.276
#define SOLEUS_HANDOUT_A4_HEIGHT 841.890

/* The units of the numbers on the page, as chosen in the preferences. */
typedef enum
{
  SOLEUS_HANDOUT_MMHG,
  SOLEUS_HANDOUT_KPA,
} SoleusHandoutPressureUnit;

typedef enum
{
  SOLEUS_HANDOUT_KG,
  SOLEUS_HANDOUT_LB,
} SoleusHandoutWeightUnit;

typedef struct
{
  const SoleusSnapshot *leg;               /* this leg */
  const SoleusReadouts *leg_readouts;
  const SoleusSnapshot *healthy;           /* a healthy leg doing the same */
  const SoleusReadouts *healthy_readouts;
  const char           *title;             /* NULL: "Your leg and a healthy leg" */
  const char           *date_text;         /* NULL for none; shown as given */
  GDateTime            *date;              /* without date_text: shown in the long
                                            * form, "3 December 2026" */
  SoleusSkinTone        skin_tone;         /* of both figures; 0 is light */
  SoleusHandoutPressureUnit pressure_unit; /* 0 is mmHg */
  SoleusHandoutWeightUnit weight_unit;     /* 0 is kg */
  SoleusFigure          figure;            /* of both figures; 0 is male */
} SoleusHandoutContent;

/* The date as the handout prints it, in the interface's language with the
 * month written out so that it cannot be misread: "3 December 2026",
 * "3. Dezember 2026", "3 décembre 2026", "3 de diciembre de 2026". */
char    *soleus_handout_format_date (GDateTime                  *date);

/* Paints the page filling (0, 0, width, height) of cr's user space, in
 * points (595 x 842 for A4). White background; the legs are drawn with the
 * projector palette, which prints well on white paper. */
void     soleus_handout_paint      (cairo_t                    *cr,
                                    const SoleusHandoutContent *content,
                                    double                      width,
                                    double                      height);

/* Writes the page as a one-page A4 PDF, through a SoleusFileWriter
 * (soleus-file-writer.h), so a failed write leaves any earlier file
 * intact. Errors are in the SOLEUS_RENDER_ERROR domain. */
gboolean soleus_handout_write_pdf  (const SoleusHandoutContent *content,
                                    const char                 *path,
                                    GError                    **error);
/* The same into a writer the caller commits (or abandons). */
gboolean soleus_handout_write_pdf_to_writer (const SoleusHandoutContent  *content,
                                             SoleusFileWriter            *out,
                                             GError                     **error);

G_END_DECLS
