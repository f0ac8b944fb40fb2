/* NDJSON in: one JSON object per line decoded into a row of the stream's
 * columns. Keys are looked up in a table built once per schema, guessing
 * first that a record spells its keys in the same order as the last one;
 * only the declared keys are converted, the rest are skipped. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndjson_int.h"
#include "src/runtime/convert.h"
#include "src/runtime/mem.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"

static inline uint32_t fnv_step(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }
static inline unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

static void put_slot(KeySlot *t, uint32_t mask, const char *name, uint32_t len, uint32_t h, int col, bool replace)
{
    uint32_t i = h & mask;
    while (t[i].col != -1) {
        if (t[i].hash == h && t[i].len == len && memcmp(t[i].name, name, len) == 0) {
            if (replace) t[i].col = col;
            return;
        }
        i = (i + 1) & mask;
    }
    t[i].name = name;
    t[i].len = len;
    t[i].hash = h;
    t[i].col = col;
}

Decoder *io_decoder_new(const Schema *s)
{
    Decoder *d = mem_calloc(1, sizeof *d);
    d->schema = s;
    uint32_t size = 16;
    while (size < (uint32_t)(s->ncols + 2) * 2) size *= 2;
    d->mask = size - 1;
    d->exact = mem_alloc(sizeof(KeySlot) * size);
    d->folded = mem_alloc(sizeof(KeySlot) * size);
    for (uint32_t i = 0; i < size; i++) d->exact[i].col = d->folded[i].col = -1;
    int ncols = s->ncols;
    for (int c = -3; c < ncols; c++) {
        const char *name;
        int col = c;
        if (c == -3) name = "APPROXIMATE_ARRIVAL_TIME";
        else if (c == -2) name = "ROWTIME";
        else if (c == -1) continue;
        else name = s->cols[c].name;
        if (c < 0 && schema_find(s, name) >= 0) continue;
        uint32_t len = (uint32_t)strlen(name), h = 2166136261u, hf = 2166136261u;
        for (uint32_t i = 0; i < len; i++) {
            h = fnv_step(h, (unsigned char)name[i]);
            hf = fnv_step(hf, fold((unsigned char)name[i]));
        }
        put_slot(d->exact, d->mask, name, len, h, col, true);
        /* case-insensitive entry only when no other column folds the same way */
        uint32_t i = hf & d->mask;
        bool clash = false;
        while (d->folded[i].col != -1) {
            if (d->folded[i].hash == hf && d->folded[i].len == len) {
                bool same = true;
                for (uint32_t k = 0; k < len; k++)
                    if (fold((unsigned char)d->folded[i].name[k]) != fold((unsigned char)name[k])) same = false;
                if (same) {
                    clash = true;
                    d->folded[i].col = -4;   /* ambiguous: matched only exactly */
                    break;
                }
            }
            i = (i + 1) & d->mask;
        }
        if (!clash) put_slot(d->folded, d->mask, name, len, hf, col, false);
    }
    d->fast = mem_calloc((size_t)(ncols ? ncols : 1), 1);
    d->exact_gen = mem_calloc((size_t)(ncols ? ncols : 1), sizeof *d->exact_gen);
    for (int c = 0; c < ncols; c++) {
        SqlType t = s->cols[c].type;
        d->fast[c] = t.id == TY_VARCHAR ? FAST_TEXT : t.id == TY_DOUBLE ? FAST_DOUBLE : t.id == TY_REAL ? FAST_REAL
                   : type_is_integer(t.id) ? FAST_INT : FAST_NONE;
        if (t.notnull) d->any_notnull = true;
    }
    return d;
}


void io_decoder_free(Decoder *d)
{
    if (!d) return;
    io_ndjson_map_free(d->map);
    mem_free(d->jump.starts);
    mem_free(d->fast);
    mem_free(d->exact_gen);
    mem_free(d->exact);
    mem_free(d->folded);
    mem_free(d);
}

static int lookup(const Decoder *d, const char *key, uint32_t len, uint32_t h, uint32_t hf, bool *folded)
{
    *folded = false;
    uint32_t i = h & d->mask;
    while (d->exact[i].col != -1) {
        if (d->exact[i].hash == h && d->exact[i].len == len && memcmp(d->exact[i].name, key, len) == 0) return d->exact[i].col;
        i = (i + 1) & d->mask;
    }
    i = hf & d->mask;
    while (d->folded[i].col != -1) {
        const KeySlot *s = &d->folded[i];
        if (s->hash == hf && s->len == len) {
            bool same = true;
            for (uint32_t k = 0; k < len && same; k++)
                if (fold((unsigned char)s->name[k]) != fold((unsigned char)key[k])) same = false;
            if (same) {
                *folded = true;
                return s->col >= -3 ? s->col : -1;
            }
        }
        i = (i + 1) & d->mask;
    }
    return -1;
}


