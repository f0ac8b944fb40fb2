#include "buf.h"

#include <errno.h>
#include <unistd.h>

#include "mem.h"

void buf_grow(Buf *b, size_t need)
{
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    b->p = mem_realloc(b->p, cap);
    b->cap = cap;
}

void buf_free(Buf *b)
{
    mem_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void out_init(OutBuf *o, int fd, size_t flush_at)
{
    memset(o, 0, sizeof *o);
    o->fd = fd;
    o->flush_at = flush_at;
    buf_grow(&o->b, flush_at + 4096);
}

/* A write failed after `written` bytes of b went out: with a record per
 * line, the whole lines among them were delivered (the rest, a cut line
 * included, are lost), so what is said lost is what is missing. */
uint64_t buf_lines(const char *p, size_t n)
{
    uint64_t lines = 0;
    for (const char *end = p + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) lines++;
    return lines;
}

static void count_written_lines(OutBuf *o, size_t written)
{
    if (o->multiline) return;
    uint64_t lines = buf_lines(o->b.p, written);
    if (lines > o->records) lines = o->records;
    o->delivered += lines;
    o->records -= lines;
}

bool out_write_fd(OutBuf *o)
{
    size_t off = 0;
    while (off < o->b.len) {
        ssize_t n = write(o->fd, o->b.p + off, o->b.len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) o->broken = true;
            else o->error = errno;
            count_written_lines(o, off);
            return false;
        }
        off += (size_t)n;
    }
    o->b.len = 0;
    return true;
}

bool out_flush(OutBuf *o)
{
    if (o->broken || out_failed(o)) {
        /* nothing more can be delivered */
        o->lost += o->records;
        o->records = 0;
        o->b.len = 0;
        return false;
    }
    bool ok = o->ops ? o->b.len == 0 || o->ops->deliver(o) : out_write_fd(o);
    if (ok && o->b.len > 0) return true;   /* kept by the sink for later */
    if (ok) o->delivered += o->records;
    else o->lost += o->records;
    o->records = 0;
    o->b.len = 0;
    return ok;
}

void out_free(OutBuf *o)
{
    out_flush(o);
    if (o->ops && o->ops->close) o->ops->close(o);
    buf_free(&o->b);
    buf_free(&o->key);
}
