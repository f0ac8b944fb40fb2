CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- FAST_REGEX_LOG_PARSER (the reference's title) and FAST_REGEX_LOG_PARSE are one function.
-- Each group stops as early as the text after it allows; the whole line must be consumed.
SELECT STREAM FAST_REGEX_LOG_PARSER(line, '(.*) (.*)') AS lazy,
       FAST_REGEX_LOG_PARSE(line, '(<Digit>+)"-"(<1-12>)"-"([0-9]{2}) @') AS dated,
       FAST_REGEX_LOG_PARSE(line, '([a-z]+)|(<Upper>+ .*)') AS alt
FROM "SOURCE_SQL_STREAM_001";
