-- VAR_POP / VAR_SAMP / STDDEV_POP / STDDEV_SAMP per group as DOUBLE; the sample forms of a single
-- value are NULL; a group with only NULL arguments gives NULL everywhere
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(4), x DOUBLE);
SELECT STREAM k, VAR_POP(x) AS vp, VAR_SAMP(x) AS vs, STDDEV_POP(x) AS sp, STDDEV_SAMP(x) AS ss
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE), k;
