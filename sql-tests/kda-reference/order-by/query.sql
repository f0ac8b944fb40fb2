-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-order-by-clause.html
-- Documented: "SELECT STREAM DISTINCT rowtime, ticker FROM trades ORDER BY ROWTIME, ticker" succeeds
-- (the rows sharing a ROWTIME come out sorted by ticker). The failing form is order-by-not-monotonic.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), x INTEGER);
CREATE STREAM trades (ticker VARCHAR(4), x INTEGER);
CREATE PUMP p0 AS INSERT INTO trades SELECT STREAM ticker, x FROM "SOURCE_SQL_STREAM_001";
CREATE STREAM "DESTINATION_SQL_STREAM" (r TIMESTAMP, ticker VARCHAR(4));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM DISTINCT rowtime, ticker FROM trades ORDER BY ROWTIME, ticker;
