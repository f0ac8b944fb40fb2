-- an "expr AS ROWTIME" that would go backwards sends the row to the error stream (eddy decision 12b.2)
CREATE STREAM "SOURCE_SQL_STREAM_001" (event_time TIMESTAMP, v INTEGER);
SELECT STREAM event_time AS ROWTIME, v FROM "SOURCE_SQL_STREAM_001";
