-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-fast-regex-log-parser.html
-- Example A: FAST_REGEX_LOG_PARSE('Mary_had_a_little_lamb', '(.*)_+(._.*)') returns no fields ("No rows
-- selected"; in eddy a row whose fields are NULL, DIALECT 12 #5), because FRLP does not backtrack.
-- Example B: ('Mary____had_a_little_lamb', '(.*)_+(.*)') gives Mary / had_a_little_lamb.
-- Example C: ('Mary____had_a_little_lamb', '(.*)_+(<Alpha>.*)') gives Mary / had_a_little_lamb.
-- First example ('Mary_had_a_little_lamb', '(.*)_(._.*)_.*'): the page prints Mary_had / a_little_lamb, but
-- its trailing _.* needs an underscore after group 2, so group 2 is a_little (the page's own decomposition;
-- docs/semantics.md, Log parsing).
-- The page runs these through VALUES; a stream row is used here.
SELECT STREAM t.a.COLUMN1 AS a1, t.a.COLUMN2 AS a2, t.b.COLUMN1 AS b1, t.b.COLUMN2 AS b2,
       t.c.COLUMN1 AS c1, t.c.COLUMN2 AS c2, t.f.COLUMN1 AS f1, t.f.COLUMN2 AS f2
FROM (SELECT STREAM FAST_REGEX_LOG_PARSE('Mary_had_a_little_lamb', '(.*)_+(._.*)') AS a,
                    FAST_REGEX_LOG_PARSE('Mary____had_a_little_lamb', '(.*)_+(.*)') AS b,
                    FAST_REGEX_LOG_PARSE('Mary____had_a_little_lamb', '(.*)_+(<Alpha>.*)') AS c,
                    FAST_REGEX_LOG_PARSE('Mary_had_a_little_lamb', '(.*)_(._.*)_.*') AS f
      FROM SOURCE_SQL_STREAM_001) AS t;
