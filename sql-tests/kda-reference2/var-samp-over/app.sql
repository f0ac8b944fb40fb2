-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-VARSAMP.html
-- Example 2 (sliding window). The page shows its result as an image, so the expected rows follow its rules over a 10-second
-- RANGE window per ticker (both ends included): e.g. at 10:00:10 the AMZN window holds 10, 12, 14, 14, 20
-- (VAR_POP 11.2, VAR_SAMP 14, STDDEV_POP 3.34664, STDDEV_SAMP 3.74166); a single row gives 0 (POP) or null (SAMP).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), var_samp_price REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"

SELECT STREAM ticker_symbol, VAR_SAMP(price) OVER TEN_SECOND_SLIDING_WINDOW AS var_samp_price
FROM "SOURCE_SQL_STREAM_001"

WINDOW TEN_SECOND_SLIDING_WINDOW AS (
  PARTITION BY ticker_symbol
  RANGE INTERVAL '10' SECOND PRECEDING);
