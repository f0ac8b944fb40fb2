-- An ORDER BY batch (rows of one minute, leaving when the minute ends) and a pump passing rows
-- straight on both write MID, whose reader counts per minute. The batch leaves behind the other
-- writer's later row, so the rows one record makes in MID go in together by ROWTIME, MID's time
-- is its slowest writer's, and the minute is counted once, with all four rows.
CREATE STREAM MID (src VARCHAR(4), a INTEGER);
CREATE STREAM "DESTINATION_SQL_STREAM" (c BIGINT);
CREATE PUMP P1 AS INSERT INTO MID SELECT STREAM 'p1', a FROM "SOURCE_SQL_STREAM_001";
CREATE PUMP P0 AS INSERT INTO MID SELECT STREAM 'p0', a FROM "SOURCE_SQL_STREAM_001" ORDER BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE), a;
CREATE PUMP C2 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM COUNT(*) FROM MID GROUP BY FLOOR(MID.ROWTIME TO MINUTE);
