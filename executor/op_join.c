/* stream JOIN table: the reference table is indexed once, by the equality
 * keys of ON, in a hash table over its rows; each stream row probes it and
 * leaves joined to every table row that satisfies ON (or, for LEFT, once
 * with NULLs when none does). */
#include <string.h>

#include "src/runtime/mem.h"
#include "operators.h"

typedef struct JoinOp {
    Op op;
    const CatStream *table;
    uint32_t *heads;           /* bucket -> first row index + 1 (0: empty) */
    uint32_t *next;            /* row -> next row index + 1 in its bucket */
    uint64_t *hashes;
    uint32_t nbuckets;
    Value *probe;              /* scratch: the stream row's key values */
} JoinOp;

static uint64_t hash_values(const PlanNode *n, Expr **keys, const Value *v, bool *has_null)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    *has_null = false;
    for (int i = 0; i < n->nkeys; i++) {
        if (v[i].null) *has_null = true;
        h = (h ^ val_hash(keys[i]->type, &v[i])) * 0x100000001b3ULL;
    }
    return h;
}

static void emit(JoinOp *j, const Row *row, const Row *trow)
{
    Exec *ex = j->op.ex;
    int nl = row->n, nt = j->table->schema.ncols;
    Row out = *row;
    out.n = nl + nt;
    out.v = arena_alloc(ex->record, sizeof(Value) * (size_t)(out.n ? out.n : 1));
    memcpy(out.v, row->v, sizeof(Value) * (size_t)nl);
    for (int i = 0; i < nt; i++) out.v[nl + i] = trow ? trow->v[i] : val_null();
    j->op.next->push(j->op.next, &out);
}

static void push(Op *op, Row *row)
{
    JoinOp *j = (JoinOp *)op;
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    bool matched = false;
    if (n->nkeys) {
        for (int i = 0; i < n->nkeys; i++) expr_eval(n->keys[i], &cx, &j->probe[i]);
        if (cx.err.set) {
            exec_row_error(ex, op, row, &cx.err);
            return;
        }
        bool has_null;
        uint64_t h = hash_values(n, n->keys, j->probe, &has_null);
        /* a NULL key equals nothing */
        for (uint32_t k = has_null ? 0 : j->heads[h & (j->nbuckets - 1)]; k; k = j->next[k - 1]) {
            if (j->hashes[k - 1] != h) continue;
            const Row *t = &j->table->rows[k - 1];
            cx.in[1] = t;
            bool ok = !n->pred || expr_true(n->pred, &cx);
            if (cx.err.set) {
                exec_row_error(ex, op, row, &cx.err);
                return;
            }
            if (ok) {
                matched = true;
                emit(j, row, t);
            }
        }
    } else {
        for (int k = 0; k < j->table->nrows; k++) {
            const Row *t = &j->table->rows[k];
            cx.in[1] = t;
            bool ok = !n->pred || expr_true(n->pred, &cx);
            if (cx.err.set) {
                exec_row_error(ex, op, row, &cx.err);
                return;
            }
            if (ok) {
                matched = true;
                emit(j, row, t);
            }
        }
    }
    if (!matched && n->join_left) emit(j, row, NULL);
}

static void op_close(Op *op)
{
    JoinOp *j = (JoinOp *)op;
    mem_free(j->heads);
    mem_free(j->next);
    mem_free(j->hashes);
}

Op *op_join_new(Exec *ex, const PlanNode *n)
{
    JoinOp *j = arena_zalloc(&ex->state, sizeof *j);
    j->op.push = push;
    j->op.close = op_close;
    j->table = ex->app->cat.streams[n->stream];
    j->probe = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->nkeys ? n->nkeys : 1));
    if (n->nkeys) {
        int nr = j->table->nrows;
        uint32_t nb = 16;
        while (nb < (uint32_t)nr * 2) nb *= 2;
        j->nbuckets = nb;
        j->heads = mem_calloc(nb, sizeof(uint32_t));
        j->next = mem_calloc((size_t)(nr ? nr : 1), sizeof(uint32_t));
        j->hashes = mem_calloc((size_t)(nr ? nr : 1), sizeof(uint64_t));
        Value *kv = arena_alloc(&ex->state, sizeof(Value) * (size_t)n->nkeys);
        Arena scratch;
        arena_init(&scratch, 4096);
        /* in reverse, so each bucket lists the table's rows in file order */
        for (int r = nr - 1; r >= 0; r--) {
            EvalCtx cx;
            memset(&cx, 0, sizeof cx);
            cx.in[1] = &j->table->rows[r];
            cx.arena = &scratch;
            for (int i = 0; i < n->nkeys; i++) expr_eval(n->build_keys[i], &cx, &kv[i]);
            bool has_null;
            uint64_t h = hash_values(n, n->build_keys, kv, &has_null);
            if (cx.err.set || has_null) continue;   /* a table row whose key cannot be computed or is NULL matches nothing */
            j->hashes[r] = h;
            uint32_t bkt = (uint32_t)(h & (nb - 1));
            j->next[r] = j->heads[bkt];
            j->heads[bkt] = (uint32_t)r + 1;
            arena_reset(&scratch);
        }
        arena_free(&scratch);
    }
    return &j->op;
}
