-- Benchmark: HOTSPOTS with the KDA developer guide's parameters (the last
-- 1000 rows, scan radius 0.2, at least 17 points) over bench/gen_points data
-- (the guide's generator: a 10 x 10 field, a fifth of the points in a 1 x 1
-- hotspot that moves every 1000 points). Every row gets HOTSPOTS_RESULT.
CREATE STREAM "SOURCE_SQL_STREAM_001" ("x" DOUBLE, "y" DOUBLE, "is_hot" VARCHAR(4));
SELECT STREAM "x", "y", "is_hot", HOTSPOTS_RESULT
FROM TABLE(HOTSPOTS(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 1000, 0.2, 17));
