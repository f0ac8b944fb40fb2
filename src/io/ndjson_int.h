/* The NDJSON decoder's parts: the scanner over one line's bytes, the
 * coercion of JSON values into column values, and the decoder itself,
 * shared by the flat reader (ndjson_read.c), the JSONPath reader
 * (ndjson_paths.c) and schema discovery (discover.c). Internal to src/io. */
#ifndef EDDY_NDJSON_INT_H
#define EDDY_NDJSON_INT_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "io.h"
#include "src/runtime/numtext.h"

/* ---- key lookup ---- */

enum { KEY_ROWTIME = -2, KEY_ARRIVAL = -3 };

typedef struct KeySlot {
    const char *name;
    uint32_t len;
    uint32_t hash;
    int col;              /* -1 empty slot */
} KeySlot;

/* Records of a stream usually spell the same keys in the same order, so
 * the key at each position is first compared with the one seen there last
 * time: its bytes from the key to its value (closing quote, colon and
 * blanks included), a word at a time; only a miss hashes the key. */
#define PREDICTED_KEYS 64
#define GUESS_MAX 48
typedef struct KeyGuess {
    char text[GUESS_MAX]; /* the record's bytes from the key to its value, then zeros */
    uint8_t span;         /* how many; 0: nothing to guess by (a key with escapes, or too long) */
    uint8_t len;          /* bytes of the key itself */
    uint8_t fast;         /* FAST_* of its column */
    bool folded;          /* it matched its column only with case ignored */
    bool direct;          /* a column spelled exactly: its value is read with nothing else to decide */
    int col;              /* what the lookup gave: a column, -1 none, KEY_ROWTIME, KEY_ARRIVAL */
    uint32_t maxlen;      /* a FAST_TEXT column's length bound (UINT32_MAX: none) */
} KeyGuess;

/* How a column's usual value is read without the general path; anything
 * else (and every value these cannot take as is) goes through it. */
enum { FAST_NONE, FAST_TEXT, FAST_DOUBLE, FAST_REAL, FAST_INT };

/* Records of a stream come in time order, many in the same second: the
 * last timestamp read as "YYYY-MM-DD HH:MM:SS.fff" is remembered to its
 * second, so the next one of that second costs a compare and three digits.
 * Kept by the decoder, not in static memory, so that decoders may run in
 * different threads. */
typedef struct TimeMemo {
    char text[20];        /* "YYYY-MM-DD HH:MM:SS." */
    int64_t second;       /* its value (ms) */
    bool valid;
} TimeMemo;

typedef struct MapNode MapNode;

/* Where the split array's elements begin in the record being read, made
 * while its first row is read, so that each next row jumps to its element
 * instead of skipping every element before it (rows in time linear, not
 * quadratic, in the array's length). Offsets from the record's start: a
 * reader thread may move the record's bytes between two of its rows. */
typedef struct SplitJump {
    size_t len;           /* the record's length */
    int32_t last;         /* the element read last */
    size_t *starts;       /* where element i begins */
    size_t cap;
    int32_t n;            /* the array's elements */
    size_t end;           /* just after its ']' */
    bool made;            /* complete, for this record */
} SplitJump;

struct Decoder {
    const Schema *schema;
    KeySlot *exact, *folded;
    uint32_t mask;
    KeyGuess guess[PREDICTED_KEYS];
    uint8_t *fast;        /* FAST_* of each column */
    /* Whether a column's key was spelled exactly earlier in the record:
     * the guesses say for the first PREDICTED_KEYS keys (after a record's
     * key at a position, the guess there describes it), exact_gen (the
     * record, gen, in which it last was) for the keys after them. */
    uint32_t *exact_gen;
    uint32_t gen;         /* counts records, so nothing is cleared per record */
    bool any_notnull;
    TimeMemo time_memo[2]; /* the last ROWTIME and APPROXIMATE_ARRIVAL_TIME strings read */
    MapNode *map;         /* JSONPath mappings, when the columns have them */
    MapNode *split;       /* the array whose elements are the rows ($.orders[0:].id), or NULL */
    SplitJump jump;
    uint64_t unknown;     /* records that had a key which is no column */
    char first_unknown[64];
};


