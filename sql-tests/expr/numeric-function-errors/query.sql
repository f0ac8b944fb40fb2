-- LN of a non-positive number and MOD by zero are runtime errors: the row goes to the error stream
CREATE STREAM "SOURCE_SQL_STREAM_001" (d DOUBLE, i INTEGER);
SELECT STREAM LN(d) AS l, MOD(10, i) AS m FROM "SOURCE_SQL_STREAM_001";
