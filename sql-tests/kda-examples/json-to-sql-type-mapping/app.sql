-- from the KDA developer guide, sch-mapping ("Mapping JSON Data Types to SQL Data Types"): each rule on the
-- page, one record or field each. Boolean: into a number 1/0, into BOOLEAN itself, into VARCHAR its text
-- ("true", cut to 3: "tru"), into TIMESTAMP an error. Number: into BOOLEAN 0 is false and any other true,
-- into VARCHAR its text (cut: "123"), 123.4 into INTEGER an error, 1234.5 and 1.234 into DECIMAL(5,2) errors (size, precision), into
-- TIMESTAMP an error. String: "42" and "1.5" into numbers, "TRUE" (any case) true and "yes" false, the
-- page's "1992-02-14 18:35:44.0" and "1992-02-14" into TIMESTAMP and DATE. Array or object into VARCHAR:
-- its source text (cut). null: NULL. The page states the rules but no application; this one shows them.
CREATE STREAM "SOURCE_SQL_STREAM_001" (n INTEGER, d DECIMAL(5,2), b BOOLEAN, c VARCHAR(3), t TIMESTAMP, dt DATE);
SELECT STREAM n, d, b, c, t, dt FROM "SOURCE_SQL_STREAM_001";
