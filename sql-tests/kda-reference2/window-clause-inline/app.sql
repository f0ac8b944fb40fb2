-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-window-clause.html
-- Example 3 (inline 1-hour window per ticker; the page's prose says one minute, its SQL one hour). The page shows its results as images; expected rows follow its rules (RANGE windows include both endpoints,
-- ROWS n PRECEDING holds the n preceding rows of the partition and the current one).
-- QXZ at 11:00: 10:00 .. 11:00 -> (10+20+30+40+50+90)/6 = 40.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    price         DOUBLE,
    avg_price     DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol, price, 
        AVG(Price) OVER (
            PARTITION BY ticker_symbol
            RANGE INTERVAL '1' HOUR PRECEDING) AS avg_price
    FROM "SOURCE_SQL_STREAM_001"
