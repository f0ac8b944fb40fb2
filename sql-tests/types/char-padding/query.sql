-- CHAR(n) is blank-padded to n; comparing CHAR with VARCHAR ignores trailing blanks
CREATE STREAM "SOURCE_SQL_STREAM_001" (c CHAR(4));
SELECT STREAM c, CHAR_LENGTH(c) AS n, c = 'ab' AS eq_ab, c = 'ab  ' AS eq_padded, c || '|' AS bar
FROM "SOURCE_SQL_STREAM_001";
