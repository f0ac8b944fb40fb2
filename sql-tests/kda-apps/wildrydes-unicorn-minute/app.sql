-- from amrfaisal/wildrydes, kinesis-analytics.sql (the Wild Rydes serverless workshop's real-time unicorn
-- telemetry app): per unicorn per minute (FLOOR(ROWTIME TO MINUTE)), the distance travelled and the min/max magic
-- and health points. The selected "ROWTIME" of a grouped query is the window's end, so "StatusTime" is the end of
-- the minute. A NULL MagicPoints is skipped by MIN/MAX. Records are shaped as the workshop's unicorn status
-- messages (Name, StatusTime, Latitude, Longitude, Distance, MagicPoints, HealthPoints); the source schema is
-- discovered from them. SQL unchanged.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
  "Name"                VARCHAR(16),
  "StatusTime"          TIMESTAMP,
  "Distance"            SMALLINT,
  "MinMagicPoints"      SMALLINT,
  "MaxMagicPoints"      SMALLINT,
  "MinHealthPoints"     SMALLINT,
  "MaxHealthPoints"     SMALLINT
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM "Name", "ROWTIME", SUM("Distance"), MIN("MagicPoints"),
                  MAX("MagicPoints"), MIN("HealthPoints"), MAX("HealthPoints")
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY FLOOR("SOURCE_SQL_STREAM_001"."ROWTIME" TO MINUTE), "Name";
