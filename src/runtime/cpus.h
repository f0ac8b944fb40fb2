/* How many CPUs this process may keep busy: the ones it may run on
 * (sched_getaffinity), fewer when its cgroup's CPU quota allows less
 * (a container limited to 1.5 CPUs may use one whole CPU: the quota's
 * whole CPUs, at least one). Threads that only pay off on a CPU of their
 * own (a reader thread, the page-fault-ahead thread) ask this first. */
#ifndef EDDY_CPUS_H
#define EDDY_CPUS_H

int cpus_usable(void);
/* The same from given parts (for tests): the CPUs of the affinity mask,
 * the text of /proc/self/cgroup, and where cgroup filesystems are mounted. */
int cpus_usable_from(int affinity, const char *proc_cgroup, const char *cgroup_root);

/* How long a thread of this process waited for a CPU while it could run
 * (the kernel's schedstat run_delay): the sign that the CPUs are shared
 * with other work. cpus_wait_open gives the descriptor to read it from
 * for the thread with kernel id tid (0: the calling thread), -1 where the
 * kernel does not say; cpus_waited_ns reads it: nanoseconds, -1 on a
 * failure. cpus_waited_from reads the file's text (for tests). */
int cpus_wait_open(long tid);
long long cpus_waited_ns(int fd);
long long cpus_waited_from(const char *schedstat);

/* How long the CPUs this process may run on were idle (or waiting for
 * I/O), summed, in clock ticks (sysconf(_SC_CLK_TCK) a second), from
 * /proc/stat; -1 where it cannot be read. cpus_idle_from reads the
 * file's text for the CPUs in mask (CPU n: bit n; for tests). */
long long cpus_idle_ticks(void);
long long cpus_idle_from(const char *proc_stat, const unsigned char *mask, int mask_bits);

#endif
