-- sliding aggregates skip NULL arguments (a window of only NULLs gives COUNT 0 and NULL elsewhere);
-- NULL partition keys (null or missing) form one partition; AVG of INTEGER truncates toward zero
-- (-3.5 -> -3); MIN/MAX of strings; ANY/EVERY skip UNKNOWN
CREATE STREAM "SOURCE_SQL_STREAM_001" (region VARCHAR(8), name VARCHAR(8), qty INTEGER, ok BOOLEAN);
SELECT STREAM region, COUNT(*) OVER w AS n, COUNT(qty) OVER w AS nq, SUM(qty) OVER w AS s,
       AVG(qty) OVER w AS a, MIN(name) OVER w AS lo, MAX(name) OVER w AS hi,
       ANY(ok) OVER w AS any_ok, EVERY(ok) OVER w AS all_ok
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (PARTITION BY region ROWS 2 PRECEDING);
