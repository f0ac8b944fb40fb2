-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-expressions.html
-- Documented: u&'foo' is foo; u&'can''t' is can't; u&'\0009' is a string consisting only of a tab;
-- u&'back\\slash' is back\slash; u&'!0009!!' uescape '!' uses '!' as the escape (the page calls the
-- result "a tab character"; '!!' is an escaped '!', so the value is a tab followed by '!').
-- Approximate numeric literals: 1e2, -1.5E-6.
SELECT STREAM u&'foo' AS a, u&'can''t' AS b, u&'\0009' AS c, CHAR_LENGTH(u&'\0009') AS c_len,
       u&'back\\slash' AS d, u&'!0009!!' uescape '!' AS e, 1e2 AS f, -1.5E-6 AS g
FROM SOURCE_SQL_STREAM_001;
