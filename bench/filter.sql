-- Benchmark: filter. About half of the generated rows have PRICE > 50, so this
-- measures parsing every record plus writing half of them whole.
-- The source schema is declared so the run pays no schema discovery.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);
SELECT STREAM * FROM SOURCE_SQL_STREAM_001 WHERE PRICE > 50;
