/* HOTSPOTS: after each row, the dense regions among the last windowSize
 * rows' numeric columns. Two points within scanRadius (Euclidean) of each
 * other belong to the same region, and so on transitively (single linkage,
 * as DBSCAN with a core size of one); a region of at least
 * minimumNumberOfPointsInAHotspot points is a hotspot. HOTSPOTS_RESULT is
 *   {"hotspots":[{"density":d,"minValues":[...],"maxValues":[...]},...]}
 * densest first, where density is how many times denser than the whole
 * window the hotspot's bounding box is (its share of the points over its
 * share of the window's box; an extent narrower than scanRadius counts as
 * scanRadius, so a box of identical points has a finite volume). They
 * are sorted from the order of their first points in the window's ring,
 * as the version that recomputed them had them, so ties come out the same.
 *
 * The regions are kept up to date rather than recomputed: a new point is
 * linked to its neighbours (found in a grid of cells a little wider than
 * scanRadius) and merges their regions; the point it replaces leaves its
 * region, which splits only if its neighbours are not linked without it
 * (then a search over the region's links finds the parts). Each region
 * keeps its size, box and first ring slot; the window keeps its box. Two
 * points are neighbours exactly when they were for the sorted scan before
 * (the first coordinates' difference, then the squared distance summed in
 * the same order, against the same bounds), so the same hotspots come out,
 * to the last digit. All arrays are sized by windowSize when the operator
 * is built; only the result text is allocated per row, in the record's
 * arena, and it is formatted only when a hotspot changed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/buf.h"
#include "src/runtime/mem.h"
#include "operators.h"

/* Cells are indexed by integers while |coordinate / cell| stays below this;
 * the rounding of that quotient is then far below a cell, so neighbours lie
 * in adjacent cells. Points beyond it go to a list every search reads. */
#define CELL_LIMIT 1099511627776.0   /* 2^40 */

typedef struct Region {
    int size, first;     /* first: the lowest ring slot among its points */
    int head;            /* a point of it; its points form a circular list */
    int hot;             /* its place in HotOp.hot, -1 if not a hotspot */
} Region;

typedef struct Cell {
    int64_t x, y;
    int head;            /* -1: an empty entry of the table */
} Cell;

typedef struct HotOp {
    Op op;
    int dims, window, min_points;
    double radius, r2, side;   /* side: of a grid cell */
    double *ring;        /* window x dims, oldest overwritten first */
    double *point;       /* the row's point */
    int count, next;
    /* the links: row i has bit j when points i and j are within radius */
    uint64_t *adj, *mask, *visited;
    int words, *queue, *nbr;
    /* regions */
    int *region;         /* point -> region */
    int *succ, *pred;    /* each region's points, a circular list */
    Region *regions;
    double *rlo, *rhi;   /* region boxes, dims each */
    int *free_ids, nfree;
    int *hot, nhot;      /* hotspot regions, in no order */
    /* the window's box, and its points with a coordinate of -0.0 */
    double *wlo, *whi;
    int negzero;
    bool box_stale;      /* a point on the box left: measure it again */
    /* the grid: cells in an open-addressing table, points in lists */
    Cell *cells;
    int cell_mask;
    int64_t *cx, *cy;    /* each point's cell */
    bool *far;           /* a point beyond CELL_LIMIT: on the far list */
    int *cnext, *cprev, far_head;
    /* one row's result */
    int *order, *rank;
    double *density, *plo, *phi;
    uint64_t *key, *last_key;
    size_t last_len;
    Buf text;
    struct Num {         /* numbers formatted lately, by their bits */
        uint64_t bits;
        int len;         /* 0: none yet */
        char text[28];
    } *nums;
} HotOp;

#define NUMS 256

static const double *sort_density;   /* qsort has no context argument in C11 */
static const HotOp *sort_op;

static int by_density(const void *a, const void *b)
{
    double x = sort_density[*(const int *)a], y = sort_density[*(const int *)b];
    return x > y ? -1 : x < y;
}

static int by_first(const void *a, const void *b)
{
    int x = sort_op->regions[*(const int *)a].first, y = sort_op->regions[*(const int *)b].first;
    return (x > y) - (x < y);
}

