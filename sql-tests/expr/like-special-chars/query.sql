-- characters that are special in regular expressions are literal in LIKE patterns
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20));
SELECT STREAM s, s LIKE 'a.c' AS dot, s LIKE '(x)*' AS parens, s LIKE 'a\_c' ESCAPE '\' AS esc_us
FROM "SOURCE_SQL_STREAM_001";
