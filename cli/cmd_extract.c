/* cmd_extract.c: diplograph extract: an article's facts as N-Triples,
 * without a store (to inspect what the extractor finds). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/output.h"
#include "common/iri.h"
#include "common/ns.h"
#include "extract/extract.h"
#include "extract/html.h"

static const char usage_line[] =
    "usage: diplograph extract [--base IRI] [--key KEY] FILE";

int
cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"base", required_argument, NULL, 'b'},
        {"key", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *base = DG_BASE_DEFAULT, *key_opt = NULL;
    struct dg_error err = {0, ""};
    int c, status = DG_EXIT_FAIL;
    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "h", longopts)) != -1) {
        switch (c) {
        case 'b':
            if (dg_iri_check(optarg, &err) < 0)
                return dg_cli_usage_error(usage_line, "extract: --base %s",
                                          err.msg);
            base = optarg;
            break;
        case 'k': key_opt = optarg; break;
        case 'h':
            printf(
                "%s\n\nPrints the facts extracted from one article (FILE, or "
                "- for stdin;\na web page is read as `build` reads it) "
                "as N-Triples on stdout; the\nstore is not touched.\n",
                usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind + 1 != argc)
        return dg_cli_usage_error(usage_line, "extract: give one FILE");
    const char *path = argv[optind];
    char key[512];
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b), sfx = 0;
    if (n > 4 && !strcmp(b + n - 4, ".txt"))
        n -= 4;
    else if (dg_html_has_suffix(b, &sfx))
        n -= sfx;
    snprintf(key, sizeof key, "%.*s", (int)n, key_opt ? key_opt : b);
    if (key_opt)
        snprintf(key, sizeof key, "%s", key_opt);
    else if (!strcmp(path, "-"))
        snprintf(key, sizeof key, "stdin");

    size_t len = 0;
    char *text = NULL;
    struct dg_extractor *x = NULL;
    struct dg_facts *facts = dg_facts_new();
    if (!facts) {
        dg_cli_error("out of memory");
        goto out;
    }
    if (!(text = dg_cli_read_file(path, DG_EXTRACT_MAX_BYTES, 0, &len, &err)) ||
        !(x = dg_extract_new(dg_cli_datadir(), &err))) {
        status = dg_cli_fail(&err);
        goto out;
    }
    struct dg_html_stats hs;
    int html = 0;
    if (dg_html_article(&text, &len, strcmp(path, "-") ? path : NULL, NULL,
                        NULL, &html, &hs, &err) < 0) {
        dg_cli_error("'%s': %s", path, err.msg);
        goto out;
    }
    if (html)
        dg_cli_html_note(path, &hs);
    struct dg_extract_opts opts = {base, key,  path,
                                   NULL, NULL, PACKAGE_VERSION};
    if (dg_extract_article(x, text, len, &opts, facts, NULL, &err) < 0) {
        dg_cli_error("'%s': %s", path, err.msg);
        goto out;
    }
    struct dg_output o;
    FILE *fp = dg_output_open(&o, "-", &err);
    if (!fp ||
        dg_output_finish(&o, dg_facts_write_ntriples(facts, fp), &err) < 0) {
        status = dg_cli_fail(&err);
        goto out;
    }
    status = DG_EXIT_OK;
out:
    free(text);
    dg_extract_free(x);
    dg_facts_free(facts);
    return status;
}
