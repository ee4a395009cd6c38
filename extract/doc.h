/* doc.h: one article while it is being extracted, shared by every stage.
 *
 * The pipeline (extract.c) is:
 *   dg_doc_new          article parsed, tokens, sentences
 *   dg_entities_scan    lexicon countries/orgs (+ blockers), rule orgs,
 *                       acronyms defined in the text       (entities.h)
 *   dg_persons_scan     officials, ranks, titles, affiliations (persons.h)
 *   ... phase 2: dates, events, actions read the doc and add entities,
 *       mentions and properties with the functions below ...
 *   dg_doc_emit         every triple into a struct dg_facts
 *
 * A stage reads the public fields (read-only outside doc.c) and changes
 * the doc only through the functions below.  Entities are registered once
 * per IRI (dg_doc_entity); their rdf:type and their one schema:name (or
 * skos:prefLabel for topics) are emitted by dg_doc_emit, together with the
 * properties added with dg_doc_prop_*, so every article graph is
 * self-contained.  Mentions tie entities to token spans of sentences; call
 * dg_doc_sort_mentions after adding some, before reading them by sentence.
 *
 * Ownership: the doc borrows the text, the article and the lexicon (they
 * must outlive it) and owns everything else: tokens, sentences, entities,
 * mentions and every string they point to (allocated in the doc's arena,
 * freed by dg_doc_free; NULL is safe).  Strings passed to doc functions are
 * copied.  Ids (entity, mention) are indexes that stay valid; pointers
 * into the entity and mention arrays are invalidated by the next add. */
#ifndef DG_DOC_H
#define DG_DOC_H

#include <stddef.h>

#include "common/error.h"
#include "extract/article.h"
#include "extract/facts.h"
#include "extract/lexicon.h"
#include "extract/sentence.h"
#include "extract/text.h"

/* Predicates the stages share but never emit (dg_doc_emit skips them). */
#define DG_INTERNAL "urn:x-diplograph:internal:"
/* country -> event: the country of an official at the event, a side of
 * it that the text does not say takes part (events.c add_side) */
#define DG_IMPLIED_PARTY DG_INTERNAL "side"

enum dg_ent_kind {
    DG_ENT_COUNTRY = 1, /* schema:Country, country/{ISO3} */
    DG_ENT_ORG,         /* schema:Organization, org/{key} */
    DG_ENT_PERSON,      /* schema:Person, person/{slug} */
    DG_ENT_PLACE,       /* schema:Place, place/{slug} */
    DG_ENT_EVENT,       /* schema:Event, event/{key}/{n} */
    DG_ENT_TOPIC,       /* skos:Concept with skos:prefLabel, topic/{slug} */
    DG_ENT_ACTION       /* dg:Action (no name), action/{key}/{n} */
};

struct dg_prop {
    const char *p;  /* predicate IRI */
    const char *o;  /* object IRI or literal */
    const char *dt; /* literal datatype, NULL plain */
    int o_is_iri;
};

struct dg_entity {
    int kind;         /* enum dg_ent_kind */
    const char *iri;  /* absolute IRI */
    const char *name; /* the one schema:name (NULL for actions) */
    long lex;         /* index in the lexicon (country or org), or -1 */
    struct dg_prop *props;
    size_t nprops, capprops;
};

enum {
    DG_MEN_NESTED = 1 << 0,   /* inside a longer mention ("Japanese" in
                                 "Japanese Ministry of Defense") */
    DG_MEN_RULE = 1 << 1,     /* found by a rule, not the lexicon */
    DG_MEN_SHORT = 1 << 2,    /* short person mention ("General Thang") */
    DG_MEN_DATELINE = 1 << 3, /* inside the dateline (never a venue) */
    DG_MEN_ADJ = 1 << 4       /* lowercase-initial adjective form or
                                 demonym ("Vietnamese"): nationality */
};

struct dg_mention {
    int entity;                /* entity id */
    int kind;                  /* the entity's kind (copied) */
    long sent;                 /* sentence index (0-based), -1 dateline */
    size_t tok_first, tok_end; /* token span [first, end) */
    size_t start, end;         /* byte span [start, end) */
    unsigned flags;            /* DG_MEN_* */
};

/* An acronym defined in the text: "Full Name (ACR)". */
struct dg_acronym {
    const char *acronym;       /* "AUKSOM" */
    size_t tok_first, tok_end; /* the expansion's tokens, before "(" */
    long sent;
    int entity; /* the org it names, or -1 (events...) */
};

struct dg_doc_arena;

