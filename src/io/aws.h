/* AWS settings found the way the AWS CLI and SDKs find them.
 *
 * Credentials, first found wins (botocore's order):
 *   1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
 *   2. the profile's role_arn (AWS_PROFILE, else "default"), assumed with
 *      STS AssumeRole using source_profile's keys or credential_source
 *      (Environment, EcsContainer, Ec2InstanceMetadata);
 *   3. a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN,
 *      or the profile's web_identity_token_file and role_arn: EKS service
 *      accounts), exchanged with STS AssumeRoleWithWebIdentity;
 *   4. the profile's keys in ~/.aws/credentials, its credential_process,
 *      its keys in ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE and
 *      AWS_CONFIG_FILE move the files); an SSO profile is refused with the
 *      way around it (credential_process with `aws configure
 *      export-credentials`);
 *   5. the container's endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or
 *      _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE): ECS tasks,
 *      EKS Pod Identity);
 *   6. the EC2 instance's role through IMDSv2 (AWS_EC2_METADATA_SERVICE_ENDPOINT
 *      moves it, AWS_EC2_METADATA_DISABLED=true skips it).
 * Credentials that expire are fetched again before they do, so a process
 * that runs for months keeps signing. The region comes from the caller,
 * AWS_REGION, AWS_DEFAULT_REGION or the profile; the endpoint from the
 * caller, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL or the profile's
 * endpoint_url, else the service's public one. Secret keys and tokens are
 * never printed. */
#ifndef EDDY_AWS_H
#define EDDY_AWS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct AwsCreds {
    char *access_key, *secret_key, *session_token;   /* session_token NULL for long-term keys */
    int64_t expires_ms;                              /* epoch ms; 0: they do not expire */
} AwsCreds;

typedef struct AwsSource AwsSource;   /* where they come from, to fetch them again (aws_creds.c) */
typedef struct AwsShared AwsShared;

typedef struct AwsConfig {
    char *region;
    char *endpoint;          /* scheme://host[:port][/] */
    char *profile;           /* the profile looked at */
    const char *creds_from;  /* "the environment", "profile NAME in FILE" ... (for messages) */
    char creds_where[400];
    AwsShared *shared;       /* the current credentials, behind a lock (threads share them) */
} AwsConfig;

/* Fills c for service (e.g. "kinesis") and fetches the first credentials;
 * region and endpoint may be NULL (then found as above). False with why
 * (never a secret) when the credentials or the region cannot be found. */
bool io_aws_load(AwsConfig *c, const char *service, const char *region, const char *endpoint, char *why,
                 size_t whylen);
/* The credentials to sign a request with now. They are fetched again when
 * they expire within five minutes, or when `stale` (the service said they
 * had expired). When they are newer than *gen, copies them into *out (its
 * old strings cleared) and updates *gen. False, with why, only when there
 * are none that are still valid. Thread-safe. */
bool io_aws_current(AwsConfig *c, AwsCreds *out, uint64_t *gen, bool stale, char *why, size_t whylen);
/* Clears a copy's secrets from memory and frees them. */
void io_aws_creds_clear(AwsCreds *k);
/* Clears the secrets from memory and frees everything. */
void io_aws_free(AwsConfig *c);

#endif
