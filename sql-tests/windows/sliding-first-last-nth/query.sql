-- FIRST_VALUE / LAST_VALUE / NTH_VALUE over the last four rows of each partition; RESPECT NULLS
-- (the default) may return a NULL row value, IGNORE NULLS looks only at non-null values;
-- NTH_VALUE counts from the first (default) or from the last row; too few rows give NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (tk VARCHAR(4), p INTEGER);
SELECT STREAM tk, p,
       FIRST_VALUE(p) OVER w AS fv,
       FIRST_VALUE(p) IGNORE NULLS OVER w AS fv_nn,
       LAST_VALUE(p) RESPECT NULLS OVER w AS lv,
       LAST_VALUE(p) IGNORE NULLS OVER w AS lv_nn,
       NTH_VALUE(p, 2) OVER w AS n2,
       NTH_VALUE(p, 2) FROM LAST OVER w AS n2_last,
       NTH_VALUE(p, 2) FROM FIRST IGNORE NULLS OVER w AS n2_nn,
       NTH_VALUE(p, 2) FROM LAST IGNORE NULLS OVER w AS n2_last_nn
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (PARTITION BY tk ROWS 3 PRECEDING);
