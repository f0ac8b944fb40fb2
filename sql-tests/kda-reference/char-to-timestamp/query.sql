-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-char-to-timestamp.html
-- Documented: ('yyyy-MM-dd','2009-09-16 03:15:24') -> 2009-09-16 00:00:00;
-- ('MM/dd/yy hh:mm:ss','09/16/11 03:15:24') -> '2011-09-16 03:15:24';
-- ('MM/dd/yy hh:mm:ss','2009/09/16 03:15:24') -> No rows selected;
-- ('yyyy','09-16 03:15') -> '0009-01-01 00:00:00'; ('yyyy','16 03:15') -> '0016-01-01 00:00:00';
-- ('yyyy-hh-mm','2009-09-16 03:15:24') -> '2009-01-01 09:16:00' (SQLline listing; the page's prose
-- gives 2009-01-01 03:15:00 for the same call, see the audit report);
-- ('yyyy','2009-09-16 03:15:24') -> '2009-01-01 00:00:00'; ('yyyy hh','2009-09-16 03:15:24') -> No rows;
-- ('yyyy-hh',...) -> '2009-01-01 09:00:00'; ('yyyy hh','2009 09 16 03:15:24') -> '2009-01-01 09:00:00';
-- ('yyyy/hh','2009/09/16 03:15:24') -> '2009-01-01 09:00:00'; ('yyyy-mm','2009-09-16 03:15:24') -> '2009-01-01 00:09:00'.
-- A row with no result goes to eddy's error stream (expected.err).
CREATE STREAM "SOURCE_SQL_STREAM_001" (fmt VARCHAR(40), s VARCHAR(40));
SELECT STREAM fmt, s, CHAR_TO_TIMESTAMP(fmt, s) AS ts FROM "SOURCE_SQL_STREAM_001";
