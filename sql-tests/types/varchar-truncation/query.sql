-- a value too long for VARCHAR(n) is truncated to n characters (not bytes); numbers and
-- booleans become their text, objects and arrays their source text
CREATE STREAM "SOURCE_SQL_STREAM_001" (v VARCHAR(3), w VARCHAR(20));
SELECT STREAM v, w, CHAR_LENGTH(v) AS n FROM "SOURCE_SQL_STREAM_001";
