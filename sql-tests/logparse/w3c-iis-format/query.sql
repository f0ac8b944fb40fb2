CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- the Microsoft IIS log format: fifteen comma-separated fields
SELECT STREAM W3C_LOG_PARSE(line, 'IIS') AS r FROM "SOURCE_SQL_STREAM_001";
