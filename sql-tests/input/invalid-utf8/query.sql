-- bytes that are not UTF-8 (a stray 0xFF, a lone lead byte, an overlong form, an encoded surrogate)
-- send the record to the error stream; DATA_ROW shows each bad byte as U+FFFD
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20));
SELECT STREAM s FROM "SOURCE_SQL_STREAM_001";
