-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-cast.html
-- "Valid Conversions": "Other target types are not supported." DATE casts only to DATE, VARCHAR, CHAR, TIMESTAMP;
-- TIME only to TIME, VARCHAR, CHAR, TIMESTAMP; BOOLEAN only to VARCHAR, CHAR, BOOLEAN; numeric types only to
-- VARCHAR, CHAR or numeric types.
VALUES (CAST(DATE '2008-08-23' AS TIME));
VALUES (CAST(TIME '10:00:00' AS DATE));
VALUES (CAST(TRUE AS INTEGER));
VALUES (CAST(5 AS DATE));
