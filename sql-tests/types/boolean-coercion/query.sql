-- JSON -> BOOLEAN: booleans as is; numbers 0 = false, others true; strings 'true' (any case) = true, others false
CREATE STREAM "SOURCE_SQL_STREAM_001" (b BOOLEAN);
SELECT STREAM b FROM "SOURCE_SQL_STREAM_001";
