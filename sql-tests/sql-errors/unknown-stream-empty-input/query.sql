-- the source stream is not declared and no input arrives, but "NO_SUCH" is unknown whatever the input is
SELECT STREAM a FROM "NO_SUCH";
