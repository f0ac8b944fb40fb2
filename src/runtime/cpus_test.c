/* CPUs usable under a cgroup quota: v2 and v1 files in a made-up tree,
 * the tightest quota on the way up winning, whole CPUs only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

void cpus_tests(void)
{
    static const TestCase cases[] = {{"CPUs under a cgroup quota", test_quota}, {NULL, NULL}};
    test_suite("usable CPUs", cases);
}