static const double *PT(const HotOp *h, int i) { return h->ring + (size_t)i * (size_t)h->dims; }
static uint64_t *ROW(const HotOp *h, int i) { return h->adj + (size_t)i * (size_t)h->words; }
static void bit_set(uint64_t *row, int j) { row[j >> 6] |= 1ULL << (j & 63); }
static void bit_clear(uint64_t *row, int j) { row[j >> 6] &= ~(1ULL << (j & 63)); }
static bool is_negzero(double v) { return v == 0 && signbit(v); }

/* Neighbours exactly as the sorted scan judged them: the first
 * coordinates' difference (larger minus smaller) within radius, then the
 * squared distance, summed from the first dimension on, within radius². */
static bool near(const HotOp *h, const double *x, const double *y)
{
    double d0 = x[0] > y[0] ? x[0] - y[0] : y[0] - x[0];
    if (d0 > h->radius) return false;
    double d2 = 0;
    for (int d = 0; d < h->dims && d2 <= h->r2; d++) d2 += (x[d] - y[d]) * (x[d] - y[d]);
    return d2 <= h->r2;
}

/* ---- the grid ---- */

static int cell_hash(const HotOp *h, int64_t x, int64_t y)
{
    uint64_t k = (uint64_t)x * 0x9E3779B97F4A7C15ULL ^ (uint64_t)y * 0xC2B2AE3D27D4EB4FULL;
    k ^= k >> 29;
    return (int)(k & (uint64_t)h->cell_mask);
}

/* The entry of cell (x, y), or of the empty place where it would go. */
static int cell_find(const HotOp *h, int64_t x, int64_t y)
{
    int i = cell_hash(h, x, y);
    while (h->cells[i].head >= 0 && (h->cells[i].x != x || h->cells[i].y != y)) i = (i + 1) & h->cell_mask;
    return i;
}

/* Point i's cell; false if it lies beyond the grid. */
static bool cell_of(const HotOp *h, const double *p, int64_t *x, int64_t *y)
{
    double qx = floor(p[0] / h->side), qy = h->dims > 1 ? floor(p[1] / h->side) : 0;
    if (!(fabs(qx) < CELL_LIMIT && fabs(qy) < CELL_LIMIT)) return false;
    *x = (int64_t)qx, *y = (int64_t)qy;
    return true;
}

static void list_push(HotOp *h, int *head, int i)
{
    h->cprev[i] = -1;
    h->cnext[i] = *head;
    if (*head >= 0) h->cprev[*head] = i;
    *head = i;
}

static void list_unlink(HotOp *h, int *head, int i)
{
    if (h->cprev[i] >= 0) h->cnext[h->cprev[i]] = h->cnext[i];
    else *head = h->cnext[i];
    if (h->cnext[i] >= 0) h->cprev[h->cnext[i]] = h->cprev[i];
}

static void grid_add(HotOp *h, int i)
{
    h->far[i] = !cell_of(h, PT(h, i), &h->cx[i], &h->cy[i]);
    if (h->far[i]) {
        list_push(h, &h->far_head, i);
        return;
    }
    int c = cell_find(h, h->cx[i], h->cy[i]);
    if (h->cells[c].head < 0) h->cells[c].x = h->cx[i], h->cells[c].y = h->cy[i];
    list_push(h, &h->cells[c].head, i);
}

static void grid_remove(HotOp *h, int i)
{
    if (h->far[i]) {
        list_unlink(h, &h->far_head, i);
        return;
    }
    int c = cell_find(h, h->cx[i], h->cy[i]);
    list_unlink(h, &h->cells[c].head, i);
    if (h->cells[c].head >= 0) return;
    /* the cell is empty: close the gap, so every probe sequence stays unbroken */
    for (int j = (c + 1) & h->cell_mask; h->cells[j].head >= 0; j = (j + 1) & h->cell_mask) {
        int home = cell_hash(h, h->cells[j].x, h->cells[j].y);
        if (((j - home) & h->cell_mask) >= ((j - c) & h->cell_mask)) {
            h->cells[c] = h->cells[j];
            h->cells[j].head = -1;
            c = j;
        }
    }
}

