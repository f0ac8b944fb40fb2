/* HOTSPOTS: after each row, the dense regions among the last windowSize
 * rows' numeric columns. Two points within scanRadius (Euclidean) of each
 * other belong to the same region, and so on transitively (single linkage,
 * as DBSCAN with a core size of one); a region of at least
 * minimumNumberOfPointsInAHotspot points is a hotspot. HOTSPOTS_RESULT is
 *   {"hotspots":[{"density":d,"minValues":[...],"maxValues":[...]},...]}
 * densest first, where density is how many times denser than the whole
 * window the hotspot's bounding box is (its share of the points over its
 * share of the window's box; an extent narrower than scanRadius counts as
 * scanRadius, so a box of identical points has a finite volume).
 *
 * Each row recomputes the regions from the window: points sorted on their
 * first coordinate are only compared within scanRadius of each other on it.
 * All arrays are sized by windowSize when the operator is built; only the
 * result text is allocated per row, in the record's arena. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/buf.h"
#include "src/runtime/mem.h"
#include "operators.h"

typedef struct HotOp {
    Op op;
    int dims, window, min_points;
    double radius;
    double *ring;        /* window x dims, oldest overwritten first */
    int count, next;
    int *order, *parent, *size, *slot;
    double *lo, *hi;     /* per hotspot slot: its bounding box */
    double *density;
    int *hot;            /* hotspot slots, densest first */
} HotOp;

static const HotOp *sort_ctx;   /* qsort has no context argument in C11 */

static int by_first(const void *a, const void *b)
{
    double x = sort_ctx->ring[(size_t)*(const int *)a * (size_t)sort_ctx->dims];
    double y = sort_ctx->ring[(size_t)*(const int *)b * (size_t)sort_ctx->dims];
    return x < y ? -1 : x > y;
}

static int by_density(const void *a, const void *b)
{
    double x = sort_ctx->density[*(const int *)a], y = sort_ctx->density[*(const int *)b];
    return x > y ? -1 : x < y;
}

