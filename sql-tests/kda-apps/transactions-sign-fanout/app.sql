-- from alexcasalboni/kinesis-streams-fan-out-kinesis-analytics, kinesis-analytics/query.sql: transactions split into
-- two output streams by the sign of AMOUNT. The input schema is the repo's kinesis-analytics/input-schema.json
-- (ID INTEGER, USERNAME VARCHAR(200), AMOUNT DECIMAL(5,2)), a bare RecordColumns array that create.js wraps as
-- InputSchema.RecordColumns (JSON records, NamePrefix SOURCE_SQL_STREAM); eddy takes the array as it is. Records as putRecords.js makes them (ID i, USERNAME "admin" + i, AMOUNT +/- up to 100.00).
-- 0 goes to POSITIVE (>= 0); a NULL AMOUNT to neither; 1234.5 and 12.345 do not fit DECIMAL(5,2) and go to the
-- error stream on input (sch-mapping). SQL unchanged.
CREATE OR REPLACE STREAM "POSITIVE_TRANSACTIONS" (
    ID INTEGER,
    USERNAME VARCHAR(200),
    AMOUNT DECIMAL(5,2)
);
CREATE OR REPLACE STREAM "NEGATIVE_TRANSACTIONS" (
    ID INTEGER,
    USERNAME VARCHAR(200),
    AMOUNT DECIMAL(5,2)
);

CREATE OR REPLACE PUMP "STREAM_PUMP1" 
    AS INSERT INTO "POSITIVE_TRANSACTIONS"
        SELECT STREAM ID, USERNAME, AMOUNT
        FROM "SOURCE_SQL_STREAM_001"
        WHERE AMOUNT >= 0;

CREATE OR REPLACE PUMP "STREAM_PUMP2"
    AS INSERT INTO "NEGATIVE_TRANSACTIONS"
        SELECT STREAM ID, USERNAME, AMOUNT
        FROM "SOURCE_SQL_STREAM_001"
        WHERE AMOUNT < 0;
