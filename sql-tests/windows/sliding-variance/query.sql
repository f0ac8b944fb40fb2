-- VAR_POP / VAR_SAMP / STDDEV_POP / STDDEV_SAMP as analytic functions over the last four rows;
-- every exact variance here is a representable double, so the expected values are exact (no drift
-- allowed as rows leave the window); the sample forms of a single value are NULL; NULLs are skipped
CREATE STREAM "SOURCE_SQL_STREAM_001" (x DOUBLE);
SELECT STREAM x, VAR_POP(x) OVER w AS vp, VAR_SAMP(x) OVER w AS vs,
       STDDEV_POP(x) OVER w AS sp, STDDEV_SAMP(x) OVER w AS ss
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (ROWS 3 PRECEDING);
