/* The read-only plan: per pump, a tree of nodes from the streams it reads
 * up to the stream it writes. The executor keeps all mutable state apart. */
#ifndef EDDY_PLAN_H
#define EDDY_PLAN_H
#include <stdbool.h>
#include <stdio.h>

#include "src/runtime/diag.h"
#include "src/runtime/expr.h"
#include "src/runtime/schema.h"
#include "catalog.h"

typedef enum PlanKind {
    PN_SCAN,      /* rows of a stream */
    PN_FILTER,    /* WHERE */
    PN_PROJECT,   /* select list, and the conversions into a target stream */
    PN_UNION,     /* UNION ALL of several inputs */
    PN_SETOP,     /* INTERSECT / EXCEPT of two relations: the left's distinct rows found / not found on the right */
    PN_AGGREGATE, /* GROUP BY over a monotonic key: a tumbling window */
    PN_WINDOW,    /* OVER: sliding windows; emits the input row plus the analytic values */
    PN_SORT,      /* ORDER BY: buffers rows while the leading (monotonic) key stays the same */
    PN_JOIN,      /* stream JOIN reference table: stream row ++ matching table row */
    PN_TABLEFN,   /* TOP_K_ITEMS_TUMBLING / COUNT_DISTINCT_ITEMS_TUMBLING over a cursor */
    PN_INSERT,    /* into an in-application stream (pump) or the output of a bare query */
} PlanKind;

/* The end of a tumbling window, from the value of its monotonic key. */
typedef struct WindowEnd {
    enum { END_UNKNOWN, END_PLUS_MS, END_PLUS_MONTHS, END_SCALED_MS } kind;
    bool inclusive;      /* rows at the end instant still belong (CEIL): it closes only after it */
    int64_t amount;      /* milliseconds or months */
    /* END_SCALED_MS, for a key that counts intervals of ROWTIME since an
     * origin: end = origin + (key + amount) * scale */
    int64_t origin, scale;
} WindowEnd;

/* One sliding window of a query and the calls computed over it. */
typedef struct PlanWindow {
    Expr **partition;
    int npartition;
    enum { WF_ROWS, WF_RANGE } kind;
    int64_t size;        /* RANGE: milliseconds before the row; ROWS: rows before it */
    Expr **calls;        /* aggregate or analytic calls; args bound to the input row */
    int ncalls;
    int *slots;          /* output column of each call */
    Span span;
} PlanWindow;

