-- INTERSECT and EXCEPT of relations (a table and VALUES): the left query's distinct rows that the right one has
-- (INTERSECT) or has not (EXCEPT), in the order they first come, NULLs equal to each other; INTERSECT binds
-- tighter than EXCEPT, EXCEPT goes left to right, and ORDER BY after the last query sorts the whole result.
CREATE STREAM watch_sym (sym VARCHAR(4));
CREATE STREAM not_watched (sym VARCHAR(4), sector VARCHAR(8));
CREATE STREAM tech_or_none (sym VARCHAR(4));
CREATE PUMP p1 AS INSERT INTO watch_sym
    SELECT sym FROM companies INTERSECT SELECT * FROM (VALUES ('AMZN'), ('IBM'), ('MSFT')) AS w(sym);
CREATE PUMP p2 AS INSERT INTO not_watched
    SELECT sym, sector FROM companies EXCEPT SELECT * FROM (VALUES ('AMZN', 'TECH'), ('IBM', CAST(NULL AS VARCHAR(8)))) AS w(s, t)
    ORDER BY sym DESC;
CREATE PUMP p3 AS INSERT INTO tech_or_none
    SELECT sym FROM companies
    EXCEPT SELECT sym FROM companies WHERE sector = 'ENERGY'
    EXCEPT SELECT sym FROM companies INTERSECT SELECT * FROM (VALUES ('AAPL')) AS a(sym);
