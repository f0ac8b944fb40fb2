-- RANGE windows include both ends, [t - 5 s, t]: with records at whole seconds 1, 2, 6, 7, 8, 8, 8
-- the row at 1 is still in the window of the row at 6 (exactly 5 s older), so the counts are
-- 1, 2, 3, 3, 3, 4, 5; at 13 the three rows at 8 are still in, at 13.001 they are out
CREATE STREAM "SOURCE_SQL_STREAM_001" (id INTEGER);
SELECT STREAM id, COUNT(*) OVER w AS n, MIN(id) OVER w AS oldest, SUM(id) OVER w AS total
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (RANGE INTERVAL '5' SECOND PRECEDING);
