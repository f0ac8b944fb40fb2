-- Values far out of line leave a sliding window cleanly (ROWS and RANGE):
-- two 1e308 make a SUM beyond DOUBLE, an overflow (the row goes to the error
-- stream), not an infinity or a NaN that stays; once they have left, the
-- sums are exact again (0.1 + 0.2 + 0.7 is 1.0: the sum is compensated).
CREATE STREAM "SOURCE_SQL_STREAM_001" (d DOUBLE);
SELECT STREAM d, SUM(d) OVER (ROWS 2 PRECEDING) AS s_rows, SUM(d) OVER (RANGE INTERVAL '2' SECOND PRECEDING) AS s_range
FROM "SOURCE_SQL_STREAM_001";
