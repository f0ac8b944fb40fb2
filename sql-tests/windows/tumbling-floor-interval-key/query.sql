-- The STDDEV_POP page's tumbling key: FLOOR((ROWTIME - epoch) SECOND / 10 TO SECOND), an interval floored
-- to whole seconds, that only grows with ROWTIME (10-second windows).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), price DOUBLE);
SELECT STREAM ticker_symbol, COUNT(*) AS n, STDDEV_POP(price) AS sd FROM "SOURCE_SQL_STREAM_001" GROUP BY ticker_symbol, FLOOR(("SOURCE_SQL_STREAM_001".ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND);
