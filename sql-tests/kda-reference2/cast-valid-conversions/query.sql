-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-cast.html
-- "Valid Conversions" table: VARCHAR/CHAR to BOOLEAN and DAY-TIME INTERVAL; DATE to TIMESTAMP; TIMESTAMP to DATE;
-- DAY-TIME INTERVAL to BIGINT; and "REAL to INTEGER: The real (NUMERIC or DECIMAL) is rounded by the cast"
-- (documented result -2; the SQL of that example is not shown: -2.3 is used here, and 2.7 -> 3, -2.7 -> -3 show
-- rounding rather than truncation). The casts the table leaves out are the case cast-invalid-conversions.
VALUES (CAST(CAST(-2.3 AS REAL) AS INTEGER), CAST(2.7 AS INTEGER), CAST(CAST(-2.7 AS DOUBLE) AS INTEGER),
        CAST('true' AS BOOLEAN), CAST('1 2:03:04' AS INTERVAL DAY TO SECOND),
        CAST(DATE '2008-08-23' AS TIMESTAMP), CAST(TIMESTAMP '2008-08-23 10:11:12' AS DATE),
        CAST(INTERVAL '2' DAY AS BIGINT));
