-- DECIMAL results keep their scale: + - use max(s1,s2), * uses s1+s2,
-- / uses max(6, s1+p2+1)
CREATE STREAM "SOURCE_SQL_STREAM_001" (x DECIMAL(5,2), y DECIMAL(4,1));
SELECT STREAM x + y AS s, x - y AS d, x * y AS m,
       CAST(7 AS DECIMAL(5,1)) / CAST(2 AS DECIMAL(3,0)) AS q
FROM "SOURCE_SQL_STREAM_001";
