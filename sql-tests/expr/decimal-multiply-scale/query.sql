-- DECIMAL *: p = p1 + p2, s = s1 + s2, each capped at 18 (the reference's rule for multiply):
-- DECIMAL(18,9) * DECIMAL(18,9) is DECIMAL(18,18), so its products below 1 keep every decimal
-- and one of 1 or more is an overflow (the row goes to the error stream).
SELECT STREAM CAST(0.25 AS DECIMAL(18,9)) * CAST(0.5 AS DECIMAL(18,9)) AS wide,
       CAST(1.5 AS DECIMAL(10,1)) * CAST(2.25 AS DECIMAL(10,2)) AS narrow, 0.5 * 0.25 AS small,
       CAST(-4.82 AS DECIMAL(10,2)) / 69 * 0.5 AS quotient_times_half
FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM CAST(1.25 AS DECIMAL(18,9)) * CAST(2.5 AS DECIMAL(18,9)) AS too_wide FROM "SOURCE_SQL_STREAM_001";
