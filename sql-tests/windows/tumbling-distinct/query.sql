-- DISTINCT aggregates in a tumbling window count each distinct non-null value once per group
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), qty INTEGER);
SELECT STREAM COUNT(DISTINCT ticker) AS tickers, SUM(DISTINCT qty) AS sum_d, COUNT(DISTINCT qty) AS n_d, COUNT(qty) AS n
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE);
