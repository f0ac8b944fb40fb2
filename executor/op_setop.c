/* q1 INTERSECT q2 and q1 EXCEPT q2 over relations. Both sides' rows come
 * when the application starts, in any order, so each side's distinct rows
 * are kept in a hash set; at the end of the relation (flush) the left's
 * rows leave, in the order they first came, when the right has them
 * (INTERSECT) or does not (EXCEPT). Rows are compared column by column with
 * NULLs equal to each other, as set operations do. */
#include <string.h>

#include "src/runtime/hashtab.h"
#include "operators.h"

typedef struct SetRow {
    HashNode node;
    struct SetRow *next;         /* the left side's rows in arrival order */
    Row row;
} SetRow;

typedef struct SetOp {
    Op op;
    HashTable rows[2];           /* distinct rows of each side */
    SetRow *first, *last;        /* the left side's, in order */
    Arena keep;
    const Schema *schema;
    RowBatch out;                /* what downstream makes of each row at the end, until the next */
} SetOp;

typedef struct Door {
    Op op;
    SetOp *set;
} Door;

static uint64_t hash_row(const Schema *s, const Row *r)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int c = 0; c < s->ncols; c++) h = (h ^ val_hash(s->cols[c].type, &r->v[c])) * 0x100000001b3ULL;
    return h;
}

static bool same_row(const Schema *s, const Row *a, const Row *b)
{
    for (int c = 0; c < s->ncols; c++) {
        const Value *x = &a->v[c], *y = &b->v[c];
        if (x->null || y->null) {
            if (x->null != y->null) return false;
        } else if (val_compare(s->cols[c].type, x, y) != 0) {
            return false;
        }
    }
    return true;
}

static SetRow *find(const SetOp *t, int side, const Row *r, uint64_t h)
{
    for (HashNode *e = htab_chain(&t->rows[side], h); e; e = e->chain)
        if (e->hash == h && same_row(t->schema, &((SetRow *)e)->row, r)) return (SetRow *)e;
    return NULL;
}

static void add(SetOp *t, int side, Row *row)
{
    uint64_t h = hash_row(t->schema, row);
    if (find(t, side, row, h)) return;
    SetRow *k = arena_zalloc(&t->keep, sizeof *k);
    k->node.hash = h;
    k->row = *row;
    k->row.n = t->schema->ncols;
    k->row.v = arena_alloc(&t->keep, sizeof(Value) * (size_t)(t->schema->ncols ? t->schema->ncols : 1));
    for (int c = 0; c < t->schema->ncols; c++) k->row.v[c] = val_copy(t->schema->cols[c].type, &row->v[c], &t->keep);
    htab_insert(&t->rows[side], &k->node);
    if (side == 0) {
        if (t->last) t->last->next = k;
        else t->first = k;
        t->last = k;
    }
}

static void push_left(Op *op, Row *row) { add((SetOp *)op, 0, row); }

static void push_right(Op *op, Row *row) { add(((Door *)op)->set, 1, row); }

static void flush(Op *op)
{
    SetOp *t = (SetOp *)op;
    bool except = op->node->except;
    Arena *was = exec_batch_begin(op->ex, &t->out);
    for (SetRow *k = t->first; k; k = k->next) {
        bool on_right = find(t, 1, &k->row, k->node.hash) != NULL;
        if (on_right == except) continue;
        exec_batch_row(op->ex, &t->out);
        op->next->push(op->next, &k->row);
    }
    exec_batch_end(op->ex, &t->out, was);
    htab_clear(&t->rows[0]);
    htab_clear(&t->rows[1]);
    t->first = t->last = NULL;
    arena_reset(&t->keep);
}

typedef struct SaveCtx {
    const Schema *schema;
    Buf *out;
} SaveCtx;

static void save_right(HashNode *e, void *arg)
{
    const SaveCtx *c = arg;
    ser_row(c->out, c->schema, &((SetRow *)e)->row);
}

/* The relation's rows until it ends: the left's in order, the right's set. */
static void save(Op *op, Buf *out)
{
    SetOp *t = (SetOp *)op;
    ser_u64(out, t->rows[0].count);
    for (SetRow *k = t->first; k; k = k->next) ser_row(out, t->schema, &k->row);
    ser_u64(out, t->rows[1].count);
    SaveCtx c = {t->schema, out};
    htab_visit(&t->rows[1], save_right, &c);
}

static bool restore(Op *op, SerialIn *in)
{
    SetOp *t = (SetOp *)op;
    for (int side = 0; side < 2 && de_ok(in); side++) {
        uint64_t n = de_count(in, 4);
        for (uint64_t i = 0; i < n && de_ok(in); i++) {
            Row row;
            if (de_row(in, t->schema, &row, &t->keep)) add(t, side, &row);
        }
    }
    return de_ok(in);
}

static void op_close(Op *op)
{
    SetOp *t = (SetOp *)op;
    htab_free(&t->rows[0]);
    htab_free(&t->rows[1]);
    arena_free(&t->keep);
    arena_free(&t->out.arena);
}

Op *op_setop_new(Exec *ex, const PlanNode *n)
{
    SetOp *t = arena_zalloc(&ex->state, sizeof *t);
    t->op.push = push_left;
    t->op.flush = flush;
    t->op.close = op_close;
    t->op.save = save;
    t->op.restore = restore;
    t->schema = &n->out;
    htab_init(&t->rows[0]);
    htab_init(&t->rows[1]);
    arena_init(&t->keep, 16384);
    arena_init(&t->out.arena, 4096);
    return &t->op;
}

Op *op_setop_right_door(Exec *ex, Op *set)
{
    Door *d = arena_zalloc(&ex->state, sizeof *d);
    d->op.push = push_right;
    d->op.next = set->next;
    d->set = (SetOp *)set;
    return &d->op;
}
