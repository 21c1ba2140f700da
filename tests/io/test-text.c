/* test-text.c: text made safe to show in messages and on a terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib.h>

#include "soleus-text.h"

static void
assert_escaped (const char *text,
                gssize      length,
                guint       max_chars,
                const char *expected)
{
  g_autofree char *escaped = soleus_text_escape (text, length, max_chars);

  g_assert_cmpstr (escaped, ==, expected);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
}

static void
test_escape (void)
{
  /* Letters of every script stay as they are; so do quotes. */
  assert_escaped ("Krampfadern ä ö ü, варикоз, 静脈瘤 \"x\"", -1, 0,
                  "Krampfadern ä ö ü, варикоз, 静脈瘤 \"x\"");
  /* Control characters a terminal would obey do not pass. */
  assert_escaped ("a\x1b[2Jb\x07" "c\x7f" "d", -1, 0, "a\\x1b[2Jb\\x07c\\x7fd");
  assert_escaped ("one\ntwo\tthree\r", -1, 0, "one\\ntwo\\tthree\\r");
  /* C1 controls (U+009B is a terminal's CSI). */
  assert_escaped ("x\xc2\x9b" "1m", -1, 0, "x\\u009b1m");
  /* Invalid UTF-8, byte by byte. */
  assert_escaped ("L\xe9g\xff", -1, 0, "L\\xe9g\\xff");
  assert_escaped ("\xe2\x82", -1, 0, "\\xe2\\x82");
  /* A backslash is itself outside quotes. */
  assert_escaped ("C:\\temp", -1, 0, "C:\\temp");
  /* A length, NUL bytes included. */
  assert_escaped ("a\0b", 3, 0, "a\\x00b");
}

static void
test_cut (void)
{
  g_autofree char *long_text = g_strnfill (5000, 'x');
  g_autofree char *expected = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *cyrillic = NULL;
  GString *many = g_string_new (NULL);

  /* Cut after the limit, counted in characters, never inside one. */
  assert_escaped ("abcdef", -1, 3, "abc…");
  assert_escaped ("abc", -1, 3, "abc");
  assert_escaped ("äöüß", -1, 2, "äö…");
  /* Escapes count as they are shown, and are never split. */
  assert_escaped ("\x1b\x1b\x1b", -1, 9, "\\x1b\\x1b…");
  assert_escaped ("\x1b\x1b\x1b", -1, 12, "\\x1b\\x1b\\x1b");
  assert_escaped ("a\nb", -1, 2, "a…");

  quoted = soleus_text_quote (long_text, -1, SOLEUS_TEXT_QUOTE_CHARS);
  expected = g_strdup_printf ("'%.*s…'", SOLEUS_TEXT_QUOTE_CHARS, long_text);
  g_assert_cmpstr (quoted, ==, expected);

  for (guint i = 0; i < 100; i++)
    g_string_append (many, "ж");
  cyrillic = soleus_text_escape (many->str, -1, 10);
  g_assert_cmpstr (cyrillic, ==, "жжжжжжжжжж…");
  g_string_free (many, TRUE);
}

static void
test_quote (void)
{
  g_autofree char *a = soleus_text_quote ("valve-weaknes", -1, 60);
  g_autofree char *b = soleus_text_quote ("a\\b\x1b\b\f\v", -1, 60);
  g_autofree char *c = soleus_text_quote ("", -1, 60);

  g_assert_cmpstr (a, ==, "'valve-weaknes'");
  /* As g_strescape () writes them, but for ESC: no octal. */
  g_assert_cmpstr (b, ==, "'a\\\\b\\x1b\\b\\f\\v'");
  g_assert_cmpstr (c, ==, "''");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/text/escape", test_escape);
  g_test_add_func ("/io/text/cut", test_cut);
  g_test_add_func ("/io/text/quote", test_quote);

  return g_test_run ();
}