static bool decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                   bool *has_arrival, DecodeError *err);

/* For the error row of a record that failed: its ROWTIME, if a top-level
 * "ROWTIME" key with a readable value can still be found. */
static void salvage_rowtime(const char *line, size_t len, Arena *a, DecodeError *err)
{
    const char *p = line, *end = line + len;
    while (p < end) {
        const char *k = memmem(p, (size_t)(end - p), "\"ROWTIME\"", 9);
        if (!k) return;
        Scan s = {k + 9, end, line, a, NULL, 0};
        DecodeError scratch;
        s.err = &scratch;
        jscan_skip_ws(&s);
        if (s.p < s.end && *s.p == ':') {
            err->rowtime_key = true;
            s.p++;
            jscan_skip_ws(&s);
            JKind kind;
            const char *text = NULL;
            uint32_t tl = 0;
            NumText nt;
            int64_t ms;
            if (jscan_read_value(&s, &kind, &text, &tl, &nt) && kind != J_NULL && jscan_read_time(&s, "ROWTIME", kind, text, tl, &nt, &ms)) {
                err->has_rowtime = true;
                err->rowtime = ms;
            }
            return;
        }
        p = k + 9;
    }
}

bool io_ndjson_decode_elem(Decoder *d, const char *line, size_t len, int elem, bool *more, Row *row, Arena *a,
                           bool *has_rowtime, bool *has_arrival, DecodeError *err)
{
    err->has_rowtime = err->rowtime_key = false;
    *more = false;
    uint64_t unknown = d->unknown;
    if (d->map ? io_ndjson_decode_mapped(d, line, len, elem, more, row, a, has_rowtime, has_arrival, err)
               : decode(d, line, len, row, a, has_rowtime, has_arrival, err))
        return true;
    /* a record that is an error row is said as one: its keys are not
     * counted as keys the stream ignored */
    if (d->unknown != unknown && !(d->unknown = unknown)) d->first_unknown[0] = 0;
    salvage_rowtime(line, len, a, err);
    return false;
}

uint64_t io_decoder_unknown_keys(const Decoder *d, const char **first)
{
    *first = d->first_unknown;
    return d->unknown;
}

bool io_decoder_has_mappings(const Decoder *d) { return d->map != NULL; }

bool io_ndjson_decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                      bool *has_arrival, DecodeError *err)
{
    bool more;
    return io_ndjson_decode_elem(d, line, len, 0, &more, row, a, has_rowtime, has_arrival, err);
}

static inline uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Whether the record's bytes at key (up to end) are the ones guessed, from
 * the key to its value, compared a word at a time. */
static inline bool guess_matches(const KeyGuess *g, const char *key, const char *end)
{
    size_t n = g->span, left = (size_t)(end - key);
    if (!n || left < n) return false;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n < 8) {
        if (left < 8) return memcmp(key, g->text, n) == 0;
        return ((load8(key) ^ load8(g->text)) & (((uint64_t)1 << (8 * n)) - 1)) == 0;
    }
    /* the first and the last word, overlapping when n < 16: the usual key takes no loop */
    uint64_t diff = (load8(key) ^ load8(g->text)) | (load8(key + n - 8) ^ load8(g->text + n - 8));
    for (size_t i = 8; i + 8 < n; i += 8) diff |= load8(key + i) ^ load8(g->text + i);
    return diff == 0;
#else
    return memcmp(key, g->text, n) == 0;
#endif
}

/* A key the guess missed, after its opening quote: its text (unescaped
 * when it has escapes) and what the lookup tables say of it. */
static bool read_key(Scan *s, const Decoder *d, const char **kp, uint32_t *klen, int *col, bool *folded)
{
    /* hash as we go, exact and case-folded */
    const char *key = s->p;
    uint32_t h = 2166136261u, hf = 2166136261u;
    const unsigned char *p = (const unsigned char *)key, *end = (const unsigned char *)s->end;
    while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80) {
        h = fnv_step(h, *p);
        hf = fnv_step(hf, fold(*p));
        p++;
    }
    if (p < end && *p == '"') {
        *kp = key;
        *klen = (uint32_t)((const char *)p - key);
        s->p = (const char *)p + 1;
    } else {
        if (!jscan_string(s, kp, klen, true)) return false;
        h = hf = 2166136261u;
        for (uint32_t i = 0; i < *klen; i++) {
            h = fnv_step(h, (unsigned char)(*kp)[i]);
            hf = fnv_step(hf, fold((unsigned char)(*kp)[i]));
        }
    }
    jscan_skip_ws(s);
    if (s->p >= s->end || *s->p != ':') return jscan_fail(s, "MALFORMED_JSON", "expected ':' after key at column %zu", jscan_col(s));
    *col = lookup(d, *kp, *klen, h, hf, folded);
    return true;
}

