-- several windows in one pump: inline OVER specs and a named one, RANGE in MINUTE and HOUR units,
-- unpartitioned and partitioned; WHERE filters before the windows see the rows; a long gap only
-- expires rows (no output until the next row)
CREATE STREAM "SOURCE_SQL_STREAM_001" (tk VARCHAR(4), v INTEGER);
CREATE STREAM "DESTINATION_SQL_STREAM" (tk VARCHAR(4), s_min BIGINT, n_hour BIGINT, m3 INTEGER, n_tk3 BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM tk,
         SUM(v) OVER (PARTITION BY tk RANGE INTERVAL '1' MINUTE PRECEDING),
         COUNT(*) OVER (RANGE INTERVAL '1' HOUR PRECEDING),
         MAX(v) OVER last3,
         COUNT(v) OVER (PARTITION BY tk ROWS 2 PRECEDING)
  FROM "SOURCE_SQL_STREAM_001"
  WHERE v >= 0
  WINDOW last3 AS (ROWS 2 PRECEDING);
