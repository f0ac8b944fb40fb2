#include "ticker.h"

#include <math.h>
#include <stdio.h>

static const struct {
    const char *symbol, *sector;
} tickers[TICKER_SYMBOLS] = {
    {"AAPL", "TECHNOLOGY"}, {"AMZN", "RETAIL"}, {"MSFT", "TECHNOLOGY"}, {"NFLX", "TECHNOLOGY"},
    {"CRM", "TECHNOLOGY"},  {"QXZ", "HEALTHCARE"}, {"MJN", "HEALTHCARE"}, {"WSB", "FINANCIAL"},
    {"KIN", "ENERGY"},      {"ALY", "ENERGY"},     {"ASD", "FINANCIAL"},  {"BNM", "FINANCIAL"},
    {"PPL", "HEALTHCARE"},  {"DFG", "TECHNOLOGY"}, {"HJK", "FINANCIAL"},  {"JKL", "RETAIL"},
    {"IOP", "TECHNOLOGY"},  {"TBV", "RETAIL"},     {"SLW", "ENERGY"},     {"ZXV", "ENERGY"},
    {"QWE", "HEALTHCARE"},  {"WAS", "RETAIL"},     {"RFV", "FINANCIAL"},  {"UHN", "ENERGY"},
};

static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;   /* xorshift64*: fast, and plenty for a demo */
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0); }

void ticker_init(Ticker *t, uint64_t seed)
{
    t->rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
    for (int k = 0; k < TICKER_SYMBOLS; k++) t->price[k] = round((5 + rng_unit(&t->rng) * 145) * 100) / 100;
}

int ticker_next(Ticker *t, char *buf, size_t size)
{
    int k = (int)(rng_next(&t->rng) % (uint64_t)TICKER_SYMBOLS);
    double p = t->price[k];
    double change = round((rng_unit(&t->rng) - 0.5) * p * 0.04 * 100.0) / 100.0;
    p += change;
    if (p < 1) p = 1, change = 0;
    p = round(p * 100.0) / 100.0;
    t->price[k] = p;
    return snprintf(buf, size, "{\"TICKER_SYMBOL\":\"%s\",\"SECTOR\":\"%s\",\"CHANGE\":%.2f,\"PRICE\":%.2f}",
                    tickers[k].symbol, tickers[k].sector, change, p);
}
