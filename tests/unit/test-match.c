/* test-match.c: the token trie, the lexicon and entity matching */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "common/ns.h"
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "extract/match.h"
#include "extract/words.h"
#include "extract-util.h"
#include "tap.h"

#define DATA DG_SRCDIR "/tests/unit/data"
#define ID DG_BASE_DEFAULT

static struct dg_facts *
extract(struct dg_extractor *x, const char *text)
{
    return dg_test_extract(x, "t1", text);
}

static int
has_type(const struct dg_facts *f, const char *iri, const char *cls)
{
    return dg_facts_has(f, iri, DG_RDF_TYPE, cls, 1);
}

static size_t
count_type(const struct dg_facts *f, const char *cls)
{
    size_t n = 0;
    for (size_t i = 0; i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        n += strcmp(t->p, DG_RDF_TYPE) == 0 && strcmp(t->o, cls) == 0;
    }
    return n;
}

static size_t
trie_match(const struct dg_trie *tr, const char *text, int *v)
{
    struct dg_tokens *t = dg_tokens_new(text, 0, strlen(text));
    size_t n = dg_trie_match(tr, dg_tokens_get(t), 0, dg_tokens_count(t), 0, v);
    dg_tokens_free(t);
    return n;
}

/* The same with the text's tokens tagged with words (their ids). */
static size_t
trie_match_in(const struct dg_trie *tr, const struct dg_words *words,
              const char *text, int *v)
{
    struct dg_tokens *t = dg_tokens_new_in(text, 0, strlen(text), words);
    size_t n = dg_trie_match(tr, dg_tokens_get(t), 0, dg_tokens_count(t), 0, v);
    dg_tokens_free(t);
    return n;
}

/* Two tries sharing one word table; tagged tokens match as untagged. */
static void
test_shared_words(void)
{
    struct dg_words *w = dg_words_new();
    struct dg_trie *a = dg_trie_new_in(w), *b = dg_trie_new_in(w);
    int v = -1;

    dg_trie_add(a, "Ministry of Defence", 1);
    dg_trie_add(a, "WHO", 2);
    dg_trie_add(b, "defence minister", 3);
    is_int(dg_words_find(w, "ministry", dg_hash_str("ministry")), 0,
           "words are numbered in the order first seen");
    is_int(dg_words_find(w, "minister", dg_hash_str("minister")), 4,
           "  ... across the tries that share the table");
    is_int(dg_words_find(w, "navy", dg_hash_str("navy")), -1,
           "a word no phrase has is not in the table");
    is_int(dg_words_intern(w, "defence", dg_hash_str("defence")), 2,
           "interning a known word gives its id");

    struct dg_tokens *t = dg_tokens_new_in("the Defence navy", 0, 16, w);
    const struct dg_token *x = dg_tokens_get(t);
    ok(x[1].words == w && x[1].word == 3, "a tagged token carries id + 1");
    ok(x[2].words == w && x[2].word == 0, "  ... 0 when not in the table");
    dg_tokens_free(t);

    is_int((long)trie_match_in(a, w, "Ministry of Defence said", &v), 3,
           "tagged tokens match by id");
    is_int(v, 1, "  ... with the phrase's value");
    is_int((long)trie_match_in(b, w, "Defence Minister Ng", &v), 2,
           "  ... in every trie of the table");
    is_int((long)trie_match_in(a, w, "who said", &v), 0,
           "  ... and the case rules still hold ('who' is not WHO)");
    is_int((long)trie_match_in(a, w, "Defence Minister", &v), 0,
           "  ... only the trie's own phrases match");

    struct dg_trie *own = dg_trie_new();
    dg_trie_add(own, "Defence Minister", 4);
    is_int((long)trie_match_in(own, w, "Defence Minister Ng", &v), 2,
           "tokens tagged with another table match by their words");
    is_int(v, 4, "  ... with the phrase's value");
    is_int((long)trie_match(a, "Ministry of Defence", &v), 3,
           "untagged tokens match a shared trie");
    dg_trie_free(own);
    dg_trie_free(a);
    dg_trie_free(b);
    dg_words_free(w);
    dg_words_free(NULL);
}

