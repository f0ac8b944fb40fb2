-- \u escapes decode to UTF-8 (surrogate pairs too) and count as characters; output is UTF-8, not escaped
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(10));
SELECT STREAM s, CHAR_LENGTH(s) AS n FROM "SOURCE_SQL_STREAM_001";
