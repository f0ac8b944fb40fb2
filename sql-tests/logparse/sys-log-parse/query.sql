CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- no year in the line: the year of ROWTIME, or the year before when the line would be
-- more than 31 days in the future (a December line read in January)
SELECT STREAM SYS_LOG_PARSE(line) AS r FROM "SOURCE_SQL_STREAM_001";
