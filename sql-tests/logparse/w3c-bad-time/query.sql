CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- a line of the right shape whose time does not convert goes to the error stream
SELECT STREAM W3C_LOG_PARSE(line, 'COMMON') AS r FROM "SOURCE_SQL_STREAM_001";
