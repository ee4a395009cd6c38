/* extract-util.h: shared helpers of the extractor unit tests (header only):
 * run the extractor on a text as a given article, count facts. */
#ifndef DG_EXTRACT_UTIL_H
#define DG_EXTRACT_UTIL_H

#include <stdio.h>
#include <string.h>

#include "extract/extract.h"

/* Extracts text as the article KEY (file KEY.txt).  Returns new facts the
 * caller frees with dg_facts_free, or NULL (the error printed as a TAP
 * comment). */
static inline struct dg_facts *
dg_test_extract(struct dg_extractor *x, const char *key, const char *text)
{
    char source[64];
    struct dg_facts *f = dg_facts_new();
    snprintf(source, sizeof source, "%s.txt", key);
    struct dg_extract_opts o = {.key = key, .source_file = source};
    struct dg_error err;
    dg_error_clear(&err);
    if (dg_extract_article(x, text, strlen(text), &o, f, NULL, &err) < 0) {
        printf("# extract: %s\n", err.msg);
        dg_facts_free(f);
        return NULL;
    }
    return f;
}

/* Number of triples with predicate p (and subject s unless NULL). */
static inline size_t
dg_test_count(const struct dg_facts *f, const char *s, const char *p)
{
    size_t n = 0;
    for (size_t i = 0; f && i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        n += (!s || strcmp(t->s, s) == 0) && strcmp(t->p, p) == 0;
    }
    return n;
}

#endif /* DG_EXTRACT_UTIL_H */
