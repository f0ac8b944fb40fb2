-- A variance beyond DOUBLE is an overflow (the row goes to the error
-- stream); when the outliers have left the RANGE window, the variance of
-- the values left is exact again.
CREATE STREAM "SOURCE_SQL_STREAM_001" (d DOUBLE);
SELECT STREAM d, VAR_SAMP(d) OVER (RANGE INTERVAL '2' SECOND PRECEDING) AS v, VAR_POP(d) OVER (RANGE INTERVAL '2' SECOND PRECEDING) AS vp
FROM "SOURCE_SQL_STREAM_001";
