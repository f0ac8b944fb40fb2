/* The SQL front end's entry point: text in, statements out. */
#ifndef EDDY_PARSE_H
#define EDDY_PARSE_H
#include <stdint.h>

#include "src/runtime/arena.h"
#include "src/runtime/diag.h"
#include "ast.h"

typedef struct ParsedScript {
    AstStmt **stmts;
    int n;
} ParsedScript;

/* Parses every statement of src (which must be NUL-terminated at len).
 * Syntax errors go to diag, one per bad statement; the good statements
 * are still returned. Returns the number of errors. */
int parse_script(const char *src, uint32_t len, Arena *arena, DiagList *diag, ParsedScript *out);

#endif
