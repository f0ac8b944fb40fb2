-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-identifiers.html
-- Documented: an unquoted ExampleStream is stored as EXAMPLESTREAM, and INSERT INTO ExampleStream / examplestream /
-- EXAMPLESTREAM all find it (examples 1-3, "OK"). The page's pumps say SELECT * without STREAM and reuse one pump
-- name; here they say SELECT STREAM (DIALECT S4; see the audit report) and have distinct names. customerdata and
-- the source get one row each; the source row reaches EXAMPLESTREAM once, the customerdata row twice.
CREATE STREAM "SOURCE_SQL_STREAM_001" (col1 VARCHAR(4));
CREATE STREAM customerdata (col1 VARCHAR(4));
CREATE OR REPLACE STREAM ExampleStream (col1 VARCHAR(4));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO ExampleStream 
    SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
CREATE OR REPLACE PUMP "STREAM_PUMP2" AS INSERT INTO examplestream 
    SELECT STREAM * FROM   customerdata;
CREATE OR REPLACE PUMP "STREAM_PUMP3" AS INSERT INTO EXAMPLESTREAM 
    SELECT STREAM * FROM   customerdata;
SELECT STREAM * FROM "EXAMPLESTREAM";
