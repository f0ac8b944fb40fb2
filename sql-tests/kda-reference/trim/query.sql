-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-trim.html
-- Documented: TRIM(' Trim front and back ')='Trim front and back', TRIM(BOTH FROM ...) same,
-- TRIM(BOTH ' ' FROM ...) same, TRIM(LEADING 'x' FROM 'xxxTrim frontxxx')='Trim frontxxx',
-- TRIM(TRAILING 'x' FROM 'xxxTrimxBackxxx')='xxxTrimxBack', TRIM(BOTH 'y' FROM 'xxxNo y to trimxxx')='xxxNo y to trimxxx'.
SELECT STREAM TRIM(' Trim front and back ') AS a, TRIM (BOTH FROM ' Trim front and back ') AS b,
       TRIM (BOTH ' ' FROM ' Trim front and back ') AS c, TRIM (LEADING 'x' FROM 'xxxTrim frontxxx') AS d,
       TRIM (TRAILING 'x' FROM 'xxxTrimxBackxxx') AS e, TRIM (BOTH 'y' FROM 'xxxNo y to trimxxx') AS f
FROM SOURCE_SQL_STREAM_001;
