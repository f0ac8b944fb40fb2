/* block comment
   spanning lines */
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER); -- trailing comment
SELECT STREAM 'it''s' AS s, 1.5E3 AS d, 12.50 AS dn, TRUE AS t, UNKNOWN AS u, NULL AS n, -- comment
       a
FROM "SOURCE_SQL_STREAM_001";
