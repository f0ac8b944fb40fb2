-- from the KDA developer guide, app-add-reference-data (CompanyName reference table)
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), "Company" varchar(20), sector VARCHAR(12), change DOUBLE, price DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
   FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" as "c"
   ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";
