/* soleus-file-writer.c: the one way Soleus writes a file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * See soleus-file-writer.h for what happens to each kind of destination.
 * Links are followed here, one at a time, rather than by the system, so
 * that the temporary file lands beside the file that gets the content
 * (a rename cannot cross file systems) and the link itself is never
 * replaced. A link inside /proc (/dev/stdout, /dev/fd/N) names an open
 * descriptor rather than a path: what it reaches is written in place.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
#endif

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "soleus-file-writer.h"

#define BUFFER_SIZE (64 * 1024)

/* As the kernel's limit on links in one path (MAXSYMLINKS). */
#define MAX_LINKS 40

/* An extension longer than this is not kept on the temporary file. */
#define MAX_EXTENSION 16

typedef enum
{
  WRITE_REPLACE,    /* a temporary file renamed over the destination */
  WRITE_IN_PLACE,   /* a temporary file copied into the existing file */
  WRITE_STREAM,     /* straight into a device or FIFO */
} WriteMode;

struct _SoleusFileWriter
{
  char      *path;        /* as the caller gave it: the name in messages */
  char      *target;      /* what gets the content, links followed */
  char      *tmp_path;    /* NULL for WRITE_STREAM, or once removed */
  WriteMode  mode;
  int        fd;          /* the temporary file, or the device */
  int        target_fd;   /* WRITE_IN_PLACE: the file itself */
  gboolean   existed;     /* WRITE_REPLACE: a file was there... */
  struct stat old;        /* ...with this mode and owner */
  guint8    *buffer;
  gsize      buffered;
  guint64    length;      /* bytes written out so far */
  int        errsv;       /* the first failure's errno */
  gboolean   finished;
  gboolean   committed;
};

G_DEFINE_QUARK (soleus-file-writer-error-quark, soleus_file_writer_error)

static gboolean
fail (SoleusFileWriter *self,
      int               errsv)
{
  if (self->errsv == 0)
    self->errsv = errsv != 0 ? errsv : EIO;
  return FALSE;
}

gboolean
soleus_file_writer_set_error (SoleusFileWriter  *self,
                              GError           **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->errsv == 0)
    return FALSE;

  display = g_filename_display_name (self->path);
  g_set_error (error, SOLEUS_FILE_WRITER_ERROR, self->errsv,
               /* Translators: Could not write “leg.png”: No space left on device */
               _("Could not write “%s”: %s"), display, g_strerror (self->errsv));
  return TRUE;
}

gboolean
soleus_file_writer_set_error_in (SoleusFileWriter  *self,
                                 GQuark             domain,
                                 int                code,
                                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!soleus_file_writer_set_error (self, &local_error))
    return FALSE;

  g_set_error_literal (error, domain, code, local_error->message);
  return TRUE;
}

static gboolean
is_on_proc (const char *dir)
{
#ifdef __linux__
  struct statfs buf;

  return statfs (dir, &buf) == 0 && buf.f_type == PROC_SUPER_MAGIC;
#else
  return FALSE;
#endif
}

static char *
read_link (const char *path,
           int        *errsv)
{
  gsize size = 256;

  for (;;)
    {
      g_autofree char *buf = g_malloc (size);
      ssize_t n = readlink (path, buf, size);

      if (n < 0)
        {
          *errsv = errno;
          return NULL;
        }
      if ((gsize) n < size)
        {
          buf[n] = '\0';
          return g_steal_pointer (&buf);
        }
      size *= 2;
    }
}

/* Follows self->path's links to the file that gets the content: sets
 * self->target, *st (when *exists) and *through_proc. */
