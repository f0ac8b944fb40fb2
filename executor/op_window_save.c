/* Checkpoints of the sliding window operator (op_window.c). */
#include "src/runtime/mem.h"
#include "op_window_int.h"

/* Every partition, least recently used first (so the restored order of
 * dropping idle ones is the same): its keys, its rows (time, position and
 * the calls' arguments), and per call the aggregate's state, the EXP_AVG
 * sums, the positions of the rows in its deque, and the DISTINCT counts. */

static SqlType arg_type(const Win *win, int c)
{
    const Expr *call = win->pw->calls[c];
    return call->nargs ? call->args[0]->type : type_make(TY_NULL);
}

/* An argument kept only for being NULL or not (a string COUNT counts):
 * its bytes belonged to its record and are gone. */
static bool only_nullness(const Win *win, int c)
{
    SqlType t = arg_type(win, c);
    return !win->copy_arg[c] && (type_is_string(t.id) || type_is_binary(t.id));
}

typedef struct PartIndex {
    HashNode node;
    uint64_t index;
} PartIndex;

typedef struct CountSave {
    const Win *win;
    int c;
    HashTable *index;
    Buf *out;
} CountSave;

static void save_count(HashNode *n, void *arg)
{
    const CountSave *cs = arg;
    const DistinctCount *dc = (const DistinctCount *)n;
    uint64_t h = (uint64_t)(uintptr_t)dc->part;
    HashNode *e = htab_chain(cs->index, h);
    while (e && ((PartIndex *)e)->node.hash != h) e = e->chain;
    ser_u64(cs->out, e ? ((PartIndex *)e)->index : 0);
    ser_i64(cs->out, dc->n);
    ser_value(cs->out, arg_type(cs->win, cs->c), &dc->v);
}

void op_window_save(Op *op, Buf *out)
{
    WindowOp *w = (WindowOp *)op;
    ser_u64(out, w->seq);
    for (int k = 0; k < w->nwins; k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        ser_u64(out, win->parts.count);
        HashTable index;
        htab_init(&index);
        Arena tmp;
        arena_init(&tmp, 4096);
        uint64_t i = 0;
        for (Partition *p = win->oldest; p; p = p->newer, i++) {
            PartIndex *pi = arena_alloc(&tmp, sizeof *pi);
            pi->node.hash = (uint64_t)(uintptr_t)p;
            pi->index = i;
            htab_insert(&index, &pi->node);
            for (int j = 0; j < pw->npartition; j++) ser_value(out, pw->partition[j]->type, &p->keys[j]);
            ser_i64(out, p->last_rowtime);
            ser_u64(out, p->rows.count);
            for (uint32_t r = 0; r < p->rows.count; r++) {
                const Entry *e = ring_at(&p->rows, r);
                ser_i64(out, e->rowtime);
                ser_u64(out, e->seq);
                for (int c = 0; c < pw->ncalls; c++) {
                    if (only_nullness(win, c)) ser_u64(out, entry_arg(win, e, c)->null);
                    else ser_value(out, arg_type(win, c), entry_arg(win, e, c));
                }
            }
            for (int c = 0; c < pw->ncalls; c++) {
                if (win->ops[c] && win->ops[c]->inverse) win->ops[c]->save(p->state + win->offsets[c], pw->calls[c], out);
                if (!win->ops[c] && win->kind[c] == AN_EXP_AVG) {
                    const double *sums = (const double *)(p->state + win->offsets[c]);
                    ser_f64(out, sums[0]), ser_f64(out, sums[1]), ser_f64(out, sums[2]), ser_f64(out, p->exp_base[c]);
                }
                ser_u64(out, p->deques[c].count);
                for (uint32_t d = 0; d < p->deques[c].count; d++) ser_u64(out, ((const SeqValue *)ring_at(&p->deques[c], d))->seq);
            }
        }
        for (int c = 0; c < pw->ncalls; c++) {
            if (!win->distinct[c]) continue;
            ser_u64(out, win->counts[c].count);
            CountSave cs = {win, c, &index, out};
            htab_visit(&win->counts[c], save_count, &cs);
        }
        htab_free(&index);
        arena_free(&tmp);
    }
}

