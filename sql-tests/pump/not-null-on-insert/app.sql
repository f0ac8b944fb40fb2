-- The KDA guide (best practices, "Defining Input Schema"): NOT NULL on a
-- stream created in SQL is enforced when a pump copies rows into it; a row
-- with a NULL there goes to the error stream, named by the pump.
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" (inputcolumn1 BIGINT, inputcolumn2 INTEGER, inputcolumn3 VARCHAR(64));
CREATE OR REPLACE STREAM "TEMPSTREAM" ("column1" BIGINT NOT NULL, "column2" INTEGER, "column3" VARCHAR(64));
CREATE OR REPLACE PUMP "SAMPLEPUMP" AS
    INSERT INTO "TEMPSTREAM" ("column1", "column2", "column3")
    SELECT STREAM inputcolumn1, inputcolumn2, inputcolumn3 FROM "SOURCE_SQL_STREAM_001";
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (c1 BIGINT, c3 VARCHAR(64));
CREATE OR REPLACE PUMP "OUT_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM "column1", "column3" FROM "TEMPSTREAM";
