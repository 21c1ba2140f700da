/* soleus-number.h: the one reader of numbers typed by people
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The CLI's options, the scenario files and the window's D-Bus actions all
 * take numbers; they read them here, so that "0.6", "6e-1" and "-0" mean
 * the same bits wherever they are typed.
 */

#pragma once

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Parses the whole of text as a plain decimal number with '.' as the
 * decimal point, whatever the locale: digits, '.', a sign and an exponent
 * only (no spaces, hex, inf or nan), and a finite result. Returns false and
 * leaves *out untouched otherwise. The result is normalised
 * (soleus_number_normalize ()): "-0" reads as 0. */
bool   soleus_number_parse     (const char *text,
                                double     *out);

/* -0 becomes +0; every other value, NaN included, is returned as it is. A
 * negative zero compares equal to zero but prints as "-0" and has other
 * bits, so a value read as -0 would neither print as typed nor round-trip
 * bit for bit through a file that writes it as 0. For numbers that arrive
 * already parsed (a D-Bus double). */
double soleus_number_normalize (double      value);

#ifdef __cplusplus
}
#endif
