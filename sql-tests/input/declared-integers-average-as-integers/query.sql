-- A declared INTEGER column keeps KDA's rule: AVG of integers is an integer
-- (the mean rounded toward zero), so 1 and 2 average to 1.
CREATE STREAM "SOURCE_SQL_STREAM_001" (v INTEGER);
SELECT STREAM v, AVG(v) OVER (ROWS 3 PRECEDING) AS a FROM "SOURCE_SQL_STREAM_001";
