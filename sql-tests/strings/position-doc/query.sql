-- the reference's examples: 1-based, 0 when absent, 1 for the empty search string
SELECT STREAM POSITION('findme' IN '1234findmeXXX') AS a, POSITION('findme' IN '1234not-hereXXX') AS b,
       POSITION('1' IN '1234567') AS c, POSITION('7' IN '1234567') AS d, POSITION('' IN '1234567') AS e
FROM SOURCE_SQL_STREAM_001;
