-- positions count characters, not bytes; NULL in either operand gives NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (sub VARCHAR(10), s VARCHAR(20));
SELECT STREAM POSITION(sub IN s) AS p FROM "SOURCE_SQL_STREAM_001";
