-- Benchmark: latency through a filter (bench/latency.c feeds it paced
-- records and times each one's way out). Every record passes.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ID BIGINT, TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);
SELECT STREAM * FROM SOURCE_SQL_STREAM_001 WHERE PRICE > 0;
