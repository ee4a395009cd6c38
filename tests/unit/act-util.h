/* act-util.h: helpers of test-actions.c and test-relations.c (header
 * only): run the extractor on a text and look for actions and facts. */
#ifndef DG_ACT_UTIL_H
#define DG_ACT_UTIL_H

#include <stdio.h>
#include <string.h>

#include "common/ns.h"
#include "extract/extract.h"
#include "extract-util.h"

#define ID DG_BASE_DEFAULT
#define C(iso) ID "country/" iso
#define O(key) ID "org/" key
#define P(slug) ID "person/" slug

/* Extracts text as article "t1"; caller frees with dg_facts_free. */
static inline struct dg_facts *
extract(struct dg_extractor *x, const char *text)
{
    return dg_test_extract(x, "t1", text);
}

static inline int
action_has(const struct dg_facts *f, const char *act, const char *p,
           const char *o, int substr)
{
    for (size_t i = 0; i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        if (strcmp(t->s, act) == 0 && strcmp(t->p, p) == 0 &&
            (substr ? strstr(t->o, o) != NULL : strcmp(t->o, o) == 0))
            return 1;
    }
    return 0;
}

/* Number of actions of this type with this agent, and (when not NULL)
 * this recipient and an item containing item. */
static inline int
actions(const struct dg_facts *f, const char *type, const char *agent,
        const char *recipient, const char *item)
{
    int n = 0;
    if (!f)
        return 0;
    for (size_t i = 0; i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        if (strcmp(t->p, DG_NS "actionType") != 0 || strcmp(t->o, type) != 0)
            continue;
        if (agent && !action_has(f, t->s, DG_NS "agent", agent, 0))
            continue;
        if (recipient && !action_has(f, t->s, DG_NS "recipient", recipient, 0))
            continue;
        if (item && !action_has(f, t->s, DG_NS "item", item, 1))
            continue;
        n++;
    }
    return n;
}

/* Number of recipients (or agents) of the only action of type. */
static inline int
count_of(const struct dg_facts *f, const char *type, const char *p)
{
    const char *act = NULL;
    int n = 0;
    for (size_t i = 0; f && i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        if (strcmp(t->p, DG_NS "actionType") == 0 && strcmp(t->o, type) == 0)
            act = t->s;
    }
    for (size_t i = 0; act && i < dg_facts_count(f); i++) {
        const struct dg_triple *t = dg_facts_get(f, i);
        n += strcmp(t->s, act) == 0 && strcmp(t->p, p) == 0;
    }
    return n;
}

static inline int
has(const struct dg_facts *f, const char *s, const char *p, const char *o)
{
    return f && dg_facts_has(f, s, p, o, 1);
}

#endif /* DG_ACT_UTIL_H */
