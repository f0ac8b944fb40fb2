-- the examples on the reference's numeric function pages
SELECT STREAM ABS(-1.0) AS abs1, ABS(-3*3) AS abs2, CEIL(5.2) AS ceil1, CEILING(-3.3) AS ceil2,
       FLOOR(-3.3) AS floor1, EXP(1) AS exp1, LN(10) AS ln1, LOG10(100) AS log1,
       MOD(-4, 3) AS mod1, POWER(4, -2) AS pow1, STEP(23 BY 5) AS step1
FROM SOURCE_SQL_STREAM_001;
