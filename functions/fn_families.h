/* What each family exports to the registry above it: its table, and the
 * accumulators that registry.h's fn_agg_ops picks besides a table's own. */
#ifndef EDDY_FN_FAMILIES_H
#define EDDY_FN_FAMILIES_H
#include "fn_check.h"

extern const FnDef fn_math_table[];
extern const int fn_math_count;
extern const FnDef fn_string_table[];
extern const int fn_string_count;
extern const FnDef fn_regex_table[];
extern const int fn_regex_count;
extern const FnDef fn_time_table[];
extern const int fn_time_count;
extern const FnDef fn_null_table[];
extern const int fn_null_count;
extern const FnDef fn_logparse_table[];
extern const int fn_logparse_count;
extern const FnDef fn_analytic_table[];
extern const int fn_analytic_count;
extern const FnDef fn_agg_table[];
extern const int fn_agg_count;

/* wraps an aggregate so each distinct value is stepped once (GROUP BY, stagger) (fn_agg.c) */
extern const AggOps fn_agg_distinct_ops;

/* An analytic function that, without OVER, also aggregates the rows of a
 * GROUP BY or stagger window (FIRST_VALUE, LAST_VALUE); NULL for others
 * (fn_analytic.c). */
const AggOps *fn_group_agg_ops(const FnDef *def);

/* STEP(x BY width) of a constant width in x's own units (milliseconds of
 * a TIMESTAMP, or an integer): x, with *width set; NULL for any other
 * expression. Operators that evaluate a window key on every row compute
 * floor_div(x, width) * width themselves, as STEP does (fn_math.c). */
const Expr *fn_step_fixed(const Expr *e, int64_t *width);

#endif
