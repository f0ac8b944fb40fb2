-- SUBSTRING(s FROM p [FOR n]) and SUBSTRING(s, p [, n]) evaluated per row: the window [p, p+n) is
-- clipped to the string, characters not bytes; a negative length is a runtime error
-- (the comma form gives NULL when p is past the end, even for the empty string: 1 > 0)
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20), p INTEGER, n INTEGER);
SELECT STREAM SUBSTRING(s FROM p FOR n) AS ff, SUBSTRING(s FROM p) AS f, SUBSTRING(s, p, n) AS cc, SUBSTRING(s, p) AS c
FROM "SOURCE_SQL_STREAM_001";
