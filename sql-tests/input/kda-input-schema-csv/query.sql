-- --input-schema with RecordFormatType CSV: the columns in order, split on
-- the schema's RecordColumnDelimiter (|).
SELECT STREAM TICKER_SYMBOL, PRICE * 2 AS DOUBLED FROM SOURCE_SQL_STREAM_001 WHERE SECTOR = 'TECHNOLOGY';
