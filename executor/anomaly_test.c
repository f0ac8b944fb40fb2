/* RANDOM_CUT_FOREST and HOTSPOTS against references: the plain versions
 * the operators replaced (each tree descended alone with every box summed
 * on the way up; the regions recomputed from the whole window every row),
 * kept here as the specification of what the faster ones must output, bit
 * for bit. Random streams go through whole applications (parse, bind,
 * exec); every row's score or HOTSPOTS_RESULT is compared. Checkpoints:
 * an application saved halfway and restored into a new one goes on as if
 * never stopped, and saves the same bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "parser/parse.h"
#include "planner/bind.h"
#include "src/io/io.h"
#include "src/test.h"

static uint64_t rng;
static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static int below(int n) { return (int)(rnd() % (uint64_t)n); }
static double unit(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

/* ---- the input: S (a DOUBLE, b DOUBLE, c DOUBLE), NULL as NaN ---- */

typedef struct Pt {
    double v[3];
} Pt;

enum Shape { UNIFORM, HOTSPOT, LATTICE, ZEROS, FAR, TICKS, NSHAPES };

/* n points of one shape: a field with a moving dense spot (the KDA
 * guide's generator), a small integer lattice (many repeats, many pairs
 * exactly scanRadius apart), 0.0 and -0.0 mixed, values past any grid,
 * price-like ticks; now and then a NULL. */
static void gen_points(Pt *p, int n, int shape)
{
    double sx = 0, sy = 0, price = 50;
    for (int i = 0; i < n; i++) {
        if (i % 150 == 0) sx = unit() * 9, sy = unit() * 9;
        double *v = p[i].v;
        switch (shape) {
        case UNIFORM:
            v[0] = unit() * 10, v[1] = unit() * 10, v[2] = unit();
            break;
        case HOTSPOT:
            if (below(5) < 2) v[0] = sx + unit(), v[1] = sy + unit();
            else v[0] = unit() * 10, v[1] = unit() * 10;
            v[2] = v[0] * v[1] / 10;
            break;
        case LATTICE:
            v[0] = below(6), v[1] = below(5), v[2] = below(3) - 1;
            break;
        case ZEROS:
            v[0] = below(3) ? (below(2) ? -0.0 : 0.0) : below(4) * 0.25;
            v[1] = below(2) ? -0.0 * (double)below(2) : 0.0;
            v[2] = below(4) == 0 ? -0.0 : unit();
            break;
        case FAR:
            v[0] = below(3) ? 1e13 + below(4) * 0.125 : unit() * 3;
            v[1] = below(2) ? -1e15 - below(3) * 0.25 : unit() * 3;
            v[2] = 1e300 * (below(3) - 1);
            break;
        default:
            price += (below(201) - 100) / 100.0;
            v[0] = (below(201) - 100) / 100.0, v[1] = price, v[2] = below(100) ? 0.5 : 40;
            break;
        }
        for (int d = 0; d < 3; d++)
            if (below(200) == 0) v[d] = NAN;
    }
}

/* ---- an application ---- */

typedef struct Out {
    double score;
    char *text;          /* the last column when it is a string */
} Out;

typedef struct Engine {
    Arena stmt;
    DiagList diag;
    PlanApp app;
    Exec *ex;
    int in_stream, out_stream;
    int score_col, text_col;   /* ANOMALY_SCORE; ANOMALY_EXPLANATION or HOTSPOTS_RESULT (-1: none) */
    Out *rows;
    int n, cap;
} Engine;

static void record(void *ctx, const CatStream *s, const Row *row)
{
    Engine *e = ctx;
    (void)s;
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 1024;
        e->rows = realloc(e->rows, sizeof(Out) * (size_t)e->cap);
    }
    Out *o = &e->rows[e->n++];
    o->score = e->score_col >= 0 ? row->v[e->score_col].u.d : 0;
    o->text = NULL;
    if (e->text_col >= 0 && !row->v[e->text_col].null) o->text = strndup(row->v[e->text_col].u.s, row->v[e->text_col].len);
}

