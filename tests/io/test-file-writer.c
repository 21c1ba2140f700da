/* test-file-writer.c: what writing a file does to what is already there
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test works in a fresh directory: planted links, private files,
 * links of both kinds, devices, FIFOs and failures that must leave the old
 * content. A failure is caused for real by a file size limit
 * (RLIMIT_FSIZE), under which write () fails with EFBIG.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "soleus-file-writer.h"
#include "soleus-format.h"
#include "soleus-render-export.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("soleus-writer-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
put (const char *path,
     const char *text,
     int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
assert_content (const char *path,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static int
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  soleus_file_write_contents (path, text, strlen (text), &error);
  g_assert_no_error (error);
}

/* A new file: 0666 less the umask, and nothing else left behind. */
static void
test_new_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *names = NULL;
  mode_t old_umask = umask (022);

  write_text (path, "a,b\n");
  umask (old_umask);

  assert_content (path, "a,b\n");
  g_assert_cmpint (mode_of (path), ==, 0644);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "out.csv");
  remove_dir (dir);
}

/* A private file stays private, and the temporary file never shows its
 * content to others while it is written. */
static void
test_mode_kept (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "private.csv", NULL);
  g_autofree char *names = NULL;
  g_autoptr(SoleusFileWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  put (path, "old\n", 0600);

  writer = soleus_file_writer_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (soleus_file_writer_get_tmp_path (writer));
  g_assert_cmpint (mode_of (soleus_file_writer_get_tmp_path (writer)) & 0077, ==, 0);
  g_assert_true (soleus_file_writer_write (writer, "new\n", 4));
  soleus_file_writer_commit (writer, &error);
  g_assert_no_error (error);

  assert_content (path, "new\n");
  g_assert_cmpint (mode_of (path), ==, 0600);

  put (path, "old\n", 0640);
  write_text (path, "newer\n");
  g_assert_cmpint (mode_of (path), ==, 0640);
  assert_content (path, "newer\n");

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "private.csv");
  remove_dir (dir);
}

/* Links planted where a predictable temporary name would be are neither
 * followed nor used, and the destination ends up a file of its own. */
