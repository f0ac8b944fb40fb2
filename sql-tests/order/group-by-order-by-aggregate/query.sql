-- ORDER BY an aggregate: one in the select list (SUM) or one only the sort reads (COUNT(*)),
-- each window's rows sorted by it once the window closes
CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(4), v INTEGER);
SELECT STREAM k, SUM(v) AS total
FROM "SOURCE_SQL_STREAM_001"
GROUP BY k, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE)
ORDER BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE), COUNT(*) DESC, SUM(v);
