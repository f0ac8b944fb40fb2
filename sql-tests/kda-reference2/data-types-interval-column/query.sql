-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-data-types.html
-- Documented: INTERVAL is "Allowed in an expression in date arithmetic, but cannot be used as a datatype for a
-- column in a table or stream".
CREATE STREAM "SOURCE_SQL_STREAM_001" (c INTERVAL DAY);
