-- the reference's examples: a start past the end appends, a start below 1 puts the replacement first
SELECT STREAM OVERLAY('12345' PLACING 'foo' FROM 1) AS a, OVERLAY('12345' PLACING 'foo' FROM 0) AS b,
       OVERLAY('12345' PLACING 'foo' FROM -2) AS c, OVERLAY('12345' PLACING 'foo' FROM 4) AS d,
       OVERLAY('12345' PLACING 'foo' FROM 17) AS e, OVERLAY('12345' PLACING 'foo' FROM 2 FOR 0) AS f,
       OVERLAY('12345' PLACING 'foo' FROM 2 FOR 2) AS g, OVERLAY('12345' PLACING 'foo' FROM 2 FOR 9) AS h
FROM SOURCE_SQL_STREAM_001;
