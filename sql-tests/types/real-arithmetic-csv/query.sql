-- CSV output prints numbers as JSON output does: a REAL result of REAL and INTEGER with float's shortest digits,
-- a DOUBLE with double's (Java's Double.toString), a DECIMAL with its scale, a TIMESTAMP with milliseconds.
CREATE STREAM "SOURCE_SQL_STREAM_001" (r REAL, n INTEGER, d DOUBLE, m DECIMAL(8,3), t TIMESTAMP);
SELECT STREAM r * n AS real_times_int, d / 3 AS dbl, m * 2 AS dec_scale, m + 1 AS dec_sum, t FROM "SOURCE_SQL_STREAM_001";
