-- An array that is not a list of columns (no SqlType) is not an input schema; the message says what is.
SELECT STREAM x FROM "SOURCE_SQL_STREAM_001";
