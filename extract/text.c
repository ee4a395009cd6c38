/* text.c: see text.h. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/hash.h"
#include "extract/text.h"

long
dg_text_next(const char *s, size_t len, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;

    if (*i >= len)
        return -1;
    if ((unsigned char)s[*i] < 0x80)
        return (unsigned char)s[(*i)++];
    n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                         (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return -1;
    }
    *i += (size_t)n;
    return cp;
}

int
dg_text_validate(const char *s, size_t len, struct dg_error *err)
{
    size_t i = 0, nonspace = 0;

    if (len == 0)
        return dg_error_set(err, DG_ERR_INPUT, "empty text");
    while (i < len) {
        size_t at = i;
        long cp = dg_text_next(s, len, &i);
        if (cp < 0)
            return dg_error_set(err, DG_ERR_INPUT, "invalid UTF-8 at byte %zu",
                                at);
        if (cp == 0)
            return dg_error_set(err, DG_ERR_INPUT,
                                "binary data (NUL byte) at byte %zu", at);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' &&
             cp != '\f') ||
            cp == 0x7f)
            return dg_error_set(err, DG_ERR_INPUT,
                                "binary data (control character 0x%02lx) at "
                                "byte %zu",
                                cp, at);
        if (!dg_text_is_space(cp) && cp != 0xfeff)
            nonspace++;
    }
    if (nonspace == 0)
        return dg_error_set(err, DG_ERR_INPUT, "text is only whitespace");
    return 0;
}

int
dg_text_is_space(long cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
        cp == '\v')
        return 1;
    if (cp < 0x80)
        return 0;
    if (cp == 0x200b || cp == 0xfeff) /* zero-width space, BOM */
        return 1;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP;
}

int
dg_text_is_word(long cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return 1;
    default: return 0;
    }
}

int
dg_text_is_upper(long cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int
dg_text_is_lower(long cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Explicit mappings applied before decomposition. */
static utf8proc_int32_t
fold_custom(utf8proc_int32_t cp, void *data)
{
    (void)data;
    switch (cp) {
    case 0x0111: return 'd'; /* đ */
    case 0x0110: return 'D'; /* Đ */
    case 0x00f8: return 'o'; /* ø */
    case 0x00d8: return 'O'; /* Ø */
    case 0x0142: return 'l'; /* ł */
    case 0x0141: return 'L'; /* Ł */
    case 0x0131: return 'i'; /* dotless ı */
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
    case 0x02bc:
    case 0x0060:
    case 0x00b4: return '\'';
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
    case 0x00ab:
    case 0x00bb: return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: return '-';
    default: break;
    }
    if (cp >= 0x80 && dg_text_is_space(cp))
        return ' ';
    return cp;
}

static int
is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* The fold of ASCII s[0..len) into dst (len + 1 bytes, NUL-terminated):
 * only the backquote changes, and with lower the capitals. */
static void
fold_ascii(char *dst, const char *s, size_t len, int lower)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (lower && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == '`')
            c = '\'';
        dst[i] = c;
    }
    dst[len] = '\0';
}

char *
dg_text_fold(const char *s, size_t len, int lower)
{
    utf8proc_uint8_t *out = NULL;

    if (is_ascii(s, len)) {
        char *r = malloc(len + 1);
        if (r)
            fold_ascii(r, s, len, lower);
        return r;
    }
    utf8proc_option_t opt = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                            UTF8PROC_STRIPMARK | UTF8PROC_STABLE;
    if (lower)
        opt |= UTF8PROC_CASEFOLD;
    if (utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                            &out, opt, fold_custom, NULL) < 0)
        return NULL;
    return (char *)out;
}

char *
dg_text_slug(const char *s, size_t len)
{
    char *f = dg_text_fold(s, len, 1);
    char *r;
    size_t n = 0, i;
    int dash = 0;

    if (!f)
        return NULL;
    size_t flen = strlen(f);
    r = malloc(flen * 5 + 1); /* '+' grows to "-plus" */
    if (!r) {
        free(f);
        return NULL;
    }
    for (i = 0; i < flen; i++) {
        unsigned char c = (unsigned char)f[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0)
                r[n++] = '-';
            dash = 0;
            r[n++] = (char)c;
        } else if (c == '+') {
            if (n > 0)
                r[n++] = '-';
            memcpy(r + n, "plus", 4);
            n += 4;
            dash = 0;
        } else if (c == '\'') {
            /* apostrophes vanish: "Officials'" -> "officials" */
        } else {
            dash = 1;
        }
    }
    r[n] = '\0';
    free(f);
    return r;
}

/* ---- tokens ---------------------------------------------------------- */

#define ARENA_BLOCK 16384

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    char data[];
};

struct dg_tokens {
    struct dg_token *v;
    size_t n, cap;
    struct arena_block *blocks;
    const struct dg_words *words; /* the ids tokens are tagged with */
};

/* Room for len bytes and a NUL in t's arena, or NULL when out of memory. */
static char *
arena_alloc(struct dg_tokens *t, size_t len)
{
    struct arena_block *b = t->blocks;
    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;
        struct arena_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->size = size;
        nb->used = 0;
        nb->next = b;
        t->blocks = nb;
        b = nb;
    }
    char *p = b->data + b->used;
    b->used += len + 1;
    return p;
}