static void
test_planted_link (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *victim_dir = make_dir ();
  g_autofree char *victim = g_build_filename (victim_dir, "victim", NULL);
  g_autofree char *path = g_build_filename (dir, "shot.png", NULL);
  g_autoptr(SoleusFileWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_name = g_strdup_printf (".soleus-tmp-%d-.png", (int) getpid ());
  const char *const planted[] = {
    pid_name, ".soleus-tmp-.png", "shot.png.tmp", ".shot.png", ".soleus-tmp-XXXXXX.png",
  };
  struct stat st;
  const char *tmp;

  put (victim, "precious\n", 0644);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_autofree char *link = g_build_filename (dir, planted[i], NULL);
      g_assert_cmpint (symlink (victim, link), ==, 0);
    }

  writer = soleus_file_writer_open (path, &error);
  g_assert_no_error (error);
  tmp = soleus_file_writer_get_tmp_path (writer);
  g_assert_nonnull (tmp);
  g_assert_cmpint (lstat (tmp, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_true (g_str_has_prefix (tmp, dir));
  soleus_file_writer_write (writer, "PNG", 3);
  soleus_file_writer_commit (writer, &error);
  g_assert_no_error (error);

  assert_content (victim, "precious\n");
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  assert_content (path, "PNG");

  remove_dir (dir);
  remove_dir (victim_dir);
}

/* A link stays a link; its target gets the content and keeps its mode. */
static void
test_symlink_destination (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *target = g_build_filename (dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *chain = g_build_filename (dir, "chain.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.csv", NULL);
  g_autofree char *created = g_build_filename (dir, "created.csv", NULL);
  g_autofree char *names = NULL;
  g_autofree char *read = NULL;

  put (target, "old\n", 0640);
  g_assert_cmpint (symlink ("real.csv", link), ==, 0);      /* relative */
  g_assert_cmpint (symlink (link, chain), ==, 0);           /* absolute, to a link */
  g_assert_cmpint (symlink ("created.csv", dangling), ==, 0);

  write_text (link, "through the link\n");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  read = g_file_read_link (link, NULL);
  g_assert_cmpstr (read, ==, "real.csv");
  assert_content (target, "through the link\n");
  g_assert_cmpint (mode_of (target), ==, 0640);

  write_text (chain, "through two links\n");
  g_assert_true (g_file_test (chain, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_content (target, "through two links\n");

  write_text (dangling, "a new target\n");
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  assert_content (created, "a new target\n");

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "chain.csv created.csv dangling.csv link.csv real.csv");
  remove_dir (dir);
}

/* Hard links keep naming one file, which gets the new content. */
static void
test_hard_link (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *a = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *b = g_build_filename (dir, "b.csv", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GString) longer = g_string_new (NULL);
  struct stat sa, sb;

  put (a, "a long old content\n", 0600);
  g_assert_cmpint (link (a, b), ==, 0);

  write_text (a, "short\n");
  assert_content (b, "short\n");
  for (guint i = 0; i < 20000; i++)
    g_string_append (longer, "0123456789\n");
  write_text (b, longer->str);
  assert_content (a, longer->str);

  g_assert_cmpint (stat (a, &sa), ==, 0);
  g_assert_cmpint (stat (b, &sb), ==, 0);
  g_assert_cmpuint (sa.st_ino, ==, sb.st_ino);
  g_assert_cmpuint (sa.st_nlink, ==, 2);
  g_assert_cmpint (sa.st_mode & 07777, ==, 0600);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "a.csv b.csv");

  /* In a directory that cannot take a new file, the file itself still
   * can be written (root writes anywhere: then this shows nothing new). */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  write_text (a, "locked\n");
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  assert_content (b, "locked\n");
  g_clear_pointer (&names, g_free);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "a.csv b.csv");
  remove_dir (dir);
}

/* /dev/null is written into, even through a link, and stays itself. */
static void
test_null_device (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *link = g_build_filename (dir, "null", NULL);
  g_autofree char *names = NULL;
  struct stat st;

  /* The device by its own name only when not root: should the writer
   * replace what it writes to, root would lose the device. */
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  write_text (link, "nothing\n");
  if (geteuid () != 0)
    write_text ("/dev/null", "nothing\n");

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "null");
  remove_dir (dir);
}

static void
paint_square (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  cairo_rectangle (cr, 0, 0, width / 2, height / 2);
  cairo_fill (cr);
}

/* A full device says so, by the name it was given. Through a link: a
 * writer replacing the device would replace the link instead (as root it
 * could replace the device); by its own name only when not root. */
static void
test_full_device (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *full = g_build_filename (dir, "full.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoleusFileWriter) writer = NULL;
  struct stat st;

  if (stat ("/dev/full", &st) != 0 || !S_ISCHR (st.st_mode))
    {
      g_test_skip ("no /dev/full here");
      remove_dir (dir);
      return;
    }
  g_assert_cmpint (symlink ("/dev/full", full), ==, 0);

  g_assert_false (soleus_file_write_contents (full, "x", 1, &error));
  g_assert_error (error, SOLEUS_FILE_WRITER_ERROR, ENOSPC);
  g_assert_nonnull (strstr (error->message, "full.svg"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);

  if (geteuid () != 0)
    {
      g_assert_false (soleus_file_write_contents ("/dev/full", "x", 1, &error));
      g_assert_error (error, SOLEUS_FILE_WRITER_ERROR, ENOSPC);
      g_assert_nonnull (strstr (error->message, "/dev/full"));
      g_clear_error (&error);
    }

  /* finish () tells before commit () would. */
  writer = soleus_file_writer_open (full, &error);
  g_assert_no_error (error);
  soleus_file_writer_write (writer, "x", 1);
  g_assert_false (soleus_file_writer_finish (writer, &error));
  g_assert_error (error, SOLEUS_FILE_WRITER_ERROR, ENOSPC);
  g_assert_cmpint (soleus_file_writer_get_errno (writer), ==, ENOSPC);
  g_clear_error (&error);

  /* Through Cairo's stream: the device's reason, not Cairo's. */
  g_assert_false (soleus_render_export_paint (full, SOLEUS_RENDER_FORMAT_SVG, 32, 32,
                                              paint_square, NULL, &error));
  g_assert_error (error, SOLEUS_RENDER_ERROR, SOLEUS_RENDER_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_assert_nonnull (strstr (error->message, "full.svg"));

  g_assert_true (g_file_test (full, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  remove_dir (dir);
}

/* A FIFO is written into, not replaced. */
static void
test_fifo (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *names = NULL;
  char buf[64] = { 0 };
  struct stat st;
  int reader;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* The reader first, so that opening for writing does not wait. */
  reader = open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (reader, >=, 0);

  write_text (fifo, "through the pipe\n");
  g_assert_cmpint (read (reader, buf, sizeof buf - 1), ==, strlen ("through the pipe\n"));
  g_assert_cmpstr (buf, ==, "through the pipe\n");
  close (reader);

  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "pipe");
  remove_dir (dir);
}

/* A read-only descriptor named through /proc on a plain file: the file it
 * has open gets the content, in place. */
static void
test_proc_descriptor (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "stdout.txt", NULL);
  g_autofree char *proc = NULL;
  g_autofree char *names = NULL;
  struct stat before, after;
  int fd;

  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no /proc here");
      g_rmdir (dir);
      return;
    }

  put (path, "old\n", 0644);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fstat (fd, &before), ==, 0);
  proc = g_strdup_printf ("/proc/self/fd/%d", fd);

  write_text (proc, "in place\n");
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  assert_content (path, "in place\n");
  close (fd);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "stdout.txt");
  remove_dir (dir);
}

/* One of the process's own writable descriptors (as /dev/stdout is):
 * written through it, where it stands, and what follows comes after. */
static void
test_own_descriptor (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "stdout.txt", NULL);
  g_autofree char *proc = NULL;
  g_autofree char *dev = NULL;
  g_autofree char *names = NULL;
  int fd;

  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no /proc here");
      remove_dir (dir);
      return;
    }

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "head\n", 5), ==, 5);
  proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  write_text (proc, "csv\n");
  g_assert_cmpint (write (fd, "summary\n", 8), ==, 8);

  /* The same through /dev/fd, a link into /proc. */
  dev = g_strdup_printf ("/dev/fd/%d", fd);
  if (g_file_test ("/dev/fd", G_FILE_TEST_IS_DIR))
    write_text (dev, "more\n");
  else
    g_assert_cmpint (write (fd, "more\n", 5), ==, 5);
  close (fd);

  assert_content (path, "head\ncsv\nsummary\nmore\n");
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "stdout.txt");
  remove_dir (dir);
}

