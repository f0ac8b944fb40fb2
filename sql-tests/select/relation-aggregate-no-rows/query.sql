-- An aggregate without GROUP BY is GROUP BY (): it has its one row even when no row
-- qualifies (COUNT 0, the other aggregates NULL). With a GROUP BY key, no row qualifies,
-- so no group and no row.
SELECT COUNT(*) AS n, COUNT(age) AS ages, SUM(age) AS total, MIN(name) AS first_name FROM EMPS WHERE age > 100;
SELECT deptno, COUNT(*) AS n FROM EMPS WHERE age > 100 GROUP BY deptno;
SELECT COUNT(*) AS n, AVG(age) AS mean FROM EMPS WHERE age >= 40;
