-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-variable-column-log-parse.html
-- Documented: with a comma delimiter and a backslash escape, "a,b" splits into "a" and "b" while "a\,b"
-- is the single field "a,b"; a tab delimiter can be given as u&'\0009'; a quoted string stays in one
-- field even if it contains the delimiter; columns default to COLUMN1, COLUMN2, ...
CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(64));
SELECT STREAM line,
  VARIABLE_COLUMN_LOG_PARSE(line, 2, ',', '\', '"') AS esc,
  VARIABLE_COLUMN_LOG_PARSE(line, 2, u&'\0009') AS tab
FROM "SOURCE_SQL_STREAM_001";