static char *
arena_put(struct dg_tokens *t, const char *s, size_t len)
{
    char *p = arena_alloc(t, len);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* Sets tok's fold and lower forms of s[0..len), in t's arena (one string
 * when they are equal).  ASCII, most tokens, is folded in place there;
 * other text goes through dg_text_fold.  Returns 0, or -1 when out of
 * memory. */
static int
fold_token(struct dg_tokens *t, struct dg_token *tok, const char *s, size_t len)
{
    if (is_ascii(s, len)) {
        char *f = arena_alloc(t, len);
        if (!f)
            return -1;
        fold_ascii(f, s, len, 0);
        tok->fold = tok->lower = f;
        for (size_t i = 0; i < len; i++) {
            if (s[i] >= 'A' && s[i] <= 'Z') {
                char *l = arena_alloc(t, len);
                if (!l)
                    return -1;
                fold_ascii(l, s, len, 1);
                tok->lower = l;
                break;
            }
        }
        return 0;
    }
    char *f = dg_text_fold(s, len, 0), *l = dg_text_fold(s, len, 1);
    if (f && l) {
        tok->fold = arena_put(t, f, strlen(f));
        tok->lower = strcmp(f, l) == 0 ? tok->fold : arena_put(t, l, strlen(l));
    }
    int rc = f && l && tok->fold && tok->lower ? 0 : -1;
    free(f);
    free(l);
    return rc;
}

static int
push_token(struct dg_tokens *t, const char *text, size_t start, size_t end,
           unsigned flags)
{
    struct dg_token *tok;

    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 256;
        struct dg_token *nv = realloc(t->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        t->v = nv;
        t->cap = ncap;
    }
    tok = &t->v[t->n];
    tok->start = start;
    tok->end = end;
    tok->flags = flags;
    if (fold_token(t, tok, text + start, end - start) < 0)
        return -1;
    tok->hash = dg_hash_str(tok->lower);
    tok->words = t->words;
    tok->word = (uint32_t)(dg_words_find(t->words, tok->lower, tok->hash) + 1);
    t->n++;
    return 0;
}

struct dg_tokens *
dg_tokens_new(const char *text, size_t from, size_t to)
{
    return dg_tokens_new_in(text, from, to, NULL);
}

struct dg_tokens *
dg_tokens_new_in(const char *text, size_t from, size_t to,
                 const struct dg_words *words)
{
    struct dg_tokens *t = calloc(1, sizeof *t);
    size_t i = from;
    unsigned pending = 0;
    int newlines = 0;

    if (!t)
        return NULL;
    t->words = words;
    while (i < to) {
        size_t start = i;
        long cp = dg_text_next(text, to, &i);
        if (cp < 0)
            continue;
        if (dg_text_is_space(cp)) {
            pending |= DG_TOK_SPACE;
            if (cp == '\n') {
                pending |= DG_TOK_NEWLINE;
                if (++newlines >= 2)
                    pending |= DG_TOK_PARA;
            }
            continue;
        }
        newlines = 0;
        unsigned flags = pending;
        pending = 0;
        if (dg_text_is_word(cp)) {
            size_t end = i, letters = 0, uppers = 0;
            if (dg_text_is_upper(cp))
                flags |= DG_TOK_CAP;
            else if (dg_text_is_lower(cp))
                flags |= DG_TOK_LOWER;
            else if (cp < 0x80 && cp >= '0' && cp <= '9')
                flags |= DG_TOK_DIGIT;
            long c = cp;
            for (;;) {
                if (dg_text_is_upper(c)) {
                    letters++;
                    uppers++;
                } else if (dg_text_is_lower(c)) {
                    letters++;
                }
                if (end >= to)
                    break;
                size_t j = end;
                c = dg_text_next(text, to, &j);
                if (c < 0 || !dg_text_is_word(c))
                    break;
                end = j;
            }
            i = end;
            if (letters >= 2 && uppers == letters)
                flags |= DG_TOK_ALLCAPS;
            if (push_token(t, text, start, end, flags | DG_TOK_WORD) < 0)
                goto fail;
        } else if (push_token(t, text, start, i, flags) < 0) {
            goto fail;
        }
    }
    return t;
fail:
    dg_tokens_free(t);
    return NULL;
}

void
dg_tokens_free(struct dg_tokens *t)
{
    if (!t)
        return;
    struct arena_block *b = t->blocks;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(t->v);
    free(t);
}

size_t
dg_tokens_count(const struct dg_tokens *t)
{
    return t ? t->n : 0;
}

const struct dg_token *
dg_tokens_get(const struct dg_tokens *t)
{
    return t ? t->v : NULL;
}

int
dg_tok_is(const struct dg_token *tok, const char *word)
{
    return tok->fold[0] == word[0] && strcmp(tok->fold, word) == 0;
}

int
dg_tok_is_ci(const struct dg_token *tok, const char *lword)
{
    return tok->lower[0] == lword[0] && strcmp(tok->lower, lword) == 0;
}

int
dg_word_in(const char *const *list, const char *w)
{
    /* the first byte first: most words fail there, without a call */
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(*list, w) == 0)
            return 1;
    return 0;
}
