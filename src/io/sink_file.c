/* The file sink: standard output, a file, or a FIFO that may not have a
 * reader yet. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_writer.h"
#include "io.h"
#include "sink.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

/* Kept for a FIFO's reader before the stream waits for one. */
#define FIFO_KEEP (16u << 20)
enum { FIFO_RETRY_MS = 100 };

typedef struct FileSink {
    OutBuf out;               /* first: the sink is its OutBuf */
    char *fifo;               /* a FIFO waiting for its reader, or NULL */
    int64_t tried;            /* when opening it last failed */
    bool closing;             /* the end: wait for the reader, as a pipe's writer would */
    FileWriter *writer;       /* a regular file's writes on a thread of their own, or NULL */
} FileSink;

static int open_writer(const char *path)
{
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) {
        /* a reader is there: from now on writes wait for it, like any pipe */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    return fd;
}

/* Still waiting for the FIFO's reader: try again now and then; keep what
 * is written meanwhile, and past the bound wait for the reader (or a stop). */
static bool fifo_deliver(OutBuf *o)
{
    FileSink *f = (FileSink *)o;
    for (;;) {
        int64_t now = clock_now_ms();
        if (now - f->tried >= FIFO_RETRY_MS || o->b.len >= FIFO_KEEP) {
            int fd = open_writer(f->fifo);
            if (fd >= 0) {
                o->fd = fd;
                o->ops = NULL;   /* a plain descriptor from now on */
                return out_write_fd(o);
            }
            if (errno != ENXIO) {
                o->error = errno;
                return false;
            }
            f->tried = now;
        }
        if (o->b.len < FIFO_KEEP && !f->closing && !io_stop_requested) return true;   /* kept for later */
        if (io_stop_requested) {
            o->why = "no process opened the FIFO for reading";
            return false;
        }
        poll(NULL, 0, FIFO_RETRY_MS);
    }
}

static const SinkOps fifo_wait_ops = {.deliver = fifo_deliver};

/* ---- a regular file written by a thread ---- */

bool io_sink_write_here;

/* What the writer says of the rows handed over: those it lost were counted
 * as delivered when they were handed over, and are lost after all. */
static void take_outcome(OutBuf *o, bool wait)
{
    uint64_t lost;
    int error;
    file_writer_outcome(((FileSink *)o)->writer, wait, &lost, &error);
    if (lost > o->delivered) lost = o->delivered;
    o->delivered -= lost;
    o->lost += lost;
    if (error && !out_failed(o)) o->error = error;
}

static bool writer_deliver(OutBuf *o)
{
    take_outcome(o, false);
    if (out_failed(o)) return false;
    file_writer_put(((FileSink *)o)->writer, &o->b, o->records, o->multiline, io_sink_write_here);
    return true;
}

static bool writer_sync(OutBuf *o)
{
    take_outcome(o, true);
    return !out_failed(o);
}

static void writer_close(OutBuf *o)
{
    FileSink *f = (FileSink *)o;
    take_outcome(o, true);
    file_writer_stop(f->writer);
    f->writer = NULL;
}

static const SinkOps writer_ops = {.deliver = writer_deliver, .sync = writer_sync, .close = writer_close};