int
main(void)
{
    struct dg_error err;
    struct dg_trie *tr = dg_trie_new();
    int v = -1;

    /* the trie */
    dg_trie_add(tr, "Viet Nam", 1);
    dg_trie_add(tr, "South China Sea", 2);
    dg_trie_add(tr, "China", 3);
    dg_trie_add(tr, "WHO", 4);
    is_int(dg_trie_add(tr, "china", 9), 1,
           "a phrase added twice keeps its value");
    is_int((long)trie_match(tr, "Vi\xe1\xbb\x87t Nam said", &v), 2,
           "diacritics are folded");
    is_int((long)trie_match(tr, "South China Sea issue", &v), 3,
           "longest match");
    is_int(v, 2, "the longest phrase's value");
    is_int((long)trie_match(tr, "china", &v), 0,
           "lowercase does not match a name");
    is_int((long)trie_match(tr, "who said", &v), 0, "'who' is not WHO");
    is_int((long)trie_match(tr, "WHO said", &v), 1, "WHO matches WHO");
    dg_trie_add(tr, "ASEAN Regional Forum", 5);
    dg_trie_add(tr, "ASEAN", 6);
    dg_trie_add(tr, "PLAN", 7);
    is_int((long)trie_match(tr, "Who said", &v), 0, "'Who' is not WHO");
    is_int((long)trie_match(tr, "Asean Regional Forum met", &v), 3,
           "an acronym in title case inside a longer name");
    is_int((long)trie_match(tr, "Asean met", &v), 1,
           "  ... or alone with five letters or more");
    is_int((long)trie_match(tr, "Plan met", &v), 0,
           "  ... not with four ('Plan' is not PLAN)");
    is_int((long)trie_match(tr, "AsEAN met", &v), 0,
           "  ... and only in title case");
    dg_trie_free(tr);
    dg_trie_free(NULL);
    test_shared_words();

    /* the lexicon */
    struct dg_lexicon *lx = dg_lexicon_load(DATA, &err);
    ok(lx != NULL, "fixture lexicon loads");
    ok(lx && dg_lexicon_country_by_iso3(lx, "THA") >= 0, "THA is known");
    is_str(lx ? dg_lexicon_country(lx, 1)->name : NULL, "Thailand",
           "canonical country name");
    dg_lexicon_free(lx);
    dg_error_clear(&err);
    lx = dg_lexicon_load(DATA "/bad", &err);
    ok(lx == NULL && strstr(err.msg, "countries.tsv:2:") != NULL,
       "a malformed line is reported as file:line (%s)", err.msg);
    dg_error_clear(&err);
    lx = dg_lexicon_load(DATA "/missing", &err);
    ok(lx == NULL && err.code == DG_ERR_IO, "a missing data dir fails (%s)",
       err.msg);

    /* entities in text */
    struct dg_extractor *x = dg_extract_new(DATA, &err);
    ok(x != NULL, "extractor on the fixture data");
    struct dg_facts *f = extract(
        x, "Thai and Vietnamese patrol boats met in the South China Sea on "
           "Monday.\n\nThe Philippine Ministry of National Defence said the "
           "Philippine Defence Ministry would host them.\n");
    ok(f != NULL, "extracts");
    ok(!has_type(f, ID "country/CHN", DG_NS_SCHEMA "Country"),
       "South China Sea is not China");
    ok(has_type(f, ID "country/THA", DG_NS_SCHEMA "Country"),
       "Thai gives Thailand");
    ok(dg_facts_has(f, ID "country/VNM", DG_NS "iso3", "VNM", 0),
       "iso3 literal");
    ok(dg_facts_has(f, ID "country/VNM", DG_NS_OWL "sameAs", DG_NS_WD "Q881",
                    1),
       "Wikidata sameAs");
    const char *mod = ID "org/philippine-ministry-of-national-defence";
    ok(has_type(f, mod, DG_NS_SCHEMA "Organization"),
       "rule ministry keeps the adjective");
    ok(dg_facts_has(f, mod, DG_NS "orgKind", "ministry", 0), "kind ministry");
    ok(dg_facts_has(f, mod, DG_NS_SCHEMA "alternateName",
                    "Philippine Defence Ministry", 0),
       "the short ministry name is an alternateName");
    is_int((long)count_type(f, DG_NS_SCHEMA "Organization"), 1,
           "one org for the two ministry names");
    dg_facts_free(f);

    f = extract(x, "Vietnam beat Thailand 3-0 in the ASEAN Cup final in "
                   "Hanoi, fans said.\n");
    is_int((long)count_type(f, DG_NS_SCHEMA "Organization"), 0,
           "an ASEAN Cup football match names no org");
    dg_facts_free(f);

    f = extract(x, "The Defense Policy Bureau of the Japanese Ministry of "
                   "Defense and the ASEAN Defense Ministers' Meeting (ADMM) "
                   "met. The Humanitarian Assistance Working Group on "
                   "Disaster Relief (HAWG) was set up.\n");
    const char *dpb = ID "org/defense-policy-bureau";
    ok(dg_facts_has(f, dpb, DG_NS_ORG "subOrganizationOf",
                    ID "org/japanese-ministry-of-defense", 1),
       "a bureau of a ministry is its sub-organization");
    ok(dg_facts_has(f, ID "org/admm", DG_NS_SCHEMA "name",
                    "ASEAN Defence Ministers' Meeting", 0),
       "lexicon org keeps its canonical name");
    ok(dg_facts_has(f, ID "org/admm", DG_NS_SCHEMA "alternateName",
                    "ASEAN Defense Ministers' Meeting", 0),
       "the variant as written is an alternateName");
    const char *wg =
        ID "org/humanitarian-assistance-working-group-on-disaster-relief";
    ok(dg_facts_has(f, wg, DG_NS "orgKind", "working group", 0),
       "rule working group");
    ok(dg_facts_has(f, wg, DG_NS_SCHEMA "alternateName", "HAWG", 0),
       "an acronym defined in the text");
    dg_facts_free(f);

    /* rule orgs on the real word lists: a name that only modifies a
     * person or an event is no org */
    struct dg_extractor *rx = dg_extract_new(DG_SRCDIR "/extract/data", &err);
    ok(rx != NULL, "the real lexicon loads");
    f = extract(rx,
                "Pentagon Press Secretary Air Force Brig. Gen. Tom Reed "
                "spoke. Chief of Defence Force General Tan Sri Ali Omar "
                "and Indonesian Armed Forces Commander Admiral Budi Santoso "
                "attended. The Royal Thai Navy will host the 12th ASEAN "
                "Navy Chiefs' Meeting in Pattaya. The 9th Cambodia-Laos "
                "Joint Border Committee meeting was held at the Engineering "
                "Training Centre in Kampot and the Peacekeeping Training "
                "Centre in Cambodia.\n");
    int junk = 0;
    for (size_t i = 0; f && i < dg_facts_count(f); i++) {
        const char *sub = dg_facts_get(f, i)->s;
        if (strncmp(sub, ID "org/", strlen(ID "org/")) == 0 &&
            (strstr(sub, "secretary") || strstr(sub, "omar") ||
             strstr(sub, "asean-navy") || strstr(sub, "9th") ||
             strstr(sub, "kampot"))) {
            printf("# junk org %s\n", sub);
            junk++;
        }
    }
    ok(f && junk == 0, "no org from a service before a rank, a rank and a "
                       "name, an event's modifier, an ordinal, a town");
    ok(f && has_type(f, ID "org/cambodia-laos-joint-border-committee",
                     DG_NS_SCHEMA "Organization"),
       "the committee of a numbered meeting, without the number");
    ok(f &&
           has_type(f, ID "org/engineering-training-centre",
                    DG_NS_SCHEMA "Organization") &&
           has_type(f, ID "org/peacekeeping-training-centre-in-cambodia",
                    DG_NS_SCHEMA "Organization"),
       "'in' takes a country into the name, not a town");
    dg_facts_free(f);
    dg_extract_free(rx);

    f = extract(x, "\xff\xfe binary");
    ok(f == NULL, "non-UTF-8 input is refused");

    /* a long text of 2,000 sentences is read whole (its speed is
     * measured by bench/extract-bench, not here) */
    const char *s = "Thai Foreign Minister Somchai Wong met Japanese officials "
                    "of the Ministry of Foreign Affairs in the South China Sea "
                    "region. ";
    size_t n = 2000, len = strlen(s);
    char *big = malloc(n * len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * len, s, len);
    big[n * len] = '\0';
    f = extract(x, big);
    ok(f != NULL && dg_test_count(f, ID "article/t1#s2000", DG_NS "index") == 1,
       "%zu sentences extracted", n);
    dg_facts_free(f);
    free(big);
    dg_extract_free(x);
    dg_extract_free(NULL);
    return tap_done();
}
