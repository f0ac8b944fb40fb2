/* Each Kafka partition's state in the shared state directory, a file per
 * generation (partition_files.h says why by link). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partition_files.h"
#include "state_file.h"

static void gen_name(char *out, size_t n, const char *topic, int32_t partition, uint64_t gen)
{
    snprintf(out, n, "%s.%d.%llu", topic, (int)partition, (unsigned long long)gen);
}

static void pending_name(char *out, size_t n, const char *topic, int32_t partition, uint64_t gen, const char *owner)
{
    snprintf(out, n, "%s.%d.%llu.pending.%s", topic, (int)partition, (unsigned long long)gen, owner);
}

int64_t io_part_newest(const char *dir, const char *topic, int32_t partition, char *why, size_t whysize)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(why, whysize, "cannot read %s: %s", dir, strerror(errno));
        return -1;
    }
    char prefix[512];
    int np = snprintf(prefix, sizeof prefix, "%s.%d.", topic, (int)partition);
    int64_t newest = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, (size_t)np) != 0) continue;
        const char *g = e->d_name + np;
        /* digits only: a pending name has more after them */
        if (!*g || strspn(g, "0123456789") != strlen(g) || strlen(g) > 18) continue;
        int64_t v = strtoll(g, NULL, 10);
        if (v > newest) newest = v;
    }
    closedir(d);
    return newest;
}

char *io_part_read(const char *dir, const char *topic, int32_t partition, uint64_t gen, size_t *len, char *why,
                   size_t whysize)
{
    char name[512];
    gen_name(name, sizeof name, topic, partition, gen);
    unsigned version;
    char *p = io_state_read_file(dir, name, len, &version, why, whysize);
    if (!p && !why[0]) snprintf(why, whysize, "%s/%s went away while it was being read", dir, name);
    return p;
}

bool io_part_write_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner,
                           const Buf *payload, char *why, size_t whysize)
{
    char name[512];
    pending_name(name, sizeof name, topic, partition, gen, owner);
    return io_state_write_file(dir, name, payload, why, whysize);
}

int io_part_promote(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner, char *why,
                    size_t whysize)
{
    char from[4096], to[4096], name[512];
    pending_name(name, sizeof name, topic, partition, gen, owner);
    snprintf(from, sizeof from, "%s/%s", dir, name);
    gen_name(name, sizeof name, topic, partition, gen);
    snprintf(to, sizeof to, "%s/%s", dir, name);
    int rc = 1;
    if (link(from, to) != 0) {
        if (errno == EEXIST) {
            rc = 0;
        } else {
            snprintf(why, whysize, "cannot name %s %s: %s", from, to, strerror(errno));
            return -1;
        }
    }
    unlink(from);
    if (rc == 1 && gen > 2) {
        /* the generation before stays for a process that is reading it now */
        gen_name(name, sizeof name, topic, partition, gen - 2);
        snprintf(to, sizeof to, "%s/%s", dir, name);
        unlink(to);
    }
    return rc;
}

/* Each pending file of the partition: its generation and owner to fn. */
static void each_pending(const char *dir, const char *topic, int32_t partition,
                         void (*fn)(void *ctx, const char *dir, const char *name, uint64_t gen, const char *owner), void *ctx)
{
    DIR *d = opendir(dir);
    if (!d) return;
    char prefix[512];
    int np = snprintf(prefix, sizeof prefix, "%s.%d.", topic, (int)partition);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, (size_t)np) != 0) continue;
        const char *g = e->d_name + np;
        size_t nd = strspn(g, "0123456789");
        if (!nd || nd > 18 || strncmp(g + nd, ".pending.", 9) != 0) continue;
        fn(ctx, dir, e->d_name, strtoull(g, NULL, 10), g + nd + 9);
    }
    closedir(d);
}

typedef struct Owners {
    uint64_t gen;
    char (*owners)[128];
    int n, max;
} Owners;

static void add_owner(void *ctx, const char *dir, const char *name, uint64_t gen, const char *owner)
{
    (void)dir, (void)name;
    Owners *o = ctx;
    if (gen == o->gen && o->n < o->max && strlen(owner) < 128) snprintf(o->owners[o->n++], 128, "%s", owner);
}

int io_part_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, char (*owners)[128], int max)
{
    Owners o = {.gen = gen, .owners = owners, .max = max};
    each_pending(dir, topic, partition, add_owner, &o);
    return o.n;
}

char *io_part_read_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner,
                           size_t *len, char *why, size_t whysize)
{
    char name[512];
    pending_name(name, sizeof name, topic, partition, gen, owner);
    unsigned version;
    return io_state_read_file(dir, name, len, &version, why, whysize);
}

void io_part_each(const char *dir, void (*fn)(void *ctx, const char *topic, int32_t partition, uint64_t gen), void *ctx)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        /* TOPIC.PARTITION.GEN: the last two parts digits only */
        char name[512];
        snprintf(name, sizeof name, "%s", e->d_name);
        char *g = strrchr(name, '.');
        if (!g || g == name) continue;
        *g++ = 0;
        char *p = strrchr(name, '.');
        if (!p || p == name) continue;
        *p++ = 0;
        if (!*g || !*p || strspn(g, "0123456789") != strlen(g) || strspn(p, "0123456789") != strlen(p) || strlen(g) > 18 ||
            strlen(p) > 9)
            continue;
        fn(ctx, name, (int32_t)atoi(p), strtoull(g, NULL, 10));
    }
    closedir(d);
}

void io_part_drop_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner)
{
    char name[512], path[4096];
    pending_name(name, sizeof name, topic, partition, gen, owner);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static void remove_old(void *ctx, const char *dir, const char *name, uint64_t gen, const char *owner)
{
    (void)owner;
    if (gen > *(const uint64_t *)ctx) return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

void io_part_tidy(const char *dir, const char *topic, int32_t partition, uint64_t newest)
{
    each_pending(dir, topic, partition, remove_old, &newest);
}
