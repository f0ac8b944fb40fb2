-- An approximate operand makes an arithmetic result approximate; REAL with REAL or with an integer stays REAL,
-- as Calcite's least restrictive type (which SQLstream's planner shares) has it, and prints with float's
-- shortest digits: CAST(0.1 AS REAL) * 3 is 0.3, not the double 0.30000000447034836. With DOUBLE or DECIMAL
-- the result is DOUBLE (0.1 as a REAL is 0.10000000149011612 as a double). Into a REAL column, through a
-- REAL window aggregate, and cast to text, a REAL keeps its own digits; into a DOUBLE column it widens.
CREATE STREAM "SOURCE_SQL_STREAM_001" (r REAL, i INTEGER, s SMALLINT, b BIGINT, d DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (times3 REAL, as_double DOUBLE, txt VARCHAR(20));
CREATE PUMP p AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM r * 3, r * 3, CAST(r * i AS VARCHAR(20)) FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM r * 3 AS mul_int, r + i AS add_int, r - s AS sub_smallint, r / 3 AS div_int, r * b AS mul_bigint,
       -r AS neg, r * r AS mul_real, SUM(r * i) OVER (ROWS 1 PRECEDING) AS sliding_sum,
       r * d AS mul_double, r * 3.0 AS mul_decimal, r + CAST(1 AS DECIMAL(3,1)) AS add_decimal
FROM "SOURCE_SQL_STREAM_001";
