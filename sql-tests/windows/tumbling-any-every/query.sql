-- ANY / SOME / EVERY over BOOLEAN conditions per hour (the reference page groups by
-- FLOOR(trades.ROWTIME TO HOUR)); UNKNOWN inputs are skipped; no known input gives NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, ok BOOLEAN);
SELECT STREAM ticker, ANY(price > 100) AS any_high, EVERY(price > 100) AS all_high,
       SOME(ok) AS some_ok, EVERY(ok) AS every_ok
FROM "SOURCE_SQL_STREAM_001" AS trades
GROUP BY FLOOR(trades.ROWTIME TO HOUR), ticker;
