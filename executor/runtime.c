/* The services operators call (op.h) and the run loop's ways into them
 * (runtime.h): a row goes into a stream (exec_insert), to its readers and
 * sink, in ROWTIME order, with the rows held while ticks close windows or
 * while the end of input flushes pumps, and released by ROWTIME; time
 * reaches the operators (exec_tick); rows that fail go to the error stream. */
#include "runtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"

void exec_emit_error(Exec *ex, const ErrorRow *e)
{
    ex->stats.errors++;
    if (ex->on_error) ex->on_error(ex->error_ctx, e);
}

static inline bool stream_timed(Exec *ex, int stream);

static bool chain_timed(Exec *ex, const Op *op)
{
    for (; op; op = op->next) {
        if (op->tick) return true;
        if (op->node->kind == PN_INSERT) return stream_timed(ex, op->node->stream);
    }
    return false;
}

bool exec_chain_timed(Exec *ex, const Op *op) { return chain_timed(ex, op); }

static __attribute__((noinline)) bool stream_timed_first(Exec *ex, ExStream *s)
{
    s->timed = 0;
    for (int i = 0; i < s->nreaders; i++)
        if (chain_timed(ex, s->readers[i])) s->timed = 1;
    return s->timed;
}

/* Asked for every row: the answer is kept, and read inline once it is known. */
static inline bool stream_timed(Exec *ex, int stream)
{
    ExStream *s = &ex->streams[stream];
    return s->timed >= 0 ? s->timed : stream_timed_first(ex, s);
}

void exec_deliver(Exec *ex, ExStream *s, Row *row)
{
    /* Time moves before the row does: windows that end by this row's time
     * close first, so what they emit comes ahead of the row in every stream
     * downstream, whichever pump was created first. */
    if (s->any && row->rowtime > s->last_rowtime && (row->rowtime >= s->tick_due || ex->holding) &&
        stream_timed(ex, (int)(s - ex->streams)))
        exec_tick(ex, (int)(s - ex->streams), row->rowtime);
    s->any = true;
    s->last_rowtime = row->rowtime;
    s->rows++;
    for (int i = 0; i < s->nreaders; i++) s->readers[i]->push(s->readers[i], row);
    if (s->sink && !(s->cat->limited && s->sent >= s->cat->limit)) {
        s->sent++;
        ex->stats.output_rows++;
        s->sink(s->sink_ctx, s->cat, row);
    }
}

static void late_message(char *buf, size_t size, const CatStream *s, int64_t t, int64_t last)
{
    char a[40], b[40];
    a[time_format_timestamp(t, a)] = 0;
    b[time_format_timestamp(last, b)] = 0;
    if (s->anonymous)
        snprintf(buf, size, "ROWTIME %s is earlier than the last ROWTIME %s of the rows of %s (rows must stay in ROWTIME order)",
                 a, b, s->name);
    else
        snprintf(buf, size, "ROWTIME %s is earlier than the last ROWTIME %s of stream \"%s\" (rows must arrive in ROWTIME order)",
                 a, b, s->name);
}

void exec_late_input(Exec *ex, const ExStream *s, const Row *row, const char *raw, size_t rawlen)
{
    char msg[300];
    late_message(msg, sizeof msg, s->cat, row->rowtime, s->last_rowtime);
    ErrorRow e = {.name = "LATE_ROW", .message = msg, .stream = s->cat->name, .has_rowtime = true,
                  .data_rowtime = row->rowtime, .data = raw, .data_len = rawlen, .line = row->recno};
    exec_emit_error(ex, &e);
}

typedef struct HeldRow {
    Row row;
    const PlanPump *pump;
    uint32_t seq;                 /* arrival order, for equal ROWTIMEs */
    int stream;                   /* the stream it waits for */
} HeldRow;

/* Whether a row inserted into s now waits: at end of input in the streams
 * flush_pumps holds, and while a tick (or the release of what a tick held)
 * is under way in a stream that several writers fill. */
