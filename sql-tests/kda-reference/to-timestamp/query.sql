-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-to-timestamp.html
-- Example 1 converts CHANGE_TIME (BIGINT epoch milliseconds) to a TIMESTAMP; its output is an image,
-- so the expected rows follow the page's definition (milliseconds since '1970-01-01 00:00:00' UTC).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, change_time BIGINT, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    sector VARCHAR(64),
    change REAL,
    change_time TIMESTAMP,
    price REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"

SELECT STREAM   TICKER_SYMBOL,
                SECTOR,
                CHANGE,
                TO_TIMESTAMP(CHANGE_TIME),
                PRICE

FROM "SOURCE_SQL_STREAM_001";
