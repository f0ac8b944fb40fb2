#include "state_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/runtime/mem.h"

#define MAGIC "EDDY-STATE\n"
#define MAGIC_LEN 11
#define HEADER_LEN (MAGIC_LEN + 4 + 8 + 8)

/* FNV-1a over the payload: it only has to catch damage (a torn or flipped
 * write), not an adversary, and needs no library for it. */
static uint64_t checksum(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
    return h;
}

static void put_le(char *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) p[i] = (char)(v >> (8 * i));
}

static uint64_t get_le(const char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v |= (uint64_t)(unsigned char)p[i] << (8 * i);
    return v;
}

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

/* One process per state directory: two would overwrite each other's
 * checkpoints (and a forked writer of one could rename its file over the
 * other's). The lock is held until the process ends, by the kernel, so a
 * process killed with SIGKILL leaves nothing to clean up; its checkpoint
 * writer, which shares the descriptor, dies with it (and holds the lock
 * until then, so a restart cannot begin while it may still write). */
static bool lock_dir(const char *dir, char *why, size_t whysize)
{
    char path[4096];
    path_in(path, sizeof path, dir, "lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(why, whysize, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    /* a run killed a moment ago may still have its checkpoint writer,
     * which holds the lock until its own death follows (milliseconds) */
    int err = 0;
    for (int tries = 0;; tries++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            err = 0;
            break;
        }
        err = errno;
        if (err != EWOULDBLOCK || tries >= 300) break;
        usleep(10 * 1000);
    }
    if (err) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? (size_t)n : 0] = 0;
        pid[strcspn(pid, "\n")] = 0;
        close(fd);
        if (err == EWOULDBLOCK)
            snprintf(why, whysize, "another eddy%s%s%s is running with the state directory %s: one directory serves one "
                     "process (give each its own)", pid[0] ? " (pid " : "", pid, pid[0] ? ")" : "", dir);
        else snprintf(why, whysize, "cannot lock %s: %s", path, strerror(err));
        return false;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    /* the pid is only for the message above: the lock holds without it */
    bool told = ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) == n;
    (void)told;
    return true;   /* fd stays open, and locked, until the process ends */
}

bool io_state_make_dir(const char *dir, char *why, size_t whysize)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(why, whysize, "cannot create %s: %s", dir, strerror(errno));
        return false;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(why, whysize, "%s is not a directory", dir);
        return false;
    }
    if (access(dir, W_OK) != 0) {
        snprintf(why, whysize, "cannot write in %s: %s", dir, strerror(errno));
        return false;
    }
    return true;
}

bool io_state_dir(const char *dir, char *why, size_t whysize)
{
    return io_state_make_dir(dir, why, whysize) && lock_dir(dir, why, whysize);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* The rename (or unlink) of a name in dir is durable only once dir is synced. */
static bool sync_dir(const char *dir, char *why, size_t whysize)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || fsync(dfd) != 0) {
        snprintf(why, whysize, "cannot sync the directory %s: %s", dir, strerror(errno));
        if (dfd >= 0) close(dfd);
        return false;
    }
    close(dfd);
    return true;
}

/* The last checkpoint becomes the one before (a second name for the same
 * file, then renamed into place), so at every moment "checkpoint" is whole
 * and "checkpoint.prev" is the one before it or the same. */
static bool keep_previous(const char *dir, const char *final, char *why, size_t whysize)
{
    char tmp[4096], prev[4096];
    path_in(tmp, sizeof tmp, dir, "checkpoint.prev.tmp");
    path_in(prev, sizeof prev, dir, "checkpoint.prev");
    unlink(tmp);
    if (link(final, tmp) != 0) {
        if (errno == ENOENT) return true;   /* the first checkpoint: none before it */
        snprintf(why, whysize, "cannot keep the last checkpoint as %s: %s", prev, strerror(errno));
        return false;
    }
    if (rename(tmp, prev) != 0) {
        snprintf(why, whysize, "cannot rename %s to %s: %s", tmp, prev, strerror(errno));
        return false;
    }
    return true;
}

/* The header (magic, version, length, checksum) and the payload into name, synced. */
static bool write_file(const char *path, const Buf *payload, char *why, size_t whysize)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(why, whysize, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    char head[HEADER_LEN];
    memcpy(head, MAGIC, MAGIC_LEN);
    put_le(head + MAGIC_LEN, STATE_FORMAT_VERSION, 4);
    put_le(head + MAGIC_LEN + 4, payload->len, 8);
    put_le(head + MAGIC_LEN + 12, checksum(payload->p, payload->len), 8);
    bool ok = write_all(fd, head, sizeof head) && write_all(fd, payload->p, payload->len) && fsync(fd) == 0;
    int err = errno;
    close(fd);
    if (!ok) {
        snprintf(why, whysize, "cannot write %s: %s", path, strerror(err));
        unlink(path);
    }
    return ok;
}

bool io_state_write(const char *dir, const Buf *payload, bool keep_prev, char *why, size_t whysize)
{
    char tmp[4096], final[4096];
    path_in(tmp, sizeof tmp, dir, "checkpoint.tmp");
    path_in(final, sizeof final, dir, "checkpoint");
    if (!write_file(tmp, payload, why, whysize)) return false;
    if (keep_prev && !keep_previous(dir, final, why, whysize)) return false;
    if (rename(tmp, final) != 0) {
        snprintf(why, whysize, "cannot rename %s to %s: %s", tmp, final, strerror(errno));
        return false;
    }
    return sync_dir(dir, why, whysize);
}

