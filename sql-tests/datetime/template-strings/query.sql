-- Every row of the reference's "Template Strings to Create Specific Output Timestamps" table,
-- plus the variants its notes give; a row with no result goes to the error stream
CREATE STREAM "SOURCE_SQL_STREAM_001" (fmt VARCHAR(40), s VARCHAR(40));
SELECT STREAM fmt, s, CHAR_TO_TIMESTAMP(fmt, s) AS ts FROM "SOURCE_SQL_STREAM_001";