static int column(const CatStream *s, const char *name)
{
    for (int i = 0; i < s->schema.ncols; i++)
        if (strcmp(s->schema.cols[i].name, name) == 0) return i;
    return -1;
}

static bool engine_open(Engine *e, const char *sql)
{
    memset(e, 0, sizeof *e);
    arena_init(&e->stmt, 0);
    diag_init(&e->diag, "anomaly_test.sql", sql, (uint32_t)strlen(sql));
    plan_app_init(&e->app);
    ParsedScript ps;
    static const char *const inputs[] = {"S"};
    BindOptions opt = {inputs, 1};
    if (parse_script(sql, (uint32_t)strlen(sql), &e->stmt, &e->diag, &ps) || bind_app(&e->app, ps.stmts, ps.n, &opt, &e->diag)) {
        printf("\n  does not bind: %s\n", sql);
        diag_render(&e->diag, stdout);
        return false;
    }
    const CatStream *in = cat_find_stream(&e->app.cat, "S", false), *out = NULL;
    for (int i = 0; i < e->app.cat.nstreams && !out; i++)
        if (e->app.cat.streams[i]->anonymous) out = e->app.cat.streams[i];
    if (!in || !out) return false;
    e->in_stream = in->id;
    e->out_stream = out->id;
    e->score_col = column(out, "ANOMALY_SCORE");
    e->text_col = column(out, "ANOMALY_EXPLANATION");
    if (e->text_col < 0) e->text_col = column(out, "HOTSPOTS_RESULT");
    e->ex = exec_new(&e->app);
    exec_set_sink(e->ex, out->id, record, e);
    return true;
}

static void engine_push(Engine *e, const Pt *p, int i, Arena *rec)
{
    arena_reset(rec);
    Value *v = arena_alloc(rec, sizeof(Value) * 3);
    for (int d = 0; d < 3; d++) v[d] = isnan(p->v[d]) ? val_null() : val_double(p->v[d]);
    int64_t t = INT64_C(1700000000000) + i;
    Row row = {.rowtime = t, .arrival = t, .v = v, .n = 3, .recno = (uint64_t)i + 1};
    e->ex->now = t;
    exec_push_input(e->ex, e->in_stream, &row, rec, NULL, 0);
}

static void engine_close(Engine *e)
{
    if (e->ex) exec_free(e->ex);
    for (int i = 0; i < e->n; i++) free(e->rows[i].text);
    free(e->rows);
    plan_app_free(&e->app);
    diag_free(&e->diag);
    arena_free(&e->stmt);
}

/* Runs the application over p[0..n); with `half`, it is saved after
 * p[half - 1] and the rest goes to a new one restored from that, which
 * takes the first one's rows over. The engine that ran last, its outputs
 * in it (NULL if the application does not bind); engine_free it. */
static Engine *run(const char *sql, const Pt *p, int n, int half)
{
    Engine *e = calloc(1, sizeof *e);   /* on the heap: the Exec points into it */
    if (!engine_open(e, sql)) return e;
    Arena rec;
    arena_init(&rec, 0);
    int i = 0;
    if (half) {
        for (; i < half; i++) engine_push(e, &p[i], i, &rec);
        Buf state = {0};
        exec_save(e->ex, &state);
        Engine *f = calloc(1, sizeof *f);
        if (engine_open(f, sql)) {
            SerialIn in;
            de_init(&in, state.p, state.len);
            char why[256] = "";
            bool ok = exec_restore(f->ex, &in, why, sizeof why);
            if (!ok) printf("\n  restore refused: %s\n", why);
            CU_ASSERT_TRUE(ok);
            Buf again = {0};
            exec_save(f->ex, &again);
            CU_ASSERT_TRUE(again.len == state.len && memcmp(again.p, state.p, state.len) == 0);
            buf_free(&again);
        }
        buf_free(&state);
        f->rows = e->rows, f->n = e->n, f->cap = e->cap;
        e->rows = NULL, e->n = e->cap = 0;
        engine_close(e);
        free(e);
        e = f;
    }
    for (; i < n && e->ex; i++) engine_push(e, &p[i], i, &rec);
    if (e->ex) exec_finish(e->ex);
    arena_free(&rec);
    return e;
}

