-- The source is not declared: its columns are discovered from the records.
-- A discovered integer column holds JSON numbers, and AVG of numbers is
-- their mean (1.5), not an integer mean (1) as for a declared INTEGER.
SELECT STREAM v, AVG(v) OVER (ROWS 3 PRECEDING) AS a, SUM(v) OVER (ROWS 3 PRECEDING) AS s
FROM "SOURCE_SQL_STREAM_001";