static void
test_directory (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;

  g_assert_false (soleus_file_write_contents (dir, "x", 1, &error));
  g_assert_error (error, SOLEUS_FILE_WRITER_ERROR, EISDIR);
  g_assert_nonnull (strstr (error->message, dir));
  remove_dir (dir);
}

/* Under a file size limit, writing 200 kB fails with EFBIG. */
static void
limit_file_size (gboolean limit)
{
  static struct rlimit saved;
  struct rlimit small;

  if (limit)
    {
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      small = saved;
      small.rlim_cur = 4096;
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
    }
  else
    {
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      signal (SIGXFSZ, SIG_DFL);
    }
}

/* A failed write keeps the old file, its links and its mode, names the
 * file asked for and leaves no temporary file. */
static void
test_failure_keeps_old (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "data.csv", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.csv", NULL);
  g_autofree char *names = NULL;
  g_autofree char *big = g_malloc (200000);
  g_autoptr(GError) error = NULL;

  memset (big, 'x', 200000);
  put (path, "old\n", 0600);

  limit_file_size (TRUE);
  g_assert_false (soleus_file_write_contents (path, big, 200000, &error));
  limit_file_size (FALSE);
  g_assert_error (error, SOLEUS_FILE_WRITER_ERROR, EFBIG);
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
  g_assert_nonnull (strstr (error->message, "data.csv"));
  g_assert_null (strstr (error->message, ".soleus-tmp"));
  g_clear_error (&error);
  assert_content (path, "old\n");
  g_assert_cmpint (mode_of (path), ==, 0600);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "data.csv");
  g_clear_pointer (&names, g_free);

  /* Abandoned before commit: the same. */
  {
    g_autoptr(SoleusFileWriter) writer = soleus_file_writer_open (path, &error);

    g_assert_no_error (error);
    soleus_file_writer_write (writer, "new\n", 4);
    soleus_file_writer_finish (writer, &error);
    g_assert_no_error (error);
  }
  assert_content (path, "old\n");
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "data.csv");
  g_clear_pointer (&names, g_free);

  /* A hard-linked file: both names keep the old content. */
  g_assert_cmpint (link (path, hard), ==, 0);
  limit_file_size (TRUE);
  g_assert_false (soleus_file_write_contents (hard, big, 200000, &error));
  limit_file_size (FALSE);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "hard.csv"));
  g_clear_error (&error);
  assert_content (path, "old\n");
  assert_content (hard, "old\n");
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "data.csv hard.csv");

  remove_dir (dir);
}

