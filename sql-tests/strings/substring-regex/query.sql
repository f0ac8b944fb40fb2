-- SUBSTRING(s FROM regex) returns the first match of a Java regular expression, NULL when none;
-- the pattern may change per row; an invalid one sends the row to the error stream
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20), re VARCHAR(20));
SELECT STREAM SUBSTRING(s FROM re) AS m, SUBSTRING(s FROM '[0-9]+') AS digits FROM "SOURCE_SQL_STREAM_001";
