-- a string that is not a number for an INTEGER column is a CONVERSION error; the other records still flow
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b VARCHAR(4));
SELECT STREAM a, b FROM "SOURCE_SQL_STREAM_001";