/* The points within radius of point i (not i itself), into h->nbr; their
 * number. */
static int neighbours(HotOp *h, int i)
{
    const double *p = PT(h, i);
    int n = 0;
    if (h->far[i]) {   /* no cell to search around: every point */
        for (int j = 0; j < h->count; j++)
            if (j != i && near(h, p, PT(h, j))) h->nbr[n++] = j;
        return n;
    }
    for (int j = h->far_head; j >= 0; j = h->cnext[j])
        if (near(h, p, PT(h, j))) h->nbr[n++] = j;
    int ylo = h->dims > 1 ? -1 : 0, yhi = h->dims > 1 ? 1 : 0;
    for (int dx = -1; dx <= 1; dx++)
        for (int dy = ylo; dy <= yhi; dy++) {
            Cell *c = &h->cells[cell_find(h, h->cx[i] + dx, h->cy[i] + dy)];
            for (int j = c->head; j >= 0; j = h->cnext[j])
                if (j != i && near(h, p, PT(h, j))) h->nbr[n++] = j;
        }
    return n;
}

/* ---- regions ---- */

static double *RLO(const HotOp *h, int r) { return h->rlo + (size_t)r * (size_t)h->dims; }
static double *RHI(const HotOp *h, int r) { return h->rhi + (size_t)r * (size_t)h->dims; }

static void hot_update(HotOp *h, int r)
{
    Region *g = &h->regions[r];
    bool hot = g->size >= h->min_points;
    if (hot && g->hot < 0) {
        g->hot = h->nhot;
        h->hot[h->nhot++] = r;
    } else if (!hot && g->hot >= 0) {
        int last = h->hot[--h->nhot];
        h->hot[g->hot] = last;
        h->regions[last].hot = g->hot;
        g->hot = -1;
    }
}

static void region_free(HotOp *h, int r)
{
    h->regions[r].size = 0;
    hot_update(h, r);
    h->free_ids[h->nfree++] = r;
}

/* A region of point i alone. */
static int region_new(HotOp *h, int i)
{
    int r = h->free_ids[--h->nfree];
    h->regions[r] = (Region){.size = 1, .first = i, .head = i, .hot = -1};
    memcpy(RLO(h, r), PT(h, i), sizeof(double) * (size_t)h->dims);
    memcpy(RHI(h, r), PT(h, i), sizeof(double) * (size_t)h->dims);
    h->region[i] = r;
    h->succ[i] = h->pred[i] = i;
    return r;
}

/* Region b joins region a (b's points are relabelled, so b should be the
 * smaller). */
static void region_merge(HotOp *h, int a, int b)
{
    Region *ga = &h->regions[a], *gb = &h->regions[b];
    int i = gb->head;
    do {
        h->region[i] = a;
        i = h->succ[i];
    } while (i != gb->head);
    int ha = ga->head, hb = gb->head, ta = h->pred[ha], tb = h->pred[hb];
    h->succ[ta] = hb, h->pred[hb] = ta;
    h->succ[tb] = ha, h->pred[ha] = tb;
    ga->size += gb->size;
    if (gb->first < ga->first) ga->first = gb->first;
    for (int d = 0; d < h->dims; d++) {
        if (RLO(h, b)[d] < RLO(h, a)[d]) RLO(h, a)[d] = RLO(h, b)[d];
        if (RHI(h, b)[d] > RHI(h, a)[d]) RHI(h, a)[d] = RHI(h, b)[d];
    }
    region_free(h, b);
}

/* Region r's box and first slot from its points. */
static void region_measure(HotOp *h, int r)
{
    Region *g = &h->regions[r];
    double *lo = RLO(h, r), *hi = RHI(h, r);
    memcpy(lo, PT(h, g->head), sizeof(double) * (size_t)h->dims);
    memcpy(hi, PT(h, g->head), sizeof(double) * (size_t)h->dims);
    g->first = g->head;
    for (int i = h->succ[g->head]; i != g->head; i = h->succ[i]) {
        const double *p = PT(h, i);
        for (int d = 0; d < h->dims; d++) {
            if (p[d] < lo[d]) lo[d] = p[d];
            if (p[d] > hi[d]) hi[d] = p[d];
        }
        if (i < g->first) g->first = i;
    }
}

