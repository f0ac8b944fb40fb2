-- The reference's IN and EXISTS operators over a reference table: IN (SELECT col FROM table [WHERE ...])
-- tests membership in the subquery's rows (NULL when the value is NULL, or is missing and a NULL is
-- among them), EXISTS (SELECT ... FROM table WHERE ...) whether any row passes; both may name the outer
-- row (a correlated subquery), and an unqualified name is the subquery's own column first.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE);
CREATE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), known BOOLEAN, tech BOOLEAN, not_energy BOOLEAN, named BOOLEAN);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker,
       ticker IN (SELECT ticker FROM COMPANIES),
       ticker IN (SELECT c.ticker FROM COMPANIES AS c WHERE c.sector = 'TECH'),
       ticker NOT IN (SELECT ticker FROM COMPANIES WHERE sector = 'ENERGY'),
       EXISTS (SELECT * FROM COMPANIES AS c WHERE c.ticker = s.ticker AND c.name IS NOT NULL)
FROM "SOURCE_SQL_STREAM_001" AS s;
CREATE STREAM "CHEAP_TECH" (ticker VARCHAR(4), price DOUBLE);
CREATE PUMP "Q" AS INSERT INTO "CHEAP_TECH"
SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001" AS s
WHERE price < 100 AND EXISTS (SELECT 1 FROM COMPANIES AS c WHERE c.ticker = s.ticker AND c.sector = 'TECH');
