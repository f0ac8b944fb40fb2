/* CPUs this process may keep busy (cpus.h): its affinity, and its cgroup's
 * quota, v2 (cpu.max: "QUOTA PERIOD" or "max PERIOD") or v1
 * (cpu.cfs_quota_us, -1 for none, and cpu.cfs_period_us), looked up at the
 * process's own cgroup and at each cgroup above it, the tightest winning. */
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpus.h"

static bool read_text(const char *path, char *out, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f) return false;
    size_t got = fread(out, 1, n - 1, f);
    fclose(f);
    out[got] = 0;
    return got > 0;
}

/* The quota in CPUs at dir (v2 or v1 files), or 0 when it sets none. */
static double quota_at(const char *dir)
{
    char path[4200], text[128];
    snprintf(path, sizeof path, "%s/cpu.max", dir);
    if (read_text(path, text, sizeof text)) {
        if (!strncmp(text, "max", 3)) return 0;
        double q, p;
        return sscanf(text, "%lf %lf", &q, &p) == 2 && q > 0 && p > 0 ? q / p : 0;
    }
    snprintf(path, sizeof path, "%s/cpu.cfs_quota_us", dir);
    if (!read_text(path, text, sizeof text)) return 0;
    double q = atof(text);
    snprintf(path, sizeof path, "%s/cpu.cfs_period_us", dir);
    if (q <= 0 || !read_text(path, text, sizeof text)) return 0;
    double p = atof(text);
    return p > 0 ? q / p : 0;
}

/* The tightest quota from base/rel up to base. */
static double quota_up(const char *base, const char *rel)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s", base, rel);
    double best = 0;
    for (;;) {
        double q = quota_at(dir);
        if (q > 0 && (best == 0 || q < best)) best = q;
        char *slash = strrchr(dir, '/');
        if (!slash || (size_t)(slash - dir) < strlen(base)) break;
        *slash = 0;
    }
    return best;
}

int cpus_usable_from(int affinity, const char *proc_cgroup, const char *root)
{
    double quota = 0;
    const char *line = proc_cgroup;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char l[1024];
        snprintf(l, sizeof l, "%.*s", (int)(len < sizeof l ? len : sizeof l - 1), line);
        /* "ID:CONTROLLERS:PATH": v2 has ID 0 and no controllers, v1 names cpu among them */
        char *c1 = strchr(l, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (c2) {
            *c2 = 0;
            const char *ctl = c1 + 1, *path = c2 + 1;
            char base[4096];
            double q = 0;
            if (!*ctl) {
                snprintf(base, sizeof base, "%s", root);
                q = quota_up(base, path);
            } else if (!strcmp(ctl, "cpu") || !strncmp(ctl, "cpu,", 4) || strstr(ctl, ",cpu,") ||
                       (strlen(ctl) > 4 && !strcmp(ctl + strlen(ctl) - 4, ",cpu"))) {
                snprintf(base, sizeof base, "%s/%s", root, ctl);
                q = quota_up(base, path);
                if (q == 0) {
                    snprintf(base, sizeof base, "%s/cpu", root);
                    q = quota_up(base, path);
                }
            }
            if (q > 0 && (quota == 0 || q < quota)) quota = q;
        }
        line = end ? end + 1 : NULL;
    }
    int n = affinity > 0 ? affinity : 1;
    if (quota > 0 && (int)quota < n) n = (int)quota;
    return n < 1 ? 1 : n;
}

int cpus_usable(void)
{
    static int known;
    if (known) return known;
    cpu_set_t set;
    int affinity = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : (int)sysconf(_SC_NPROCESSORS_ONLN);
    char text[8192] = "";
    read_text("/proc/self/cgroup", text, sizeof text);
    known = cpus_usable_from(affinity, text, "/sys/fs/cgroup");
    return known;
}

/* "RUNTIME RUN_DELAY TIMESLICES": the second field. */
long long cpus_waited_from(const char *text)
{
    char *end;
    strtoull(text, &end, 10);
    if (end == text || *end != ' ') return -1;
    const char *p = end + 1;
    unsigned long long v = strtoull(p, &end, 10);
    return end == p ? -1 : (long long)v;
}

int cpus_wait_open(long tid)
{
    char path[64];
    if (tid) snprintf(path, sizeof path, "/proc/self/task/%ld/schedstat", tid);
    else snprintf(path, sizeof path, "/proc/thread-self/schedstat");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && cpus_waited_ns(fd) < 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

long long cpus_waited_ns(int fd)
{
    char text[96];
    /* the kernel writes the file anew for each read from its start */
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    if (n <= 0) return -1;
    text[n] = 0;
    return cpus_waited_from(text);
}

/* "cpuN user nice system idle iowait ...": idle and iowait of each CPU in mask. */
long long cpus_idle_from(const char *text, const unsigned char *mask, int bits)
{
    long long sum = 0;
    int seen = 0;
    for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9') continue;
        char *end;
        long n = strtol(line + 3, &end, 10);
        if (n < 0 || n >= bits || !(mask[n / 8] & (1u << (n % 8)))) continue;
        unsigned long long f[5];
        const char *p = end;
        int k = 0;
        for (; k < 5; k++) {
            f[k] = strtoull(p, &end, 10);
            if (end == p) break;
            p = end;
        }
        if (k < 5) return -1;
        sum += (long long)(f[3] + f[4]);
        seen++;
    }
    return seen ? sum : -1;
}

long long cpus_idle_ticks(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    unsigned char mask[CPU_SETSIZE / 8] = {0};
    for (int i = 0; i < CPU_SETSIZE; i++)
        if (CPU_ISSET(i, &set)) mask[i / 8] |= (unsigned char)(1u << (i % 8));
    /* a line per CPU, about 100 bytes each */
    static char text[1 << 16];
    if (!read_text("/proc/stat", text, sizeof text)) return -1;
    return cpus_idle_from(text, mask, CPU_SETSIZE);
}
