-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-streaming-operators.html
-- IN Operator, example 1 ("IF column IN ('A','B','C')"): TRUE if the value is found in the list, FALSE otherwise.
-- (Example 2, (col1, col2) IN (select a, b from my_table), and the EXISTS operator are refused by eddy: see the audit
-- report. A null tested value gives null in eddy where the page says FALSE: also in the report.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (c VARCHAR(4), col1 INTEGER, col2 INTEGER);
SELECT STREAM c, c IN ('A','B','C') AS in_list, c NOT IN ('A') AS not_in FROM "SOURCE_SQL_STREAM_001";
