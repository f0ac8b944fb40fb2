/* Window analysis: which expressions only grow with ROWTIME, and where a
 * tumbling window keyed on one of them ends. */
#ifndef EDDY_WINDOW_H
#define EDDY_WINDOW_H
#include <stdbool.h>

#include "plan.h"

/* True when e never decreases as ROWTIME advances: ROWTIME itself, FLOOR,
 * CEIL and STEP of such an expression, adding or subtracting a constant,
 * multiplying or dividing by a positive constant, CAST, and MONOTONIC(x). */
bool win_is_monotonic(const Expr *e);

/* The end of the window whose key is `key`'s value: STEP(ROWTIME BY d) ends
 * d later, FLOOR(ROWTIME TO unit) one unit later; otherwise unknown. */
WindowEnd win_end_of(const Expr *key);

#endif
