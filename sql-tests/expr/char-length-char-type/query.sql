-- documented examples: CHAR_LENGTH('one') = 3, '' = 0, CAST('fred' AS CHAR(16)) = 16
SELECT STREAM CHAR_LENGTH('one') AS a, CHAR_LENGTH('') AS b, CHAR_LENGTH('fred') AS c,
       CHAR_LENGTH(CAST('fred' AS CHAR(16))) AS d
FROM SOURCE_SQL_STREAM_001;
