-- Regexes over long values: a repeated group needs more stack than PCRE2's
-- JIT has by default (32 KB ran out at ~1,400 characters and the rows went
-- to the error stream). Every function matches; a match that fails for
-- another reason (here PCRE2's match limit) is reported by its message.
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(65535));
SELECT STREAM CHAR_LENGTH(s) AS n, s SIMILAR TO '(a|b)+' AS sim, REGEX_REPLACE(s, '(a|b)+', 'x', 1, 0) AS rep,
  CHAR_LENGTH(SUBSTRING(s FROM '(a|b)+')) AS sub, CHAR_LENGTH(T.REC.COLUMN1) AS lp
FROM (SELECT STREAM s, REGEX_LOG_PARSE(s, '((a|b)+)|((a+)+b)') AS REC FROM "SOURCE_SQL_STREAM_001") AS T;
