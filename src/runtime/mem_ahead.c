/* Pages faulted in ahead of need, by a thread of their own.
 *
 * A stream with millions of keys grows its state by gigabytes, and every
 * new page costs a fault the first time it is written: about a microsecond
 * as a rule, but now and then far longer (the kernel's page allocator, a
 * hypervisor that backs guest memory only when it is first touched). On the
 * virtual machine bench/pause was measured on, a loop that did nothing but
 * touch new pages saw one fault in about 2,000 take over 0.1 ms and one in
 * about 100,000 over 1 ms (up to 4.8 ms), and nearly every record of
 * bench/pause that took over 0.1 ms of its own time had touched a new page.
 * A growing stream must take its faults, but they need not be on the
 * record's path:
 *
 * - glibc's heap, where operator state comes from, is extended ahead of
 *   need by an eighth of its size (M_TOP_PAD, between glibc's 128 KiB and
 *   64 MiB), and each time an allocation sees the break move it wakes the
 *   thread, which faults the new pages in while the program is still
 *   using the ones before them;
 * - the big arrays of mem_pages (hash tables being resized, whose buckets
 *   move in from the start) are faulted in from their start the same way.
 *
 * How the thread faults a page matters as much as that it does (see
 * populate): it must change no byte the program may be writing, and hold
 * no lock the program's brk, mmap or munmap needs for longer than one
 * fault, or the program waits for the thread whenever the thread loses
 * its CPU to another program. A range given back or freed while it waits
 * is forgotten; one gone between the thread's look and its fault is an
 * EFAULT it ignores.
 *
 * It starts only when the process may run on two CPUs: on one, the thread
 * would take the same faults on the same CPU, and preempt the stream to do
 * it. It takes no signals. A forked copy (a checkpoint's writer) has no
 * thread: it faults its own pages, as everything does before the start. */
#include "cpus.h"
#include "mem.h"

#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#if defined(__GLIBC__) && defined(__linux__)
#define AHEAD_POSSIBLE 1
#else
#define AHEAD_POSSIBLE 0
#endif

enum {
    PIECE = 16 * 1024,
    MIN_PAD = 128 * 1024,           /* glibc's own top pad */
    MAX_PAD = 64 * 1024 * 1024,
    NRANGES = 8
};

/* A range of mem_pages to fault in: next < end while work is left. end is
 * 0 for a free slot and 1 while an allocator fills the slot in. */
typedef struct Range {
    _Atomic uintptr_t next, end;
} Range;

static atomic_bool ahead_on;
static uintptr_t heap_base;
static _Atomic uintptr_t heap_end;    /* the break as the allocators last saw it */
static _Atomic uintptr_t heap_low;    /* the lowest break since the thread looked (UINTPTR_MAX: no drop) */
static _Atomic size_t heap_pad;
static Range ranges[NRANGES];
static sem_t wake;

#if AHEAD_POSSIBLE
static int futex_word;   /* nobody waits on it: FUTEX_WAKE_OP below wakes no one */

/* Write-faults the pages of [from, from + n) without changing a byte:
 * FUTEX_WAKE_OP adds 0 to a word of each page, atomically (so a store the
 * program makes to that word at the same time is kept), and the kernel
 * faults the page in for it holding the mmap lock for that one fault only
 * (MADV_POPULATE_WRITE holds it across the whole range and yields the CPU
 * with it held, which made the program's brk and mmap wait for this thread
 * whenever another program took its CPU). A page no longer mapped is an
 * EFAULT, not a crash. */
static uintptr_t page_size;

static void populate(uintptr_t from, size_t n)
{
    uintptr_t page = page_size;
    const int add_zero = FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_EQ, 0);
    for (uintptr_t a = (from + page - 1) & ~(page - 1); a < from + n; a += page)
        syscall(SYS_futex, &futex_word, FUTEX_WAKE_OP_PRIVATE, 0, (void *)0, (void *)a, add_zero);
}

/* One piece of the first range with work left; false when none has any. */
static bool range_piece(void)
{
    for (int i = 0; i < NRANGES; i++) {
        Range *r = &ranges[i];
        uintptr_t end = atomic_load(&r->end);
        if (end <= 1) continue;
        uintptr_t next = atomic_load(&r->next);
        if (next >= end) {
            atomic_compare_exchange_strong(&r->end, &end, 0);
            continue;
        }
        size_t n = end - next < PIECE ? end - next : PIECE;
        populate(next, n);
        atomic_compare_exchange_strong(&r->next, &next, next + n);
        return true;
    }
    return false;
}

