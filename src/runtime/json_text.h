/* A string as JSON text: quoted, with the escapes JSON requires, and any
 * byte that is not UTF-8 as U+FFFD. On the ground floor because the row
 * writer, the error stream and operators that build JSON values
 * (RANDOM_CUT_FOREST's explanation) all write it. */
#ifndef EDDY_RUNTIME_JSON_TEXT_H
#define EDDY_RUNTIME_JSON_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

static inline bool json_plain_byte(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\' && c < 0x80; }

/* How many bytes of s from its start need no escaping. */
static inline size_t json_plain_run(const char *s, size_t n)
{
    size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes a step: a flag for each quote, backslash, control or non-ASCII byte */
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (; i + 8 <= n; i += 8) {
        uint64_t v, q, bs;
        memcpy(&v, s + i, 8);
        q = v ^ (ones * '"'), bs = v ^ (ones * '\\');
        uint64_t m = (((q - ones) & ~q) | ((bs - ones) & ~bs) | (v - ones * 0x20) | v) & highs;
        if (m) return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    while (i < n && json_plain_byte((unsigned char)s[i])) i++;
    return i;
}

/* The rest of a string from its byte i, the first that needs an escape. */
void json_put_escaped(Buf *b, const char *s, size_t n, size_t i);

/* Inline: most strings need no escape, and this is on every row's path. */
static inline void json_put_string(Buf *b, const char *s, size_t n)
{
    buf_reserve(b, n + 2);
    b->p[b->len++] = '"';
    size_t i = json_plain_run(s, n);
    memcpy(b->p + b->len, s, i);
    b->len += i;
    if (i == n) {
        b->p[b->len++] = '"';
        return;
    }
    json_put_escaped(b, s, n, i);
}

#endif