static void engine_free(Engine *e)
{
    engine_close(e);
    free(e);
}

/* ---- the reference RANDOM_CUT_FOREST (as it was) ---- */

typedef struct RNode {
    int parent, left, right, dim;
    double cut;
    int mass;
} RNode;

typedef struct RTree {
    RNode *nodes;
    double *lo, *hi;
    int *free_list, nfree, root, *slot_leaf, nslots;
} RTree;

typedef struct Ref {
    int trees, size, shingle, cols, dims;
    int64_t decay, seen;
    RTree *forest;
    double *ring, *tree_hi, *tree_lo, *sum_hi, *sum_lo;
    uint64_t rng;
} Ref;

static uint64_t ref_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static double ref_unit(uint64_t *s) { return (double)(ref_next(s) >> 11) * (1.0 / 9007199254740992.0); }
static double *RLO_(const Ref *r, const RTree *t, int i) { return t->lo + (size_t)i * (size_t)r->dims; }
static double *RHI_(const Ref *r, const RTree *t, int i) { return t->hi + (size_t)i * (size_t)r->dims; }

static void ref_replace(RTree *t, int parent, int old, int new_)
{
    if (parent < 0) t->root = new_;
    else if (t->nodes[parent].left == old) t->nodes[parent].left = new_;
    else t->nodes[parent].right = new_;
    t->nodes[new_].parent = parent;
}

static int ref_insert(Ref *r, RTree *t, const double *p)
{
    int D = r->dims;
    if (t->root < 0) {
        int l = t->free_list[--t->nfree];
        t->nodes[l] = (RNode){.parent = -1, .left = -1, .right = -1, .mass = 1};
        memcpy(RLO_(r, t, l), p, sizeof(double) * (size_t)D);
        memcpy(RHI_(r, t, l), p, sizeof(double) * (size_t)D);
        t->root = l;
        return l;
    }
    int node = t->root;
    for (;;) {
        const double *lo = RLO_(r, t, node), *hi = RHI_(r, t, node);
        double total = 0;
        for (int d = 0; d < D; d++) total += fmax(hi[d], p[d]) - fmin(lo[d], p[d]);
        if (total <= 0) {
            for (int a = node; a >= 0; a = t->nodes[a].parent) t->nodes[a].mass++;
            return node;
        }
        double x = ref_unit(&r->rng) * total, cut = 0;
        int dim = D - 1;
        for (int d = 0; d < D; d++) {
            double lo_d = fmin(lo[d], p[d]), range = fmax(hi[d], p[d]) - lo_d;
            if (x < range || d == D - 1) {
                dim = d;
                cut = lo_d + fmin(x, range);
                break;
            }
            x -= range;
        }
        if ((p[dim] <= cut && cut < lo[dim]) || (p[dim] > cut && cut >= hi[dim])) {
            int leaf = t->free_list[--t->nfree], in = t->free_list[--t->nfree];
            t->nodes[leaf] = (RNode){.parent = in, .left = -1, .right = -1, .mass = 1};
            memcpy(RLO_(r, t, leaf), p, sizeof(double) * (size_t)D);
            memcpy(RHI_(r, t, leaf), p, sizeof(double) * (size_t)D);
            int parent = t->nodes[node].parent;
            t->nodes[in] = (RNode){.dim = dim, .cut = cut, .mass = t->nodes[node].mass};
            if (p[dim] <= cut) t->nodes[in].left = leaf, t->nodes[in].right = node;
            else t->nodes[in].left = node, t->nodes[in].right = leaf;
            memcpy(RLO_(r, t, in), lo, sizeof(double) * (size_t)D);
            memcpy(RHI_(r, t, in), hi, sizeof(double) * (size_t)D);
            ref_replace(t, parent, node, in);
            t->nodes[node].parent = in;
            for (int a = in; a >= 0; a = t->nodes[a].parent) {
                t->nodes[a].mass++;
                for (int d = 0; d < D; d++) {
                    if (p[d] < RLO_(r, t, a)[d]) RLO_(r, t, a)[d] = p[d];
                    if (p[d] > RHI_(r, t, a)[d]) RHI_(r, t, a)[d] = p[d];
                }
            }
            return leaf;
        }
        if (t->nodes[node].left < 0) continue;
        node = p[t->nodes[node].dim] <= t->nodes[node].cut ? t->nodes[node].left : t->nodes[node].right;
    }
}

