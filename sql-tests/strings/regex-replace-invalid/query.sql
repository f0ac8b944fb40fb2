-- a constant regular expression is compiled when the application is bound
SELECT STREAM REGEX_REPLACE('abc', 'a(', 'x', 1, 0) AS r FROM SOURCE_SQL_STREAM_001;
