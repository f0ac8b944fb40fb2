-- event times up to 2 s out of order come back in order; one 2 s too late goes to the error stream
CREATE STREAM "SOURCE_SQL_STREAM_001" (event_time TIMESTAMP, v INTEGER);
SELECT STREAM event_time AS ROWTIME, v FROM SOURCE_SQL_STREAM_001 AS s ORDER BY event_time WITHIN INTERVAL '2' SECOND;
