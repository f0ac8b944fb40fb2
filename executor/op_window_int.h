/* The sliding window operator's state, shared by op_window.c (rows in and
 * out) and op_window_save.c (its checkpoints). */
#ifndef EDDY_OP_WINDOW_INT_H
#define EDDY_OP_WINDOW_INT_H
#include "src/runtime/hashtab.h"
#include "src/runtime/ring.h"
#include "src/runtime/slab.h"
#include "operators.h"

enum { AF_IGNORE_NULLS = 1, AF_FROM_LAST = 2 };   /* as functions/fn_analytic.c sets them */

/* One row in a window: its time, its position, the calls' argument values
 * (one per distinct argument: calls over the same column share it). */
typedef struct Entry {
    int64_t rowtime;
    uint64_t seq;
    Value args[];
} Entry;

typedef struct SeqValue {
    uint64_t seq;
    Value v;
} SeqValue;

typedef struct Partition {
    HashNode node;                     /* first: a key's node is its partition */
    struct Partition *older, *newer;   /* by last row, for dropping idle partitions */
    Value *keys;
    int64_t last_rowtime;
    Ring rows;                         /* Entry */
    Ring *deques;                      /* per call: MIN/MAX deque, or non-NULL values for IGNORE NULLS */
    double *exp_base;                  /* per call: EXP_AVG reference time (ms) */
    _Alignas(16) char state[];          /* aggregate states */
} Partition;

/* SUM(DISTINCT x) / AVG(DISTINCT x) OVER w: how many of a partition's rows
 * in the window hold a value. The aggregate takes the value when its count
 * goes from 0 to 1 and gives it back when the count returns to 0, so the
 * work per row is one lookup whatever the window holds. */
typedef struct DistinctCount {
    HashNode node;
    const struct Partition *part;
    int64_t n;
    Value v;
} DistinctCount;

/* How a call keeps its value, looked up once so that the per-row loops
 * take one branch per call: an aggregate that takes values back (not
 * DISTINCT, never stale), MIN or MAX over values the window does not copy,
 * or anything else (the general code). */
enum { HOW_INVERSE, HOW_MIN, HOW_MAX, HOW_OTHER };

/* What the per-row loops need of a call, in one place. */
typedef struct WinCall {
    const Expr *call;
    const Expr *arg;                   /* its first argument; NULL: none */
    const AggOps *ops;
    size_t off;                        /* its state in Partition.state */
    uint32_t slot;                     /* the output column */
    uint8_t how;                       /* HOW_* */
    bool dbl;                          /* the argument is REAL or DOUBLE */
    SqlType t;                         /* the argument's type */
} WinCall;

typedef struct Win {
    const PlanWindow *pw;
    WinCall *wc;                       /* per call */
    bool any_copy;                     /* some call's argument is copied (copy_arg) */
    int *argi;                         /* per call: its argument's index in Entry.args */
    const AggOps **ops;                /* per call; NULL for analytic functions */
    HashTable *counts;                 /* per call: DistinctCount by partition and value, for DISTINCT calls */
    bool *distinct;                    /* per call: SUM/AVG(DISTINCT x) */
    AnalyticKind *kind;                /* per call: the analytic function, looked up once */
    size_t *offsets;
    size_t state_size;
    uint32_t entry_size;
    HashTable parts;
    Partition *oldest, *newest;
    Partition *spare;                  /* pool of closed partitions, linked by older */
    size_t nspare;
    Value *keys;                       /* scratch */
    Value *args;                       /* scratch */
    bool *copy_arg;                    /* arguments whose bytes must be kept */
} Win;

typedef struct WindowOp {
    Op op;
    Win *wins;
    int nwins;
    int nslots;
    uint64_t seq;
    Slab slab;                         /* strings kept by windows */
} WindowOp;

/* Call c's argument in a row of the window. */
static inline Value *entry_arg(const Win *win, const Entry *e, int c)
{
    return (Value *)&e->args[win->argi[c]];
}

/* In op_window.c, for the checkpoints too. */
Value op_window_keep(WindowOp *w, SqlType t, const Value *v);
uint64_t op_window_count_hash(SqlType t, const Partition *p, const Value *v);
DistinctCount *op_window_find_count(HashTable *tab, SqlType t, const Partition *p, const Value *v, uint64_t h);
bool op_window_count_in(WindowOp *w, Win *win, int c, const Partition *p, const Value *v);
Partition *op_window_partition(WindowOp *w, Win *win, uint64_t h, const Value *keys);

/* op_window_save.c */
void op_window_save(Op *op, Buf *out);
bool op_window_restore(Op *op, SerialIn *in);

#endif
