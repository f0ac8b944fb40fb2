-- without a ROWTIME field the row time is the arrival time (the clock pinned by --now)
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a, s.ROWTIME AS rt FROM "SOURCE_SQL_STREAM_001" AS s;
