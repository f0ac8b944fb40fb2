-- LAG(x [, n [, default]]) over the last four rows of each partition: the default applies when the
-- target row is outside the window (LAG 4 is always outside), never to a genuine NULL value;
-- IGNORE NULLS skips NULL values while counting back; over a 2-second RANGE window an older
-- row is outside too
CREATE STREAM "SOURCE_SQL_STREAM_001" (tk VARCHAR(4), p INTEGER);
SELECT STREAM tk, p,
       LAG(p) OVER w AS l1,
       LAG(p, 2) OVER w AS l2,
       LAG(p, 1, -1) OVER w AS l1d,
       LAG(p, 1, -1) IGNORE NULLS OVER w AS l1d_nn,
       LAG(p, 2) RESPECT NULLS OVER w AS l2_r,
       LAG(p, 3, 0) OVER w AS l3d,
       LAG(p, 4, 0) OVER w AS l4d,
       LAG(p, 1, -1) OVER (PARTITION BY tk RANGE INTERVAL '2' SECOND PRECEDING) AS l1_2s
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (PARTITION BY tk ROWS 3 PRECEDING);
