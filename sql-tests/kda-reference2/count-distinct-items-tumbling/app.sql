-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/count-distinct-items.html
-- Example 1 (verbatim pump). The result is an image; the page's rules: the number of distinct TICKER_SYMBOL values
-- in each 60-second tumbling window, exact while the window holds 10,000 items or fewer.
-- Window 10:00: AAA, BBB, CCC -> 3; window 10:01: AAA -> 1; window 10:03: DDD -> 1 (no rows in 10:02, no output).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM (
    NUMBER_OF_DISTINCT_ITEMS BIGINT);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM * 
      FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(
          CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),  -- pointer to the data stream
            'TICKER_SYMBOL',                                     -- name of column in single quotes
            60                                                   -- tumbling window size in seconds
      )
);
