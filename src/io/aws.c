/* AWS credentials, region and endpoint, as the AWS CLI and SDKs find
 * them: which source of credentials applies (the order is in aws.h), and
 * the region and endpoint. Fetching credentials that expire is in
 * aws_creds.c. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws_int.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

static char *dup_or_null(const char *s) { return s && *s ? mem_strdup(s) : NULL; }

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static void trim(char **s)
{
    while (isspace((unsigned char)**s)) (*s)++;
    char *e = *s + strlen(*s);
    while (e > *s && isspace((unsigned char)e[-1])) e--;
    *e = 0;
}

/* Looks up key in section [section] of an INI file (the AWS shared file
 * format: "key = value" lines, # or ; comments). A malloc'd value or NULL.
 * The line buffer is cleared after use: it may have held a secret. */
static char *ini_get(const char *path, const char *section, const char *key)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return NULL;
    char line[4096], *found = NULL;
    bool in = false;
    while (!found && fgets(line, sizeof line, f)) {
        char *s = line;
        trim(&s);
        if (*s == '#' || *s == ';' || *s == 0) continue;
        if (*s == '[') {
            char *end = strchr(s, ']');
            if (!end) continue;
            *end = 0;
            s++;
            trim(&s);
            in = strcmp(s, section) == 0;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!in || !eq) continue;
        *eq = 0;
        char *k = s, *v = eq + 1;
        trim(&k);
        trim(&v);
        if (strcasecmp(k, key) == 0) found = dup_or_null(v);
    }
    memset(line, 0, sizeof line);
    fclose(f);
    return found;
}

/* ~/.aws/NAME, or the file the variable names. */
static char *shared_file(const char *var, const char *name)
{
    if (env(var)) return mem_strdup(env(var));
    const char *home = env("HOME");
    if (!home) return NULL;
    size_t n = strlen(home) + strlen(name) + 8;
    char *p = mem_alloc(n);
    snprintf(p, n, "%s/.aws/%s", home, name);
    return p;
}



static bool ini_has_section(const char *path, const char *section)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return false;
    char line[4096];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        char *s = line;
        trim(&s);
        char *end = *s == '[' ? strchr(s, ']') : NULL;
        if (!end) continue;
        *end = 0;
        s++;
        trim(&s);
        found = strcmp(s, section) == 0;
    }
    memset(line, 0, sizeof line);
    fclose(f);
    return found;
}

/* A profile in the shared files: its settings are read from the
 * credentials file's [NAME], then the config file's [profile NAME]
 * ([default] for the default profile), as the CLI merges them. */
typedef struct Profile {
    const char *name;
    const char *cred_file, *conf_file;
    char conf_section[300];
} Profile;

static void profile_init(Profile *p, const char *name, const char *cred_file, const char *conf_file)
{
    p->name = name;
    p->cred_file = cred_file;
    p->conf_file = conf_file;
    if (strcmp(name, "default") == 0) snprintf(p->conf_section, sizeof p->conf_section, "default");
    else snprintf(p->conf_section, sizeof p->conf_section, "profile %s", name);
}

static char *prof_get(const Profile *p, const char *key)
{
    char *v = ini_get(p->cred_file, p->name, key);
    return v ? v : ini_get(p->conf_file, p->conf_section, key);
}

static bool prof_exists(const Profile *p)
{
    return ini_has_section(p->cred_file, p->name) || ini_has_section(p->conf_file, p->conf_section);
}

static AwsSource *source_new(AwsKind kind)
{
    AwsSource *s = mem_calloc(1, sizeof *s);
    s->kind = kind;
    return s;
}

/* The keys of one of the profile's files, or NULL. */
static AwsSource *profile_keys(const Profile *p, bool config_file, char *where, size_t wn)
{
    const char *file = config_file ? p->conf_file : p->cred_file;
    const char *section = config_file ? p->conf_section : p->name;
    char *id = ini_get(file, section, "aws_access_key_id");
    if (!id) return NULL;
    AwsSource *s = source_new(AWS_STATIC);
    s->keys.access_key = id;
    s->keys.secret_key = ini_get(file, section, "aws_secret_access_key");
    s->keys.session_token = ini_get(file, section, "aws_session_token");
    snprintf(where, wn, "profile %s in %s", p->name, file);
    return s;
}

