-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-numeric-types-precision.html
-- Documented: DECIMAL(10,1) * DECIMAL(10,3) has scale s1 + s2 = 4; DECIMAL(10,1) + or - DECIMAL(10,3) has
-- scale max(s1, s2) = 3. Division uses s = MAX(6, s1 + p2 + 1) with whole digits d = p1 - s1 + s2:
-- DECIMAL(4,3) / DECIMAL(5,0) gives scale 9 and DECIMAL(2,1) / DECIMAL(10,3) scale 12 (no cap reached).
-- (The page's own worked division example prints d = 6 and s = 14 for 10-1+3 and MAX(6, 12); see the audit report.)
SELECT STREAM CAST(1.5 AS DECIMAL(10,1)) * CAST(0.125 AS DECIMAL(10,3)) AS m,
       CAST(1.5 AS DECIMAL(10,1)) + CAST(0.125 AS DECIMAL(10,3)) AS a,
       CAST(1.5 AS DECIMAL(10,1)) - CAST(0.125 AS DECIMAL(10,3)) AS s,
       CAST(1.000 AS DECIMAL(4,3)) / CAST(3 AS DECIMAL(5,0)) AS d1,
       CAST(1.0 AS DECIMAL(2,1)) / CAST(3.000 AS DECIMAL(10,3)) AS d2
FROM SOURCE_SQL_STREAM_001;
