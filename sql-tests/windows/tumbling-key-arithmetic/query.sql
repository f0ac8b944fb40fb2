-- arithmetic on a FLOOR key is still monotonic; it is not a plain STEP/FLOOR key, so the output
-- ROWTIME is that of the row that closed the window (the last row's at end of input); the select
-- list repeats the GROUP BY expression
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4));
SELECT STREAM FLOOR(s.ROWTIME TO MINUTE) + INTERVAL '1' MINUTE AS next_minute, ticker, COUNT(*) AS n
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY FLOOR(s.ROWTIME TO MINUTE) + INTERVAL '1' MINUTE, ticker;
