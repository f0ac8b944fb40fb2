-- DECIMAL division keeps at least 6 decimals when the digits run past 18
-- (d = p1 - s1 + s2, s = max(6, s1 + p2 + 1)): 1 / 2.50 is 0.400000, not 0.
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b BIGINT, d DECIMAL(10,2));
SELECT STREAM b / 2.50 AS c1, a / 2.50 AS c2, CAST(1.0 AS DECIMAL(10,1)) / CAST(3.000 AS DECIMAL(10,3)) AS c3, d / 3 AS c4
FROM "SOURCE_SQL_STREAM_001";
