-- A bare array of columns is the RecordColumns of a JSON input schema (deploy scripts keep it so).
SELECT STREAM ID, NAME FROM "SOURCE_SQL_STREAM_001";
