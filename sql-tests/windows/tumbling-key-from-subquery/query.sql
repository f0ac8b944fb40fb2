-- A subquery column computed from ROWTIME, or declared MONOTONIC, is a tumbling key of the outer GROUP BY, as in
-- AWS's real-time web analytics solution (SELECT STREAM ... FROM (SELECT STREAM MONOTONIC(STEP(CHAR_TO_TIMESTAMP(
-- ...) BY INTERVAL '60' SECOND)) AS window_time, ...) GROUP BY window_time). A STEP of ROWTIME leaves with the
-- window's end; a MONOTONIC key with the ROWTIME of the row that closed its window.
CREATE STREAM "SOURCE_SQL_STREAM_001" (page VARCHAR(8), ts VARCHAR(32));
CREATE STREAM by_event_time (window_time TIMESTAMP, epoch_ms BIGINT, n BIGINT);
CREATE STREAM by_rowtime (window_time TIMESTAMP, page VARCHAR(8), n BIGINT);
CREATE PUMP p1 AS INSERT INTO by_event_time
  SELECT STREAM w.window_time, UNIX_TIMESTAMP(w.window_time), COUNT(*)
  FROM (SELECT STREAM MONOTONIC(STEP(CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', ts) BY INTERVAL '60' SECOND)) AS window_time, page
        FROM "SOURCE_SQL_STREAM_001") AS w
  GROUP BY w.window_time;
CREATE PUMP p2 AS INSERT INTO by_rowtime
  SELECT STREAM r.window_time, r.page, COUNT(*)
  FROM (SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND) AS window_time, page
        FROM "SOURCE_SQL_STREAM_001") AS r
  GROUP BY r.window_time, r.page;
