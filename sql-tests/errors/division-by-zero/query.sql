-- integer division by zero: the whole row is diverted to the error stream, later rows still flow
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b INTEGER);
SELECT STREAM a, a / b AS q FROM "SOURCE_SQL_STREAM_001";
