CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- %{...}i headers, %D microseconds (numeric), %{format}t text, %% a literal percent sign
SELECT STREAM W3C_LOG_PARSE(line, '%a %{X-Request-Id}i %D %m %U%q 100%% [%{%d/%b/%Y}t]') AS r FROM "SOURCE_SQL_STREAM_001";
