-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-avg.html
-- Example (step form). The page shows its result as an image, so the expected rows follow the page's
-- rules: GROUP BY on STEP/FLOOR of ROWTIME is a tumbling 1-minute window per ticker, one row per group
-- with the window's end as ROWTIME; OVER (PARTITION BY ticker_symbol RANGE INTERVAL '1' HOUR PRECEDING)
-- gives one row per input row over that ticker's last hour; nulls are ignored.
-- (The source schema is the page's sample stock dataset.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    avg_price     DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM
        ticker_symbol,
        AVG(price) AS avg_price
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
