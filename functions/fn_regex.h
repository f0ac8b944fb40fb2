/* Private to functions/: the regular-expression forms of SUBSTRING, which
 * fn_string.c hands over to fn_regex.c. */
#ifndef EDDY_FN_REGEX_H
#define EDDY_FN_REGEX_H
#include "fn_check.h"

/* SUBSTRING(s FROM regex) and SUBSTRING(s SIMILAR pattern ESCAPE e). */
bool fn_regex_check_substring(FnCtx *cx, Expr *e);

#endif
