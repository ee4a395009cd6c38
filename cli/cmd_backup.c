/* cmd_backup.c: diplograph backup: a compacted copy of an lmdb store. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/store/store.h"

static const char usage_line[] = "usage: diplograph backup [--store SPEC] DIR";

int
cmd_backup(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *store_opt = NULL;
    unsigned long long bytes = 0;
    struct dg_error err = {0, ""};
    struct dg_store *st;
    int c, rc;

    optind = 1;
    while ((c = dg_cli_getopt(argc, argv, "h", longopts)) != -1) {
        switch (c) {
        case 's': store_opt = optarg; break;
        case 'h':
            printf("%s\n\nCopies the store (an lmdb store) to DIR, which must "
                   "not exist or be\nempty: a consistent snapshot, compacted "
                   "(free pages left out), safe\nwhile a build writes.  DIR "
                   "is then a store: --store DIR reads it.\n",
                   usage_line);
            return DG_EXIT_OK;
        default: return dg_cli_bad_option(usage_line, "h", argv);
        }
    }
    if (optind != argc - 1)
        return dg_cli_usage_error(
            usage_line, optind >= argc ? "backup: no directory given"
                                       : "backup: one directory expected");
    st = dg_store_open(dg_cli_store_spec(store_opt), DG_STORE_READ_ONLY, NULL,
                       &err);
    if (!st)
        return dg_cli_fail(&err);
    rc = dg_store_backup(st, argv[optind], &bytes, &err);
    dg_store_free(st);
    if (rc < 0)
        return dg_cli_fail(&err);
    if (dg_verbosity > 0)
        fprintf(stderr, "diplograph: backed up '%s' to '%s' (%llu byte%s)\n",
                dg_cli_store_spec(store_opt), argv[optind], bytes,
                dg_cli_s(bytes));
    return DG_EXIT_OK;
}
