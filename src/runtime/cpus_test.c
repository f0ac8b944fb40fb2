/* CPUs usable under a cgroup quota: v2 and v1 files in a made-up tree,
 * the tightest quota on the way up winning, whole CPUs only; and the time
 * a thread waited for a CPU. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cpus.h"
#include "src/test.h"

static char root[512];

static void put(const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    /* each directory on the way */
    for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_quota(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/eddy-cpus-test-XXXXXX", t && *t ? t : P_tmpdir);
    CU_ASSERT_FATAL(mkdtemp(root) != NULL);
    /* no quota anywhere: the affinity */
    CU_ASSERT_EQUAL(cpus_usable_from(4, "0::/app\n", root), 4);
    CU_ASSERT_EQUAL(cpus_usable_from(0, "", root), 1);
    /* v2: 1.5 CPUs is one whole CPU; "max" is none */
    put("app/cpu.max", "150000 100000\n");
    CU_ASSERT_EQUAL(cpus_usable_from(4, "0::/app\n", root), 1);
    put("app/cpu.max", "max 100000\n");
    CU_ASSERT_EQUAL(cpus_usable_from(4, "0::/app\n", root), 4);
    /* a parent's tighter quota wins over the child's */
    put("app/cpu.max", "300000 100000\n");
    put("app/job/cpu.max", "max 100000\n");
    CU_ASSERT_EQUAL(cpus_usable_from(8, "0::/app/job\n", root), 3);
    /* fewer CPUs to run on than the quota: the affinity */
    CU_ASSERT_EQUAL(cpus_usable_from(2, "0::/app/job\n", root), 2);
    /* v1: cpu,cpuacct mounted together; -1 is no quota */
    put("cpu,cpuacct/box/cpu.cfs_quota_us", "200000\n");
    put("cpu,cpuacct/box/cpu.cfs_period_us", "100000\n");
    CU_ASSERT_EQUAL(cpus_usable_from(8, "12:memory:/box\n4:cpu,cpuacct:/box\n", root), 2);
    put("cpu,cpuacct/box/cpu.cfs_quota_us", "-1\n");
    CU_ASSERT_EQUAL(cpus_usable_from(8, "4:cpu,cpuacct:/box\n", root), 8);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CU_ASSERT(system(cmd) == 0);
}

static void test_waited_text(void)
{
    CU_ASSERT_EQUAL(cpus_waited_from("945855986 585534296 161\n"), 585534296LL);
    CU_ASSERT_EQUAL(cpus_waited_from("0 0 1\n"), 0);
    CU_ASSERT_EQUAL(cpus_waited_from(""), -1);
    CU_ASSERT_EQUAL(cpus_waited_from("12\n"), -1);
    CU_ASSERT_EQUAL(cpus_waited_from("12 x 3"), -1);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *spin(void *arg)
{
    double until = *(const double *)arg;
    while (now_s() < until) {}
    return NULL;
}

/* Two threads kept busy on one CPU for 0.3 s: each waits for it about
 * half the time, and the count says so. */
static void test_waited_live(void)
{
    int fd = cpus_wait_open(0);
    if (fd < 0) return;   /* a kernel without schedstat: nothing to read */
    cpu_set_t one, old;
    CU_ASSERT_FATAL(sched_getaffinity(0, sizeof old, &old) == 0);
    CPU_ZERO(&one);
    int cpu = sched_getcpu();
    CPU_SET(cpu < 0 ? 0 : cpu, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) {
        close(fd);
        return;
    }
    long long before = cpus_waited_ns(fd);
    double until = now_s() + 0.3;
    pthread_t other;   /* created with the pinned affinity */
    CU_ASSERT_FATAL(pthread_create(&other, NULL, spin, &until) == 0);
    spin(&until);
    pthread_join(other, NULL);
    long long after = cpus_waited_ns(fd);
    sched_setaffinity(0, sizeof old, &old);
    close(fd);
    CU_ASSERT(before >= 0);
    /* a kernel without schedstat counts nothing (0): eddy then never judges the CPUs shared */
    if (after != before) CU_ASSERT(after - before >= 30000000LL);   /* 30 ms of the 150 ms expected */
}

static void test_idle_text(void)
{
    const char *stat = "cpu  900 0 300 5000 40 0 0 0 0 0\n"
                       "cpu0 500 0 100 2000 10 0 0 0 0 0\n"
                       "cpu1 400 0 200 3000 30 0 0 0 0 0\n"
                       "intr 12345\n";
    unsigned char both[1] = {3}, second[1] = {2}, none[1] = {4};
    CU_ASSERT_EQUAL(cpus_idle_from(stat, both, 8), 5040);
    CU_ASSERT_EQUAL(cpus_idle_from(stat, second, 8), 3030);
    CU_ASSERT_EQUAL(cpus_idle_from(stat, none, 8), -1);   /* none of its CPUs listed */
    CU_ASSERT_EQUAL(cpus_idle_from("cpu0 1 2\n", both, 8), -1);
    CU_ASSERT(cpus_idle_ticks() >= 0);
}

void cpus_tests(void)
{
    static const TestCase cases[] = {{"CPUs under a cgroup quota", test_quota},
                                     {"time waited for a CPU, from the kernel's text", test_waited_text},
                                     {"time waited for a CPU shared with a busy thread", test_waited_live},
                                     {"idle time of the CPUs, from the kernel's text", test_idle_text},
                                     {NULL, NULL}};
    test_suite("usable CPUs", cases);
}
