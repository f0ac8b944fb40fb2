-- A plain SELECT over a reference table (or VALUES) is a relational query: it runs once, when the
-- application starts, over all the relation's rows, so it may aggregate without GROUP BY (the
-- Aggregate Functions page: "lacking an explicit GROUP BY clause is equivalent to GROUP BY ()"),
-- group by any key, sort by any key and drop duplicates. Its rows carry the start time as ROWTIME.
SELECT AVG(AGE) AS AVERAGE_AGE FROM EMPS;
SELECT DEPTNO, AVG(AGE) AS AVERAGE_AGE, COUNT(*) AS N FROM EMPS GROUP BY DEPTNO ORDER BY DEPTNO DESC;
SELECT NAME FROM EMPS WHERE AGE > 31 ORDER BY NAME;
SELECT DISTINCT DEPTNO FROM EMPS;
SELECT e.NAME, d.DNAME FROM EMPS AS e LEFT JOIN DEPTS AS d ON e.DEPTNO = d.DEPTNO ORDER BY 1;
SELECT MAX(a) AS top, MIN(a) AS bottom FROM (VALUES (3), (1), (2)) AS t(a);