static void ref_delete(Ref *r, RTree *t, int leaf)
{
    if (t->nodes[leaf].mass > 1) {
        for (int a = leaf; a >= 0; a = t->nodes[a].parent) t->nodes[a].mass--;
        return;
    }
    int parent = t->nodes[leaf].parent;
    t->free_list[t->nfree++] = leaf;
    if (parent < 0) {
        t->root = -1;
        return;
    }
    int sibling = t->nodes[parent].left == leaf ? t->nodes[parent].right : t->nodes[parent].left;
    int grand = t->nodes[parent].parent;
    ref_replace(t, grand, parent, sibling);
    t->free_list[t->nfree++] = parent;
    for (int a = grand; a >= 0; a = t->nodes[a].parent) {
        t->nodes[a].mass--;
        int L = t->nodes[a].left, R = t->nodes[a].right;
        for (int d = 0; d < r->dims; d++) {
            RLO_(r, t, a)[d] = fmin(RLO_(r, t, L)[d], RLO_(r, t, R)[d]);
            RHI_(r, t, a)[d] = fmax(RHI_(r, t, L)[d], RHI_(r, t, R)[d]);
        }
    }
}

static double ref_score(const Ref *r, const RTree *t, const double *p, double *hv, double *lv)
{
    int D = r->dims;
    memset(hv, 0, sizeof(double) * (size_t)D), memset(lv, 0, sizeof(double) * (size_t)D);
    if (t->root < 0) return 0;
    int node = t->root, depth = 0;
    while (t->nodes[node].left >= 0) {
        node = p[t->nodes[node].dim] <= t->nodes[node].cut ? t->nodes[node].left : t->nodes[node].right;
        depth++;
    }
    double tree_mass = t->nodes[t->root].mass, score;
    const double *leaf = RLO_(r, t, node);
    if (memcmp(leaf, p, sizeof(double) * (size_t)D) == 0) {
        double m = t->nodes[node].mass;
        score = (1 - m / (2 * tree_mass)) / (depth + log2(m + 1));
        for (int d = 0; d < D; d++) hv[d] = lv[d] = score / (2.0 * D);
    } else {
        score = 1.0 / (depth + 1);
        double dist = 0;
        for (int d = 0; d < D; d++) dist += fabs(p[d] - leaf[d]);
        for (int d = 0; d < D; d++) {
            double share = score * fabs(p[d] - leaf[d]) / dist;
            if (p[d] > leaf[d]) hv[d] = share;
            else lv[d] = share;
        }
    }
    for (int a = t->nodes[node].parent; a >= 0; a = t->nodes[a].parent) {
        depth--;
        const double *lo = RLO_(r, t, a), *hi = RHI_(r, t, a);
        double inside = 0, merged = 0;
        for (int d = 0; d < D; d++) {
            inside += hi[d] - lo[d];
            merged += fmax(hi[d], p[d]) - fmin(lo[d], p[d]);
        }
        if (merged <= inside) continue;
        double cut = (merged - inside) / merged, unseen = 1.0 / (depth + 1);
        score = cut * unseen + (1 - cut) * score;
        for (int d = 0; d < D; d++) {
            hv[d] = (1 - cut) * hv[d] + unseen * fmax(0, p[d] - hi[d]) / merged;
            lv[d] = (1 - cut) * lv[d] + unseen * fmax(0, lo[d] - p[d]) / merged;
        }
    }
    double scale = log2(1 + tree_mass);
    for (int d = 0; d < D; d++) hv[d] *= scale, lv[d] *= scale;
    return score * scale;
}

