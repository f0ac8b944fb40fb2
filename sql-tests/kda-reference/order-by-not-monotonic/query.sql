-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-order-by-clause.html
-- Documented: "SELECT STREAM DISTINCT ticker FROM trades ORDER BY ticker" fails (the leading ORDER BY
-- expression must be time-based and monotonic).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), x INTEGER);
CREATE STREAM trades (ticker VARCHAR(4), x INTEGER);
CREATE PUMP p0 AS INSERT INTO trades SELECT STREAM ticker, x FROM "SOURCE_SQL_STREAM_001";
CREATE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM DISTINCT ticker FROM trades ORDER BY ticker;
