/* extract-bench.c: extraction-only throughput, without a store or a CLI.
 *
 * usage: extract-bench DATADIR < LIST
 *
 * Reads every article named in LIST (one path a line) into memory first, then
 * times one loop of dg_extract_article() over all of them with one extractor,
 * on one thread, exactly as `diplograph build` calls it (same options, the
 * facts cleared between articles), and prints one line of key=value pairs on
 * stdout:
 *
 *   articles= sentences= triples= bytes= wall_s= cpu_s=
 *
 * wall_s is CLOCK_MONOTONIC around the loop, cpu_s is the process CPU
 * time (CLOCK_PROCESS_CPUTIME_ID) of the loop; reading the files and
 * loading the lexicon are not counted.  bench/run.sh compiles this against
 * the libdiplograph.a of the build (it is not part of `make`). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"
#include "extract/facts.h"

struct article {
    char *text;
    size_t len;
    char key[256];
    char *path;
};

static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, fp) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

static double
seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    struct dg_error err = {0, ""};
    if (argc != 2) {
        fputs("usage: extract-bench DATADIR < LIST\n", stderr);
        return 2;
    }
    size_t n = 0, cap = 0, bytes = 0;
    struct article *arts = NULL;
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0])
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            struct article *na = realloc(arts, cap * sizeof *arts);
            if (!na)
                return 1;
            arts = na;
        }
        memset(&arts[n], 0, sizeof arts[n]);
        if (!(arts[n].path = strdup(line)))
            return 1;
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        const char *path = arts[i].path;
        const char *b = strrchr(path, '/');
        b = b ? b + 1 : path;
        size_t kl = strlen(b);
        if (kl > 4 && !strcmp(b + kl - 4, ".txt"))
            kl -= 4;
        snprintf(arts[i].key, sizeof arts[i].key, "%.*s", (int)kl, b);
        if (!(arts[i].text = slurp(path, &arts[i].len))) {
            fprintf(stderr, "extract-bench: cannot read '%s'\n", path);
            return 1;
        }
        bytes += arts[i].len;
    }
    struct dg_extractor *x = dg_extract_new(argv[1], &err);
    struct dg_facts *facts = dg_facts_new();
    if (!x || !facts) {
        fprintf(stderr, "extract-bench: %s\n", err.msg);
        return 1;
    }
    const char *base = "https://w3id.org/diplograph/id/";
    const char *run = "https://w3id.org/diplograph/id/run/2026-01-01T00:00:00Z";
    size_t sentences = 0, triples = 0, failed = 0;
    double w0 = seconds(CLOCK_MONOTONIC);
    double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t i = 0; i < n; i++) {
        struct dg_extract_opts opts = {
            base,   arts[i].key, arts[i].path, run, "2026-01-01T00:00:00Z",
            "bench"};
        struct dg_extract_stats st = {0, 0};
        dg_facts_clear(facts);
        if (dg_extract_article(x, arts[i].text, arts[i].len, &opts, facts, &st,
                               &err) < 0) {
            failed++;
            continue;
        }
        sentences += st.sentences;
        triples += dg_facts_count(facts);
    }
    double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    double wall = seconds(CLOCK_MONOTONIC) - w0;
    printf("articles=%zu failed=%zu sentences=%zu triples=%zu bytes=%zu "
           "wall_s=%.6f cpu_s=%.6f\n",
           n - failed, failed, sentences, triples, bytes, wall, cpu);
    dg_facts_free(facts);
    dg_extract_free(x);
    for (size_t i = 0; i < n; i++) {
        free(arts[i].text);
        free(arts[i].path);
    }
    free(arts);
    return ferror(stdout) ? 1 : 0;
}
