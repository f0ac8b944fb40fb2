/* Window operators against a brute-force recomputation: random streams
 * (non-decreasing ROWTIMEs with many ties, NULLs, a few partition keys)
 * are pushed through whole applications (parse, bind, exec), and every
 * output row is compared with the frame the test rebuilds from scratch.
 * This checks the sliding windows' insert / expire / inverse paths, the
 * MIN/MAX deques, the analytic functions' indexing, idle-partition drops
 * and the tumbling windows' grouping and emission. */
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "parser/parse.h"
#include "planner/bind.h"
#include "src/test.h"

/* ---- a deterministic PRNG (splitmix64) ---- */

static uint64_t rng;
static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static int below(int n) { return (int)(rnd() % (uint64_t)n); }
static bool chance(int percent) { return below(100) < percent; }

/* ---- input rows of S (k VARCHAR(7), x INTEGER, d DOUBLE) ---- */

static const char *const KEYS[] = {"a", "b", "cc", "", "Zz"};
enum { NKEYS = 5, MANY_KEYS = 4000 };

/* Keys past the first five are "k5" ... "k3999": enough of them to make
 * the operators' hash tables grow and shrink. */
static const char *key_text(int key)
{
    static char many[MANY_KEYS][8];
    if (key < NKEYS) return KEYS[key];
    if (!many[key][0]) snprintf(many[key], sizeof many[key], "k%d", key & 4095);
    return many[key];
}

typedef struct In {
    int64_t t;
    int key;          /* see key_text(), -1 for NULL */
    bool xnull, dnull;
    int64_t x;
    double d;
} In;

#define BASE_TIME INT64_C(1700000000123)   /* not aligned on a window, on purpose */

/* n rows; ties, small and large gaps, exact window-length gaps; NULL rates
 * vary per stream (sometimes all NULL) */
static void gen_rows(In *rows, int n, int nkeys, int null_pct)
{
    static const int64_t gaps[] = {1, 2, 499, 500, 999, 1000, 1000, 1001, 2000, 2500, 3000, 4999, 5000, 5001, 7000};
    int tie_pct = 20 + below(60);
    int64_t t = BASE_TIME + below(3000);
    for (int i = 0; i < n; i++) {
        if (i && !chance(tie_pct)) t += chance(50) ? gaps[below((int)(sizeof gaps / sizeof gaps[0]))] : below(1500);
        In *r = &rows[i];
        r->t = t;
        r->key = chance(4) ? -1 : below(nkeys);
        r->xnull = chance(null_pct);
        r->dnull = chance(null_pct);
        r->x = r->xnull ? 0 : below(101) - 50;
        r->d = r->dnull ? 0 : (double)(below(20001) - 10000) / 100.0;
    }
}

static bool same_key(const In *a, const In *b) { return a->key == b->key; }

/* ---- recorded output ---- */

typedef struct Cell {
    bool null;
    int64_t i;
    double d;
    char s[8];
} Cell;

typedef struct OutRow {
    int64_t rowtime;
    int at;           /* how many input rows had been pushed before it came out */
    Cell *c;
} OutRow;

typedef struct Rec {
    const Schema *schema;
    OutRow *rows;
    int n, cap;
    bool store;       /* false: only count (the long runs) */
    long count;
    int bad_rows;     /* rows that did not have the schema's width */
} Rec;

static int cur_in;    /* index of the input row being pushed; n during exec_finish */

static void record(void *ctx, const CatStream *s, const Row *row)
{
    Rec *r = ctx;
    (void)s;
    r->count++;
    if (row->n != r->schema->ncols) {
        r->bad_rows++;
        return;
    }
    if (!r->store) return;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->rows = realloc(r->rows, sizeof(OutRow) * (size_t)r->cap);
    }
    OutRow *o = &r->rows[r->n++];
    o->rowtime = row->rowtime;
    o->at = cur_in;
    o->c = calloc((size_t)row->n, sizeof(Cell));
    for (int i = 0; i < row->n; i++) {
        const Value *v = &row->v[i];
        Cell *c = &o->c[i];
        c->null = v->null;
        if (v->null) continue;
        TypeId t = r->schema->cols[i].type.id;
        if (type_is_string(t)) {
            size_t len = v->len < sizeof c->s - 1 ? v->len : sizeof c->s - 1;
            memcpy(c->s, v->u.s, len);
        } else if (type_is_approx(t)) {
            c->d = v->u.d;
        } else {
            c->i = v->u.i;
        }
    }
}

static void rec_clear(Rec *r)
{
    for (int i = 0; i < r->n; i++) free(r->rows[i].c);
    r->n = 0;
}

static void rec_free(Rec *r)
{
    rec_clear(r);
    free(r->rows);
    r->rows = NULL;
    r->cap = 0;
}

static long run_errors;
static char last_error[512];
static void on_error(void *ctx, const ErrorRow *e)
{
    (void)ctx;
    run_errors++;
    snprintf(last_error, sizeof last_error, "%s: %s", e->name ? e->name : "?", e->message ? e->message : "");
}

/* ---- an application: parsed, bound, running ---- */

typedef struct Engine {
    char sql[4096];
    Arena stmt;
    DiagList diag;
    PlanApp app;
    Exec *ex;
    int in_stream;
    const CatStream *out;
    Rec rec;
    bool ok;
} Engine;

static bool engine_open(Engine *e, bool store)
{
    arena_init(&e->stmt, 0);
    diag_init(&e->diag, "window_test.sql", e->sql, (uint32_t)strlen(e->sql));
    plan_app_init(&e->app);
    e->ex = NULL;
    e->ok = false;
    memset(&e->rec, 0, sizeof e->rec);
    ParsedScript ps;
    static const char *const inputs[] = {"S"};
    BindOptions opt = {inputs, 1};
    if (parse_script(e->sql, (uint32_t)strlen(e->sql), &e->stmt, &e->diag, &ps) ||
        bind_app(&e->app, ps.stmts, ps.n, &opt, &e->diag)) {
        printf("\n  does not bind: %s\n", e->sql);
        diag_render(&e->diag, stdout);
        return false;
    }
    const CatStream *in = cat_find_stream(&e->app.cat, "S", false);
    e->out = cat_find_stream(&e->app.cat, "OUT", false);   /* several pumps write OUT */
    for (int i = 0; i < e->app.cat.nstreams && !e->out; i++)
        if (e->app.cat.streams[i]->anonymous) e->out = e->app.cat.streams[i];
    if (!in || !e->out) return false;
    e->in_stream = in->id;
    e->ex = exec_new(&e->app);
    e->rec.schema = &e->out->schema;
    e->rec.store = store;
    exec_set_sink(e->ex, e->out->id, record, &e->rec);
    exec_set_error_sink(e->ex, on_error, NULL);
    run_errors = 0;
    last_error[0] = 0;
    e->ok = true;
    return true;
}

static void engine_push(Engine *e, const In *r, Arena *rec)
{
    arena_reset(rec);
    Value *v = arena_alloc(rec, sizeof(Value) * 3);
    if (r->key < 0) {
        v[0] = val_null();
    } else {
        uint32_t len = (uint32_t)strlen(key_text(r->key));
        v[0] = val_str(arena_strndup(rec, key_text(r->key), len), len);
    }
    v[1] = r->xnull ? val_null() : val_int(r->x);
    v[2] = r->dnull ? val_null() : val_double(r->d);
    Row row = {.rowtime = r->t, .arrival = r->t, .v = v, .n = 3, .recno = (uint64_t)cur_in + 1};
    e->ex->now = r->t;
    exec_push_input(e->ex, e->in_stream, &row, rec, NULL, 0);
}

static void engine_close(Engine *e)
{
    exec_free(e->ex);
    e->ex = NULL;
    rec_free(&e->rec);
    plan_app_free(&e->app);
    diag_free(&e->diag);
    arena_free(&e->stmt);
}

/* Pushes rows[0..n) and finishes; the output is in e->rec. */
static bool run(Engine *e, const In *rows, int n)
{
    if (!engine_open(e, true)) return false;
    Arena rec;
    arena_init(&rec, 0);
    for (int i = 0; i < n; i++) {
        cur_in = i;
        engine_push(e, &rows[i], &rec);
    }
    cur_in = n;
    exec_finish(e->ex);
    arena_free(&rec);
    return true;
}

/* ---- the functions under test and their brute-force values ---- */

