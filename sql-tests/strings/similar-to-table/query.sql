-- The SIMILAR TO table of the reference's String Operators page, one row per example, with the
-- pattern read per row. Its rows 'amy' SIMILAR TO 'amyfred' are 'amy|fred' (the '|' was lost in the
-- page's table markup). '[^(a-e)]d' is INVALID there: ( ) inside [ ] is a runtime error.
-- ESCAPE is '\' throughout (no other pattern contains a backslash).
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(12), p VARCHAR(16));
SELECT STREAM s, p, s SIMILAR TO p ESCAPE '\' AS m, s NOT SIMILAR TO p ESCAPE '\' AS nm FROM "SOURCE_SQL_STREAM_001";
