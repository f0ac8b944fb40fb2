/* Conversions between SQL types, shared by CAST, implicit conversions,
 * input decoding and output. Each returns false with a reason on failure;
 * the caller decides whether that is a SQL error or an error-stream row. */
#ifndef EDDY_CONVERT_H
#define EDDY_CONVERT_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "type.h"
#include "value.h"

/* Text (already trimmed or not) to any scalar type. */
bool conv_from_text(SqlType to, const char *s, size_t n, Value *out, Arena *a, const char **why);

/* Text form of a value, as CAST(x AS VARCHAR) gives it. The result points
 * into the arena (or into the value itself for strings). */
bool conv_to_text(SqlType from, const Value *v, Arena *a, Value *out);

/* Any scalar to any scalar where SQL allows the cast. */
bool conv_cast(SqlType from, const Value *in, SqlType to, Value *out, Arena *a, const char **why);

/* Is CAST(from AS to) allowed at all? */
bool conv_cast_allowed(SqlType from, SqlType to);

/* Fit a string into CHAR(n) / VARCHAR(n): truncate to n characters, and
 * blank-pad CHAR. */
void conv_fit_string(SqlType to, Value *v, Arena *a);

/* Is s valid UTF-8? If not, *bad is the offset of the first bad byte. */
/* Length of a valid UTF-8 sequence starting at p, or 0. */
static inline int utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    if (c < 0xC2) return 0;
    if (c < 0xE0) return end - p >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;    /* overlong */
        if (c == 0xED && p[1] >= 0xA0) return 0;   /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;
        if (c == 0xF4 && p[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}
bool utf8_valid(const char *s, size_t n, size_t *bad);

/* Number of UTF-8 characters in s. */
size_t utf8_length(const char *s, size_t n);
/* Byte offset of the k-th character (or n). */
size_t utf8_offset(const char *s, size_t n, size_t k);

#endif
