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
 * score over the dimensions (ANOMALY_EXPLANATION).
 *
 * Memory: every tree's nodes side by side in a few arrays allocated when
 * the operator is built (a tree holds at most 2 * subSampleSize nodes):
 * what a descent reads (cut, dimension, children: 16 bytes a node) apart
 * from what only the way back up or an update reads (parent, mass, box).
 * Only the explanation text is allocated per row, in the record's arena.
 *
 * Speed, without changing a bit of any score (those of the plain version
 * this replaced, which descended each tree in turn and summed every box on
 * the way up): the trees are descended up to 32 side by side, so that
 * their reads from memory overlap; a child is chosen by indexing, not a
 * branch (mispredicted half the time), and found by its offset from its
 * parent; each node keeps its depth; the way up stops at the first box
 * that holds the point (every box above it holds it too, and such a box
 * changes nothing), and its first boxes are asked of memory a few trees
 * ahead; a box's extents are summed when it changes, not per score; log2
 * and 1/(depth+1) come from tables of the same values; the loops over the
 * dimensions are unrolled for up to 4; and every sum is taken in the same
 * order as before. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "src/runtime/buf.h"
#include "src/runtime/fixed_text.h"
#include "src/runtime/json_text.h"
#include "src/runtime/mem.h"
#include "operators.h"

#define NIL 0xFFFF   /* no node: the root's parent (subSampleSize <= 1000 keeps indices below) */

/* What a descent reads of a node. A child is given by where it lies from
 * the node, in bytes (at most 1999 nodes of 16 away, as subSampleSize <=
 * 1000), so that a descent goes from node to node without its tree's base
 * at hand; a leaf's are 0: a descent that reached it stays there. */
typedef struct Node {
    double cut;
    int32_t dim;
    int16_t to[2];             /* [0] where p[dim] <= cut, [1] the other; 0: none (a leaf) */
} Node;
_Static_assert(sizeof(Node) == 16, "a child's offset counts 16-byte nodes");

static inline bool is_leaf(const Node *nd) { return nd->to[0] == 0; }
static inline int child_of(const Node *nodes, int i, int side) { return i + nodes[i].to[side] / (int)sizeof(Node); }
static inline void set_child(Node *nodes, int i, int side, int child)
{
    nodes[i].to[side] = (int16_t)((child - i) * (int)sizeof(Node));
}

/* The node p goes to from nd (nd itself at a leaf): indexed rather than
 * chosen by a branch, which would be mispredicted half the time. */
static inline const Node *next_for(const Node *nd, const double *p)
{
    return (const Node *)((const char *)nd + nd->to[!(p[nd->dim] <= nd->cut)]);
}

/* One tree: its stretch of each of the forest's arrays. */
typedef struct Tree {
    Node *nodes;
    uint16_t *parent;
    int32_t *mass;             /* points under the node, a leaf's repeats included */
    double *box;               /* node i at box[i * stride]: the sum of its extents, lo[dims], hi[dims] */
    uint16_t *free_list;
    uint16_t *slot_leaf;       /* the leaf holding each sampled point */
    uint16_t *depth;           /* each node's, the root's 0 */
    int nfree, nslots;
    int root;                  /* -1: empty */
} Tree;

