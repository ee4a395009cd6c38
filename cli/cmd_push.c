/* cmd_push.c: diplograph push: send the store's graphs to a SPARQL 1.1
 * Graph Store endpoint (graph/remote.h). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/file.h"
#include "graph/remote.h"
#include "graph/store/store.h"

#define PUSH_RETRIES 3
#define PUSH_BACKOFF_MS 500L
#define PUSH_TIMEOUT_MS 300000L
#define STATE_FILE "push-state.tsv"

static const char usage_line[] =
    "usage: diplograph push [--store SPEC] --endpoint URL [--graph-store URL]\n"
    "                       [--auth FILE] [--all] [--retries N] "
    "[--timeout MS]";

/* The Graph Store URL beside a SPARQL endpoint: .../sparql gives
 * .../store (diplograph serve), anything else itself.  Caller frees. */
static char *
store_url_of(const char *endpoint)
{
    size_t n = strlen(endpoint), k = strlen("/sparql");
    char *url = malloc(n + 1);
    if (!url)
        return NULL;
    memcpy(url, endpoint, n + 1);
    if (n > k && !strcmp(endpoint + n - k, "/sparql"))
        memcpy(url + n - k, "/store", sizeof "/store");
    return url;
}

static void
progress(void *ctx, const char *graph, int what, size_t triples)
{
    (void)ctx;
    dg_cli_note(2, "%s '%s' (%zu triple%s)",
                what == DG_PUSH_CREATED    ? "created"
                : what == DG_PUSH_REPLACED ? "replaced"
                                           : "unchanged",
                graph, triples, dg_cli_s(triples));
}

int
cmd_push(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"endpoint", required_argument, NULL, 'E'},
        {"graph-store", required_argument, NULL, 'G'},
        {"auth", required_argument, NULL, 'a'},
        {"all", no_argument, NULL, 'A'},
        {"retries", required_argument, NULL, 'r'},
        {"timeout", required_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *endpoint = NULL, *gsp = NULL;
    const char *auth_file = NULL;
    char *auth = NULL, *store_url = NULL, state_path[1200];
    int c, status = DG_EXIT_FAIL, all = 0;
    long retries = PUSH_RETRIES, timeout = PUSH_TIMEOUT_MS;
    struct dg_error err = {0, ""};
    struct dg_store *st = NULL;
    struct dg_remote *rm = NULL;
    struct dg_store_spec spec;
    struct dg_push_stats sum;

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'E': endpoint = optarg; break;
        case 'G': gsp = optarg; break;
        case 'a': auth_file = optarg; break;
        case 'A': all = 1; break;
        case 'r':
            if (dg_cli_parse_long(optarg, &retries) < 0 || retries > 20)
                return dg_cli_usage_error(
                    usage_line, "push: --retries takes 0 to 20, not '%s'",
                    optarg);
            break;
        case 'T':
            if (dg_cli_parse_long(optarg, &timeout) < 0)
                return dg_cli_usage_error(
                    usage_line, "push: --timeout takes milliseconds, not '%s'",
                    optarg);
            break;
        case 'h':
            printf(
                "%s\n\nSends every named graph of the store (the ontology's "
                "aside) to a SPARQL 1.1\nGraph Store endpoint with HTTP PUT, "
                "as N-Triples: a push is idempotent and a\ngraph rebuilt "
                "replaces its old self on the server.  Only the graphs "
                "changed\nsince the last push to the same Graph Store URL "
                "are sent (their hashes are\nkept in %s in the store's "
                "directory); --all sends every graph.\n--endpoint URL is "
                "the server's SPARQL endpoint; its Graph Store is\n"
                "--graph-store URL, else the endpoint with a final /sparql "
                "made /store\n(diplograph serve), else the endpoint itself.\n"
                "--auth FILE: its first line is 'Bearer TOKEN' (sent as "
                "the Authorization\nheader) or USER:PASSWORD (HTTP basic "
                "auth).\nA failed connection, a timeout or an answer 5xx is "
                "tried again --retries N\ntimes (default %d), waiting %ld ms, "
                "then twice as long each time.\n--timeout MS bounds each "
                "request (default %ld, 0: none).\nThe summary goes to "
                "standard error; -v names each graph.\n",
                usage_line, STATE_FILE, PUSH_RETRIES, PUSH_BACKOFF_MS,
                PUSH_TIMEOUT_MS);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind != argc)
        return dg_cli_usage_error(usage_line, "push: unexpected argument '%s'",
                                  argv[optind]);
    if (!endpoint || !*endpoint)
        return dg_cli_usage_error(usage_line, "push: give --endpoint URL");
    if (dg_store_spec_parse(dg_cli_store_spec(store_opt), &spec, &err) < 0)
        return dg_cli_fail(&err);
    if (!(store_url = gsp ? strdup(gsp) : store_url_of(endpoint))) {
        dg_cli_error("out of memory");
        goto out;
    }
    if (auth_file &&
        !(auth = dg_cli_read_secret(auth_file, DG_SECRET_REMOTE, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    struct dg_remote_opts ro = {auth, (int)retries, PUSH_BACKOFF_MS, timeout};
    if (!(rm = dg_remote_new(&ro, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    if (!(st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ, NULL,
                             &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    /* the state lives beside the data of the stores that have a
     * directory; the others send every graph each time */
    state_path[0] = '\0';
    if (spec.path[0])
        snprintf(state_path, sizeof state_path, "%s/%s", spec.path, STATE_FILE);
    else
        dg_cli_note(2, "a '%s' store keeps no push state: every graph is sent",
                    spec.kind);
    struct dg_push_opts po = {store_url, state_path[0] ? state_path : NULL, all,
                              progress, NULL};
    if (dg_remote_push(rm, st, &po, &sum, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    dg_cli_note(1,
                "pushed %zu graph%s to '%s': %zu sent (%zu created, %zu "
                "replaced, %zu triple%s), %zu unchanged",
                sum.graphs, dg_cli_s(sum.graphs), store_url,
                sum.created + sum.replaced, sum.created, sum.replaced,
                sum.triples, dg_cli_s(sum.triples), sum.unchanged);
    status = DG_EXIT_OK;
out:
    dg_store_free(st);
    dg_remote_free(rm);
    dg_file_free_secret(auth);
    free(store_url);
    return status;
}
