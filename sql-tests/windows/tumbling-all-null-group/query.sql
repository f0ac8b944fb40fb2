-- aggregates skip NULLs; a group whose argument is always NULL gives COUNT(x) = 0 and NULL for
-- SUM, AVG, MIN, MAX, while COUNT(*) still counts its rows
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(4), x INTEGER);
SELECT STREAM k, COUNT(*) AS c_all, COUNT(x) AS c_x, SUM(x) AS s, AVG(x) AS a, MIN(x) AS lo, MAX(x) AS hi
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY k, STEP(s.ROWTIME BY INTERVAL '1' MINUTE);
