-- SUM of integer types is a BIGINT (two INTEGER maxima do not overflow), SUM of DECIMAL(6,2) keeps
-- scale 2, SUM of DOUBLE stays DOUBLE (1.000000075E7 from 10^7 up), SUM of REAL stays REAL
CREATE STREAM "SOURCE_SQL_STREAM_001" (i INTEGER, si SMALLINT, d DECIMAL(6,2), f DOUBLE, r REAL);
SELECT STREAM SUM(i) AS sum_i, SUM(si) AS sum_si, SUM(d) AS sum_d, SUM(f) AS sum_f, SUM(r) AS sum_r
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '1' HOUR);
