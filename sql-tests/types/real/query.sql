-- REAL is 32-bit: values round to float precision and print with float's shortest digits
CREATE STREAM "SOURCE_SQL_STREAM_001" (r REAL);
SELECT STREAM r FROM "SOURCE_SQL_STREAM_001";