static int find(int *parent, int i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void put_num(Buf *b, double d)
{
    char num[40];
    int n = snprintf(num, sizeof num, "%.10g", d);
    buf_put(b, num, (size_t)n);
}

static Value result(HotOp *h, Arena *a)
{
    int n = h->count, D = h->dims;
    const double *p = h->ring;
    for (int i = 0; i < n; i++) h->order[i] = i, h->parent[i] = i, h->size[i] = 0, h->slot[i] = -1;
    sort_ctx = h;
    qsort(h->order, (size_t)n, sizeof(int), by_first);
    double r2 = h->radius * h->radius;
    for (int s = 0; s < n; s++) {
        const double *x = p + (size_t)h->order[s] * (size_t)D;
        for (int t = s + 1; t < n; t++) {
            const double *y = p + (size_t)h->order[t] * (size_t)D;
            if (y[0] - x[0] > h->radius) break;
            double d2 = 0;
            for (int d = 0; d < D && d2 <= r2; d++) d2 += (x[d] - y[d]) * (x[d] - y[d]);
            if (d2 <= r2) {
                int u = find(h->parent, h->order[s]), v = find(h->parent, h->order[t]);
                if (u != v) h->parent[u] = v;
            }
        }
    }
    /* the window's box, and each region's */
    double window_volume = 1;
    for (int d = 0; d < D; d++) {
        double lo = INFINITY, hi = -INFINITY;
        for (int i = 0; i < n; i++) lo = fmin(lo, p[(size_t)i * (size_t)D + d]), hi = fmax(hi, p[(size_t)i * (size_t)D + d]);
        window_volume *= fmax(hi - lo, h->radius);
    }
    for (int i = 0; i < n; i++) h->size[find(h->parent, i)]++;
    int nhot = 0;
    for (int i = 0; i < n; i++) {
        int root = find(h->parent, i);
        if (h->size[root] < h->min_points) continue;
        if (h->slot[root] < 0) {
            int s = h->slot[root] = nhot;
            h->hot[nhot++] = s;
            for (int d = 0; d < D; d++) h->lo[(size_t)s * (size_t)D + d] = INFINITY, h->hi[(size_t)s * (size_t)D + d] = -INFINITY;
            h->density[s] = h->size[root];   /* the point count until the boxes are complete */
        }
        int s = h->slot[root];
        for (int d = 0; d < D; d++) {
            double v = p[(size_t)i * (size_t)D + d];
            double *lo = &h->lo[(size_t)s * (size_t)D + d], *hi = &h->hi[(size_t)s * (size_t)D + d];
            if (v < *lo) *lo = v;
            if (v > *hi) *hi = v;
        }
    }
    for (int k = 0; k < nhot; k++) {
        double volume = 1;
        for (int d = 0; d < D; d++) volume *= fmax(h->hi[(size_t)k * (size_t)D + d] - h->lo[(size_t)k * (size_t)D + d], h->radius);
        h->density[k] = (h->density[k] / n) / (volume / window_volume);
    }
    qsort(h->hot, (size_t)nhot, sizeof(int), by_density);
    Buf b = {0};
    buf_puts(&b, "{\"hotspots\":[");
    for (int k = 0; k < nhot; k++) {
        int s = h->hot[k];
        buf_puts(&b, k ? ",{\"density\":" : "{\"density\":");
        put_num(&b, h->density[s]);
        buf_puts(&b, ",\"minValues\":[");
        for (int d = 0; d < D; d++) {
            if (d) buf_putc(&b, ',');
            put_num(&b, h->lo[(size_t)s * (size_t)D + d]);
        }
        buf_puts(&b, "],\"maxValues\":[");
        for (int d = 0; d < D; d++) {
            if (d) buf_putc(&b, ',');
            put_num(&b, h->hi[(size_t)s * (size_t)D + d]);
        }
        buf_puts(&b, "]}");
    }
    buf_puts(&b, "]}");
    Value v = val_str(arena_strndup(a, b.p, b.len), (uint32_t)b.len);
    buf_free(&b);
    return v;
}

static void push(Op *op, Row *row)
{
    HotOp *h = (HotOp *)op;
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    exec_eval_point(ex, n, row, h->ring + (size_t)h->next * (size_t)h->dims);
    h->next = (h->next + 1) % h->window;
    if (h->count < h->window) h->count++;
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

static bool restore(Op *op, SerialIn *in)
{
    HotOp *h = (HotOp *)op;
    uint64_t count = de_u64(in), next = de_u64(in);
    if (count > (uint64_t)h->window || next >= (uint64_t)(h->window ? h->window : 1))
        return de_fail(in, "a HOTSPOTS window of another size"), false;
    h->count = (int)count;
    h->next = (int)next;
    for (size_t i = 0; i < (size_t)h->count * (size_t)h->dims; i++) h->ring[i] = de_f64(in);
    return de_ok(in);
}

static void op_close(Op *op)
{
    HotOp *h = (HotOp *)op;
    mem_free(h->ring);
    mem_free(h->order);
    mem_free(h->parent);
    mem_free(h->size);
    mem_free(h->slot);
    mem_free(h->lo);
    mem_free(h->hi);
    mem_free(h->density);
    mem_free(h->hot);
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
    size_t W = (size_t)h->window, D = (size_t)h->dims;
    h->ring = mem_calloc(W * D, sizeof(double));
    h->order = mem_calloc(W, sizeof(int));
    h->parent = mem_calloc(W, sizeof(int));
    h->size = mem_calloc(W, sizeof(int));
    h->slot = mem_calloc(W, sizeof(int));
    h->lo = mem_calloc(W * D, sizeof(double));
    h->hi = mem_calloc(W * D, sizeof(double));
    h->density = mem_calloc(W, sizeof(double));
    h->hot = mem_calloc(W, sizeof(int));
    return &h->op;
}
