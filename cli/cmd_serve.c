/* cmd_serve.c: diplograph serve: the store over the SPARQL 1.1 Protocol
 * and the Graph Store HTTP Protocol (graph/server.c), until SIGINT or
 * SIGTERM. */
#include "config.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/file.h"
#include "graph/server.h"
#include "graph/store/store.h"

#define SERVE_TIMEOUT_MS 30000L
#define SERVE_MAX_ROWS 1000000L
#define SERVE_MAX_BODY (16UL * 1024 * 1024)
#define SERVE_MAX_RESULT (256UL * 1024 * 1024)

static const char usage_line[] =
    "usage: diplograph serve [--store SPEC] [--bind ADDR:PORT] [--read-only]\n"
    "                        [--timeout MS] [--max-rows N] [--max-body BYTES]\n"
    "                        [--max-result BYTES] [--threads N]\n"
    "                        [--token-file FILE | --auth-file FILE]";

/* one line per request on stderr; fprintf locks stderr for the line */
static void
log_line(void *ctx, const char *line)
{
    (void)ctx;
    if (dg_verbosity >= 1)
        fprintf(stderr, "diplograph: serve: %s\n", line);
}

static int
parse_size(const char *arg, size_t *out)
{
    long v;
    if (dg_cli_parse_long(arg, &v) < 0)
        return -1;
    *out = (size_t)v;
    return 0;
}

