-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-numeric-types-precision.html
-- Documented: "For DECIMAL we support a maximum of 18 digits for precision and scale ... or use the default precision
-- of 18 digits ... or use the default scale of 0 digits." DECIMAL alone is DECIMAL(18,0): an 18-digit integer fits,
-- a 19-digit one does not (error stream); 1.5 and 2.5 cast to scale 0 round (the CAST page: "rounded by the cast").
VALUES (CAST(1.5 AS DECIMAL), CAST(2.5 AS DECIMAL(5)), CAST(123456789012345678 AS DECIMAL));
VALUES (CAST(1234567890123456789 AS DECIMAL));
