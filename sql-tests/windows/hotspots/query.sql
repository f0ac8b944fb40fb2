-- HOTSPOTS over the last 100 rows: a 10 x 9 grid of points 1.0 apart (never within the 0.5 scan radius of
-- each other), then 10 points 0.01 apart near (4.5, 4.5). The cluster becomes a hotspot at its 5th point
-- (row 95); its box is [4.5, 4.54] then [4.5, 4.59]; density = (10/100 of the points) / (0.5 x 0.5 box,
-- extents below the radius count as the radius, over the window's 9 x 8 box) = 28.8
CREATE STREAM "SOURCE_SQL_STREAM_001" ("tag" VARCHAR(8), "x" DOUBLE, "y" DOUBLE);
CREATE STREAM hot ("tag" VARCHAR(8), "x" DOUBLE, "y" DOUBLE, HOTSPOTS_RESULT VARCHAR(10000));
CREATE PUMP p AS INSERT INTO hot
    SELECT "tag", "x", "y", "HOTSPOTS_RESULT"
    FROM TABLE (HOTSPOTS(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 100, 0.5, 5));
SELECT STREAM "tag", HOTSPOTS_RESULT FROM hot WHERE "tag" IN ('p1', 'p94', 'p95', 'p100');