static gboolean
resolve_target (SoleusFileWriter *self,
                struct stat      *st,
                gboolean         *exists,
                gboolean         *through_proc)
{
  g_autofree char *current = g_strdup (self->path);

  *exists = FALSE;
  *through_proc = FALSE;

  for (guint hops = 0; ; hops++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *link = NULL;
      int errsv = 0;

      if (lstat (current, st) != 0)
        {
          if (errno != ENOENT)
            return fail (self, errno);
          /* A new file (or a dangling link's target): the directory, if
           * missing, is reported when the temporary file is made. */
          self->target = g_steal_pointer (&current);
          return TRUE;
        }

      if (!S_ISLNK (st->st_mode))
        {
          *exists = TRUE;
          self->target = g_steal_pointer (&current);
          return TRUE;
        }

      dir = g_path_get_dirname (current);
      if (is_on_proc (dir))
        {
          g_autofree char *real_dir = realpath (dir, NULL);
          g_autofree char *base = g_path_get_basename (current);

          if (stat (current, st) != 0)
            return fail (self, errno);
          *exists = TRUE;
          *through_proc = TRUE;
          self->target = real_dir != NULL ? g_build_filename (real_dir, base, NULL)
                                          : g_steal_pointer (&current);
          return TRUE;
        }

      if (hops >= MAX_LINKS)
        return fail (self, ELOOP);

      link = read_link (current, &errsv);
      if (link == NULL)
        return fail (self, errsv);

      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link)
                                          : g_build_filename (dir, link, NULL);
    }
}

/* A new file DIR/.soleus-tmp-XXXXXX.EXT, EXT being the target's extension
 * (for whoever looks at the directory meanwhile): O_CREAT | O_EXCL, so
 * never through a link, with a name no one can guess. */
static gboolean
create_tmp (SoleusFileWriter *self,
            const char       *dir,
            int               flags,
            int               mode)
{
  g_autofree char *base = g_path_get_basename (self->target);
  g_autofree char *name = NULL;
  const char *ext = strrchr (base, '.');

  if (ext == NULL || ext == base || strlen (ext) > MAX_EXTENSION)
    ext = "";
  name = g_strconcat (".soleus-tmp-XXXXXX", ext, NULL);
  self->tmp_path = g_build_filename (dir, name, NULL);

  self->fd = g_mkstemp_full (self->tmp_path, flags | O_CLOEXEC | O_NOFOLLOW, mode);
  if (self->fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (&self->tmp_path, g_free);
      return fail (self, errsv);
    }

  return TRUE;
}

/* N for PROC/fd/N where PROC is this process's directory in /proc (or
 * that of one of its threads, which share its descriptors), or -1. path
 * has its directory resolved (realpath), so /dev/fd/N and /proc/self/fd/N
 * arrive as /proc/PID/fd/N. */
static int
own_descriptor (const char *path)
{
  g_autofree char *own = g_strdup_printf ("/proc/%d/", (int) getpid ());
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  guint64 n;

  if (!g_str_has_prefix (dir, own) || !g_str_has_suffix (dir, "/fd")
      || !g_ascii_string_to_unsigned (base, 10, 0, G_MAXINT, &n, NULL))
    return -1;

  return (int) n;
}

/* One of this process's own descriptors, writable, on the file st
 * describes (/dev/stdout, /dev/fd/N): a copy of it, so that the content
 * lands where the descriptor stands, before what is written to it later
 * (a summary after a CSV on stdout redirected to a file). Else -1. */
static int
dup_own_descriptor (const char        *path,
                    const struct stat *st)
{
  int n = own_descriptor (path);
  struct stat opened;
  int flags;

  if (n < 0 || fstat (n, &opened) != 0
      || opened.st_dev != st->st_dev || opened.st_ino != st->st_ino)
    return -1;

  flags = fcntl (n, F_GETFL);
  if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY)
    return -1;

  return fcntl (n, F_DUPFD_CLOEXEC, 0);
}

static gboolean
open_destination (SoleusFileWriter *self)
{
  g_autofree char *dir = NULL;
  gboolean exists, through_proc;
  struct stat st;
  int nofollow;

  if (self->path[0] == '\0')
    return fail (self, ENOENT);

  if (!resolve_target (self, &st, &exists, &through_proc))
    return FALSE;

  if (exists && S_ISDIR (st.st_mode))
    return fail (self, EISDIR);

  /* The target is no link (or a /proc one, which only the system follows). */
  nofollow = through_proc ? 0 : O_NOFOLLOW;

  if (through_proc)
    {
      self->fd = dup_own_descriptor (self->target, &st);
      if (self->fd >= 0)
        {
          self->mode = WRITE_STREAM;
          return TRUE;
        }
    }
  dir = g_path_get_dirname (self->target);

  if (!exists || (S_ISREG (st.st_mode) && st.st_nlink <= 1 && !through_proc))
    {
      self->mode = WRITE_REPLACE;
      self->existed = exists;
      self->old = st;
      /* An old file's content may be private: its mode comes on commit. */
      return create_tmp (self, dir, O_WRONLY, exists ? 0600 : 0666);
    }

  if (S_ISREG (st.st_mode))
    {
      struct stat opened;

      self->mode = WRITE_IN_PLACE;
      self->target_fd = open (self->target, O_WRONLY | O_NOCTTY | O_CLOEXEC | nofollow);
      if (self->target_fd < 0)
        return fail (self, errno);
      if (fstat (self->target_fd, &opened) != 0)
        return fail (self, errno);
      if (!S_ISREG (opened.st_mode))
        return fail (self, EBUSY);
      /* Beside the file if its directory lets us, else in the temporary
       * directory: the content is copied, never renamed, in place. */
      if (!through_proc && create_tmp (self, dir, O_RDWR, 0600))
        return TRUE;
      self->errsv = 0;
      return create_tmp (self, g_get_tmp_dir (), O_RDWR, 0600);
    }

  self->mode = WRITE_STREAM;
  self->fd = open (self->target, O_WRONLY | O_NOCTTY | O_CLOEXEC | nofollow);
  if (self->fd < 0)
    return fail (self, errno);

  return TRUE;
}

