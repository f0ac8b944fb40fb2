-- DOUBLE and REAL values are finite, by one rule for every way a number
-- comes in: NaN, infinities and numbers beyond the type's range are
-- conversion errors in CAST, in JSON strings and in JSON numbers alike.
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(16), d DOUBLE, r REAL);
SELECT STREAM s, d, r, CAST(s AS DOUBLE) AS c FROM "SOURCE_SQL_STREAM_001";
