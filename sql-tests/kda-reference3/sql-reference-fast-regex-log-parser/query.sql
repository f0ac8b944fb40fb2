-- FAST_REGEX_LOG_PARSER - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-fast-regex-log-parser.html
-- The note after the "First FRLP Example": "If the Fast Regex pattern had omitted the final asterisk, no
-- results would be obtained" ('(.*)_(._.*)_.' needs one character after the last underscore it finds).
-- Run as the page runs its examples. A parse that does not match gives a row whose fields are NULL in eddy
-- (DIALECT 12 #5) where the page's sqlline shows none. The page's first example and Examples A, B and C
-- are the case kda-reference/fast-regex-log-parse (its first example: docs/semantics.md, Log parsing).
select t.r."COLUMN1", t.r."COLUMN2" from
 (values (FAST_REGEX_LOG_PARSE('Mary_had_a_little_lamb', '(.*)_(._.*)_.'))) t(r);