static void *ahead_main(void *arg)
{
    uintptr_t done = (uintptr_t)arg;   /* the heap is faulted in below here */
    for (;;) {
        while (sem_wait(&wake) != 0) {}
        for (;;) {
            uintptr_t low = atomic_exchange(&heap_low, UINTPTR_MAX);
            if (low < done) done = low;   /* the heap shrank: what grows back there is new */
            uintptr_t end = atomic_load(&heap_end);
            if (done < end) {
                size_t n = end - done < PIECE ? end - done : PIECE;
                populate(done, n);
                done += n;
                continue;
            }
            if (!range_piece()) break;
        }
    }
    return NULL;
}

static void child_after_fork(void) { atomic_store(&ahead_on, false); }

/* FUTEX_WAKE_OP faults a page in: what the thread relies on (a kernel
 * without it says ENOSYS; an emulator may say anything). */
static bool kernel_can_populate(void)
{
    long page = sysconf(_SC_PAGESIZE);
    int *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return false;
    unsigned char in = 0;
    bool ok = syscall(SYS_futex, &futex_word, FUTEX_WAKE_OP_PRIVATE, 0, (void *)0, p,
                      FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_EQ, 0)) == 0 &&
              mincore(p, (size_t)page, &in) == 0 && (in & 1);
    munmap(p, (size_t)page);
    return ok;
}
#endif

void mem_ahead_start(void)
{
#if AHEAD_POSSIBLE
    static bool tried;
    if (tried) return;
    tried = true;
    if (cpus_usable() < 2) return;
    page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    if (!kernel_can_populate() || sem_init(&wake, 0, 0) != 0) return;
    heap_base = (uintptr_t)sbrk(0);
    atomic_store(&heap_end, heap_base);
    atomic_store(&heap_low, UINTPTR_MAX);
    atomic_store(&heap_pad, MIN_PAD);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* the thread inherits a mask of every signal: they are the stream's */
    sigset_t all, was;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &was);
    pthread_t t;
    int rc = pthread_create(&t, &attr, ahead_main, (void *)heap_base);
    pthread_sigmask(SIG_SETMASK, &was, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) return;
    pthread_setname_np(t, "eddy-ahead");
    pthread_atfork(NULL, NULL, child_after_fork);
    atomic_store(&ahead_on, true);
    mem_ahead_heap();
#endif
}

bool mem_ahead_running(void) { return atomic_load_explicit(&ahead_on, memory_order_relaxed); }

void mem_ahead_heap(void)
{
#if AHEAD_POSSIBLE
    if (!atomic_load_explicit(&ahead_on, memory_order_relaxed)) return;
    uintptr_t end = (uintptr_t)sbrk(0), was = atomic_load_explicit(&heap_end, memory_order_relaxed);
    if (end == was || !atomic_compare_exchange_strong(&heap_end, &was, end)) return;
    if (end < was) {
        uintptr_t low = atomic_load(&heap_low);
        while (end < low && !atomic_compare_exchange_weak(&heap_low, &low, end)) {}
    }
    size_t pad = end > heap_base ? (end - heap_base) / 8 : 0;
    pad = pad < MIN_PAD ? MIN_PAD : pad > MAX_PAD ? MAX_PAD : pad & ~(size_t)(MIN_PAD - 1);
    if (atomic_exchange(&heap_pad, pad) != pad) mallopt(M_TOP_PAD, (int)pad);
    sem_post(&wake);
#endif
}

void mem_ahead_pages(void *p, size_t n)
{
#if AHEAD_POSSIBLE
    if (!atomic_load_explicit(&ahead_on, memory_order_relaxed)) return;
    for (int i = 0; i < NRANGES; i++) {
        uintptr_t free_slot = 0;
        if (!atomic_compare_exchange_strong(&ranges[i].end, &free_slot, 1)) continue;
        atomic_store(&ranges[i].next, (uintptr_t)p);
        atomic_store(&ranges[i].end, (uintptr_t)p + n);
        sem_post(&wake);
        return;
    }
#else
    (void)p, (void)n;
#endif
}

void mem_ahead_forget(void *p, size_t n)
{
#if AHEAD_POSSIBLE
    if (!atomic_load_explicit(&ahead_on, memory_order_relaxed)) return;
    uintptr_t lo = (uintptr_t)p, hi = lo + n;
    for (int i = 0; i < NRANGES; i++) {
        uintptr_t end = atomic_load(&ranges[i].end);
        if (end > 1 && atomic_load(&ranges[i].next) < hi && lo < end) atomic_compare_exchange_strong(&ranges[i].end, &end, 0);
    }
#else
    (void)p, (void)n;
#endif
}
