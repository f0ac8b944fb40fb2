/* Reading a GetRecords answer (and a PutRecords one). Records' Data are
 * most of the bytes eddy takes from Kinesis; building a tree of JSON
 * values for them (jansson) cost more than all the rest of the path, so
 * the answer is walked in place with the NDJSON reader's scanner instead,
 * and each record handed on as it is met. */
#include <string.h>

#include "kinesis_api.h"
#include "ndjson_int.h"

typedef bool (*MemberFn)(Scan *s, const char *key, uint32_t keylen, void *ctx);

static bool expect(Scan *s, char c)
{
    jscan_skip_ws(s);
    if (s->p < s->end && *s->p == c) {
        s->p++;
        return true;
    }
    return jscan_fail(s, "MALFORMED_JSON", "expected '%c' at byte %zu", c, jscan_col(s));
}

/* An object: fn reads each member's value. */
static bool members(Scan *s, MemberFn fn, void *ctx)
{
    if (!expect(s, '{')) return false;
    jscan_skip_ws(s);
    if (s->p < s->end && *s->p == '}') return s->p++, true;
    for (;;) {
        const char *key;
        uint32_t keylen;
        if (!expect(s, '"') || !jscan_string(s, &key, &keylen, true) || !expect(s, ':')) return false;
        jscan_skip_ws(s);
        if (!fn(s, key, keylen, ctx)) return false;
        jscan_skip_ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        return expect(s, '}');
    }
}

/* An array: one() reads each element. */
static bool elements(Scan *s, bool (*one)(Scan *s, void *ctx), void *ctx)
{
    if (!expect(s, '[')) return false;
    jscan_skip_ws(s);
    if (s->p < s->end && *s->p == ']') return s->p++, true;
    for (;;) {
        if (!one(s, ctx)) return false;
        jscan_skip_ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        return expect(s, ']');
    }
}

static bool is_key(const char *key, uint32_t len, const char *name) { return len == strlen(name) && !memcmp(key, name, len); }

/* A string member, or null (*out NULL). */
static bool string_value(Scan *s, const char **out, size_t *len)
{
    JKind kind;
    const char *text;
    uint32_t n;
    NumText nt;
    if (!jscan_read_value(s, &kind, &text, &n, &nt)) return false;
    if (kind == J_NULL) {
        *out = NULL;
        *len = 0;
        return true;
    }
    if (kind != J_STRING) return jscan_fail(s, "MALFORMED_JSON", "a string expected at byte %zu", jscan_col(s));
    *out = text;
    *len = n;
    return true;
}

static bool number_value(Scan *s, double *out)
{
    JKind kind;
    const char *text;
    uint32_t n;
    NumText nt;
    if (!jscan_read_value(s, &kind, &text, &n, &nt)) return false;
    if (kind != J_NUMBER) return jscan_fail(s, "MALFORMED_JSON", "a number expected at byte %zu", jscan_col(s));
    *out = nt.dbl;
    return true;
}

static bool record_member(Scan *s, const char *key, uint32_t keylen, void *ctx)
{
    KinRecord *r = ctx;
    double ts;
    if (is_key(key, keylen, "Data")) return string_value(s, &r->data, &r->data_len);
    if (is_key(key, keylen, "SequenceNumber")) return string_value(s, &r->seq, &r->seq_len);
    if (is_key(key, keylen, "ApproximateArrivalTimestamp")) {
        if (!number_value(s, &ts)) return false;
        r->approx_ms = (int64_t)(ts * 1000.0 + (ts >= 0 ? 0.5 : -0.5));
        return true;
    }
    return jscan_skip_value(s);
}

typedef struct Walk {
    void (*fn)(void *ctx, const KinRecord *r);
    void *ctx;
    KinReply *out;
} Walk;

static bool one_record(Scan *s, void *ctx)
{
    Walk *w = ctx;
    KinRecord r = {0};
    if (!members(s, record_member, &r)) return false;
    if (!r.seq) return jscan_fail(s, "MALFORMED_JSON", "a record without SequenceNumber before byte %zu", jscan_col(s));
    w->fn(w->ctx, &r);
    return true;
}

static bool reply_member(Scan *s, const char *key, uint32_t keylen, void *ctx)
{
    Walk *w = ctx;
    if (is_key(key, keylen, "NextShardIterator")) return string_value(s, &w->out->next_iterator, &w->out->next_len);
    if (is_key(key, keylen, "MillisBehindLatest")) {
        double v;
        if (!number_value(s, &v)) return false;
        w->out->behind = (int64_t)v;
        return true;
    }
    if (!is_key(key, keylen, "Records")) return jscan_skip_value(s);
    return elements(s, one_record, w);
}

bool io_kin_read_records(const char *text, size_t len, Arena *a, void (*fn)(void *ctx, const KinRecord *r), void *ctx,
                         KinReply *out, char *why, size_t whylen)
{
    DecodeError err;
    Scan s = {.p = text, .end = text + len, .line = text, .arena = a, .err = &err};
    *out = (KinReply){.behind = -1};
    Walk w = {fn, ctx, out};
    if (members(&s, reply_member, &w)) return true;
    snprintf(why, whylen, "unreadable GetRecords answer: %s", err.msg);
    return false;
}

/* ---- PutRecords answers ---- */

typedef struct PutWalk {
    void (*fn)(void *ctx, size_t i, const char *error, size_t error_len);
    void *ctx;
    size_t i;
} PutWalk;

typedef struct PutResult {
    const char *error;
    size_t error_len;
} PutResult;

static bool result_member(Scan *s, const char *key, uint32_t keylen, void *ctx)
{
    PutResult *r = ctx;
    if (is_key(key, keylen, "ErrorCode")) return string_value(s, &r->error, &r->error_len);
    return jscan_skip_value(s);
}

static bool one_result(Scan *s, void *ctx)
{
    PutWalk *w = ctx;
    PutResult r = {0};
    if (!members(s, result_member, &r)) return false;
    w->fn(w->ctx, w->i++, r.error, r.error_len);
    return true;
}

static bool put_member(Scan *s, const char *key, uint32_t keylen, void *ctx)
{
    if (!is_key(key, keylen, "Records")) return jscan_skip_value(s);
    return elements(s, one_result, ctx);
}

bool io_kin_read_put_results(const char *text, size_t len, Arena *a,
                             void (*fn)(void *ctx, size_t i, const char *error, size_t error_len), void *ctx, char *why,
                             size_t whylen)
{
    DecodeError err;
    Scan s = {.p = text, .end = text + len, .line = text, .arena = a, .err = &err};
    PutWalk w = {fn, ctx, 0};
    if (members(&s, put_member, &w)) return true;
    snprintf(why, whylen, "unreadable PutRecords answer: %s", err.msg);
    return false;
}
