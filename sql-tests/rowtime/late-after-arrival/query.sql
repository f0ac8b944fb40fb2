-- a record without ROWTIME arrives at the pinned clock (2000-01-01), earlier than the previous row: LATE_ROW
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001";
