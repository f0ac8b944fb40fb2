-- The reference's template-string examples with constant arguments (compiled and folded at bind time)
SELECT STREAM CHAR_TO_TIMESTAMP('yyyy-MM-dd hh:mm:ss', '2009-09-16 03:15:24') AS t1,
       CHAR_TO_TIMESTAMP('yyyy-mm', '2011-02-08 07:23:19') AS t2,
       CHAR_TO_TIMESTAMP('MMM dd, yyyy', 'March 7, 2010') AS t3,
       CHAR_TO_TIMESTAMP('MMM dd,', 'March 7, 2010') AS t4,
       CHAR_TO_TIMESTAMP('MMM dd,y', 'March 7, 2010') AS t5,
       CHAR_TO_TIMESTAMP('MMM dd,y', 'March 7, 10') AS t6,
       CHAR_TO_TIMESTAMP('M-d', '2-8') AS t7,
       CHAR_TO_TIMESTAMP('M-d', '2-8-2011') AS t8,
       CHAR_TO_TIMESTAMP('MM-dd-yyyy', '06-23-2011 10:11:12') AS t9,
       CHAR_TO_TIMESTAMP('dd-MM-yy hh:mm:ss', '23-06-11 10:11:12') AS t10,
       CHAR_TO_TIMESTAMP('MM-dd-yy ss:hh:mm', '06-23-11 12:10:11') AS t11,
       CHAR_TO_TIMESTAMP('yy-dd-MM ss:hh:mm', '06-23-11 12:10:11') AS t12
FROM SOURCE_SQL_STREAM_001;
