/* gen_points: deterministic NDJSON points for the HOTSPOTS benchmark, drawn
 * the way the KDA developer guide's hotspots example generates its stream.
 *
 *   gen_points N        write N records to standard output
 *   gen_points -s N     print only the byte count N records take
 *
 * Each record looks like
 *   {"ROWTIME":"2024-01-01 00:00:00.000","x":3.141592,"y":2.718281,"is_hot":"N"}
 * Points lie in a 10 x 10 field; with probability 0.2 a point is drawn
 * from a 1 x 1 hotspot instead (is_hot "Y"), and the hotspot moves to a new
 * random place every 1000 points, as in the guide's generator. ROWTIME
 * advances 1 ms per record. Coordinates are written with six decimals from
 * integers (no floating point formatting, no locale), from a fixed-seed
 * splitmix64, so the output is the same on every run and machine.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUTBUF (1u << 20)
#define UNIT 1000000               /* coordinates in millionths */
#define FIELD (10 * UNIT)
#define SPOT UNIT

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

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
                perror("gen_points: write");
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

static inline char *put2(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

/* millionths as D.DDDDDD (never negative here) */
static char *put_micros(char *p, uint32_t v)
{
    uint32_t whole = v / UNIT, frac = v % UNIT;
    if (whole >= 10) *p++ = (char)('0' + whole / 10);
    *p++ = (char)('0' + whole % 10);
    *p++ = '.';
    for (uint32_t div = UNIT / 10; div; div /= 10) *p++ = (char)('0' + frac / div % 10);
    return p;
}

int main(int argc, char **argv)
{
    int argi = 1;
    if (argi < argc && strcmp(argv[argi], "-s") == 0) {
        count_only = 1;
        argi++;
    }
    if (argi + 1 != argc) {
        fprintf(stderr, "usage: gen_points [-s] RECORDS\n");
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long long n = strtoull(argv[argi], &end, 10);
    if (errno || *end || end == argv[argi]) {
        fprintf(stderr, "gen_points: bad record count '%s'\n", argv[argi]);
        return 2;
    }
    /* One day of milliseconds is enough for 86 M records; the date stays. */
    if (n > 86400000ull) {
        fprintf(stderr, "gen_points: at most 86400000 records\n");
        return 2;
    }
    uint32_t spot_x = 0, spot_y = 0;
    for (unsigned long long r = 0; r < n; r++) {
        if (r % 1000 == 0) {
            spot_x = rng_below(FIELD - SPOT + 1);
            spot_y = rng_below(FIELD - SPOT + 1);
        }
        int hot = rng_below(5) == 0;
        uint32_t x, y;
        if (hot) {
            x = spot_x + rng_below(SPOT + 1);
            y = spot_y + rng_below(SPOT + 1);
        } else {
            x = rng_below(FIELD + 1);
            y = rng_below(FIELD + 1);
        }
        if (outlen > OUTBUF - 256) flush_out();
        char *p = outbuf + outlen;
        unsigned t = (unsigned)r;
        p = put(p, "{\"ROWTIME\":\"2024-01-01 ", 23);
        p = put2(p, t / 3600000);
        *p++ = ':';
        p = put2(p, t / 60000 % 60);
        *p++ = ':';
        p = put2(p, t / 1000 % 60);
        *p++ = '.';
        *p++ = (char)('0' + t % 1000 / 100);
        p = put2(p, t % 100);
        p = put(p, "\",\"x\":", 6);
        p = put_micros(p, x);
        p = put(p, ",\"y\":", 5);
        p = put_micros(p, y);
        p = put(p, hot ? ",\"is_hot\":\"Y\"}\n" : ",\"is_hot\":\"N\"}\n", 15);
        outlen = (size_t)(p - outbuf);
    }
    flush_out();
    if (count_only) printf("%llu\n", total_bytes);
    return 0;
}