/* STS's endpoint and the region its requests are signed for: the
 * regional endpoint when the region is known, as the SDKs now default. */
static void sts_place(AwsSource *s, const Profile *p, const char *region)
{
    char *ep = env("AWS_ENDPOINT_URL_STS") ? mem_strdup(env("AWS_ENDPOINT_URL_STS"))
               : env("AWS_ENDPOINT_URL")   ? mem_strdup(env("AWS_ENDPOINT_URL"))
                                           : prof_get(p, "endpoint_url");
    s->sts_region = mem_strdup(region ? region : "us-east-1");
    if (!ep) {
        size_t n = 80 + (region ? strlen(region) : 0);
        ep = mem_alloc(n);
        if (region) snprintf(ep, n, "https://sts.%s.amazonaws.com%s", region, strncmp(region, "cn-", 3) ? "" : ".cn");
        else snprintf(ep, n, "https://sts.amazonaws.com");
    }
    s->sts_endpoint = ep;
}

static char *session_name(const Profile *p)
{
    char *n = prof_get(p, "role_session_name");
    if (!n && env("AWS_ROLE_SESSION_NAME")) n = mem_strdup(env("AWS_ROLE_SESSION_NAME"));
    if (!n) {
        char buf[64];
        snprintf(buf, sizeof buf, "eddy-%lld", (long long)(clock_now_ms() / 1000));
        n = mem_strdup(buf);
    }
    return n;
}

