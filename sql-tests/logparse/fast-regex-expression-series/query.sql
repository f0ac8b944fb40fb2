CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- FAST_REGEX_LOG_PARSE as the reference's page explains it: the pattern becomes a series of
-- expressions (one per group, one per run outside groups), the fixed-length start of each moved
-- to the end of the one before, each matched lazily and never backtracked into.
-- ([a-z]*x) ends with fixed text, so it stops at the first x, as (<Alpha>+a) stops at the first a
-- after one letter; (.*)_+(.*) counts "_+" as "_" then "_*", and "_*" has no delimiter after it,
-- so it takes every underscore (the page's Example B); (<Digit>+)"-"(<Digit>+) moves the second
-- group's first digit into the first expression.
SELECT STREAM t.a.COLUMN1 AS a1, t.a.COLUMN2 AS a2, t.b.COLUMN1 AS b1, t.b.COLUMN2 AS b2,
       t.c.COLUMN1 AS c1, t.c.COLUMN2 AS c2, t.d.COLUMN1 AS d1, t.d.COLUMN2 AS d2
FROM (SELECT STREAM FAST_REGEX_LOG_PARSE(line, '([a-z]*x)(.*)') AS a,
                    FAST_REGEX_LOG_PARSE(line, '(<Alpha>+a)(.*)') AS b,
                    FAST_REGEX_LOG_PARSE(line, '(.*)_+(.*)') AS c,
                    FAST_REGEX_LOG_PARSE(line, '(<Digit>+)"-"(<Digit>+)') AS d
      FROM "SOURCE_SQL_STREAM_001") AS t;