static void
test_output_names (void)
{
  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, "leg.png"));
  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, "/tmp/LEG.SVG"));
  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, "a/leg.pdf"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, "leg.gif"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, ".png"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, "dir/.png"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_PICTURE, "leg.png/"));

  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, "loop.MP4"));
  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, "loop.webm"));
  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, "loop.gif"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, "loop.png"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, "loop.pdf"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_RECORDING, ".mp4"));

  g_assert_true (soleus_output_path_fits (SOLEUS_OUTPUT_HANDOUT, "handout.pdf"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_HANDOUT, "handout.png"));
  g_assert_false (soleus_output_path_fits (SOLEUS_OUTPUT_HANDOUT, ".pdf"));

  /* The picture format goes by the same rule. */
  g_assert_true (soleus_render_format_from_path ("leg.png", NULL, NULL));
  g_assert_false (soleus_render_format_from_path (".png", NULL, NULL));
  g_assert_false (soleus_render_format_from_path ("dir/.svg", NULL, NULL));
}

static void
test_format_double (void)
{
  const double values[] = { 0.35, 0.1 + 0.2, 300, 1e-7, 1e300, -2.5, 1.0 / 3.0, 0 };
  const char *const texts[] = { "0.35", "0.30000000000000004", "300", "9.9999999999999995e-08",
                                "1.0000000000000001e+300", "-2.5", "0.33333333333333331", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double back;

      soleus_format_double (buf, values[i]);
      back = g_ascii_strtod (buf, NULL);
      g_assert_cmpmem (&back, sizeof back, &values[i], sizeof values[i]);
      if (i < 3 || i == 5 || i == 7)
        g_assert_cmpstr (buf, ==, texts[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/file-writer/new-file", test_new_file);
  g_test_add_func ("/io/file-writer/mode-kept", test_mode_kept);
  g_test_add_func ("/io/file-writer/planted-link", test_planted_link);
  g_test_add_func ("/io/file-writer/symlink-destination", test_symlink_destination);
  g_test_add_func ("/io/file-writer/hard-link", test_hard_link);
  g_test_add_func ("/io/file-writer/null-device", test_null_device);
  g_test_add_func ("/io/file-writer/full-device", test_full_device);
  g_test_add_func ("/io/file-writer/fifo", test_fifo);
  g_test_add_func ("/io/file-writer/proc-descriptor", test_proc_descriptor);
  g_test_add_func ("/io/file-writer/own-descriptor", test_own_descriptor);
  g_test_add_func ("/io/file-writer/directory", test_directory);
  g_test_add_func ("/io/file-writer/failure-keeps-old", test_failure_keeps_old);
  g_test_add_func ("/io/file-writer/output-names", test_output_names);
  g_test_add_func ("/io/file-writer/format-double", test_format_double);

  return g_test_run ();
}
