-- An explicit --format wins over the input schema's RecordFormatType: the same CSV schema's columns and types,
-- read from NDJSON records by name.
SELECT STREAM TICKER_SYMBOL, PRICE * 2 AS DOUBLED FROM SOURCE_SQL_STREAM_001 WHERE SECTOR = 'TECHNOLOGY';
