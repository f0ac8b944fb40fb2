/* The built-in stock ticker, like the KDA demo stream: one NDJSON record
 * at a time with TICKER_SYMBOL, SECTOR, CHANGE and PRICE (prices walk). */
#ifndef EDDY_TICKER_H
#define EDDY_TICKER_H
#include <stddef.h>
#include <stdint.h>

#define TICKER_SYMBOLS 24
#define TICKER_DDL \
    "CREATE STREAM \"SOURCE_SQL_STREAM_001\" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE REAL);"

typedef struct Ticker {
    uint64_t rng;
    double price[TICKER_SYMBOLS];
} Ticker;

void ticker_init(Ticker *t, uint64_t seed);
/* Writes the next record (no newline) into buf; returns its length. */
int ticker_next(Ticker *t, char *buf, size_t size);

#endif
