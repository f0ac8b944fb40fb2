-- Two pumps write one stream, with windows that end at different times: one tick (the row of
-- 00:01:09) closes the 9-second window ending 00:01:03 and the minute ending 00:01:00. Their
-- rows go into MID by ROWTIME whichever pump was created first, and the time reaches MID's
-- reader after them, so its 2-second windows see every row (none is late).
CREATE STREAM MID (w VARCHAR(4), n INTEGER);
CREATE STREAM DESTINATION_SQL_STREAM (k INTEGER, total INTEGER);
CREATE PUMP pb AS INSERT INTO MID SELECT STREAM 'sec', COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 9 TO SECOND);
CREATE PUMP pa AS INSERT INTO MID SELECT STREAM 'min', COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY STEP(ROWTIME BY INTERVAL '1' MINUTE);
CREATE PUMP pc AS INSERT INTO DESTINATION_SQL_STREAM SELECT STREAM COUNT(*), SUM(n) FROM MID GROUP BY STEP(ROWTIME BY INTERVAL '2' SECOND);
