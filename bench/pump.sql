-- Benchmark: a Kinesis Data Analytics application in its usual shape, an
-- output stream fed by a pump. It follows the KDA getting-started ticker
-- application, with LIKE for its SIMILAR TO and a computed percentage column
-- so an arithmetic expression is evaluated per row. SECTOR is TECHNOLOGY for
-- 20% of the generated rows.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    sector        VARCHAR(16),
    change        DOUBLE,
    price         DOUBLE,
    change_pct    DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol, sector, change, price,
                  change / (price - change) * 100
    FROM "SOURCE_SQL_STREAM_001"
    WHERE sector LIKE '%TECH%';
