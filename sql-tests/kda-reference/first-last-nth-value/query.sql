-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-first-value.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-last-value.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-nth-value.html
-- These pages give rules, not worked results: FIRST_VALUE/LAST_VALUE return the first/last value in the
-- window, including null, unless IGNORE NULLS (first/last non-null); NTH_VALUE(x, n) counts from the
-- first row (default, FROM FIRST) or the last (FROM LAST), IGNORE NULLS skips nulls while counting
-- (the grammar spells it IGNORE NULL), and too few rows give NULL. The window is ROWS 3 PRECEDING.
CREATE STREAM "SOURCE_SQL_STREAM_001" (x INTEGER);
SELECT STREAM x,
  FIRST_VALUE(x) OVER w AS fv, FIRST_VALUE(x) RESPECT NULLS OVER w AS fv_r, FIRST_VALUE(x) IGNORE NULLS OVER w AS fv_i,
  LAST_VALUE(x) OVER w AS lv, LAST_VALUE(x) RESPECT NULLS OVER w AS lv_r, LAST_VALUE(x) IGNORE NULLS OVER w AS lv_i,
  NTH_VALUE(x, 2) OVER w AS n2, NTH_VALUE(x, 2) FROM FIRST OVER w AS n2f, NTH_VALUE(x, 2) FROM LAST OVER w AS n2l,
  NTH_VALUE(x, 2) FROM FIRST IGNORE NULLS OVER w AS n2fi, NTH_VALUE(x, 2) FROM LAST IGNORE NULL OVER w AS n2li,
  NTH_VALUE(x, 5) OVER w AS n5
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (ROWS 3 PRECEDING);
