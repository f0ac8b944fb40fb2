-- a JSONPath that would make a row of each array element is refused, with the reason
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
