-- from gangagoura/Kinesis-analytics-aws, sql/alert.sql: stock tickers whose average change over the last 10
-- seconds (a named sliding window, PARTITION BY ticker_symbol, both ends included) exceeds 1 in size; the filter
-- is on the subquery's output. AMZN's 1.5 alone alerts; with 0.3 and 0.1 the average drops below 1; TGT's -0.4
-- and -2.2 average -1.3 in REAL arithmetic (-1.3000000715255737 in the DOUBLE column); a NULL change is skipped.
-- The CREATE STREAM for the source (the demo stream's schema) is added; the app's SQL is unchanged.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
   ticker_symbol varchar(4), 
   avg_change double);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, avg_change
FROM (
    SELECT STREAM
        ticker_symbol, 
        AVG(change) OVER W1 as avg_change
    FROM "SOURCE_SQL_STREAM_001"
    WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '10' SECOND PRECEDING)
)
WHERE ABS(avg_change) > 1;
