/* RANDOM_CUT_FOREST: an anomaly score for each row of the cursor, from a
 * forest of robust random cut trees (Guha et al., ICML 2016) over the row's
 * numeric columns (shingled: the last shingleSize rows side by side).
 *
 * Each row is scored first and then offered to every tree's sample: a tree
 * keeps at most subSampleSize points, and once full a new point replaces a
 * random one with probability max(size/seen, size/timeDecay), so a sample
 * represents roughly the last timeDecay rows. The score of a tree follows
 * the reference implementation's visitor: 1/(depth+1) where the point would
 * be cut off, mixed on the way up with the chance a random cut of each box
 * separates the point, scaled by log2(1 + points in the tree); the row's
 * score is the mean over the trees. Rows score 0 until the trees have seen
 * subSampleSize rows. RANDOM_CUT_FOREST_WITH_EXPLANATION also splits each
 * score over the dimensions (ANOMALY_EXPLANATION). All memory but the
 * explanation text (in the record's arena) is allocated when the operator is built:
 * the trees hold at most 2 * subSampleSize nodes each. */
#include <math.h>
#include <string.h>

#include "src/runtime/buf.h"
#include "src/io/io.h"
#include "src/runtime/mem.h"
#include "operators.h"

typedef struct Node {
    int parent, left, right;   /* left < 0: a leaf */
    int dim;
    double cut;
    int mass;
} Node;

typedef struct Tree {
    Node *nodes;
    double *lo, *hi;           /* bounding box of node i: lo[i*dims..], hi[i*dims..] */
    int *free_list, nfree;
    int root;
    int *slot_leaf;            /* the leaf holding each sampled point */
    int nslots;
} Tree;

typedef struct RcfOp {
    Op op;
    int trees, size, shingle, cols, dims;
    int64_t decay;
    Tree *forest;
    double *ring;              /* the last `shingle` rows' numeric columns */
    double *tree_hi, *tree_lo; /* one tree's attribution */
    double *sum_hi, *sum_lo;   /* the forest's, for ANOMALY_EXPLANATION */
    int64_t seen;
    uint64_t rng;
} RcfOp;

static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0); }

static int node_new(Tree *t) { return t->free_list[--t->nfree]; }
static void node_free(Tree *t, int i) { t->free_list[t->nfree++] = i; }

static double *LO(const RcfOp *r, const Tree *t, int i) { return t->lo + (size_t)i * (size_t)r->dims; }
static double *HI(const RcfOp *r, const Tree *t, int i) { return t->hi + (size_t)i * (size_t)r->dims; }

static void replace_child(Tree *t, int parent, int old, int new_)
{
    if (parent < 0) t->root = new_;
    else if (t->nodes[parent].left == old) t->nodes[parent].left = new_;
    else t->nodes[parent].right = new_;
    t->nodes[new_].parent = parent;
}

/* Inserts p; returns its leaf. */
static int tree_insert(RcfOp *r, Tree *t, const double *p)
{
    int D = r->dims;
    if (t->root < 0) {
        int l = node_new(t);
        t->nodes[l] = (Node){.parent = -1, .left = -1, .right = -1, .mass = 1};
        memcpy(LO(r, t, l), p, sizeof(double) * (size_t)D);
        memcpy(HI(r, t, l), p, sizeof(double) * (size_t)D);
        t->root = l;
        return l;
    }
    int node = t->root;
    for (;;) {
        const double *lo = LO(r, t, node), *hi = HI(r, t, node);
        double total = 0;
        for (int d = 0; d < D; d++) total += fmax(hi[d], p[d]) - fmin(lo[d], p[d]);
        if (total <= 0) {   /* the same point as this leaf */
            for (int a = node; a >= 0; a = t->nodes[a].parent) t->nodes[a].mass++;
            return node;
        }
        double x = rng_unit(&r->rng) * total;
        int dim = D - 1;
        double cut = 0;
        for (int d = 0; d < D; d++) {
            double lo_d = fmin(lo[d], p[d]), range = fmax(hi[d], p[d]) - lo_d;
            if (x < range || d == D - 1) {
                dim = d;
                cut = lo_d + fmin(x, range);
                break;
            }
            x -= range;
        }
        bool separates = (p[dim] <= cut && cut < lo[dim]) || (p[dim] > cut && cut >= hi[dim]);
        if (separates) {
            int leaf = node_new(t), in = node_new(t);
            t->nodes[leaf] = (Node){.parent = in, .left = -1, .right = -1, .mass = 1};
            memcpy(LO(r, t, leaf), p, sizeof(double) * (size_t)D);
            memcpy(HI(r, t, leaf), p, sizeof(double) * (size_t)D);
            int parent = t->nodes[node].parent;
            t->nodes[in] = (Node){.dim = dim, .cut = cut, .mass = t->nodes[node].mass};
            if (p[dim] <= cut) t->nodes[in].left = leaf, t->nodes[in].right = node;
            else t->nodes[in].left = node, t->nodes[in].right = leaf;
            memcpy(LO(r, t, in), lo, sizeof(double) * (size_t)D);
            memcpy(HI(r, t, in), hi, sizeof(double) * (size_t)D);
            replace_child(t, parent, node, in);
            t->nodes[node].parent = in;
            for (int a = in; a >= 0; a = t->nodes[a].parent) {
                t->nodes[a].mass++;
                double *alo = LO(r, t, a), *ahi = HI(r, t, a);
                for (int d = 0; d < D; d++) {
                    if (p[d] < alo[d]) alo[d] = p[d];
                    if (p[d] > ahi[d]) ahi[d] = p[d];
                }
            }
            return leaf;
        }
        if (t->nodes[node].left < 0) continue;   /* a leaf: rounding put the cut on the point; draw again */
        node = p[t->nodes[node].dim] <= t->nodes[node].cut ? t->nodes[node].left : t->nodes[node].right;
    }
}

