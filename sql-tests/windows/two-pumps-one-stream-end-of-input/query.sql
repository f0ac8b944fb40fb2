-- Two pumps write one stream: a minute's tumbling count and a 10 seconds'. At the end of input
-- both last windows close, and their rows go in by ROWTIME (00:00:30 before 00:01:00), so the
-- stream takes both rather than refusing the earlier one as late.
CREATE STREAM DESTINATION_SQL_STREAM (w VARCHAR(4), n INTEGER);
CREATE PUMP pa AS INSERT INTO DESTINATION_SQL_STREAM SELECT STREAM 'min', COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY STEP(ROWTIME BY INTERVAL '1' MINUTE);
CREATE PUMP pb AS INSERT INTO DESTINATION_SQL_STREAM SELECT STREAM 'sec', COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY STEP(ROWTIME BY INTERVAL '10' SECOND);
