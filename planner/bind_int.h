/* What the parts of the binder share: the state of one binding (Binder),
 * the scopes names resolve in, and the functions one part calls in
 * another. Only the binder's own files include this; the rest of eddy
 * sees bind.h. */
#ifndef EDDY_BIND_INT_H
#define EDDY_BIND_INT_H
#include "bind.h"
#include "functions/registry.h"
#include "src/runtime/namemap.h"

typedef struct ScopeRel {
    const char *alias;      /* qualifier: the alias, or the stream's name */
    bool alias_quoted;
    const char *also;       /* a second qualifier: the stream's own name when a join window's name is the first (JOIN s OVER w) */
    const Schema *schema;
    int input;              /* which input row of the evaluation context */
    int offset;             /* where its columns start in that row (joins concatenate rows) */
    bool has_arrival;       /* rows read from input carry APPROXIMATE_ARRIVAL_TIME */
    bool schemaless;        /* its columns are unknown (empty input): names bind to NULL */
    bool discovered;        /* its columns were discovered from JSON: its integers are JSON numbers */
    int rowtime_col;        /* > 0: its own ROWTIME is column rowtime_col - 1 of the row (a stream join carries both sides') */
} ScopeRel;

typedef struct Scope {
    ScopeRel rels[4];
    int n;
    int inner;              /* > 0 in a subquery: rels[inner..n) are its FROM, which unqualified names try first */
    bool in_select_list;    /* unqualified ROWTIME means the output row's time */
} Scope;

/* While binding the select list and HAVING of an aggregate query: what
 * the rows coming out of the aggregation hold. */
typedef struct AggScope {
    const Scope *input;     /* the scope the GROUP BY keys were bound in */
    Expr **keys;
    int nkeys;
    const AstExpr **agg_ast;/* the aggregate calls, by AST node */
    Expr **aggs;
    int naggs, cap;
    const Schema *out;      /* keys then aggregates */
} AggScope;

/* While binding the select list of a query with OVER: the analytic calls,
 * each a column after the input's own in the rows the windows emit. */
typedef struct WinScope {
    const AstExpr **call_ast;
    Expr **calls;
    int *window;            /* which PlanWindow each call belongs to */
    int ncalls, cap;
    int ninput;             /* columns of the input row */
    PlanWindow *windows;
    int nwindows, capw;
} WinScope;

/* An index of a wide schema's column names (see bind_column). */
typedef struct ColumnIndex {
    const Column *cols;     /* the schema it indexes, by its columns */
    int ncols;
    NameMap exact;          /* name -> column */
    NameMap folded;         /* upper-cased name -> column, or -2 if several */
} ColumnIndex;

typedef struct Binder {
    PlanApp *app;
    const struct AstSelect *select;  /* whose FROM is being bound: join windows may name its WINDOW clause */
    bool bare_query;        /* the next SELECT is a statement of its own, which must say STREAM */
    const char *clause;     /* "WHERE" or "ON" while binding one: it filters single rows */
    Arena *arena;           /* the plan arena */
    DiagList *diag;
    const BindOptions *opt;
    PlanPump *pump;         /* the pump being bound: collects its sources */
    AggScope *agg;          /* set while binding over aggregated rows */
    WinScope *win;          /* set while binding the select list of a query with OVER */
    const UserFn *ufn;      /* set while inlining a user function's body */
    Expr **ufn_args;        /* its arguments, bound at the call site */
    int ufn_depth;
    ColumnIndex colidx[4];  /* the wide schemas looked into last */
    int next_colidx;
    uint32_t pos_off, pos_bol;   /* bind_position: where it last stopped, and that line's start */
    int pos_line;
    int depth;              /* of bind_expr calls under way */
    bool depth_reported;    /* "too deep" was said for the expression being bound */
} Binder;

/* bind_scope.c: names */
FnCtx bind_fnctx(Binder *b, Span span);
/* schema_lookup, through an index for a wide schema: a select list naming
 * each of 100,000 columns must not compare each name with every column. */
int bind_column(Binder *b, const Schema *s, const char *name, bool quoted);
void bind_free_column_indexes(Binder *b);
/* diag_position, going on from the last position asked (statements are
 * bound in order): naming each of 100,000 statements by its line must not
 * count the lines from the start each time. 0:0 without a source. */
void bind_position(Binder *b, uint32_t off, int *line, int *col);
bool bind_is_word(const AstName *n, const char *w);
const ScopeRel *bind_find_rel(const Scope *sc, const AstName *q);
Expr *bind_name(Binder *b, const Scope *sc, const AstExpr *a);

/* bind_expr.c: expressions */
const UserFn *bind_find_user_fn(const PlanApp *app, const AstName *n);
Expr *bind_expr(Binder *b, const Scope *sc, const AstExpr *a);
Expr *bind_condition(Binder *b, const Scope *sc, const AstExpr *a, const char *clause);

/* bind_temporal.c: predicates that stand for comparisons */
Expr *bind_row_in(Binder *b, const Scope *sc, const AstExpr *a);
Expr *bind_period_pred(Binder *b, const Scope *sc, const AstExpr *a);

/* bind_query.c: FROM items, VALUES and combined queries */
PlanNode *bind_new_node(Binder *b, PlanKind kind, Span span, int ninputs);
const char *bind_from_alias(const AstFrom *f, const char *dflt, bool *quoted);
const Schema *bind_rename_columns(Binder *b, const AstFrom *f, const Schema *in);
bool bind_is_relation(const Binder *b, const PlanNode *n);
PlanNode *bind_from(Binder *b, const AstFrom *f, Scope *sc);
PlanNode *bind_values(Binder *b, const AstSelect *q);
PlanNode *bind_setop(Binder *b, const AstSelect *q);
PlanNode *bind_query(Binder *b, const AstSelect *q);

/* bind_select.c: one SELECT */
bool bind_distinct(Binder *b, PlanNode *p, int nvisible, const PlanNode *below, Span span, bool relation);
PlanNode *bind_select(Binder *b, const AstSelect *q);

/* bind_join.c */
PlanNode *bind_join(Binder *b, const AstFrom *f, Scope *sc);

/* bind_tablefn.c */
PlanNode *bind_table_fn(Binder *b, const AstFrom *f, Scope *sc);

/* bind_agg.c: GROUP BY and stagger windows */
bool bind_ast_has_aggregate(const AstExpr *a);
Expr *bind_aggregated(Binder *b, const Scope *sc, const AstExpr *a, bool *handled);
PlanNode *bind_grouping(Binder *b, const AstSelect *q, Scope *sc, PlanNode *input, AggScope *g);

/* bind_window.c: sliding windows (OVER) */
bool bind_ast_has_over(const AstExpr *a);
const AstWindowDef *bind_find_window_def(const AstSelect *q, const AstName *n);
bool bind_is_rowtime_ref(const AstExpr *e);
bool bind_make_window(Binder *b, const Scope *sc, const AstWindowSpec *w, PlanWindow *out);
PlanNode *bind_windows(Binder *b, const AstSelect *q, const Scope *sc, PlanNode *input, WinScope *w);

#endif
