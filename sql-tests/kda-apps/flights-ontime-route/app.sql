-- from rcook4/cs598project, task2_g2q2.sql (a course project's KDA apps over the US airline on-time data set):
-- the on-time share per route, PARTITION BY "origin" || ':' || "dest" (an expression as partition key).
-- Cancelled or diverted flights are dropped by the WHERE before they reach the window. The window includes both
-- ends, so at 18:00 the 06:00 flight still counts and at 19:00:00.001 the 07:00 one no longer does. arrdel15 is
-- 0.0/1.0 (DOUBLE; the repo gives no schema: it is discovered from the records), so 1.00 - AVG is a DOUBLE, stored
-- in the REAL column. The output is one row per kept flight. SQL unchanged.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("airport" VARCHAR(3), "destination" VARCHAR(4), "good_percentage" REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM
         "origin" AS "airport"
        ,"dest" AS "destination"
        ,(1.00-(AVG("arrdel15") OVER (PARTITION BY "origin" || ':' || "dest" RANGE INTERVAL '12' HOUR PRECEDING))) AS good_percentage
    FROM "SOURCE_SQL_STREAM_001"
	WHERE "cancelled" = 0 AND "diverted" = 0
;
