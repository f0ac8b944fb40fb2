-- from the KDA developer guide, app-hotspot-create-app: HOTSPOTS over the last 1000 rows, scan radius 0.2,
-- at least 17 points. Nine background points 4.0 apart (never within 0.2 of another) and 17 "hot" points
-- 0.05 apart on x = 3 (a chain, each within 0.2 of the next); the hotspot appears with the 17th hot point
-- (the last row), box [3, 3] x [3, 3.8]. density = (17/26 of the points) / (box 0.2 x 0.8, an extent below
-- the radius counting as the radius, over the window's 8 x 8 box) = 261.5384615. The pump's query says
-- SELECT, not SELECT STREAM, as on the guide's page. The source schema is discovered from the records.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "x" DOUBLE, 
    "y" DOUBLE, 
    "is_hot" VARCHAR(4),
    HOTSPOTS_RESULT VARCHAR(10000)
); 
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM" 
    SELECT "x", "y", "is_hot", "HOTSPOTS_RESULT" 
    FROM TABLE (
        HOTSPOTS(   
            CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 
            1000, 
            0.2, 
            17)
    );
