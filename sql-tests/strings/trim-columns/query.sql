-- trim characters may be multi-byte; a trim character that is not exactly one character is a
-- runtime error (the row goes to the error stream); NULL in gives NULL out
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20), c VARCHAR(4));
SELECT STREAM TRIM(BOTH c FROM s) AS b, TRIM(LEADING c FROM s) AS l, TRIM(TRAILING c FROM s) AS t, TRIM(s) AS p FROM "SOURCE_SQL_STREAM_001";
