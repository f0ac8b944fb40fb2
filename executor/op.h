/* The floor under the operators: the interface every operator implements
 * (struct Op), the state of the running application they read (Exec,
 * ExStream), and the services they call back into (runtime.c): inserting
 * into a stream, reporting a row's error, passing time on, evaluating.
 * Operators include this header (through operators.h, their own
 * constructors) and nothing above it; the builder (build.c) and the run
 * loop (exec.c) sit on top. exec_tick is also the programs' (exec.h). */
#ifndef EDDY_OP_H
#define EDDY_OP_H
#include <stdbool.h>
#include <stdint.h>

#include "planner/plan.h"
#include "src/runtime/arena.h"
#include "src/runtime/buf.h"
#include "src/runtime/expr.h"
#include "src/runtime/serial.h"
#include "src/runtime/value_key.h"
#include "functions/registry.h"

typedef struct Exec Exec;
typedef struct Op Op;

/* One row of the error stream (DIALECT section 7, plus where it came from). */
typedef struct ErrorRow {
    const char *name;          /* ERROR_NAME */
    const char *message;
    const char *stream;        /* the stream the row was read from */
    const char *pump;          /* PUMP_NAME, NULL for input errors */
    bool has_rowtime;
    int64_t data_rowtime;
    const char *data;          /* DATA_ROW as text (raw input line) */
    size_t data_len;
    const Schema *schema;      /* or: the row itself, rendered as JSON */
    const Row *row;
    uint64_t line;             /* input line number, 0 if unknown */
    const char *origin;        /* where the record is in its source (Kinesis "SHARD:SEQUENCE"), or NULL */
} ErrorRow;

typedef void (*ErrorSinkFn)(void *ctx, const ErrorRow *e);
typedef void (*RowSinkFn)(void *ctx, const CatStream *s, const Row *row);

struct Op {
    void (*push)(Op *op, Row *row);
    void (*flush)(Op *op);        /* end of input */
    void (*close)(Op *op);        /* release what the operator allocated */
    /* time has reached t on the input with no row: windows ending by t may
     * close; NULL passes the tick downstream */
    void (*tick)(Op *op, int64_t t);
    /* Optional, with tick: the earliest time a tick could change anything
     * here or downstream, asked right after a tick. Rows tick their stream
     * on every new ROWTIME; those before the least due of the stream's
     * readers skip the tick. It must never be later than the truth until
     * the next tick asks again, pushes included: an operator whose push
     * may make an earlier tick matter says INT64_MIN. NULL: INT64_MIN. */
    int64_t (*tick_due)(const Op *op);
    /* Checkpoints: the operator's state out, and back into a new operator
     * of the same plan. NULL save on an operator that keeps state between
     * rows means it cannot be checkpointed yet. */
    void (*save)(Op *op, Buf *out);
    bool (*restore)(Op *op, SerialIn *in);
    bool stateless;               /* keeps nothing from one row to the next */
    uint8_t next_timed;           /* exec_tick_next's answer for next: 0 not known yet, 1 no, 2 yes */
    Op *next;                     /* downstream */
    const PlanNode *node;
    const PlanPump *pump;
    Exec *ex;
};

typedef struct ExStream {
    const CatStream *cat;
    bool any;                     /* has it seen a row? */
    int64_t last_rowtime;
    Op **readers;
    int nreaders;
    RowSinkFn sink;
    void *sink_ctx;
    uint64_t rows;
    uint64_t sent;                /* rows given to the sink (a LIMIT counts them) */
    int8_t timed;                 /* some operator downstream closes windows on time: 1 yes, 0 no, -1 not known yet */
    int64_t tick_due;             /* a row's tick before this time goes nowhere (see Op.tick_due) */
    bool has_notnull;             /* some column is NOT NULL: rows inserted by pumps are checked */
    bool multi_writer;            /* more than one pump writes it */
    bool hold_at_flush;           /* end of input: its rows wait to go in by ROWTIME (see flush_pumps) */
    struct HeldRow *held;         /* rows inserted while held (see exec_insert), oldest first */
    int nheld, capheld;
    bool tick_held;               /* a tick from a writer waits with the held rows */
    int rank;                     /* how many pumps upstream: held rows go in upstream first */
    int64_t held_tick;
} ExStream;

typedef struct ExecStats {
    uint64_t errors;
    uint64_t output_rows;
} ExecStats;

struct Exec {
    const PlanApp *app;
    ExStream *streams;
    int nstreams;
    Arena state;                  /* operators and their lasting state */
    Arena *record;                /* the current record's arena */
    int64_t now;                  /* processing time of the current record */
    int64_t started;              /* when the application started (CURRENT_TIMESTAMP) */
    uint64_t line;                /* input line of the current record */
    ErrorSinkFn on_error;
    void *error_ctx;
    ExecStats stats;
    Op **ops;
    int nops, capops;
    bool holding;                 /* flushing: inserts are held per stream (see flush_pumps) */
    int ticking;                  /* depth of ticks under way */
    int releasing;                /* depth of releases of held rows under way */
    bool any_held;                /* some stream holds rows or a tick */
    bool any_multi_writer;        /* some stream has more than one writer pump */
    bool any_limited;             /* some stream is a bare query's with a LIMIT */
    Arena held;                   /* the held rows' values */
};

