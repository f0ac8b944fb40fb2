-- GROUP_RANK ranks the rows that share a ROWTIME (here each minute's totals from a tumbling window):
-- ties share a rank and the next rank skips (1, 2, 2, 4); outputMax 3 keeps the first three in
-- output order; the last minute's group leaves at end of input
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), qty INTEGER);
CREATE STREAM totals (ticker VARCHAR(4), total INTEGER);
CREATE PUMP p AS INSERT INTO totals
    SELECT STREAM ticker, SUM(qty) FROM "SOURCE_SQL_STREAM_001"
    GROUP BY ticker, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
SELECT STREAM ticker, total, "groupRank"
FROM TABLE(GROUP_RANK(CURSOR(SELECT STREAM * FROM totals), 'TOTAL', 'groupRank', 'desc', 'asc', 0, 3));
