-- --table-schema names a table that no --table loads.
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
