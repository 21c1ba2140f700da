/* test-allocation.c: no heap allocation inside a model step
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The core promises that soleus_model_step () never allocates (the macro
 * grid's copy is made once, in soleus_model_new ()). This program counts
 * every malloc, calloc and realloc call in the process and asserts that
 * thousands of steps make none.
 *
 * How the calls are counted depends on the build:
 *  - with glibc and no sanitizer, this executable defines malloc, calloc
 *    and realloc itself (as soleus-cli does for its bench): the dynamic
 *    linker resolves every call in the process to them, the core's
 *    included; each counts the call and hands it to glibc's allocator
 *    through its exported __libc_* entry points, so free () stays
 *    consistent;
 *  - under AddressSanitizer, which must own malloc itself, the sanitizer's
 *    allocator calls a hook installed with
 *    __sanitizer_install_malloc_and_free_hooks () on every allocation;
 *  - anywhere else nothing can be counted and the test says SKIP.
 * Either way the test first checks that a known allocation is seen, so it
 * never passes because the counter is blind.
 */

#include <stddef.h>
#include <stdlib.h>

#include <glib.h>

#include "soleus-model.h"

#if defined (__SANITIZE_ADDRESS__)
# define COUNT_WITH_ASAN_HOOK 1
#elif defined (__has_feature)
# if __has_feature (address_sanitizer)
#  define COUNT_WITH_ASAN_HOOK 1
# endif
#endif

#if !defined (COUNT_WITH_ASAN_HOOK) && defined (HAVE_LIBC_MALLOC) && \
    !defined (__SANITIZE_THREAD__)
# define COUNT_BY_INTERPOSING 1
#endif

static guint64 n_allocs;

#if defined (COUNT_BY_INTERPOSING)

extern void *__libc_malloc  (size_t  size);
extern void *__libc_calloc  (size_t  n_members,
                             size_t  size);
extern void *__libc_realloc (void   *ptr,
                             size_t  size);

void *
malloc (size_t size)
{
  __atomic_fetch_add (&n_allocs, 1, __ATOMIC_RELAXED);
  return __libc_malloc (size);
}

void *
calloc (size_t n_members,
        size_t size)
{
  __atomic_fetch_add (&n_allocs, 1, __ATOMIC_RELAXED);
  return __libc_calloc (n_members, size);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  __atomic_fetch_add (&n_allocs, 1, __ATOMIC_RELAXED);
  return __libc_realloc (ptr, size);
}

static const char *
start_counting (void)
{
  return NULL;
}

#elif defined (COUNT_WITH_ASAN_HOOK)

/* In the sanitizer runtime since 2016; GCC ships no header for it. */
int __sanitizer_install_malloc_and_free_hooks (void (*malloc_hook) (const volatile void *ptr,
                                                                    size_t               size),
                                               void (*free_hook) (const volatile void *ptr));

static void
count_malloc (const volatile void *ptr,
              size_t               size)
{
  __atomic_fetch_add (&n_allocs, 1, __ATOMIC_RELAXED);
}

static void
ignore_free (const volatile void *ptr)
{
}

static const char *
start_counting (void)
{
  static gboolean installed;

  if (!installed)
    installed = __sanitizer_install_malloc_and_free_hooks (count_malloc, ignore_free) != 0;
  return installed ? NULL : "the sanitizer runtime refused the allocation hook";
}

#else

static const char *
start_counting (void)
{
  return "allocations cannot be counted in this build: no glibc __libc_malloc to "
         "interpose on, and no AddressSanitizer hook";
}

#endif

static guint64
alloc_count (void)
{
  return __atomic_load_n (&n_allocs, __ATOMIC_RELAXED);
}

/* Skips the calling test when nothing can be counted, and fails it when the
 * counter misses an allocation made on purpose. Returns FALSE on skip. */
static gboolean
counter_works (void)
{
  /* volatile: the compiler may drop a malloc/free pair it can see */
  void *(*volatile do_malloc) (size_t) = malloc;
  void *(*volatile do_calloc) (size_t, size_t) = calloc;
  void *(*volatile do_realloc) (void *, size_t) = realloc;
  const char *why_not = start_counting ();
  guint64 before;
  void *p;

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return FALSE;
    }

  before = alloc_count ();
  p = do_malloc (24);
  g_assert_cmpuint (alloc_count () - before, ==, 1);
  free (p);
  p = do_calloc (3, 8);
  g_assert_cmpuint (alloc_count () - before, ==, 2);
  p = do_realloc (p, 4096);
  g_assert_cmpuint (alloc_count () - before, ==, 3);
  free (p);
  return TRUE;
}

static void
test_counter (void)
{
  if (counter_works ())
    g_test_message ("allocations are counted by %s",
#if defined (COUNT_BY_INTERPOSING)
                    "malloc, calloc and realloc defined in this program"
#else
                    "the AddressSanitizer allocation hook"
#endif
                    );
}

/* Steps a model in one situation and returns the allocations the steps
 * made. */
static guint64
allocs_in_steps (SoleusModel *m,
                 guint64      n_steps)
{
  guint64 before = alloc_count ();

  soleus_model_step (m, n_steps);
  return alloc_count () - before;
}

static void
test_step (void)
{
  static const struct
  {
    const char *name;
    double      posture;
    double      speed_kmh;
    double      exercise_per_min;
    double      valve_weakness;
  } cases[] = {
    { "walking 4 km/h", SOLEUS_POSTURE_STANDING, 4.0, 0, 0 },
    { "standing still", SOLEUS_POSTURE_STANDING, 0, 0, 0 },
    { "walking with weak valves", SOLEUS_POSTURE_STANDING, 3.0, 0, 1.0 },
    { "ankle exercise sitting", SOLEUS_POSTURE_SITTING, 0, 60, 0 },
    { "legs up", SOLEUS_POSTURE_LEGS_UP, 0, 0, 0 },
  };
  SoleusModel *m;

  if (!counter_works ())
    return;

  m = soleus_model_new ();
  g_assert_nonnull (m);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 n;

      soleus_model_reset (m);
      g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_POSTURE, cases[i].posture));
      g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_SPEED_KMH, cases[i].speed_kmh));
      g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN,
                                             cases[i].exercise_per_min));
      g_assert_true (soleus_model_set_param (m, SOLEUS_PARAM_VALVE_WEAKNESS,
                                             cases[i].valve_weakness));
      n = allocs_in_steps (m, 20000);
      g_test_message ("%s: %" G_GUINT64_FORMAT " allocations in 20000 steps",
                      cases[i].name, n);
      g_assert_cmpuint (n, ==, 0);
    }
  soleus_model_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/allocation/counter", test_counter);
  g_test_add_func ("/core/allocation/step", test_step);

  return g_test_run ();
}
