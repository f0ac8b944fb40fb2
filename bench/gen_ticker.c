/* gen_ticker: deterministic stock-ticker NDJSON for the benchmark.
 *
 *   gen_ticker N        write N records to standard output
 *   gen_ticker -s N     print only the byte count N records take (no data),
 *                       so run.sh can tell a complete data file from a
 *                       truncated or stale one without storing a checksum
 *
 * Each record looks like
 *   {"ROWTIME":"2024-01-01 00:00:00.000","TICKER_SYMBOL":"AMZN",
 *    "SECTOR":"TECHNOLOGY","CHANGE":-0.35,"PRICE":84.51}
 * ROWTIME starts at 2024-01-01 00:00:00.000 and advances 1 ms per record,
 * so it never decreases. Prices stay within 1.00..200.00; half the symbols
 * trade below 50 and half above, so "PRICE > 50" keeps about half the rows.
 *
 * The output is the same on every run and machine: a fixed-seed splitmix64
 * drives everything, and numbers are formatted by hand from integer cents
 * (no floating point, no locale). It is written through one large buffer
 * because the benchmark asks for ~1 GB and printf per field would make the
 * generator, not eddy, the slow part of `make bench`.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NSYM 100
#define OUTBUF (1u << 20)

static const char *const symbols[NSYM] = {
    "AAPL", "AMZN", "MSFT", "GOOG", "META", "NVDA", "TSLA", "INTC", "AMD",  "ORCL",
    "IBM",  "CSCO", "ADBE", "CRM",  "QCOM", "TXN",  "AVGO", "MU",   "NFLX", "PYPL",
    "JPM",  "BAC",  "WFC",  "C",    "GS",   "MS",   "AXP",  "BLK",  "SCHW", "USB",
    "XOM",  "CVX",  "COP",  "SLB",  "EOG",  "OXY",  "PSX",  "MPC",  "VLO",  "HAL",
    "JNJ",  "PFE",  "MRK",  "ABBV", "LLY",  "UNH",  "TMO",  "ABT",  "BMY",  "AMGN",
    "WMT",  "TGT",  "COST", "HD",   "LOW",  "KO",   "PEP",  "MCD",  "SBUX", "NKE",
    "BA",   "CAT",  "GE",   "HON",  "LMT",  "RTX",  "DE",   "MMM",  "UPS",  "FDX",
    "T",    "VZ",   "TMUS", "EA",   "DIS",   "CHTR", "NEE",  "DUK",  "SO",   "D",
    "AMT",  "PLD",  "CCI",  "SPG",  "EQIX", "PSA",  "O",    "WELL", "DLR",  "AVB",
    "LIN",  "APD",  "SHW",  "ECL",  "DD",   "NEM",  "FCX",  "DOW",  "NUE",  "VMC",
};

/* One sector per row of ten symbols above. */
static const char *const sectors[NSYM / 10] = {
    "TECHNOLOGY", "TECHNOLOGY", "FINANCIAL", "ENERGY", "HEALTHCARE",
    "RETAIL", "INDUSTRIALS", "TELECOM", "REAL ESTATE", "MATERIALS",
};

