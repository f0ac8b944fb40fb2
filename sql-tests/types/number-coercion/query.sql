-- JSON -> INTEGER: whole numbers in any notation, booleans as 1/0, numeric strings; a fraction is an error
CREATE STREAM "SOURCE_SQL_STREAM_001" (i INTEGER);
SELECT STREAM i FROM "SOURCE_SQL_STREAM_001";
