/* The operators' constructors, one per kind of plan node (build.c picks
 * which). Each returns an Op whose push, flush, tick and close the
 * operator sets; the builder fills in node, pump, ex and next. */
#ifndef EDDY_OPERATORS_H
#define EDDY_OPERATORS_H
#include "op.h"

Op *op_filter_new(Exec *ex, const PlanNode *n);
Op *op_project_new(Exec *ex, const PlanNode *n);
Op *op_union_new(Exec *ex, const PlanNode *n);
Op *op_insert_new(Exec *ex, const PlanNode *n);
Op *op_tumble_new(Exec *ex, const PlanNode *n);
Op *op_window_new(Exec *ex, const PlanNode *n);
Op *op_stagger_new(Exec *ex, const PlanNode *n);
Op *op_sort_new(Exec *ex, const PlanNode *n);
Op *op_reorder_new(Exec *ex, const PlanNode *n);
Op *op_join_new(Exec *ex, const PlanNode *n);
Op *op_join_streams_new(Exec *ex, const PlanNode *n);
/* the right stream of a stream-to-stream join reaches it through this */
Op *op_join_right_door(Exec *ex, Op *join);
Op *op_setop_new(Exec *ex, const PlanNode *n);
/* the right side of an INTERSECT / EXCEPT reaches it through this */
Op *op_setop_right_door(Exec *ex, Op *set);
Op *op_topk_new(Exec *ex, const PlanNode *n);
Op *op_rcf_new(Exec *ex, const PlanNode *n);
Op *op_hotspots_new(Exec *ex, const PlanNode *n);
Op *op_group_rank_new(Exec *ex, const PlanNode *n);

#endif
