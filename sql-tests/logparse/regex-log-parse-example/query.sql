CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
-- the reference's first example: the first E and its next character, then R and the rest
SELECT STREAM t.r.COLUMN1 AS match1, t.r.COLUMN2 AS match2
FROM (SELECT STREAM REGEX_LOG_PARSE(sector, '.*([E].).*([R].*)') FROM "SOURCE_SQL_STREAM_001") AS t(r);
