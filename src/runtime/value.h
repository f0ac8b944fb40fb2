/* A value of some SQL type. The type itself is known statically (from the
 * schema or the bound expression), so a value carries only its payload and
 * a NULL flag: 16 bytes, passed by pointer, never allocated on its own. */
#ifndef EDDY_VALUE_H
#define EDDY_VALUE_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "type.h"

typedef struct Value {
    union {
        int64_t i;              /* BOOLEAN (0/1), integers, DECIMAL (scaled), DATE, TIME, TIMESTAMP, INTERVAL */
        double d;               /* REAL, DOUBLE */
        const char *s;          /* CHAR, VARCHAR (UTF-8), BINARY, VARBINARY (bytes) */
        const struct Value *r;  /* ROW: len fields */
    } u;
    uint32_t len;               /* byte length of s; field count of r */
    uint8_t null;
} Value;

static inline Value val_null(void) { Value v = {.null = 1}; return v; }
static inline Value val_int(int64_t i) { Value v = {.u.i = i}; return v; }
static inline Value val_double(double d) { Value v = {.u.d = d}; return v; }
static inline Value val_str(const char *s, uint32_t len) { Value v = {.u.s = s, .len = len}; return v; }

/* Three-way comparison of two non-NULL values of the same type (after the
 * binder's implicit conversions). CHAR compares with trailing blanks
 * ignored, as SQL's PAD SPACE rule says. */
int val_compare(SqlType t, const Value *a, const Value *b);
bool val_equal(SqlType t, const Value *a, const Value *b);
uint64_t val_hash(SqlType t, const Value *v);

/* Copy the out-of-line bytes of v into arena a so it outlives the record. */
Value val_copy(SqlType t, const Value *v, Arena *a);

/* Powers of ten for DECIMAL scaling, 10^0 .. 10^18. */
extern const int64_t pow10_i64[19];

#endif
