/* The NDJSON decoder's parts: the scanner over one line's bytes, the
 * coercion of JSON values into column values, and the decoder itself,
 * shared by the flat reader (ndjson_read.c), the JSONPath reader
 * (ndjson_paths.c) and schema discovery (discover.c). Internal to src/io. */
#ifndef EDDY_NDJSON_INT_H
#define EDDY_NDJSON_INT_H
#include <stdbool.h>
#include <stdint.h>

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
 * the key at each position is first compared with the one seen there
 * last time; only a miss hashes the key. */
#define PREDICTED_KEYS 64
typedef struct KeyGuess {
    const char *text;     /* the column's name as the record spells it */
    uint32_t len;
    int col;              /* what it matched (exactly) */
} KeyGuess;

typedef struct MapNode MapNode;

struct Decoder {
    const Schema *schema;
    KeySlot *exact, *folded;
    uint32_t mask;
    KeyGuess guess[PREDICTED_KEYS];
    MapNode *map;         /* JSONPath mappings, when the columns have them */
    MapNode *split;       /* the array whose elements are the rows ($.orders[0:].id), or NULL */
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
/* After the opening quote: the string's text (unescaped into the arena when
 * it has escapes and keep is set). */
bool jscan_string(Scan *s, const char **out, uint32_t *outlen, bool keep);
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
