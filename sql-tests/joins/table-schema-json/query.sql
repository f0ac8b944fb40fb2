-- --table-schema with describe-application's JSON: the ReferenceSchema of the table whose TableName it is
-- (COMPANY, not OTHER), with JSONPath mappings into nested JSON records; a value that does not convert to its
-- column's type sends that table line to the error stream.
SELECT STREAM s.sym, c.NAME, c.EMP + 1 AS e FROM SOURCE_SQL_STREAM_001 AS s LEFT JOIN COMPANY AS c ON s.sym = c.TICKER;
