/* SYS_LOG_PARSE(str): 'Mon DD HH:MM:SS rest' -> COLUMN1 TIMESTAMP,
 * COLUMN2 VARCHAR (the rest: host and message). Syslog (RFC 3164) lines
 * carry no year: eddy takes the year of the row's ROWTIME, or the year
 * before when that would put the line more than 31 days after ROWTIME
 * (a December line read in January). */
#include "src/runtime/convert.h"
#include "src/runtime/timeutil.h"
#include "fn_check.h"
#include "fn_logparse.h"

static void eval_sys_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, *f = fn_log_start(e, cx, 2, &s, out);
    if (!f) return;
    fn_log_set_row(out, f, 2);
    const char *t = s.u.s;
    size_t n = s.len, p = 0;
    int mon;
    int64_t day, hh, mm, ss;
    size_t d;
    if (!(d = fn_log_read_month(t, n, &mon)) || d != 3) return;
    p = 3;
    if (p >= n || t[p] != ' ') return;
    while (p < n && t[p] == ' ') p++;
    if (!(d = fn_log_read_digits(t + p, n - p, 2, &day))) return;
    p += d;
    if (p >= n || t[p] != ' ') return;
    p++;
    if (fn_log_read_digits(t + p, n - p, 2, &hh) != 2 || p + 2 >= n || t[p + 2] != ':') return;
    p += 3;
    if (fn_log_read_digits(t + p, n - p, 2, &mm) != 2 || p + 2 >= n || t[p + 2] != ':') return;
    p += 3;
    if (fn_log_read_digits(t + p, n - p, 2, &ss) != 2) return;
    p += 2;
    if (p < n && t[p] != ' ') return;
    if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return;
    int64_t ref = cx->in[0] ? cx->in[0]->rowtime : cx->now;
    int64_t y;
    int rm, rd;
    time_civil_from_days(floor_div(ref, MS_PER_DAY), &y, &rm, &rd);
    if (day > time_days_in_month(y, mon) && !(mon == 2 && day == 29)) return;
    int64_t yr = y;
    int64_t ms = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (mon == 2 && day == 29 && time_days_in_month(yr, 2) < 29) {
            yr--;
            continue;
        }
        ms = time_days_from_civil(yr, mon, (int)day) * MS_PER_DAY + hh * MS_PER_HOUR + mm * MS_PER_MINUTE +
             (ss > 59 ? 59 : ss) * MS_PER_SECOND;
        if (ms - ref > 31 * MS_PER_DAY && attempt == 0) {
            yr--;
            continue;
        }
        break;
    }
    f[0] = val_int(ms);
    if (p < n) p++;
    f[1] = val_str(t + p, (uint32_t)(n - p));
    conv_fit_string(type_string(TY_VARCHAR, 1024), &f[1], cx->arena);
}

bool fn_check_sys_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "SYS_LOG_PARSE")) return false;
    LogField *f = fn_log_column_fields(cx->arena, 2, type_make(TY_TIMESTAMP));
    f[1].type = type_string(TY_VARCHAR, 1024);
    e->type = fn_log_row_type(f, 2);
    e->eval = eval_sys_log_parse;
    e->volatile_ = true;   /* the year comes from the row's ROWTIME */
    return true;
}