int
cmd_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"bind", required_argument, NULL, 'b'},
        {"read-only", no_argument, NULL, 'r'},
        {"timeout", required_argument, NULL, 'T'},
        {"max-rows", required_argument, NULL, 'R'},
        {"max-body", required_argument, NULL, 'B'},
        {"max-result", required_argument, NULL, 'M'},
        {"threads", required_argument, NULL, 'j'},
        {"token-file", required_argument, NULL, 't'},
        {"auth-file", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL, *token_file = NULL, *auth_file = NULL;
    struct dg_server_opts so;
    struct dg_error err = {0, ""};
    struct dg_store *st = NULL;
    struct dg_server *srv = NULL;
    char *token = NULL, *auth = NULL;
    int c, status = DG_EXIT_FAIL;
    long threads = 0;

    memset(&so, 0, sizeof so);
    so.timeout_ms = SERVE_TIMEOUT_MS;
    so.max_rows = SERVE_MAX_ROWS;
    so.max_body = SERVE_MAX_BODY;
    so.max_result = SERVE_MAX_RESULT;
    so.log = log_line;
    so.log_running = dg_verbosity >= 2;
    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'b': so.bind = optarg; break;
        case 'r': so.read_only = 1; break;
        case 'T':
            if (dg_cli_parse_long(optarg, &so.timeout_ms) < 0)
                return dg_cli_usage_error(
                    usage_line, "serve: --timeout takes milliseconds, not '%s'",
                    optarg);
            break;
        case 'R':
            if (dg_cli_parse_long(optarg, &so.max_rows) < 0)
                return dg_cli_usage_error(
                    usage_line, "serve: --max-rows takes a count, not '%s'",
                    optarg);
            break;
        case 'B':
            if (parse_size(optarg, &so.max_body) < 0)
                return dg_cli_usage_error(
                    usage_line, "serve: --max-body takes bytes, not '%s'",
                    optarg);
            break;
        case 'M':
            if (parse_size(optarg, &so.max_result) < 0)
                return dg_cli_usage_error(
                    usage_line, "serve: --max-result takes bytes, not '%s'",
                    optarg);
            break;
        case 'j':
            if (dg_cli_parse_long(optarg, &threads) < 0 || threads < 1 ||
                threads > 256)
                return dg_cli_usage_error(
                    usage_line, "serve: --threads takes 1 to 256, not '%s'",
                    optarg);
            so.threads = (unsigned)threads;
            break;
        case 't': token_file = optarg; break;
        case 'a': auth_file = optarg; break;
        case 'h':
            printf("%s\n\n"
                   "Serves the store over HTTP until SIGINT or SIGTERM:\n"
                   "  /        a page with a query box\n"
                   "  /sparql  SPARQL 1.1 Protocol: ?query= by GET, or POST "
                   "(form-encoded or\n"
                   "           application/sparql-query); SELECT and ASK as "
                   "JSON, XML, CSV\n"
                   "           or TSV, CONSTRUCT and DESCRIBE as Turtle or "
                   "N-Triples, by the\n"
                   "           Accept header or ?format=\n"
                   "  /store   SPARQL 1.1 Graph Store HTTP Protocol: GET, "
                   "HEAD, PUT, POST,\n"
                   "           DELETE of ?graph=IRI or ?default (each write "
                   "one transaction)\n"
                   "SPARQL Update is refused (501).\n"
                   "--bind ADDR:PORT (default %s, loopback; port 0: a free "
                   "one,\nlogged).  --read-only refuses writes (405).\n"
                   "--token-file FILE: writes need 'Authorization: Bearer "
                   "TOKEN', TOKEN the\nfirst line of FILE; --auth-file "
                   "FILE: HTTP basic auth with USER:PASSWORD\nfrom FILE "
                   "(secrets are never taken from the command line).\n"
                   "--timeout MS (default %ld) and --max-rows N (default "
                   "%ld) bound each\nquery (503 past them); --max-body BYTES "
                   "(default %lu) each request\nbody (413); --max-result "
                   "BYTES (default %lu) each answer (503).\n"
                   "--threads N (default %d): queries computed at once (more "
                   "wait for one to end;\nwrites never wait for queries).\n"
                   "Each request is logged on stderr (with -v, also when "
                   "its store work begins).\n",
                   usage_line, DG_SERVER_DEFAULT_BIND, SERVE_TIMEOUT_MS,
                   SERVE_MAX_ROWS, SERVE_MAX_BODY, SERVE_MAX_RESULT,
                   DG_SERVER_DEFAULT_THREADS);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind != argc)
        return dg_cli_usage_error(usage_line, "serve: unexpected argument '%s'",
                                  argv[optind]);
    if (token_file && auth_file)
        return dg_cli_usage_error(usage_line,
                                  "serve: give --token-file or --auth-file, "
                                  "not both");
    if (token_file &&
        !(token = dg_cli_read_secret(token_file, DG_SECRET_TOKEN, &err)))
        return dg_cli_fail(&err);
    if (auth_file &&
        !(auth = dg_cli_read_secret(auth_file, DG_SECRET_USERPASS, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    so.bearer_token = token;
    so.basic_auth = auth;

    const char *spec = dg_cli_store_spec(store_opt);
    if (!(st = dg_store_open(spec,
                             so.read_only ? DG_STORE_READ : DG_STORE_CREATE,
                             dg_cli_ontology(), &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    /* the server's threads inherit this mask: only this thread takes the
     * signals, in sigwait */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!(srv = dg_server_start(st, &so, &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    dg_cli_note(1, "serving '%s' at %s%s%s", dg_store_name(st),
                dg_server_url(srv), so.read_only ? " (read-only)" : "",
                token || auth ? " (writes need credentials)" : "");
    const char *url = dg_server_url(srv);
    if (!so.read_only && !token && !auth && strncmp(url, "http://127.", 11) &&
        strncmp(url, "http://[::1]", 12))
        dg_cli_warn("anyone who reaches %s may write to the store: use "
                    "--token-file, --auth-file or --read-only",
                    url);
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    dg_cli_note(1, "stopping on signal %d", sig);
    dg_server_stop(srv);
    srv = NULL;
    if (dg_store_sync(st, &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    status = DG_EXIT_OK;
out:
    dg_server_stop(srv);
    dg_store_free(st);
    dg_file_free_secret(token);
    dg_file_free_secret(auth);
    return status;
}
