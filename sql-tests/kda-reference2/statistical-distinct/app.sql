-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-VARPOP.html
-- (also sql-reference-VARSAMP.html, sql-reference-STDDEVPOP.html, sql-reference-STDDEVSAMP.html)
-- Syntax: VAR_POP ( [DISTINCT | ALL] number-expression ); DISTINCT "Excludes duplicate values in the input set".
-- AMZN 10:00 window distinct values 10, 12, 14, 20, 24: VAR_POP 27.2, VAR_SAMP 34, STDDEV_POP sqrt(27.2), STDDEV_SAMP sqrt(34);
-- ALL keeps the duplicate 14: VAR_POP 23.2222.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
SELECT STREAM ticker_symbol, VAR_POP(DISTINCT price) AS vp, VAR_SAMP(DISTINCT price) AS vs, STDDEV_POP(DISTINCT price) AS sp, STDDEV_SAMP(DISTINCT price) AS ss, VAR_POP(ALL price) AS vpa FROM "SOURCE_SQL_STREAM_001" GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
