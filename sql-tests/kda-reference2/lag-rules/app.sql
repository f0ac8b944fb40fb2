-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-lag.html
-- Every stored copy shows the page's only example result as an image (covered by kda-reference/lag); this case
-- encodes the parameter rules: N defaults to 1; without defaultExpr a record outside the window gives null;
-- defaultExpr does not replace an actual null; RESPECT NULLS (the default) counts nulls, IGNORE NULLS skips them.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
SELECT STREAM ticker_symbol, price,
  LAG(price) OVER w AS lag1,
  LAG(price, 1, -1) OVER w AS lag1_default,
  LAG(price, 1, -1) RESPECT NULLS OVER w AS lag1_respect,
  LAG(price, 1, -1) IGNORE NULLS OVER w AS lag1_ignore,
  LAG(price, 2) OVER w AS lag2
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);
