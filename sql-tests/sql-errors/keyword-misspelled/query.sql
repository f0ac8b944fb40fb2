-- a misspelled keyword gets "did you mean": at the start of a statement, where a clause
-- starts, and where the parser first took it for an alias
SELEC price FROM "SOURCE_SQL_STREAM_001";
CRATE STREAM "SOURCE_SQL_STREAM_001" (price DOUBLE);
SELECT STREAM price FORM "SOURCE_SQL_STREAM_001";
SELECT STREAM price FROM "SOURCE_SQL_STREAM_001" WHERE price > 1 ORDR BY ROWTIME;
