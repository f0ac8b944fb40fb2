-- found by fuzz/fuzz_ndjson: a CSV header of 16 names and a trailing delimiter overflowed split()'s
-- arrays (src/io_csv.c) when the header was mapped to columns; the empty 17th name maps to none
CREATE STREAM "SOURCE_SQL_STREAM_001" (b INTEGER, p INTEGER);
SELECT STREAM b, p FROM "SOURCE_SQL_STREAM_001";
