/* Private to the log-parsing functions (fn_logparse*.c): the fields of a
 * result row, what an evaluator needs besides its pattern, and the pieces
 * the parsers share. */
#ifndef EDDY_FN_LOGPARSE_H
#define EDDY_FN_LOGPARSE_H
#include "fn_check.h"
#include "regex.h"

#define MAX_FIELDS 256

/* One output field: its name and type, and for DATE / TIME / TIMESTAMP an
 * optional SimpleDateFormat pattern; FIXED_COLUMN_LOG_PARSE adds the
 * character range. */
typedef struct LogField {
    char name[128];
    SqlType type;
    const char *fmt;      /* date format (plan arena) or NULL */
    uint32_t fmt_len;
    bool notnull;
    int32_t start, len;   /* characters; len < 0: to the end */
} LogField;

/* What an evaluator needs besides its compiled pattern. */
typedef struct LogParser {
    const Regex *rx;
    int n;
    LogField *f;
    /* W3C_LOG_PARSE: per field, how its text converts (W3_*) */
    uint8_t *w3kind;
    /* VARIABLE_COLUMN_LOG_PARSE */
    const char *delim;
    uint32_t delim_len;
    const char *esc;       /* one character, or NULL */
    uint32_t esc_len;
    const char *bq, *eq;   /* quote characters, or NULL */
    uint32_t bq_len, eq_len;
} LogParser;

/* ---- fn_logparse_field.c ---- */

/* The constant string argument of a call, or NULL after reporting. */
const char *fn_log_const_string(FnCtx *cx, Expr *arg, const char *fn, const char *what, uint32_t *len);
/* The row type of n fields. */
SqlType fn_log_row_type(const LogField *f, int n);
/* n fields COLUMN1..COLUMNn of type t (plan arena). */
LogField *fn_log_column_fields(Arena *a, int n, SqlType t);
/* n NULL field values in the record arena. */
Value *fn_log_null_fields(EvalCtx *cx, int n);
/* A parser's first steps: the text to parse into *s and the row's n
 * fields, all NULL; NULL, with *out NULL, when the text is NULL. */
Value *fn_log_start(const Expr *e, EvalCtx *cx, int n, Value *s, Value *out);
/* *out becomes the row of n fields. */
void fn_log_set_row(Value *out, Value *fields, int n);
/* Month from an English name; the number of bytes read, 0 if none. */
size_t fn_log_read_month(const char *s, size_t n, int *mon);
/* Up to max digits into *v; the number of digits read. */
size_t fn_log_read_digits(const char *s, size_t n, size_t max, int64_t *v);
/* Parses s by a java.text.SimpleDateFormat pattern into UTC milliseconds. */
bool fn_log_sdf_parse(const char *fmt, size_t fn, const char *s, size_t n, int64_t *ms);
/* Converts one field's text to its column's type; false after sending the
 * row to the error stream. */
bool fn_log_convert_field(EvalCtx *cx, const char *fn, const LogField *f, const char *s, size_t n, Value *out);
/* Fills fields from the capture groups of a match of p->rx; false when a
 * conversion failed. */
bool fn_log_fill_from_groups(EvalCtx *cx, const char *fn, const LogParser *p, const char *s, int rc, Value *f);
/* Compiles a pattern at bind time; false after reporting. */
bool fn_log_compile_pattern(FnCtx *cx, Expr *arg, const char *pat, size_t len, uint32_t options, const Regex **rx);
/* The length of the UTF-8 sequence at s, at most n. */
size_t fn_log_utf8_len_at(const char *s, size_t n);

/* ---- fn_logparse_spec.c ---- */

enum { SPEC_FIXED = 1, SPEC_TYPE_KEYWORD = 2, SPEC_TYPE_OPTIONAL = 4 };
/* Parses a column list into fields (plan arena): their number, or -1 with
 * a message in err. */
int fn_log_parse_spec(Arena *a, const char *s, size_t n, unsigned mode, LogField **out, char *err, size_t errsize);

/* ---- the check functions of the family's table (fn_logparse.c) ---- */

bool fn_check_regex_log_parse(FnCtx *cx, Expr *e);
bool fn_check_fast_regex_log_parse(FnCtx *cx, Expr *e);
bool fn_check_w3c_log_parse(FnCtx *cx, Expr *e);
bool fn_check_sys_log_parse(FnCtx *cx, Expr *e);
bool fn_check_fixed_column_log_parse(FnCtx *cx, Expr *e);
bool fn_check_variable_column_log_parse(FnCtx *cx, Expr *e);

#endif
