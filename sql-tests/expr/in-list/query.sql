-- IN is a chain of = joined by OR; a NULL in the list makes a miss UNKNOWN
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, s VARCHAR(8));
SELECT STREAM a IN (1, 2, 3) AS i1, a NOT IN (1, 2) AS i2, a IN (1, NULL) AS i3, a NOT IN (1, NULL) AS i4,
       s IN ('x', 'yy') AS i5
FROM "SOURCE_SQL_STREAM_001";
