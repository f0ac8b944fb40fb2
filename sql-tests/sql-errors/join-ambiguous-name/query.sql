-- A name that two joined relations both have exactly is ambiguous; so is one that two have only by case
-- (neither is the exact match of the upper-cased name), and one relation's two columns that differ by case.
CREATE STREAM "SOURCE_SQL_STREAM_001" (SYM VARCHAR(4), QTY INTEGER, "px" DOUBLE, "note" VARCHAR(8), "Note" VARCHAR(8));
CREATE STREAM OTHER (SYM VARCHAR(4), "Px" DOUBLE);
SELECT STREAM QTY FROM "SOURCE_SQL_STREAM_001" AS s JOIN OTHER OVER (ROWS 1 PRECEDING) AS o ON SYM = o.SYM;
SELECT STREAM PX FROM "SOURCE_SQL_STREAM_001" AS s JOIN OTHER OVER (ROWS 1 PRECEDING) AS o ON s.SYM = o.SYM;
SELECT STREAM NOTE FROM "SOURCE_SQL_STREAM_001" AS s JOIN OTHER OVER (ROWS 1 PRECEDING) AS o ON s.SYM = o.SYM;
