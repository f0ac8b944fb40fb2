/* Binding: names to catalog objects, expressions to typed Exprs, queries
 * to plan nodes. */
#ifndef EDDY_BIND_H
#define EDDY_BIND_H
#include "parser/ast.h"
#include "plan.h"

typedef struct BindOptions {
    const char *const *inputs;   /* streams fed from outside */
    int ninputs;
} BindOptions;

/* Binds the statements of an application into app (streams, pumps, bare
 * queries), reporting to diag. Returns the number of errors. */
int bind_app(PlanApp *app, AstStmt **stmts, int n, const BindOptions *opt, DiagList *diag);
int bind_insert_values(PlanApp *app, const AstStmt *s, DiagList *diag, Arena *a, int *stream, Value ***rows);

/* SqlType of a parsed type name. */
SqlType bind_type(const AstType *t);

#endif
