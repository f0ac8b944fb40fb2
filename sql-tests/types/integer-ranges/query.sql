-- each integer type accepts exactly its range; one past either end is a CONVERSION error
CREATE STREAM "SOURCE_SQL_STREAM_001" (t TINYINT, s SMALLINT, i INTEGER, b BIGINT);
SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";
