-- A stagger window's sessions with their first and last page (FIRST_VALUE / LAST_VALUE without OVER), as in AWS's
-- "real-time clickstream sessions" application: each user's window opens with their first row and closes 30
-- seconds later. DISTINCT is refused (sql-errors/first-value-distinct).
CREATE STREAM "SOURCE_SQL_STREAM_001" (user_id INTEGER, page VARCHAR(8));
SELECT STREAM user_id, FIRST_VALUE(page) AS entry_page, LAST_VALUE(page) AS exit_page, COUNT(*) AS views
FROM "SOURCE_SQL_STREAM_001"
WINDOWED BY STAGGER (PARTITION BY user_id RANGE INTERVAL '30' SECOND);
