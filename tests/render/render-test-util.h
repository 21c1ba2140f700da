/* render-test-util.h: hand-made snapshots for the render tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Synthetic SoleusSnapshots that look like the model's output in typical
 * situations, so the painter can be tested on its own.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "soleus-model.h"

G_BEGIN_DECLS

/* Healthy walking at 3 km/h, at a gait phase (0 = heel strike, push-off
 * about 0.5). */
void     render_test_snapshot_walking  (SoleusSnapshot *out,
                                        double          gait_phase,
                                        double          time_s);
/* Motionless standing after minutes: veins pooled full, valves floating
 * open, slow flow, some tissue fluid. */
void     render_test_snapshot_standing (SoleusSnapshot *out,
                                        double          time_s);
/* Walking with severe deep and superficial valve weakness, in the
 * relaxation phase: blood falls back through the leaking valves. */
void     render_test_snapshot_reflux   (SoleusSnapshot *out,
                                        double          gait_phase,
                                        double          time_s);
void     render_test_snapshot_posture  (SoleusSnapshot *out,
                                        SoleusPosture   posture);

/* Makes this process see only the fonts of tests/render/fonts.conf (DejaVu
 * Sans from fonts-dejavu-core) and checks that "Sans" resolves to it, so
 * that labels come out the same on every machine. Call first in main (),
 * before anything draws text. */
void     render_test_pin_fonts         (void);

/* Compares two ARGB32/RGB24 images: the fraction of pixels whose largest
 * channel difference exceeds channel_tolerance, and writes a diff image
 * (differences in red) when diff_path is not NULL. */
double   render_test_compare           (cairo_surface_t *a,
                                        cairo_surface_t *b,
                                        int              channel_tolerance,
                                        const char      *diff_path);
/* Pixels differing (any channel by more than tolerance) inside a rectangle. */
guint    render_test_count_diff_in     (cairo_surface_t         *a,
                                        cairo_surface_t         *b,
                                        const cairo_rectangle_t *rect,
                                        int                      tolerance);

/* The most pixels differing (any channel by more than tolerance) inside
 * one tile x tile square of a grid over the images; where is set to that
 * square when not NULL. */
guint    render_test_max_tile_diff     (cairo_surface_t         *a,
                                        cairo_surface_t         *b,
                                        int                      tile,
                                        int                      tolerance,
                                        cairo_rectangle_t       *where);

G_END_DECLS
