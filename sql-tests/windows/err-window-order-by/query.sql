-- an aggregation window may not be ordered by anything but ROWTIME
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM SUM(price) OVER (PARTITION BY ticker ORDER BY price ROWS 2 PRECEDING) AS s FROM "SOURCE_SQL_STREAM_001";