SoleusFileWriter *
soleus_file_writer_open (const char  *path,
                         GError     **error)
{
  g_autoptr(SoleusFileWriter) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (SoleusFileWriter, 1);
  self->path = g_strdup (path);
  self->fd = -1;
  self->target_fd = -1;
  self->buffer = g_malloc (BUFFER_SIZE);

  if (!open_destination (self))
    {
      soleus_file_writer_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static gboolean
write_all (SoleusFileWriter *self,
           const guint8     *data,
           gsize             length)
{
  while (length > 0)
    {
      ssize_t n = write (self->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail (self, n < 0 ? errno : ENOSPC);
      data += n;
      length -= (gsize) n;
      self->length += (guint64) n;
    }

  return TRUE;
}

static gboolean
flush_buffer (SoleusFileWriter *self)
{
  gsize n = self->buffered;

  self->buffered = 0;
  return self->errsv == 0 && write_all (self, self->buffer, n);
}

gboolean
soleus_file_writer_write (SoleusFileWriter *self,
                          const void       *data,
                          gsize             length)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (self->errsv != 0)
    return FALSE;

  if (self->buffered + length > BUFFER_SIZE && !flush_buffer (self))
    return FALSE;

  if (length >= BUFFER_SIZE)
    return write_all (self, data, length);

  memcpy (self->buffer + self->buffered, data, length);
  self->buffered += length;
  return TRUE;
}

/* Reserves the space the new content needs in the file itself, so that
 * copying it in cannot run out of room halfway; on failure the file keeps
 * its old length (glibc's fallback writes zeros only where there are). */
static gboolean
reserve_in_place (SoleusFileWriter *self)
{
  struct stat st;
  int r;

  if (fstat (self->target_fd, &st) != 0)
    return fail (self, errno);
  if (self->length <= (guint64) st.st_size)
    return TRUE;

  r = posix_fallocate (self->target_fd, 0, (off_t) self->length);
  if (r != 0)
    {
      if (ftruncate (self->target_fd, st.st_size) != 0)
        g_debug ("could not restore the length of %s: %s", self->target, g_strerror (errno));
      return fail (self, r);
    }

  return TRUE;
}

gboolean
soleus_file_writer_finish (SoleusFileWriter  *self,
                           GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!self->finished)
    {
      self->finished = TRUE;
      flush_buffer (self);

      if (self->errsv == 0 && self->mode != WRITE_STREAM && fsync (self->fd) != 0)
        fail (self, errno);

      if (self->errsv == 0 && self->mode == WRITE_REPLACE)
        {
          if (self->existed)
            {
              /* The owner first: a change of owner clears the set-ID bits.
               * Only root may give a file away; anyone may keep it. */
              if (fchown (self->fd, self->old.st_uid, self->old.st_gid) != 0)
                g_debug ("%s keeps a new owner: %s", self->path, g_strerror (errno));
              if (fchmod (self->fd, self->old.st_mode & 07777) != 0)
                fail (self, errno);
            }
          if (close (self->fd) != 0)
            fail (self, errno);
          self->fd = -1;
        }

      if (self->errsv == 0 && self->mode == WRITE_IN_PLACE)
        reserve_in_place (self);
    }

  if (self->errsv != 0)
    {
      soleus_file_writer_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Copies the complete temporary file into the file itself. */
static gboolean
copy_in_place (SoleusFileWriter *self)
{
  guint64 offset = 0;

  while (offset < self->length)
    {
      gsize chunk = (gsize) MIN ((guint64) BUFFER_SIZE, self->length - offset);
      ssize_t n = pread (self->fd, self->buffer, chunk, (off_t) offset);
      gsize done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail (self, n < 0 ? errno : EIO);

      while (done < (gsize) n)
        {
          ssize_t w = pwrite (self->target_fd, self->buffer + done, (gsize) n - done,
                              (off_t) (offset + done));

          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            return fail (self, w < 0 ? errno : ENOSPC);
          done += (gsize) w;
        }
      offset += (guint64) n;
    }

  if (ftruncate (self->target_fd, (off_t) self->length) != 0)
    return fail (self, errno);
  if (fsync (self->target_fd) != 0)
    return fail (self, errno);

  return TRUE;
}

static void
remove_tmp (SoleusFileWriter *self)
{
  if (self->fd >= 0 && self->mode != WRITE_STREAM)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->tmp_path != NULL)
    {
      g_unlink (self->tmp_path);
      g_clear_pointer (&self->tmp_path, g_free);
    }
}

gboolean
soleus_file_writer_commit (SoleusFileWriter  *self,
                           GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!soleus_file_writer_finish (self, error))
    {
      remove_tmp (self);
      return FALSE;
    }

  switch (self->mode)
    {
    case WRITE_REPLACE:
      if (g_rename (self->tmp_path, self->target) != 0)
        fail (self, errno);
      else
        g_clear_pointer (&self->tmp_path, g_free);
      break;

    case WRITE_IN_PLACE:
      copy_in_place (self);
      if (close (self->target_fd) != 0)
        fail (self, errno);
      self->target_fd = -1;
      break;

    case WRITE_STREAM:
    default:
      if (close (self->fd) != 0)
        fail (self, errno);
      self->fd = -1;
      break;
    }

  remove_tmp (self);
  if (self->errsv != 0)
    {
      soleus_file_writer_set_error (self, error);
      return FALSE;
    }

  self->committed = TRUE;
  return TRUE;
}

int
soleus_file_writer_get_errno (SoleusFileWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->errsv;
}

const char *
soleus_file_writer_get_path (SoleusFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
soleus_file_writer_get_tmp_path (SoleusFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tmp_path;
}

void
soleus_file_writer_free (SoleusFileWriter *self)
{
  if (self == NULL)
    return;

  remove_tmp (self);
  if (self->fd >= 0)
    close (self->fd);
  if (self->target_fd >= 0)
    close (self->target_fd);

  g_free (self->buffer);
  g_free (self->target);
  g_free (self->path);
  g_free (self);
}

gboolean
soleus_file_write_contents (const char  *path,
                            const void  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(SoleusFileWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  writer = soleus_file_writer_open (path, error);
  if (writer == NULL)
    return FALSE;

  soleus_file_writer_write (writer, data, length);
  return soleus_file_writer_commit (writer, error);
}

/* ---------------------------------------------------------------------- */
/* Output names */

gboolean
soleus_output_path_has_extension (const char *path,
                                  const char *extension)
{
  const char *base;
  size_t length, ext_length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (extension != NULL, FALSE);

  base = strrchr (path, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : path;
  length = strlen (base);
  ext_length = strlen (extension);

  return length > ext_length
         && g_ascii_strcasecmp (base + length - ext_length, extension) == 0;
}

gboolean
soleus_output_path_fits (SoleusOutputKind  kind,
                         const char       *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  switch (kind)
    {
    case SOLEUS_OUTPUT_PICTURE:
      return soleus_output_path_has_extension (path, ".png")
             || soleus_output_path_has_extension (path, ".svg")
             || soleus_output_path_has_extension (path, ".pdf");
    case SOLEUS_OUTPUT_RECORDING:
      return soleus_output_path_has_extension (path, ".mp4")
             || soleus_output_path_has_extension (path, ".webm")
             || soleus_output_path_has_extension (path, ".gif");
    case SOLEUS_OUTPUT_HANDOUT:
      return soleus_output_path_has_extension (path, ".pdf");
    default:
      g_return_val_if_reached (FALSE);
    }
}
