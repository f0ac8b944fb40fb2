-- An unquoted name is upper-cased and then matches exactly (DIALECT 4): QTY is the stream's column QTY, not
-- ambiguous with the reference table's "Qty" (a name from outside SQL, matched by case alone only when no
-- relation has the name exactly). The same with two streams, whose second declares "Qty" quoted. SYM and
-- "Sym" too, in ON. A name two relations have exactly is still ambiguous (sql-errors/join-ambiguous-name).
CREATE STREAM "SOURCE_SQL_STREAM_001" (SYM VARCHAR(4), QTY INTEGER);
CREATE STREAM FILLS ("Sym" VARCHAR(4), "Qty" INTEGER);
CREATE PUMP fills_pump AS INSERT INTO FILLS SELECT STREAM SYM, QTY * 10 FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM s.SYM, QTY, t."Qty" AS LIMIT_QTY
FROM "SOURCE_SQL_STREAM_001" AS s JOIN "limits" AS t ON SYM = t."Sym";
SELECT STREAM SYM, QTY, f."Qty" AS FILL_QTY
FROM "SOURCE_SQL_STREAM_001" AS s JOIN FILLS OVER (RANGE INTERVAL '1' SECOND PRECEDING) AS f ON SYM = "Sym";
