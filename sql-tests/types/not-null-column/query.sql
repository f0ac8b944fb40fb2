-- a NULL or missing value for a NOT NULL column sends the record to the error stream
CREATE STREAM "SOURCE_SQL_STREAM_001" (id INTEGER NOT NULL, note VARCHAR(10));
SELECT STREAM id, note FROM "SOURCE_SQL_STREAM_001";
