-- a runtime error while evaluating WHERE sends the row to the error stream instead of dropping it silently
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001" WHERE a / b > 1;
