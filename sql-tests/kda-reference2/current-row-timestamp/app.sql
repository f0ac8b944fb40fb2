-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-current-row-timestamp.html
-- Rule (no worked rows): CURRENT_ROW_TIMESTAMP returns, in UTC, the environment's current timestamp when each
-- row is output, not the row's ROWTIME. The test runner pins the clock (--now 2000-01-01 00:00:00), so
-- every row reads that time while the ROWTIMEs are 2024-01-01.
CREATE STREAM "SOURCE_SQL_STREAM_001" (x INTEGER);
SELECT STREAM x, CURRENT_ROW_TIMESTAMP AS crt FROM "SOURCE_SQL_STREAM_001";
