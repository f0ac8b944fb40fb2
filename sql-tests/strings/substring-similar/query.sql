-- SUBSTRING(s SIMILAR R1 <esc>"R2<esc>"R3 ESCAPE esc) returns the part R2 matched (the reference's
-- examples find it inside the string); NULL when nothing matches or an operand is NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(20), pat VARCHAR(20), esc VARCHAR(2));
SELECT STREAM SUBSTRING(s SIMILAR pat ESCAPE esc) AS m,
       SUBSTRING(s SIMILAR '%#"[0-9]+#"%' ESCAPE '#') AS num
FROM "SOURCE_SQL_STREAM_001";