static void ref_init(Ref *r, int trees, int size, int64_t decay, int shingle, int cols, int64_t seed)
{
    *r = (Ref){.trees = trees, .size = size, .shingle = shingle, .cols = cols, .dims = cols * shingle, .decay = decay};
    r->rng = 0x9E3779B97F4A7C15ULL ^ (uint64_t)seed;
    r->ring = calloc((size_t)r->dims, sizeof(double));
    r->tree_hi = calloc((size_t)r->dims, sizeof(double));
    r->tree_lo = calloc((size_t)r->dims, sizeof(double));
    r->sum_hi = calloc((size_t)r->dims, sizeof(double));
    r->sum_lo = calloc((size_t)r->dims, sizeof(double));
    r->forest = calloc((size_t)trees, sizeof(RTree));
    int cap = 2 * size;
    for (int k = 0; k < trees; k++) {
        RTree *t = &r->forest[k];
        t->nodes = calloc((size_t)cap, sizeof(RNode));
        t->lo = calloc((size_t)cap * (size_t)r->dims, sizeof(double));
        t->hi = calloc((size_t)cap * (size_t)r->dims, sizeof(double));
        t->free_list = calloc((size_t)cap, sizeof(int));
        for (int i = 0; i < cap; i++) t->free_list[i] = cap - 1 - i;
        t->nfree = cap;
        t->slot_leaf = calloc((size_t)size, sizeof(int));
        t->root = -1;
    }
}

static void ref_free(Ref *r)
{
    for (int k = 0; k < r->trees; k++) {
        RTree *t = &r->forest[k];
        free(t->nodes), free(t->lo), free(t->hi), free(t->free_list), free(t->slot_leaf);
    }
    free(r->forest), free(r->ring), free(r->tree_hi), free(r->tree_lo), free(r->sum_hi), free(r->sum_lo);
}

/* One row's score; sum_hi/sum_lo hold the attribution. */
static double ref_push(Ref *r, const double *cols)
{
    int C = r->cols;
    memmove(r->ring, r->ring + C, sizeof(double) * (size_t)(r->dims - C));
    memcpy(r->ring + (r->dims - C), cols, sizeof(double) * (size_t)C);
    r->seen++;
    double score = 0;
    bool shingled = r->seen >= r->shingle;
    memset(r->sum_hi, 0, sizeof(double) * (size_t)r->dims), memset(r->sum_lo, 0, sizeof(double) * (size_t)r->dims);
    if (shingled && r->seen - r->shingle + 1 > r->size) {
        for (int k = 0; k < r->trees; k++) {
            score += ref_score(r, &r->forest[k], r->ring, r->tree_hi, r->tree_lo);
            for (int d = 0; d < r->dims; d++) r->sum_hi[d] += r->tree_hi[d], r->sum_lo[d] += r->tree_lo[d];
        }
        score /= r->trees;
        for (int d = 0; d < r->dims; d++) r->sum_hi[d] /= r->trees, r->sum_lo[d] /= r->trees;
    }
    if (shingled) {
        int64_t points = r->seen - r->shingle + 1;
        double keep = fmax((double)r->size / (double)points, (double)r->size / (double)r->decay);
        for (int k = 0; k < r->trees; k++) {
            RTree *t = &r->forest[k];
            if (t->nslots < r->size) {
                t->slot_leaf[t->nslots++] = ref_insert(r, t, r->ring);
            } else if (ref_unit(&r->rng) < keep) {
                int s = (int)(ref_next(&r->rng) % (uint64_t)r->size);
                ref_delete(r, t, t->slot_leaf[s]);
                t->slot_leaf[s] = ref_insert(r, t, r->ring);
            }
        }
    }
    return score;
}

static char *ref_explanation(const Ref *r, const char *const *names, bool direction)
{
    Buf b = {0};
    buf_putc(&b, '{');
    for (int i = 0; i < r->cols; i++) {
        double high = 0, low = 0;
        for (int k = 0; k < r->shingle; k++) high += r->sum_hi[k * r->cols + i], low += r->sum_lo[k * r->cols + i];
        char num[96];
        if (i) buf_putc(&b, ',');
        json_put_string(&b, names[i], strlen(names[i]));
        buf_put(&b, ":{", 2);
        if (direction) {
            snprintf(num, sizeof num, "\"DIRECTION\":\"%s\",\"STRENGTH\":\"%.4f\",", high >= low ? "HIGH" : "LOW", fabs(high - low));
            buf_put(&b, num, strlen(num));
        }
        snprintf(num, sizeof num, "\"ATTRIBUTION_SCORE\":\"%.4f\"}", high + low);
        buf_put(&b, num, strlen(num));
    }
    buf_putc(&b, '}');
    char *s = strndup(b.p, b.len);
    buf_free(&b);
    return s;
}