bool io_state_write_file(const char *dir, const char *name, const Buf *payload, char *why, size_t whysize)
{
    char path[4096];
    path_in(path, sizeof path, dir, name);
    return write_file(path, payload, why, whysize);
}

bool io_state_sync_dir(const char *dir, char *why, size_t whysize) { return sync_dir(dir, why, whysize); }

static char *read_named(const char *dir, const char *name, size_t *len, unsigned *version, char *why, size_t whysize)
{
    char path[4096];
    path_in(path, sizeof path, dir, name);
    why[0] = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno != ENOENT) snprintf(why, whysize, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    bool read_error = ferror(f);
    fclose(f);
    char *payload = NULL;
    if (read_error) {
        snprintf(why, whysize, "cannot read %s", path);
    } else if (b.len < HEADER_LEN || memcmp(b.p, MAGIC, MAGIC_LEN) != 0) {
        snprintf(why, whysize, "%s is not an eddy checkpoint (or its start is damaged)", path);
    } else if (get_le(b.p + MAGIC_LEN, 4) > STATE_FORMAT_VERSION || get_le(b.p + MAGIC_LEN, 4) < STATE_FORMAT_OLDEST) {
        snprintf(why, whysize, "%s was written in checkpoint format %u; this eddy reads formats %u to %u", path,
                 (unsigned)get_le(b.p + MAGIC_LEN, 4), STATE_FORMAT_OLDEST, STATE_FORMAT_VERSION);
    } else if (get_le(b.p + MAGIC_LEN + 4, 8) != b.len - HEADER_LEN) {
        snprintf(why, whysize, "%s is truncated or damaged: it holds %zu bytes of state, its header says %llu", path,
                 b.len - HEADER_LEN, (unsigned long long)get_le(b.p + MAGIC_LEN + 4, 8));
    } else if (get_le(b.p + MAGIC_LEN + 12, 8) != checksum(b.p + HEADER_LEN, b.len - HEADER_LEN)) {
        snprintf(why, whysize, "%s is damaged: its checksum does not match", path);
    } else {
        *len = b.len - HEADER_LEN;
        *version = (unsigned)get_le(b.p + MAGIC_LEN, 4);
        payload = mem_alloc(*len + 1);
        memcpy(payload, b.p + HEADER_LEN, *len);
    }
    buf_free(&b);
    return payload;
}

char *io_state_read_file(const char *dir, const char *name, size_t *len, unsigned *version, char *why, size_t whysize)
{
    return read_named(dir, name, len, version, why, whysize);
}

char *io_state_read(const char *dir, size_t *len, unsigned *version, char *why, size_t whysize)
{
    return read_named(dir, "checkpoint", len, version, why, whysize);
}

char *io_state_read_prev(const char *dir, size_t *len, unsigned *version, char *why, size_t whysize)
{
    return read_named(dir, "checkpoint.prev", len, version, why, whysize);
}

bool io_state_go_back(const char *dir, char *why, size_t whysize)
{
    char path[4096], prev[4096];
    path_in(path, sizeof path, dir, "checkpoint");
    path_in(prev, sizeof prev, dir, "checkpoint.prev");
    if (rename(prev, path) != 0) {
        if (errno != ENOENT || (unlink(path) != 0 && errno != ENOENT)) {
            snprintf(why, whysize, "cannot put %s back in place of %s: %s", prev, path, strerror(errno));
            return false;
        }
    }
    return sync_dir(dir, why, whysize);
}

bool io_state_remove(const char *dir, char *why, size_t whysize)
{
    static const char *const names[] = {"checkpoint", "checkpoint.prev"};
    for (int i = 0; i < 2; i++) {
        char path[4096];
        path_in(path, sizeof path, dir, names[i]);
        if (unlink(path) != 0 && errno != ENOENT) {
            snprintf(why, whysize, "cannot remove %s: %s", path, strerror(errno));
            return false;
        }
    }
    return true;
}

bool io_state_id_file(const char *dir, const char *name, const char *fresh, char *out, size_t outsize, char *why,
                      size_t whysize)
{
    char path[4096], tmp[4200];
    path_in(path, sizeof path, dir, name);
    FILE *f = fopen(path, "r");
    if (f) {
        bool ok = fgets(out, (int)outsize, f) != NULL;
        fclose(f);
        out[ok ? strcspn(out, "\r\n") : 0] = 0;
        if (ok && out[0]) return true;
        snprintf(why, whysize, "%s is empty or cannot be read: remove it (a new one is made)", path);
        return false;
    }
    if (errno != ENOENT) {
        snprintf(why, whysize, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write_all(fd, fresh, strlen(fresh)) && write_all(fd, "\n", 1) && fsync(fd) == 0;
    int err = errno;
    if (fd >= 0) close(fd);
    if (!ok || rename(tmp, path) != 0) {
        snprintf(why, whysize, "cannot write %s: %s", path, strerror(ok ? errno : err));
        unlink(tmp);
        return false;
    }
    snprintf(out, outsize, "%s", fresh);
    return sync_dir(dir, why, whysize);
}
