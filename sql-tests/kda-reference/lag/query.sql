-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-lag.html
-- Example 1 (verbatim pump): LAG(price, 1, 0) and LAG(price, 2, 0) IGNORE NULLS over a 1-minute window
-- per ticker. The page shows its output as an image, so the expected rows follow the page's rules:
-- N records before the current one in the window, null prices skipped (IGNORE NULLS), and the default (0)
-- when the record queried falls outside the window.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    price     DOUBLE,
    previous_price DOUBLE,
    previous_price_2 DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol,
         price,
         LAG(price, 1, 0) IGNORE NULLS OVER (
            PARTITION BY ticker_symbol
            RANGE INTERVAL '1' MINUTE PRECEDING),
         LAG(price, 2, 0) IGNORE NULLS OVER (
            PARTITION BY ticker_symbol
            RANGE INTERVAL '1' MINUTE PRECEDING)
    FROM "SOURCE_SQL_STREAM_001";
