-- At end of input every window closes, upstream pumps first: the per-minute counts released by the
-- first pump's last window still reach the hourly window of the query reading them
-- (the query is written before the pump that feeds it)
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(4));
CREATE STREAM per_minute (n BIGINT);
SELECT STREAM SUM(n) AS total, COUNT(*) AS minutes
FROM per_minute GROUP BY STEP(per_minute.ROWTIME BY INTERVAL '1' HOUR);
CREATE PUMP p AS INSERT INTO per_minute
    SELECT STREAM COUNT(*) FROM "SOURCE_SQL_STREAM_001"
    GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
