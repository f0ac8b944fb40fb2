-- Exact numbers of different scales compare by value (no overflow from
-- raising both to one DECIMAL(18, s)): 1234567.89 > 1.0 / 3, and a BIGINT
-- far beyond DECIMAL(10,2) compares with one.
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b BIGINT, d DECIMAL(10,2));
SELECT STREAM d, d > 1.0 / 3 AS gt_third, b = d AS b_eq_d, b > d AS b_gt_d, d >= a AS d_ge_a, d = 0.330 AS eq_scaled
FROM "SOURCE_SQL_STREAM_001";
