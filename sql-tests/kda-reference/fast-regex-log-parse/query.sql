-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-fast-regex-log-parser.html
-- Documented (Example A): FAST_REGEX_LOG_PARSE('Mary_had_a_little_lamb', '(.*)_+(._.*)') returns no fields
-- ("No rows selected"; in eddy a row whose fields are NULL, DIALECT 12 #5), because FRLP does not backtrack.
-- The page's first example and Examples B and C are not encoded: eddy's results differ (audit report).
-- The page runs these through VALUES, which eddy refuses; a stream row is used instead.
SELECT STREAM t.r.COLUMN1, t.r.COLUMN2
FROM (SELECT STREAM FAST_REGEX_LOG_PARSE('Mary_had_a_little_lamb', '(.*)_+(._.*)') AS r FROM SOURCE_SQL_STREAM_001) AS t;
