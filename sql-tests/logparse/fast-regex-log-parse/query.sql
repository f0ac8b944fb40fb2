CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- the reference's first example, then a line without the second underscore pair
SELECT STREAM t.r.COLUMN1, t.r.COLUMN2
FROM (SELECT STREAM FAST_REGEX_LOG_PARSE(line, '(.*)_(._.*)_.*') FROM "SOURCE_SQL_STREAM_001") AS t(r);
