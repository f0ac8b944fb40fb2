-- raw lines feed the stream's single column
CREATE STREAM "SOURCE_SQL_STREAM_001" (request VARCHAR(10));
SELECT STREAM request, CHAR_LENGTH(request) AS n FROM SOURCE_SQL_STREAM_001;
