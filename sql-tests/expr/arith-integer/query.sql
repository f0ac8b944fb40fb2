-- integer arithmetic stays integer; division truncates toward zero
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b INTEGER);
SELECT STREAM a + b AS s, a - b AS d, a * b AS m, a / b AS q, -a AS neg, - -a AS negneg
FROM "SOURCE_SQL_STREAM_001";
