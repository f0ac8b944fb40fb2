-- FIRST_VALUE and LAST_VALUE without OVER aggregate a GROUP BY window's rows: the first and the last value in
-- arrival order (NULL counts, unless IGNORE NULLS), as AWS's clickstream sessions application takes a session's
-- first and last page. A group whose values are all NULL gives NULL with IGNORE NULLS too.
CREATE STREAM "SOURCE_SQL_STREAM_001" (u INTEGER, page VARCHAR(8));
SELECT STREAM u, FIRST_VALUE(page) AS first_page, LAST_VALUE(page) AS last_page,
       FIRST_VALUE(page) IGNORE NULLS AS first_named, LAST_VALUE(page) IGNORE NULLS AS last_named, COUNT(*) AS n
FROM "SOURCE_SQL_STREAM_001"
GROUP BY u, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
