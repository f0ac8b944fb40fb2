-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-avg.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-count.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-max.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-min.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-sum.html
-- Usage notes (rules, no worked rows): as analytic functions AVG returns null when the partition's window
-- has no rows or only nulls; COUNT returns zero then; MAX/MIN return null for no rows; AVG, COUNT and SUM
-- ignore nulls (AVG(1,null,2,null,3,null) = 2, COUNT(...) = 3, SUM(...) = 6); for strings MAX is the
-- string last in the collating sequence. (The MIN page says MIN is also "last in the collating
-- sequence", which is left out here: see the audit report.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
SELECT STREAM ticker_symbol,
  AVG(price) OVER w AS a, COUNT(price) OVER w AS c, COUNT(*) OVER w AS cs, MAX(price) OVER w AS mx, MIN(price) OVER w AS mn, SUM(price) OVER w AS s,
  MAX(sector) OVER w AS maxs
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' HOUR PRECEDING);
