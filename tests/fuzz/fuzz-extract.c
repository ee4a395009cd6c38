/* fuzz-extract.c: libFuzzer target for the article reader and the
 * extractor (extract/): any bytes as an article file, as `diplograph
 * extract` and `build` read one.  The lexicons are loaded once, from
 * DIPLOGRAPH_DATADIR or the source tree's extract/data. */
#include "config.h"

#include "common/ns.h"
#include "extract/extract.h"
#include "extract/facts.h"
#include "tests/fuzz/fuzz-util.h"

static struct dg_extractor *extractor;
static struct dg_facts *facts;

/* 1 when s is well-formed UTF-8 (no overlongs, surrogates or code points
 * past U+10FFFF): every string the extractor emits must be */
static int
utf8_ok(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned c = *s++, n, cp;
        if (c < 0x80)
            continue;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return 0;
        for (unsigned i = 0; i < n; i++, s++) {
            if ((*s & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (*s & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
    }
    return 1;
}

/* 1 when iri is absolute and has none of the characters that RDF's
 * IRIREF excludes (space, controls, <>"{}|^`\) */
static int
iri_ok(const char *iri)
{
    const char *colon = strchr(iri, ':');
    if (!colon || colon == iri)
        return 0;
    for (const unsigned char *s = (const unsigned char *)iri; *s; s++)
        if (*s <= 0x20 || strchr("<>\"{}|^`\\", *s))
            return 0;
    return utf8_ok(iri);
}

/* Every triple well-formed; aborts (a finding) on the first that is not,
 * after printing it. */
static void
check_facts(void)
{
    for (size_t i = 0; i < dg_facts_count(facts); i++) {
        const struct dg_triple *t = dg_facts_get(facts, i);
        if (iri_ok(t->s) && iri_ok(t->p) &&
            (t->o_is_iri ? iri_ok(t->o) : utf8_ok(t->o)) &&
            (!t->dt || iri_ok(t->dt)))
            continue;
        fprintf(stderr, "fuzz-extract: bad triple <%s> <%s> '%s'\n", t->s, t->p,
                t->o);
        abort();
    }
}
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct dg_error err = {0, ""};
    char buf[4096];
    const char *dir = getenv("DIPLOGRAPH_DATADIR");
    (void)argc;
    (void)argv;
    if (!dir || !*dir)
        dir = fuzz_src_path(buf, sizeof buf, "extract/data");
    if (!(extractor = dg_extract_new(dir, &err)) || !(facts = dg_facts_new())) {
        fprintf(stderr, "fuzz-extract: cannot load '%s': %s\n", dir, err.msg);
        exit(1);
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dg_error err = {0, ""};
    struct dg_extract_opts opts = {
        DG_BASE_DEFAULT,        "fuzz",
        "seeds/fuzz.txt",       "urn:diplograph:run:1",
        "2026-01-01T00:00:00Z", "0"};
    struct dg_extract_stats st = {0, 0};
    dg_facts_clear(facts);
    /* the text is not NUL-terminated: a read past its end is a finding */
    if (dg_extract_article(extractor, (const char *)data, size, &opts, facts,
                           &st, &err) < 0) {
        if (!err.code || !err.msg[0] || dg_facts_count(facts))
            abort(); /* an error must say why and add nothing */
        return 0;
    }
    if (st.triples != dg_facts_count(facts))
        abort();
    check_facts();
    dg_facts_write_ntriples(facts, fuzz_devnull());
    return 0;
}
