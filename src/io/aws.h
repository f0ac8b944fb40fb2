/* AWS settings found the way the AWS tools find them: credentials from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the
 * profile (AWS_PROFILE, else "default") in ~/.aws/credentials and
 * ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE move them);
 * the region from the caller, AWS_REGION, AWS_DEFAULT_REGION or the
 * profile; the endpoint from the caller, AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL or the profile's endpoint_url, else the service's
 * public one. The secret key and session token are never printed: say()
 * describes the settings without them. */
#ifndef EDDY_AWS_H
#define EDDY_AWS_H
#include <stdbool.h>
#include <stddef.h>

typedef struct AwsConfig {
    char *access_key, *secret_key, *session_token;
    char *region;
    char *endpoint;          /* scheme://host[:port][/] */
    char *profile;           /* the profile read, NULL when the environment gave the keys */
    const char *creds_from;  /* "the environment", "profile NAME in FILE" ... (for messages) */
    char creds_where[300];
} AwsConfig;

/* Fills c for service (e.g. "kinesis"); region and endpoint may be NULL
 * (then found as above). False with why (never a secret) when the
 * credentials or the region cannot be found. */
bool io_aws_load(AwsConfig *c, const char *service, const char *region, const char *endpoint, char *why,
                 size_t whylen);
/* Clears the secrets from memory and frees everything. */
void io_aws_free(AwsConfig *c);

#endif