static void tree_delete(RcfOp *r, Tree *t, int leaf)
{
    int D = r->dims;
    if (t->nodes[leaf].mass > 1) {
        for (int a = leaf; a >= 0; a = t->nodes[a].parent) t->nodes[a].mass--;
        return;
    }
    int parent = t->nodes[leaf].parent;
    node_free(t, leaf);
    if (parent < 0) {
        t->root = -1;
        return;
    }
    int sibling = t->nodes[parent].left == leaf ? t->nodes[parent].right : t->nodes[parent].left;
    int grand = t->nodes[parent].parent;
    replace_child(t, grand, parent, sibling);
    node_free(t, parent);
    for (int a = grand; a >= 0; a = t->nodes[a].parent) {
        t->nodes[a].mass--;
        int L = t->nodes[a].left, R = t->nodes[a].right;
        double *alo = LO(r, t, a), *ahi = HI(r, t, a);
        for (int d = 0; d < D; d++) {
            alo[d] = fmin(LO(r, t, L)[d], LO(r, t, R)[d]);
            ahi[d] = fmax(HI(r, t, L)[d], HI(r, t, R)[d]);
        }
    }
}

/* The tree's score for p; with hv/lv, also its attribution: how much of the
 * score each dimension carries, split by whether p lies above (hv) or below
 * (lv) the points it is cut off from. The attributions sum to the score. */
static double tree_score(const RcfOp *r, const Tree *t, const double *p, double *hv, double *lv)
{
    int D = r->dims;
    if (hv) memset(hv, 0, sizeof(double) * (size_t)D), memset(lv, 0, sizeof(double) * (size_t)D);
    if (t->root < 0) return 0;
    int node = t->root, depth = 0;
    while (t->nodes[node].left >= 0) {
        node = p[t->nodes[node].dim] <= t->nodes[node].cut ? t->nodes[node].left : t->nodes[node].right;
        depth++;
    }
    double tree_mass = t->nodes[t->root].mass;
    const double *leaf = LO(r, t, node);
    bool same = memcmp(leaf, p, sizeof(double) * (size_t)D) == 0;
    double score;
    if (same) {
        double m = t->nodes[node].mass;
        score = (1 - m / (2 * tree_mass)) / (depth + log2(m + 1));
        if (hv)
            for (int d = 0; d < D; d++) hv[d] = lv[d] = score / (2.0 * D);
    } else {
        score = 1.0 / (depth + 1);
        if (hv) {
            double dist = 0;
            for (int d = 0; d < D; d++) dist += fabs(p[d] - leaf[d]);
            for (int d = 0; d < D; d++) {
                double share = score * fabs(p[d] - leaf[d]) / dist;
                if (p[d] > leaf[d]) hv[d] = share;
                else lv[d] = share;
            }
        }
    }
    for (int a = t->nodes[node].parent; a >= 0; a = t->nodes[a].parent) {
        depth--;
        const double *lo = LO(r, t, a), *hi = HI(r, t, a);
        double inside = 0, merged = 0;
        for (int d = 0; d < D; d++) {
            inside += hi[d] - lo[d];
            merged += fmax(hi[d], p[d]) - fmin(lo[d], p[d]);
        }
        if (merged <= inside) continue;   /* the point is inside this box */
        double cut = (merged - inside) / merged, unseen = 1.0 / (depth + 1);
        score = cut * unseen + (1 - cut) * score;
        if (hv)
            for (int d = 0; d < D; d++) {
                hv[d] = (1 - cut) * hv[d] + unseen * fmax(0, p[d] - hi[d]) / merged;
                lv[d] = (1 - cut) * lv[d] + unseen * fmax(0, lo[d] - p[d]) / merged;
            }
    }
    double scale = log2(1 + tree_mass);
    if (hv)
        for (int d = 0; d < D; d++) hv[d] *= scale, lv[d] *= scale;
    return score * scale;
}

