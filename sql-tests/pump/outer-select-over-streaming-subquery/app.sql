-- A pump's outer SELECT may leave out STREAM when it reads a subquery that says it, as the pumps of AWS's
-- real-time web analytics solution do (SELECT 'metric', ... FROM (SELECT STREAM ...)); a pump reading a stream
-- directly still has to say STREAM (sql-errors/pump-plain-select).
CREATE STREAM "SOURCE_SQL_STREAM_001" (page VARCHAR(8));
CREATE STREAM "DESTINATION_SQL_STREAM" (metric VARCHAR(16), page VARCHAR(8), n BIGINT);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT 'page_views', page, n FROM (
    SELECT STREAM page, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001"
    GROUP BY page, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND));
