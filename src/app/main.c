/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "soleus-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoleusApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* SOLEUS_LOCALEDIR points at the translations built in the build tree
   * (build-aux/run, the tests); installed, they live in LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("SOLEUS_LOCALEDIR") ? g_getenv ("SOLEUS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = soleus_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
