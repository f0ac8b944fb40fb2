-- ORDER BY ROWTIME in a window spec is accepted (it is the only order a sliding window has)
CREATE STREAM "SOURCE_SQL_STREAM_001" (v INTEGER);
SELECT STREAM v, SUM(v) OVER (ORDER BY ROWTIME ROWS 1 PRECEDING) AS s
FROM "SOURCE_SQL_STREAM_001";
