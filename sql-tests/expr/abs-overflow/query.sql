-- ABS keeps its argument's type, so ABS of the lowest INTEGER or SMALLINT
-- does not fit it: the row goes to the error stream, as -a does.
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, s SMALLINT);
SELECT STREAM ABS(a) AS c1, ABS(s) AS c2 FROM "SOURCE_SQL_STREAM_001";