typedef struct PlanNode PlanNode;
struct PlanNode {
    PlanKind kind;
    PlanNode **inputs;
    int ninputs;
    Schema out;          /* the rows this node emits */
    Span span;
    int stream;          /* PN_SCAN: stream read; PN_INSERT: stream written */
    Expr *pred;          /* PN_FILTER */
    Expr **exprs;        /* PN_PROJECT: one per output column */
    int nexprs;
    Expr *rowtime;       /* PN_PROJECT: expr AS ROWTIME, or NULL */
    bool uses_out_rowtime; /* PN_PROJECT: some expr reads the output ROWTIME */
    /* PN_PROJECT of SELECT STREAM DISTINCT: a row leaves only if no row since
     * distinct_mono last changed had the same distinct_keys (each one of
     * exprs); distinct_mono NULL means the output ROWTIME */
    bool distinct;
    Expr **distinct_keys;
    int ndistinct;
    Expr *distinct_mono;
    /* PN_AGGREGATE: emits rows of keys then aggregate values */
    Expr **keys;
    int nkeys;
    int mono_key;        /* the key whose change closes the window (tumbling) */
    bool mono_either_way; /* that key is MONOTONIC(x), which may also descend */
    bool except;         /* PN_SETOP: EXCEPT (else INTERSECT) */
    int64_t stagger;     /* WINDOWED BY STAGGER: window length in ms, else 0 */
    Expr **aggs;         /* aggregate calls; args bound to the input row */
    int naggs;
    WindowEnd end;       /* how the window's end (the rows' ROWTIME) follows from the key */
    /* PN_WINDOW */
    PlanWindow *windows;
    int nwindows;
    /* PN_SORT: keys are columns of the input row; out drops the hidden ones */
    int *sort_cols;
    bool *sort_desc;
    int nsort;
    bool sort_by_rowtime;  /* the leading key is ROWTIME: time passing completes a batch */
    bool sort_by_window;   /* the leading key is the window key of the GROUP BY below: a window's rows come at once */
    bool sort_whole;       /* ORDER BY over a relation: all its rows are one batch */
    int *emit_cols;        /* the input columns the sorted rows carry on */
    int nemit;
    int64_t within;        /* ORDER BY key WITHIN slack: the slack in ms (the key is the row's ROWTIME), else -1 */
    /* PN_JOIN: stream = the table; pred = ON (input 0 the stream row, input 1 the table row);
     * keys/build_keys = equality pairs that index the table */
    Expr **build_keys;
    bool join_left;        /* LEFT or FULL: left rows that meet nothing leave with NULLs */
    bool join_right;       /* stream joins, RIGHT or FULL: the same for right rows */
    /* PN_JOIN of two streams (two inputs): the window each side keeps */
    bool windowed[2];
    int win_kind[2];       /* WF_ROWS or WF_RANGE */
    int64_t win_size[2];
    int64_t win_follow[2]; /* RANGE ... FOLLOWING: ms ahead; the other side's rows wait that long */
    /* PN_TABLEFN */
    bool tf_topk;
    bool tf_rcf;           /* RANDOM_CUT_FOREST: exprs = the numeric columns as DOUBLE */
    int rcf_trees, rcf_sample, rcf_shingle;
    int64_t rcf_decay, rcf_seed;
    bool rcf_explain, rcf_direction;   /* RANDOM_CUT_FOREST_WITH_EXPLANATION, withDirectionality */
    int *tf_cols;          /* RANDOM_CUT_FOREST: the cursor column of each expr */
    bool tf_hotspots;      /* HOTSPOTS: exprs = the numeric columns as DOUBLE */
    bool tf_group_rank;    /* GROUP_RANK: rank column, directions, maxIdle ms, outputMax */
    int gr_col, gr_max;
    bool gr_desc, gr_output_desc;
    int64_t gr_idle;
    int hs_window, hs_min_points;
    double hs_radius;
    int tf_col, tf_k;
    int64_t tf_window;     /* ms */
};

typedef struct PlanPump {
    const char *name;    /* pump name; "SELECT STREAM" for a bare query */
    PlanNode *root;      /* a PN_INSERT */
    int target;          /* stream id */
    int *sources;        /* stream ids read */
    int nsources;
    Span span;
} PlanPump;

/* CREATE FUNCTION: an SQL expression with parameters, inlined at each call. */
typedef struct UserFn {
    const char *name;
    int nparams;
    const char **params;
    bool *params_quoted;
    SqlType *types;
    SqlType ret;
    const void *body;    /* the AstExpr of RETURN, kept with the statements */
    bool null_on_null;   /* RETURNS NULL ON NULL INPUT */
} UserFn;

typedef struct PlanApp {
    Arena arena;         /* plan nodes and bound expressions */
    Catalog cat;
    PlanPump **pumps;
    int npumps, cap;
    UserFn *fns;
    int nfns, capfns;
} PlanApp;

void plan_app_init(PlanApp *app);
void plan_app_free(PlanApp *app);

/* Text form of a pump's plan, for EXPLAIN and tests. */
void plan_dump(const PlanApp *app, const PlanPump *p, FILE *out);
/* The application as a graph of streams and pumps: one line per pump
 * ("A, B -> [P] -> T"), or Graphviz dot. */
void plan_graph(const PlanApp *app, bool dot, FILE *out);

#endif
