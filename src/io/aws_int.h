/* What aws.c (finding the settings) and aws_creds.c (fetching credentials
 * that expire) share, and the parsers the unit tests reach. */
#ifndef EDDY_AWS_INT_H
#define EDDY_AWS_INT_H
#include <pthread.h>

#include "aws.h"

typedef enum AwsKind {
    AWS_STATIC,         /* keys given: they do not change */
    AWS_PROCESS,        /* a profile's credential_process */
    AWS_WEB_IDENTITY,   /* STS AssumeRoleWithWebIdentity with a token file */
    AWS_ASSUME_ROLE,    /* STS AssumeRole, signed with base's credentials */
    AWS_CONTAINER,      /* the ECS / EKS Pod Identity endpoint */
    AWS_IMDS,           /* the EC2 instance's role, IMDSv2 */
} AwsKind;

struct AwsSource {
    AwsKind kind;
    AwsCreds keys;                         /* AWS_STATIC */
    char *command;                         /* AWS_PROCESS */
    char *role_arn, *session_name;         /* AWS_WEB_IDENTITY, AWS_ASSUME_ROLE */
    char *token_file;                      /* AWS_WEB_IDENTITY */
    char *external_id;                     /* AWS_ASSUME_ROLE */
    int duration_s;                        /* AWS_ASSUME_ROLE: 0 for STS's default */
    char *sts_endpoint, *sts_region;       /* where STS is asked, and the region it is signed for */
    AwsSource *base;                       /* AWS_ASSUME_ROLE: whose credentials ask */
    char *url;                             /* AWS_CONTAINER: the full URL; AWS_IMDS: the service's base */
    char *auth, *auth_file;                /* AWS_CONTAINER: the Authorization header's value, or the file holding it */
};

struct AwsShared {
    pthread_mutex_t mu;
    AwsSource *src;
    AwsCreds creds;
    uint64_t gen;               /* bumped each time creds change */
    int64_t retry_after_ms;     /* after a failed fetch, the next try waits */
    bool said;                  /* the failure was said on stderr */
};

/* Fetches credentials from src (blocking: a process, an HTTP request). */
bool io_aws_fetch(const AwsSource *src, AwsCreds *out, char *why, size_t whylen);
void io_aws_source_free(AwsSource *src);

/* Parsers, exposed for the unit tests. */
/* "2024-05-01T12:00:00Z" (fractions and a +hh:mm offset allowed) as epoch ms; -1 if it does not read. */
int64_t io_aws_parse_time(const char *s);
/* The text of the first <tag>...</tag> in an XML answer, entities decoded; malloc'd, or NULL. */
char *io_aws_xml_text(const char *xml, const char *tag);
/* Credentials from a JSON object (credential_process, container, IMDS):
 * AccessKeyId, SecretAccessKey, SessionToken or Token, Expiration. */
bool io_aws_creds_from_json(const char *text, size_t len, AwsCreds *out, char *why, size_t whylen);

#endif
