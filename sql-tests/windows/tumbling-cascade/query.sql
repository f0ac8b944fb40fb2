-- cascading windows: a 10-second tumbling pump writes into MID (ROWTIME = 10 s window end) and a
-- second pump aggregates MID per minute; the [00:00:50, 00:01:00) window is stamped 00:01:00, so it
-- belongs to the second minute; end of input flushes the first pump and then the second
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE);
CREATE STREAM "MID" (ticker VARCHAR(4), cnt BIGINT, total DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), windows BIGINT, cnt BIGINT, total DOUBLE);
CREATE PUMP "P_MINUTE" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker, COUNT(*), SUM(cnt), SUM(total)
  FROM "MID" AS m
  GROUP BY ticker, STEP(m.ROWTIME BY INTERVAL '1' MINUTE);
CREATE PUMP "P_10S" AS INSERT INTO "MID"
  SELECT STREAM ticker, COUNT(*), SUM(price)
  FROM "SOURCE_SQL_STREAM_001" AS s
  GROUP BY ticker, STEP(s.ROWTIME BY INTERVAL '10' SECOND);
