-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-identifiers.html
-- Documented: "All identifiers may be up to 128 characters"; quoted identifiers may hold any character but control
-- characters, with "" for a double quote; unquoted ones start with a letter or underscore. The 128-character name
-- is accepted; the 129-character one is refused.
CREATE STREAM AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA (x INTEGER);
CREATE STREAM AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA (x INTEGER);
CREATE STREAM "a""b c-d" (x INTEGER);
CREATE STREAM "_x" (x INTEGER);
CREATE STREAM _y (x INTEGER);
