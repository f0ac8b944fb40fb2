CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- whole-string match (Java matches()); no match gives a row of NULL fields; NULL input a NULL row
SELECT STREAM REGEX_LOG_PARSE(line, '(\w+) +(\w+)') AS r FROM "SOURCE_SQL_STREAM_001";
