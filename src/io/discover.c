/* Schema discovery: the columns of a stream from its first records, by the
 * rule documented in the README (integers BIGINT, other numbers DOUBLE,
 * booleans BOOLEAN, strings that all read as timestamps TIMESTAMP, anything
 * else VARCHAR). */
#include <string.h>

#include "ndjson_int.h"
#include "src/runtime/timeutil.h"

/* ---- discovery ---- */

typedef struct Seen {
    const char *name;
    uint32_t len;
    int ints, doubles, bools, strings, timestamps, composites, nulls;
} Seen;

int io_discover_schema(const char *data, size_t len, Schema *out, Arena *a)
{
    Seen seen[IO_DISCOVER_MAX_COLS];
    int nseen = 0, records = 0;
    DecodeError err;
    const char *p = data, *end = data + len;
    while (p < end && records < 1000) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;   /* only complete lines */
        Scan s = {p, nl, p, a, &err, 0};
        p = nl + 1;
        jscan_skip_ws(&s);
        if (s.p >= s.end || *s.p != '{') continue;
        s.p++;
        bool ok = true;
        jscan_skip_ws(&s);
        if (s.p < s.end && *s.p == '}') continue;
        while (ok) {
            jscan_skip_ws(&s);
            if (s.p >= s.end || *s.p != '"') break;
            s.p++;
            const char *k;
            uint32_t kl;
            if (!jscan_string(&s, &k, &kl, true)) break;
            jscan_skip_ws(&s);
            if (s.p >= s.end || *s.p != ':') break;
            s.p++;
            jscan_skip_ws(&s);
            JKind kind;
            const char *text;
            uint32_t tl;
            NumText nt;
            if (!jscan_read_value(&s, &kind, &text, &tl, &nt)) break;
            if ((kl == 7 && memcmp(k, "ROWTIME", 7) == 0) || (kl == 24 && memcmp(k, "APPROXIMATE_ARRIVAL_TIME", 24) == 0)) {
            } else {
                int i;
                for (i = 0; i < nseen; i++)
                    if (seen[i].len == kl && memcmp(seen[i].name, k, kl) == 0) break;
                if (i == nseen && nseen < IO_DISCOVER_MAX_COLS) {
                    memset(&seen[i], 0, sizeof seen[i]);
                    seen[i].name = arena_strndup(a, k, kl);
                    seen[i].len = kl;
                    nseen++;
                }
                if (i < nseen) {
                    int64_t iv, ms;
                    switch (kind) {
                    case J_NUMBER:
                        if (!nt.has_point_or_exp && num_to_int64(&nt, &iv)) seen[i].ints++;
                        else seen[i].doubles++;
                        break;
                    case J_TRUE: case J_FALSE: seen[i].bools++; break;
                    case J_NULL: seen[i].nulls++; break;
                    case J_STRING:
                        seen[i].strings++;
                        if (tl >= 16 && time_parse_timestamp(text, tl, &ms)) seen[i].timestamps++;
                        break;
                    default: seen[i].composites++;
                    }
                }
            }
            jscan_skip_ws(&s);
            if (s.p < s.end && *s.p == ',') { s.p++; continue; }
            break;
        }
        records++;
    }
    out->ncols = nseen;
    out->cols = arena_alloc(a, sizeof(Column) * (size_t)(nseen ? nseen : 1));
    for (int i = 0; i < nseen; i++) {
        Seen *c = &seen[i];
        TypeId t;
        int nonnull = c->ints + c->doubles + c->bools + c->strings + c->composites;
        if (nonnull == 0) t = TY_VARCHAR;
        else if (c->ints + c->doubles == nonnull) t = c->doubles ? TY_DOUBLE : TY_BIGINT;
        else if (c->bools == nonnull) t = TY_BOOLEAN;
        else if (c->strings == nonnull && c->timestamps == c->strings) t = TY_TIMESTAMP;
        else t = TY_VARCHAR;
        out->cols[i].name = c->name;
        out->cols[i].type = t == TY_VARCHAR ? type_string(TY_VARCHAR, 0) : type_make(t);
    }
    return records;
}

