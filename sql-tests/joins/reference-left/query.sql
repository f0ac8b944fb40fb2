-- the KDA reference-data example: a LEFT JOIN keeps rows without a match, with NULLs
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), company VARCHAR(40), price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM ticker_symbol, "c"."Company", price
   FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "companies" AS "c"
   ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";