/* Whether text is "YYYY-MM-DD HH:MM:SS.fff" exactly (T allowed for the blank). */
static bool plain_timestamp(const char *t, uint32_t len)
{
    static const char layout[] = "dddd-dd-dd dd:dd:dd.ddd";
    if (len != 23) return false;
    for (int i = 0; i < 23; i++) {
        char c = t[i], want = layout[i];
        if (want == 'd' ? (unsigned char)(c - '0') >= 10 : c != want && !(i == 10 && c == 'T')) return false;
    }
    return true;
}

static inline int64_t millis(const char *t) { return (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0'); }

/* The value of a timestamp of the second last remembered, if it is one. */
static inline bool time_memo_read(const TimeMemo *m, const char *t, uint32_t len, int64_t *ms)
{
    if (len != 23 || !m->valid || memcmp(t, m->text, 20) != 0) return false;
    if ((unsigned char)(t[20] - '0') >= 10 || (unsigned char)(t[21] - '0') >= 10 || (unsigned char)(t[22] - '0') >= 10) return false;
    *ms = m->second + millis(t + 20);
    return true;
}

/* After the full parse gave ms for t: remember its second when t has the
 * plain form (whose value is its second's plus its milliseconds). */
static void time_memo_keep(TimeMemo *m, const char *t, uint32_t len, int64_t ms)
{
    if (!plain_timestamp(t, len)) return;
    memcpy(m->text, t, 20);
    m->second = ms - millis(t + 20);
    m->valid = true;
}

/* A value for column c: the usual ones read here directly, the rest (and
 * whatever these cannot take as is, errors included) by the general path. */
static bool read_column(Scan *s, const Decoder *d, int c, uint8_t fast, uint32_t maxlen, Value *out)
{
    const char *p = s->p;
    if (p < s->end && fast != FAST_NONE) {
        if (fast == FAST_TEXT && *p == '"') {
            const char *text;
            uint32_t len;
            s->p = p + 1;
            if (!jscan_string(s, &text, &len, true)) return false;
            *out = val_str(text, len);
            if (len > maxlen) conv_fit_string(d->schema->cols[c].type, out, s->arena);
            return true;
        }
        if (fast == FAST_DOUBLE || fast == FAST_REAL) {
            double v;
            size_t used = s->end[-1] == '}' ? num_read_double_closed(p, &v) : 0;
            if (!used) used = num_read_double(p, (size_t)(s->end - p), &v);
            if (used && (fast == FAST_DOUBLE || !isinf((float)v))) {
                s->p = p + used;
                *out = val_double(fast == FAST_REAL ? (double)(float)v : v);
                return true;
            }
        }
        if (fast == FAST_INT && (*p == '-' || (unsigned char)(*p - '0') < 10)) {
            NumText nt;
            int64_t v;
            TypeId id = d->schema->cols[c].type.id;
            size_t quick = s->end[-1] == '}' ? num_read_int_closed(p, &v) : 0;
            if (quick && v >= type_int_min(id) && v <= type_int_max(id)) {
                s->p = p + quick;
                *out = val_int(v);
                return true;
            }
            size_t used = num_scan(p, (size_t)(s->end - p), true, &nt);
            if (used && num_to_int64(&nt, &v) && v >= type_int_min(id) && v <= type_int_max(id)) {
                s->p = p + used;
                *out = val_int(v);
                return true;
            }
        }
    }
    JKind kind;
    const char *text = NULL;
    uint32_t tlen = 0;
    NumText nt;
    if (!jscan_read_value(s, &kind, &text, &tlen, &nt)) return false;
    return jscan_coerce(s, &d->schema->cols[c], kind, text, tlen, &nt, out);
}

/* Whether column col's key was spelled exactly before position pos of the record. */
static bool exact_before(const Decoder *d, int pos, int col)
{
    for (int j = 0; j < pos && j < PREDICTED_KEYS; j++)
        if (d->guess[j].col == col && !d->guess[j].folded) return true;
    return d->exact_gen[col] == d->gen;
}

static inline const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (unsigned char)*p <= ' ' && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* The keys from position *keypos on that are the ones guessed there and
 * name their column exactly (or are ROWTIME), each with a value of the
 * usual kind for its column and then ',' or the object's '}': read here
 * without the general loop's questions, since a stream's records are
 * usually made of nothing else. Stops at the first key that is not such
 * a key, *pp at its opening quote (a value this read for it is read
 * again there, to the same result); true when it took the '}' too. */
static inline bool decode_guessed(Decoder *d, Scan *s, const char **pp, int *keypos, Row *row, bool *has_rowtime)
{
    const char *p = *pp, *end = s->end;
    int k = *keypos;
    bool closed = false;
    /* a record that ends with its '}': no digit run inside it reaches its end */
    bool ends_closed = end[-1] == '}';
    while (k < PREDICTED_KEYS && p < end && *p == '"') {
        const KeyGuess *g = &d->guess[k];
        if (!(g->direct || (g->col == KEY_ROWTIME && !g->folded)) || !guess_matches(g, p + 1, end)) break;
        const char *q = p + 1 + g->span;
        if (q >= end) break;
        if (g->fast == FAST_TEXT && *q == '"') {
            const char *text;
            uint32_t len;
            s->p = q + 1;
            if (!jscan_string(s, &text, &len, true)) break;
            Value v = val_str(text, len);
            if (len > g->maxlen) conv_fit_string(d->schema->cols[g->col].type, &v, s->arena);
            row->v[g->col] = v;
            q = s->p;
        } else if (g->fast == FAST_DOUBLE) {
            double v;
            size_t used = ends_closed ? num_read_double_closed(q, &v) : 0;
            if (!used) used = num_read_double(q, (size_t)(end - q), &v);
            if (!used) break;
            row->v[g->col] = val_double(v);
            q += used;
        } else if (g->fast == FAST_INT && ends_closed) {
            int64_t v;
            size_t used = num_read_int_closed(q, &v);
            TypeId id = d->schema->cols[g->col].type.id;
            if (!used || v < type_int_min(id) || v > type_int_max(id)) break;
            row->v[g->col] = val_int(v);
            q += used;
        } else if (g->col == KEY_ROWTIME && *q == '"') {
            int64_t ms;
            if (end - q > 24 && q[24] == '"' && time_memo_read(&d->time_memo[0], q + 1, 23, &ms)) {
                /* the same second as the record before, and its closing quote
                 * where that puts it: the remembered text holds no quote or
                 * backslash, so no scan for them is needed, and where the next
                 * key starts does not wait for one */
                q += 25;
            } else {
                const char *text;
                uint32_t len;
                s->p = q + 1;
                if (!jscan_string(s, &text, &len, true) || !time_memo_read(&d->time_memo[0], text, len, &ms)) break;
                q = s->p;
            }
            row->rowtime = ms;
            *has_rowtime = true;
        } else {
            break;
        }
        if (q < end && *q == ',') {
            p = q + 1;
            k++;
            continue;
        }
        if (q < end && *q == '}') {
            p = q + 1;
            k++;
            closed = true;
        }
        break;
    }
    *pp = p;
    *keypos = k;
    return closed;
}

/* The record's bytes are walked with a local pointer (s.p is brought up to
 * date before each call that reads or reports from it). */
static bool decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                   bool *has_arrival, DecodeError *err)
{
    Scan s = {line, line + len, line, a, err, 0};
    const char *p, *end = line + len;
    const Schema *sch = d->schema;
    int n = sch->ncols;
    row->n = n;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) row->v[i] = val_null();
    if (++d->gen == 0) {
        /* the stamps of 2^32 records ago would look current: start again */
        memset(d->exact_gen, 0, sizeof *d->exact_gen * (size_t)(n ? n : 1));
        d->gen = 1;
    }
    int keypos = 0;
    bool unknown_seen = false;
    *has_rowtime = *has_arrival = false;
    s.p = p = skip_ws(line, end);
    if (p >= end) return jscan_fail(&s, "MALFORMED_JSON", "empty record");
    if (*p != '{') return jscan_fail_not_object(&s);
    p = skip_ws(p + 1, end);
    if (decode_guessed(d, &s, &p, &keypos, row, has_rowtime)) {
        /* every key as guessed, and the '}' */
    } else if (keypos == 0 && p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            if (p >= end || *p != '"') {
                s.p = p = skip_ws(p, end);
                if (p >= end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected end of line inside the object (the line may be truncated)");
                if (*p != '"') return jscan_fail(&s, "MALFORMED_JSON", "expected a key string at column %zu", jscan_col(&s));
            }
            const char *key = p + 1, *kp;
            uint32_t klen;
            int col = -1;
            bool folded = false;
            KeyGuess *gs = keypos < PREDICTED_KEYS ? &d->guess[keypos] : NULL;
            uint8_t fast;
            uint32_t maxlen;
            keypos++;
            if (gs && guess_matches(gs, key, end)) {
                p = key + gs->span;
                if (p < end && (unsigned char)*p <= ' ') p = skip_ws(p, end);
                if (gs->direct) {
                    /* the usual key: nothing to count or to settle between spellings */
                    col = gs->col;
                    fast = gs->fast;
                    maxlen = gs->maxlen;
                    s.p = p;
                    goto read_value;
                }
                kp = key;
                klen = gs->len;
                col = gs->col;
                folded = gs->folded;
                fast = gs->fast;
                maxlen = gs->maxlen;
            } else {
                s.p = key;
                if (!read_key(&s, d, &kp, &klen, &col, &folded)) return false;
                p = skip_ws(s.p + 1, end);
                fast = col >= 0 ? d->fast[col] : FAST_NONE;
                maxlen = col >= 0 && sch->cols[col].type.len > 0 ? (uint32_t)sch->cols[col].type.len : UINT32_MAX;
                if (gs) {
                    /* a plain key (no escapes): its bytes are the key */
                    bool plain = kp == key && (size_t)(p - key) <= GUESS_MAX;
                    memset(gs->text, 0, sizeof gs->text);
                    if (plain) memcpy(gs->text, key, (size_t)(p - key));
                    gs->span = plain ? (uint8_t)(p - key) : 0;
                    gs->len = (uint8_t)(klen < 255 ? klen : 255);
                    gs->col = col;
                    gs->folded = folded;
                    gs->direct = col >= 0 && !folded;
                    gs->fast = fast;
                    gs->maxlen = maxlen;
                }
            }
            s.p = p;
            if (col == -1 && !unknown_seen) {
                /* counted, so that a key the schema does not have is never ignored without a word */
                unknown_seen = true;
                if (!d->unknown++) snprintf(d->first_unknown, sizeof d->first_unknown, "%.*s", (int)(klen > 60 ? 60 : klen), kp);
            }
            /* a key spelled exactly like the column wins over one that only
             * matches when case is ignored, whatever their order */
            if (col >= 0) {
                if (folded) {
                    if (exact_before(d, keypos - 1, col)) col = -1;
                } else if (!gs) {
                    d->exact_gen[col] = d->gen;
                }
            }
            if (col == -1) {
                if (!jscan_skip_value(&s)) return false;
            } else if (col >= 0) {
            read_value:
                if (!read_column(&s, d, col, fast, maxlen, &row->v[col])) return false;
            } else {
                const char *what = col == KEY_ROWTIME ? "ROWTIME" : "APPROXIMATE_ARRIVAL_TIME";
                JKind kind;
                const char *text = NULL;
                uint32_t tlen = 0;
                NumText nt;
                int64_t ms;
                if (p < end && *p == '"') {
                    /* a timestamp string, the usual ROWTIME */
                    TimeMemo *memo = &d->time_memo[col == KEY_ROWTIME ? 0 : 1];
                    s.p = p + 1;
                    kind = J_STRING;
                    if (!jscan_string(&s, &text, &tlen, true)) return false;
                    if (!time_memo_read(memo, text, tlen, &ms)) {
                        if (!jscan_read_time(&s, what, kind, text, tlen, &nt, &ms)) return false;
                        time_memo_keep(memo, text, tlen, ms);
                    }
                } else {
                    if (!jscan_read_value(&s, &kind, &text, &tlen, &nt)) return false;
                    if (kind != J_NULL && !jscan_read_time(&s, what, kind, text, tlen, &nt, &ms)) return false;
                }
                if (kind != J_NULL) {
                    if (col == KEY_ROWTIME) row->rowtime = ms, *has_rowtime = true;
                    else row->arrival = ms, *has_arrival = true;
                }
            }
            p = s.p;
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            s.p = p = skip_ws(p, end);
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (p < end && *p == '}') {
                p++;
                break;
            }
            if (p >= end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected end of line inside the object (the line may be truncated)");
            return jscan_fail(&s, "MALFORMED_JSON", "expected ',' or '}' at column %zu", jscan_col(&s));
        }
    }
    s.p = p = skip_ws(p, end);
    if (p != end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected text after the object at column %zu", jscan_col(&s));
    for (int i = 0; d->any_notnull && i < n; i++)
        if (row->v[i].null && sch->cols[i].type.notnull)
            return jscan_fail(&s, "CONVERSION", "column %s is NOT NULL but the record has no value for it", sch->cols[i].name);
    return true;
}
