/* path.c: see path.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "graph/sparql/path.h"

int
dg_ids_push(struct dg_ids *a, uint64_t x)
{
    if (a->n == a->cap) {
        size_t ncap = a->cap ? 2 * a->cap : 64;
        uint64_t *nv = realloc(a->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        a->v = nv;
        a->cap = ncap;
    }
    a->v[a->n++] = x;
    return 0;
}

void
dg_ids_release(struct dg_ids *a)
{
    free(a->v);
    memset(a, 0, sizeof *a);
}

/* ---- a set of ids (open addressing; 0 is never a member) ------------- */

struct idset {
    uint64_t *slot;
    size_t cap, n;
};

/* 1 added, 0 present, -1 out of memory */
static int
idset_add(struct idset *s, uint64_t x)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t ncap = s->cap ? 2 * s->cap : 64;
        uint64_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slot[i])
                continue;
            size_t j = dg_hash_mix(s->slot[i]) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = s->slot[i];
        }
        free(s->slot);
        s->slot = ns;
        s->cap = ncap;
    }
    size_t j = dg_hash_mix(x) & (s->cap - 1);
    while (s->slot[j]) {
        if (s->slot[j] == x)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = x;
    s->n++;
    return 1;
}

static void
idset_free(struct idset *s)
{
    free(s->slot);
    memset(s, 0, sizeof *s);
}

static int
nomem(struct dg_error *err)
{
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

static int
push2(struct dg_ids *out, uint64_t a, uint64_t b, struct dg_error *err)
{
    if (dg_ids_push(out, a) < 0 || dg_ids_push(out, b) < 0)
        return nomem(err);
    return 0;
}

static int
in_list(const uint64_t *ids, size_t n, uint64_t x)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == x)
            return 1;
    return 0;
}

/* One side of a negated property set: triples s ?p o with ?p not in the
 * excluded list, as pairs (s, o) (reversed when inverse). */
static int
nps_side(const struct dg_path_src *src, const uint64_t *ex, size_t nex,
         int inverse, uint64_t s, uint64_t o, struct dg_ids *out,
         struct dg_error *err)
{
    struct dg_ids t = {0};
    uint64_t spo[3] = {inverse ? o : s, 0, inverse ? s : o};
    int rc = src->scan(src->ctx, spo, &t, err);
    for (size_t i = 0; rc == 0 && i < t.n; i += 3) {
        if (in_list(ex, nex, t.v[i + 1]))
            continue;
        rc = inverse ? push2(out, t.v[i + 2], t.v[i], err)
                     : push2(out, t.v[i], t.v[i + 2], err);
    }
    dg_ids_release(&t);
    return rc;
}

/* Every node reachable from start by one or more steps of p (forward),
 * or backwards when back: appended to reach (each once). */
static int
closure(const struct dg_path_src *src, const struct dg_path *p, uint64_t start,
        int back, int zero, struct dg_ids *reach, struct dg_error *err)
{
    struct idset seen = {0};
    struct dg_ids frontier = {0}, step = {0};
    int rc = 0;
    if (zero) {
        if (idset_add(&seen, start) < 0 || dg_ids_push(reach, start) < 0)
            goto fail_nomem;
    }
    if (dg_ids_push(&frontier, start) < 0)
        goto fail_nomem;
    for (size_t f = 0; f < frontier.n && rc == 0; f++) {
        step.n = 0;
        uint64_t x = frontier.v[f];
        rc = back ? dg_path_eval(src, p, 0, x, &step, err)
                  : dg_path_eval(src, p, x, 0, &step, err);
        for (size_t i = 0; rc == 0 && i < step.n; i += 2) {
            uint64_t y = back ? step.v[i] : step.v[i + 1];
            int added = idset_add(&seen, y);
            if (added < 0)
                goto fail_nomem;
            if (added &&
                (dg_ids_push(reach, y) < 0 || dg_ids_push(&frontier, y) < 0))
                goto fail_nomem;
        }
    }
    goto out;
fail_nomem:
    rc = nomem(err);
out:
    idset_free(&seen);
    dg_ids_release(&frontier);
    dg_ids_release(&step);
    return rc;
}

static int
pair_cmp(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    if (x[1] != y[1])
        return x[1] < y[1] ? -1 : 1;
    return 0;
}

