/* test-window-files.c: what the window's file choosers do with a file that
 * is not on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chooser may hand back a file with no local path (a network share that
 * is not mounted as a folder). The file jobs read and write local paths, so
 * such a pick must come back as one clear error, never as a NULL path
 * given to a writer. Needs no display: only GIO is used.
 */

#include "config.h"

#include <gio/gio.h>

#include "soleus-window-private.h"

static void
test_local_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/soleus-test/my leg.soleus");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = _soleus_window_file_get_local_path (file, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/tmp/soleus-test/my leg.soleus");
}

static void
test_local_uri (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("file:///tmp/soleus-test/my%20leg.soleus");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = _soleus_window_file_get_local_path (file, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/tmp/soleus-test/my leg.soleus");
}

static void
test_remote_file (void)
{
  const char *uri = "sftp://clinic.example.invalid/share/leg.soleus";
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* The premise: GIO itself gives no path for it. */
  g_assert_null (g_file_get_path (file));

  path = _soleus_window_file_get_local_path (file, &error);
  g_assert_null (path);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  /* The message names the file the person picked, as they know it. */
  g_assert_nonnull (strstr (error->message, uri));
}

int
main (int   argc,
      char *argv[])
{
  /* GIO's own local file system, not a desktop's virtual one (which could
   * mount the test's remote address). */
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-files/local-file", test_local_file);
  g_test_add_func ("/window-files/local-uri", test_local_uri);
  g_test_add_func ("/window-files/remote-file", test_remote_file);

  return g_test_run ();
}
