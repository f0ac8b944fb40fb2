/* gen_apache: a deterministic Apache access log (Common Log Format) for the
 * log-parsing benchmark.
 *
 *   gen_apache N        write N lines to standard output
 *   gen_apache -s N     print only the byte count N lines take
 *
 * Each line looks like
 *   10.0.12.34 - frank [01/Jan/2024:00:00:00 +0000] "GET /products/1234.html HTTP/1.1" 200 5123
 * with one line per 10 ms, a fixed-seed splitmix64 choosing hosts, users,
 * methods, paths, statuses and sizes, so every run and machine get the
 * same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static uint32_t rng_below(uint32_t n) { return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32); }

static const char *const users[] = {"-", "-", "-", "frank", "alice", "bob"};
static const char *const methods[] = {"GET", "GET", "GET", "POST", "HEAD"};
static const char *const dirs[] = {"products", "images", "api/v1/orders", "static/js", "blog"};
static const char *const exts[] = {"html", "png", "json", "js", "css"};
static const int statuses[] = {200, 200, 200, 200, 304, 301, 404, 500};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int main(int argc, char **argv)
{
    int count_only = argc == 3 && strcmp(argv[1], "-s") == 0;
    if (argc != 2 && !count_only) {
        fprintf(stderr, "usage: gen_apache [-s] N\n");
        return 2;
    }
    long long n = atoll(argv[argc - 1]);
    static char out[1 << 20];
    size_t len = 0;
    unsigned long long total = 0;
    for (long long i = 0; i < n; i++) {
        long long s = i / 100;   /* seconds since 2024-01-01 00:00:00 */
        int sec = (int)(s % 60), min = (int)(s / 60 % 60), hour = (int)(s / 3600 % 24);
        int day = (int)(s / 86400);   /* stays within January for up to 267M lines */
        char line[256];
        int k = rng_below(5), m = rng_below(5);
        int w = snprintf(line, sizeof line, "10.%u.%u.%u - %s [%02d/%s/2024:%02d:%02d:%02d +0000] \"%s /%s/%u.%s HTTP/1.1\" %d %u\n",
                         rng_below(256), rng_below(256), rng_below(256), users[rng_below(6)], 1 + day % 31, months[0], hour,
                         min, sec, methods[m], dirs[k], rng_below(100000), exts[k], statuses[rng_below(8)],
                         200 + rng_below(50000));
        total += (unsigned long long)w;
        if (count_only) continue;
        if (len + (size_t)w > sizeof out) {
            fwrite(out, 1, len, stdout);
            len = 0;
        }
        memcpy(out + len, line, (size_t)w);
        len += (size_t)w;
    }
    if (count_only) printf("%llu\n", total);
    else fwrite(out, 1, len, stdout);
    return ferror(stdout) ? 1 : 0;
}
