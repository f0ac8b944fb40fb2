-- an aggregate without GROUP BY (or OVER) would wait for the end of an infinite stream
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001";