/* ANOMALY_EXPLANATION: per numeric column (summed over the shingle), its
 * ATTRIBUTION_SCORE and, with directionality, whether it is anomalous for
 * being HIGH or LOW and the STRENGTH of that: the net attribution in that
 * direction. Numbers are written with four decimals, as strings, as KDA does. */
static Value explanation(const RcfOp *r, Arena *a)
{
    const PlanNode *n = r->op.node;
    const Schema *in = &n->inputs[0]->out;
    Buf b = {0};
    buf_putc(&b, '{');
    for (int i = 0; i < r->cols; i++) {
        double high = 0, low = 0;
        for (int k = 0; k < r->shingle; k++) high += r->sum_hi[k * r->cols + i], low += r->sum_lo[k * r->cols + i];
        char num[64];
        if (i) buf_putc(&b, ',');
        const char *name = in->cols[n->tf_cols[i]].name;
        json_put_string(&b, name, strlen(name));
        buf_put(&b, ":{", 2);
        if (n->rcf_direction) {
            snprintf(num, sizeof num, "\"DIRECTION\":\"%s\",\"STRENGTH\":\"%.4f\",", high >= low ? "HIGH" : "LOW", fabs(high - low));
            buf_put(&b, num, strlen(num));
        }
        snprintf(num, sizeof num, "\"ATTRIBUTION_SCORE\":\"%.4f\"}", high + low);
        buf_put(&b, num, strlen(num));
    }
    buf_putc(&b, '}');
    char *text = arena_strndup(a, b.p, b.len);
    Value v = val_str(text, (uint32_t)b.len);
    buf_free(&b);
    return v;
}

static void push(Op *op, Row *row)
{
    RcfOp *r = (RcfOp *)op;
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    /* shift the shingle: the newest row's columns go last */
    int C = r->cols;
    memmove(r->ring, r->ring + C, sizeof(double) * (size_t)(r->dims - C));
    exec_eval_point(ex, n, row, r->ring + (r->dims - C));
    r->seen++;
    double score = 0;
    bool shingled = r->seen >= r->shingle;
    bool explain = n->rcf_explain;
    if (explain) memset(r->sum_hi, 0, sizeof(double) * (size_t)r->dims), memset(r->sum_lo, 0, sizeof(double) * (size_t)r->dims);
    if (shingled && r->seen - r->shingle + 1 > r->size) {
        for (int k = 0; k < r->trees; k++) {
            score += tree_score(r, &r->forest[k], r->ring, explain ? r->tree_hi : NULL, r->tree_lo);
            if (explain)
                for (int d = 0; d < r->dims; d++) r->sum_hi[d] += r->tree_hi[d], r->sum_lo[d] += r->tree_lo[d];
        }
        score /= r->trees;
        if (explain)
            for (int d = 0; d < r->dims; d++) r->sum_hi[d] /= r->trees, r->sum_lo[d] /= r->trees;
    }
    if (shingled) {
        int64_t points = r->seen - r->shingle + 1;
        double keep = fmax((double)r->size / (double)points, (double)r->size / (double)r->decay);
        for (int k = 0; k < r->trees; k++) {
            Tree *t = &r->forest[k];
            if (t->nslots < r->size) {
                t->slot_leaf[t->nslots++] = tree_insert(r, t, r->ring);
            } else if (rng_unit(&r->rng) < keep) {
                int s = (int)(rng_next(&r->rng) % (uint64_t)r->size);
                tree_delete(r, t, t->slot_leaf[s]);
                t->slot_leaf[s] = tree_insert(r, t, r->ring);
            }
        }
    }
    Row out = *row;
    out.n = row->n + 1 + explain;
    out.v = arena_alloc(ex->record, sizeof(Value) * (size_t)out.n);
    memcpy(out.v, row->v, sizeof(Value) * (size_t)row->n);
    out.v[row->n] = val_double(score);
    if (explain) out.v[row->n + 1] = explanation(r, ex->record);
    op->next->push(op->next, &out);
}

/* The whole forest as it is (every node, box, free slot and sampled
 * leaf), the shingle and the random generator's state: a restart scores
 * exactly as the uninterrupted run. */
