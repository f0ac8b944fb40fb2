-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-identifiers.html
-- Documented (the page's last example, "Not found. Quoted names are case-sensitive."): INSERT INTO "examplestream"
-- does not find the stream created unquoted as ExampleStream (stored EXAMPLESTREAM).
CREATE STREAM customerdata (col1 VARCHAR(4));
CREATE OR REPLACE STREAM ExampleStream (col1 VARCHAR(4));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "examplestream"
    SELECT STREAM * FROM   customerdata;
