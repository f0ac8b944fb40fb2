-- The KDA ORDER BY page's example: SELECT STREAM DISTINCT rowtime, ticker
-- ... ORDER BY ROWTIME, ticker. The output ROWTIME is not compared, so
-- tickers are distinct among the rows that share a ROWTIME, sorted.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE);
SELECT STREAM DISTINCT rowtime, ticker FROM "SOURCE_SQL_STREAM_001" ORDER BY ROWTIME, ticker;
