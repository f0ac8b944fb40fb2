-- a MONOTONIC key that goes backwards: the row goes to the error stream as LATE_ROW and is not
-- counted; processing continues
CREATE STREAM "SOURCE_SQL_STREAM_001" (batch INTEGER, v INTEGER);
SELECT STREAM MONOTONIC(batch) AS b, COUNT(*) AS n, SUM(v) AS total
FROM "SOURCE_SQL_STREAM_001"
GROUP BY MONOTONIC(batch);
