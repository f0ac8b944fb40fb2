-- GROUP_RANK ranking ascending (NULL-free ties share a rank) and output in descending rank order, all rows
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), qty INTEGER);
CREATE STREAM totals (ticker VARCHAR(4), total INTEGER);
CREATE PUMP p AS INSERT INTO totals
    SELECT STREAM ticker, SUM(qty) FROM "SOURCE_SQL_STREAM_001"
    GROUP BY ticker, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
SELECT STREAM ticker, total, "groupRank"
FROM TABLE(GROUP_RANK(CURSOR(SELECT STREAM * FROM totals), 'TOTAL', 'groupRank', 'asc', 'desc', 0, 0));
