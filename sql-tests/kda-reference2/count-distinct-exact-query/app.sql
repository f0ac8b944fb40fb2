-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/count-distinct-items.html: the exact count
-- the page compares COUNT_DISTINCT_ITEMS_TUMBLING with. The subquery's "rowtime AS window_time" is its
-- rows' ROWTIME, so STEP(distinct_stream.window_time BY ...) is a tumbling key; the DISTINCT drops the
-- repeated 10:00:01 row, so AAA has 2 distinct prices in 10:00:00-05.
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), CHANGE DOUBLE, PRICE DOUBLE);
SELECT STREAM TICKER_SYMBOL, COUNT(distinct_stream.price) AS unique_count
  FROM (SELECT STREAM DISTINCT rowtime as window_time, TICKER_SYMBOL, CHANGE, PRICE,
          STEP((SOURCE_SQL_STREAM_001.rowtime) BY INTERVAL '5' SECOND) FROM SOURCE_SQL_STREAM_001) as distinct_stream
  GROUP BY TICKER_SYMBOL, STEP((distinct_stream.window_time) BY INTERVAL '5' SECOND);
