-- The application reads stream "S", but standard input feeds SOURCE_SQL_STREAM_001, which nothing reads: a
-- warning names both (the records are not an error, so the run goes on and ends with no rows).
CREATE STREAM "S" (k VARCHAR(4));
CREATE STREAM "OUT" (k VARCHAR(4));
CREATE PUMP p AS INSERT INTO "OUT" SELECT STREAM k FROM "S";
