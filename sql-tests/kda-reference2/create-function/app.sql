-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-create-function.html (get_fraction)
-- and https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-extract.html (FLOOR30MIN, "Use in Function").
-- No worked rows: get_fraction(degrees) = degrees - FLOOR(degrees) (12.25 -> 0.25, -1.75 -> 0.25, 3.0 -> 0.0);
-- FLOOR30MIN floors a timestamp to its half hour (10:29:59.999 -> 10:00, 10:30:00 -> 10:30) and, being
-- RETURNS NULL ON NULL INPUT, gives null for null.
CREATE FUNCTION get_fraction( degrees DOUBLE )
    RETURNS DOUBLE
    CONTAINS SQL
    RETURN degrees - FLOOR(degrees)
;
CREATE OR REPLACE FUNCTION FLOOR30MIN( p_time TIMESTAMP )
RETURNS  TIMESTAMP
CONTAINS SQL
RETURNS NULL ON NULL INPUT
RETURN  floor(p_time to HOUR) + (( EXTRACT (  MINUTE FROM p_time  ) / 30)* INTERVAL '30' MINUTE ) ;
CREATE STREAM "SOURCE_SQL_STREAM_001" (deg DOUBLE, t TIMESTAMP, n INTEGER);
SELECT STREAM get_fraction(deg) AS frac, FLOOR30MIN(t) AS f30
FROM "SOURCE_SQL_STREAM_001";
