-- from a Belgian traffic-speed KDA app (TO_TIMESTAMP, CASE, LAG with default, INSERT column list, LEFT JOIN); RANGE INTERVAL '0' MINUTE written RANGE CURRENT ROW as the reference requires
CREATE STREAM "SOURCE_SQL_STREAM_001" ("unieke_id" INTEGER, "voertuigsnelheid_rekenkundig_klasse2" INTEGER, "rekendata_bezettingsgraad" INTEGER, "tijd_waarneming" VARCHAR(16));
CREATE OR REPLACE STREAM "INCOMING_STREAM" (
    "uniqueId" INTEGER,
    "speed" INTEGER,
    "bezettingsgraad" INTEGER,
    "recordTimestamp" TIMESTAMP);

CREATE OR REPLACE PUMP "INCOMING_STREAM_PUMP" AS
    INSERT INTO "INCOMING_STREAM"
        SELECT STREAM
            "unieke_id",
            "voertuigsnelheid_rekenkundig_klasse2",
            "rekendata_bezettingsgraad",
            TO_TIMESTAMP(CAST("tijd_waarneming" AS BIGINT) * 1000) AS "recordTimestamp"
        FROM "SOURCE_SQL_STREAM_001";
CREATE OR REPLACE STREAM "TRAFFIC_JAM_SQL_STREAM" (
    "uniqueId" INTEGER,
    "speed" INTEGER,
    "trafficJamIndicator" INTEGER,
    "recordTimestamp" BIGINT,
    "originalRecordTimestamp" TIMESTAMP);

CREATE OR REPLACE PUMP "TRAFFIC_JAM_SQL_PUMP" AS
    INSERT INTO "TRAFFIC_JAM_SQL_STREAM"
        SELECT STREAM
            "uniqueId",
            "speed",
            CASE
                WHEN "speed" BETWEEN 0 AND 40 THEN 1
                WHEN "speed" BETWEEN 41 AND 250 THEN 0
                ELSE -1
            END AS "trafficJamIndicator",
            UNIX_TIMESTAMP("recordTimestamp") AS "recordTimestamp",
            "recordTimestamp" AS "originalRecordTimestamp"
        FROM "INCOMING_STREAM";
CREATE OR REPLACE STREAM "SPEED_SQL_STREAM" (
    "uniqueId" INTEGER,
    "speed" INTEGER,
    "bezettingsgraad" INTEGER,
    "recordTimestamp" BIGINT,
    "avgSpeed2Minutes" INTEGER,
    "avgSpeed10Minutes" INTEGER,
    "originalRecordTimestamp" TIMESTAMP);

CREATE OR REPLACE PUMP "STREAM_PUMP_SPEED" AS
    INSERT INTO "SPEED_SQL_STREAM"
        SELECT STREAM
            "uniqueId",
            AVG("speed") over W0,
            AVG("bezettingsgraad") over W0,
            MAX(UNIX_TIMESTAMP("recordTimestamp")) over W0,
            AVG("speed") over W2,
            AVG("speed") over W10,
            MAX("recordTimestamp") over W0 AS "originalRecordTimestamp"
        FROM "INCOMING_STREAM"
            WINDOW
                W0 AS ( PARTITION BY "uniqueId"
                    RANGE CURRENT ROW),
                W2 AS ( PARTITION BY "uniqueId"
                    RANGE INTERVAL '2' MINUTE PRECEDING),
                W10 AS ( PARTITION BY "uniqueId"
                    RANGE INTERVAL '10' MINUTE PRECEDING);
CREATE OR REPLACE STREAM "SPEED_CHANGE_SQL_STREAM" (
    "uniqueId" INTEGER,
    "previousSpeed" INTEGER,
    "currentSpeed" INTEGER,
    "bezettingsgraad" INTEGER,
    "recordTimestamp" BIGINT,
    "originalRecordTimestamp" TIMESTAMP);

CREATE OR REPLACE PUMP "SPEED_CHANGE_PUMP" AS
    INSERT INTO "SPEED_CHANGE_SQL_STREAM"
        SELECT STREAM "s"."uniqueId",
            LAG("s"."speed", 1, "s"."speed") OVER CURRENT_WINDOW AS "previousSpeed",
            "s"."speed" AS "currentSpeed",
            "s"."bezettingsgraad",
            "s"."recordTimestamp",
            "s"."originalRecordTimestamp"
        FROM "SPEED_SQL_STREAM" AS "s"
        WINDOW CURRENT_WINDOW AS (PARTITION BY "s"."uniqueId" ROWS 3 PRECEDING);
CREATE OR REPLACE STREAM "OUTPUT_STREAM" (
    "outputType" VARCHAR(20),
    "uniqueId" INTEGER,
    "previousSpeed" INTEGER,
    "currentSpeed" INTEGER,
    "avgSpeed2Minutes" INTEGER,
    "avgSpeed10Minutes" INTEGER,
    "speedDiffIndicator" INTEGER,
    "trafficJamIndicator" INTEGER,
    "bezettingsgraad" INTEGER,
    "recordTimestamp" BIGINT,
    "location" VARCHAR(128),
    "originalRecordTimestamp" TIMESTAMP);
CREATE OR REPLACE PUMP "TRAFFIC_JAM_TO_OUTPUT_PUMP" AS
    INSERT INTO "OUTPUT_STREAM" ("outputType", "uniqueId", "currentSpeed", "trafficJamIndicator", "recordTimestamp", "location", "originalRecordTimestamp")
        SELECT STREAM
        'TRAFFIC_JAM',
        "tjs"."uniqueId",
        "tjs"."speed",
        "tjs"."trafficJamIndicator",
        "tjs"."recordTimestamp",
        "ml"."locatie",
        "tjs"."originalRecordTimestamp"
        FROM "TRAFFIC_JAM_SQL_STREAM" AS "tjs" LEFT JOIN "measurementLocations" as "ml"
        ON "tjs"."uniqueId" = "ml"."id";
