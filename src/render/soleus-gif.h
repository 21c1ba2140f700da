/* soleus-gif.h: animated GIF files from Cairo frames
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GStreamer on Debian 12 has no GIF encoder, so animated GIFs are written
 * here (GIF89a, https://www.w3.org/Graphics/GIF/spec-gif89a.txt). One global
 * palette of 255 colours is chosen by median cut from sample frames given
 * before the first frame (the whole recording's colours, not the first
 * frame's alone); index 255 is transparent. Each later frame stores only
 * the rectangle that changed since the frame before, with its unchanged
 * pixels transparent, so that a still background costs nothing. No
 * dithering: flat anatomy compresses well and does not shimmer. The file
 * loops forever (the NETSCAPE2.0 extension).
 */

#pragma once

#include <glib.h>

#include "soleus-file-writer.h"

G_BEGIN_DECLS

typedef struct _SoleusGifWriter SoleusGifWriter;

/* A GIF of width x height pixels (1 to 65535) into out. */
SoleusGifWriter *soleus_gif_writer_new        (SoleusFileWriter *out,
                                               int               width,
                                               int               height);

/* Counts the colours of a frame (Cairo RGB24 or ARGB32 data, alpha
 * ignored) for the palette. Call before the first add_frame. */
void             soleus_gif_writer_add_sample (SoleusGifWriter  *self,
                                               const guint8     *data,
                                               int               stride);

/* Appends a frame shown for delay_cs hundredths of a second. The first
 * call chooses the palette from the samples (or from this frame when
 * there were none) and writes the header. */
void             soleus_gif_writer_add_frame  (SoleusGifWriter  *self,
                                               const guint8     *data,
                                               int               stride,
                                               guint             delay_cs);

/* Writes the trailer. Errors of the file itself are the writer's. */
void             soleus_gif_writer_finish     (SoleusGifWriter  *self);

/* How many colours the palette holds (after the first frame). */
guint            soleus_gif_writer_get_n_colours (SoleusGifWriter *self);

void             soleus_gif_writer_free       (SoleusGifWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusGifWriter, soleus_gif_writer_free)

G_END_DECLS
