-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-exp.html
-- Documented: EXP(1)=2.7182818284590455, EXP(0)=1.0, EXP(-1)=0.36787944117144233,
-- EXP(10)=22026.465794806718, EXP(2.5)=12.182493960703473.
SELECT STREAM EXP(1) AS a, EXP(0) AS b, EXP(-1) AS c, EXP(10) AS d, EXP(2.5) AS e FROM SOURCE_SQL_STREAM_001;