/* The row of a partition with position seq (rows are in position order). */
static const Entry *entry_at_seq(const Partition *p, uint64_t seq)
{
    uint32_t lo = 0, hi = p->rows.count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (((const Entry *)ring_at(&p->rows, mid))->seq < seq) lo = mid + 1;
        else hi = mid;
    }
    if (lo < p->rows.count && ((const Entry *)ring_at(&p->rows, lo))->seq == seq) return ring_at(&p->rows, lo);
    return NULL;
}

bool op_window_restore(Op *op, SerialIn *in)
{
    WindowOp *w = (WindowOp *)op;
    w->seq = de_u64(in);
    Arena tmp;
    arena_init(&tmp, 4096);
    for (int k = 0; k < w->nwins && de_ok(in); k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        uint64_t nparts = de_count(in, 3);
        Partition **parts = mem_calloc((size_t)(nparts ? nparts : 1), sizeof *parts);
        for (uint64_t i = 0; i < nparts && de_ok(in); i++) {
            arena_reset(&tmp);
            for (int j = 0; j < pw->npartition; j++) win->keys[j] = de_value(in, pw->partition[j]->type, &tmp);
            Partition *p = parts[i] = op_window_partition(w, win, exec_hash_keys(pw->partition, pw->npartition, win->keys), win->keys);
            p->last_rowtime = de_i64(in);
            uint64_t nrows = de_count(in, 2);
            for (uint64_t r = 0; r < nrows && de_ok(in); r++) {
                Entry *e = ring_push(&p->rows);
                e->rowtime = de_i64(in);
                e->seq = de_u64(in);
                for (int c = 0; c < pw->ncalls; c++) {
                    if (only_nullness(win, c)) {
                        *entry_arg(win, e, c) = de_u64(in) ? val_null() : val_str("", 0);
                        continue;
                    }
                    Value v = de_value(in, arg_type(win, c), &tmp);
                    *entry_arg(win, e, c) = win->copy_arg[c] ? op_window_keep(w, arg_type(win, c), &v) : v;
                }
            }
            for (int c = 0; c < pw->ncalls && de_ok(in); c++) {
                if (win->ops[c] && win->ops[c]->inverse) win->ops[c]->restore(p->state + win->offsets[c], pw->calls[c], in, &tmp);
                if (!win->ops[c] && win->kind[c] == AN_EXP_AVG) {
                    double *sums = (double *)(p->state + win->offsets[c]);
                    sums[0] = de_f64(in), sums[1] = de_f64(in), sums[2] = de_f64(in), p->exp_base[c] = de_f64(in);
                }
                uint64_t nd = de_count(in, 1);
                for (uint64_t d = 0; d < nd && de_ok(in); d++) {
                    uint64_t seq = de_u64(in);
                    const Entry *e = entry_at_seq(p, seq);
                    if (!e) {
                        de_fail(in, "a sliding window's deque names a row it does not hold");
                        break;
                    }
                    SeqValue *sv = ring_push(&p->deques[c]);
                    sv->seq = seq;
                    sv->v = *entry_arg(win, e, c);   /* shares the entry's kept bytes, as add_row does */
                }
            }
        }
        for (int c = 0; c < pw->ncalls && de_ok(in); c++) {
            if (!win->distinct[c]) continue;
            uint64_t n = de_count(in, 3);
            for (uint64_t j = 0; j < n && de_ok(in); j++) {
                uint64_t pi = de_u64(in);
                int64_t count = de_i64(in);
                Value v = de_value(in, arg_type(win, c), &tmp);
                if (pi >= nparts || count <= 0 || v.null) {
                    de_fail(in, "a DISTINCT count of a sliding window does not fit it");
                    break;
                }
                op_window_count_in(w, win, c, parts[pi], &v);
                DistinctCount *dc = op_window_find_count(&win->counts[c], arg_type(win, c), parts[pi], &v,
                                               op_window_count_hash(arg_type(win, c), parts[pi], &v));
                dc->n = count;
            }
        }
        mem_free(parts);
    }
    arena_free(&tmp);
    return de_ok(in);
}

