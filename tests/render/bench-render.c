/* bench-render.c: paint times of the scene, as JSON
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `meson test --benchmark --suite render` or run directly. The median of
 * 120 animated frames at 1920x1080 and 3840x2160, and the first paint, by
 * the wall clock and by the thread's CPU clock.
 */

#include <stdio.h>
#include <stdlib.h>

#include "soleus-render-export.h"

int
main (int   argc,
      char *argv[])
{
  SoleusRenderBench bench;
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 0;

  soleus_render_bench (n, &bench);
  printf ("{\n  \"paint_ms_1080p\": %.2f,\n  \"paint_ms_2160p\": %.2f,\n"
          "  \"first_paint_ms\": %.1f,\n  \"paint_cpu_ms_1080p\": %.2f,\n"
          "  \"paint_cpu_ms_2160p\": %.2f,\n  \"first_paint_cpu_ms\": %.1f,\n"
          "  \"frames\": %u\n}\n",
          bench.paint_ms_1080p, bench.paint_ms_2160p, bench.first_paint_ms,
          bench.paint_cpu_ms_1080p, bench.paint_cpu_ms_2160p, bench.first_paint_cpu_ms,
          bench.n_frames);
  return 0;
}
