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
 * The plain-language functions are shared with the app's caption and
 * readouts. They describe what the model's values are known to go with, as
 * general education, never as a diagnosis. Every string is translated with
 * g_dgettext ("soleus", ...), so the page follows the interface's language.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-file-writer.h"
#include "soleus-model.h"

G_BEGIN_DECLS

/* A4 portrait in PostScript points (1/72 inch). */
#define SOLEUS_HANDOUT_A4_WIDTH  595.276
#define SOLEUS_HANDOUT_A4_HEIGHT 841.890

typedef struct
{
  const SoleusSnapshot *leg;               /* this leg */
  const SoleusReadouts *leg_readouts;
  const SoleusSnapshot *healthy;           /* a healthy leg doing the same */
  const SoleusReadouts *healthy_readouts;
  const char           *title;             /* NULL: "Your leg and a healthy leg" */
  const char           *date_text;         /* NULL for none; shown as given */
} SoleusHandoutContent;

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

/* The blood-flow readout in words, translated: "Brisk", "Slowing" or
 * "Pooling", as the window and the handout show it (no probability: the
 * words rank how long the deep calf flow has been slow, they predict
 * nothing). */
const char *soleus_blood_flow_word    (SoleusBloodFlow             flow);
/* What that word means, in a sentence or two a patient understands, with
 * what helps. */
const char *soleus_blood_flow_meaning (SoleusBloodFlow             flow);

/* What a patient with a leg like this may feel, one sentence per line
 * (separated by "\n"): heavy or aching legs, swelling by the evening,
 * cramps, skin changes, a calf that tires, each only when the values call
 * for it; otherwise one line saying nothing points to trouble from the
 * veins. readouts may be NULL (the snapshot alone is used). Free with
 * g_free (). */
char    *soleus_plain_feelings     (const SoleusSnapshot       *snapshot,
                                    const SoleusReadouts       *readouts);

/* The advice that fits a leg like this, from the evidence-backed list:
 * walk and move often, calf and ankle exercises, avoid standing or sitting
 * still for long, raise the legs when resting, keep a healthy weight,
 * compression only when a clinician prescribes it, and when blood has
 * pooled for hours or the outflow is narrowed, which warning signs need a
 * doctor the same day and which need emergency services. At least one line, always
 * general education. Free with g_strfreev (). */
char   **soleus_plain_advice       (const SoleusSnapshot       *snapshot,
                                    const SoleusReadouts       *readouts);

G_END_DECLS
