-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-char-length.html
-- Documented: CHAR_LENGTH('one')=3, CHAR_LENGTH('')=0, CHARACTER_LENGTH('fred')=4,
-- CHARACTER_LENGTH(cast(null as varchar(16)))=null, CHARACTER_LENGTH(cast('fred' as char(16)))=16.
-- (The page prints the last two with one closing parenthesis missing; it is added here.)
SELECT STREAM CHAR_LENGTH('one') AS a, CHAR_LENGTH('') AS b, CHARACTER_LENGTH('fred') AS c,
       CHARACTER_LENGTH( cast (null as varchar(16) )) AS d, CHARACTER_LENGTH( cast ('fred' as char(16) )) AS e
FROM SOURCE_SQL_STREAM_001;
