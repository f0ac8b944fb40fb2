-- NULL values of a grouping key form one group (a missing JSON key is NULL too);
-- groups of a window come out in the order their first row arrived
CREATE STREAM "SOURCE_SQL_STREAM_001" (region VARCHAR(8), amount INTEGER);
SELECT STREAM region, COUNT(*) AS n, SUM(amount) AS total
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE), region;