typedef enum Fn {
    F_COUNT_STAR, F_COUNT_X, F_SUM_X, F_SUM_D, F_MIN_X, F_MAX_X, F_MIN_D, F_MAX_D, F_MIN_K, F_MAX_K,
    F_AVG_D, F_AVG_X, F_VAR_POP_D, F_VAR_SAMP_D, F_STDDEV_SAMP_D, F_STDDEV_POP_X,
    F_SUM_DIST_X, F_AVG_DIST_X, F_SUM_DIST_D, F_AVG_DIST_D,
    /* analytic: sliding windows only */
    F_FIRST_X, F_FIRST_X_IGN, F_LAST_X, F_LAST_X_IGN, F_FIRST_K, F_LAST_K_IGN, F_LAG_X, F_LAG_X2, F_LAG_X_IGN,
    F_LAG_X2_IGN, F_LAG_X1_DEF, F_NTH_X2, F_NTH_X2_LAST, F_NTH_X3_IGN, F_NTH_K2, F_EXP_AVG_D,
    F_COUNT
} Fn;

static const struct FnInfo {
    const char *sql;
    char kind;                /* i integer, d double, s string */
    TypeId type;
} FNS[F_COUNT] = {
    [F_COUNT_STAR] = {"COUNT(*)", 'i', TY_BIGINT},
    [F_COUNT_X] = {"COUNT(x)", 'i', TY_BIGINT},
    [F_SUM_X] = {"SUM(x)", 'i', TY_BIGINT},
    [F_SUM_D] = {"SUM(d)", 'd', TY_DOUBLE},
    [F_MIN_X] = {"MIN(x)", 'i', TY_INTEGER},
    [F_MAX_X] = {"MAX(x)", 'i', TY_INTEGER},
    [F_MIN_D] = {"MIN(d)", 'd', TY_DOUBLE},
    [F_MAX_D] = {"MAX(d)", 'd', TY_DOUBLE},
    [F_MIN_K] = {"MIN(k)", 's', TY_VARCHAR},
    [F_MAX_K] = {"MAX(k)", 's', TY_VARCHAR},
    [F_AVG_D] = {"AVG(d)", 'd', TY_DOUBLE},
    [F_AVG_X] = {"AVG(x)", 'i', TY_INTEGER},
    [F_VAR_POP_D] = {"VAR_POP(d)", 'd', TY_DOUBLE},
    [F_VAR_SAMP_D] = {"VAR_SAMP(d)", 'd', TY_DOUBLE},
    [F_STDDEV_SAMP_D] = {"STDDEV_SAMP(d)", 'd', TY_DOUBLE},
    [F_STDDEV_POP_X] = {"STDDEV_POP(x)", 'd', TY_DOUBLE},
    [F_SUM_DIST_X] = {"SUM(DISTINCT x)", 'i', TY_BIGINT},
    [F_AVG_DIST_X] = {"AVG(DISTINCT x)", 'i', TY_INTEGER},
    [F_SUM_DIST_D] = {"SUM(DISTINCT d)", 'd', TY_DOUBLE},
    [F_AVG_DIST_D] = {"AVG(DISTINCT d)", 'd', TY_DOUBLE},
    [F_FIRST_X] = {"FIRST_VALUE(x)", 'i', TY_INTEGER},
    [F_FIRST_X_IGN] = {"FIRST_VALUE(x) IGNORE NULLS", 'i', TY_INTEGER},
    [F_LAST_X] = {"LAST_VALUE(x)", 'i', TY_INTEGER},
    [F_LAST_X_IGN] = {"LAST_VALUE(x) IGNORE NULLS", 'i', TY_INTEGER},
    [F_FIRST_K] = {"FIRST_VALUE(k)", 's', TY_VARCHAR},
    [F_LAST_K_IGN] = {"LAST_VALUE(k) IGNORE NULLS", 's', TY_VARCHAR},
    [F_LAG_X] = {"LAG(x)", 'i', TY_INTEGER},
    [F_LAG_X2] = {"LAG(x, 2)", 'i', TY_INTEGER},
    [F_LAG_X_IGN] = {"LAG(x) IGNORE NULLS", 'i', TY_INTEGER},
    [F_LAG_X2_IGN] = {"LAG(x, 2) IGNORE NULLS", 'i', TY_INTEGER},
    [F_LAG_X1_DEF] = {"LAG(x, 1, -999)", 'i', TY_INTEGER},
    [F_NTH_X2] = {"NTH_VALUE(x, 2)", 'i', TY_INTEGER},
    [F_NTH_X2_LAST] = {"NTH_VALUE(x, 2) FROM LAST", 'i', TY_INTEGER},
    [F_NTH_X3_IGN] = {"NTH_VALUE(x, 3) IGNORE NULLS", 'i', TY_INTEGER},
    [F_NTH_K2] = {"NTH_VALUE(k, 2)", 's', TY_VARCHAR},
    [F_EXP_AVG_D] = {"EXP_AVG(d, INTERVAL '2' SECOND)", 'd', TY_DOUBLE},
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* SUM or AVG of the distinct non-NULL values of x (onx) or d in the frame,
 * by sorting them: no state shared with what is being checked. */
static Cell brute_distinct(bool onx, bool avg, const In *rows, const int *frame, int nf, double *scale)
{
    Cell c = {.null = true};
    double *v = malloc(sizeof(double) * (size_t)(nf ? nf : 1));
    int n = 0;
    for (int j = 0; j < nf; j++) {
        const In *r = &rows[frame[j]];
        if (!(onx ? r->xnull : r->dnull)) v[n++] = onx ? (double)r->x : r->d;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int64_t cnt = 0, isum = 0;
    double dsum = 0, big = 0;
    for (int j = 0; j < n; j++) {
        if (j && v[j] == v[j - 1]) continue;
        cnt++;
        if (onx) isum += (int64_t)v[j];
        else dsum += v[j];
        if (fabs(v[j]) > big) big = fabs(v[j]);
    }
    free(v);
    if (!cnt) return c;
    c.null = false;
    if (onx) c.i = avg ? isum / cnt : isum;
    else c.d = avg ? dsum / (double)cnt : dsum;
    *scale = avg ? big : big * (double)cnt;
    return c;
}

/* The value of f over rows[frame[0..nf)] (arrival order; the last one is
 * the current row for sliding windows). *scale is the magnitude rounding
 * errors are measured against for doubles. */
static Cell brute(Fn f, const In *rows, const int *frame, int nf, double *scale)
{
    Cell c;
    memset(&c, 0, sizeof c);
    c.null = true;
    *scale = 0;
    const In *cur = nf ? &rows[frame[nf - 1]] : NULL;
    int64_t cnt = 0, isum = 0;
    double dsum = 0, big = 0;
    switch (f) {
    case F_SUM_DIST_X:
    case F_AVG_DIST_X:
    case F_SUM_DIST_D:
    case F_AVG_DIST_D:
        return brute_distinct(f == F_SUM_DIST_X || f == F_AVG_DIST_X, f == F_AVG_DIST_X || f == F_AVG_DIST_D, rows, frame, nf, scale);
    case F_COUNT_STAR:
        c.null = false, c.i = nf;
        return c;
    case F_COUNT_X:
        for (int j = 0; j < nf; j++) cnt += !rows[frame[j]].xnull;
        c.null = false, c.i = cnt;
        return c;
    case F_SUM_X:
    case F_AVG_X:
        for (int j = 0; j < nf; j++)
            if (!rows[frame[j]].xnull) cnt++, isum += rows[frame[j]].x;
        if (cnt) c.null = false, c.i = f == F_SUM_X ? isum : isum / cnt;   /* AVG of INTEGER truncates toward zero */
        return c;
    case F_SUM_D:
    case F_AVG_D:
        for (int j = 0; j < nf; j++)
            if (!rows[frame[j]].dnull) {
                cnt++, dsum += rows[frame[j]].d;
                if (fabs(rows[frame[j]].d) > big) big = fabs(rows[frame[j]].d);
            }
        if (cnt) c.null = false, c.d = f == F_SUM_D ? dsum : dsum / (double)cnt;
        *scale = f == F_SUM_D ? big * (double)cnt : big;
        return c;
    case F_MIN_X:
    case F_MAX_X:
        for (int j = 0; j < nf; j++) {
            const In *r = &rows[frame[j]];
            if (r->xnull) continue;
            if (c.null || (f == F_MIN_X ? r->x < c.i : r->x > c.i)) c.i = r->x;
            c.null = false;
        }
        return c;
    case F_MIN_D:
    case F_MAX_D:
        for (int j = 0; j < nf; j++) {
            const In *r = &rows[frame[j]];
            if (r->dnull) continue;
            if (c.null || (f == F_MIN_D ? r->d < c.d : r->d > c.d)) c.d = r->d;
            c.null = false;
        }
        return c;
    case F_MIN_K:
    case F_MAX_K:
        for (int j = 0; j < nf; j++) {
            const In *r = &rows[frame[j]];
            if (r->key < 0) continue;
            int cmp = c.null ? 0 : strcmp(key_text(r->key), c.s);
            if (c.null || (f == F_MIN_K ? cmp < 0 : cmp > 0)) strcpy(c.s, key_text(r->key));
            c.null = false;
        }
        return c;
    case F_VAR_POP_D:
    case F_VAR_SAMP_D:
    case F_STDDEV_SAMP_D:
    case F_STDDEV_POP_X: {
        bool onx = f == F_STDDEV_POP_X;
        for (int j = 0; j < nf; j++) {
            const In *r = &rows[frame[j]];
            if (onx ? r->xnull : r->dnull) continue;
            double v = onx ? (double)r->x : r->d;
            cnt++, dsum += v;
            if (v * v > big) big = v * v;
        }
        if (!cnt) return c;
        double mean = dsum / (double)cnt, ss = 0;
        for (int j = 0; j < nf; j++) {
            const In *r = &rows[frame[j]];
            if (onx ? r->xnull : r->dnull) continue;
            double v = onx ? (double)r->x : r->d;
            ss += (v - mean) * (v - mean);
        }
        bool samp = f == F_VAR_SAMP_D || f == F_STDDEV_SAMP_D;
        int64_t div = samp ? cnt - 1 : cnt;
        if (div <= 0) return c;
        c.null = false;
        c.d = ss / (double)div;
        *scale = big;
        if (f == F_STDDEV_SAMP_D || f == F_STDDEV_POP_X) {
            c.d = sqrt(c.d);
            *scale = sqrt(big);
        }
        return c;
    }
    default:
        break;
    }
    /* analytic functions: positions in the frame */
    int pick = -1;   /* frame position whose value is the answer */
    bool onk = false;
    switch (f) {
    case F_FIRST_X:
        pick = nf ? 0 : -1;
        break;
    case F_FIRST_X_IGN:
        for (int j = 0; j < nf && pick < 0; j++)
            if (!rows[frame[j]].xnull) pick = j;
        break;
    case F_LAST_X:
        pick = nf - 1;
        break;
    case F_LAST_X_IGN:
        for (int j = nf - 1; j >= 0 && pick < 0; j--)
            if (!rows[frame[j]].xnull) pick = j;
        break;
    case F_FIRST_K:
        onk = true, pick = nf ? 0 : -1;
        break;
    case F_LAST_K_IGN:
        onk = true;
        for (int j = nf - 1; j >= 0 && pick < 0; j--)
            if (rows[frame[j]].key >= 0) pick = j;
        break;
    case F_LAG_X:
    case F_LAG_X2:
    case F_LAG_X1_DEF: {
        int back = f == F_LAG_X2 ? 2 : 1;
        pick = nf - 1 - back;   /* -1 or less: outside the frame */
        if (pick < 0 && f == F_LAG_X1_DEF) {
            c.null = false, c.i = -999;
            return c;
        }
        break;
    }
    case F_LAG_X_IGN:
    case F_LAG_X2_IGN: {
        /* the n-th earlier non-NULL value, the current row not counted */
        int want = f == F_LAG_X2_IGN ? 2 : 1;
        for (int j = nf - 2; j >= 0; j--)
            if (!rows[frame[j]].xnull && --want == 0) {
                pick = j;
                break;
            }
        break;
    }
    case F_NTH_X2:
        pick = nf >= 2 ? 1 : -1;
        break;
    case F_NTH_X2_LAST:
        pick = nf >= 2 ? nf - 2 : -1;
        break;
    case F_NTH_X3_IGN: {
        int want = 3;
        for (int j = 0; j < nf; j++)
            if (!rows[frame[j]].xnull && --want == 0) {
                pick = j;
                break;
            }
        break;
    }
    case F_NTH_K2:
        onk = true, pick = nf >= 2 ? 1 : -1;
        break;
    case F_EXP_AVG_D: {
        double wsum = 0, vsum = 0;
        for (int j = 0; j < nf; j++) {
            const In *r = &rows[frame[j]];
            if (r->dnull) continue;
            double w = exp2(-(double)(cur->t - r->t) / 2000.0);
            wsum += w, vsum += w * r->d;
            if (fabs(r->d) > big) big = fabs(r->d);
        }
        if (wsum > 0) c.null = false, c.d = vsum / wsum;
        *scale = big;
        return c;
    }
    default:
        return c;
    }
    if (pick < 0) return c;
    const In *r = &rows[frame[pick]];
    if (onk) {
        if (r->key >= 0) c.null = false, strcpy(c.s, key_text(r->key));
    } else if (!r->xnull) {
        c.null = false, c.i = r->x;
    }
    return c;
}

static bool cell_equal(char kind, const Cell *want, const Cell *got, double scale)
{
    if (want->null || got->null) return want->null == got->null;
    switch (kind) {
    case 'i': return want->i == got->i;
    case 's': return strcmp(want->s, got->s) == 0;
    default: {
        /* relative to the result or to the inputs' magnitude, whichever is larger */
        double m = fmax(fmax(fabs(want->d), fabs(got->d)), scale);
        return fabs(want->d - got->d) <= 1e-9 * m;
    }
    }
}

static void cell_text(char kind, const Cell *c, char *buf, size_t size)
{
    if (c->null) snprintf(buf, size, "NULL");
    else if (kind == 'i') snprintf(buf, size, "%lld", (long long)c->i);
    else if (kind == 's') snprintf(buf, size, "'%s'", c->s);
    else snprintf(buf, size, "%.17g", c->d);
}

/* ---- reporting mismatches ---- */

static int reported;
enum { MAX_REPORTS = 20 };
static int fn_bad[F_COUNT];   /* differences per function, for the summary */

static void print_fn_bad(void)
{
    for (int f = 0; f < F_COUNT; f++)
        if (fn_bad[f]) printf("\n    %s differs in %d rows", FNS[f].sql, fn_bad[f]);
    memset(fn_bad, 0, sizeof fn_bad);
}

static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
    if (reported++ >= MAX_REPORTS) return;
    va_list ap;
    va_start(ap, fmt);
    printf("\n  ");
    vprintf(fmt, ap);
    va_end(ap);
}

static void dump_rows(const In *rows, int n, int upto)
{
    if (reported > MAX_REPORTS) return;
    int from = upto > 12 ? upto - 12 : 0;
    for (int i = from; i <= upto && i < n; i++) {
        const In *r = &rows[i];
        printf("\n      row %d: t=+%lld k=%s x=", i, (long long)(r->t - BASE_TIME), r->key < 0 ? "NULL" : key_text(r->key));
        if (r->xnull) printf("NULL");
        else printf("%lld", (long long)r->x);
        printf(" d=");
        if (r->dnull) printf("NULL");
        else printf("%g", r->d);
    }
}

/* ---- sliding windows ---- */

typedef struct WinSpec {
    bool part;
    bool range;
    int64_t size;   /* RANGE: milliseconds; ROWS: rows */
    bool inline_;   /* written OVER (...) instead of OVER wN */
} WinSpec;

typedef struct Call {
    Fn f;
    int win;
} Call;

static void win_text(const WinSpec *w, char *buf, size_t size)
{
    char frame[64];
    if (w->range && w->size == 0) snprintf(frame, sizeof frame, "RANGE CURRENT ROW");
    else if (w->range) snprintf(frame, sizeof frame, "RANGE INTERVAL '%lld' SECOND PRECEDING", (long long)(w->size / 1000));
    else if (w->size == 0) snprintf(frame, sizeof frame, "ROWS CURRENT ROW");
    else snprintf(frame, sizeof frame, "ROWS %lld PRECEDING", (long long)w->size);
    snprintf(buf, size, "%s%s", w->part ? "PARTITION BY k " : "", frame);
}

/* Rows of the frame of row i under w, in arrival order. */
static int frame_of(const WinSpec *w, const In *rows, int i, int *frame)
{
    int nf = 0;
    for (int j = i; j >= 0; j--) {
        if (w->range && rows[j].t < rows[i].t - w->size) break;
        if (w->part && !same_key(&rows[j], &rows[i])) continue;
        if (!w->range && nf == w->size + 1) break;
        frame[nf++] = j;
    }
    for (int a = 0, b = nf - 1; a < b; a++, b--) {
        int t = frame[a];
        frame[a] = frame[b];
        frame[b] = t;
    }
    return nf;
}

static void build_sliding(Engine *e, const WinSpec *wins, int nwins, const Call *calls, int ncalls)
{
    char *p = e->sql, *end = e->sql + sizeof e->sql;
    p += snprintf(p, (size_t)(end - p), "CREATE STREAM S (k VARCHAR(7), x INTEGER, d DOUBLE);\nSELECT STREAM k, x");
    for (int c = 0; c < ncalls; c++) {
        char w[128];
        if (wins[calls[c].win].inline_) {
            win_text(&wins[calls[c].win], w, sizeof w);
            p += snprintf(p, (size_t)(end - p), ", %s OVER (%s)", FNS[calls[c].f].sql, w);
        } else {
            p += snprintf(p, (size_t)(end - p), ", %s OVER w%d", FNS[calls[c].f].sql, calls[c].win);
        }
    }
    p += snprintf(p, (size_t)(end - p), " FROM S");
    bool first = true;
    for (int k = 0; k < nwins; k++) {
        if (wins[k].inline_) continue;
        char w[128];
        win_text(&wins[k], w, sizeof w);
        p += snprintf(p, (size_t)(end - p), "%s w%d AS (%s)", first ? " WINDOW" : ",", k, w);
        first = false;
    }
    snprintf(p, (size_t)(end - p), ";");
}

/* Runs the sliding query on rows and checks every output row; returns
 * the number of rows that differ. */
static int check_sliding(uint64_t seed, const In *rows, int n, const WinSpec *wins, int nwins, const Call *calls,
                         int ncalls)
{
    Engine *e = calloc(1, sizeof *e);
    build_sliding(e, wins, nwins, calls, ncalls);
    bool ok = run(e, rows, n);
    CU_ASSERT_FATAL(ok);
    int bad = 0;
    /* the output's types */
    CU_ASSERT_EQUAL(e->out->schema.ncols, 2 + ncalls);
    for (int c = 0; c < ncalls && c + 2 < e->out->schema.ncols; c++) {
        if (e->out->schema.cols[c + 2].type.id != FNS[calls[c].f].type) {
            report("seed %llu: %s has type %d, expected %d", (unsigned long long)seed, FNS[calls[c].f].sql,
                   (int)e->out->schema.cols[c + 2].type.id, (int)FNS[calls[c].f].type);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(run_errors, 0);
    if (run_errors) report("seed %llu: %ld error rows, last: %s\n    %s", (unsigned long long)seed, run_errors, last_error, e->sql);
    CU_ASSERT_EQUAL(e->rec.bad_rows, 0);
    /* one output row per input row, at once, with the input's ROWTIME */
    CU_ASSERT_EQUAL(e->rec.n, n);
    if (e->rec.n != n) {
        report("seed %llu: %d output rows for %d input rows\n    %s", (unsigned long long)seed, e->rec.n, n, e->sql);
        bad++;
    }
    int *frame = malloc(sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n && i < e->rec.n; i++) {
        const OutRow *o = &e->rec.rows[i];
        const In *r = &rows[i];
        bool row_ok = o->rowtime == r->t && o->at == i;
        Cell k = {.null = r->key < 0}, x = {.null = r->xnull, .i = r->x};
        if (r->key >= 0) strcpy(k.s, key_text(r->key));
        row_ok = row_ok && cell_equal('s', &k, &o->c[0], 0) && cell_equal('i', &x, &o->c[1], 0);
        if (!row_ok) report("seed %llu row %d: passthrough columns / ROWTIME / timing differ\n    %s", (unsigned long long)seed, i, e->sql);
        int lastwin = -1, nf = 0;
        for (int c = 0; c < ncalls; c++) {
            if (calls[c].win != lastwin) nf = frame_of(&wins[calls[c].win], rows, i, frame);
            lastwin = calls[c].win;
            double scale;
            Cell want = brute(calls[c].f, rows, frame, nf, &scale);
            const Cell *got = &o->c[c + 2];
            if (!cell_equal(FNS[calls[c].f].kind, &want, got, scale)) {
                char a[64], b[64];
                cell_text(FNS[calls[c].f].kind, &want, a, sizeof a);
                cell_text(FNS[calls[c].f].kind, got, b, sizeof b);
                fn_bad[calls[c].f]++;
                report("seed %llu, row %d, %s (frame of %d rows): expected %s, got %s\n    %s", (unsigned long long)seed,
                       i, FNS[calls[c].f].sql, nf, a, b, e->sql);
                dump_rows(rows, n, i);
                row_ok = false;
            }
        }
        if (!row_ok) bad++;
    }
    free(frame);
    CU_ASSERT_EQUAL(bad, 0);
    engine_close(e);
    free(e);
    return bad;
}

static const Fn BRIEF_CALLS[] = {F_COUNT_STAR, F_COUNT_X, F_SUM_X, F_MIN_X, F_MAX_X, F_AVG_D, F_FIRST_X,
                                 F_LAST_X_IGN, F_LAG_X2, F_NTH_X2, F_VAR_POP_D};

static int all_calls(Call *calls, int win)
{
    int n = 0;
    for (int f = 0; f < F_COUNT; f++) calls[n++] = (Call){(Fn)f, win};
    return n;
}

static WinSpec random_win(bool part)
{
    WinSpec w = {.part = part, .range = chance(50)};
    if (w.range) {
        static const int secs[] = {0, 1, 2, 5, 5, 10};
        w.size = 1000 * (int64_t)secs[below(6)];
    } else {
        static const int nrows[] = {0, 1, 2, 3, 5, 8, 20};
        w.size = nrows[below(7)];
    }
    return w;
}

enum { NSEEDS = 200, MAXROWS = 300 };

static void test_sliding_random(void)
{
    reported = 0;
    In *rows = malloc(sizeof(In) * MAXROWS);
    int bad = 0, cases = 0;
    for (uint64_t seed = 1; seed <= NSEEDS; seed++) {
        rng = seed * 0x1234567ULL;
        static const int null_pcts[] = {0, 20, 20, 50, 90, 100};
        int n = below(MAXROWS + 1);
        gen_rows(rows, n, 1 + below(NKEYS), null_pcts[below(6)]);
        Call calls[F_COUNT + 8];
        int nc;

        /* the brief's query, then every function, on four window shapes */
        WinSpec shapes[4] = {
            {.part = true, .range = true, .size = 5000},
            {.part = true, .range = false, .size = 1 + below(6)},
            {.part = false, .range = true, .size = 5000},
            {.part = false, .range = false, .size = 1 + below(6)},
        };
        for (int s = 0; s < 4; s++) {
            nc = 0;
            for (size_t f = 0; f < sizeof BRIEF_CALLS / sizeof BRIEF_CALLS[0]; f++) calls[nc++] = (Call){BRIEF_CALLS[f], 0};
            bad += check_sliding(seed, rows, n, &shapes[s], 1, calls, nc) != 0;
            nc = all_calls(calls, 0);
            bad += check_sliding(seed, rows, n, &shapes[s], 1, calls, nc) != 0;
            cases += 2;
        }

        /* random shapes (CURRENT ROW included), several windows in one query, inline OVER */
        WinSpec wins[3];
        int nw = 1 + below(3);
        for (int k = 0; k < nw; k++) {
            wins[k] = random_win(chance(50));
            wins[k].inline_ = chance(30);
        }
        nc = 0;
        int want = 3 + below(12);
        while (nc < want) calls[nc++] = (Call){(Fn)below(F_COUNT), below(nw)};
        bad += check_sliding(seed, rows, n, wins, nw, calls, nc) != 0;
        cases++;
    }
    printf("\n  %d sliding-window cases, %d with differences ", cases, bad);
    print_fn_bad();
    free(rows);
}

/* Hand-made streams for boundaries and for the smallest known failures
 * (so a fix shows up here first): times in ms after BASE_TIME. */
typedef struct EdgeRow {
    int64_t dt;
    int key;
    const char *x, *d;   /* NULL for SQL NULL */
} EdgeRow;

static int edge_case(const char *name, const EdgeRow *er, int n, WinSpec w, const Fn *fns, int nfns)
{
    In rows[16];
    for (int i = 0; i < n; i++) {
        rows[i] = (In){.t = BASE_TIME + er[i].dt, .key = er[i].key, .xnull = !er[i].x, .dnull = !er[i].d};
        if (er[i].x) rows[i].x = atoll(er[i].x);
        if (er[i].d) rows[i].d = atof(er[i].d);
    }
    Call calls[16];
    for (int c = 0; c < nfns; c++) calls[c] = (Call){fns[c], 0};
    int bad = check_sliding(0, rows, n, &w, 1, calls, nfns);
    if (bad) printf("\n  (the case above is \"%s\")", name);
    return bad;
}

static void test_sliding_edges(void)
{
    reported = 0;
    /* RANGE includes both ends: [t - 5 s, t]; ties see the rows before them */
    static const EdgeRow bounds[] = {{0, 0, "1", "1"},    {0, 0, "2", "2"},        {5000, 0, "3", "3"},
                                     {5001, 0, "4", "4"}, {10001, 0, NULL, NULL}, {10002, 0, "6", "6"},
                                     {10002, 1, "7", "7"}, {20000, 1, "8", "8"},  {20000, 0, "9", "9"}};
    static const Fn bfns[] = {F_COUNT_STAR, F_SUM_X, F_FIRST_X, F_NTH_X2, F_LAG_X2, F_MIN_X, F_MAX_X};
    int nb = (int)(sizeof bounds / sizeof bounds[0]), nbf = (int)(sizeof bfns / sizeof bfns[0]);
    edge_case("RANGE 5 s bounds", bounds, nb, (WinSpec){.part = true, .range = true, .size = 5000}, bfns, nbf);
    edge_case("RANGE 5 s bounds, one partition", bounds, nb, (WinSpec){.range = true, .size = 5000}, bfns, nbf);
    edge_case("RANGE CURRENT ROW", bounds, nb, (WinSpec){.range = true, .size = 0}, bfns, nbf);
    edge_case("ROWS CURRENT ROW", bounds, nb, (WinSpec){.part = true, .size = 0}, bfns, nbf);

    /* EXP_AVG over a frame whose non-NULL values have all left: NULL
     * expected; eddy gave 0 (the weight sums keep a rounding residue) */
    static const EdgeRow ea[] = {{0, 0, NULL, "-41.69"}, {1000, 0, NULL, "-12.32"}, {3500, 0, NULL, "38.02"},
                                 {4000, 0, NULL, NULL},   {4001, 0, NULL, NULL}};
    static const Fn eafns[] = {F_EXP_AVG_D, F_AVG_D};
    edge_case("EXP_AVG, frame of NULLs", ea, 5, (WinSpec){.size = 1}, eafns, 2);

    /* STDDEV_POP of {5, 5, NULL}: 0 expected; eddy gave 2.1e-8 (Welford's
     * removal leaves m2 at 4.4e-16, and the square root magnifies it) */
    static const EdgeRow sp[] = {{0, 0, "3", NULL}, {1000, 0, "5", NULL}, {2000, 0, "5", NULL}, {3000, 0, NULL, NULL}};
    static const Fn spfns[] = {F_STDDEV_POP_X, F_AVG_X};
    edge_case("STDDEV_POP of a constant frame", sp, 4, (WinSpec){.size = 2}, spfns, 2);
    print_fn_bad();
}

/* ---- tumbling windows ---- */

typedef struct TumbleSpec {
    bool by_key;
    int64_t width;   /* ms */
    enum { BY_STEP, BY_FLOOR, BY_INTERVAL } form;
    /* STEP(S.ROWTIME BY ...), FLOOR(S.ROWTIME TO SECOND) / MINUTE, or the
     * guide's FLOOR((S.ROWTIME - epoch) SECOND / n TO SECOND) */
} TumbleSpec;

static const Fn TUMBLE_CALLS[] = {F_COUNT_STAR, F_COUNT_X, F_SUM_X, F_MIN_X, F_MAX_X, F_AVG_D, F_STDDEV_SAMP_D,
                                  F_SUM_D, F_MIN_K, F_MAX_K, F_AVG_X, F_VAR_POP_D, F_VAR_SAMP_D, F_STDDEV_POP_X,
                                  F_MIN_D, F_MAX_D,
                                  /* without OVER: the first and last of the window's rows, in arrival order */
                                  F_FIRST_X, F_LAST_X, F_FIRST_X_IGN, F_LAST_K_IGN};
enum { N_TUMBLE_CALLS = sizeof TUMBLE_CALLS / sizeof TUMBLE_CALLS[0] };

static int64_t floor_to(int64_t t, int64_t w) { return t - (((t % w) + w) % w); }

static int check_tumbling(uint64_t seed, const In *rows, int n, const TumbleSpec *ts)
{
    Engine *e = calloc(1, sizeof *e);
    char *p = e->sql, *end = e->sql + sizeof e->sql;
    char step[128], start[192];
    if (ts->form == BY_FLOOR) snprintf(step, sizeof step, "FLOOR(S.ROWTIME TO %s)", ts->width == 60000 ? "MINUTE" : "SECOND");
    else if (ts->form == BY_INTERVAL)
        snprintf(step, sizeof step, "FLOOR((S.ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / %lld TO SECOND)",
                 (long long)(ts->width / 1000));
    else snprintf(step, sizeof step, "STEP(S.ROWTIME BY INTERVAL '%lld' SECOND)", (long long)(ts->width / 1000));
    /* the window's start, from the key */
    if (ts->form == BY_INTERVAL)
        snprintf(start, sizeof start, "TIMESTAMP '1970-01-01 00:00:00' + %lld * %s", (long long)(ts->width / 1000), step);
    else snprintf(start, sizeof start, "%s", step);
    p += snprintf(p, (size_t)(end - p), "CREATE STREAM S (k VARCHAR(7), x INTEGER, d DOUBLE);\nSELECT STREAM %s%s AS ws",
                  ts->by_key ? "k, " : "", start);
    for (int c = 0; c < N_TUMBLE_CALLS; c++) p += snprintf(p, (size_t)(end - p), ", %s", FNS[TUMBLE_CALLS[c]].sql);
    snprintf(p, (size_t)(end - p), " FROM S GROUP BY %s%s;", ts->by_key ? "k, " : "", step);
    bool ok = run(e, rows, n);
    CU_ASSERT_FATAL(ok);
    int nk = ts->by_key ? 1 : 0;
    CU_ASSERT_EQUAL(run_errors, 0);
    if (run_errors) report("seed %llu: %ld error rows, last: %s\n    %s", (unsigned long long)seed, run_errors, last_error, e->sql);
    CU_ASSERT_EQUAL(e->rec.bad_rows, 0);
    CU_ASSERT_EQUAL(e->out->schema.ncols, nk + 1 + N_TUMBLE_CALLS);
    /* expected rows: per window (consecutive rows with one start), groups in order of first appearance */
    int bad = 0, o = 0;
    int *frame = malloc(sizeof(int) * (size_t)(n ? n : 1));
    int *group_first = malloc(sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n;) {
        int64_t ws = floor_to(rows[i].t, ts->width);
        int j = i;
        while (j < n && floor_to(rows[j].t, ts->width) == ws) j++;
        int ng = 0;
        for (int a = i; a < j; a++) {
            bool seen = false;
            for (int g = 0; g < ng && !seen; g++) seen = !ts->by_key || same_key(&rows[group_first[g]], &rows[a]);
            if (!seen) group_first[ng++] = a;
        }
        for (int g = 0; g < ng; g++, o++) {
            int nf = 0;
            for (int a = i; a < j; a++)
                if (!ts->by_key || same_key(&rows[a], &rows[group_first[g]])) frame[nf++] = a;
            if (o >= e->rec.n) {
                report("seed %llu: output ends after %d rows; the window at +%lld is missing\n    %s", (unsigned long long)seed,
                       o, (long long)(ws - BASE_TIME), e->sql);
                bad++;
                continue;
            }
            const OutRow *r = &e->rec.rows[o];
            bool row_ok = true;
            if (r->rowtime != ws + ts->width || r->at != j || r->c[nk].null || r->c[nk].i != ws) {
                report("seed %llu, window +%lld, group %d: ROWTIME +%lld (expected +%lld), ws +%lld, emitted after %d "
                       "rows (expected %d)\n    %s",
                       (unsigned long long)seed, (long long)(ws - BASE_TIME), g, (long long)(r->rowtime - BASE_TIME),
                       (long long)(ws + ts->width - BASE_TIME), (long long)(r->c[nk].i - BASE_TIME), r->at, j, e->sql);
                row_ok = false;
            }
            if (ts->by_key) {
                const In *k0 = &rows[group_first[g]];
                Cell k = {.null = k0->key < 0};
                if (k0->key >= 0) strcpy(k.s, key_text(k0->key));
                if (!cell_equal('s', &k, &r->c[0], 0)) {
                    report("seed %llu, window +%lld: group %d has key %s, expected %s\n    %s", (unsigned long long)seed,
                           (long long)(ws - BASE_TIME), g, r->c[0].null ? "NULL" : r->c[0].s, k.null ? "NULL" : k.s,
                           e->sql);
                    row_ok = false;
                }
            }
            for (int c = 0; c < N_TUMBLE_CALLS; c++) {
                Fn f = TUMBLE_CALLS[c];
                double scale;
                Cell want = brute(f, rows, frame, nf, &scale);
                const Cell *got = &r->c[nk + 1 + c];
                if (!cell_equal(FNS[f].kind, &want, got, scale)) {
                    char a[64], b[64];
                    cell_text(FNS[f].kind, &want, a, sizeof a);
                    cell_text(FNS[f].kind, got, b, sizeof b);
                    fn_bad[f]++;
                    report("seed %llu, window +%lld, group %d, %s: expected %s, got %s\n    %s", (unsigned long long)seed,
                           (long long)(ws - BASE_TIME), g, FNS[f].sql, a, b, e->sql);
                    row_ok = false;
                }
            }
            if (!row_ok) bad++;
        }
        i = j;
    }
    if (o != e->rec.n) {
        report("seed %llu: %d output rows, expected %d\n    %s", (unsigned long long)seed, e->rec.n, o, e->sql);
        bad++;
    }
    free(frame);
    free(group_first);
    CU_ASSERT_EQUAL(bad, 0);
    engine_close(e);
    free(e);
    return bad;
}

static void test_tumbling_random(void)
{
    reported = 0;
    In *rows = malloc(sizeof(In) * MAXROWS);
    int bad = 0, cases = 0;
    for (uint64_t seed = 1; seed <= NSEEDS; seed++) {
        rng = seed * 0x7654321ULL;
        static const int null_pcts[] = {0, 20, 50, 100};
        int n = below(MAXROWS + 1);
        gen_rows(rows, n, 1 + below(NKEYS), null_pcts[below(4)]);
        TumbleSpec specs[] = {{true, 3000, BY_STEP},     {false, 1000, BY_STEP},     {true, 10000, BY_STEP},
                              {true, 1000, BY_FLOOR},    {false, 60000, BY_FLOOR},   {true, 10000, BY_INTERVAL},
                              {false, 3000, BY_INTERVAL}};
        for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++, cases++)
            bad += check_tumbling(seed, rows, n, &specs[s]) != 0;
    }
    printf("\n  %d tumbling-window cases, %d with differences ", cases, bad);
    print_fn_bad();
    free(rows);
}

/* ---- stagger windows ---- */

/* The reference: a list of open windows searched from the start. A row
 * first closes every window whose close time it has reached (oldest
 * first), then joins its key's open window or opens one at its time. */
typedef struct RefWindow {
    int first;        /* the row that opened it (its key) */
    int64_t close;
    int *rows, nrows;
} RefWindow;

typedef struct RefOut {
    int win;          /* index into the windows */
    int at;           /* rows pushed before it came out */
} RefOut;

static int check_stagger(uint64_t seed, const In *rows, int n, int64_t size)
{
    Engine *e = calloc(1, sizeof *e);
    char *p = e->sql, *end = e->sql + sizeof e->sql;
    p += snprintf(p, (size_t)(end - p), "CREATE STREAM S (k VARCHAR(7), x INTEGER, d DOUBLE);\nSELECT STREAM k");
    for (int c = 0; c < N_TUMBLE_CALLS; c++) p += snprintf(p, (size_t)(end - p), ", %s", FNS[TUMBLE_CALLS[c]].sql);
    snprintf(p, (size_t)(end - p), " FROM S WINDOWED BY STAGGER (PARTITION BY k RANGE INTERVAL '%lld' SECOND);",
             (long long)(size / 1000));
    bool ok = run(e, rows, n);
    CU_ASSERT_FATAL(ok);
    CU_ASSERT_EQUAL(run_errors, 0);
    if (run_errors) report("seed %llu: %ld error rows, last: %s\n    %s", (unsigned long long)seed, run_errors, last_error, e->sql);
    CU_ASSERT_EQUAL(e->rec.bad_rows, 0);

    RefWindow *wins = calloc((size_t)(n ? n : 1), sizeof *wins);
    RefOut *outs = calloc((size_t)(n ? n : 1), sizeof *outs);
    int *open = calloc((size_t)(n ? n : 1), sizeof *open);   /* indexes of open windows, oldest first */
    int nwins = 0, nouts = 0, nopen = 0;
    for (int i = 0; i <= n; i++) {
        int keep = 0;
        for (int w = 0; w < nopen; w++) {
            if (i == n || wins[open[w]].close <= rows[i].t) outs[nouts++] = (RefOut){open[w], i};
            else open[keep++] = open[w];
        }
        nopen = keep;
        if (i == n) break;
        int w = -1;
        for (int o = 0; o < nopen && w < 0; o++)
            if (same_key(&rows[wins[open[o]].first], &rows[i])) w = open[o];
        if (w < 0) {
            w = nwins++;
            wins[w] = (RefWindow){.first = i, .close = rows[i].t + size, .rows = malloc(sizeof(int) * (size_t)n)};
            open[nopen++] = w;
        }
        wins[w].rows[wins[w].nrows++] = i;
    }

    int bad = 0;
    if (e->rec.n != nouts) {
        report("seed %llu: %d output rows, expected %d\n    %s", (unsigned long long)seed, e->rec.n, nouts, e->sql);
        bad++;
    }
    for (int o = 0; o < nouts && o < e->rec.n; o++) {
        const RefWindow *w = &wins[outs[o].win];
        const OutRow *r = &e->rec.rows[o];
        const In *k0 = &rows[w->first];
        bool row_ok = true;
        Cell k = {.null = k0->key < 0};
        if (k0->key >= 0) strcpy(k.s, key_text(k0->key));
        if (r->rowtime != w->close || r->at != outs[o].at || !cell_equal('s', &k, &r->c[0], 0)) {
            report("seed %llu, output %d: key %s at +%lld after %d rows, expected key %s at +%lld after %d rows\n    %s",
                   (unsigned long long)seed, o, r->c[0].null ? "NULL" : r->c[0].s, (long long)(r->rowtime - BASE_TIME),
                   r->at, k.null ? "NULL" : k.s, (long long)(w->close - BASE_TIME), outs[o].at, e->sql);
            row_ok = false;
        }
        for (int c = 0; c < N_TUMBLE_CALLS; c++) {
            Fn f = TUMBLE_CALLS[c];
            double scale;
            Cell want = brute(f, rows, w->rows, w->nrows, &scale);
            if (!cell_equal(FNS[f].kind, &want, &r->c[1 + c], scale)) {
                char a[64], b[64];
                cell_text(FNS[f].kind, &want, a, sizeof a);
                cell_text(FNS[f].kind, &r->c[1 + c], b, sizeof b);
                fn_bad[f]++;
                report("seed %llu, output %d (window of %d rows), %s: expected %s, got %s\n    %s", (unsigned long long)seed,
                       o, w->nrows, FNS[f].sql, a, b, e->sql);
                row_ok = false;
            }
        }
        if (!row_ok) bad++;
    }
    for (int w = 0; w < nwins; w++) free(wins[w].rows);
    free(wins);
    free(outs);
    free(open);
    CU_ASSERT_EQUAL(bad, 0);
    engine_close(e);
    free(e);
    return bad;
}

static void test_stagger_random(void)
{
    reported = 0;
    In *rows = malloc(sizeof(In) * MAXROWS);
    int bad = 0, cases = 0;
    for (uint64_t seed = 1; seed <= NSEEDS; seed++) {
        rng = seed * 0x5151515ULL;
        static const int null_pcts[] = {0, 20, 50, 100};
        int n = below(MAXROWS + 1);
        gen_rows(rows, n, 1 + below(NKEYS), null_pcts[below(4)]);
        static const int64_t sizes[] = {1000, 3000, 5000, 60000};
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++, cases++) bad += check_stagger(seed, rows, n, sizes[s]) != 0;
    }
    printf("\n  %d stagger-window cases, %d with differences ", cases, bad);
    print_fn_bad();
    free(rows);
}

/* ---- thousands of keys: the group and partition tables resize ---- */

/* n rows 0-2 ms apart over nkeys keys, with a 20-second silence every
 * 5000 rows, after which every RANGE partition is idle and dropped. */
static void gen_dense_rows(In *rows, int n, int nkeys)
{
    int64_t t = BASE_TIME;
    for (int i = 0; i < n; i++) {
        t += i && i % 5000 == 0 ? 20000 : below(3);
        In *r = &rows[i];
        r->t = t;
        r->key = chance(1) ? -1 : below(nkeys);
        r->xnull = chance(10);
        r->dnull = chance(10);
        r->x = r->xnull ? 0 : below(101) - 50;
        r->d = r->dnull ? 0 : (double)(below(20001) - 10000) / 100.0;
    }
}

static void test_many_keys(void)
{
    reported = 0;
    enum { N = 20000 };
    In *rows = malloc(sizeof(In) * N);
    rng = 99;
    gen_dense_rows(rows, N, 3000);
    int bad = 0;
    Call calls[sizeof BRIEF_CALLS / sizeof BRIEF_CALLS[0]];
    int nc = 0;
    for (size_t f = 0; f < sizeof BRIEF_CALLS / sizeof BRIEF_CALLS[0]; f++) calls[nc++] = (Call){BRIEF_CALLS[f], 0};
    WinSpec shapes[] = {{.part = true, .range = true, .size = 5000}, {.part = true, .range = false, .size = 3}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) bad += check_sliding(99, rows, N, &shapes[s], 1, calls, nc) != 0;
    TumbleSpec ts = {true, 10000, false};
    bad += check_tumbling(99, rows, N, &ts) != 0;
    bad += check_stagger(99, rows, N, 5000) != 0;
    bad += check_stagger(99, rows, N, 1000) != 0;
    CU_ASSERT_EQUAL(bad, 0);
    print_fn_bad();
    free(rows);
}

/* ---- a long window: RANGE INTERVAL '1' HOUR over 100000 rows ---- */

static void test_long_window(void)
{
    reported = 0;
    enum { N = 100000, SAMPLE = 499 };
    In *rows = malloc(sizeof(In) * N);
    rng = 424242;
    int64_t t = BASE_TIME;
    for (int i = 0; i < N; i++) {
        if (i && !chance(30)) t += below(250);   /* about 3.5 hours in all: the window fills and slides */
        rows[i].t = t;
        rows[i].key = chance(2) ? -1 : below(3);
        rows[i].xnull = chance(10);
        rows[i].dnull = chance(10);
        rows[i].x = rows[i].xnull ? 0 : below(2001) - 1000;
        rows[i].d = rows[i].dnull ? 0 : (double)(below(2000001) - 1000000) / 1000.0;
    }
    static const Fn fns[] = {F_COUNT_STAR, F_COUNT_X, F_SUM_X, F_SUM_D, F_MIN_X, F_MAX_X, F_MIN_D, F_MAX_D,
                             F_AVG_D, F_AVG_X, F_VAR_POP_D, F_STDDEV_SAMP_D, F_FIRST_X, F_FIRST_X_IGN,
                             F_LAST_X_IGN, F_LAG_X2, F_LAG_X2_IGN, F_NTH_X2, F_NTH_X3_IGN, F_NTH_X2_LAST,
                             F_SUM_DIST_X, F_AVG_DIST_X, F_SUM_DIST_D, F_AVG_DIST_D};
    enum { NF = sizeof fns / sizeof fns[0] };
    for (int part = 0; part < 2; part++) {
        WinSpec w = {.part = part, .range = true, .size = 3600000};
        Call calls[NF];
        for (int c = 0; c < NF; c++) calls[c] = (Call){fns[c], 0};
        Engine *e = calloc(1, sizeof *e);
        build_sliding(e, &w, 1, calls, NF);
        bool ok = run(e, rows, N);
        CU_ASSERT_FATAL(ok);
        CU_ASSERT_EQUAL(run_errors, 0);
        CU_ASSERT_EQUAL_FATAL(e->rec.n, N);
        int *frame = malloc(sizeof(int) * N);
        int bad = 0;
        /* every row: the count, via a running frame start; sampled rows (and
         * the last ones): every function from scratch */
        int start = 0;
        for (int i = 0; i < N; i++) {
            while (rows[start].t < rows[i].t - w.size) start++;
            const OutRow *o = &e->rec.rows[i];
            if (!part && (o->c[2].null || o->c[2].i != i - start + 1)) {
                if (!bad++) report("long window, row %d: COUNT(*) %lld, expected %d", i, (long long)o->c[2].i, i - start + 1);
            }
            if (i % SAMPLE && i < N - 50) continue;
            int nf = frame_of(&w, rows, i, frame);
            for (int c = 0; c < NF; c++) {
                double scale;
                Cell want = brute(fns[c], rows, frame, nf, &scale);
                if (!cell_equal(FNS[fns[c]].kind, &want, &o->c[c + 2], scale)) {
                    char a[64], b[64];
                    cell_text(FNS[fns[c]].kind, &want, a, sizeof a);
                    cell_text(FNS[fns[c]].kind, &o->c[c + 2], b, sizeof b);
                    fn_bad[fns[c]]++;
                    report("long window (%s), row %d, %s (frame of %d rows): expected %s, got %s",
                           part ? "PARTITION BY k" : "one partition", i, FNS[fns[c]].sql, nf, a, b);
                    bad++;
                }
            }
        }
        CU_ASSERT_EQUAL(bad, 0);
        print_fn_bad();
        free(frame);
        engine_close(e);
        free(e);
    }
    free(rows);
}

/* ---- memory follows the live keys ---- */

/* Bytes the heap has handed out; 0 where the allocator does not say (as
 * under AddressSanitizer), which makes the check below vacuous there. */
static size_t heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#else
    return 0;
#endif
}

