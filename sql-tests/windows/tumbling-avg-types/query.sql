-- AVG has the argument's type: INTEGER averages truncate toward zero (-7.5 -> -7, 5/3 -> 1),
-- DECIMAL keeps its scale, DOUBLE and REAL stay floating point; NULLs are skipped
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(4), i INTEGER, d DECIMAL(6,2), f DOUBLE, r REAL);
SELECT STREAM k, AVG(i) AS avg_i, AVG(d) AS avg_d, AVG(f) AS avg_f, AVG(r) AS avg_r
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '10' SECOND), k;