struct dg_doc {
    /* input, borrowed */
    const char *text;
    size_t len;
    const struct dg_article *article;
    const struct dg_lexicon *lex;
    /* identity (doc-owned strings) */
    const char *base;        /* entity IRI base, ends in '/' */
    const char *key;         /* article key */
    const char *article_iri; /* base + "article/" + key */
    /* tokens of the body (date line excluded) */
    struct dg_tokens *tokens;
    const struct dg_token *tok;
    size_t ntok;
    /* sentences; sent_iri[i] is article_iri + "#s" + (i + 1) */
    struct dg_sentences *sentences;
    const struct dg_sentence *sent; /* array of nsent */
    size_t nsent;
    const char **sent_iri;
    /* dateline tokens [dl_first, dl_end), both 0 when none */
    size_t dl_first, dl_end;
    /* registered entities and their mentions */
    struct dg_entity *ent;
    size_t nent, capent;
    struct dg_mention *men;
    size_t nmen, capmen;
    /* after dg_doc_sort_mentions: mentions of sentence i are
     * men[sent_men[i] .. sent_men[i + 1]) (array of nsent + 1) */
    size_t *sent_men;
    struct dg_acronym *acr;
    size_t nacr, capacr;
    /* counters for event/{key}/{n} and action/{key}/{n} */
    int nevents, nactions;
    /* private */
    struct dg_doc_arena *arena;
    size_t *ent_hash;
    size_t ent_hcap;
    /* entity id + 1 of each lexicon country and org, 0 before its first
     * dg_doc_country / dg_doc_org (arrays made on first use) */
    int *country_ent, *org_ent;
};

/* Builds the doc: tokenises text[0..len) from the article's body start and
 * splits sentences.  base may be NULL (DG_BASE_DEFAULT); key is the article
 * key.  Returns a new doc (caller frees with dg_doc_free) or NULL with err
 * set. */
struct dg_doc *dg_doc_new(const char *text, size_t len,
                          const struct dg_article *a,
                          const struct dg_lexicon *lex, const char *base,
                          const char *key, struct dg_error *err);
void dg_doc_free(struct dg_doc *d);

/* Arena copies, owned by the doc; NULL when out of memory. */
const char *dg_doc_strdup(struct dg_doc *d, const char *s);
const char *dg_doc_strndup(struct dg_doc *d, const char *s, size_t n);
const char *dg_doc_printf(struct dg_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The text of tokens [a, b) as written (original bytes). */
const char *dg_doc_span(struct dg_doc *d, size_t a, size_t b);
/* base + path, e.g. dg_doc_iri(d, "org/", "asean"). */
const char *dg_doc_iri(struct dg_doc *d, const char *prefix, const char *slug);
/* Index of the sentence holding token k, or -1 (dateline). */
long dg_doc_sentence_of(const struct dg_doc *d, size_t k);

/* Registers an entity (or finds the one with the same IRI: its kind and
 * name stay; name may be NULL for actions).  Returns its id, or -1 when
 * out of memory. */
int dg_doc_entity(struct dg_doc *d, int kind, const char *iri,
                  const char *name);
/* Id of the entity with this IRI, or -1. */
int dg_doc_entity_find(const struct dg_doc *d, const char *iri);
/* Replaces the entity's one name.  Returns 0 or -1. */
int dg_doc_entity_rename(struct dg_doc *d, int id, const char *name);
/* Registers the lexicon country i / org i (type, name, iso3, sameAs,
 * alternateName, orgKind, parent org).  Returns the id or -1. */
int dg_doc_country(struct dg_doc *d, size_t i);
int dg_doc_org(struct dg_doc *d, size_t i);

/* Adds a property <entity> <p> <o> (emitted by dg_doc_emit; duplicates
 * are dropped there).  Returns 0 or -1. */
int dg_doc_prop_iri(struct dg_doc *d, int id, const char *p, const char *o);
int dg_doc_prop_lit(struct dg_doc *d, int id, const char *p, const char *lit,
                    const char *dt);
/* 1 when the entity already has this property (any object when o NULL). */
int dg_doc_prop_has(const struct dg_doc *d, int id, const char *p,
                    const char *o);
/* The first object of p on the entity, or NULL. */
const char *dg_doc_prop_get(const struct dg_doc *d, int id, const char *p);
/* Removes the entity's properties p with object o (a later rule knowing
 * better: a chair does not also attend). */
void dg_doc_prop_del(struct dg_doc *d, int id, const char *p, const char *o);

/* Records a mention of entity id over tokens [a, b).  Returns its index or
 * -1.  An identical mention (same entity and span) is not added twice. */
long dg_doc_mention(struct dg_doc *d, int id, size_t a, size_t b,
                    unsigned flags);
/* Sorts mentions by position and fills sent_men.  Returns 0 or -1. */
int dg_doc_sort_mentions(struct dg_doc *d);
/* Mentions of sentence i (after dg_doc_sort_mentions); *n gets the count. */
const struct dg_mention *dg_doc_mentions_in(const struct dg_doc *d, size_t i,
                                            size_t *n);

/* Records an acronym definition.  Returns 0 or -1. */
int dg_doc_acronym(struct dg_doc *d, const char *acr, size_t a, size_t b,
                   int entity);

/* New IRIs event/{key}/{n} and action/{key}/{n}, n counting from 1. */
const char *dg_doc_next_event_iri(struct dg_doc *d);
const char *dg_doc_next_action_iri(struct dg_doc *d);

/* Emits the whole doc into out: the sentences (a dg:Sentence, inArticle,
 * index, schema:text, charStart, charEnd) and every entity with its type,
 * name and properties.  The article node itself is emitted by extract.c.
 * Returns 0 or -1 (out of memory). */
int dg_doc_emit(const struct dg_doc *d, struct dg_facts *out);

#endif /* DG_DOC_H */
