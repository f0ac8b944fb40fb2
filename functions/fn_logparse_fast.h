/* Private to FAST_REGEX_LOG_PARSE (fn_logparse_fast.c, which cuts a pattern
 * into the reference's series of expressions and matches them, and
 * fn_logparse_fastrx.c, which reads the fast-regex dialect into a tree). */
#ifndef EDDY_FN_LOGPARSE_FAST_H
#define EDDY_FN_LOGPARSE_FAST_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { FN_RAW, FN_GROUP, FN_CONCAT, FN_UNION, FN_REPEAT };

typedef struct FNode {
    uint8_t kind;
    int32_t flen;          /* fixed length in characters, -1 if variable */
    int32_t kid, next;     /* first child, next sibling (-1 none) */
    int32_t min, max;      /* FN_REPEAT: max -1 = unbounded */
    uint32_t text, tlen;   /* FN_RAW: PCRE2 text in the pool */
} FNode;

/* A list of nodes: item[first .. first + count) of FastRx. */
typedef struct Items {
    int first, count;
} Items;

/* How a capture of an expression gives its column: all of it, or (for a
 * top-level group whose fixed-length start went into the expression
 * before) only where it starts or where it ends. */
enum { SEG_OUTSIDE, SEG_WHOLE, SEG_START, SEG_END };

/* One expression while it is emitted. */
typedef struct FrBuild {
    size_t off, len;       /* its PCRE2 text in FastRx.out */
    int cap0, ncap;        /* its captures in FastRx.capcol / capkind */
    int32_t tail;          /* characters of fixed length it ends with */
} FrBuild;

typedef struct FastRx {
    const char *s;         /* the pattern */
    size_t n, p;
    FNode node[1024];
    int nnodes;
    int colno[1024];       /* per group node: its column, 0-based */
    char pool[16384];
    size_t plen;
    int item[2048];
    int nitems;
    char out[32768];
    size_t olen;
    FrBuild ex[512];
    int nexpr;
    int16_t capcol[1024];
    uint8_t capkind[1024];
    int ncaps;
    bool overflow;
    char err[200];
    size_t erroff;
} FastRx;

/* Appends n bytes to one of r's buffers, or notes the overflow. */
static inline void fn_fastrx_append(FastRx *r, char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + n >= cap) {
        r->overflow = true;
        return;
    }
    memcpy(buf + *len, s, n);
    *len += n;
}

/* Parses r->s from r->p; the root node, or -1 with r->err set. */
int fn_fastrx_parse(FastRx *r);
/* A new node of a kind (node 0 with r->overflow set when there is no room). */
int fn_fastrx_node(FastRx *r, uint8_t kind);
/* Records the first error at r->p; false. */
bool fn_fastrx_fail(FastRx *r, const char *msg);

#endif
