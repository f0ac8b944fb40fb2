-- || with NULL is NULL; CHAR keeps its padding; characters, not bytes
CREATE STREAM "SOURCE_SQL_STREAM_001" (a VARCHAR(10), b VARCHAR(10));
SELECT STREAM a || b AS ab, a || '-' || b AS dashed, CAST(a AS CHAR(4)) || '|' AS padded,
       CHAR_LENGTH(a || b) AS len
FROM "SOURCE_SQL_STREAM_001";
