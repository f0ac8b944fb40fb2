-- DECIMAL(5,2) prints with its scale; too many integer digits or lost fraction digits are errors
CREATE STREAM "SOURCE_SQL_STREAM_001" (n DECIMAL(5,2));
SELECT STREAM n FROM "SOURCE_SQL_STREAM_001";
