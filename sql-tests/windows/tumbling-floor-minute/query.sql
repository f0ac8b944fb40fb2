-- FLOOR(s.ROWTIME TO MINUTE) as the window key, selected as a column; output ROWTIME = key + 1 minute;
-- 10:00:59.999 is in the first window, 10:01:00.000 starts the next; groups come out in first-seen order
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), qty INTEGER);
SELECT STREAM FLOOR(s.ROWTIME TO MINUTE) AS minute_start, ticker, COUNT(*) AS n, SUM(qty) AS total
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY FLOOR(s.ROWTIME TO MINUTE), ticker;
