/* soleus-text.h: text from files and command lines, made safe to show
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What a user or a file supplies may hold control characters (ESC, BEL:
 * a terminal would obey them), invalid UTF-8, or thousands of characters.
 * Messages that echo it and the CLI's text output pass it through here
 * first. Letters of every script stay as they are.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of the input a message quotes. */
#define SOLEUS_TEXT_QUOTE_CHARS 60

/* @text (@length bytes, or -1 for nul-terminated) with every control
 * character (C0, DEL, C1) escaped, "\n", "\t", "\r" or else "\x1b" (C1 as
 * "\u009b"), and every byte of invalid UTF-8 as "\xff". Past @max_chars
 * characters as shown, escapes included (0: no limit), it is cut with "…"
 * (never inside an escape). */
char *soleus_text_escape (const char *text,
                          gssize      length,
                          guint       max_chars);

/* For a message: soleus_text_escape () with a backslash doubled and "\b",
 * "\f", "\v" as such (as g_strescape () writes them), between single
 * quotes: 'valve-weaknes'. */
char *soleus_text_quote  (const char *text,
                          gssize      length,
                          guint       max_chars);

G_END_DECLS
