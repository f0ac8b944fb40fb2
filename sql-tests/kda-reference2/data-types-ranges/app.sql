-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-data-types.html
-- The type table's ranges: SMALLINT -32768..32767, INTEGER -2147483648..2147483647, BIGINT 64-bit, REAL up to
-- +-3.40E+38, DOUBLE up to +-1.79E+308, TIME 00:00:00.000..23:59:59.999 (ms), TIMESTAMP always ms, BOOLEAN, CHAR(n)
-- fixed length (blank-padded), BINARY as BASE64 text. Values outside a range go to the error stream
-- (DIALECT 7/8; a too-long string is cut to n, DIALECT 12 #3).
CREATE STREAM "SOURCE_SQL_STREAM_001" (s SMALLINT, i INTEGER, b BIGINT, r REAL, d DOUBLE, bo BOOLEAN, t TIME, ts TIMESTAMP, dt DATE, c CHAR(5), bin VARBINARY(8));
SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";
