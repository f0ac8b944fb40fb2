-- comparisons with NULL are UNKNOWN (printed null)
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, b INTEGER);
SELECT STREAM a = b AS eq, a <> b AS ne, a != b AS ne2, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge
FROM "SOURCE_SQL_STREAM_001";
