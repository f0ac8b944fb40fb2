-- A row value IN a list of rows: equal to one of them field by field. A NULL field gives UNKNOWN
-- unless another field already differs from every row ((2, NULL) is not (1, 'x') but may be (2, 'y')).
CREATE STREAM SOURCE_SQL_STREAM_001 (a INTEGER, b VARCHAR(4));
SELECT STREAM a, b, (a, b) IN ((1, 'x'), (2, 'y')) AS i, (a, b) NOT IN ((1, 'x'), (2, 'y')) AS ni,
       (a, b) IN ((3, 'z')) AS one
FROM SOURCE_SQL_STREAM_001;
