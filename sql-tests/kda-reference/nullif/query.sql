-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-nullif.html
-- Documented: NULLIF(4,2)=4, NULLIF(4,4)=<null>, NULLIF('amy','fred')=amy,
-- NULLIF('amy', cast(null as varchar(3)))=amy, NULLIF(cast(null as varchar(3)),'fred')=<null>.
SELECT STREAM NULLIF(4,2) AS a, NULLIF(4,4) AS b, NULLIF('amy','fred') AS c,
       NULLIF('amy', cast(null as varchar(3))) AS d, NULLIF(cast(null as varchar(3)),'fred') AS e
FROM SOURCE_SQL_STREAM_001;
