-- from vijankush/AWS-Security-Engineer-Intern, SQL-Analytics-Application/real-time-analytics-per-10-seconds.sql:
-- the per-minute VPN-log count with 10-second windows, written with the guide's idiom
-- FLOOR((ts - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND); arrival_time is the start of the
-- APPROXIMATE_ARRIVAL_TIME 10-second bucket.
-- CHANGED: as published the pump selects 5 columns (pos, neg) into a stream of 3, which eddy refuses
-- ("the query returns 5 columns but stream "DESTINATION_SQL_STREAM" has 3") and KDA would too; here the
-- stream declares pos INTEGER, neg INTEGER as the per-minute version of the same file does.
-- Each window's rows leave with the window's end as ROWTIME (10:00:30 for [10:00:20, 10:00:30)). Input as in
-- the per-minute case.
CREATE STREAM "DESTINATION_SQL_STREAM"
    (arrival_time TIMESTAMP, ip VARCHAR(16), statusCount INTEGER, pos INTEGER, neg INTEGER);

CREATE OR REPLACE PUMP "PUMP_FOR_IP_COUNT" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM 
        (TIMESTAMP '1970-01-01 00:00:00' + 10 * FLOOR((cloudtraillogs.APPROXIMATE_ARRIVAL_TIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND)) AS arrival_time,
        "ip",
        COUNT(*) AS statusCount,
        SUM("positive") as pos,
        SUM("negative") as neg
        FROM "SOURCE_SQL_STREAM_001" cloudtraillogs
    GROUP BY "ip",
        FLOOR((cloudtraillogs.ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND),
	FLOOR((cloudtraillogs.APPROXIMATE_ARRIVAL_TIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND);
