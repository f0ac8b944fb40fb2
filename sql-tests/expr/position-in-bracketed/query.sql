-- POSITION(x IN s) takes any bracketed string expression after IN: CAST,
-- CASE and EXTRACT-style forms need no extra parentheses.
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(16), f BOOLEAN);
SELECT STREAM POSITION('a' IN CAST(s AS VARCHAR(5))) AS c1, POSITION('a' IN CASE WHEN f THEN s ELSE 'zz' END) AS c2
FROM "SOURCE_SQL_STREAM_001";