typedef struct RcfOp {
    Op op;
    int trees, size, shingle, cols, dims, cap;
    size_t stride;             /* doubles per box: 1 + 2 * dims */
    int64_t decay;
    Tree *forest;
    Node *nodes;               /* trees * cap of each, tree after tree */
    uint16_t *parents, *free_lists, *slot_leaves, *depths;
    uint16_t *stack;           /* shift_depths' nodes to visit */
    int32_t *masses;
    double *boxes;
    double *log2_1p;           /* log2(1 + m), m = 0 .. size */
    double *inv_depth;         /* 1 / (k + 1), k = 0 .. cap */
    int *leaf, *depth;         /* each tree's descent (descend_all) */
    double *ring;              /* the last `shingle` rows' numeric columns */
    double *tree_hi, *tree_lo; /* one tree's attribution */
    double *sum_hi, *sum_lo;   /* the forest's, for ANOMALY_EXPLANATION */
    char **col_key;            /* each column's start in the explanation: {"NAME":{ then ,"NAME":{ */
    Buf text;                  /* the explanation being written */
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

/* The C library's fmax and fmin, inlined, for operands that are never NaN
 * (points are finite, and so are the boxes made of them): the second
 * operand only when it is strictly greater (smaller), so of 0.0 and -0.0
 * the first, as glibc's do; the scores depend on every bit of these. */
static inline double max_(double a, double b) { return b > a ? b : a; }
static inline double min_(double a, double b) { return b < a ? b : a; }

static int node_new(Tree *t) { return t->free_list[--t->nfree]; }
static void node_free(Tree *t, int i) { t->free_list[t->nfree++] = (uint16_t)i; }

static double *BOX(const RcfOp *r, const Tree *t, int i) { return t->box + (size_t)i * r->stride; }
static double *LO(const RcfOp *r, const Tree *t, int i) { return BOX(r, t, i) + 1; }
static double *HI(const RcfOp *r, const Tree *t, int i) { return BOX(r, t, i) + 1 + r->dims; }

/* The box's first slot: the sum of its extents, in the order the score
 * would have summed them. */
static void box_sum(const RcfOp *r, double *box)
{
    const double *lo = box + 1, *hi = box + 1 + r->dims;
    double inside = 0;
    for (int d = 0; d < r->dims; d++) inside += hi[d] - lo[d];
    box[0] = inside;
}

static void leaf_init(RcfOp *r, Tree *t, int l, int parent, int depth, const double *p)
{
    t->nodes[l] = (Node){.to = {0, 0}};
    t->parent[l] = (uint16_t)parent;
    t->depth[l] = (uint16_t)depth;
    t->mass[l] = 1;
    memcpy(LO(r, t, l), p, sizeof(double) * (size_t)r->dims);
    memcpy(HI(r, t, l), p, sizeof(double) * (size_t)r->dims);
    box_sum(r, BOX(r, t, l));
}

static void replace_child(Tree *t, int parent, int old, int new_)
{
    if (parent == NIL) t->root = new_;
    else set_child(t->nodes, parent, child_of(t->nodes, parent, 0) != old, new_);
    t->parent[new_] = (uint16_t)parent;
}

/* Adds delta to the depth of each node under i, i included: a node was
 * put above i, or taken from above it. */
static void shift_depths(RcfOp *r, Tree *t, int i, int delta)
{
    uint16_t *stack = r->stack;
    int n = 0;
    stack[n++] = (uint16_t)i;
    while (n) {
        int a = stack[--n];
        t->depth[a] = (uint16_t)(t->depth[a] + delta);
        if (!is_leaf(&t->nodes[a])) stack[n++] = (uint16_t)child_of(t->nodes, a, 0), stack[n++] = (uint16_t)child_of(t->nodes, a, 1);
    }
}

/* Inserts p; returns its leaf. */
static int tree_insert(RcfOp *r, Tree *t, const double *p)
{
    int D = r->dims;
    if (t->root < 0) {
        int l = node_new(t);
        leaf_init(r, t, l, NIL, 0, p);
        t->root = l;
        return l;
    }
    int node = t->root;
    for (;;) {
        const double *lo = LO(r, t, node), *hi = HI(r, t, node);
        double total = 0;
        for (int d = 0; d < D; d++) total += max_(hi[d], p[d]) - min_(lo[d], p[d]);
        if (total <= 0) {   /* the same point as this leaf */
            for (int a = node; a != NIL; a = t->parent[a]) t->mass[a]++;
            return node;
        }
        double x = rng_unit(&r->rng) * total;
        int dim = D - 1;
        double cut = 0;
        for (int d = 0; d < D; d++) {
            double lo_d = min_(lo[d], p[d]), range = max_(hi[d], p[d]) - lo_d;
            if (x < range || d == D - 1) {
                dim = d;
                cut = lo_d + fmin(x, range);   /* x may be NaN (0 times an infinite total): the library's fmin */
                break;
            }
            x -= range;
        }
        bool separates = (p[dim] <= cut && cut < lo[dim]) || (p[dim] > cut && cut >= hi[dim]);
        if (separates) {
            int leaf = node_new(t), in = node_new(t), depth = t->depth[node];
            leaf_init(r, t, leaf, in, depth + 1, p);
            int parent = t->parent[node];
            t->nodes[in] = (Node){.dim = dim, .cut = cut};
            t->mass[in] = t->mass[node];
            t->depth[in] = (uint16_t)depth;
            bool low = p[dim] <= cut;
            set_child(t->nodes, in, 0, low ? leaf : node);
            set_child(t->nodes, in, 1, low ? node : leaf);
            memcpy(BOX(r, t, in), BOX(r, t, node), sizeof(double) * r->stride);
            replace_child(t, parent, node, in);
            t->parent[node] = (uint16_t)in;
            shift_depths(r, t, node, 1);
            for (int a = in; a != NIL; a = t->parent[a]) {
                t->mass[a]++;
                double *alo = LO(r, t, a), *ahi = HI(r, t, a);
                bool grew = false;
                for (int d = 0; d < D; d++) {
                    if (p[d] < alo[d]) alo[d] = p[d], grew = true;
                    if (p[d] > ahi[d]) ahi[d] = p[d], grew = true;
                }
                if (grew) box_sum(r, BOX(r, t, a));
            }
            return leaf;
        }
        if (is_leaf(&t->nodes[node])) continue;   /* rounding put the cut on the point; draw again */
        node = (int)(next_for(&t->nodes[node], p) - t->nodes);
    }
}

static void tree_delete(RcfOp *r, Tree *t, int leaf)
{
    int D = r->dims;
    if (t->mass[leaf] > 1) {
        for (int a = leaf; a != NIL; a = t->parent[a]) t->mass[a]--;
        return;
    }
    int parent = t->parent[leaf];
    node_free(t, leaf);
    if (parent == NIL) {
        t->root = -1;
        return;
    }
    int sibling = child_of(t->nodes, parent, child_of(t->nodes, parent, 0) == leaf);
    int grand = t->parent[parent];
    replace_child(t, grand, parent, sibling);
    shift_depths(r, t, sibling, -1);
    node_free(t, parent);
    for (int a = grand; a != NIL; a = t->parent[a]) {
        t->mass[a]--;
        int L = child_of(t->nodes, a, 0), R = child_of(t->nodes, a, 1);
        double *alo = LO(r, t, a), *ahi = HI(r, t, a);
        for (int d = 0; d < D; d++) {
            alo[d] = min_(LO(r, t, L)[d], LO(r, t, R)[d]);
            ahi[d] = max_(HI(r, t, L)[d], HI(r, t, R)[d]);
        }
        box_sum(r, BOX(r, t, a));
    }
}

static inline bool contains(const double *lo, const double *hi, const double *p, int D)
{
    for (int d = 0; d < D; d++)
        if (p[d] < lo[d] || p[d] > hi[d]) return false;
    return true;
}

static void descend_one(RcfOp *r, int k, const double *p)
{
    const Tree *t = &r->forest[k];
    int node = t->root, depth = 0;
    if (node >= 0) {
        const Node *nd = &t->nodes[node];
        while (!is_leaf(nd)) nd = next_for(nd, p);
        node = (int)(nd - t->nodes);
        depth = t->depth[node];
    }
    r->leaf[k] = node, r->depth[k] = depth;
}

/* One step down in one lane (none at a leaf); `moved` collects the steps. */
#define STEP(c)                                                                  \
    do {                                                                         \
        int to_ = (c)->to[!(p[(c)->dim] <= (c)->cut)];                           \
        moved |= to_;                                                            \
        c = (const Node *)((const char *)(c) + to_);                             \
    } while (0)

/* Every tree's descent to the leaf where p would be: r->leaf[k] (-1 for an
 * empty tree) at depth r->depth[k]. A tree's next node depends on the node
 * just read, and the forest is bigger than the caches, so up to LANES
 * trees go down side by side (a lane at its leaf stays there until the
 * deepest is done) and their reads wait for memory together: the more at
 * once, the better, up to about 25 (100 trees: 8 at once 1.31 s of CPU
 * per 200k rows, 16 1.23 s, 25 1.20 s, 32 1.22 s). The trees go in groups
 * of four (the last filled up with its last tree), stepped four at a time,
 * and the groups are split evenly over the blocks: 100 trees in 24, 24, 24
 * and 28. */
#define LANES 32
static void descend_all(RcfOp *r, const double *p)
{
    int groups = (r->trees + 3) / 4, blocks = (groups + LANES / 4 - 1) / (LANES / 4);
    for (int b = 0, g = 0; b < blocks; b++) {
        int ng = (groups - g) / (blocks - b);   /* the groups of four split evenly over the blocks */
        int k = 4 * g, count = r->trees - k < 4 * ng ? r->trees - k : 4 * ng;
        g += ng;
        const Tree *t = &r->forest[k];
        const Node *c[LANES];
        bool empty = false;
        for (int l = 0; l < count; l++) empty |= t[l].root < 0;
        if (empty) {
            for (int l = 0; l < count; l++) descend_one(r, k + l, p);
            continue;
        }
        for (int l = 0; l < count; l++) c[l] = t[l].nodes + t[l].root;
        for (int l = count; l < 4 * ng; l++) c[l] = c[count - 1];   /* the last group filled up */
        for (;;) {
            int moved = 0;
            for (int l = 0; l < 4 * ng; l += 4) {
                STEP(c[l]);
                STEP(c[l + 1]);
                STEP(c[l + 2]);
                STEP(c[l + 3]);
            }
            if (!moved) break;
        }
        for (int l = 0; l < count; l++) {
            int leaf = (int)(c[l] - t[l].nodes);
            r->leaf[k + l] = leaf, r->depth[k + l] = t[l].depth[leaf];
        }
    }
}
#undef STEP

/* The way back up from p's leaf (at depth `depth`, with the leaf's score):
 * each box that does not hold p mixes in the chance that a random cut of
 * it separates p, 1/(depth+1); with hv/lv, that chance is also attributed
 * to the dimensions by how far p lies out in each. Inlined with D a
 * constant where it is small (and hv NULL for the score alone), so the
 * loops over the dimensions unroll. */
static inline __attribute__((always_inline)) double walk_up(const RcfOp *r, const Tree *t, int node, int depth,
                                                            const double *p, double score, int D, double *hv,
                                                            double *lv)
{
    for (int j = depth - 1, a = t->parent[node]; j >= 0; j--, a = t->parent[a]) {
        const double *box = t->box + (size_t)a * (size_t)(1 + 2 * D);
        const double *lo = box + 1, *hi = box + 1 + D;
        double inside = box[0], merged = 0;
        for (int d = 0; d < D; d++) merged += max_(hi[d], p[d]) - min_(lo[d], p[d]);
        if (merged <= inside) {   /* the point is inside this box (or rounding says so) */
            if (contains(lo, hi, p, D)) break;   /* and so in all above: they change nothing */
            continue;
        }
        double cut = (merged - inside) / merged, unseen = r->inv_depth[j];
        score = cut * unseen + (1 - cut) * score;
        if (hv)
            for (int d = 0; d < D; d++) {
                /* (1 - cut) * x + unseen * out / merged; where p is not out
                 * that adds +0 (merged > 0), which changes no bit of a sum
                 * that is >= +0 (or NaN): so it is added whatever the side,
                 * rather than after a branch mispredicted once in a few
                 * levels (rcfexpl, 200k rows: 1.68 -> 1.36 s of CPU) */
                double above = max_(0, p[d] - hi[d]), below = max_(0, lo[d] - p[d]);
                hv[d] = (1 - cut) * hv[d] + unseen * above / merged;
                lv[d] = (1 - cut) * lv[d] + unseen * below / merged;
            }
    }
    return score;
}

/* Tree k's score for p, from its descent; with hv/lv, also its attribution:
 * how much of the score each dimension carries, split by whether p lies
 * above (hv) or below (lv) the points it is cut off from. The attributions
 * sum to the score. Inlined with D a constant where it is small (and hv
 * NULL for the score alone), so that the loops over the dimensions unroll
 * and an attribution stays in registers. */
static inline __attribute__((always_inline)) double tree_score(const RcfOp *r, int k, const double *p, int D, double *hv,
                                                               double *lv)
{
    const Tree *t = &r->forest[k];
    if (t->root < 0) {
        if (hv)
            for (int d = 0; d < D; d++) hv[d] = lv[d] = 0;
        return 0;
    }
    int node = r->leaf[k], depth = r->depth[k];
    double tree_mass = t->mass[t->root];
    const double *leaf = t->box + (size_t)node * (size_t)(1 + 2 * D) + 1;
    bool same = true;   /* the same bits: -0.0 is not 0.0 here */
    for (int d = 0; d < D && same; d++) same = memcmp(&leaf[d], &p[d], sizeof(double)) == 0;
    double score;
    if (same) {
        double m = t->mass[node];
        score = (1 - m / (2 * tree_mass)) / (depth + r->log2_1p[t->mass[node]]);
        if (hv)
            for (int d = 0; d < D; d++) hv[d] = lv[d] = score / (2.0 * D);
    } else {
        score = r->inv_depth[depth];
        if (hv) {
            double dist = 0;
            for (int d = 0; d < D; d++) dist += fabs(p[d] - leaf[d]);
            for (int d = 0; d < D; d++) {
                double share = score * fabs(p[d] - leaf[d]) / dist;
                bool up = p[d] > leaf[d];
                hv[d] = up ? share : 0;
                lv[d] = up ? 0 : share;
            }
        }
    }
    double scale = r->log2_1p[t->mass[t->root]];
    score = walk_up(r, t, node, depth, p, score, D, hv, lv);
    if (hv)
        for (int d = 0; d < D; d++) hv[d] *= scale, lv[d] *= scale;
    return score * scale;
}

/* How many trees ahead score_prefetch looks: far enough that the memory
 * has answered when the scores get there, near enough to still be cached. */
#define SCORE_AHEAD 6

/* Asks memory early for what tree k's score reads first and would wait
 * for: its leaf's box and mass, and the boxes of the leaf's three nearest
 * ancestors (where the way up starts; it goes on past the third in about
 * a third of the trees). A box may straddle two cache lines. (6 trees
 * ahead and 3 boxes up, rather than 4 and 2: 1.19 -> 1.16 s of CPU for
 * rcf's 200k rows, rcfexpl 1.40 -> 1.37; none at all: 1.19, 1.48.) */
static inline void score_prefetch(const RcfOp *r, int k, int D)
{
    const Tree *t = &r->forest[k];
    int node = r->leaf[k];
    if (node < 0) return;
    size_t stride = 1 + 2 * (size_t)D;
    const double *box = t->box + (size_t)node * stride;
    __builtin_prefetch(box);
    __builtin_prefetch(box + stride - 1);
    __builtin_prefetch(&t->mass[node]);
    for (int up = 0, a = node; up < 3; up++) {
        a = t->parent[a];
        if (a == NIL) return;
        box = t->box + (size_t)a * stride;
        __builtin_prefetch(box);
        __builtin_prefetch(box + stride - 1);
    }
}

/* The forest's score for p: the mean over the trees (after descend_all);
 * with hv/lv (one tree's attribution, D each), also the mean attribution
 * in sum_hi/sum_lo. Every sum in the same order as ever. */
static inline __attribute__((always_inline)) double forest_score(const RcfOp *r, const double *p, int D, double *hv,
                                                                 double *lv, double *sum_hi, double *sum_lo)
{
    double score = 0;
    if (hv)
        for (int d = 0; d < D; d++) sum_hi[d] = sum_lo[d] = 0;
    for (int k = 0; k < r->trees; k++) {
        if (k + SCORE_AHEAD < r->trees) score_prefetch(r, k + SCORE_AHEAD, D);
        score += tree_score(r, k, p, D, hv, lv);
        if (hv)
            for (int d = 0; d < D; d++) sum_hi[d] += hv[d], sum_lo[d] += lv[d];
    }
    score /= r->trees;
    if (hv)
        for (int d = 0; d < D; d++) sum_hi[d] /= r->trees, sum_lo[d] /= r->trees;
    return score;
}

/* forest_score with D a constant: the attributions in local arrays the
 * compiler keeps in registers, copied out to r->sum_hi/sum_lo at the end. */
#define FOREST_SCORE_D(N)                                                          \
    static double forest_score_##N(RcfOp *r, const double *p, bool explain)       \
    {                                                                              \
        if (!explain) return forest_score(r, p, N, NULL, NULL, NULL, NULL);        \
        double hv[N], lv[N], sum_hi[N], sum_lo[N];                                 \
        double score = forest_score(r, p, N, hv, lv, sum_hi, sum_lo);              \
        memcpy(r->sum_hi, sum_hi, sizeof sum_hi);                                  \
        memcpy(r->sum_lo, sum_lo, sizeof sum_lo);                                  \
        return score;                                                              \
    }
FOREST_SCORE_D(1)
FOREST_SCORE_D(2)
FOREST_SCORE_D(3)
FOREST_SCORE_D(4)
#undef FOREST_SCORE_D

static double score_all(RcfOp *r, const double *p, bool explain)
{
    descend_all(r, p);
    switch (r->dims) {
    case 1: return forest_score_1(r, p, explain);
    case 2: return forest_score_2(r, p, explain);
    case 3: return forest_score_3(r, p, explain);
    case 4: return forest_score_4(r, p, explain);
    default:
        if (!explain) return forest_score(r, p, r->dims, NULL, NULL, NULL, NULL);
        return forest_score(r, p, r->dims, r->tree_hi, r->tree_lo, r->sum_hi, r->sum_lo);
    }
}

/* ANOMALY_EXPLANATION: per numeric column (summed over the shingle), its
 * ATTRIBUTION_SCORE and, with directionality, whether it is anomalous for
 * being HIGH or LOW and the STRENGTH of that: the net attribution in that
 * direction. Numbers are written with four decimals, as strings, as KDA
 * does (printf's "%.4f", by fmt_fixed). Built in r->text, kept from row to
 * row, and copied into the record's arena. */
static Value explanation(RcfOp *r, Arena *a)
{
    static const char hi_text[] = "\"DIRECTION\":\"HIGH\",\"STRENGTH\":\"", lo_text[] = "\"DIRECTION\":\"LOW\",\"STRENGTH\":\"";
    static const char attr_text[] = "\"ATTRIBUTION_SCORE\":\"";
    Buf *b = &r->text;
    b->len = 0;
    for (int i = 0; i < r->cols; i++) {
        double high = 0, low = 0;
        for (int k = 0; k < r->shingle; k++) high += r->sum_hi[k * r->cols + i], low += r->sum_lo[k * r->cols + i];
        buf_puts(b, r->col_key[i]);
        if (r->op.node->rcf_direction) {
            if (high >= low) buf_put(b, hi_text, sizeof hi_text - 1);
            else buf_put(b, lo_text, sizeof lo_text - 1);
            fmt_fixed(b, fabs(high - low), 4);
            buf_put(b, "\",", 2);
        }
        buf_put(b, attr_text, sizeof attr_text - 1);
        fmt_fixed(b, high + low, 4);
        buf_put(b, "\"}", 2);
    }
    if (r->cols == 0) buf_putc(b, '{');
    buf_putc(b, '}');
    char *text = arena_strndup(a, b->p, b->len);
    return val_str(text, (uint32_t)b->len);
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
    if (shingled && r->seen - r->shingle + 1 > r->size) score = score_all(r, r->ring, explain);
    else if (explain) memset(r->sum_hi, 0, sizeof(double) * (size_t)r->dims), memset(r->sum_lo, 0, sizeof(double) * (size_t)r->dims);
    if (shingled) {
        int64_t points = r->seen - r->shingle + 1;
        double keep = fmax((double)r->size / (double)points, (double)r->size / (double)r->decay);
        for (int k = 0; k < r->trees; k++) {
            Tree *t = &r->forest[k];
            if (t->nslots < r->size) {
                t->slot_leaf[t->nslots++] = (uint16_t)tree_insert(r, t, r->ring);
            } else if (rng_unit(&r->rng) < keep) {
                int s = (int)(rng_next(&r->rng) % (uint64_t)r->size);
                tree_delete(r, t, t->slot_leaf[s]);
                t->slot_leaf[s] = (uint16_t)tree_insert(r, t, r->ring);
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
 * exactly as the uninterrupted run. The encoding is the one of the
 * version that kept each tree's nodes apart (a node's parent, children,
 * cut dimension, cut and mass, then the boxes' lo and hi by node and
 * dimension), so a checkpoint written by either restores in the other. */
static void save(Op *op, Buf *out)
{
    RcfOp *r = (RcfOp *)op;
    int cap = r->cap, D = r->dims;
    ser_i64(out, r->seen);
    ser_u64(out, r->rng);
    for (int d = 0; d < D; d++) ser_f64(out, r->ring[d]);
    for (int k = 0; k < r->trees; k++) {
        const Tree *t = &r->forest[k];
        ser_i64(out, t->root);
        ser_i64(out, t->nfree);
        ser_i64(out, t->nslots);
        for (int i = 0; i < t->nfree; i++) ser_i64(out, t->free_list[i]);
        for (int i = 0; i < t->nslots; i++) ser_i64(out, t->slot_leaf[i]);
        for (int i = 0; i < cap; i++) {
            const Node *nd = &t->nodes[i];
            ser_i64(out, t->parent[i] == NIL ? -1 : t->parent[i]);
            /* a node never used has children 0, as it had when nodes were zeroed */
            ser_i64(out, nd->to[0] ? child_of(t->nodes, i, 0) : t->root < 0 ? 0 : -1);
            ser_i64(out, nd->to[1] ? child_of(t->nodes, i, 1) : t->root < 0 ? 0 : -1);
            ser_i64(out, nd->dim), ser_f64(out, nd->cut), ser_i64(out, t->mass[i]);
        }
        for (int i = 0; i < cap; i++)
            for (int d = 0; d < D; d++) ser_f64(out, LO(r, t, i)[d]), ser_f64(out, HI(r, t, i)[d]);
    }
}

/* A node index of the encoding (-1: none) into the arrays' (NIL), or -2
 * when it is out of range. */
static int de_node(SerialIn *in, int cap)
{
    int64_t v = de_i64(in);
    return v == -1 ? NIL : v >= 0 && v < cap ? (int)v : -2;
}

/* Each node's depth from the tree restored; false when the nodes under
 * the root are not a tree (a node twice, a child missing on one side). */
static bool restore_depths(RcfOp *r, Tree *t)
{
    if (t->root < 0) return true;
    uint16_t *stack = r->stack;
    int n = 0, seen = 0;
    stack[n++] = (uint16_t)t->root;
    t->depth[t->root] = 0;
    while (n) {
        int a = stack[--n];
        if (++seen > r->cap) return false;
        const Node *nd = &t->nodes[a];
        if ((nd->to[0] == 0) != (nd->to[1] == 0)) return false;
        if (is_leaf(nd)) continue;
        for (int side = 0; side < 2; side++) {
            int c = child_of(t->nodes, a, side);
            if (c < 0 || c >= r->cap || n >= r->cap) return false;
            t->depth[c] = (uint16_t)(t->depth[a] + 1);
            stack[n++] = (uint16_t)c;
        }
    }
    return true;
}

static bool restore(Op *op, SerialIn *in)
{
    RcfOp *r = (RcfOp *)op;
    int cap = r->cap, D = r->dims;
    r->seen = de_i64(in);
    r->rng = de_u64(in);
    for (int d = 0; d < D; d++) r->ring[d] = de_f64(in);
    for (int k = 0; k < r->trees && de_ok(in); k++) {
        Tree *t = &r->forest[k];
        int64_t root = de_i64(in), nfree = de_i64(in), nslots = de_i64(in);
        if (root < -1 || root >= cap || nfree < 0 || nfree > cap || nslots < 0 || nslots > r->size)
            return de_fail(in, "a RANDOM_CUT_FOREST tree of another size"), false;
        t->root = (int)root, t->nfree = (int)nfree, t->nslots = (int)nslots;
        bool bad = false;
        for (int i = 0; i < t->nfree; i++) {
            int v = de_node(in, cap);
            bad |= v < 0 || v == NIL;
            t->free_list[i] = (uint16_t)v;
        }
        for (int i = 0; i < t->nslots; i++) {
            int v = de_node(in, cap);
            bad |= v < 0 || v == NIL;
            t->slot_leaf[i] = (uint16_t)v;
        }
        for (int i = 0; i < cap; i++) {
            Node *nd = &t->nodes[i];
            int parent = de_node(in, cap), left = de_node(in, cap), right = de_node(in, cap);
            int64_t dim = de_i64(in);
            nd->cut = de_f64(in);
            int64_t mass = de_i64(in);
            bad |= parent < 0 || left < 0 || right < 0 || dim < 0 || dim >= D || mass < 0 || mass > r->size;
            t->parent[i] = (uint16_t)parent;
            nd->to[0] = left == NIL || left < 0 ? 0 : (int16_t)((left - i) * (int)sizeof(Node));
            nd->to[1] = right == NIL || right < 0 ? 0 : (int16_t)((right - i) * (int)sizeof(Node));
            nd->dim = bad ? 0 : (int32_t)dim;
            t->mass[i] = bad ? 0 : (int32_t)mass;
        }
        if (bad || !restore_depths(r, t)) return de_fail(in, "a RANDOM_CUT_FOREST tree with a node out of range"), false;
        for (int i = 0; i < cap; i++) {
            for (int d = 0; d < D; d++) LO(r, t, i)[d] = de_f64(in), HI(r, t, i)[d] = de_f64(in);
            box_sum(r, BOX(r, t, i));
        }
    }
    return de_ok(in);
}

static void op_close(Op *op)
{
    RcfOp *r = (RcfOp *)op;
    mem_free(r->forest);
    mem_free(r->nodes);
    mem_free(r->parents);
    mem_free(r->masses);
    mem_free(r->boxes);
    mem_free(r->free_lists);
    mem_free(r->slot_leaves);
    mem_free(r->depths);
    mem_free(r->stack);
    mem_free(r->log2_1p);
    mem_free(r->inv_depth);
    mem_free(r->leaf);
    mem_free(r->depth);
    mem_free(r->ring);
    mem_free(r->tree_hi);
    mem_free(r->tree_lo);
    mem_free(r->sum_hi);
    mem_free(r->sum_lo);
    buf_free(&r->text);
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
    if (n->rcf_explain) {
        const Schema *in = &n->inputs[0]->out;
        r->col_key = arena_alloc(&ex->state, sizeof(char *) * (size_t)(r->cols + 1));
        for (int i = 0; i < r->cols; i++) {
            const char *name = in->cols[n->tf_cols[i]].name;
            r->text.len = 0;
            buf_putc(&r->text, i ? ',' : '{');
            json_put_string(&r->text, name, strlen(name));
            buf_put(&r->text, ":{", 2);
            r->col_key[i] = arena_strndup(&ex->state, r->text.p, r->text.len);
        }
    }
    int cap = r->cap = 2 * r->size;   /* below NIL: the binder allows at most 1000 */
    size_t T = (size_t)r->trees, C = (size_t)cap;
    r->stride = 1 + 2 * (size_t)r->dims;
    r->forest = mem_calloc(T, sizeof(Tree));
    r->nodes = mem_calloc(T * C, sizeof(Node));
    r->parents = mem_calloc(T * C, sizeof(uint16_t));
    r->masses = mem_calloc(T * C, sizeof(int32_t));
    r->boxes = mem_calloc(T * C * r->stride, sizeof(double));
    r->free_lists = mem_calloc(T * C, sizeof(uint16_t));
    r->slot_leaves = mem_calloc(T * (size_t)r->size, sizeof(uint16_t));
    r->depths = mem_calloc(T * C, sizeof(uint16_t));
    r->stack = mem_calloc(C + 1, sizeof(uint16_t));
    r->log2_1p = mem_calloc((size_t)r->size + 1, sizeof(double));
    for (int m = 0; m <= r->size; m++) r->log2_1p[m] = log2(1 + (double)m);
    r->inv_depth = mem_calloc(C + 1, sizeof(double));
    for (int k = 0; k <= cap; k++) r->inv_depth[k] = 1.0 / (k + 1);
    r->leaf = mem_calloc(T, sizeof(int));
    r->depth = mem_calloc(T, sizeof(int));
    for (size_t k = 0; k < T; k++) {
        Tree *t = &r->forest[k];
        t->nodes = r->nodes + k * C;
        t->parent = r->parents + k * C;
        t->mass = r->masses + k * C;
        t->box = r->boxes + k * C * r->stride;
        t->free_list = r->free_lists + k * C;
        t->slot_leaf = r->slot_leaves + k * (size_t)r->size;
        t->depth = r->depths + k * C;
        for (int i = 0; i < cap; i++) set_child(t->nodes, i, 0, 0), set_child(t->nodes, i, 1, 0);   /* as zeroed nodes had */
        for (int i = 0; i < cap; i++) t->free_list[i] = (uint16_t)(cap - 1 - i);
        t->nfree = cap;
        t->root = -1;
    }
    return &r->op;
}
