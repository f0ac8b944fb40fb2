-- documented examples of COALESCE and NULLIF
SELECT STREAM COALESCE('chair') AS c1, COALESCE('chair', NULL, 'sofa') AS c2,
       COALESCE(NULL, NULL, 'sofa') AS c3, COALESCE(NULL, 2, 5) AS c4,
       NULLIF(4, 2) AS n1, NULLIF(4, 4) AS n2, NULLIF('amy', 'fred') AS n3,
       NULLIF('amy', CAST(NULL AS VARCHAR(3))) AS n4, NULLIF(CAST(NULL AS VARCHAR(3)), 'fred') AS n5
FROM SOURCE_SQL_STREAM_001;