/* The points linked to `from` (through any points whose bits are set in
 * `allowed`), marked in h->visited and listed in h->queue; their number. */
static int reach(HotOp *h, int from, const uint64_t *allowed)
{
    int n = 0, *queue = h->queue;
    bit_set(h->visited, from);
    queue[n++] = from;
    for (int q = 0; q < n; q++) {
        const uint64_t *row = ROW(h, queue[q]);
        for (int w = 0; w < h->words; w++) {
            uint64_t fresh = row[w] & ~h->visited[w];
            if (allowed) fresh &= allowed[w];
            while (fresh) {
                int j = w * 64 + __builtin_ctzll(fresh);
                fresh &= fresh - 1;
                h->visited[w] |= 1ULL << (j & 63);
                queue[n++] = j;
            }
        }
    }
    return n;
}

static void unvisit(HotOp *h, const int *queue, int n)
{
    for (int q = 0; q < n; q++) bit_clear(h->visited, queue[q]);
}

/* ---- points in and out ---- */

static void window_box(HotOp *h)
{
    for (int d = 0; d < h->dims; d++) h->wlo[d] = INFINITY, h->whi[d] = -INFINITY;
    for (int i = 0; i < h->count; i++) {
        const double *p = PT(h, i);
        for (int d = 0; d < h->dims; d++) {
            if (p[d] < h->wlo[d]) h->wlo[d] = p[d];
            if (p[d] > h->whi[d]) h->whi[d] = p[d];
        }
    }
}

static void count_negzero(HotOp *h, int i, int sign)
{
    for (int d = 0; d < h->dims; d++) h->negzero += sign * is_negzero(PT(h, i)[d]);
}

/* Point i (already in the ring and counted) joins the window. */
static void point_add(HotOp *h, int i)
{
    const double *p = PT(h, i);
    for (int d = 0; d < h->dims; d++) {
        if (p[d] < h->wlo[d]) h->wlo[d] = p[d];
        if (p[d] > h->whi[d]) h->whi[d] = p[d];
    }
    count_negzero(h, i, 1);
    grid_add(h, i);
    int n = neighbours(h, i);
    int r = region_new(h, i);
    for (int k = 0; k < n; k++) {
        int j = h->nbr[k];
        bit_set(ROW(h, i), j);
        bit_set(ROW(h, j), i);
        int s = h->region[j];
        if (s == r) continue;
        if (h->regions[s].size > h->regions[r].size) {
            int t = r;
            r = s, s = t;
        }
        region_merge(h, r, s);
    }
    hot_update(h, r);
}

/* Point i leaves the window (its slot is about to be reused); its region
 * loses it, and splits if its neighbours were linked only through it. */
