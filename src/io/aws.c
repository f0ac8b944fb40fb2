/* AWS credentials, region and endpoint, as the AWS CLI and SDKs find
 * them (only the static kinds: keys in the environment or in the shared
 * files; SSO, credential_process and instance roles are not read). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws.h"
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

static void clear_free(char *s)
{
    if (!s) return;
    memset(s, 0, strlen(s));
    mem_free(s);
}

/* The keys of the profile: the credentials file's [NAME] first, then the
 * config file's [profile NAME] ([default] for the default profile). */
static bool profile_keys(AwsConfig *c, const char *cred_file, const char *conf_file, const char *conf_section)
{
    const char *files[2] = {cred_file, conf_file};
    const char *sections[2] = {c->profile, conf_section};
    for (int i = 0; i < 2; i++) {
        char *id = ini_get(files[i], sections[i], "aws_access_key_id");
        if (!id) continue;
        c->access_key = id;
        c->secret_key = ini_get(files[i], sections[i], "aws_secret_access_key");
        c->session_token = ini_get(files[i], sections[i], "aws_session_token");
        snprintf(c->creds_where, sizeof c->creds_where, "profile %s in %s", c->profile, files[i]);
        c->creds_from = c->creds_where;
        return true;
    }
    return false;
}

bool io_aws_load(AwsConfig *c, const char *service, const char *region, const char *endpoint, char *why,
                 size_t whylen)
{
    memset(c, 0, sizeof *c);
    const char *prof = env("AWS_PROFILE") ? env("AWS_PROFILE") : env("AWS_DEFAULT_PROFILE");
    c->profile = mem_strdup(prof ? prof : "default");
    char *cred_file = shared_file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    char *conf_file = shared_file("AWS_CONFIG_FILE", "config");
    char conf_section[300];
    if (strcmp(c->profile, "default") == 0) snprintf(conf_section, sizeof conf_section, "default");
    else snprintf(conf_section, sizeof conf_section, "profile %s", c->profile);

    bool ok = false;
    if (env("AWS_ACCESS_KEY_ID") && env("AWS_SECRET_ACCESS_KEY")) {
        c->access_key = mem_strdup(env("AWS_ACCESS_KEY_ID"));
        c->secret_key = mem_strdup(env("AWS_SECRET_ACCESS_KEY"));
        c->session_token = dup_or_null(env("AWS_SESSION_TOKEN"));
        c->creds_from = "the environment (AWS_ACCESS_KEY_ID)";
    } else if (!profile_keys(c, cred_file, conf_file, conf_section)) {
        snprintf(why, whylen,
                 "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile \"%s\" "
                 "aws_access_key_id and aws_secret_access_key in %s (AWS_PROFILE names another profile)",
                 c->profile, cred_file ? cred_file : "~/.aws/credentials");
        goto done;
    } else if (!c->secret_key) {
        snprintf(why, whylen, "%s has aws_access_key_id but no aws_secret_access_key", c->creds_from);
        goto done;
    }

    if (region && *region) c->region = mem_strdup(region);
    else if (env("AWS_REGION")) c->region = mem_strdup(env("AWS_REGION"));
    else if (env("AWS_DEFAULT_REGION")) c->region = mem_strdup(env("AWS_DEFAULT_REGION"));
    else c->region = ini_get(conf_file, conf_section, "region");

    char var[64];
    snprintf(var, sizeof var, "AWS_ENDPOINT_URL_%s", service);
    for (char *p = var; *p; p++) *p = (char)toupper((unsigned char)*p);
    if (endpoint && *endpoint) c->endpoint = mem_strdup(endpoint);
    else if (env(var)) c->endpoint = mem_strdup(env(var));
    else if (env("AWS_ENDPOINT_URL")) c->endpoint = mem_strdup(env("AWS_ENDPOINT_URL"));
    else c->endpoint = ini_get(conf_file, conf_section, "endpoint_url");

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
    clear_free(c->access_key);
    clear_free(c->secret_key);
    clear_free(c->session_token);
    mem_free(c->region);
    mem_free(c->endpoint);
    mem_free(c->profile);
    memset(c, 0, sizeof *c);
}