bool io_sink_start_writer(OutBuf *o)
{
    struct stat st;
    if (o->ops || o->fd < 0 || fstat(o->fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    FileSink *f = (FileSink *)o;
    if (!(f->writer = file_writer_start(o->fd))) return false;
    o->ops = &writer_ops;
    return true;
}

OutBuf *io_sink_open_fd(int fd, size_t flush_at)
{
    FileSink *f = mem_calloc(1, sizeof *f);
    out_init(&f->out, fd, flush_at);
    return &f->out;
}

/* 1 or 2 when dest is the regular file standard output or standard error
 * already writes (/dev/stdout, /proc/self/fd/1, or its path), else -1. A
 * second descriptor of its own would write at an offset of its own, over
 * the other's bytes, and truncate it on opening. */
static int standard_fd_of(const char *dest)
{
    struct stat d, s;
    if (stat(dest, &d) != 0 || !S_ISREG(d.st_mode)) return -1;
    for (int fd = 1; fd <= 2; fd++)
        if (fstat(fd, &s) == 0 && s.st_dev == d.st_dev && s.st_ino == d.st_ino) return fd;
    return -1;
}

static OutBuf *open_file(const char *dest, size_t flush_at, bool keep, char *why, size_t whysize)
{
    FileSink *f = mem_calloc(1, sizeof *f);
    int std_fd = strcmp(dest, "-") == 0 ? 1 : standard_fd_of(dest);
    if (std_fd > 0) {
        /* left open at close, as any descriptor below 3 */
        out_init(&f->out, std_fd, flush_at);
        return &f->out;
    }
    int fd = open(dest, O_WRONLY | O_CREAT | (keep ? 0 : O_TRUNC) | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENXIO) {
        /* a FIFO nobody reads yet */
        out_init(&f->out, -1, flush_at);
        f->out.ops = &fifo_wait_ops;
        f->fifo = mem_strndup(dest, strlen(dest));
        return &f->out;
    }
    if (fd < 0) {
        snprintf(why, whysize, "%s", strerror(errno));
        mem_free(f);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    if (keep) lseek(fd, 0, SEEK_END);
    out_init(&f->out, fd, flush_at);
    return &f->out;
}

OutBuf *io_sink_open(const char *dest, size_t flush_at, char *why, size_t whysize)
{
    return open_file(dest, flush_at, false, why, whysize);
}

OutBuf *io_sink_open_keep(const char *dest, size_t flush_at, char *why, size_t whysize)
{
    return open_file(dest, flush_at, true, why, whysize);
}

static bool regular(const OutBuf *o)
{
    struct stat st;
    return (!o->ops || o->ops == &writer_ops) && o->fd >= 0 && fstat(o->fd, &st) == 0 && S_ISREG(st.st_mode);
}

int64_t io_sink_length(OutBuf *o)
{
    if (!regular(o)) return -1;
    if (o->ops == &writer_ops) take_outcome(o, true);   /* the file's end is where the writer's last write ended */
    off_t at = lseek(o->fd, 0, SEEK_CUR);
    return at < 0 ? -1 : (int64_t)at;
}

bool io_sink_fsync(OutBuf *o, char *why, size_t whysize)
{
    if (!regular(o) || fsync(o->fd) == 0) return true;
    snprintf(why, whysize, "cannot sync: %s", strerror(errno));
    return false;
}

int64_t io_sink_commit(OutBuf *o, char *why, size_t whysize)
{
    if (o->ops == &writer_ops && !writer_sync(o)) {
        snprintf(why, whysize, "%s", o->why ? o->why : strerror(o->error));
        return -2;
    }
    if (o->ops && o->ops->sync && o->ops != &writer_ops) {
        if (io_sink_sync(o)) return -1;
        snprintf(why, whysize, "%s", o->why ? o->why : "rows could not be delivered");
        return -2;
    }
    if (!regular(o)) return -1;
    if (fsync(o->fd) != 0) {
        snprintf(why, whysize, "cannot sync: %s", strerror(errno));
        return -2;
    }
    off_t at = lseek(o->fd, 0, SEEK_CUR);
    if (at < 0) {
        snprintf(why, whysize, "cannot tell its length: %s", strerror(errno));
        return -2;
    }
    return (int64_t)at;
}

bool io_sink_commit_restore(OutBuf *o, int64_t length, char *why, size_t whysize)
{
    if (length < 0) return true;
    if (!regular(o)) {
        snprintf(why, whysize, "it was a regular file when the checkpoint was written and is not now");
        return false;
    }
    struct stat st;
    if (fstat(o->fd, &st) == 0 && st.st_size < length) {
        snprintf(why, whysize, "it is shorter (%lld bytes) than the checkpoint committed (%lld): it was changed since",
                 (long long)st.st_size, (long long)length);
        return false;
    }
    if (ftruncate(o->fd, (off_t)length) != 0 || lseek(o->fd, (off_t)length, SEEK_SET) < 0) {
        snprintf(why, whysize, "cannot cut it back to %lld bytes: %s", (long long)length, strerror(errno));
        return false;
    }
    return true;
}

void io_sink_ending(OutBuf *o, const char *shown)
{
    if (!o || o->ops != &fifo_wait_ops) return;
    FileSink *f = (FileSink *)o;
    f->closing = true;
    if (o->b.len && !io_stop_requested)
        fprintf(stderr, "eddy: waiting for a process to read the FIFO %s (%zu bytes of rows kept for it; a stop gives them up)\n",
                shown, o->b.len);
}

void io_sink_close(OutBuf *o)
{
    if (!o) return;
    /* another kind of sink lets go of its parts in its close op */
    FileSink *f = !o->ops || o->ops == &fifo_wait_ops || o->ops == &writer_ops ? (FileSink *)o : NULL;
    if (f) f->closing = true;
    out_free(o);
    if (f && o->fd > 2) close(o->fd);
    if (f) mem_free(f->fifo);
    mem_free(o);
}
