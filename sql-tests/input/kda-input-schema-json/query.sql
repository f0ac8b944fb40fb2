-- --input-schema: the application's KDA input schema (here inside the JSON
-- that describe-application prints) gives SOURCE_SQL_STREAM_001 its
-- columns and JSONPath mappings: nested keys, an array element, a whole
-- array or object as text. Paths are case-sensitive ("TICKER" is not
-- "$.ticker"); a value that does not convert sends the record to the error
-- stream; a path that is absent, or meets a number where it expects an
-- object, leaves its column NULL.
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
