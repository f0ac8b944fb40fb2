-- DECIMAL *: p = p1 + p2, s = s1 + s2, and past 18 digits the scale gives way to the integer digits,
-- not below 6: DECIMAL(18,9) * DECIMAL(18,9) is DECIMAL(18,6), so 1.25 * 2.5 is 3.125000.
SELECT STREAM CAST(1.25 AS DECIMAL(18,9)) * CAST(2.5 AS DECIMAL(18,9)) AS wide,
       CAST(1.5 AS DECIMAL(10,1)) * CAST(2.25 AS DECIMAL(10,2)) AS narrow, 0.5 * 0.25 AS small
FROM "SOURCE_SQL_STREAM_001";
