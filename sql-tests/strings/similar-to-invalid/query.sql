-- an invalid constant SIMILAR TO pattern is reported when the application is bound
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(12));
SELECT STREAM s FROM "SOURCE_SQL_STREAM_001" WHERE s SIMILAR TO 'a[b';
