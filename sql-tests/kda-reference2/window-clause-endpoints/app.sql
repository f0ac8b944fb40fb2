-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-window-clause.html
-- Usage Notes: WINDOW HOUR AS (RANGE INTERVAL '1' HOUR PRECEDING) includes the endpoints of the hour;
-- RANGE INTERVAL '59:59.999' MINUTE TO SECOND(3) PRECEDING does not. At 11:00 the row of 10:00 is counted by the first
-- (7 rows) and not by the second (6).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
SELECT STREAM ticker_symbol, price, COUNT(*) OVER HOUR AS n_incl FROM "SOURCE_SQL_STREAM_001"
WINDOW HOUR AS (RANGE INTERVAL '1' HOUR PRECEDING);
SELECT STREAM ticker_symbol, price, COUNT(*) OVER HOUR AS n_excl FROM "SOURCE_SQL_STREAM_001"
WINDOW HOUR AS (RANGE INTERVAL '59:59.999' MINUTE TO SECOND(3) PRECEDING);
