-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-mod.html
-- Documented: MOD(4,2)=0, MOD(5,3)=2, MOD(-4,3)=-1, MOD(5,12)=5.
SELECT STREAM MOD(4,2) AS a, MOD(5,3) AS b, MOD(-4,3) AS c, MOD(5,12) AS d FROM SOURCE_SQL_STREAM_001;
