/* W3C_LOG_PARSE(str, format) */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/timeutil.h"
#include "fn_check.h"
#include "fn_logparse.h"

enum { W3_TEXT, W3_DASH_TEXT, W3_NUM, W3_CLF_TIME, W3_IIS_DATE, W3_IIS_TIME };

typedef struct W3Build {
    char re[8192];
    size_t len;
    LogField f[MAX_FIELDS];
    uint8_t kind[MAX_FIELDS];
    int n;
    bool overflow;
} W3Build;

static void w3_re(W3Build *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n >= sizeof b->re) {
        b->overflow = true;
        return;
    }
    memcpy(b->re + b->len, s, n);
    b->len += n;
    b->re[b->len] = 0;
}

static void w3_literal(W3Build *b, char c)
{
    char t[8];
    if (isalnum((unsigned char)c) || (unsigned char)c >= 0x80) t[0] = c, t[1] = 0;
    else if ((unsigned char)c < 0x20) snprintf(t, sizeof t, "\\x{%x}", (unsigned char)c);
    else t[0] = '\\', t[1] = c, t[2] = 0;
    w3_re(b, t);
}

static bool w3_field(W3Build *b, const char *re, SqlType t, uint8_t kind)
{
    if (b->n == MAX_FIELDS) return false;
    LogField *f = &b->f[b->n];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "COLUMN%d", b->n + 1);
    f->type = t;
    f->len = -1;
    b->kind[b->n++] = kind;
    w3_re(b, re);
    return true;
}

/* Builds the pattern and the fields of an Apache LogFormat string. */
static bool w3_format(W3Build *b, const char *s, size_t n, char *err, size_t errsize)
{
    SqlType text = type_string(TY_VARCHAR, 1024);
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            char d = s[i + 1];
            w3_literal(b, d == 't' ? '\t' : d == 'n' ? '\n' : d);
            i += 2;
            continue;
        }
        if (c != '%') {
            w3_literal(b, c);
            i++;
            continue;
        }
        size_t at = i++;
        /* conditions: status codes, '!', and the < > modifiers */
        while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ',' || s[i] == '!' || s[i] == '<' || s[i] == '>'))
            i++;
        bool has_param = false;
        if (i < n && (s[i] == '{' || s[i] == '[')) {
            char close = s[i] == '{' ? '}' : ']';
            while (i < n && s[i] != close) i++;
            if (i >= n) {
                snprintf(err, errsize, "unterminated parameter in the directive at offset %zu", at);
                return false;
            }
            i++;
            has_param = true;
        }
        if (i >= n) {
            snprintf(err, errsize, "incomplete directive at offset %zu", at);
            return false;
        }
        char k = s[i++];
        bool ok = true;
        switch (k) {
        case '%': w3_literal(b, '%'); break;
        case 'a': case 'A': case 'h': case 'l': case 'u': case 'v': case 'V': case 'H': case 'm': case 'f':
        case 'L': case 'R': case 'X':
            ok = w3_field(b, "(\\S*)", text, W3_DASH_TEXT);
            break;
        case 'U':
            ok = w3_field(b, "([^\\s?]*)", text, W3_TEXT);
            break;
        case 'q':   /* the query string with its '?', or nothing */
            ok = w3_field(b, "(\\?\\S*|)", text, W3_TEXT);
            break;
        case 'r': case 'i': case 'o': case 'C': case 'e': case 'n': case '^':
            ok = w3_field(b, "(.*?)", text, W3_DASH_TEXT);
            break;
        case 'b': case 'B': case 'D': case 'T': case 'I': case 'O': case 'S':
            ok = w3_field(b, "(-|[0-9]+)", type_make(TY_BIGINT), W3_NUM);
            break;
        case 's': case 'p': case 'P': case 'k':
            ok = w3_field(b, "(-|[0-9]+)", type_make(TY_INTEGER), W3_NUM);
            break;
        case 't':
            /* the text as the log has it (the reference page: COMMON's %t
             * holds "[24/May/2004:22:01:02 -0700]", and written [%t] the
             * same column holds what is inside the brackets) */
            if (has_param) ok = w3_field(b, "(.*?)", text, W3_TEXT);
            else if (at > 0 && s[at - 1] == '[') ok = w3_field(b, "([^\\]]*)", text, W3_TEXT);
            else ok = w3_field(b, "(\\[[^\\]]*\\])", text, W3_TEXT);
            break;
        default:
            snprintf(err, errsize, "unknown directive %%%c at offset %zu", k, at);
            return false;
        }
        if (!ok) {
            snprintf(err, errsize, "more than %d fields", MAX_FIELDS);
            return false;
        }
    }
    if (b->overflow) {
        snprintf(err, errsize, "format too long");
        return false;
    }
    return true;
}

/* The Microsoft IIS log format: fifteen comma-separated fields ending with
 * a comma (client IP, user, date, time, service, server name, server IP,
 * time taken, bytes received, bytes sent, status, Windows status, method,
 * target, parameters). */
static void w3_iis(W3Build *b)
{
    SqlType text = type_string(TY_VARCHAR, 1024);
    const char *sep = ", ?";
    w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    w3_re(b, sep);
    w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    w3_re(b, sep);
    w3_field(b, "([^,]*)", type_make(TY_DATE), W3_IIS_DATE);
    w3_re(b, sep);
    w3_field(b, "([^,]*)", type_make(TY_TIME), W3_IIS_TIME);
    for (int i = 0; i < 3; i++) {
        w3_re(b, sep);
        w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    }
    for (int i = 0; i < 5; i++) {
        w3_re(b, sep);
        w3_field(b, "(-|[0-9]+)", type_make(i == 3 ? TY_INTEGER : TY_BIGINT), W3_NUM);
    }
    for (int i = 0; i < 3; i++) {
        w3_re(b, sep);
        w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    }
    w3_re(b, ",?");
}

