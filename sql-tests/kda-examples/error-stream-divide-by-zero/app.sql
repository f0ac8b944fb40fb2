-- from the KDA developer guide, app-explore-error-stream ("Introducing a Divide by Zero Error"): the guide's
-- SELECT, run as a bare query. Each TECH row divides its price by 0 and goes to the error stream instead of
-- the output (the rows the WHERE drops never reach the division); a NULL price divided by 0 is NULL, not an
-- error. Source schema: the demo stream's (continuous-queries-concepts page).
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
SELECT STREAM ticker_symbol, sector, change, (price / 0) as ProblemColumn
FROM "SOURCE_SQL_STREAM_001"
WHERE sector SIMILAR TO '%TECH%';
