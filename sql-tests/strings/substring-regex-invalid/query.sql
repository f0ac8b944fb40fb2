-- a constant regular expression is compiled when the application is bound
SELECT STREAM SUBSTRING('abc' FROM 'a[b') AS m FROM SOURCE_SQL_STREAM_001;
