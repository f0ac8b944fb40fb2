-- generated data (checked against an independent model): RANGE 10 SECOND and ROWS 4 windows per
-- partition (NULL keys form a partition) and an unpartitioned RANGE 5 SECOND window; rows share
-- ROWTIMEs, gaps expire whole windows, NULL values are skipped by SUM/MIN/MAX but counted by COUNT(*)
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(4), v INTEGER);
SELECT STREAM k, v, COUNT(*) OVER r10 AS n, SUM(v) OVER r10 AS s, MIN(v) OVER r10 AS lo, MAX(v) OVER r10 AS hi,
       MIN(v) OVER rows4 AS lo4, MAX(v) OVER rows4 AS hi4, SUM(v) OVER rows4 AS s4,
       MAX(v) OVER (RANGE INTERVAL '5' SECOND PRECEDING) AS hi_all,
       COUNT(*) OVER (RANGE INTERVAL '5' SECOND PRECEDING) AS n_all
FROM "SOURCE_SQL_STREAM_001"
WINDOW r10 AS (PARTITION BY k RANGE INTERVAL '10' SECOND PRECEDING),
       rows4 AS (PARTITION BY k ROWS 4 PRECEDING);