/* *, + and ?: distinct pairs. */
static int
repeat(const struct dg_path_src *src, const struct dg_path *path, uint64_t s,
       uint64_t o, struct dg_ids *out, struct dg_error *err)
{
    const struct dg_path *p = path->a;
    int zero = path->op != DG_PATH_PLUS;
    struct dg_ids starts = {0}, reach = {0};
    int rc = 0;

    if (path->op == DG_PATH_OPT) {
        /* zero or one step, each pair once */
        struct dg_ids one = {0};
        struct dg_ids seen_pairs = {0};
        if (s && o) {
            if (s == o)
                rc = push2(out, s, o, err);
            else {
                rc = dg_path_eval(src, p, s, o, &one, err);
                if (rc == 0 && one.n)
                    rc = push2(out, s, o, err);
            }
            dg_ids_release(&one);
            return rc;
        }
        if (s || o) {
            uint64_t x = s ? s : o;
            struct idset seen = {0};
            rc = push2(out, x, x, err);
            if (rc == 0 && idset_add(&seen, x) < 0)
                rc = nomem(err);
            if (rc == 0)
                rc = dg_path_eval(src, p, s, o, &one, err);
            for (size_t i = 0; rc == 0 && i < one.n; i += 2) {
                uint64_t y = s ? one.v[i + 1] : one.v[i];
                int added = idset_add(&seen, y);
                if (added < 0)
                    rc = nomem(err);
                else if (added)
                    rc = s ? push2(out, s, y, err) : push2(out, y, o, err);
            }
            idset_free(&seen);
            dg_ids_release(&one);
            return rc;
        }
        /* both unbound: every node to itself, and every one-step pair */
        rc = src->nodes(src->ctx, &starts, err);
        for (size_t i = 0; rc == 0 && i < starts.n; i++) {
            rc = push2(&seen_pairs, starts.v[i], starts.v[i], err);
        }
        if (rc == 0)
            rc = dg_path_eval(src, p, 0, 0, &one, err);
        for (size_t i = 0; rc == 0 && i < one.n; i += 2)
            if (one.v[i] != one.v[i + 1])
                rc = push2(&seen_pairs, one.v[i], one.v[i + 1], err);
        /* distinct pairs: sort and unique */
        if (rc == 0) {
            size_t np = seen_pairs.n / 2;
            if (np > 1) /* no pairs: v may be NULL, which qsort forbids */
                qsort(seen_pairs.v, np, 2 * sizeof(uint64_t), pair_cmp);
            for (size_t i = 0; rc == 0 && i < np; i++) {
                const uint64_t *pr = &seen_pairs.v[2 * i];
                if (i && pr[0] == pr[-2] && pr[1] == pr[-1])
                    continue;
                rc = push2(out, pr[0], pr[1], err);
            }
        }
        dg_ids_release(&starts);
        dg_ids_release(&one);
        dg_ids_release(&seen_pairs);
        return rc;
    }

    if (s) {
        rc = closure(src, p, s, 0, zero, &reach, err);
        for (size_t i = 0; rc == 0 && i < reach.n; i++)
            if (!o || reach.v[i] == o)
                rc = push2(out, s, reach.v[i], err);
    } else if (o) {
        rc = closure(src, p, o, 1, zero, &reach, err);
        for (size_t i = 0; rc == 0 && i < reach.n; i++)
            rc = push2(out, reach.v[i], o, err);
    } else {
        rc = src->nodes(src->ctx, &starts, err);
        for (size_t k = 0; rc == 0 && k < starts.n; k++) {
            reach.n = 0;
            rc = closure(src, p, starts.v[k], 0, zero, &reach, err);
            for (size_t i = 0; rc == 0 && i < reach.n; i++)
                rc = push2(out, starts.v[k], reach.v[i], err);
        }
    }
    dg_ids_release(&starts);
    dg_ids_release(&reach);
    return rc;
}

int
dg_path_eval(const struct dg_path_src *src, const struct dg_path *path,
             uint64_t s, uint64_t o, struct dg_ids *out, struct dg_error *err)
{
    struct dg_ids t = {0}, mid = {0};
    int rc = 0;

    switch (path->op) {
    case DG_PATH_LINK: {
        uint64_t spo[3] = {s, path->id, o};
        if (!path->id || (path->id >> 63))
            return 0; /* an IRI the data does not hold */
        rc = src->scan(src->ctx, spo, &t, err);
        for (size_t i = 0; rc == 0 && i < t.n; i += 3)
            rc = push2(out, t.v[i], t.v[i + 2], err);
        break;
    }
    case DG_PATH_INV: {
        rc = dg_path_eval(src, path->a, o, s, &t, err);
        for (size_t i = 0; rc == 0 && i < t.n; i += 2)
            rc = push2(out, t.v[i + 1], t.v[i], err);
        break;
    }
    case DG_PATH_ALT:
        rc = dg_path_eval(src, path->a, s, o, out, err);
        if (rc == 0)
            rc = dg_path_eval(src, path->b, s, o, out, err);
        break;
    case DG_PATH_SEQ:
        if (!s && o) { /* from the bound end, backwards */
            rc = dg_path_eval(src, path->b, 0, o, &mid, err);
            for (size_t i = 0; rc == 0 && i < mid.n; i += 2) {
                t.n = 0;
                rc = dg_path_eval(src, path->a, 0, mid.v[i], &t, err);
                for (size_t k = 0; rc == 0 && k < t.n; k += 2)
                    rc = push2(out, t.v[k], mid.v[i + 1], err);
            }
        } else {
            rc = dg_path_eval(src, path->a, s, 0, &mid, err);
            for (size_t i = 0; rc == 0 && i < mid.n; i += 2) {
                t.n = 0;
                rc = dg_path_eval(src, path->b, mid.v[i + 1], o, &t, err);
                for (size_t k = 0; rc == 0 && k < t.n; k += 2)
                    rc = push2(out, mid.v[i], t.v[k + 1], err);
            }
        }
        break;
    case DG_PATH_STAR:
    case DG_PATH_PLUS:
    case DG_PATH_OPT: rc = repeat(src, path, s, o, out, err); break;
    case DG_PATH_NPS:
        if (path->nfwd || !path->ninv)
            rc = nps_side(src, path->fwd_ids, path->nfwd, 0, s, o, out, err);
        if (rc == 0 && path->ninv)
            rc = nps_side(src, path->inv_ids, path->ninv, 1, s, o, out, err);
        break;
    default:
        rc = dg_error_set(err, DG_ERR_INTERNAL, "unknown path operator %d",
                          path->op);
    }
    dg_ids_release(&t);
    dg_ids_release(&mid);
    return rc;
}
