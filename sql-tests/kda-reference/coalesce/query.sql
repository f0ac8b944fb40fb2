-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-coalesce.html
-- Documented: COALESCE('chair')=chair, COALESCE('chair', null, 'sofa')=chair,
-- COALESCE(null, null, 'sofa')=sofa, COALESCE(null, 2, 5)=2.
SELECT STREAM COALESCE('chair') AS a, COALESCE('chair', null, 'sofa') AS b, COALESCE(null, null, 'sofa') AS c,
       COALESCE(null, 2, 5) AS d
FROM SOURCE_SQL_STREAM_001;
