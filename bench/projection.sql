-- Benchmark: projection. Every record is parsed and two columns written back.
-- The source schema is declared so the run pays no schema discovery.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE);
SELECT STREAM TICKER_SYMBOL, PRICE FROM SOURCE_SQL_STREAM_001;
