-- two different arrays cannot both make the rows of a record: refused, with the reason
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
