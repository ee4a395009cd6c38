/* test-facts.c: the triple set of extract/facts.h */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "extract/facts.h"
#include "tap.h"

int
main(void)
{
    struct dg_facts *f = dg_facts_new();
    ok(f != NULL, "new facts");
    is_int((long)dg_facts_count(f), 0, "empty at first");
    dg_facts_add_iri(f, "http://e/s", "http://e/p", "http://e/o");
    dg_facts_add_iri(f, "http://e/s", "http://e/p", "http://e/o");
    is_int((long)dg_facts_count(f), 1, "a triple added twice is stored once");
    dg_facts_add_lit(f, "http://e/s", "http://e/p", "http://e/o", NULL);
    is_int((long)dg_facts_count(f), 2, "a literal differs from an IRI");
    dg_facts_add_lit(f, "http://e/s", "http://e/p", "x", "http://dt");
    dg_facts_add_lit(f, "http://e/s", "http://e/p", "x", NULL);
    is_int((long)dg_facts_count(f), 4, "typed and plain literals differ");
    dg_facts_add_int(f, "http://e/s", "http://e/n", 42);
    const struct dg_triple *t = dg_facts_get(f, 4);
    ok(t && !t->o_is_iri, "integer is a literal");
    is_str(t ? t->o : NULL, "42", "integer lexical form");
    is_str(t ? t->dt : NULL, "http://www.w3.org/2001/XMLSchema#integer",
           "integer datatype");
    ok(dg_facts_has(f, "http://e/s", "http://e/p", "http://e/o", 1),
       "has finds an IRI triple");
    ok(!dg_facts_has(f, "http://e/s", "http://e/p", "http://e/zzz", 1),
       "has does not find an absent triple");
    ok(dg_facts_get(f, 99) == NULL, "out of range get is NULL");

    /* many triples: growth of the arena and of the hash */
    char buf[64];
    for (int i = 0; i < 20000; i++) {
        snprintf(buf, sizeof buf, "http://e/s%d", i % 10000);
        dg_facts_add_iri(f, buf, "http://e/p", "http://e/o");
    }
    is_int((long)dg_facts_count(f), 5 + 10000, "10000 distinct of 20000 adds");

    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    dg_facts_clear(f);
    dg_facts_add_lit(f, "http://e/s", "http://e/p", "a \"q\"\n\\", NULL);
    ok(dg_facts_write_ntriples(f, fp) == 0, "writes N-Triples");
    fclose(fp);
    is_str(mem, "<http://e/s> <http://e/p> \"a \\\"q\\\"\\n\\\\\" .\n",
           "N-Triples escaping");
    free(mem);
    dg_facts_free(f);
    dg_facts_free(NULL);
    ok(1, "free(NULL) is safe");
    return tap_done();
}
