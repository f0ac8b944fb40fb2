/* The function table: one row per built-in function, resolved once at
 * bind time. Operators (arithmetic, comparison, logic, CASE, CAST) have
 * builders in ops.h; they share the binding context and the evaluators'
 * conventions. The registry sits on top of the families (fn_families.h),
 * which build on fn_check.h: what a check function needs lives there. */
#ifndef EDDY_REGISTRY_H
#define EDDY_REGISTRY_H
#include "fn_check.h"
#include "fn_families.h"

const FnDef *fn_find(const char *name);

static inline const AggOps *fn_agg_ops(const FnDef *def, const Expr *call)
{
    return (call->flags & AGG_DISTINCT) ? &fn_agg_distinct_ops : def->agg ? def->agg : fn_group_agg_ops(def);
}
/* Calls f for every function, in name order. */
void fn_each(void (*f)(const FnDef *def, void *arg), void *arg);

#endif
