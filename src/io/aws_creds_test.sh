#!/bin/sh
# Where eddy's Kinesis connectors get AWS credentials, beyond static keys:
# the EC2 instance's role (IMDSv2), the container's endpoint (ECS, EKS Pod
# Identity), a web identity token (EKS service accounts), a profile's
# role_arn with source_profile (STS AssumeRole, its SigV4 checked with the
# aws4 package), and credential_process; credentials that expire are
# fetched again before they do and the requests after that are signed with
# the new ones; a fetch that fails is said once and the ones in hand are
# used while they hold; each failure at start is a clear error; no secret
# in any message. The credential endpoints are aws_creds_test_helper.js on
# loopback (built from their published protocols; no real one runs on
# loopback), in front of kinesalite. One line per check, then "N passed, N
# failed"; exit 77 (skipped) without node or kinesalite.
#
# Environment: see kinesis_test_lib.sh.

set -u
test_name=aws_creds_test
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kinesis_test_lib.sh"

cat > "$tmp/app.sql" <<'EOF'
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("k" VARCHAR(8), "seq" INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM "k", "seq" FROM "SOURCE_SQL_STREAM_001";
EOF
start_server
gen 50 0 > "$tmp/in.ndjson"
h create "$E" s1 1 && h put "$E" s1 "$tmp/in.ndjson" || exit 1

# start_creds NAME [VAR=VALUE...]: the credential endpoints and the proxy, settings in the environment
start_creds() {
  name=$1
  shift
  rm -f "$tmp/cport" "$tmp/$name.log"
  : > "$tmp/$name.log"
  env "$@" node "$here/aws_creds_test_helper.js" "$tmp/cport" "$E" "$tmp/$name.log" > "$tmp/$name.server" 2>&1 3>&- &
  cpid=$!
  pids="$pids $cpid"
  i=0
  while [ ! -s "$tmp/cport" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  C=http://127.0.0.1:$(cat "$tmp/cport")
}
stop_creds() { kill "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; }

# eddy_read NAME [VAR=VALUE...]: eddy reads s1 through the proxy with no keys of its own
eddy_read() {
  name=$1
  shift
  env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_EC2_METADATA_DISABLED "$@" \
    timeout 60 "$EDDY" run "$tmp/app.sql" --verbose \
    --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$C&start=trim_horizon&stop=caught_up&idle_ms=50&poll_ms=0" \
    > "$tmp/$name.out" 2> "$tmp/$name.err"
}
rows_ok() { [ "$(wc -l < "$tmp/$1.out")" -eq 50 ]; }
no_secret() { ! grep -q 'never-shown\|source-secret' "$tmp/$1.err"; }
# signed_by NAME PREFIX: every Kinesis request was signed with a key PREFIXn and carried that key's token
signed_by() {
  [ -s "$tmp/$1.log" ] && awk -v p="$2" '{ n = substr($1, length(p) + 1); t = tolower(substr(p, 5)) "-token-" n "-never-shown"
    if (index($1, p) != 1 || $2 != t) bad = 1 } END { exit bad }' "$tmp/$1.log"
}

# ---- the EC2 instance's role, IMDSv2 ----
start_creds imds
eddy_read imds AWS_EC2_METADATA_SERVICE_ENDPOINT="$C/"
rc=$?
[ $rc -eq 0 ] && rows_ok imds && signed_by imds ASIAIMDS && no_secret imds &&
  grep -q "credentials from the EC2 instance's role (IMDSv2 at $C)" "$tmp/imds.err"
verdict $? "IMDSv2: the instance role's credentials sign every request, with their session token" "$tmp/imds.err" "$tmp/imds.log"
stop_creds

# ---- the container's endpoint, with its authorization token file; fetched again before they expire ----
start_creds task TTL=302 CONTAINER_AUTH=task-auth-never-shown
printf 'task-auth-never-shown\n' > "$tmp/auth"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_CONTAINER_CREDENTIALS_FULL_URI="$C/container/creds" \
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$tmp/auth" \
  timeout --preserve-status -s INT 6 "$EDDY" run "$tmp/app.sql" --verbose \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$C&start=trim_horizon&idle_ms=50&poll_ms=200" > "$tmp/task.out" 2> "$tmp/task.err"
rc=$?
keys=$(cut -d' ' -f1 "$tmp/task.log" | uniq | tr '\n' ' ')
[ $rc -eq 0 ] && rows_ok task && signed_by task ASIATASK && no_secret task && [ "$(cut -d' ' -f1 "$tmp/task.log" | uniq | wc -l)" -ge 2 ] &&
  [ "$(cut -d' ' -f1 "$tmp/task.log" | uniq | sort | uniq -d | wc -l)" -eq 0 ]
verdict $? "container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI + token file): expiring credentials fetched again, the requests after signed with the new ones ($keys)" "$tmp/task.err" "$tmp/task.log"
stop_creds

# ---- a fetch that fails while the ones in hand still hold: said once, the run goes on ----
start_creds fail TTL=302 FAIL_AFTER=1
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_CONTAINER_CREDENTIALS_FULL_URI="$C/container/creds" \
  timeout --preserve-status -s INT 5 "$EDDY" run "$tmp/app.sql" \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$C&start=trim_horizon&idle_ms=50&poll_ms=200" > "$tmp/fail.out" 2> "$tmp/fail.err"
rc=$?
[ $rc -eq 0 ] && rows_ok fail && [ "$(grep -c 'could not be fetched again' "$tmp/fail.err")" -eq 1 ] &&
  grep -q 'credentials from the container.*could not be fetched again (trying every 10 s): .*HTTP status 500' "$tmp/fail.err" &&
  [ "$(cut -d' ' -f1 "$tmp/fail.log" | sort -u)" = ASIATASK1 ] && [ "$(wc -l < "$tmp/fail.log")" -gt 3 ]
verdict $? "a refresh that fails: said once, the credentials in hand go on signing while they hold" "$tmp/fail.err" "$tmp/fail.log"
stop_creds

# ---- a web identity token (EKS service accounts): STS AssumeRoleWithWebIdentity ----
start_creds web WEB_TOKEN=web-identity-token-never-shown ROLE_ARN=arn:aws:iam::123456789012:role/eddy-web
printf 'web-identity-token-never-shown\n' > "$tmp/web-token"
eddy_read web AWS_WEB_IDENTITY_TOKEN_FILE="$tmp/web-token" AWS_ROLE_ARN=arn:aws:iam::123456789012:role/eddy-web \
  AWS_ENDPOINT_URL_STS="$C/"
rc=$?
[ $rc -eq 0 ] && rows_ok web && signed_by web ASIAWEB && no_secret web &&
  grep -q "credentials from role arn:aws:iam::123456789012:role/eddy-web assumed with the web identity token in $tmp/web-token" "$tmp/web.err"
verdict $? "AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN: the role's credentials from STS" "$tmp/web.err" "$tmp/web.log"
printf 'another-token\n' > "$tmp/web-token"
eddy_read webbad AWS_WEB_IDENTITY_TOKEN_FILE="$tmp/web-token" AWS_ROLE_ARN=arn:aws:iam::123456789012:role/eddy-web \
  AWS_ENDPOINT_URL_STS="$C/"
rc=$?
[ $rc -eq 1 ] && grep -q 'STS at .* refused to assume arn:aws:iam::123456789012:role/eddy-web: HTTP status 403, InvalidIdentityToken' "$tmp/webbad.err"
verdict $? "a token STS refuses: exit 1 at start, STS's reason said" "$tmp/webbad.err"
stop_creds

# ---- a profile's role_arn with source_profile: STS AssumeRole, signed with the source's keys ----
start_creds role SOURCE_KEY_ID=AKIDSOURCE SOURCE_SECRET=source-secret-key ROLE_ARN=arn:aws:iam::123456789012:role/eddy-app \
  EXTERNAL_ID=ext-42
cat > "$tmp/role-config" <<EOF
[profile app]
role_arn = arn:aws:iam::123456789012:role/eddy-app
source_profile = base
external_id = ext-42
endpoint_url = $C/
[profile sso]
sso_session = corp
sso_account_id = 123456789012
EOF
printf '[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = source-secret-key\n' > "$tmp/role-credentials"
eddy_read role AWS_PROFILE=app AWS_CONFIG_FILE="$tmp/role-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/role-credentials"
rc=$?
[ $rc -eq 0 ] && rows_ok role && signed_by role ASIAROLE && no_secret role &&
  grep -q "credentials from role arn:aws:iam::123456789012:role/eddy-app assumed with profile base in $tmp/role-credentials" "$tmp/role.err"
verdict $? "profile role_arn + source_profile + external_id: AssumeRole signed with the source's keys (aws4 agrees)" "$tmp/role.err" "$tmp/role.log"
eddy_read sso AWS_PROFILE=sso AWS_CONFIG_FILE="$tmp/role-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/role-credentials"
rc=$?
[ $rc -eq 1 ] && grep -q 'profile "sso" signs in with SSO, which eddy does not do: give eddy a profile with credential_process = aws configure export-credentials --profile sso --format process' "$tmp/sso.err"
verdict $? "an SSO profile: refused at start with the way around it" "$tmp/sso.err"
eddy_read noprof AWS_PROFILE=nosuch AWS_CONFIG_FILE="$tmp/role-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/role-credentials"
rc=$?
[ $rc -eq 1 ] && grep -q 'no profile "nosuch" in' "$tmp/noprof.err"
verdict $? "AWS_PROFILE naming a profile that is not there: said at start" "$tmp/noprof.err"
stop_creds

# ---- credential_process, run again before its credentials expire ----
start_creds proc
cat > "$tmp/creds.sh" <<'EOF'
#!/bin/sh
n=$(($(cat "$1" 2>/dev/null || echo 0) + 1))
echo $n > "$1"
exp=$(date -u -d '+302 seconds' '+%Y-%m-%dT%H:%M:%SZ')
printf '{"Version": 1, "AccessKeyId": "ASIAPROC%d", "SecretAccessKey": "proc-secret-%d-never-shown", "SessionToken": "proc-token-%d-never-shown", "Expiration": "%s"}\n' $n $n $n "$exp"
EOF
chmod +x "$tmp/creds.sh"
printf '[profile p]\ncredential_process = %s %s\n[profile bad]\ncredential_process = sh -c "echo the helper cannot sign in >&2; exit 3"\n' \
  "$tmp/creds.sh" "$tmp/proc-count" > "$tmp/proc-config"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_PROFILE=p AWS_CONFIG_FILE="$tmp/proc-config" \
  timeout --preserve-status -s INT 6 "$EDDY" run "$tmp/app.sql" --verbose \
  --input "SOURCE_SQL_STREAM_001=kinesis://s1?endpoint=$C&start=trim_horizon&idle_ms=50&poll_ms=200" > "$tmp/proc.out" 2> "$tmp/proc.err"
rc=$?
[ $rc -eq 0 ] && rows_ok proc && signed_by proc ASIAPROC && no_secret proc && [ "$(cat "$tmp/proc-count")" -ge 2 ] &&
  [ "$(cut -d' ' -f1 "$tmp/proc.log" | uniq | wc -l)" -ge 2 ] && grep -q 'credentials from credential_process of profile p' "$tmp/proc.err"
verdict $? "credential_process: its credentials sign the requests, and it is run again before they expire ($(cat "$tmp/proc-count" 2>/dev/null) runs)" "$tmp/proc.err" "$tmp/proc.log"
eddy_read procbad AWS_PROFILE=bad AWS_CONFIG_FILE="$tmp/proc-config"
rc=$?
[ $rc -eq 1 ] && grep -q 'the helper cannot sign in' "$tmp/procbad.err" &&
  grep -q 'credential_process of profile bad: credential_process failed (exit status 3' "$tmp/procbad.err"
verdict $? "a credential_process that fails: exit 1 at start, its own message and its status" "$tmp/procbad.err"
stop_creds

# ---- what is refused or missing at start ----
eddy_read farhttp AWS_CONTAINER_CREDENTIALS_FULL_URI=http://198.51.100.7/creds
rc=$?
[ $rc -eq 1 ] && grep -q 'AWS_CONTAINER_CREDENTIALS_FULL_URI http://198.51.100.7/creds is plain HTTP to a host that is neither the container agent nor loopback: refused' "$tmp/farhttp.err"
verdict $? "a container endpoint over plain HTTP to another host: refused, never asked" "$tmp/farhttp.err"
eddy_read noimds AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1
rc=$?
[ $rc -eq 1 ] && grep -q 'no AWS credentials: none in the environment or profile "default", and cannot reach http://127.0.0.1:1/latest/api/token' "$tmp/noimds.err"
verdict $? "nothing configured and no instance metadata service: a clear error naming what was tried" "$tmp/noimds.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
