-- constant SIMILAR TO patterns are compiled when the application is bound
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(12));
SELECT STREAM s, s SIMILAR TO '[a-c]+(x|y)?' AS m, s SIMILAR TO '%!%%' ESCAPE '!' AS pct,
       s SIMILAR TO '[0-9]{2,3}' AS digits
FROM "SOURCE_SQL_STREAM_001" WHERE s NOT SIMILAR TO 'skip%';