/* Pushes n rows whose key (x) is new each time, 10 ms apart, through a
 * window partitioned by x; returns the heap growth between rows warm and n. */
static long growth_with_distinct_keys(const char *sql, int warm, int n, bool row_per_row)
{
    Engine *e = calloc(1, sizeof *e);
    snprintf(e->sql, sizeof e->sql, "%s", sql);
    bool ok = engine_open(e, false);
    CU_ASSERT_FATAL(ok);
    Arena rec;
    arena_init(&rec, 0);
    size_t before = 0;
    for (int i = 0; i < n; i++) {
        if (i == warm) before = heap_in_use();
        In r = {.t = BASE_TIME + 10 * (int64_t)i, .key = i % NKEYS, .x = i, .d = (double)i};
        cur_in = i;
        engine_push(e, &r, &rec);
    }
    size_t after = heap_in_use();
    if (row_per_row) CU_ASSERT_EQUAL(e->rec.count, n);
    CU_ASSERT_EQUAL(run_errors, 0);
    cur_in = n;
    exec_finish(e->ex);
    arena_free(&rec);
    engine_close(e);
    free(e);
    return (long)after - (long)before;
}

static void test_idle_partitions_dropped(void)
{
    /* 200000 keys, each seen once; a 1-second window holds about 100 of them.
     * Kept partitions would cost well over 100 bytes each: 20 MB. */
    long g = growth_with_distinct_keys("CREATE STREAM S (k VARCHAR(2), x INTEGER, d DOUBLE);\n"
                                       "SELECT STREAM x, COUNT(*) OVER w, SUM(d) OVER w, MIN(k) OVER w, "
                                       "LAST_VALUE(k) IGNORE NULLS OVER w, LAG(x) OVER w, SUM(DISTINCT d) OVER w, "
                                       "AVG(DISTINCT x) OVER (RANGE INTERVAL '1' SECOND PRECEDING) FROM S "
                                       "WINDOW w AS (PARTITION BY x RANGE INTERVAL '1' SECOND PRECEDING);",
                                       20000, 200000, true);
    if (g > 1 << 20) printf("\n  heap grew by %ld bytes over 180000 distinct keys ", g);
    CU_ASSERT(g <= 1 << 20);
    /* the same for string keys (kept in the operator's slab) */
    g = growth_with_distinct_keys("CREATE STREAM S (k VARCHAR(2), x INTEGER, d DOUBLE);\n"
                                  "SELECT STREAM x, COUNT(*) OVER w, MAX(k) OVER w FROM S "
                                  "WINDOW w AS (PARTITION BY CAST(x AS VARCHAR(12)) RANGE INTERVAL '1' SECOND PRECEDING);",
                                  20000, 200000, true);
    if (g > 1 << 20) printf("\n  heap grew by %ld bytes over 180000 distinct string keys ", g);
    CU_ASSERT(g <= 1 << 20);
    /* tumbling: a window's groups are released when it closes */
    g = growth_with_distinct_keys("CREATE STREAM S (k VARCHAR(2), x INTEGER, d DOUBLE);\n"
                                  "SELECT STREAM x, COUNT(*), MAX(k) FROM S "
                                  "GROUP BY x, STEP(S.ROWTIME BY INTERVAL '1' SECOND);",
                                  20000, 200000, false);
    if (g > 1 << 20) printf("\n  heap grew by %ld bytes over 180000 distinct groups ", g);
    CU_ASSERT(g <= 1 << 20);
    /* stagger: a closed window goes back to a bounded pool */
    g = growth_with_distinct_keys("CREATE STREAM S (k VARCHAR(2), x INTEGER, d DOUBLE);\n"
                                  "SELECT STREAM x, COUNT(*), MAX(k) FROM S "
                                  "WINDOWED BY STAGGER (PARTITION BY x RANGE INTERVAL '1' SECOND);",
                                  20000, 200000, false);
    if (g > 1 << 20) printf("\n  heap grew by %ld bytes over 180000 distinct stagger windows ", g);
    CU_ASSERT(g <= 1 << 20);
}

