-- MONOTONIC(batch) drives a tumbling window: a batch closes when a row with a greater batch arrives,
-- and its output ROWTIME is that row's ROWTIME (the last row's at end of input); an equal batch at a
-- later ROWTIME stays in the same window; batch 3 never appears, so no window for it
CREATE STREAM "SOURCE_SQL_STREAM_001" (batch INTEGER, v INTEGER);
SELECT STREAM ROWTIME AS closed_at, MONOTONIC(batch) AS b, COUNT(*) AS n, SUM(v) AS total
FROM "SOURCE_SQL_STREAM_001"
GROUP BY MONOTONIC(batch);
