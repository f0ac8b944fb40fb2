-- from the KDA developer guide, app-explore-error-stream ("Introducing a Parse Error"): the schema is edited
-- so TICKER_SYMBOL is INTEGER; no record of the demo stream fits, so none reaches the in-application stream
-- and each one goes to the error stream with the reason. A ticker that reads as a number ("12345") does fit
-- and flows on; into the VARCHAR(4) column it goes as its text, cut to "1234". The application code is the guide's starter code
-- (how-it-works-app-code), with sector added as in the Continuous filter template.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL INTEGER, SECTOR varchar(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change DOUBLE, price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, sector, change, price FROM "SOURCE_SQL_STREAM_001";