/* the point as exec_eval_point makes it: NULL counts as 0 */
static double val_of(double v) { return isnan(v) ? 0 : v; }

static const struct RcfCase {
    int shape, trees, size, decay, shingle, cols;   /* cols: 1 (a), 2 (a, b) or 3 */
    int explain;                                     /* 0, 1 without direction, 2 with */
    int seed;
} RCF_CASES[] = {
    {TICKS, 100, 256, 100000, 1, 2, 0, 0},  {HOTSPOT, 30, 64, 500, 1, 2, 2, 3}, {LATTICE, 20, 32, 200, 2, 2, 0, 7},
    {ZEROS, 16, 40, 300, 1, 3, 1, 5},       {FAR, 12, 50, 1000, 1, 3, 2, 9},    {TICKS, 8, 100, 2000, 4, 1, 0, 11},
    {UNIFORM, 13, 10, 50, 3, 3, 2, 13},     {LATTICE, 9, 1000, 100000, 1, 1, 1, 17},
};

static void test_rcf_reference(void)
{
    static const char *const names[] = {"A", "B", "C"};
    const int n = 2500;
    Pt *p = malloc(sizeof(Pt) * (size_t)n);
    int bad = 0;
    for (size_t c = 0; c < sizeof RCF_CASES / sizeof RCF_CASES[0]; c++) {
        const struct RcfCase *k = &RCF_CASES[c];
        rng = 0xABCDEF + c;
        gen_points(p, n, k->shape);
        char sql[1024], cols[32];
        snprintf(cols, sizeof cols, "%s", k->cols == 1 ? "a" : k->cols == 2 ? "a, b" : "a, b, c");
        if (k->explain)
            snprintf(sql, sizeof sql, "CREATE STREAM S (a DOUBLE, b DOUBLE, c DOUBLE);\n"
                     "SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(CURSOR(SELECT STREAM %s FROM S), "
                     "%d, %d, %d, %d, %s, %d));", cols, k->trees, k->size, k->decay, k->shingle, k->explain == 2 ? "TRUE" : "FALSE", k->seed);
        else
            snprintf(sql, sizeof sql, "CREATE STREAM S (a DOUBLE, b DOUBLE, c DOUBLE);\n"
                     "SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM %s FROM S), %d, %d, %d, %d, %d));",
                     cols, k->trees, k->size, k->decay, k->shingle, k->seed);
        for (int half = 0; half <= n / 2; half += n / 2) {
            Ref ref;
            ref_init(&ref, k->trees, k->size, k->decay, k->shingle, k->cols, k->seed);
            int wrong = -1;
            Engine *e = run(sql, p, n, half);
            if (e->n == n) {
                for (int i = 0; i < n && wrong < 0; i++) {
                    double v[3] = {val_of(p[i].v[0]), val_of(p[i].v[1]), val_of(p[i].v[2])};
                    double want = ref_push(&ref, v);
                    if (memcmp(&want, &e->rows[i].score, sizeof want) != 0) wrong = i;
                    if (k->explain && wrong < 0) {
                        char *x = ref_explanation(&ref, names, k->explain == 2);
                        if (!e->rows[i].text || strcmp(x, e->rows[i].text) != 0) wrong = i;
                        free(x);
                    }
                }
            } else {
                wrong = e->n;
            }
            if (wrong >= 0) {
                bad++;
                printf("\n  case %zu%s: row %d differs (%.17g): %s\n", c, half ? " (restored halfway)" : "", wrong,
                       wrong < e->n ? e->rows[wrong].score : NAN, sql);
            }
            ref_free(&ref);
            engine_free(e);
        }
    }
    free(p);
    CU_ASSERT_EQUAL(bad, 0);
}