static void eval_w3c_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    const LogParser *p = e->aux;
    Value s, *f = fn_log_start(e, cx, p->n, &s, out);
    if (!f) return;
    int rc = rx_match(p->rx, s.u.s, s.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
    char msg[160];
    if (rc < 0) expr_fail(cx, "REGEX", "W3C_LOG_PARSE could not match: %s", rx_error_message(rc, msg, sizeof msg));
    if (rc <= 0) {
        fn_log_set_row(out, f, p->n);
        return;
    }
    PCRE2_SIZE *ov = rx_ovector(p->rx);
    for (int i = 0; i < p->n && i + 1 < rc; i++) {
        PCRE2_SIZE a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];
        if (a == PCRE2_UNSET) continue;
        const char *t = s.u.s + a;
        size_t tn = b - a;
        uint8_t k = p->w3kind[i];
        /* '-' is no value for a number, a date or a time; text keeps it, as
         * the reference page's COMMON example shows for %l */
        if (k != W3_TEXT && k != W3_DASH_TEXT && tn == 1 && t[0] == '-') continue;
        int64_t ms;
        switch (k) {
        case W3_CLF_TIME:
            if (!fn_log_sdf_parse("dd/MMM/yyyy:HH:mm:ss Z", 22, t, tn, &ms) &&
                !fn_log_sdf_parse("dd/MMM/yyyy:HH:mm:ss", 20, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "W3C_LOG_PARSE: '%.*s' is not a log time (dd/MMM/yyyy:HH:mm:ss Z)",
                          (int)(tn > 100 ? 100 : tn), t);
                *out = val_null();
                return;
            }
            f[i] = val_int(ms);
            break;
        case W3_IIS_DATE:
            if (!fn_log_sdf_parse("MM/dd/yy", 8, t, tn, &ms) && !fn_log_sdf_parse("MM/dd/yyyy", 10, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "W3C_LOG_PARSE: '%.*s' is not an IIS date (MM/dd/yy)",
                          (int)(tn > 100 ? 100 : tn), t);
                *out = val_null();
                return;
            }
            f[i] = val_int(floor_div(ms, MS_PER_DAY));
            break;
        case W3_IIS_TIME:
            if (!fn_log_sdf_parse("H:mm:ss", 7, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "W3C_LOG_PARSE: '%.*s' is not an IIS time (H:mm:ss)",
                          (int)(tn > 100 ? 100 : tn), t);
                *out = val_null();
                return;
            }
            f[i] = val_int(ms);
            break;
        default:
            if (!fn_log_convert_field(cx, "W3C_LOG_PARSE", &p->f[i], t, tn, &f[i])) {
                *out = val_null();
                return;
            }
        }
    }
    fn_log_set_row(out, f, p->n);
}

bool fn_check_w3c_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "W3C_LOG_PARSE")) return false;
    uint32_t len;
    const char *fmt = fn_log_const_string(cx, e->args[1], "W3C_LOG_PARSE", "format", &len);
    if (!fmt) return false;
    static const struct { const char *name, *format; } predefined[] = {
        {"COMMON", "%h %l %u %t \"%r\" %>s %b"},
        {"COMMON WITH VHOST", "%v %h %l %u %t \"%r\" %>s %b"},
        {"NCSA EXTENDED", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\""},
        {"REFERER", "%{Referer}i -> %U"},
        {"AGENT", "%{User-agent}i"},
    };
    /* a predefined name, compared without case and with runs of blanks as one */
    char norm[64];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < sizeof norm; i++) {
        char c = fmt[i];
        if (isspace((unsigned char)c)) {
            if (k && norm[k - 1] != ' ') norm[k++] = ' ';
            continue;
        }
        norm[k++] = (char)toupper((unsigned char)c);
    }
    while (k && norm[k - 1] == ' ') k--;
    norm[k] = 0;
    W3Build *b = calloc(1, sizeof *b);
    if (!b) return false;
    char err[200] = "";
    bool ok = true;
    if (strcmp(norm, "IIS") == 0) {
        w3_iis(b);
    } else {
        const char *use = NULL;
        for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++)
            if (strcmp(norm, predefined[i].name) == 0) use = predefined[i].format;
        if (use) ok = w3_format(b, use, strlen(use), err, sizeof err);
        else if (!memchr(fmt, '%', len)) {
            snprintf(err, sizeof err, "unknown format '%.*s' (expected COMMON, COMMON WITH VHOST, NCSA EXTENDED, "
                     "REFERER, AGENT, IIS or %%-directives)", (int)(len > 40 ? 40 : len), fmt);
            ok = false;
        } else ok = w3_format(b, fmt, len, err, sizeof err);
    }
    if (!ok) {
        fn_type_error(cx, e->args[1], "invalid W3C_LOG_PARSE format: %s", err);
        free(b);
        return false;
    }
    LogParser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    if (!fn_log_compile_pattern(cx, e->args[1], b->re, b->len, PCRE2_DOTALL | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &p->rx)) {
        free(b);
        return false;
    }
    p->n = b->n;
    p->f = arena_alloc(cx->arena, sizeof(LogField) * (size_t)(b->n ? b->n : 1));
    memcpy(p->f, b->f, sizeof(LogField) * (size_t)b->n);
    p->w3kind = arena_alloc(cx->arena, (size_t)(b->n ? b->n : 1));
    memcpy(p->w3kind, b->kind, (size_t)b->n);
    free(b);
    e->aux = p;
    e->type = fn_log_row_type(p->f, p->n);
    e->eval = eval_w3c_log_parse;
    return true;
}
