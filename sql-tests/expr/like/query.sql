-- % any sequence, _ exactly one character (not byte); case-sensitive; ESCAPE
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20));
SELECT STREAM s, s LIKE 'a%' AS starts_a, s LIKE '_b_' AS three, s NOT LIKE '%c' AS not_end_c,
       s LIKE '100!%' ESCAPE '!' AS pct, s LIKE '%' AS any_str
FROM "SOURCE_SQL_STREAM_001";
