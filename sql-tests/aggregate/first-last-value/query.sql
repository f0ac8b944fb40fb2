-- FIRST_VALUE and LAST_VALUE without OVER aggregate a group: the value of its first and last row, NULL included
-- (published KDA clickstream applications use them in stagger and tumbling windows)
CREATE STREAM "SOURCE_SQL_STREAM_001" (u VARCHAR(8), e VARCHAR(8));
SELECT STREAM u, FIRST_VALUE(e) AS f, LAST_VALUE(e) AS l, COUNT(*) AS n
FROM SOURCE_SQL_STREAM_001
WINDOWED BY STAGGER (PARTITION BY u RANGE INTERVAL '30' SECOND);
