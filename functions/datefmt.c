#include "datefmt.h"

#include <stdio.h>
#include <string.h>

#include "src/runtime/timeutil.h"

static const char *const month_long[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
static const char *const month_short[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
/* index 0 = Sunday, as Java's first day of the week in the US */
static const char *const day_long[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const day_short[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const ampm[] = {"AM", "PM"};
static const char *const eras[] = {"BC", "AD"};

#define LETTERS "GyYMLwWDdFEuaHkKhmsSzZX"
#define MAX_YEAR 200000000   /* keeps milliseconds inside int64 */

/* ---- compiling ---- */

static bool add_literal(DateFmt *f, char c, char *why, size_t whysize)
{
    if (f->ntext >= DATEFMT_MAX_TEXT) {
        snprintf(why, whysize, "more than %d characters of literal text", DATEFMT_MAX_TEXT);
        return false;
    }
    DateFmtItem *last = f->n ? &f->items[f->n - 1] : NULL;
    if (!last || last->letter) {
        if (f->n >= DATEFMT_MAX_ITEMS) {
            snprintf(why, whysize, "more than %d fields and literals", DATEFMT_MAX_ITEMS);
            return false;
        }
        last = &f->items[f->n++];
        last->letter = 0;
        last->numeric = 0;
        last->count = 0;
        last->off = f->ntext;
    }
    f->text[f->ntext++] = c;
    last->count++;
    return true;
}

bool datefmt_compile(DateFmt *f, const char *p, size_t n, char *why, size_t whysize)
{
    f->n = 0;
    f->ntext = 0;
    bool quoted = false;
    for (size_t i = 0; i < n;) {
        char c = p[i];
        if (c == '\'') {
            if (i + 1 < n && p[i + 1] == '\'') {   /* '' is one quote, inside quotes or out */
                if (!add_literal(f, '\'', why, whysize)) return false;
                i += 2;
            } else {
                quoted = !quoted;
                i++;
            }
            continue;
        }
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (quoted || !letter) {
            if (!add_literal(f, c, why, whysize)) return false;
            i++;
            continue;
        }
        if (!strchr(LETTERS, c)) {
            snprintf(why, whysize, "illegal pattern character '%c'", c);
            return false;
        }
        size_t j = i;
        while (j < n && p[j] == c) j++;
        size_t count = j - i;
        if (count > DATEFMT_MAX_COUNT) {
            snprintf(why, whysize, "more than %d '%c' in a row", DATEFMT_MAX_COUNT, c);
            return false;
        }
        if (c == 'X' && count > 3) {
            snprintf(why, whysize, "invalid ISO 8601 zone 'X' repeated %zu times (at most 3)", count);
            return false;
        }
        if (f->n >= DATEFMT_MAX_ITEMS) {
            snprintf(why, whysize, "more than %d fields and literals", DATEFMT_MAX_ITEMS);
            return false;
        }
        DateFmtItem *it = &f->items[f->n++];
        it->letter = c;
        it->count = (uint16_t)count;
        it->off = 0;
        it->numeric = !strchr("GEazZX", c) && !((c == 'M' || c == 'L') && count >= 3);
        i = j;
    }
    if (quoted) {
        snprintf(why, whysize, "unterminated quote");
        return false;
    }
    return true;
}

size_t datefmt_max_len(const DateFmt *f)
{
    size_t k = 0;
    for (int i = 0; i < f->n; i++) k += f->items[i].letter ? (size_t)f->items[i].count + 32 : f->items[i].count;
    return k;
}

/* ---- the calendar fields of a day ---- */

static int dow_of(int64_t days) { return (int)floor_mod(days + 4, 7); }   /* 1970-01-01 was a Thursday */

/* Sunday that starts week 1 of week-year y: the week holding January 1. */
static int64_t week1_start(int64_t y)
{
    int64_t jan1 = time_days_from_civil(y, 1, 1);
    return jan1 - dow_of(jan1);
}

typedef struct Fields {
    int64_t year, week_year;
    int month, day, yday, dow, week, week_in_month, dow_in_month;
} Fields;

static void fields_of(int64_t days, Fields *x)
{
    time_civil_from_days(days, &x->year, &x->month, &x->day);
    x->yday = (int)(days - time_days_from_civil(x->year, 1, 1)) + 1;
    x->dow = dow_of(days);
    x->week_year = x->year;
    if (days >= week1_start(x->year + 1)) x->week_year = x->year + 1;
    x->week = (int)((days - week1_start(x->week_year)) / 7) + 1;
    int64_t first = days - (x->day - 1);
    x->week_in_month = (x->day - 1 + dow_of(first)) / 7 + 1;
    x->dow_in_month = (x->day - 1) / 7 + 1;
}

/* ---- formatting ---- */

static size_t put_num(char *o, int64_t v, int width)
{
    char tmp[24];
    int k = 0;
    uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[k++] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    size_t w = 0;
    if (v < 0) o[w++] = '-';
    for (int i = k; i < width; i++) o[w++] = '0';
    while (k) o[w++] = tmp[--k];
    return w;
}

static size_t put_str(char *o, const char *s)
{
    size_t n = strlen(s);
    memcpy(o, s, n);
    return n;
}

static size_t put_year(char *o, int64_t y, int count)
{
    int64_t of_era = y > 0 ? y : 1 - y;
    if (count == 2) return put_num(o, of_era % 100, 2);
    return put_num(o, of_era, count);
}

size_t datefmt_format(const DateFmt *f, int64_t ms, char *out)
{
    int64_t days = floor_div(ms, MS_PER_DAY), tod = floor_mod(ms, MS_PER_DAY);
    Fields x;
    fields_of(days, &x);
    int hour = (int)(tod / MS_PER_HOUR);
    size_t k = 0;
    for (int i = 0; i < f->n; i++) {
        const DateFmtItem *it = &f->items[i];
        int c = it->count;
        switch (it->letter) {
        case 0: memcpy(out + k, f->text + it->off, it->count); k += it->count; break;
        case 'G': k += put_str(out + k, eras[x.year > 0]); break;
        case 'y': k += put_year(out + k, x.year, c); break;
        case 'Y': k += put_year(out + k, x.week_year, c); break;
        case 'M':
        case 'L':
            if (c >= 4) k += put_str(out + k, month_long[x.month - 1]);
            else if (c == 3) k += put_str(out + k, month_short[x.month - 1]);
            else k += put_num(out + k, x.month, c);
            break;
        case 'w': k += put_num(out + k, x.week, c); break;
        case 'W': k += put_num(out + k, x.week_in_month, c); break;
        case 'D': k += put_num(out + k, x.yday, c); break;
        case 'd': k += put_num(out + k, x.day, c); break;
        case 'F': k += put_num(out + k, x.dow_in_month, c); break;
        case 'E': k += put_str(out + k, c >= 4 ? day_long[x.dow] : day_short[x.dow]); break;
        case 'u': k += put_num(out + k, x.dow ? x.dow : 7, c); break;
        case 'a': k += put_str(out + k, ampm[hour >= 12]); break;
        case 'H': k += put_num(out + k, hour, c); break;
        case 'k': k += put_num(out + k, hour ? hour : 24, c); break;
        case 'K': k += put_num(out + k, hour % 12, c); break;
        case 'h': k += put_num(out + k, hour % 12 ? hour % 12 : 12, c); break;
        case 'm': k += put_num(out + k, tod / MS_PER_MINUTE % 60, c); break;
        case 's': k += put_num(out + k, tod / MS_PER_SECOND % 60, c); break;
        case 'S': k += put_num(out + k, tod % 1000, c); break;
        case 'z': k += put_str(out + k, c >= 4 ? "Coordinated Universal Time" : "UTC"); break;
        case 'Z': k += put_str(out + k, "+0000"); break;
        case 'X': k += put_str(out + k, "Z"); break;
        default: break;
        }
    }
    return k;
}

/* ---- parsing ---- */

typedef struct Parsed {
    bool has[128];
    int64_t v[128];
    bool ambiguous_year;    /* yy gave the first year of the 100-year window */
} Parsed;

static const char *field_name(char c)
{
    switch (c) {
    case 'G': return "era";
    case 'y': return "year";
    case 'Y': return "week year";
    case 'M': case 'L': return "month";
    case 'w': return "week of year";
    case 'W': return "week of month";
    case 'D': return "day of year";
    case 'd': return "day";
    case 'F': return "day of week in month";
    case 'E': case 'u': return "day of week";
    case 'a': return "AM/PM marker";
    case 'H': case 'k': case 'K': case 'h': return "hour";
    case 'm': return "minute";
    case 's': return "second";
    case 'S': return "millisecond";
    default: return "time zone";
    }
}

static int ci(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Longest name (long or short form) matching s at *i, case-insensitively. */
static int match_name(const char *s, size_t n, size_t *i, const char *const *a, const char *const *b, int count)
{
    int best = -1;
    size_t best_len = 0;
    for (int t = 0; t < 2; t++) {
        const char *const *names = t ? b : a;
        if (!names) continue;
        for (int j = 0; j < count; j++) {
            size_t len = strlen(names[j]);
            if (len <= best_len || *i + len > n) continue;
            size_t q = 0;
            while (q < len && ci((unsigned char)s[*i + q]) == ci((unsigned char)names[j][q])) q++;
            if (q == len) {
                best = j;
                best_len = len;
            }
        }
    }
    if (best >= 0) *i += best_len;
    return best;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }

/* Zone offset in minutes: Z, [GMT|UTC|UT][+-]hh[[:]mm]. */
static bool parse_zone(const char *s, size_t n, size_t *i, int64_t *minutes)
{
    size_t p = *i;
    bool named = false;
    if (p < n && (s[p] == 'Z' || s[p] == 'z')) {
        *i = p + 1;
        *minutes = 0;
        return true;
    }
    static const char *const prefixes[] = {"GMT", "UTC", "UT"};
    for (int k = 0; k < 3 && !named; k++) {
        size_t len = strlen(prefixes[k]);
        if (p + len <= n && ci(s[p]) == ci(prefixes[k][0]) && ci(s[p + 1]) == ci(prefixes[k][1]) &&
            (len < 3 || ci(s[p + 2]) == ci(prefixes[k][2]))) {
            p += len;
            named = true;
        }
    }
    if (p >= n || (s[p] != '+' && s[p] != '-')) {
        if (!named) return false;
        *i = p;
        *minutes = 0;
        return true;
    }
    bool neg = s[p++] == '-';
    int64_t h = 0, m = 0;
    int nd = 0;
    while (p < n && digit(s[p]) && nd < 2) h = h * 10 + (s[p++] - '0'), nd++;
    if (!nd) return false;
    if (p < n && s[p] == ':') p++;
    int md = 0;
    while (p < n && digit(s[p]) && md < 2) m = m * 10 + (s[p++] - '0'), md++;
    if (md == 1 || h > 23 || m > 59) return false;
    *i = p;
    *minutes = neg ? -(h * 60 + m) : h * 60 + m;
    return true;
}

typedef struct Range {
    char letter;
    int64_t lo, hi;
} Range;

static const Range ranges[] = {
    {'M', 1, 12}, {'L', 1, 12}, {'d', 1, 31}, {'D', 1, 366}, {'H', 0, 23}, {'k', 1, 24},
    {'K', 0, 11}, {'h', 1, 12}, {'m', 0, 59}, {'s', 0, 59},  {'S', 0, 999}, {'u', 1, 7},
    {'w', 1, 53}, {'W', 0, 6},  {'F', 1, 5},  {'y', 1, MAX_YEAR}, {'Y', 1, MAX_YEAR},
};

#define FAIL(...)                                 \
    do {                                          \
        snprintf(why, whysize, __VA_ARGS__);      \
        return false;                             \
    } while (0)

/* Reads every element of the pattern from s into p. */
static bool scan(const DateFmt *f, const char *s, size_t n, int64_t now_ms, Parsed *p, char *why, size_t whysize)
{
    size_t i = 0;
    for (int k = 0; k < f->n; k++) {
        const DateFmtItem *it = &f->items[k];
        if (!it->letter) {
            for (int q = 0; q < it->count; q++, i++) {
                char want = f->text[it->off + q];
                if (i >= n) FAIL("input ends where the format expects '%c'", want);
                if (s[i] != want) FAIL("expected '%c' at character %zu, found '%c'", want, i + 1, s[i]);
            }
            continue;
        }
        char c = it->letter;
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i >= n) FAIL("input ends before the %s", field_name(c));
        size_t start = i;
        int64_t v = 0;
        if (it->numeric) {
            /* a field followed directly by another takes exactly `count` digits */
            bool abut = k + 1 < f->n && f->items[k + 1].letter;
            size_t max = abut ? it->count : 10;
            while (i < n && i - start < max && digit(s[i])) v = v * 10 + (s[i++] - '0');
            if (i == start) FAIL("expected a number for the %s at character %zu, found '%c'", field_name(c), i + 1, s[i]);
            if ((c == 'y' || c == 'Y') && it->count == 2 && i - start == 2) {
                /* two-digit year: within 80 years before and 20 after now */
                int64_t dd = floor_div(time_add_months(now_ms, -80 * 12), MS_PER_DAY), sy;
                int sm, sd;
                time_civil_from_days(dd, &sy, &sm, &sd);
                int64_t y = floor_div(sy, 100) * 100 + v;
                if (y < sy) y += 100;
                p->ambiguous_year = y == sy;
                v = y;
            }
            for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
                if (ranges[r].letter == c && (v < ranges[r].lo || v > ranges[r].hi))
                    FAIL("%s %lld is out of range %lld..%lld", field_name(c), (long long)v, (long long)ranges[r].lo,
                         (long long)ranges[r].hi);
        } else {
            int idx = -1;
            switch (c) {
            case 'G': idx = match_name(s, n, &i, eras, NULL, 2); break;
            case 'M':
            case 'L':
                idx = match_name(s, n, &i, month_long, month_short, 12);
                if (idx >= 0) idx++;
                break;
            case 'E': idx = match_name(s, n, &i, day_long, day_short, 7); break;
            case 'a': idx = match_name(s, n, &i, ampm, NULL, 2); break;
            default: {
                int64_t minutes;
                if (parse_zone(s, n, &i, &minutes)) idx = 0, v = minutes;
                break;
            }
            }
            if (idx < 0) FAIL("unknown %s name at character %zu", field_name(c), start + 1);
            if (c != 'z' && c != 'Z' && c != 'X') v = idx;
        }
        p->has[(unsigned char)c] = true;
        p->v[(unsigned char)c] = v;
    }
    return true;
}

static const char *const dow_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

/* The day the date fields name. Fields resolve as SimpleDateFormat does:
 * day of month, else day of year, else week of month / day of week in
 * month, else week of year; then every field given must agree. */
static bool resolve_date(const Parsed *p, int64_t year, int64_t *days, char *why, size_t whysize)
{
    int month = p->has['M'] ? (int)p->v['M'] : p->has['L'] ? (int)p->v['L'] : 1;
    bool has_dow = p->has['E'] || p->has['u'];
    int dow = p->has['E'] ? (int)p->v['E'] : p->has['u'] ? (int)(p->v['u'] % 7) : 0;
    if (p->has['d']) {
        int dim = time_days_in_month(year, month);
        if (p->v['d'] > dim)
            FAIL("day %lld is out of range 1..%d for %s %lld", (long long)p->v['d'], dim, month_long[month - 1],
                 (long long)year);
        *days = time_days_from_civil(year, month, (int)p->v['d']);
    } else if (p->has['D']) {
        int64_t jan1 = time_days_from_civil(year, 1, 1), len = time_days_from_civil(year + 1, 1, 1) - jan1;
        if (p->v['D'] > len) FAIL("day of year %lld is out of range 1..%lld for %lld", (long long)p->v['D'], (long long)len, (long long)year);
        *days = jan1 + p->v['D'] - 1;
    } else if (p->has['F']) {
        int64_t first = time_days_from_civil(year, month, 1);
        *days = first + floor_mod(dow - dow_of(first), 7) + (p->v['F'] - 1) * 7;
    } else if (p->has['w'] || (p->has['Y'] && !p->has['M'] && !p->has['L'])) {
        int64_t wy = p->has['Y'] ? p->v['Y'] : year;
        *days = week1_start(wy) + ((p->has['w'] ? p->v['w'] : 1) - 1) * 7 + dow;
    } else if (p->has['W'] || has_dow) {
        int64_t first = time_days_from_civil(year, month, 1);
        *days = first - dow_of(first) + ((p->has['W'] ? p->v['W'] : 1) - 1) * 7 + dow;
    } else {
        *days = time_days_from_civil(year, month, 1);
    }
    Fields x;
    fields_of(*days, &x);
    char date[40];
    time_format_date(*days, date);
    date[10] = 0;
    if (p->has['y'] && x.year != year) FAIL("year %lld does not match %s", (long long)year, date);
    if ((p->has['M'] || p->has['L']) && x.month != month) FAIL("month %d does not match %s", month, date);
    if (p->has['D'] && x.yday != p->v['D']) FAIL("day of year %lld does not match %s", (long long)p->v['D'], date);
    if (has_dow && x.dow != dow) FAIL("day of week %s does not match %s (a %s)", dow_names[dow], date, dow_names[x.dow]);
    if (p->has['w'] && x.week != p->v['w']) FAIL("week of year %lld does not match %s", (long long)p->v['w'], date);
    if (p->has['W'] && x.week_in_month != p->v['W'])
        FAIL("week of month %lld does not match %s", (long long)p->v['W'], date);
    if (p->has['F'] && x.dow_in_month != p->v['F'])
        FAIL("day of week in month %lld does not match %s", (long long)p->v['F'], date);
    if (p->has['Y'] && x.week_year != p->v['Y']) FAIL("week year %lld does not match %s", (long long)p->v['Y'], date);
    return true;
}

static bool resolve_time(const Parsed *p, int64_t *tod, char *why, size_t whysize)
{
    int64_t hour = 0;
    bool has_a = p->has['a'];
    int pm = has_a ? (int)p->v['a'] : 0;
    if (p->has['H'] || p->has['k']) {
        hour = p->has['H'] ? p->v['H'] : p->v['k'] % 24;
        if (has_a && (hour >= 12) != pm) FAIL("hour %lld does not match %s", (long long)hour, ampm[pm]);
    } else if (p->has['h']) {
        hour = p->v['h'] % 12 + 12 * pm;
    } else if (p->has['K']) {
        hour = p->v['K'] + 12 * pm;
    } else {
        hour = 12 * pm;
    }
    *tod = hour * MS_PER_HOUR + (p->has['m'] ? p->v['m'] : 0) * MS_PER_MINUTE +
           (p->has['s'] ? p->v['s'] : 0) * MS_PER_SECOND + (p->has['S'] ? p->v['S'] : 0);
    return true;
}

bool datefmt_parse(const DateFmt *f, const char *s, size_t n, int64_t now_ms, int64_t *ms, char *why, size_t whysize)
{
    Parsed p;
    memset(&p, 0, sizeof p);
    if (!scan(f, s, n, now_ms, &p, why, whysize)) return false;
    int64_t year = 1970;
    if (p.has['y']) year = p.has['G'] && p.v['G'] == 0 ? 1 - p.v['y'] : p.v['y'];
    else if (p.has['G'] && p.v['G'] == 0) year = -1969;   /* 1970 BC */
    int64_t days, tod;
    if (!resolve_date(&p, year, &days, why, whysize) || !resolve_time(&p, &tod, why, whysize)) return false;
    int64_t t = days * MS_PER_DAY + tod;
    if (p.ambiguous_year && t < time_add_months(now_ms, -80 * 12)) {
        /* the window's first year, but before its first day: the century after */
        if (!resolve_date(&p, year + 100, &days, why, whysize)) return false;
        t = days * MS_PER_DAY + tod;
    }
    for (const char *z = "zZX"; *z; z++)
        if (p.has[(unsigned char)*z]) t -= p.v[(unsigned char)*z] * MS_PER_MINUTE;
    *ms = t;
    return true;
}
