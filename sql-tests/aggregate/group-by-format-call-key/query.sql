-- A select item written exactly as a GROUP BY key is that key, also when it is a call with a compiled format
-- (CHAR_TO_TIMESTAMP with a constant pattern), as in the AWS real-time web analytics solution's pumps.
CREATE STREAM "SOURCE_SQL_STREAM_001" (d VARCHAR(32));
SELECT STREAM CHAR_TO_TIMESTAMP('yyyy-MM-dd', d) AS t, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001"
GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND), CHAR_TO_TIMESTAMP('yyyy-MM-dd', d);
