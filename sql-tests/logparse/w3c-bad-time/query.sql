CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- %t is the log's text (the SQL Reference's COMMON example): a time that
-- does not read as one goes to the error stream when it is converted
SELECT STREAM t.r.COLUMN4 AS logged, CHAR_TO_TIMESTAMP('[dd/MMM/yyyy:HH:mm:ss Z]', t.r.COLUMN4) AS at_utc
FROM (SELECT STREAM W3C_LOG_PARSE(line, 'COMMON') FROM "SOURCE_SQL_STREAM_001") AS t(r);
