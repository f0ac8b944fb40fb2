-- a pass-through pump and a tumbling pump write into the same stream; the window [00:00, 00:01) is
-- stamped 00:01:00 and is complete as soon as the 00:01:05 row arrives, so it belongs before that
-- row in the destination (whose ROWTIMEs only grow); it must not be lost as a late row
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), qty INTEGER);
CREATE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), n BIGINT);
CREATE PUMP "P_RAW" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker, qty FROM "SOURCE_SQL_STREAM_001";
CREATE PUMP "P_MINUTE" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker, COUNT(*) FROM "SOURCE_SQL_STREAM_001" AS s
  GROUP BY ticker, STEP(s.ROWTIME BY INTERVAL '1' MINUTE);
