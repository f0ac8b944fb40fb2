-- a constant trim character of the wrong length is reported when the application is bound
SELECT STREAM TRIM(BOTH 'xy' FROM 'xxabcxx') AS t FROM SOURCE_SQL_STREAM_001;
