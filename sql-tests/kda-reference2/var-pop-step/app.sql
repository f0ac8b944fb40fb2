-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-VARPOP.html
-- Example 1, Using STEP. The page shows its result as an image, so the expected rows follow its rules: tumbling 60-second
-- windows per ticker (window end as ROWTIME), duplicates included (ALL is the default), and
-- VAR_POP = (S2 - S1*S1/N)/N, VAR_SAMP = (S2 - S1*S1/N)/(N-1), null for one element; STDDEV_* = square root.
-- AMZN 10:00 window: 10, 12, 14, 14, 20, 24 -> VAR_POP 23.2222, VAR_SAMP 27.8667, STDDEV_POP 4.81894, STDDEV_SAMP 5.27889.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), var_pop_price REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"

SELECT STREAM ticker_symbol, VAR_POP(price) AS var_pop_price
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY ticker_symbol, STEP(("SOURCE_SQL_STREAM_001".ROWTIME) BY INTERVAL '60' SECOND);
