#include "timeutil.h"

#include <string.h>

#include "numtext.h"

int64_t time_days_from_civil(int64_t y, int m, int d)
{
    /* Howard Hinnant's days_from_civil: proleptic Gregorian, exact for any year. */
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void time_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int time_days_in_month(int64_t y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
    return dm[m - 1];
}

typedef struct Cursor {
    const char *s;
    size_t i, n;
} Cursor;

static int digits(Cursor *c, int min, int max, int64_t *v)
{
    int k = 0;
    int64_t x = 0;
    while (c->i < c->n && k < max && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
        x = x * 10 + (c->s[c->i] - '0');
        c->i++;
        k++;
    }
    if (k < min) return 0;
    *v = x;
    return k;
}

static bool lit(Cursor *c, char ch)
{
    if (c->i < c->n && c->s[c->i] == ch) {
        c->i++;
        return true;
    }
    return false;
}

static void blanks(Cursor *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t')) c->i++;
}

static bool parse_date_part(Cursor *c, int64_t *days)
{
    int64_t y, mo, d;
    bool neg = lit(c, '-');
    if (!digits(c, 1, 9, &y) || !lit(c, '-') || !digits(c, 1, 2, &mo) || !lit(c, '-') || !digits(c, 1, 2, &d))
        return false;
    if (neg) y = -y;
    if (mo < 1 || mo > 12 || d < 1 || d > time_days_in_month(y, (int)mo)) return false;
    *days = time_days_from_civil(y, (int)mo, (int)d);
    return true;
}

static bool parse_time_part(Cursor *c, int64_t *ms)
{
    int64_t h, mi, sec = 0, frac = 0;
    if (!digits(c, 1, 2, &h) || !lit(c, ':') || !digits(c, 1, 2, &mi)) return false;
    if (lit(c, ':')) {
        if (!digits(c, 1, 2, &sec)) return false;
        if (lit(c, '.')) {
            int64_t f;
            size_t start = c->i;
            int k = digits(c, 1, 3, &f);
            if (!k) return false;
            for (int j = k; j < 3; j++) f *= 10;
            frac = f;
            /* digits beyond milliseconds are dropped, not rounded */
            while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') c->i++;
            (void)start;
        }
    }
    if (h > 23 || mi > 59 || sec > 59) return false;
    *ms = h * MS_PER_HOUR + mi * MS_PER_MINUTE + sec * MS_PER_SECOND + frac;
    return true;
}

/* Records of a stream mostly share their date: remember the last one.
 * These caches are per thread: a reader thread parses the ROWTIMEs of
 * its input while the main thread parses and formats others. */
static _Thread_local char cached_date_text[10];
static _Thread_local int64_t cached_date_days;
static _Thread_local bool cached_date_valid;

/* Records arrive in time order, many in the same second: the last
 * "YYYY-MM-DD HH:MM:SS" read is remembered with its value, so a record of
 * the same second costs a compare and its milliseconds. Only the plain
 * form takes this path (a fraction of digits, nothing after); anything
 * else, and the first record of each second, takes the full parse. */
static _Thread_local char cached_second_text[19];
static _Thread_local int64_t cached_second_ms;
static _Thread_local bool cached_second_valid;

static bool plain_form(const char *s, size_t n)
{
    if (n < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return false;
    if (n == 19) return true;
    if (s[19] != '.' || n == 20) return false;
    for (size_t i = 20; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static bool parse_timestamp_full(const char *s, size_t n, int64_t *ms);

bool time_parse_timestamp(const char *s, size_t n, int64_t *ms)
{
    if (cached_second_valid && n >= 19 && memcmp(s, cached_second_text, 19) == 0 && plain_form(s, n)) {
        int64_t frac = 0;
        for (size_t i = 20; i < 23; i++) frac = frac * 10 + (i < n ? s[i] - '0' : 0);
        *ms = cached_second_ms + (n > 19 ? frac : 0);
        return true;
    }
    if (!parse_timestamp_full(s, n, ms)) return false;
    if (plain_form(s, n) && s[0] >= '0' && s[0] <= '9') {
        memcpy(cached_second_text, s, 19);
        cached_second_ms = *ms - floor_mod(*ms, 1000);
        cached_second_valid = true;
    }
    return true;
}

static bool parse_timestamp_full(const char *s, size_t n, int64_t *ms)
{
    Cursor c = {s, 0, n};
    int64_t days, tod = 0;
    blanks(&c);
    if (cached_date_valid && n - c.i >= 10 && memcmp(s + c.i, cached_date_text, 10) == 0 &&
        (n - c.i == 10 || s[c.i + 10] == ' ' || s[c.i + 10] == 'T' || s[c.i + 10] == 't')) {
        days = cached_date_days;
        c.i += 10;
    } else {
        size_t start = c.i;
        if (!parse_date_part(&c, &days)) return false;
        if (c.i - start == 10) {
            memcpy(cached_date_text, s + start, 10);
            cached_date_days = days;
            cached_date_valid = true;
        }
    }
    if (c.i < c.n && (c.s[c.i] == ' ' || c.s[c.i] == 'T' || c.s[c.i] == 't')) {
        size_t save = c.i;
        c.i++;
        blanks(&c);
        if (c.i == c.n) {
            c.i = save;
        } else if (!parse_time_part(&c, &tod)) {
            return false;
        }
    }
    int64_t offset = 0;
    if (lit(&c, 'Z') || lit(&c, 'z')) {
    } else if (c.i < c.n && (c.s[c.i] == '+' || c.s[c.i] == '-')) {
        bool neg = c.s[c.i++] == '-';
        int64_t oh, om = 0;
        if (!digits(&c, 2, 2, &oh)) return false;
        lit(&c, ':');
        digits(&c, 2, 2, &om);
        offset = (oh * 60 + om) * MS_PER_MINUTE;
        if (neg) offset = -offset;
    }
    blanks(&c);
    if (c.i != c.n) return false;
    /* a year past about 292 million does not fit a millisecond timestamp */
    int64_t day_ms;
    if (__builtin_mul_overflow(days, (int64_t)MS_PER_DAY, &day_ms) || __builtin_add_overflow(day_ms, tod - offset, ms))
        return false;
    return true;
}

bool time_parse_date(const char *s, size_t n, int64_t *days)
{
    Cursor c = {s, 0, n};
    blanks(&c);
    if (!parse_date_part(&c, days)) return false;
    blanks(&c);
    return c.i == c.n;
}

bool time_parse_time(const char *s, size_t n, int64_t *ms)
{
    Cursor c = {s, 0, n};
    blanks(&c);
    if (!parse_time_part(&c, ms)) return false;
    blanks(&c);
    return c.i == c.n;
}

static int put2(char *o, int v)
{
    o[0] = (char)('0' + v / 10);
    o[1] = (char)('0' + v % 10);
    return 2;
}

int time_format_date(int64_t days, char *out)
{
    /* output rows mostly share their date too */
    static _Thread_local int64_t last_days = INT64_MIN;
    static _Thread_local char last_text[16];
    static _Thread_local int last_len;
    if (days == last_days) {
        memcpy(out, last_text, (size_t)last_len);
        return last_len;
    }
    int64_t y;
    int m, d, k = 0;
    time_civil_from_days(days, &y, &m, &d);
    if (y >= 0 && y <= 9999) {
        int yy = (int)y;
        out[k++] = (char)('0' + yy / 1000);
        out[k++] = (char)('0' + yy / 100 % 10);
        out[k++] = (char)('0' + yy / 10 % 10);
        out[k++] = (char)('0' + yy % 10);
    } else {
        k += fmt_int64(y, out);
    }
    out[k++] = '-';
    k += put2(out + k, m);
    out[k++] = '-';
    k += put2(out + k, d);
    if (k <= 16) {
        last_days = days;
        memcpy(last_text, out, (size_t)k);
        last_len = k;
    }
    return k;
}

int time_format_time(int64_t ms, char *out)
{
    ms = floor_mod(ms, MS_PER_DAY);
    int h = (int)(ms / MS_PER_HOUR), mi = (int)(ms / MS_PER_MINUTE % 60), s = (int)(ms / 1000 % 60),
        f = (int)(ms % 1000);
    int k = put2(out, h);
    out[k++] = ':';
    k += put2(out + k, mi);
    out[k++] = ':';
    k += put2(out + k, s);
    out[k++] = '.';
    out[k++] = (char)('0' + f / 100);
    out[k++] = (char)('0' + f / 10 % 10);
    out[k++] = (char)('0' + f % 10);
    return k;
}

int time_format_timestamp(int64_t ms, char *out)
{
    /* rows leave in time order, many in the same second: its text up to the
     * milliseconds is kept and only those are written again */
    static _Thread_local int64_t last_second = INT64_MIN;
    static _Thread_local char last_text[40];
    static _Thread_local int last_len;
    int64_t second = floor_div(ms, 1000);
    int f = (int)floor_mod(ms, 1000);
    if (second == last_second) {
        memcpy(out, last_text, (size_t)last_len);
    } else {
        /* at most 17 characters of date (a year of 10 digits and a sign), a blank and HH:MM:SS. */
        int k = time_format_date(floor_div(ms, MS_PER_DAY), out);
        out[k++] = ' ';
        k += time_format_time(floor_mod(ms, MS_PER_DAY), out + k) - 3;
        last_second = second;
        memcpy(last_text, out, (size_t)k);
        last_len = k;
    }
    char *p = out + last_len;
    p[0] = (char)('0' + f / 100);
    p[1] = (char)('0' + f / 10 % 10);
    p[2] = (char)('0' + f % 10);
    return last_len + 3;
}

int64_t time_unit_size(TimeUnit u)
{
    switch (u) {
    case TU_YEAR: return 12;
    case TU_MONTH: return 1;
    case TU_DAY: return MS_PER_DAY;
    case TU_HOUR: return MS_PER_HOUR;
    case TU_MINUTE: return MS_PER_MINUTE;
    case TU_SECOND: return MS_PER_SECOND;
    case TU_MILLISECOND: return 1;
    default: return 0;
    }
}

bool time_parse_interval(const char *s, size_t n, TimeUnit hi, TimeUnit lo, int64_t *out, const char **why)
{
    Cursor c = {s, 0, n};
    if (lo == TU_NONE) lo = hi;
    *why = "malformed interval literal";
    blanks(&c);
    bool neg = false;
    if (lit(&c, '-')) neg = true;
    else lit(&c, '+');
    blanks(&c);
    int64_t total = 0;
    if (hi == TU_YEAR || hi == TU_MONTH) {
        int64_t a, b = 0;
        if (!digits(&c, 1, 9, &a)) return false;
        if (hi == TU_YEAR && lo == TU_MONTH) {
            if (!lit(&c, '-') || !digits(&c, 1, 2, &b)) return false;
            if (b > 11) { *why = "month field must be 0..11"; return false; }
            total = a * 12 + b;
        } else {
            total = hi == TU_YEAR ? a * 12 : a;
        }
    } else {
        /* Fields in order DAY, HOUR, MINUTE, SECOND with separators ' ', ':', ':'. */
        static const char sep[] = {0, 0, 0, 0, ' ', ':', ':'};   /* before HOUR, MINUTE, SECOND */
        static const int64_t limit[] = {0, 0, 0, 0, 24, 60, 60};
        for (int u = hi; u <= (int)lo; u++) {
            int64_t v;
            if (u != (int)hi && !lit(&c, sep[u])) return false;
            if (!digits(&c, 1, u == (int)hi ? 12 : 2, &v)) return false;
            if (u != (int)hi && v >= limit[u]) {
                *why = u == TU_HOUR ? "hour field must be 0..23" : u == TU_MINUTE ? "minute field must be 0..59" : "second field must be 0..59";
                return false;
            }
            total += v * time_unit_size((TimeUnit)u);
            if (u == TU_SECOND && lit(&c, '.')) {
                int64_t f;
                int k = digits(&c, 1, 3, &f);
                if (!k) return false;
                for (int j = k; j < 3; j++) f *= 10;
                while (c.i < c.n && c.s[c.i] >= '0' && c.s[c.i] <= '9') c.i++;
                total += f;
            }
        }
    }
    blanks(&c);
    if (c.i != c.n) return false;
    *out = neg ? -total : total;
    return true;
}

int time_format_interval(int64_t v, SqlType t, char *out)
{
    /* SQL's interval text, as the reference prints it: a sign always
     * (+3 04:20, -2 04, +4-04), fields after the first two digits wide,
     * and seconds' milliseconds only when there are some (+6:11) */
    int k = 0;
    out[k++] = v < 0 ? '-' : '+';
    uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (t.id == TY_INTERVAL_YM) {
        if (t.unit_hi == TU_MONTH) return k + fmt_int64((int64_t)a, out + k);
        k += fmt_int64((int64_t)(a / 12), out + k);
        if (t.unit_lo == TU_MONTH) {
            out[k++] = '-';
            k += put2(out + k, (int)(a % 12));
        }
        return k;
    }
    TimeUnit hi = t.unit_hi ? (TimeUnit)t.unit_hi : TU_DAY, lo = t.unit_lo ? (TimeUnit)t.unit_lo : hi;
    for (int u = hi; u <= (int)lo; u++) {
        int64_t size = time_unit_size((TimeUnit)u);
        int64_t part = (int64_t)(a / (uint64_t)size);
        if (u != (int)hi) {
            static const int64_t mod[] = {0, 0, 0, 0, 24, 60, 60};
            part %= mod[u];
            out[k++] = u == TU_HOUR ? ' ' : ':';
            k += put2(out + k, (int)part);
        } else {
            k += fmt_int64(part, out + k);
        }
        int f = (int)(a % 1000);
        if (u == TU_SECOND && f) {
            out[k++] = '.';
            out[k++] = (char)('0' + f / 100);
            out[k++] = (char)('0' + f / 10 % 10);
            out[k++] = (char)('0' + f % 10);
        }
    }
    return k;
}

int64_t time_floor_to(int64_t ms, TimeUnit u)
{
    if (u == TU_YEAR || u == TU_MONTH) {
        int64_t y;
        int m, d;
        time_civil_from_days(floor_div(ms, MS_PER_DAY), &y, &m, &d);
        return time_days_from_civil(y, u == TU_YEAR ? 1 : m, 1) * MS_PER_DAY;
    }
    int64_t size = time_unit_size(u);
    return size ? floor_div(ms, size) * size : ms;
}

int64_t time_ceil_to(int64_t ms, TimeUnit u)
{
    int64_t f = time_floor_to(ms, u);
    if (f == ms) return ms;
    if (u == TU_YEAR) return time_add_months(f, 12);
    if (u == TU_MONTH) return time_add_months(f, 1);
    return f + time_unit_size(u);
}

int64_t time_add_months(int64_t ms, int64_t months)
{
    int64_t days = floor_div(ms, MS_PER_DAY), tod = floor_mod(ms, MS_PER_DAY);
    int64_t y;
    int m, d;
    time_civil_from_days(days, &y, &m, &d);
    int64_t idx = y * 12 + (m - 1) + months;
    y = floor_div(idx, 12);
    m = (int)floor_mod(idx, 12) + 1;
    int dim = time_days_in_month(y, m);
    if (d > dim) d = dim;
    return time_days_from_civil(y, m, d) * MS_PER_DAY + tod;
}