/* ---- the reference HOTSPOTS (recomputed from the window, as it was) ---- */

static const double *hs_ring;
static const double *hs_density;
static int hs_dims;

static int hs_by_first(const void *a, const void *b)
{
    double x = hs_ring[(size_t)*(const int *)a * (size_t)hs_dims], y = hs_ring[(size_t)*(const int *)b * (size_t)hs_dims];
    return x < y ? -1 : x > y;
}

static int hs_by_density(const void *a, const void *b)
{
    double x = hs_density[*(const int *)a], y = hs_density[*(const int *)b];
    return x > y ? -1 : x < y;
}

static int hs_find(int *parent, int i)
{
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

static void hs_num(Buf *b, double d)
{
    char num[40];
    int n = snprintf(num, sizeof num, "%.10g", d);
    buf_put(b, num, (size_t)n);
}

static char *hs_reference(const double *p, int n, int D, double radius, int min_points)
{
    int *order = malloc(sizeof(int) * (size_t)n * 5), *parent = order + n, *size = parent + n, *slot = size + n, *hot = slot + n;
    double *lo = malloc(sizeof(double) * (size_t)n * (2 * (size_t)D + 1)), *hi = lo + (size_t)n * (size_t)D, *density = hi + (size_t)n * (size_t)D;
    for (int i = 0; i < n; i++) order[i] = i, parent[i] = i, size[i] = 0, slot[i] = -1;
    hs_ring = p, hs_dims = D;
    qsort(order, (size_t)n, sizeof(int), hs_by_first);
    double r2 = radius * radius;
    for (int s = 0; s < n; s++) {
        const double *x = p + (size_t)order[s] * (size_t)D;
        for (int t = s + 1; t < n; t++) {
            const double *y = p + (size_t)order[t] * (size_t)D;
            if (y[0] - x[0] > radius) break;
            double d2 = 0;
            for (int d = 0; d < D && d2 <= r2; d++) d2 += (x[d] - y[d]) * (x[d] - y[d]);
            if (d2 <= r2) {
                int u = hs_find(parent, order[s]), v = hs_find(parent, order[t]);
                if (u != v) parent[u] = v;
            }
        }
    }
    double window_volume = 1;
    for (int d = 0; d < D; d++) {
        double l = INFINITY, h = -INFINITY;
        for (int i = 0; i < n; i++) l = fmin(l, p[(size_t)i * (size_t)D + d]), h = fmax(h, p[(size_t)i * (size_t)D + d]);
        window_volume *= fmax(h - l, radius);
    }
    for (int i = 0; i < n; i++) size[hs_find(parent, i)]++;
    int nhot = 0;
    for (int i = 0; i < n; i++) {
        int root = hs_find(parent, i);
        if (size[root] < min_points) continue;
        if (slot[root] < 0) {
            int s = slot[root] = nhot;
            hot[nhot++] = s;
            for (int d = 0; d < D; d++) lo[(size_t)s * (size_t)D + d] = INFINITY, hi[(size_t)s * (size_t)D + d] = -INFINITY;
            density[s] = size[root];
        }
        int s = slot[root];
        for (int d = 0; d < D; d++) {
            double v = p[(size_t)i * (size_t)D + d];
            if (v < lo[(size_t)s * (size_t)D + d]) lo[(size_t)s * (size_t)D + d] = v;
            if (v > hi[(size_t)s * (size_t)D + d]) hi[(size_t)s * (size_t)D + d] = v;
        }
    }
    for (int k = 0; k < nhot; k++) {
        double volume = 1;
        for (int d = 0; d < D; d++) volume *= fmax(hi[(size_t)k * (size_t)D + d] - lo[(size_t)k * (size_t)D + d], radius);
        density[k] = (density[k] / n) / (volume / window_volume);
    }
    hs_density = density;
    qsort(hot, (size_t)nhot, sizeof(int), hs_by_density);
    Buf b = {0};
    buf_puts(&b, "{\"hotspots\":[");
    for (int k = 0; k < nhot; k++) {
        int s = hot[k];
        buf_puts(&b, k ? ",{\"density\":" : "{\"density\":");
        hs_num(&b, density[s]);
        buf_puts(&b, ",\"minValues\":[");
        for (int d = 0; d < D; d++) {
            if (d) buf_putc(&b, ',');
            hs_num(&b, lo[(size_t)s * (size_t)D + d]);
        }
        buf_puts(&b, "],\"maxValues\":[");
        for (int d = 0; d < D; d++) {
            if (d) buf_putc(&b, ',');
            hs_num(&b, hi[(size_t)s * (size_t)D + d]);
        }
        buf_puts(&b, "]}");
    }
    buf_puts(&b, "]}");
    char *s = strndup(b.p, b.len);
    buf_free(&b);
    free(order);
    free(lo);
    return s;
}

static const struct HsCase {
    int shape, window, dims;
    double radius;
    int min_points;
} HS_CASES[] = {
    {HOTSPOT, 1000, 2, 0.2, 17}, {HOTSPOT, 100, 2, 0.5, 5},  {HOTSPOT, 300, 3, 0.4, 8}, {UNIFORM, 200, 2, 0.9, 12},
    {LATTICE, 100, 2, 1.0, 2},   {LATTICE, 150, 3, 1.0, 30}, {LATTICE, 120, 1, 0.5, 15}, {ZEROS, 100, 2, 0.25, 3},
    {ZEROS, 100, 3, 0.5, 10},    {FAR, 100, 2, 0.2, 2},      {FAR, 130, 3, 0.3, 4},     {TICKS, 400, 2, 0.3, 20},
    {TICKS, 100, 1, 0.02, 6},    {UNIFORM, 100, 1, 1e-320, 2},
};

static void test_hotspots_reference(void)
{
    const int n = 3000;
    Pt *p = malloc(sizeof(Pt) * (size_t)n);
    double *ring = malloc(sizeof(double) * 3 * 1000);
    int bad = 0;
    for (size_t c = 0; c < sizeof HS_CASES / sizeof HS_CASES[0]; c++) {
        const struct HsCase *k = &HS_CASES[c];
        rng = 0x5EED + c;
        gen_points(p, n, k->shape);
        char sql[512];
        snprintf(sql, sizeof sql, "CREATE STREAM S (a DOUBLE, b DOUBLE, c DOUBLE);\n"
                 "SELECT STREAM * FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM %s FROM S), %d, %.17g, %d));",
                 k->dims == 1 ? "a" : k->dims == 2 ? "a, b" : "a, b, c", k->window, k->radius, k->min_points);
        for (int h = 0; h < 2; h++) {
            int half = h ? n / 2 + 7 : 0;
            int wrong = -1, count = 0, next = 0;
            char *want = NULL;
            Engine *e = run(sql, p, n, half);
            if (e->n == n) {
                for (int i = 0; i < n && wrong < 0; i++) {
                    for (int d = 0; d < k->dims; d++) ring[(size_t)next * (size_t)k->dims + (size_t)d] = val_of(p[i].v[d]);
                    next = (next + 1) % k->window;
                    if (count < k->window) count++;
                    free(want);
                    want = hs_reference(ring, count, k->dims, k->radius, k->min_points);
                    if (!e->rows[i].text || strcmp(want, e->rows[i].text) != 0) wrong = i;
                }
            } else {
                wrong = e->n;
            }
            if (wrong >= 0) {
                bad++;
                printf("\n  case %zu%s: row %d differs:\n    %s\n    %s\n  %s\n", c, half ? " (restored halfway)" : "", wrong,
                       want ? want : "", wrong < e->n && e->rows[wrong].text ? e->rows[wrong].text : "", sql);
            }
            free(want);
            engine_free(e);
        }
    }
    free(ring);
    free(p);
    CU_ASSERT_EQUAL(bad, 0);
}

void anomaly_tests(void)
{
    static const TestCase cases[] = {
        {"RANDOM_CUT_FOREST scores and explanations bit for bit as the reference (and after a restore)", test_rcf_reference},
        {"HOTSPOTS results as recomputed from the window (and after a restore)", test_hotspots_reference},
        {NULL, NULL},
    };
    test_suite("anomaly", cases);
}
