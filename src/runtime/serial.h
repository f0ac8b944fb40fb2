/* Checkpoint encoding: state written as a compact byte string (varints,
 * raw doubles, length-prefixed bytes, typed values) and read back with
 * every read bounds-checked, so a truncated or damaged checkpoint is an
 * error to report, never a crash. */
#ifndef EDDY_SERIAL_H
#define EDDY_SERIAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "schema.h"

void ser_u64(Buf *b, uint64_t v);              /* LEB128 */
void ser_i64(Buf *b, int64_t v);               /* zigzag, then LEB128 */
void ser_f64(Buf *b, double v);                /* the 8 bytes, little-endian */
void ser_bytes(Buf *b, const void *p, size_t n);
/* An extended-precision value as two doubles (high, low): exact for the
 * 64-bit mantissa of x86's long double, and portable. */
void ser_ld(Buf *b, long double v);
void ser_i128(Buf *b, __int128 v);
void ser_str(Buf *b, const char *s);           /* NULL allowed */
void ser_value(Buf *b, SqlType t, const Value *v);
void ser_row(Buf *b, const Schema *s, const Row *row);

typedef struct SerialIn {
    const char *p, *end;
    const char *why;       /* set at the first failure; every read after it returns 0 */
} SerialIn;

static inline void de_init(SerialIn *in, const void *p, size_t n)
{
    in->p = p;
    in->end = (const char *)p + n;
    in->why = NULL;
}
static inline bool de_ok(const SerialIn *in) { return in->why == NULL; }
/* Marks the input as bad (the first reason wins). */
void de_fail(SerialIn *in, const char *why);

uint64_t de_u64(SerialIn *in);
int64_t de_i64(SerialIn *in);
double de_f64(SerialIn *in);
long double de_ld(SerialIn *in);
__int128 de_i128(SerialIn *in);
/* Bytes in place (not copied); NULL with *n = 0 on failure. */
const char *de_bytes(SerialIn *in, size_t *n);
/* A string copied into a (NULL when it was NULL). */
const char *de_str(SerialIn *in, Arena *a);
/* A value whose out-of-line bytes are copied into a. */
Value de_value(SerialIn *in, SqlType t, Arena *a);
/* A row of schema s, values copied into a. */
bool de_row(SerialIn *in, const Schema *s, Row *row, Arena *a);
/* A count of items that each take at least `min_bytes`: refused when the
 * input cannot hold that many (a damaged count must not allocate wildly). */
uint64_t de_count(SerialIn *in, size_t min_bytes);

#endif
