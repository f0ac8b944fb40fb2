-- One pump whose UNION ALL branches close windows at different times: the row of 00:01:09 ends
-- the minute (00:01:00) and a 9-second window (00:01:03); they go in by ROWTIME, live and at
-- the end of input, whichever branch comes first.
CREATE STREAM DESTINATION_SQL_STREAM (w VARCHAR(4), n INTEGER);
CREATE PUMP p AS INSERT INTO DESTINATION_SQL_STREAM
SELECT STREAM 'sec', COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 9 TO SECOND)
UNION ALL
SELECT STREAM 'min', COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY STEP(ROWTIME BY INTERVAL '1' MINUTE);
