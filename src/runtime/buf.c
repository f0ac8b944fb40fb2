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

bool out_flush(OutBuf *o)
{
    size_t off = 0;
    while (off < o->b.len && !o->broken) {
        ssize_t n = write(o->fd, o->b.p + off, o->b.len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            o->broken = true;
            break;
        }
        off += (size_t)n;
    }
    o->b.len = 0;
    return !o->broken;
}

void out_free(OutBuf *o)
{
    out_flush(o);
    buf_free(&o->b);
}
