/* The log-parsing functions: REGEX_LOG_PARSE, FAST_REGEX_LOG_PARSE (also
 * spelled FAST_REGEX_LOG_PARSER), W3C_LOG_PARSE, SYS_LOG_PARSE,
 * FIXED_COLUMN_LOG_PARSE and VARIABLE_COLUMN_LOG_PARSE. Each returns a row
 * value whose fields are read as alias.row.COLUMN1 (DIALECT §10.8).
 *
 * Everything that depends only on the constant pattern, format or column
 * specification is prepared once at bind time: a PCRE2 pattern and a row
 * type. Per record, an evaluator only matches and fills an array of field
 * values in the record arena.
 *
 * The rules shared by all six (where the reference is silent, eddy's own):
 *  - NULL input gives a NULL row;
 *  - a line that does not have the expected shape gives a row whose fields
 *    are all NULL, never a lost row (DIALECT §12.5);
 *  - an empty field of a non-string type is NULL;
 *  - text that does not convert to its column's type, or a NULL in a
 *    NOT NULL column, sends the row to the error stream (CONVERSION). */
#include "fn_check.h"
#include "fn_families.h"
#include "fn_logparse.h"

const FnDef fn_logparse_table[] = {
    {"FAST_REGEX_LOG_PARSE", 2, 2, 0, NULL, fn_check_fast_regex_log_parse, AN_NONE, 0},
    {"FAST_REGEX_LOG_PARSER", 2, 2, 0, NULL, fn_check_fast_regex_log_parse, AN_NONE, 0},
    {"FIXED_COLUMN_LOG_PARSE", 2, 2, 0, NULL, fn_check_fixed_column_log_parse, AN_NONE, 0},
    {"REGEX_LOG_PARSE", 2, 3, 0, NULL, fn_check_regex_log_parse, AN_NONE, 0},
    {"SYS_LOG_PARSE", 1, 1, 0, NULL, fn_check_sys_log_parse, AN_NONE, 0},
    {"VARIABLE_COLUMN_LOG_PARSE", 3, 5, 0, NULL, fn_check_variable_column_log_parse, AN_NONE, 0},
    {"W3C_LOG_PARSE", 2, 2, 0, NULL, fn_check_w3c_log_parse, AN_NONE, 0},
};
const int fn_logparse_count = sizeof fn_logparse_table / sizeof fn_logparse_table[0];
