/* fuzz-common.h: what every libFuzzer target of tests/fuzz shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* g_error () and a fatal critical stop the process with SIGTRAP, which
 * libFuzzer does not catch: as an abort, it reports the failure and keeps
 * the input that caused it. */
static void
trap_to_abort (int signal_number)
{
  (void) signal_number;
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  signal (SIGTRAP, trap_to_abort);
  return 0;
}