/* ---- several writers of one stream ---- */

/* Pumps whose windows end at different times write one stream. Their rows
 * must come out in ROWTIME order with none refused as late, and be what
 * each pump gives on its own: the same rows, merged by time. */
static const char *writer_sql(int kind, int size, int id, char *buf, size_t cap)
{
    switch (kind) {
    case 0:   /* tumbling, windows of `size` seconds from the epoch (so not on minutes) */
        snprintf(buf, cap, "CREATE PUMP P%d AS INSERT INTO OUT SELECT STREAM %d, COUNT(*) FROM S "
                           "GROUP BY FLOOR((S.ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / %d TO SECOND);\n", id, id, size);
        break;
    case 1:   /* tumbling per key */
        snprintf(buf, cap, "CREATE PUMP P%d AS INSERT INTO OUT SELECT STREAM %d, COUNT(x) FROM S "
                           "GROUP BY k, STEP(S.ROWTIME BY INTERVAL '%d' SECOND);\n", id, id, size);
        break;
    case 2:   /* stagger per key */
        snprintf(buf, cap, "CREATE PUMP P%d AS INSERT INTO OUT SELECT STREAM %d, COUNT(*) FROM S "
                           "WINDOWED BY STAGGER (PARTITION BY k RANGE INTERVAL '%d' SECOND);\n", id, id, size);
        break;
    case 4:   /* ORDER BY: rows wait in batches of one key, then leave with the batch's latest ROWTIME */
        snprintf(buf, cap, "CREATE PUMP P%d AS INSERT INTO OUT SELECT STREAM %d, CAST(x AS BIGINT) FROM S "
                           "ORDER BY STEP(S.ROWTIME BY INTERVAL '%d' SECOND), x DESC;\n", id, id, size);
        break;
    default:  /* a row per row */
        snprintf(buf, cap, "CREATE PUMP P%d AS INSERT INTO OUT SELECT STREAM %d, CAST(x AS BIGINT) FROM S;\n", id, id);
    }
    return buf;
}

