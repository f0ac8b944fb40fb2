-- MIN / MAX work on strings (code-point order: 'Banana' < 'app' < 'apple' < 'cherry' < 'éclair'),
-- timestamps and DECIMAL; NULLs are skipped
CREATE STREAM "SOURCE_SQL_STREAM_001" (name VARCHAR(16), ts TIMESTAMP, d DECIMAL(5,1));
SELECT STREAM MIN(name) AS first_name, MAX(name) AS last_name, MIN(ts) AS earliest, MAX(ts) AS latest,
       MIN(d) AS lo, MAX(d) AS hi
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE);
