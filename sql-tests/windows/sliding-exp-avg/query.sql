-- EXP_AVG(x, half-life) over a 30-second window: each row weighs 2^(-(t - row time) / 10 s), result is
-- the weighted mean as a DOUBLE; the row exactly 30 s old is still in (weight 1/8) and leaves after;
-- a NULL value is skipped; each partition is separate
CREATE STREAM "SOURCE_SQL_STREAM_001" (tk VARCHAR(4), x INTEGER);
SELECT STREAM tk, x, EXP_AVG(x, INTERVAL '10' SECOND) OVER (PARTITION BY tk RANGE INTERVAL '30' SECOND PRECEDING) AS ea
FROM "SOURCE_SQL_STREAM_001";
