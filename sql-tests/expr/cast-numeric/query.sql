-- string to number trims blanks; DECIMAL/DOUBLE to INTEGER rounds (reference: "the real is rounded by the cast")
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(10), d DOUBLE, n DECIMAL(6,3));
SELECT STREAM CAST(s AS INTEGER) AS si, CAST(d AS INTEGER) AS di, CAST(n AS INTEGER) AS ni,
       CAST(n AS DECIMAL(5,2)) AS n2, CAST(d AS BIGINT) AS db, CAST(n AS DOUBLE) AS nd
FROM "SOURCE_SQL_STREAM_001";
