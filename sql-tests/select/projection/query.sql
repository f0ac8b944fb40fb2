SELECT STREAM ticker, price * 2 AS doubled FROM SOURCE_SQL_STREAM_001 WHERE price > 10;