typedef struct Scan {
    const char *p, *end, *line;
    Arena *arena;
    DecodeError *err;
    int depth;
} Scan;

typedef enum JKind { J_STRING, J_NUMBER, J_TRUE, J_FALSE, J_NULL, J_COMPOSITE } JKind;

static inline void jscan_skip_ws(Scan *s)
{
    /* JSON whitespace is all at or below ' ': one compare for the usual token */
    while (s->p < s->end && (unsigned char)*s->p <= ' ' &&
           (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

static inline size_t jscan_col(const Scan *s) { return (size_t)(s->p - s->line) + 1; }

/* Fills s->err and returns false. */
bool jscan_fail(Scan *s, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* jscan_fail for a record whose first byte (at s->p) does not open an object. */
bool jscan_fail_not_object(Scan *s);

/* Whether any of the 8 bytes in v is a quote, a backslash, a control
 * character or not ASCII: what ends the plain run of a JSON string. Eight
 * bytes per step (SWAR) instead of five compares per byte: this loop reads
 * every string of every record. */
static inline uint64_t jscan_swar_special(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | (v - ones * 0x20) | v) & highs;
}

/* The rest of a string from p, the first byte that is not plain ASCII. */
bool jscan_string_rest(Scan *s, const char *start, const char *p, const char **out, uint32_t *outlen, bool keep);

/* After the opening quote: the string's text (unescaped into the arena when
 * it has escapes and keep is set). Inline for the usual string, plain ASCII
 * up to its closing quote. */
static inline bool jscan_string(Scan *s, const char **out, uint32_t *outlen, bool keep)
{
    const char *start = s->p;
    const unsigned char *p = (const unsigned char *)start, *end = (const unsigned char *)s->end;
#ifdef __SSE2__
    /* sixteen bytes a step; signed, the bytes below 0x20 and from 0x80 on are both "less than 0x20" */
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space));
        unsigned m = (unsigned)_mm_movemask_epi8(special);
        if (m) {
            p += __builtin_ctz(m);
            goto found;
        }
        p += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (;;) {
        uint64_t v, m;
        if (end - p < 8) {
            while (p < end && *p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80) p++;
            break;
        }
        memcpy(&v, p, 8);
        if ((m = jscan_swar_special(v))) {
            /* the lowest flag is exact (a borrow only sets flags above a
             * real match), and the first byte in memory is the lowest */
            p += __builtin_ctzll(m) >> 3;
            break;
        }
        p += 8;
    }
#endif
#ifdef __SSE2__
found:
#endif
    if (p < end && *p == '"') {
        if (keep) {
            *out = start;
            *outlen = (uint32_t)((const char *)p - start);
        }
        s->p = (const char *)p + 1;
        return true;
    }
    return jscan_string_rest(s, start, (const char *)p, out, outlen, keep);
}
bool jscan_skip_value(Scan *s);
/* One value: its kind and text (a number also parsed into nt). */
bool jscan_read_value(Scan *s, JKind *kind, const char **text, uint32_t *len, NumText *nt);
/* A ROWTIME or APPROXIMATE_ARRIVAL_TIME value: a timestamp string or epoch milliseconds. */
bool jscan_read_time(Scan *s, const char *what, JKind kind, const char *text, uint32_t len, const NumText *nt, int64_t *ms);
/* A JSON value into column col (DIALECT section 8). */
bool jscan_coerce(Scan *s, const Column *col, JKind kind, const char *text, uint32_t len, const NumText *nt, Value *out);
const char *jscan_kind_name(JKind k);

/* ndjson_paths.c */
bool io_ndjson_decode_mapped(Decoder *d, const char *line, size_t len, int32_t elem, bool *more, Row *row, Arena *a,
                             bool *has_rowtime, bool *has_arrival, DecodeError *err);
void io_ndjson_map_free(MapNode *n);

#endif
