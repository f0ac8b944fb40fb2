-- arithmetic on a FLOOR key is still monotonic, and a constant interval added to it moves the
-- key but not the window: it ends, and its rows leave, when the FLOOR window does (the SELECT
-- DISTINCT page: FLOOR(...) - INTERVAL '1' DAY "would give identical behavior")
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4));
SELECT STREAM FLOOR(s.ROWTIME TO MINUTE) + INTERVAL '1' MINUTE AS next_minute, ticker, COUNT(*) AS n
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY FLOOR(s.ROWTIME TO MINUTE) + INTERVAL '1' MINUTE, ticker;
