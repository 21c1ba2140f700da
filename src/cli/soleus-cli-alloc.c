/* soleus-cli-alloc.c: counting heap allocations for `soleus-cli bench`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core promises no heap allocation inside a step. To check it, this file
 * (linked into the soleus-cli executable itself, not a library) defines
 * malloc, calloc and realloc: the dynamic linker resolves every call in the
 * process to them, GLib's and the core's included. Each counts the call and
 * hands it to glibc's own allocator through its exported __libc_* entry
 * points, so free () and the rest of glibc's allocator stay untouched and
 * consistent. The bench reads the count before and after N steps.
 *
 * Where the C library has no __libc_malloc (not glibc), or under
 * AddressSanitizer (which must own malloc and free itself), nothing is
 * interposed and the bench reports the allocations as not measured.
 * posix_memalign, aligned_alloc and memalign are not counted; the core has
 * no reason to call them.
 */

#include "config.h"

#include <stdlib.h>

#include "soleus-cli-private.h"

#if defined (__SANITIZE_ADDRESS__) || defined (__SANITIZE_THREAD__)
# undef SOLEUS_CLI_COUNT_ALLOCS
#endif

#ifdef SOLEUS_CLI_COUNT_ALLOCS

extern void *__libc_malloc  (size_t  size);
extern void *__libc_calloc  (size_t  n_members,
                             size_t  size);
extern void *__libc_realloc (void   *ptr,
                             size_t  size);

static guint64 n_allocs_total;

void *
malloc (size_t size)
{
  __atomic_fetch_add (&n_allocs_total, 1, __ATOMIC_RELAXED);
  return __libc_malloc (size);
}

void *
calloc (size_t n_members,
        size_t size)
{
  __atomic_fetch_add (&n_allocs_total, 1, __ATOMIC_RELAXED);
  return __libc_calloc (n_members, size);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  __atomic_fetch_add (&n_allocs_total, 1, __ATOMIC_RELAXED);
  return __libc_realloc (ptr, size);
}

gboolean
soleus_cli_alloc_count (guint64 *n_allocs)
{
  *n_allocs = __atomic_load_n (&n_allocs_total, __ATOMIC_RELAXED);
  return TRUE;
}

#else /* !SOLEUS_CLI_COUNT_ALLOCS */

gboolean
soleus_cli_alloc_count (guint64 *n_allocs)
{
  *n_allocs = 0;
  return FALSE;
}

#endif