static void save(Op *op, Buf *out)
{
    RcfOp *r = (RcfOp *)op;
    int cap = 2 * r->size;
    ser_i64(out, r->seen);
    ser_u64(out, r->rng);
    for (int d = 0; d < r->dims; d++) ser_f64(out, r->ring[d]);
    for (int k = 0; k < r->trees; k++) {
        const Tree *t = &r->forest[k];
        ser_i64(out, t->root);
        ser_i64(out, t->nfree);
        ser_i64(out, t->nslots);
        for (int i = 0; i < t->nfree; i++) ser_i64(out, t->free_list[i]);
        for (int i = 0; i < t->nslots; i++) ser_i64(out, t->slot_leaf[i]);
        for (int i = 0; i < cap; i++) {
            const Node *nd = &t->nodes[i];
            ser_i64(out, nd->parent), ser_i64(out, nd->left), ser_i64(out, nd->right);
            ser_i64(out, nd->dim), ser_f64(out, nd->cut), ser_i64(out, nd->mass);
        }
        for (size_t i = 0; i < (size_t)cap * (size_t)r->dims; i++) ser_f64(out, t->lo[i]), ser_f64(out, t->hi[i]);
    }
}

static bool restore(Op *op, SerialIn *in)
{
    RcfOp *r = (RcfOp *)op;
    int cap = 2 * r->size;
    r->seen = de_i64(in);
    r->rng = de_u64(in);
    for (int d = 0; d < r->dims; d++) r->ring[d] = de_f64(in);
    for (int k = 0; k < r->trees && de_ok(in); k++) {
        Tree *t = &r->forest[k];
        int64_t root = de_i64(in), nfree = de_i64(in), nslots = de_i64(in);
        if (root < -1 || root >= cap || nfree < 0 || nfree > cap || nslots < 0 || nslots > r->size)
            return de_fail(in, "a RANDOM_CUT_FOREST tree of another size"), false;
        t->root = (int)root, t->nfree = (int)nfree, t->nslots = (int)nslots;
        for (int i = 0; i < t->nfree; i++) t->free_list[i] = (int)de_i64(in);
        for (int i = 0; i < t->nslots; i++) t->slot_leaf[i] = (int)de_i64(in);
        for (int i = 0; i < cap; i++) {
            Node *nd = &t->nodes[i];
            nd->parent = (int)de_i64(in), nd->left = (int)de_i64(in), nd->right = (int)de_i64(in);
            nd->dim = (int)de_i64(in), nd->cut = de_f64(in), nd->mass = (int)de_i64(in);
        }
        for (size_t i = 0; i < (size_t)cap * (size_t)r->dims; i++) t->lo[i] = de_f64(in), t->hi[i] = de_f64(in);
    }
    return de_ok(in);
}

static void op_close(Op *op)
{
    RcfOp *r = (RcfOp *)op;
    for (int k = 0; k < r->trees; k++) {
        Tree *t = &r->forest[k];
        mem_free(t->nodes);
        mem_free(t->lo);
        mem_free(t->hi);
        mem_free(t->free_list);
        mem_free(t->slot_leaf);
    }
    mem_free(r->forest);
    mem_free(r->ring);
    mem_free(r->tree_hi);
    mem_free(r->tree_lo);
    mem_free(r->sum_hi);
    mem_free(r->sum_lo);
}

Op *op_rcf_new(Exec *ex, const PlanNode *n)
{
    RcfOp *r = arena_zalloc(&ex->state, sizeof *r);
    r->op.push = push;
    r->op.close = op_close;
    r->op.save = save;
    r->op.restore = restore;
    r->trees = n->rcf_trees;
    r->size = n->rcf_sample;
    r->shingle = n->rcf_shingle;
    r->decay = n->rcf_decay;
    r->cols = n->nexprs;
    r->dims = r->cols * r->shingle;
    if (r->dims == 0) r->dims = 1, r->cols = 0;
    r->rng = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n->rcf_seed;   /* fixed: the same input gives the same scores */
    if (!r->rng) r->rng = 1;
    r->ring = mem_calloc((size_t)r->dims, sizeof(double));
    r->tree_hi = mem_calloc((size_t)r->dims, sizeof(double));
    r->tree_lo = mem_calloc((size_t)r->dims, sizeof(double));
    r->sum_hi = mem_calloc((size_t)r->dims, sizeof(double));
    r->sum_lo = mem_calloc((size_t)r->dims, sizeof(double));
    r->forest = mem_calloc((size_t)r->trees, sizeof(Tree));
    int cap = 2 * r->size;
    for (int k = 0; k < r->trees; k++) {
        Tree *t = &r->forest[k];
        t->nodes = mem_calloc((size_t)cap, sizeof(Node));
        t->lo = mem_calloc((size_t)cap * (size_t)r->dims, sizeof(double));
        t->hi = mem_calloc((size_t)cap * (size_t)r->dims, sizeof(double));
        t->free_list = mem_calloc((size_t)cap, sizeof(int));
        for (int i = 0; i < cap; i++) t->free_list[i] = cap - 1 - i;
        t->nfree = cap;
        t->slot_leaf = mem_calloc((size_t)r->size, sizeof(int));
        t->root = -1;
    }
    return &r->op;
}
