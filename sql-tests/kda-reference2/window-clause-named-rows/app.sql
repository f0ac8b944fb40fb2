-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-window-clause.html
-- Example 2 (last2rows, last10rows per ticker). The page shows its results as images; expected rows follow its rules (RANGE windows include both endpoints,
-- ROWS n PRECEDING holds the n preceding rows of the partition and the current one).
-- QXZ at 11:00: last2rows 40, 50, 90 -> 60; last10rows 10, 20, 30, 40, 50, 90 -> 40.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol      VARCHAR(4), 
    price              DOUBLE, 
    avg_last2rows      DOUBLE, 
    avg_Last10rows     DOUBLE);
CREATE OR REPLACE PUMP "myPump" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, 
    price, 
    AVG(price) OVER last2rows, 
    AVG(price) OVER last10rows
FROM SOURCE_SQL_STREAM_001
WINDOW
    last2rows AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING),
    last10rows AS (PARTITION BY ticker_symbol ROWS 10 PRECEDING);
