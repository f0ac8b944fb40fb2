-- AVG and STDDEV over a ROWS window that never empties: the first value, an
-- outlier, is the shift the variance sums start from, and two 1e308 pass
-- through later; once each has left, the results are those of the values
-- left (the window adds them up again when the shift has gone bad).
CREATE STREAM "SOURCE_SQL_STREAM_001" (d DOUBLE);
SELECT STREAM d, AVG(d) OVER w AS a, STDDEV_POP(d) OVER w AS sd
FROM "SOURCE_SQL_STREAM_001" WINDOW w AS (ROWS 2 PRECEDING);
