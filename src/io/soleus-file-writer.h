/* soleus-file-writer.h: the one way Soleus writes a file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every file the window and soleus-cli write goes through a
 * SoleusFileWriter, so that both treat what is already there the same way:
 *
 * - A plain file, or none: the content goes to a new temporary file beside
 *   it, created with a name no one can guess and never through a link
 *   (O_CREAT | O_EXCL | O_NOFOLLOW), readable only by its owner while it is
 *   written. On commit it takes the old file's mode and, where the system
 *   allows, its owner and group (a 0600 file stays 0600; a new file gets
 *   0666 less the umask), is flushed to disk and renamed over the
 *   destination. A failure at any point removes the temporary file and
 *   leaves the old file as it was.
 * - A symbolic link: its target gets the content, as above, and the link
 *   stays a link (a dangling link's target is created).
 * - One of this process's open descriptors (/dev/stdout, /dev/fd/N),
 *   writable: written through it as it stands, so that the content lands
 *   where the descriptor is and what is written to it afterwards follows
 *   (a CSV on /dev/stdout, then a summary, into a file or a pipe).
 * - A plain file with other hard links, or one reached through another
 *   /proc link: every name must keep meaning the same file, so the content
 *   is first written to a temporary file in full, the space it needs is
 *   then reserved in the file, and only then is it copied into the file in
 *   place. A failure before the copy (a full disk included) leaves the old
 *   content.
 * - A character or block device, a FIFO: written into as it is, never
 *   replaced (/dev/null, /dev/stdout on a terminal or a pipe). Opening a
 *   FIFO waits for its reader, as any program writing to one does.
 * - A directory: refused.
 *
 * Errors are in the SOLEUS_FILE_WRITER_ERROR domain with the errno value as
 * their code (ENOSPC), for callers with their own wording, and say
 * "Could not write “FILE”: REASON" with the name the caller gave (never the
 * temporary one) and the system's reason ("No space left on device").
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOLEUS_FILE_WRITER_ERROR (soleus_file_writer_error_quark ())

typedef struct _SoleusFileWriter SoleusFileWriter;

GQuark            soleus_file_writer_error_quark (void);

/* Starts writing path: checks what is there and opens the temporary file
 * (or the device), so that an unwritable place fails before any work. */
SoleusFileWriter *soleus_file_writer_open        (const char        *path,
                                                  GError           **error);

/* Appends data. After the first failure every write is refused and
 * returns FALSE; the reason is reported by finish and commit. */
gboolean          soleus_file_writer_write       (SoleusFileWriter  *self,
                                                  const void        *data,
                                                  gsize              length);

/* Writes out what is buffered and flushes it to disk: after this only the
 * replacement itself (a rename, or the copy in place) remains, so a caller
 * with other outputs can check them all before committing any. */
gboolean          soleus_file_writer_finish      (SoleusFileWriter  *self,
                                                  GError           **error);

/* Finishes if needed and puts the content in place. On failure the old
 * file is kept and the temporary file removed. */
gboolean          soleus_file_writer_commit      (SoleusFileWriter  *self,
                                                  GError           **error);

/* The errno of the first failure, 0 while none. */
int               soleus_file_writer_get_errno   (SoleusFileWriter  *self);

/* Sets error from the first failure (FALSE if there was none). */
gboolean          soleus_file_writer_set_error   (SoleusFileWriter  *self,
                                                  GError           **error);
/* The same message in a caller's error domain. */
gboolean          soleus_file_writer_set_error_in (SoleusFileWriter *self,
                                                   GQuark            domain,
                                                   int               code,
                                                   GError          **error);

/* The path as given to soleus_file_writer_open (). */
const char       *soleus_file_writer_get_path    (SoleusFileWriter  *self);

/* The temporary file, or NULL when writing straight into a device or FIFO;
 * for a caller that removes it should the process be interrupted. */
const char       *soleus_file_writer_get_tmp_path (SoleusFileWriter *self);

/* Abandons what is not committed: the temporary file is removed, the
 * destination untouched. */
void              soleus_file_writer_free        (SoleusFileWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SoleusFileWriter, soleus_file_writer_free)

/* Opens, writes and commits in one call. */
gboolean          soleus_file_write_contents     (const char        *path,
                                                  const void        *data,
                                                  gsize              length,
                                                  GError           **error);

/* What each kind of output may be called: one rule for the window and the
 * CLI. The name must end in one of the kind's extensions (any case), with
 * something before it: ".png" alone is a hidden file with no extension. */
typedef enum
{
  SOLEUS_OUTPUT_PICTURE,     /* .png, .svg or .pdf */
  SOLEUS_OUTPUT_RECORDING,   /* .mp4, .webm or .gif: a video */
  SOLEUS_OUTPUT_HANDOUT,     /* .pdf */
} SoleusOutputKind;

gboolean          soleus_output_path_has_extension (const char      *path,
                                                    const char      *extension);
gboolean          soleus_output_path_fits          (SoleusOutputKind kind,
                                                    const char      *path);

G_END_DECLS
