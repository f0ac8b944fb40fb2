-- numbers compare by value across types; strings, dates and times by their order
CREATE STREAM "SOURCE_SQL_STREAM_001" (i INTEGER, d DOUBLE, n DECIMAL(4,2));
SELECT STREAM i = d AS i_eq_d, n = i AS n_eq_i, n < d AS n_lt_d,
       'abc' < 'abd' AS s1, 'B' < 'a' AS s2, 'ab' < 'abc' AS s3,
       DATE '2024-01-31' < DATE '2024-02-01' AS dt, TIME '09:00:00' > TIME '10:00:00' AS tm
FROM "SOURCE_SQL_STREAM_001";