static void point_remove(HotOp *h, int i)
{
    const double *p = PT(h, i);
    int D = h->dims;
    grid_remove(h, i);
    count_negzero(h, i, -1);
    for (int d = 0; d < D; d++) h->box_stale |= p[d] == h->wlo[d] || p[d] == h->whi[d];
    /* its links go; its neighbours are the bits of its row */
    uint64_t *row = ROW(h, i);
    int deg = 0;
    for (int w = 0; w < h->words; w++) {
        uint64_t bits = row[w];
        h->mask[w] = bits;
        while (bits) {
            int j = w * 64 + __builtin_ctzll(bits);
            bits &= bits - 1;
            bit_clear(ROW(h, j), i);
            h->nbr[deg++] = j;
        }
        row[w] = 0;
    }
    int r = h->region[i];
    Region *g = &h->regions[r];
    if (g->size == 1) {
        region_free(h, r);
        return;
    }
    h->succ[h->pred[i]] = h->succ[i], h->pred[h->succ[i]] = h->pred[i];
    if (g->head == i) g->head = h->succ[i];
    g->size--;
    /* still one region if its neighbours are linked among themselves */
    int n = deg;
    if (deg > 1) {
        n = reach(h, h->nbr[0], h->mask);
        unvisit(h, h->queue, n);
    }
    if (n == deg) {
        bool edge = g->first == i;
        for (int d = 0; d < D; d++) edge |= p[d] == RLO(h, r)[d] || p[d] == RHI(h, r)[d];
        if (edge) region_measure(h, r);
        hot_update(h, r);
        return;
    }
    /* perhaps split: the points each neighbour reaches become a region */
    region_free(h, r);
    for (int k = 0; k < deg; k++) {
        int j = h->nbr[k];
        if (h->visited[j >> 6] >> (j & 63) & 1) continue;   /* in a part already made */
        int m = reach(h, j, NULL);
        int nr = region_new(h, j);
        for (int q = 1; q < m; q++) {
            int x = h->queue[q];
            h->region[x] = nr;
            h->succ[x] = h->succ[j], h->pred[x] = j;
            h->pred[h->succ[j]] = x, h->succ[j] = x;
        }
        h->regions[nr].size = m;
        region_measure(h, nr);
        hot_update(h, nr);
    }
    for (int k = 0; k < deg; k++) {   /* the marks of every part go */
        int j = h->nbr[k];
        if (!(h->visited[j >> 6] >> (j & 63) & 1)) continue;
        int x = j;
        do {
            bit_clear(h->visited, x);
            x = h->succ[x];
        } while (x != j);
    }
}

/* ---- the result ---- */

/* d with ten significant digits; the bounds of a box stay the same for
 * many rows, so their text is remembered rather than formatted again. */
static void put_num(HotOp *h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    struct Num *m = &h->nums[(bits ^ bits >> 29 ^ bits >> 47) & (NUMS - 1)];
    if (!m->len || m->bits != bits) {
        m->bits = bits;
        m->len = snprintf(m->text, sizeof m->text, "%.10g", d);
    }
    buf_put(&h->text, m->text, (size_t)m->len);
}

/* The hotspots as text. The hotspot boxes are those of the regions, but
 * where a coordinate of -0.0 could tie with 0.0 on a box's edge the
 * printed bound is the one met first in ring order, as the recomputing
 * version printed it: those boxes are then taken from the ring. */