static inline bool holds(const Exec *ex, const ExStream *s)
{
    return (ex->holding && s->hold_at_flush) || ((ex->ticking || ex->releasing) && s->multi_writer);
}

/* A row a flush inserts waits, copied, until the stream's writers are all flushed. */
static __attribute__((noinline)) void hold(Exec *ex, ExStream *s, const Row *row, const PlanPump *pump)
{
    if (s->nheld == s->capheld) {
        s->capheld = s->capheld ? s->capheld * 2 : 64;
        s->held = mem_realloc(s->held, sizeof *s->held * (size_t)s->capheld);
    }
    HeldRow *h = &s->held[s->nheld];
    h->seq = (uint32_t)s->nheld++;
    h->stream = (int)(s - ex->streams);
    ex->any_held = true;
    h->row = *row;
    h->row.recno = ex->line;
    h->pump = pump;
    h->row.v = arena_alloc(&ex->held, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    const Schema *sch = &s->cat->schema;
    for (int c = 0; c < row->n; c++)
        h->row.v[c] = c < sch->ncols ? val_copy(sch->cols[c].type, &row->v[c], &ex->held) : row->v[c];
}

static inline __attribute__((always_inline)) void insert_now(Exec *ex, ExStream *s, Row *row, const PlanPump *pump);

void exec_insert(Exec *ex, int stream, Row *row, const PlanPump *pump)
{
    ExStream *s = &ex->streams[stream];
    /* While a tick closes windows, the rows that several pumps' windows
     * release into one stream wait, and go in by ROWTIME when the tick is
     * done: the pumps' windows end at different times, and the reader
     * order would otherwise let a later row in first, making the earlier
     * one late. Flushing at end of input holds every stream's rows. */
    if (holds(ex, s)) {
        hold(ex, s, row, pump);
        return;
    }
    insert_now(ex, s, row, pump);
}

static inline __attribute__((always_inline)) void insert_now(Exec *ex, ExStream *s, Row *row, const PlanPump *pump)
{
    if (s->any && row->rowtime < s->last_rowtime) {
        char msg[300];
        late_message(msg, sizeof msg, s->cat, row->rowtime, s->last_rowtime);
        ErrorRow e = {.name = "LATE_ROW", .message = msg, .stream = s->cat->name, .pump = pump ? pump->name : NULL,
                      .has_rowtime = true, .data_rowtime = row->rowtime, .schema = &s->cat->schema, .row = row,
                      .line = ex->line};
        exec_emit_error(ex, &e);
        return;
    }
    /* NOT NULL holds for rows a pump inserts too (the KDA guide: copy rows
     * into a stream created with NOT NULL and the constraint is enforced) */
    for (int c = 0; s->has_notnull && c < s->cat->schema.ncols && c < row->n; c++) {
        const Column *col = &s->cat->schema.cols[c];
        if (!col->type.notnull || !row->v[c].null) continue;
        char msg[300];
        snprintf(msg, sizeof msg, "column %s of stream %s is NOT NULL but the row's value is null", col->name, s->cat->name);
        ErrorRow e = {.name = "NOT_NULL", .message = msg, .stream = s->cat->name, .pump = pump ? pump->name : NULL,
                      .has_rowtime = true, .data_rowtime = row->rowtime, .schema = &s->cat->schema, .row = row,
                      .line = ex->line};
        exec_emit_error(ex, &e);
        return;
    }
    exec_deliver(ex, s, row);
}

static void row_error(Exec *ex, const Op *op, const Row *row, const EvalError *err, const Schema *schema)
{
    const PlanNode *in = op->node->ninputs ? op->node->inputs[0] : op->node;
    const char *stream = NULL;
    /* name the stream the pump reads when the row comes straight from it */
    while (in->kind != PN_SCAN && in->ninputs == 1) in = in->inputs[0];
    if (in->kind == PN_SCAN) stream = ex->app->cat.streams[in->stream]->name;
    ErrorRow e = {.name = err->name ? err->name : "RUNTIME", .message = err->msg, .stream = stream,
                  .pump = op->pump ? op->pump->name : NULL, .has_rowtime = true, .data_rowtime = row->rowtime,
                  .schema = schema, .row = row, .line = ex->line};
    exec_emit_error(ex, &e);
}

void exec_row_error(Exec *ex, const Op *op, const Row *row, const EvalError *err)
{
    row_error(ex, op, row, err, op->node->ninputs ? &op->node->inputs[0]->out : &op->node->out);
}

void exec_output_error(Exec *ex, const Op *op, const Row *row, const EvalError *err)
{
    row_error(ex, op, row, err, &op->node->out);
}

static int held_order(const void *a, const void *b)
{
    const HeldRow *x = a, *y = b;
    if (x->row.rowtime != y->row.rowtime) return x->row.rowtime < y->row.rowtime ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;   /* equal ROWTIMEs keep the order they came in */
}

/* The rows held for stream i go in, in ROWTIME order. */
void exec_release_held(Exec *ex, int i)
{
    ExStream *s = &ex->streams[i];
    if (!s->nheld) return;
    HeldRow *rows = s->held;
    int n = s->nheld;
    s->held = NULL;
    s->nheld = s->capheld = 0;
    qsort(rows, (size_t)n, sizeof *rows, held_order);
    ex->releasing++;
    for (int k = 0; k < n; k++) {
        ex->line = rows[k].row.recno;
        insert_now(ex, s, &rows[k].row, rows[k].pump);
    }
    ex->releasing--;
    mem_free(rows);
}

/* A tick is done: the streams it held take their rows, then its time,
 * upstream streams first, so a stream's rows are all in before its
 * readers' rows are released downstream. What the release itself sends
 * into streams of several writers is held too and taken in turn. */
void exec_release_tick_held(Exec *ex)
{
    ex->releasing++;
    for (;;) {
        int pick = -1;
        for (int i = 0; i < ex->nstreams; i++) {
            const ExStream *s = &ex->streams[i];
            if ((s->nheld || s->tick_held) && (pick < 0 || s->rank < ex->streams[pick].rank)) pick = i;
        }
        if (pick < 0) break;
        ExStream *s = &ex->streams[pick];
        exec_release_held(ex, pick);
        if (s->tick_held) {
            s->tick_held = false;
            exec_tick(ex, pick, s->held_tick);
        }
    }
    ex->releasing--;
    ex->any_held = false;
    if (!ex->releasing) arena_reset(&ex->held);
}

void exec_release_all_held(Exec *ex)
{
    int n = 0;
    for (int i = 0; i < ex->nstreams; i++) n += ex->streams[i].nheld;
    if (!n) return;
    HeldRow *rows = mem_calloc((size_t)n, sizeof *rows);
    int k = 0;
    for (int i = 0; i < ex->nstreams; i++) {
        ExStream *s = &ex->streams[i];
        for (int j = 0; j < s->nheld; j++) rows[k] = s->held[j], rows[k].seq = (uint32_t)k, k++;
        mem_free(s->held);
        s->held = NULL;
        s->nheld = s->capheld = 0;
    }
    /* ties keep stream order, then arrival order */
    qsort(rows, (size_t)n, sizeof *rows, held_order);
    ex->releasing++;
    for (int i = 0; i < n; i++) {
        ex->line = rows[i].row.recno;
        insert_now(ex, &ex->streams[rows[i].stream], &rows[i].row, rows[i].pump);
    }
    ex->releasing--;
    mem_free(rows);
}

/* A writer's time reaches its stream; while the stream's rows are held,
 * the time waits with them, so no reader hears of a time before the rows
 * that come ahead of it. */
static void tick_from_writer(Exec *ex, int stream, int64_t t)
{
    ExStream *s = &ex->streams[stream];
    if (holds(ex, s)) {
        /* the stream's time is its slowest writer's: the least of their ticks */
        if (!s->tick_held || t < s->held_tick) s->held_tick = t;
        s->tick_held = true;
        ex->any_held = true;
        return;
    }
    exec_tick(ex, stream, t);
}

void exec_tick_op(Op *op, int64_t t)
{
    if (!op) return;
    if (op->tick) op->tick(op, t);
    else if (op->node->kind == PN_INSERT) {
        Exec *ex = op->ex;
        if (holds(ex, &ex->streams[op->node->stream])) tick_from_writer(ex, op->node->stream, t);
        else exec_tick(ex, op->node->stream, t);
    }
    else exec_tick_op(op->next, t);
}

/* A tick where rows may be held: the held rows go in once it is done. */
static __attribute__((noinline)) void tick_holding(Exec *ex, ExStream *s, int64_t t)
{
    bool outer = !ex->ticking && !ex->holding && !ex->releasing;
    ex->ticking++;
    for (int i = 0; i < s->nreaders; i++) exec_tick_op(s->readers[i], t);
    ex->ticking--;
    if (outer && ex->any_held) exec_release_tick_held(ex);
}

/* The earliest time a tick could change anything at op or downstream: the
 * first operator that takes ticks answers for the rest of its chain. */
static int64_t chain_due(Exec *ex, const Op *op)
{
    for (; op; op = op->next) {
        if (op->tick) return op->tick_due ? op->tick_due(op) : INT64_MIN;
        if (op->node->kind == PN_INSERT) return stream_timed(ex, op->node->stream) ? INT64_MIN : INT64_MAX;
    }
    return INT64_MAX;
}

void exec_tick(Exec *ex, int stream, int64_t t)
{
    ExStream *s = &ex->streams[stream];
    if (s->any && t < s->last_rowtime) return;
    if (ex->any_multi_writer || ex->holding) {
        s->tick_due = INT64_MIN;
        tick_holding(ex, s, t);
        return;
    }
    int64_t due = INT64_MAX;
    for (int i = 0; i < s->nreaders; i++) exec_tick_op(s->readers[i], t);
    /* asked after the tick: what it closed no longer counts */
    for (int i = 0; i < s->nreaders; i++) {
        int64_t d = chain_due(ex, s->readers[i]);
        if (d < due) due = d;
    }
    s->tick_due = due;
}

void exec_eval_point(Exec *ex, const PlanNode *n, const Row *row, double *out)
{
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    for (int i = 0; i < n->nexprs; i++) {
        Value v;
        expr_eval(n->exprs[i], &cx, &v);
        out[i] = cx.err.set || v.null || !isfinite(v.u.d) ? 0 : v.u.d;
        cx.err.set = false;
    }
}

void exec_memory_refused(Exec *ex, const Op *op, const Row *row, const char *what)
{
    static bool warned;
    EvalError err = {.set = true, .name = "MEMORY_LIMIT"};
    snprintf(err.msg, sizeof err.msg,
             "the memory budget (--max-memory, %zu MB) is used up: no new %s is opened for this row's key, and the row "
             "is not counted (the open ones go on)", mem_budget() >> 20, what);
    if (!warned) {
        warned = true;
        fprintf(stderr, "eddy: warning: the memory budget (%zu MB) is used up (%zu MB in use): rows that would open a new "
                        "%s go to the error stream as MEMORY_LIMIT until windows close and free memory\n",
                mem_budget() >> 20, mem_in_use() >> 20, what);
    }
    exec_row_error(ex, op, row, &err);
}

bool exec_restore_rows(Op *op, SerialIn *in, const Schema *s, void (*push)(Op *op, Row *row))
{
    uint64_t n = de_count(in, 4);
    Arena tmp;
    arena_init(&tmp, 4096);
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        Row row;
        arena_reset(&tmp);
        if (de_row(in, s, &row, &tmp)) push(op, &row);
    }
    arena_free(&tmp);
    return de_ok(in);
}
