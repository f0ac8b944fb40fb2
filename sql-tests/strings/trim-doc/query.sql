-- the reference's examples; the default is BOTH and a space
SELECT STREAM TRIM('  Trim front and back  ') AS a, TRIM(BOTH FROM '  Trim front and back  ') AS b,
       TRIM(BOTH ' ' FROM '  Trim front and back  ') AS c, TRIM(LEADING 'x' FROM 'xxxTrim frontxxx') AS d,
       TRIM(TRAILING 'x' FROM 'xxxTrimxBackxxx') AS e, TRIM(BOTH 'y' FROM 'xxxNo y to trimxxx') AS f,
       TRIM(LEADING FROM '  lead  ') || '|' AS g, TRIM(TRAILING FROM '  trail  ') || '|' AS h,
       TRIM('x' FROM 'xxmidxx') AS i
FROM SOURCE_SQL_STREAM_001;