static Value result(HotOp *h, Arena *a)
{
    int n = h->count, D = h->dims, k = h->nhot;
    double window_volume = 1;
    for (int d = 0; d < D; d++) window_volume *= fmax(h->whi[d] - h->wlo[d], h->radius);
    /* hotspots in the order of their first ring slot, then densest first */
    memcpy(h->order, h->hot, sizeof(int) * (size_t)k);
    sort_op = h;
    qsort(h->order, (size_t)k, sizeof(int), by_first);
    for (int s = 0; s < k; s++) {
        const Region *g = &h->regions[h->order[s]];
        double *lo = h->plo + (size_t)s * (size_t)D, *hi = h->phi + (size_t)s * (size_t)D;
        memcpy(lo, RLO(h, h->order[s]), sizeof(double) * (size_t)D);
        memcpy(hi, RHI(h, h->order[s]), sizeof(double) * (size_t)D);
        h->density[s] = g->size;
    }
    if (h->negzero && k) {
        for (int s = 0; s < k; s++) {
            h->regions[h->order[s]].hot = -2 - s;   /* its place in order[], for the scan below */
            for (int d = 0; d < D; d++) h->plo[(size_t)s * (size_t)D + d] = INFINITY, h->phi[(size_t)s * (size_t)D + d] = -INFINITY;
        }
        for (int i = 0; i < n; i++) {
            int hot = h->regions[h->region[i]].hot;
            if (hot > -2) continue;
            double *lo = h->plo + (size_t)(-2 - hot) * (size_t)D, *hi = h->phi + (size_t)(-2 - hot) * (size_t)D;
            const double *p = PT(h, i);
            for (int d = 0; d < D; d++) {
                if (p[d] < lo[d]) lo[d] = p[d];
                if (p[d] > hi[d]) hi[d] = p[d];
            }
        }
        for (int s = 0; s < k; s++) h->regions[h->hot[s]].hot = s;
    }
    for (int s = 0; s < k; s++) {
        double volume = 1;
        for (int d = 0; d < D; d++)
            volume *= fmax(h->phi[(size_t)s * (size_t)D + d] - h->plo[(size_t)s * (size_t)D + d], h->radius);
        h->density[s] = (h->density[s] / n) / (volume / window_volume);
        h->rank[s] = s;
    }
    sort_density = h->density;
    qsort(h->rank, (size_t)k, sizeof(int), by_density);
    /* the same hotspots as the last row's: the same text */
    size_t len = 0;
    for (int s = 0; s < k; s++) {
        int x = h->rank[s];
        memcpy(&h->key[len++], &h->density[x], sizeof(double));
        memcpy(&h->key[len], h->plo + (size_t)x * (size_t)D, sizeof(double) * (size_t)D), len += (size_t)D;
        memcpy(&h->key[len], h->phi + (size_t)x * (size_t)D, sizeof(double) * (size_t)D), len += (size_t)D;
    }
    if (!h->text.len || len != h->last_len || memcmp(h->key, h->last_key, sizeof(uint64_t) * len) != 0) {
        Buf *b = &h->text;
        b->len = 0;
        buf_puts(b, "{\"hotspots\":[");
        for (int s = 0; s < k; s++) {
            int x = h->rank[s];
            buf_puts(b, s ? ",{\"density\":" : "{\"density\":");
            put_num(h, h->density[x]);
            buf_puts(b, ",\"minValues\":[");
            for (int d = 0; d < D; d++) {
                if (d) buf_putc(b, ',');
                put_num(h, h->plo[(size_t)x * (size_t)D + d]);
            }
            buf_puts(b, "],\"maxValues\":[");
            for (int d = 0; d < D; d++) {
                if (d) buf_putc(b, ',');
                put_num(h, h->phi[(size_t)x * (size_t)D + d]);
            }
            buf_puts(b, "]}");
        }
        buf_puts(b, "]}");
        memcpy(h->last_key, h->key, sizeof(uint64_t) * len);
        h->last_len = len;
    }
    return val_str(arena_strndup(a, h->text.p, h->text.len), (uint32_t)h->text.len);
}

/* The next point of the cursor takes the oldest one's slot. */
static void point_push(HotOp *h, const double *p)
{
    int i = h->next;
    if (h->count == h->window) point_remove(h, i);
    else h->count++;
    memcpy(h->ring + (size_t)i * (size_t)h->dims, p, sizeof(double) * (size_t)h->dims);
    h->next = (h->next + 1) % h->window;
    point_add(h, i);
    if (h->box_stale) window_box(h), h->box_stale = false;
}

static void push(Op *op, Row *row)
{
    HotOp *h = (HotOp *)op;
    Exec *ex = op->ex;
    exec_eval_point(ex, op->node, row, h->point);
    point_push(h, h->point);
    Row out = *row;
    out.n = row->n + 1;
    out.v = arena_alloc(ex->record, sizeof(Value) * (size_t)out.n);
    memcpy(out.v, row->v, sizeof(Value) * (size_t)row->n);
    out.v[row->n] = result(h, ex->record);
    op->next->push(op->next, &out);
}

/* The window's points as they lie in the ring, so a restart computes
 * exactly the regions the uninterrupted run would. */
static void save(Op *op, Buf *out)
{
    HotOp *h = (HotOp *)op;
    ser_u64(out, (uint64_t)h->count);
    ser_u64(out, (uint64_t)h->next);
    for (size_t i = 0; i < (size_t)h->count * (size_t)h->dims; i++) ser_f64(out, h->ring[i]);
}

/* Into an operator just built: everything but the points is rebuilt from
 * them, added in ring order (the regions do not depend on the order). */
static bool restore(Op *op, SerialIn *in)
{
    HotOp *h = (HotOp *)op;
    uint64_t count = de_u64(in), next = de_u64(in);
    if (count > (uint64_t)h->window || next >= (uint64_t)h->window || (count < (uint64_t)h->window && next != count))
        return de_fail(in, "a HOTSPOTS window of another size"), false;
    for (size_t i = 0; i < (size_t)count * (size_t)h->dims; i++) h->ring[i] = de_f64(in);
    if (!de_ok(in)) return false;
    for (int i = 0; i < (int)count; i++) {
        h->count++;
        point_add(h, i);
    }
    h->next = (int)next;
    return true;
}

