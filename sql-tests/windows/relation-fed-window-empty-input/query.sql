-- A stream filled at start from a reference table feeds windows; the input itself is empty. The
-- windows still close at the end (no record ever came, so the end of input has no record of its
-- own to build rows in), and rows held at start keep their values: X is 1 to 6.
CREATE STREAM IN1 (a INTEGER);
CREATE STREAM T (a INTEGER);
CREATE STREAM S (a INTEGER);
CREATE STREAM U (x INTEGER, w VARCHAR(300));
CREATE STREAM "DESTINATION_SQL_STREAM" (x INTEGER, w VARCHAR(300));
CREATE PUMP R AS INSERT INTO S SELECT k FROM TBL GROUP BY k;
CREATE PUMP P AS INSERT INTO S SELECT STREAM a FROM IN1;
CREATE PUMP X AS INSERT INTO T SELECT STREAM S.ROWTIME + a * INTERVAL '1' SECOND AS ROWTIME, a FROM S
  UNION ALL SELECT STREAM a FROM IN1;
CREATE PUMP Z AS INSERT INTO U SELECT STREAM MAX(a), 'a long text, so that a reused buffer would show: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' FROM T GROUP BY STEP(T.ROWTIME BY INTERVAL '1' SECOND);
CREATE PUMP W AS INSERT INTO U SELECT STREAM a, 'w' FROM IN1;
CREATE PUMP Q AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM * FROM U;