/* splitmix64: tiny, fast, and fully specified, so output is reproducible. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
/* Uniform in [0, n) by multiply-shift; the tiny bias is irrelevant here. */
static uint32_t rng_below(uint32_t n)
{
    return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

static char outbuf[OUTBUF];
static size_t outlen;
static int count_only;
static unsigned long long total_bytes;

static void flush_out(void)
{
    total_bytes += outlen;
    if (!count_only) {
        size_t off = 0;
        while (off < outlen) {
            ssize_t w = write(STDOUT_FILENO, outbuf + off, outlen - off);
            if (w < 0) {
                if (errno == EINTR) continue;
                perror("gen_ticker: write");
                exit(1);
            }
            off += (size_t)w;
        }
    }
    outlen = 0;
}

static inline char *put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* Writes cents as [-]D.DD; integer arithmetic keeps it exact. */
static char *put_cents(char *p, int64_t cents)
{
    if (cents < 0) {
        *p++ = '-';
        cents = -cents;
    }
    char tmp[24];
    int n = 0;
    int64_t whole = cents / 100;
    do {
        tmp[n++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    while (n) *p++ = tmp[--n];
    *p++ = '.';
    *p++ = (char)('0' + (cents / 10) % 10);
    *p++ = (char)('0' + cents % 10);
    return p;
}

static inline char *put2(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), only
 * needed once per simulated day, so ROWTIME stays correct for any N. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

int main(int argc, char **argv)
{
    int argi = 1;
    if (argi < argc && strcmp(argv[argi], "-s") == 0) {
        count_only = 1;
        argi++;
    }
    if (argi + 1 != argc) {
        fprintf(stderr, "usage: gen_ticker [-s] RECORDS\n");
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long long n = strtoull(argv[argi], &end, 10);
    if (errno || *end || end == argv[argi]) {
        fprintf(stderr, "gen_ticker: bad record count '%s'\n", argv[argi]);
        return 2;
    }

    /* Symbols 0..49 trade in 5..45, 50..99 in 55..195: a walk of at most
     * +-1.00 per tick, clamped to the band, keeps PRICE > 50 at about half
     * of the rows while CHANGE still looks like a real tick-to-tick move. */
    int64_t price[NSYM], lo[NSYM], hi[NSYM];
    size_t symlen[NSYM], seclen[NSYM];
    for (int i = 0; i < NSYM; i++) {
        lo[i] = i < NSYM / 2 ? 500 : 5500;
        hi[i] = i < NSYM / 2 ? 4500 : 19500;
        price[i] = lo[i] + rng_below((uint32_t)(hi[i] - lo[i] + 1));
        symlen[i] = strlen(symbols[i]);
        seclen[i] = strlen(sectors[i / 10]);
    }

    const int64_t day0 = 19723;           /* 2024-01-01 */
    int64_t day = day0;
    char date[10];                        /* "YYYY-MM-DD", rebuilt per day */
    unsigned ms_of_day = 0;

    for (unsigned long long r = 0; r < n; r++) {
        if (r == 0 || ms_of_day == 0) {
            int64_t y;
            unsigned m, d;
            civil_from_days(day, &y, &m, &d);
            /* By hand: snprintf cannot prove a 10-char fit to -Wextra. */
            unsigned yy = (unsigned)(y % 10000);
            date[0] = (char)('0' + yy / 1000);
            date[1] = (char)('0' + yy / 100 % 10);
            put2(date + 2, yy % 100);
            date[4] = '-';
            put2(date + 5, m);
            date[7] = '-';
            put2(date + 8, d);
        }
        int s = (int)rng_below(NSYM);
        int64_t change = (int64_t)rng_below(201) - 100;
        int64_t np = price[s] + change;
        if (np < lo[s]) np = lo[s];
        if (np > hi[s]) np = hi[s];
        change = np - price[s];
        price[s] = np;

        if (outlen > OUTBUF - 256) flush_out();
        char *p = outbuf + outlen;
        p = put(p, "{\"ROWTIME\":\"", 12);
        p = put(p, date, 10);
        *p++ = ' ';
        unsigned t = ms_of_day;
        p = put2(p, t / 3600000);
        *p++ = ':';
        p = put2(p, t / 60000 % 60);
        *p++ = ':';
        p = put2(p, t / 1000 % 60);
        *p++ = '.';
        *p++ = (char)('0' + t % 1000 / 100);
        p = put2(p, t % 100);
        p = put(p, "\",\"TICKER_SYMBOL\":\"", 19);
        p = put(p, symbols[s], symlen[s]);
        p = put(p, "\",\"SECTOR\":\"", 12);
        p = put(p, sectors[s / 10], seclen[s]);
        p = put(p, "\",\"CHANGE\":", 11);
        p = put_cents(p, change);
        p = put(p, ",\"PRICE\":", 9);
        p = put_cents(p, np);
        p = put(p, "}\n", 2);
        outlen = (size_t)(p - outbuf);

        if (++ms_of_day == 86400000u) {
            ms_of_day = 0;
            day++;
        }
    }
    flush_out();
    if (count_only) printf("%llu\n", total_bytes);
    return 0;
}