static void op_close(Op *op)
{
    HotOp *h = (HotOp *)op;
    void *arrays[] = {h->ring, h->point, h->adj, h->mask, h->visited, h->queue, h->nbr, h->region, h->succ, h->pred,
                      h->regions, h->rlo, h->rhi, h->free_ids, h->hot, h->wlo, h->whi, h->cells, h->cx, h->cy, h->far,
                      h->cnext, h->cprev, h->order, h->rank, h->density, h->plo, h->phi, h->key, h->last_key, h->nums};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) mem_free(arrays[i]);
    buf_free(&h->text);
}

Op *op_hotspots_new(Exec *ex, const PlanNode *n)
{
    HotOp *h = arena_zalloc(&ex->state, sizeof *h);
    h->op.push = push;
    h->op.save = save;
    h->op.restore = restore;
    h->op.close = op_close;
    h->dims = n->nexprs;
    h->window = n->hs_window;
    h->min_points = n->hs_min_points;
    h->radius = n->hs_radius;
    h->r2 = h->radius * h->radius;
    h->side = h->radius * (1 + 1.0 / 1024);   /* wider than radius by far more than any rounding */
    size_t W = (size_t)h->window, D = (size_t)h->dims;
    h->words = (h->window + 63) / 64;
    h->ring = mem_calloc(W * D, sizeof(double));
    h->point = mem_calloc(D, sizeof(double));
    h->adj = mem_calloc(W * (size_t)h->words, sizeof(uint64_t));
    h->mask = mem_calloc((size_t)h->words, sizeof(uint64_t));
    h->visited = mem_calloc((size_t)h->words, sizeof(uint64_t));
    h->queue = mem_calloc(W, sizeof(int));
    h->nbr = mem_calloc(W, sizeof(int));
    h->region = mem_calloc(W, sizeof(int));
    h->succ = mem_calloc(W, sizeof(int));
    h->pred = mem_calloc(W, sizeof(int));
    h->regions = mem_calloc(W, sizeof(Region));
    h->rlo = mem_calloc(W * D, sizeof(double));
    h->rhi = mem_calloc(W * D, sizeof(double));
    h->free_ids = mem_calloc(W, sizeof(int));
    for (int r = 0; r < h->window; r++) h->free_ids[h->nfree++] = h->window - 1 - r;
    h->hot = mem_calloc(W, sizeof(int));
    h->wlo = mem_calloc(D, sizeof(double));
    h->whi = mem_calloc(D, sizeof(double));
    for (size_t d = 0; d < D; d++) h->wlo[d] = INFINITY, h->whi[d] = -INFINITY;
    int cells = 4;
    while (cells < 2 * h->window) cells *= 2;
    h->cell_mask = cells - 1;
    h->cells = mem_calloc((size_t)cells, sizeof(Cell));
    for (int c = 0; c < cells; c++) h->cells[c].head = -1;
    h->cx = mem_calloc(W, sizeof(int64_t));
    h->cy = mem_calloc(W, sizeof(int64_t));
    h->far = mem_calloc(W, sizeof(bool));
    h->cnext = mem_calloc(W, sizeof(int));
    h->cprev = mem_calloc(W, sizeof(int));
    h->far_head = -1;
    h->order = mem_calloc(W, sizeof(int));
    h->rank = mem_calloc(W, sizeof(int));
    h->density = mem_calloc(W, sizeof(double));
    h->plo = mem_calloc(W * D, sizeof(double));
    h->phi = mem_calloc(W * D, sizeof(double));
    h->key = mem_calloc(W * (1 + 2 * D), sizeof(uint64_t));
    h->last_key = mem_calloc(W * (1 + 2 * D), sizeof(uint64_t));
    h->nums = mem_calloc(NUMS, sizeof *h->nums);
    return &h->op;
}