/* No row has arrived on `stream` and its time (arrival time) is now t:
 * operators close the windows that have ended, and pass the tick on. */
void exec_tick(Exec *ex, int stream, int64_t t);
void exec_tick_op(Op *op, int64_t t);
/* Whether a tick passed on to op could change anything: some operator at
 * or after op closes windows on time (fixed once the operators are built),
 * or rows and times of a stream may be held. An operator that ticks on
 * every row skips passing on the ticks that would go nowhere. */
bool exec_chain_timed(Exec *ex, const Op *op);
static inline bool exec_tick_matters(const Exec *ex, int8_t chain_timed)
{
    return chain_timed || ex->any_multi_writer || ex->holding;
}
/* An operator's tick passed on to op->next, where it could change anything:
 * every row ticks, and most chains below have nothing to close on time. */
static inline void exec_tick_next(Op *op, int64_t t)
{
    if (!op->next_timed) op->next_timed = exec_chain_timed(op->ex, op->next) ? 2 : 1;
    if (exec_tick_matters(op->ex, op->next_timed == 2)) exec_tick_op(op->next, t);
}
/* Whether exec_tick_next passes ticks on (as asked by Op.tick_due). */
static inline bool exec_tick_next_matters(const Op *op)
{
    return op->next_timed != 1 || exec_tick_matters(op->ex, false);
}

/* For operators: a row into a stream, a row to the error stream. */
void exec_insert(Exec *ex, int stream, Row *row, const PlanPump *pump);
void exec_row_error(Exec *ex, const Op *op, const Row *row, const EvalError *err);
/* Checkpoints of operators that hold rows: reads `count` rows of schema s
 * and pushes each into op again (as they came), as its restore. */
bool exec_restore_rows(Op *op, SerialIn *in, const Schema *s, void (*push)(Op *op, Row *row));
/* The memory budget is used up: the row, which would need a new `what`
 * (a group, a partition, a window), goes to the error stream instead. */
void exec_memory_refused(Exec *ex, const Op *op, const Row *row, const char *what);
/* The same for a row the operator made (a window's result), shown in its own columns. */
void exec_output_error(Exec *ex, const Op *op, const Row *row, const EvalError *err);
/* Rows an operator lets go many at once (a window's groups at its close,
 * a sorted batch, what a tick releases): each row, and whatever the
 * operators and sinks downstream make of it, lives in the batch's arena
 * only until the next row, so closing a window of a million groups takes
 * one row's memory, not a million rows'. This holds because nothing
 * downstream keeps a row past its push without copying it: rows made from
 * a record die with the record's arena too. A batch set off again by one
 * of its own rows (pumps in a cycle) keeps the rows of the outer one. */
typedef struct RowBatch {
    Arena arena;
    int depth;
} RowBatch;
static inline Arena *exec_batch_begin(Exec *ex, RowBatch *b)
{
    Arena *was = ex->record;
    b->depth++;
    ex->record = &b->arena;
    return was;
}
/* The next row of the batch: the previous one and all made from it are gone. */
static inline Arena *exec_batch_row(Exec *ex, RowBatch *b)
{
    if (b->depth == 1) arena_reset(&b->arena);
    return ex->record = &b->arena;
}
static inline void exec_batch_end(Exec *ex, RowBatch *b, Arena *was)
{
    b->depth--;
    ex->record = was;
}
static inline void exec_eval_ctx(Exec *ex, EvalCtx *cx, const Row *row)
{
    cx->in[0] = row;
    cx->in[1] = NULL;
    cx->arena = ex->record;
    cx->now = ex->now;
    cx->start = ex->started;
    cx->out_rowtime = row->rowtime;
    cx->err.set = false;
}

/* Group and partition keys: the hash of a key tuple, and whether two are
 * the same key (NULLs equal to each other, as GROUP BY and PARTITION BY
 * group them). Inline: every record of a window operator uses them. */
static inline uint64_t exec_hash_keys(Expr *const *exprs, int n, const Value *k)
{
    uint64_t h = 0x12345678abcdefULL;
    for (int i = 0; i < n; i++) h = (h ^ val_key_hash(exprs[i]->type, &k[i])) * 0x100000001b3ULL;
    return h;
}

static inline bool exec_same_keys(Expr *const *exprs, int n, const Value *a, const Value *b)
{
    for (int i = 0; i < n; i++) {
        if (a[i].null || b[i].null) {
            if (a[i].null != b[i].null) return false;
            continue;
        }
        if (!val_same(exprs[i]->type, &a[i], &b[i])) return false;
    }
    return true;
}

/* RANDOM_CUT_FOREST and HOTSPOTS: the row's numeric columns (n->exprs, as
 * DOUBLE) into out[0..n->nexprs); a NULL, an error or a non-finite value
 * counts as 0. */
void exec_eval_point(Exec *ex, const PlanNode *n, const Row *row, double *out);

#endif
