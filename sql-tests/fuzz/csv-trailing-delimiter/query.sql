-- found by fuzz/fuzz_ndjson: a CSV line of 16 fields and a trailing delimiter wrote a 17th field
-- past the arrays split() had room for (src/io_csv.c) and crashed; the extra fields are ignored
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001";
