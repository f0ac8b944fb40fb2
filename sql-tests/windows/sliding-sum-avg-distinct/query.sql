-- SUM([DISTINCT | ALL] x) OVER w and AVG([DISTINCT | ALL] x) OVER w, as the reference's SUM and AVG pages give
-- them: each value of the window counts once. RANGE and ROWS windows, partitioned or not; NULLs are skipped; a
-- value leaves only when the last row holding it does (AMZN's 10 at 00:02 and 00:05, IBM's 2.5 in a ROWS window).
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), qty INTEGER, px DOUBLE, amt DECIMAL(6,2));
SELECT STREAM sym, qty,
       SUM(DISTINCT qty) OVER r AS sum_d, SUM(ALL qty) OVER r AS sum_all, AVG(DISTINCT qty) OVER r AS avg_d,
       SUM(DISTINCT px) OVER rows2 AS px_d, AVG(DISTINCT amt) OVER rows2 AS amt_d,
       SUM(DISTINCT qty) OVER (RANGE INTERVAL '3' SECOND PRECEDING) AS all_sum_d,
       AVG(DISTINCT px) OVER (ROWS 3 PRECEDING) AS all_px_d
FROM "SOURCE_SQL_STREAM_001"
WINDOW r AS (PARTITION BY sym RANGE INTERVAL '3' SECOND PRECEDING),
       rows2 AS (PARTITION BY sym ROWS 2 PRECEDING);
