-- U&'...' literals: \XXXX escapes, '' for a quote, \\ for a backslash, UESCAPE for another escape character
SELECT STREAM U&'\00e9t\00e9' AS a, u&'can''t' AS b, U&'a\\b' AS c, U&'!00e9!!' UESCAPE '!' AS d,
       CHAR_LENGTH(U&'\65e5\672c') AS e, U&'tab\0009end' AS f
FROM SOURCE_SQL_STREAM_001;
