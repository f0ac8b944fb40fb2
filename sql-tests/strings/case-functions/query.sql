-- INITCAP upper-cases the first character of each space-delimited word and lower-cases the rest
-- (the reference's example first); UPPER and LOWER keep the type, so CHAR keeps its padding;
-- CHAR_LENGTH counts characters, CHAR padding included
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(40));
SELECT STREAM INITCAP(s) AS i, UPPER(s) AS u, LOWER(s) AS l, CHAR_LENGTH(s) AS n, CHARACTER_LENGTH(CAST(s AS CHAR(16))) AS n16
FROM "SOURCE_SQL_STREAM_001";
