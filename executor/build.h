/* Building operators from the plan (build.c), for the run loop. */
#ifndef EDDY_BUILD_H
#define EDDY_BUILD_H
#include "op.h"

/* Operators for node n of pump p and its inputs; `next` receives n's rows
 * (NULL for the root). Each operator is kept in ex->ops, in build order. */
void exec_build(Exec *ex, const PlanPump *p, const PlanNode *n, Op *next);

#endif
