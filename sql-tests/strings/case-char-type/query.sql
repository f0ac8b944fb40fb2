-- UPPER keeps CHAR(n) and its padding; the documented CHAR_LENGTH examples
SELECT STREAM UPPER(CAST('ab' AS CHAR(4))) || '|' AS u, CHAR_LENGTH(CAST('fred' AS CHAR(16))) AS n,
       CHAR_LENGTH('one') AS one, CHAR_LENGTH('') AS empty, CHAR_LENGTH('日本語🎉') AS cjk
FROM SOURCE_SQL_STREAM_001;