static int out_order(const void *a, const void *b)
{
    const OutRow *x = a, *y = b;
    if (x->rowtime != y->rowtime) return x->rowtime < y->rowtime ? -1 : 1;
    if (x->c[0].i != y->c[0].i) return x->c[0].i < y->c[0].i ? -1 : 1;
    if (x->c[1].null != y->c[1].null) return x->c[1].null ? -1 : 1;
    return x->c[1].i < y->c[1].i ? -1 : x->c[1].i > y->c[1].i;
}

static void test_several_writers(void)
{
    enum { ROUNDS = 300, MAXN = 120, MAXP = 4 };
    static const int sizes[] = {1, 2, 3, 7, 9, 10, 13, 30, 60};
    In rows[MAXN];
    int bad = 0;
    for (int round = 0; round < ROUNDS && bad < 5; round++) {
        rng = 7000 + (uint64_t)round;
        int n = 1 + below(MAXN), np = 2 + below(MAXP - 1);
        gen_rows(rows, n, 1 + below(NKEYS), 10);
        int kind[MAXP], size[MAXP];
        for (int p = 0; p < np; p++) kind[p] = below(5), size[p] = sizes[below((int)(sizeof sizes / sizeof sizes[0]))];
        static const char head[] = "CREATE STREAM S (k VARCHAR(4), x INTEGER, d DOUBLE);\nCREATE STREAM OUT (p INTEGER, n BIGINT);\n";
        /* each pump alone, then all of them */
        OutRow *want = NULL;
        int nwant = 0;
        bool ok = true;
        for (int only = 0; only <= np && ok; only++) {
            Engine e;
            size_t len = (size_t)snprintf(e.sql, sizeof e.sql, "%s", head);
            char buf[512];
            for (int p = 0; p < np; p++)
                if (only == np || p == only) len += (size_t)snprintf(e.sql + len, sizeof e.sql - len, "%s", writer_sql(kind[p], size[p], p, buf, sizeof buf));
            if (!run(&e, rows, n)) {
                bad++;
                ok = false;
                engine_close(&e);
                break;
            }
            if (only < np) {
                want = realloc(want, sizeof *want * (size_t)(nwant + e.rec.n + 1));
                for (int i = 0; i < e.rec.n; i++) {
                    want[nwant] = e.rec.rows[i];
                    want[nwant].c = malloc(sizeof(Cell) * 2);
                    memcpy(want[nwant++].c, e.rec.rows[i].c, sizeof(Cell) * 2);
                }
                engine_close(&e);
                continue;
            }
            /* all together: time order, no error, the same rows */
            bool sorted = true;
            for (int i = 1; i < e.rec.n; i++)
                if (e.rec.rows[i].rowtime < e.rec.rows[i - 1].rowtime) sorted = false;
            qsort(want, (size_t)nwant, sizeof *want, out_order);
            qsort(e.rec.rows, (size_t)e.rec.n, sizeof *e.rec.rows, out_order);
            bool same = e.rec.n == nwant;
            for (int i = 0; same && i < nwant; i++) same = out_order(&want[i], &e.rec.rows[i]) == 0;
            if (!sorted || !same || run_errors) {
                bad++;
                printf("\n  seed %d: %s%s%ld errors (%s), %d rows, %d expected\n%s", 7000 + round, sorted ? "" : "out of order; ",
                       same ? "" : "rows differ; ", run_errors, last_error, e.rec.n, nwant, e.sql);
            }
            engine_close(&e);
        }
        for (int i = 0; i < nwant; i++) free(want[i].c);
        free(want);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

void window_tests(void)
{
    static const TestCase cases[] = {
        {"sliding windows vs brute force (random streams)", test_sliding_random},
        {"sliding windows: boundaries and smallest known failures", test_sliding_edges},
        {"tumbling windows vs brute force (random streams)", test_tumbling_random},
        {"stagger windows vs a reference (random streams)", test_stagger_random},
        {"thousands of keys: sliding, tumbling and stagger vs brute force", test_many_keys},
        {"RANGE INTERVAL '1' HOUR over 100000 rows", test_long_window},
        {"idle partitions and closed groups are freed", test_idle_partitions_dropped},
        {"several pumps' windows into one stream: ROWTIME order, no row lost", test_several_writers},
        {NULL, NULL},
    };
    test_suite("window", cases);
}
