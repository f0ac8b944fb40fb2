-- STEP windows are aligned on the epoch, not on the first row: 2024-01-01 00:00:00 is 3 s past a
-- multiple of 7 s, so the windows are [23:59:57, 00:00:04), [00:00:04, 00:00:11), [00:00:11, 00:00:18);
-- ROWTIME AS alias is a real column (the window end), the STEP key is the window start
CREATE STREAM "SOURCE_SQL_STREAM_001" (v INTEGER);
SELECT STREAM ROWTIME AS window_end, STEP(s.ROWTIME BY INTERVAL '7' SECOND) AS window_start,
       COUNT(*) AS n, MIN(v) AS lo, MAX(v) AS hi
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '7' SECOND);
