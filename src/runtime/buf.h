/* A growable byte buffer; an OutBuf adds the file descriptor it drains to. */
#ifndef EDDY_BUF_H
#define EDDY_BUF_H
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

void buf_grow(Buf *b, size_t need);
static inline void buf_reserve(Buf *b, size_t n)
{
    if (b->len + n > b->cap) buf_grow(b, b->len + n);
}
static inline void buf_put(Buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}
static inline void buf_putc(Buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}
static inline void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }
void buf_free(Buf *b);

typedef struct OutBuf {
    Buf b;
    int fd;
    size_t flush_at;     /* drain when this many bytes are waiting */
    bool broken;         /* the reader went away (EPIPE): stop writing */
} OutBuf;

void out_init(OutBuf *o, int fd, size_t flush_at);
/* Writes what is buffered; false once the descriptor is broken. */
bool out_flush(OutBuf *o);
static inline void out_maybe_flush(OutBuf *o)
{
    if (o->b.len >= o->flush_at) out_flush(o);
}
void out_free(OutBuf *o);

#endif
