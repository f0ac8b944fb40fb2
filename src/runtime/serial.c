#include "serial.h"

#include <string.h>

#include "rowtype.h"

void ser_u64(Buf *b, uint64_t v)
{
    buf_reserve(b, 10);
    while (v >= 0x80) {
        b->p[b->len++] = (char)(v | 0x80);
        v >>= 7;
    }
    b->p[b->len++] = (char)v;
}

void ser_i64(Buf *b, int64_t v) { ser_u64(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); }

void ser_f64(Buf *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    char bytes[8];
    for (int i = 0; i < 8; i++) bytes[i] = (char)(u >> (8 * i));
    buf_put(b, bytes, 8);
}

void ser_ld(Buf *b, long double v)
{
    double hi = (double)v;
    ser_f64(b, hi);
    ser_f64(b, (double)(v - (long double)hi));
}

void ser_i128(Buf *b, __int128 v)
{
    ser_u64(b, (uint64_t)v);
    ser_u64(b, (uint64_t)((unsigned __int128)v >> 64));
}

void ser_bytes(Buf *b, const void *p, size_t n)
{
    ser_u64(b, n);
    if (n) buf_put(b, p, n);
}

void ser_str(Buf *b, const char *s)
{
    if (!s) {
        ser_u64(b, 0);
        return;
    }
    size_t n = strlen(s);
    ser_u64(b, n + 1);
    buf_put(b, s, n);
}

void ser_value(Buf *b, SqlType t, const Value *v)
{
    if (v->null) {
        buf_putc(b, 0);
        return;
    }
    buf_putc(b, 1);
    switch (t.id) {
    case TY_REAL:
    case TY_DOUBLE: ser_f64(b, v->u.d); break;
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
    case TY_VARBINARY: ser_bytes(b, v->u.s, v->len); break;
    case TY_ROW: {
        const RowType *rt = rowtype_of(t);
        ser_u64(b, v->len);
        for (uint32_t i = 0; i < v->len; i++) ser_value(b, rt && (int)i < rt->n ? rt->fields[i].type : type_make(TY_NULL), &v->u.r[i]);
        break;
    }
    default: ser_i64(b, v->u.i); break;
    }
}

void ser_row(Buf *b, const Schema *s, const Row *row)
{
    ser_i64(b, row->rowtime);
    ser_i64(b, row->arrival);
    ser_u64(b, row->recno);
    ser_u64(b, (uint64_t)row->n);
    for (int i = 0; i < row->n; i++) ser_value(b, i < s->ncols ? s->cols[i].type : type_make(TY_NULL), &row->v[i]);
}

void de_fail(SerialIn *in, const char *why)
{
    if (!in->why) in->why = why;
    in->p = in->end;
}

uint64_t de_u64(SerialIn *in)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (in->p >= in->end) {
            de_fail(in, "it ends in the middle of a number");
            return 0;
        }
        unsigned char c = (unsigned char)*in->p++;
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) return v;
    }
    de_fail(in, "a number in it is too long");
    return 0;
}

int64_t de_i64(SerialIn *in)
{
    uint64_t u = de_u64(in);
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

double de_f64(SerialIn *in)
{
    if (in->end - in->p < 8) {
        de_fail(in, "it ends in the middle of a number");
        return 0;
    }
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u |= (uint64_t)(unsigned char)in->p[i] << (8 * i);
    in->p += 8;
    double d;
    memcpy(&d, &u, 8);
    return d;
}

long double de_ld(SerialIn *in)
{
    long double hi = de_f64(in);
    return hi + (long double)de_f64(in);
}

__int128 de_i128(SerialIn *in)
{
    uint64_t lo = de_u64(in), hi = de_u64(in);
    return (__int128)(((unsigned __int128)hi << 64) | lo);
}

const char *de_bytes(SerialIn *in, size_t *n)
{
    uint64_t len = de_u64(in);
    if (!de_ok(in) || len > (uint64_t)(in->end - in->p)) {
        de_fail(in, "it ends in the middle of a value");
        *n = 0;
        return NULL;
    }
    const char *p = in->p;
    in->p += len;
    *n = (size_t)len;
    return p;
}

const char *de_str(SerialIn *in, Arena *a)
{
    uint64_t len = de_u64(in);
    if (!de_ok(in) || len == 0) return NULL;
    if (len - 1 > (uint64_t)(in->end - in->p)) {
        de_fail(in, "it ends in the middle of a name");
        return NULL;
    }
    const char *s = arena_strndup(a, in->p, (size_t)len - 1);
    in->p += len - 1;
    return s;
}

Value de_value(SerialIn *in, SqlType t, Arena *a)
{
    if (in->p >= in->end) {
        de_fail(in, "it ends in the middle of a value");
        return val_null();
    }
    if (*in->p++ == 0) return val_null();
    Value v = {0};
    switch (t.id) {
    case TY_REAL:
    case TY_DOUBLE: v.u.d = de_f64(in); break;
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
    case TY_VARBINARY: {
        size_t n;
        const char *p = de_bytes(in, &n);
        if (n > UINT32_MAX) de_fail(in, "a value in it is too long");
        char *copy = arena_alloc(a, n + 1);
        if (n) memcpy(copy, p, n);
        copy[n] = 0;
        v.u.s = copy;
        v.len = (uint32_t)n;
        break;
    }
    case TY_ROW: {
        const RowType *rt = rowtype_of(t);
        uint64_t n = de_count(in, 1);
        if (!rt || n > (uint64_t)rt->n) {
            de_fail(in, "a row value in it does not match its type");
            return val_null();
        }
        Value *f = arena_alloc(a, sizeof(Value) * (size_t)(n ? n : 1));
        for (uint64_t i = 0; i < n; i++) f[i] = de_value(in, rt->fields[i].type, a);
        v.u.r = f;
        v.len = (uint32_t)n;
        break;
    }
    default: v.u.i = de_i64(in); break;
    }
    return de_ok(in) ? v : val_null();
}

bool de_row(SerialIn *in, const Schema *s, Row *row, Arena *a)
{
    row->rowtime = de_i64(in);
    row->arrival = de_i64(in);
    row->recno = de_u64(in);
    uint64_t n = de_count(in, 1);
    if (n != (uint64_t)s->ncols) {
        de_fail(in, "a row in it does not have its stream's columns");
        return false;
    }
    row->n = (int)n;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < row->n; i++) row->v[i] = de_value(in, s->cols[i].type, a);
    return de_ok(in);
}

uint64_t de_count(SerialIn *in, size_t min_bytes)
{
    uint64_t n = de_u64(in);
    if (de_ok(in) && min_bytes && n > (uint64_t)(in->end - in->p) / min_bytes) {
        de_fail(in, "a count in it is larger than what follows");
        return 0;
    }
    return de_ok(in) ? n : 0;
}
