/* soleus-samples.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finds the sample scenario files that meson installs into
 * <datadir>/soleus/scenarios (data/meson.build), for "Open Sample" in the
 * main menu.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "soleus-samples.h"

/* The prefix of an installed program: its folder without the bindir
 * ("/usr/bin/soleus" -> "/usr"); NULL when the program is not in a folder
 * of that name. */
static char *
running_prefix (const char *program_dir)
{
  g_autofree char *bindir = g_canonicalize_filename (SOLEUS_BINDIR, "/");
  const char *relative = bindir + 1;
  gsize n = strlen (program_dir), m = strlen (relative);

  if (g_path_is_absolute (SOLEUS_BINDIR) || m == 0 || n <= m
      || strcmp (program_dir + n - m, relative) != 0 || program_dir[n - m - 1] != '/')
    return NULL;

  return g_strndup (program_dir, n - m - 1);
}

static char *
find_dir (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *program_dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *build_dir = NULL;

  if (program == NULL)
    return g_strdup (SOLEUS_SAMPLES_DIR);

  program_dir = g_path_get_dirname (program);
  /* Run from the build tree: the samples of the source tree. (The link
   * /proc/self/exe has no symbolic links left; the build tree's path may.) */
  build_dir = realpath (SOLEUS_BUILD_APP_DIR, NULL);
  if (build_dir != NULL && g_str_equal (program_dir, build_dir))
    return g_strdup (SOLEUS_SOURCE_SAMPLES_DIR);

  prefix = running_prefix (program_dir);
  if (prefix != NULL && !g_path_is_absolute (SOLEUS_DATADIR))
    {
      char *dir = g_build_filename (prefix, SOLEUS_DATADIR, "soleus", "scenarios", NULL);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return dir;
      g_free (dir);
    }

  return g_strdup (SOLEUS_SAMPLES_DIR);
}

const char *
soleus_samples_get_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, find_dir ());

  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char **
soleus_samples_list (void)
{
  g_autoptr(GDir) dir = g_dir_open (soleus_samples_get_dir (), 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".soleus") || name[0] == '.')
        continue;
      path = g_build_filename (soleus_samples_get_dir (), name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_steal (names, NULL);
}

char *
soleus_samples_get_path (const char *name)
{
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (strchr (name, '/') != NULL)
    return NULL;

  names = soleus_samples_list ();
  if (!g_strv_contains ((const char *const *) names, name))
    return NULL;

  return g_build_filename (soleus_samples_get_dir (), name, NULL);
}
