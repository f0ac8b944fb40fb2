-- a CHAR value carries its padding until TRIM takes it off
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(6));
SELECT STREAM CAST(s AS CHAR(6)) || '|' AS padded, TRIM(TRAILING FROM CAST(s AS CHAR(6))) || '|' AS trimmed,
       CHAR_LENGTH(TRIM(CAST(s AS CHAR(6)))) AS n
FROM "SOURCE_SQL_STREAM_001";