static AwsSource *container_source(char *where, size_t wn, char *why, size_t whylen)
{
    const char *rel = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), *full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (!rel && !full) return NULL;
    AwsSource *s = source_new(AWS_CONTAINER);
    if (rel) {
        size_t n = strlen(rel) + 40;
        s->url = mem_alloc(n);
        snprintf(s->url, n, "http://169.254.170.2%s", rel);
    } else {
        /* as the SDKs allow: HTTPS anywhere, plain HTTP only to the container agents and loopback */
        static const char *const hosts[] = {"http://169.254.170.2", "http://169.254.170.23", "http://[fd00:ec2::23]",
                                            "http://127.", "http://localhost", "http://[::1]", NULL};
        bool allowed = strncmp(full, "https://", 8) == 0;
        for (const char *const *h = hosts; *h && !allowed; h++) {
            size_t n = strlen(*h);
            allowed = strncmp(full, *h, n) == 0 && (full[n - 1] == '.' || full[n] == 0 || full[n] == ':' || full[n] == '/');
        }
        if (!allowed) {
            snprintf(why, whylen, "AWS_CONTAINER_CREDENTIALS_FULL_URI %.200s is plain HTTP to a host that is neither "
                                  "the container agent nor loopback: refused", full);
            io_aws_source_free(s);
            return NULL;
        }
        s->url = mem_strdup(full);
    }
    if (env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) s->auth_file = mem_strdup(env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    else if (env("AWS_CONTAINER_AUTHORIZATION_TOKEN")) s->auth = mem_strdup(env("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    snprintf(where, wn, "the container's credentials endpoint %s", rel ? "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)" : full);
    return s;
}

static bool imds_disabled(void)
{
    const char *v = env("AWS_EC2_METADATA_DISABLED");
    return v && strcasecmp(v, "true") == 0;
}

static AwsSource *imds_source(char *where, size_t wn)
{
    AwsSource *s = source_new(AWS_IMDS);
    const char *ep = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    s->url = mem_strdup(ep ? ep : "http://169.254.169.254");
    size_t n = strlen(s->url);
    while (n > 0 && s->url[n - 1] == '/') s->url[--n] = 0;
    snprintf(where, wn, "the EC2 instance's role (IMDSv2 at %s)", s->url);
    return s;
}

/* The profile's role_arn: assumed with source_profile's credentials or
 * credential_source's, or with a web identity token. */
static AwsSource *role_source(const Profile *p, const char *region, int depth, char *where, size_t wn, char *why,
                              size_t whylen);

/* A profile's own credentials, without its role (a source_profile's). */
static AwsSource *profile_source(const Profile *p, const char *region, int depth, char *where, size_t wn, char *why,
                                 size_t whylen)
{
    char *v;
    AwsSource *s;
    if (depth > 0 && (v = prof_get(p, "role_arn"))) {
        mem_free(v);
        return role_source(p, region, depth, where, wn, why, whylen);
    }
    if ((v = prof_get(p, "sso_start_url")) || (v = prof_get(p, "sso_session"))) {
        mem_free(v);
        snprintf(why, whylen, "profile \"%s\" signs in with SSO, which eddy does not do: give eddy a profile with "
                              "credential_process = aws configure export-credentials --profile %s --format process",
                 p->name, p->name);
        return NULL;
    }
    if ((s = profile_keys(p, false, where, wn))) return s;
    if ((v = prof_get(p, "credential_process"))) {
        s = source_new(AWS_PROCESS);
        s->command = v;
        snprintf(where, wn, "credential_process of profile %s", p->name);
        return s;
    }
    return profile_keys(p, true, where, wn);
}

static AwsSource *role_source(const Profile *p, const char *region, int depth, char *where, size_t wn, char *why,
                              size_t whylen)
{
    char *role = prof_get(p, "role_arn");
    char *token_file = prof_get(p, "web_identity_token_file");
    char *src_prof = prof_get(p, "source_profile");
    char *cred_src = prof_get(p, "credential_source");
    char *mfa = prof_get(p, "mfa_serial");
    AwsSource *s = NULL, *base = NULL;
    char base_where[300] = "";
    if (mfa) {
        snprintf(why, whylen, "profile \"%s\" assumes %s with an MFA code (mfa_serial), which a service cannot type: "
                              "give eddy a role it may assume without one", p->name, role);
    } else if (token_file) {
        s = source_new(AWS_WEB_IDENTITY);
        s->token_file = token_file, token_file = NULL;
        snprintf(where, wn, "role %s assumed with the web identity token in %s (profile %s)", role, s->token_file, p->name);
    } else if (src_prof) {
        if (depth >= 4) {
            snprintf(why, whylen, "profile \"%s\": source_profile goes round in a circle", p->name);
        } else {
            Profile sp;
            profile_init(&sp, src_prof, p->cred_file, p->conf_file);
            if (!prof_exists(&sp)) snprintf(why, whylen, "profile \"%s\" names source_profile \"%s\", which is in neither %s nor %s",
                                             p->name, src_prof, p->cred_file ? p->cred_file : "~/.aws/credentials",
                                             p->conf_file ? p->conf_file : "~/.aws/config");
            else if (!(base = profile_source(&sp, region, depth + 1, base_where, sizeof base_where, why, whylen)) && !why[0])
                snprintf(why, whylen, "source_profile \"%s\" of profile \"%s\" has no credentials", src_prof, p->name);
        }
    } else if (cred_src) {
        if (strcmp(cred_src, "Environment") == 0 && env("AWS_ACCESS_KEY_ID") && env("AWS_SECRET_ACCESS_KEY")) {
            base = source_new(AWS_STATIC);
            base->keys.access_key = mem_strdup(env("AWS_ACCESS_KEY_ID"));
            base->keys.secret_key = mem_strdup(env("AWS_SECRET_ACCESS_KEY"));
            base->keys.session_token = dup_or_null(env("AWS_SESSION_TOKEN"));
            snprintf(base_where, sizeof base_where, "the environment");
        } else if (strcmp(cred_src, "EcsContainer") == 0) {
            base = container_source(base_where, sizeof base_where, why, whylen);
        } else if (strcmp(cred_src, "Ec2InstanceMetadata") == 0) {
            base = imds_source(base_where, sizeof base_where);
        }
        if (!base && !why[0])
            snprintf(why, whylen, "profile \"%s\": credential_source %s gives no credentials here (Environment, "
                                  "EcsContainer and Ec2InstanceMetadata are known)", p->name, cred_src);
    } else {
        snprintf(why, whylen, "profile \"%s\" has role_arn but neither source_profile, credential_source nor "
                              "web_identity_token_file", p->name);
    }
    if (base) {
        s = source_new(AWS_ASSUME_ROLE);
        s->base = base;
        snprintf(where, wn, "role %s assumed with %s", role, base_where);
    }
    if (s) {
        s->role_arn = role, role = NULL;
        s->session_name = session_name(p);
        char *v = prof_get(p, "external_id");
        s->external_id = v;
        if ((v = prof_get(p, "duration_seconds"))) s->duration_s = atoi(v), mem_free(v);
        sts_place(s, p, region);
    }
    mem_free(role), mem_free(token_file), mem_free(src_prof), mem_free(cred_src), mem_free(mfa);
    return s;
}

/* Which source of credentials applies, in the order of aws.h. */
static AwsSource *find_source(const Profile *p, bool profile_named, const char *region, char *where, size_t wn,
                              char *why, size_t whylen)
{
    why[0] = 0;
    if (env("AWS_ACCESS_KEY_ID") && env("AWS_SECRET_ACCESS_KEY")) {
        AwsSource *s = source_new(AWS_STATIC);
        s->keys.access_key = mem_strdup(env("AWS_ACCESS_KEY_ID"));
        s->keys.secret_key = mem_strdup(env("AWS_SECRET_ACCESS_KEY"));
        s->keys.session_token = dup_or_null(env("AWS_SESSION_TOKEN"));
        snprintf(where, wn, "the environment (AWS_ACCESS_KEY_ID)");
        return s;
    }
    bool exists = prof_exists(p);
    char *role = exists ? prof_get(p, "role_arn") : NULL;
    if (role) {
        mem_free(role);
        return role_source(p, region, 0, where, wn, why, whylen);
    }
    if (env("AWS_WEB_IDENTITY_TOKEN_FILE") && env("AWS_ROLE_ARN")) {
        AwsSource *s = source_new(AWS_WEB_IDENTITY);
        s->token_file = mem_strdup(env("AWS_WEB_IDENTITY_TOKEN_FILE"));
        s->role_arn = mem_strdup(env("AWS_ROLE_ARN"));
        s->session_name = session_name(p);
        sts_place(s, p, region);
        snprintf(where, wn, "role %s assumed with the web identity token in %s (AWS_WEB_IDENTITY_TOKEN_FILE)",
                 s->role_arn, s->token_file);
        return s;
    }
    if (exists) {
        AwsSource *s = profile_source(p, region, 0, where, wn, why, whylen);
        if (s || why[0]) return s;
    } else if (profile_named) {
        snprintf(why, whylen, "no profile \"%s\" in %s or %s", p->name, p->cred_file ? p->cred_file : "~/.aws/credentials",
                 p->conf_file ? p->conf_file : "~/.aws/config");
        return NULL;
    }
    AwsSource *s = container_source(where, wn, why, whylen);
    if (s || why[0]) return s;
    if (!imds_disabled()) return imds_source(where, wn);
    return NULL;
}

static char *resolve_endpoint(const char *service, const char *given, const Profile *p)
{
    char var[64];
    snprintf(var, sizeof var, "AWS_ENDPOINT_URL_%s", service);
    for (char *q = var; *q; q++) *q = (char)toupper((unsigned char)*q);
    if (given && *given) return mem_strdup(given);
    if (env(var)) return mem_strdup(env(var));
    if (env("AWS_ENDPOINT_URL")) return mem_strdup(env("AWS_ENDPOINT_URL"));
    return ini_get(p->conf_file, p->conf_section, "endpoint_url");
}

bool io_aws_load(AwsConfig *c, const char *service, const char *region, const char *endpoint, char *why,
                 size_t whylen)
{
    memset(c, 0, sizeof *c);
    const char *prof = env("AWS_PROFILE") ? env("AWS_PROFILE") : env("AWS_DEFAULT_PROFILE");
    c->profile = mem_strdup(prof ? prof : "default");
    char *cred_file = shared_file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    char *conf_file = shared_file("AWS_CONFIG_FILE", "config");
    Profile p;
    profile_init(&p, c->profile, cred_file, conf_file);

    if (region && *region) c->region = mem_strdup(region);
    else if (env("AWS_REGION")) c->region = mem_strdup(env("AWS_REGION"));
    else if (env("AWS_DEFAULT_REGION")) c->region = mem_strdup(env("AWS_DEFAULT_REGION"));
    else c->region = ini_get(conf_file, p.conf_section, "region");
    c->endpoint = resolve_endpoint(service, endpoint, &p);

    bool ok = false;
    char inner[700];
    AwsSource *src = find_source(&p, prof != NULL, c->region, c->creds_where, sizeof c->creds_where, inner, sizeof inner);
    c->creds_from = c->creds_where;
    AwsCreds first = {0};
    if (!src) {
        if (inner[0]) snprintf(why, whylen, "%s", inner);
        else snprintf(why, whylen,
                      "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile \"%s\" "
                      "aws_access_key_id and aws_secret_access_key, a role or a credential_process in %s (AWS_PROFILE "
                      "names another profile); on EC2, ECS or EKS the instance's, task's or pod's role is used",
                      c->profile, cred_file ? cred_file : "~/.aws/credentials");
        goto done;
    }
    if (src->kind == AWS_STATIC && !src->keys.secret_key) {
        snprintf(why, whylen, "%s has aws_access_key_id but no aws_secret_access_key", c->creds_from);
        io_aws_source_free(src);
        goto done;
    }
    if (!io_aws_fetch(src, &first, inner, sizeof inner)) {
        if (src->kind == AWS_IMDS)
            snprintf(why, whylen, "no AWS credentials: none in the environment or profile \"%s\", and %s", c->profile, inner);
        else snprintf(why, whylen, "AWS credentials from %s: %s", c->creds_from, inner);
        io_aws_source_free(src);
        goto done;
    }
    c->shared = mem_calloc(1, sizeof *c->shared);
    pthread_mutex_init(&c->shared->mu, NULL);
    c->shared->src = src;
    c->shared->creds = first;
    c->shared->gen = 1;

    if (!c->region && c->endpoint) {
        /* a local endpoint (kinesalite, a VPC endpoint given whole) still
         * needs a region to sign with: the one AWS tools default to */
        c->region = mem_strdup("us-east-1");
    } else if (!c->region) {
        snprintf(why, whylen, "no AWS region: add ?region=NAME, or set AWS_REGION, or region in profile \"%s\" of %s",
                 c->profile, conf_file ? conf_file : "~/.aws/config");
        goto done;
    }
    if (!c->endpoint) {
        size_t n = strlen(service) + strlen(c->region) + 40;
        c->endpoint = mem_alloc(n);
        bool china = strncmp(c->region, "cn-", 3) == 0;
        snprintf(c->endpoint, n, "https://%s.%s.amazonaws.com%s", service, c->region, china ? ".cn" : "");
    }
    ok = true;
done:
    mem_free(cred_file);
    mem_free(conf_file);
    if (!ok) io_aws_free(c);
    return ok;
}

void io_aws_free(AwsConfig *c)
{
    if (c->shared) {
        io_aws_creds_clear(&c->shared->creds);
        io_aws_source_free(c->shared->src);
        pthread_mutex_destroy(&c->shared->mu);
        mem_free(c->shared);
    }
    mem_free(c->region);
    mem_free(c->endpoint);
    mem_free(c->profile);
    memset(c, 0, sizeof *c);
}
