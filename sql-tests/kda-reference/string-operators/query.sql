-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-string-operators.html
-- Documented: 'SQL'||'stream'=SQLstream, 'SQL'||''||'stream'=SQLstream, 'SQL'||'stream'||' Incorporated'=SQLstream Incorporated;
-- every LIKE row of the page's table (17 rows, TRUE/FALSE as listed); a NULL operand gives UNKNOWN;
-- the SIMILAR TO table rows, except three left out: '123aXYZ' SIMILAR TO '' (listed TRUE, eddy FALSE)
-- and 'amy'/'fred' SIMILAR TO 'amyfred' (listed TRUE: the page's '|' was lost in rendering; eddy FALSE).
-- The INVALID rows are the case string-operators-similar-invalid. See the audit report.
SELECT STREAM 'SQL'||'stream' AS c1, 'SQL'||''||'stream' AS c2, 'SQL'||'stream'||' Incorporated' AS c3 FROM SOURCE_SQL_STREAM_001;
SELECT STREAM 'a' LIKE 'a' AS l01_t, 'a' LIKE 'A' AS l02_f, 'a' LIKE 'b' AS l03_f, 'ab' LIKE 'a_' AS l04_t,
       'ab' LIKE 'a%' AS l05_t, 'ab' LIKE 'a\_' ESCAPE '\' AS l06_f, 'ab' LIKE 'a\%' ESCAPE '\' AS l07_f,
       'a_' LIKE 'a\_' ESCAPE '\' AS l08_t, 'a%' LIKE 'a\%' ESCAPE '\' AS l09_t, 'a' LIKE 'a_' AS l10_f,
       'a' LIKE 'a%' AS l11_t, 'abcd' LIKE 'a_' AS l12_f, 'abcd' LIKE 'a%' AS l13_t, '' LIKE '' AS l14_t,
       '1a' LIKE '_a' AS l15_t, '123aXYZ' LIKE '%a%' AS l16_t, '123aXYZ' LIKE '_%_a%_' AS l17_t,
       CAST(NULL AS VARCHAR(3)) LIKE 'a' AS l_null
FROM SOURCE_SQL_STREAM_001;
SELECT STREAM 'a' SIMILAR TO 'a' AS s01_t, 'a' SIMILAR TO 'A' AS s02_f, 'a' SIMILAR TO 'b' AS s03_f,
       'ab' SIMILAR TO 'a_' AS s04_t, 'ab' SIMILAR TO 'a%' AS s05_t, 'a' SIMILAR TO 'a_' AS s06_f,
       'a' SIMILAR TO 'a%' AS s07_t, 'abcd' SIMILAR TO 'a_' AS s08_f, 'abcd' SIMILAR TO 'a%' AS s09_t,
       '' SIMILAR TO '' AS s10_t, '1a' SIMILAR TO '_a' AS s11_t, '123aXYZ' SIMILAR TO '_%_a%_' AS s13_t,
       'xy' SIMILAR TO '(xy)' AS s14_t, 'abd' SIMILAR TO '[ab][bcde]d' AS s15_t, 'bdd' SIMILAR TO '[ab][bcde]d' AS s16_t,
       'abd' SIMILAR TO '[ab]d' AS s17_f, 'cd' SIMILAR TO '[a-e]d' AS s18_t, 'cd' SIMILAR TO '[a-e^c]d' AS s19_f,
       'mike' SIMILAR TO 'amyfred' AS s24_f, 'acd' SIMILAR TO 'ab*c+d' AS s25_t, 'accccd' SIMILAR TO 'ab*c+d' AS s26_t,
       'abd' SIMILAR TO 'ab*c+d' AS s27_f, 'aabc' SIMILAR TO 'ab*c+d' AS s28_f, 'abb' SIMILAR TO 'a(b{3})' AS s29_f,
       'abbb' SIMILAR TO 'a(b{3})' AS s30_t, 'abbbbb' SIMILAR TO 'a(b{3})' AS s31_f, 'abbbbb' SIMILAR TO 'ab{3,6}' AS s32_t,
       'abbbbbbbb' SIMILAR TO 'ab{3,6}' AS s33_f, '' SIMILAR TO 'ab?' AS s34_f, '' SIMILAR TO '(ab)?' AS s35_t,
       'a' SIMILAR TO 'ab?' AS s36_t, 'a' SIMILAR TO '(ab)?' AS s37_f, 'a' SIMILAR TO 'a(b?)' AS s38_t,
       'ab' SIMILAR TO 'ab?' AS s39_t, 'ab' SIMILAR TO 'a(b?)' AS s40_t, 'abb' SIMILAR TO 'ab?' AS s41_f,
       'ab' SIMILAR TO 'a\_' ESCAPE '\' AS s42_f, 'ab' SIMILAR TO 'a\%' ESCAPE '\' AS s43_f,
       'a_' SIMILAR TO 'a\_' ESCAPE '\' AS s44_t, 'a%' SIMILAR TO 'a\%' ESCAPE '\' AS s45_t,
       'a(b{3})' SIMILAR TO 'a(b{3})' AS s46_f, 'a(b{3})' SIMILAR TO 'a\(b\{3\}\)' ESCAPE '\' AS s47_t,
       CAST(NULL AS VARCHAR(3)) SIMILAR TO 'a' AS s_null
FROM SOURCE_SQL_STREAM_001;
