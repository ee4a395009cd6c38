/* article.c: see article.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract/article.h"
#include "extract/text.h"

struct dg_article {
    const char *text; /* borrowed */
    size_t len;
    char date[11];
    int has_date;
    size_t body_start;
    struct dg_line *lines;
    size_t n_lines, cap_lines;
    int has_dateline;
    size_t dl_start, dl_end;
    char **translators, **authors;
    size_t n_translators, n_authors;
};

/* ---- small helpers ---------------------------------------------------- */

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skips spaces (Unicode, not line breaks) from *i forward. */
static void
skip_hspace(const char *s, size_t len, size_t *i)
{
    while (*i < len) {
        size_t j = *i;
        long cp = dg_text_next(s, len, &j);
        if (cp < 0 || cp == '\n' || !dg_text_is_space(cp))
            return;
        *i = j;
    }
}

/* Trims Unicode spaces at both ends of [*start, *end). */
static void
trim(const char *s, size_t *start, size_t *end)
{
    skip_hspace(s, *end, start);
    while (*end > *start) {
        size_t j = *end - 1;
        while (j > *start && ((unsigned char)s[j] & 0xc0) == 0x80)
            j--;
        size_t k = j;
        long cp = dg_text_next(s, *end, &k);
        if (cp < 0 || !dg_text_is_space(cp))
            break;
        *end = j;
    }
}

static int
prefix_ci(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != p[i])
            return 0;
    }
    return 1;
}

/* A line lowercased (ASCII) once, so that the chrome phrases are found
 * with strstr rather than a case-blind scan per phrase. */
struct lower_line {
    char buf[1024];
    char *s; /* buf, or a heap copy for long lines; NULL if out of memory */
};

static void
lower_line_init(struct lower_line *l, const char *s, size_t len)
{
    l->s = len < sizeof l->buf ? l->buf : malloc(len + 1);
    if (!l->s)
        return;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        /* a NUL cannot occur (article.c refuses binary text) */
        l->s[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    l->s[len] = '\0';
}

static void
lower_line_release(struct lower_line *l)
{
    if (l->s != l->buf)
        free(l->s);
}

/* p is lowercase ASCII */
static int
contains_ci(const struct lower_line *l, const char *p)
{
    return l->s && strstr(l->s, p) != NULL;
}

/* Parses " date YYYY-MM-DD" at the start; sets a->date and body_start. */
static void
parse_date_line(struct dg_article *a)
{
    const char *s = a->text;
    size_t len = a->len, i = 0;

    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    skip_hspace(s, len, &i);
    if (!prefix_ci(s + i, len - i, "date"))
        return;
    i += 4;
    size_t sp = i;
    skip_hspace(s, len, &i);
    if (i == sp || i + 10 > len)
        return;
    const char *d = s + i;
    if (!(is_digit(d[0]) && is_digit(d[1]) && is_digit(d[2]) &&
          is_digit(d[3]) && d[4] == '-' && is_digit(d[5]) && is_digit(d[6]) &&
          d[7] == '-' && is_digit(d[8]) && is_digit(d[9])))
        return;
    int month = (d[5] - '0') * 10 + (d[6] - '0');
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return;
    i += 10;
    if (i < len) {
        size_t j = i;
        long cp = dg_text_next(s, len, &j);
        if (cp < 0 || !dg_text_is_space(cp))
            return; /* "date 2021-10-12x" is not a date line */
    }
    memcpy(a->date, d, 10);
    a->date[10] = '\0';
    a->has_date = 1;
    skip_hspace(s, len, &i);
    a->body_start = i;
}

static int
push_line(struct dg_article *a, size_t start, size_t end, int para)
{
    if (a->n_lines == a->cap_lines) {
        size_t ncap = a->cap_lines ? a->cap_lines * 2 : 32;
        struct dg_line *nv = realloc(a->lines, ncap * sizeof *nv);
        if (!nv)
            return -1;
        a->lines = nv;
        a->cap_lines = ncap;
    }
    a->lines[a->n_lines].start = start;
    a->lines[a->n_lines].end = end;
    a->lines[a->n_lines].kind = DG_LINE_BODY;
    a->lines[a->n_lines].para = para;
    a->n_lines++;
    return 0;
}

static int
push_name(char ***v, size_t *n, const char *s, size_t len)
{
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    *v = nv;
    nv[*n] = malloc(len + 1);
    if (!nv[*n])
        return -1;
    memcpy(nv[*n], s, len);
    nv[*n][len] = '\0';
    (*n)++;
    return 0;
}

/* 1 when s[0..len) looks like a list of personal names: 1 to 6 words per
 * name, each starting with an uppercase letter (particles such as "de",
 * "van", "bin" allowed), names separated by "," "and" "&". */
static int
looks_like_names(const char *s, size_t len)
{
    size_t i = 0, words = 0, total = 0;
    while (i < len) {
        size_t j = i;
        long cp = dg_text_next(s, len, &j);
        if (cp < 0)
            return 0;
        if (dg_text_is_space(cp) || cp == ',' || cp == '&' || cp == '.' ||
            cp == '\'' || cp == '-' || cp == 0x2019) {
            i = j;
            continue;
        }
        if (!dg_text_is_word(cp))
            return 0;
        size_t ws = i;
        while (i < len) {
            size_t k = i;
            long c = dg_text_next(s, len, &k);
            if (c < 0 || !dg_text_is_word(c))
                break;
            i = k;
        }
        size_t wl = i - ws;
        if (dg_text_is_upper(cp)) {
            words++;
        } else if ((wl == 3 && memcmp(s + ws, "and", 3) == 0)) {
            words = 0;
        } else if ((wl == 2 && (memcmp(s + ws, "de", 2) == 0 ||
                                memcmp(s + ws, "da", 2) == 0)) ||
                   (wl == 3 && (memcmp(s + ws, "van", 3) == 0 ||
                                memcmp(s + ws, "von", 3) == 0 ||
                                memcmp(s + ws, "bin", 3) == 0 ||
                                memcmp(s + ws, "der", 3) == 0)) ||
                   (wl == 5 && memcmp(s + ws, "binti", 5) == 0)) {
            /* name particle */
        } else {
            return 0;
        }
        total++;
        if (words > 6)
            return 0;
    }
    return total > 0 && total <= 12;
}

/* Splits "A, B and C." into names and appends them to v. */
static int
add_names(char ***v, size_t *n, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t end = len, next = len;
        for (size_t k = i; k < len; k++) {
            if (s[k] == ',' || s[k] == '&') {
                end = k;
                next = k + 1;
                break;
            }
            if (k + 5 <= len && memcmp(s + k, " and ", 5) == 0) {
                end = k;
                next = k + 5;
                break;
            }
        }
        size_t a = i, b = end;
        trim(s, &a, &b);
        while (b > a && (s[b - 1] == '.' || s[b - 1] == ';'))
            b--;
        if (b > a && push_name(v, n, s + a, b - a) < 0)
            return -1;
        i = next;
    }
    return 0;
}

static const char *const byline_prefixes[] = {
    "by ", "reporting by ", "written by ", "story by ", "words by ", NULL};
static const char *const translator_prefixes[] = {
    "translated by ", "translation by ", "translated and edited by ", NULL};
/* Lines made only of these words (and a few more) are page chrome. */
static const char *const chrome_prefixes[] = {"share",
                                              "tweet",
                                              "print",
                                              "email",
                                              "e-mail",
                                              "home",
                                              "related",
                                              "tags:",
                                              "tag:",
                                              "read more",
                                              "see also",
                                              "advertisement",
                                              "comments",
                                              "follow us",
                                              "subscribe",
                                              "back to top",
                                              "top stories",
                                              "skip to",
                                              "sign in",
                                              "log in",
                                              "sign up",
                                              "register",
                                              "most read",
                                              "most popular",
                                              "you may also like",
                                              "recommended",
                                              "more stories",
                                              "latest news",
                                              "read also",
                                              "also read",
                                              "related stories",
                                              "related articles",
                                              NULL};
/* "Read more: Laos, Japan sign pact": a teaser after one of these is chrome
 * however long it is. */
static const char *const teaser_prefixes[] = {
    "read more:", "read also:", "also read:", "see also:", "related:",
    "more:",      "watch:",     "listen:",    "read:",     NULL};
/* Headings of a list of teasers: the lines after them are chrome until a
 * line of prose (final punctuation and more than 8 words). */
static const char *const teaser_lists[] = {
    "related",           "read more",   "read also",   "also read",
    "more stories",      "more news",   "most read",   "most popular",
    "you may also like", "recommended", "latest news", "top stories",
    "see also",          "trending",    NULL};
/* Phrases of cookie banners, paywalls and footers: a line that has one is
 * page chrome whatever its length. */
static const char *const chrome_phrases[] = {
    "we use cookies",        "cookie policy",
    "accept all cookies",    "accept cookies",
    "manage preferences",    "privacy policy",
    "subscribe to continue", "subscribe to read",
    "subscribers can read",  "already a subscriber",
    "already a member",      "log in to continue",
    "sign in to continue",   "create a free account",
    "all rights reserved",   "\xc2\xa9 ",
    "(c) copyright",         "terms of use",
    "terms and conditions",  NULL};

static int
classify_credit(struct dg_article *a, struct dg_line *l)
{
    const char *s = a->text + l->start;
    size_t len = l->end - l->start;
    if (len > 120)
        return 0;
    for (int t = 0; t < 2; t++) {
        const char *const *pre = t == 0 ? translator_prefixes : byline_prefixes;
        for (; *pre; pre++) {
            size_t pl = strlen(*pre);
            if (!prefix_ci(s, len, *pre))
                continue;
            size_t ns = pl, ne = len;
            trim(s, &ns, &ne);
            while (ne > ns && (s[ne - 1] == '.' || s[ne - 1] == ';'))
                ne--;
            if (ne == ns || !looks_like_names(s + ns, ne - ns))
                continue;
            if (t == 0) {
                l->kind = DG_LINE_TRANSLATOR;
                return add_names(&a->translators, &a->n_translators, s + ns,
                                 ne - ns) < 0
                           ? -1
                           : 1;
            }
            l->kind = DG_LINE_BYLINE;
            return add_names(&a->authors, &a->n_authors, s + ns, ne - ns) < 0
                       ? -1
                       : 1;
        }
    }
    return 0;
}

static int
ends_with_punct(const char *s, size_t len)
{
    while (len > 0) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c == '"' || c == '\'' || c == ')')
            len--;
        else if (len >= 3 && (unsigned char)s[len - 3] == 0xe2 &&
                 (unsigned char)s[len - 2] == 0x80 &&
                 ((unsigned char)s[len - 1] == 0x9d ||
                  (unsigned char)s[len - 1] == 0x99))
            len -= 3; /* closing curly quotes */
        else
            return c == '.' || c == '!' || c == '?' || c == ':';
    }
    return 0;
}

static void classify_text(struct dg_line *l, const char *s, size_t len,
                          const struct lower_line *low);

static void
classify_line(struct dg_article *a, struct dg_line *l)
{
    const char *s = a->text + l->start;
    size_t len = l->end - l->start;
    struct lower_line low;
    lower_line_init(&low, s, len);
    classify_text(l, s, len, &low);
    lower_line_release(&low);
}

/* sets l->kind from the line's text s (len bytes; low: lowercased) */
static void
classify_text(struct dg_line *l, const char *s, size_t len,
              const struct lower_line *low)
{
    size_t words = 0, i = 0;
    int in_word = 0;

    if (contains_ci(low, "(photo") || prefix_ci(s, len, "photo:") ||
        prefix_ci(s, len, "photo credit") || contains_ci(low, "(image:") ||
        prefix_ci(s, len, "file photo") ||
        contains_ci(low, "(illustrative photo")) {
        l->kind = DG_LINE_CAPTION;
        return;
    }
    for (i = 0; i < len; i++) {
        int w = s[i] != ' ' && s[i] != '\t';
        if (w && !in_word)
            words++;
        in_word = w;
    }
    for (const char *const *p = chrome_phrases; *p; p++) {
        if (contains_ci(low, *p)) {
            l->kind = DG_LINE_CHROME;
            return;
        }
    }
    for (const char *const *p = teaser_prefixes; *p; p++) {
        if (prefix_ci(s, len, *p) && words <= 30) {
            l->kind = DG_LINE_CHROME;
            return;
        }
    }
    if (ends_with_punct(s, len))
        return;
    if (words <= 3 || contains_ci(low, " | ") || contains_ci(low, " >> ")) {
        l->kind = DG_LINE_CHROME;
        return;
    }
    for (const char *const *p = chrome_prefixes; *p; p++) {
        if (prefix_ci(s, len, *p) && words <= 8) {
            l->kind = DG_LINE_CHROME;
            return;
        }
    }
}

static size_t
count_words(const char *s, size_t len)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        int w = s[i] != ' ' && s[i] != '\t';
        if (w && !in_word)
            words++;
        in_word = w;
    }
    return words;
}

/* "Related stories", "Read more" alone on a line (a final colon allowed). */
static int
teaser_heading(const struct dg_article *a, const struct dg_line *l)
{
    const char *s = a->text + l->start;
    size_t len = l->end - l->start;
    while (len > 0 && (s[len - 1] == ':' || s[len - 1] == ' '))
        len--;
    if (count_words(s, len) > 4)
        return 0;
    for (const char *const *p = teaser_lists; *p; p++)
        if (prefix_ci(s, len, *p))
            return 1;
    return 0;
}

/* A line of article prose: final punctuation, more than 8 words, and not a
 * list item ("- Admiral X named ..."). */
static int
is_prose(const struct dg_article *a, const struct dg_line *l)
{
    const char *s = a->text + l->start;
    size_t len = l->end - l->start;
    if (len > 0 && (s[0] == '-' || s[0] == '*'))
        return 0;
    if (len > 2 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0xa2) /* bullet */
        return 0;
    return ends_with_punct(s, len) && count_words(s, len) > 8;
}

/* A dateline: up to 8 capitalised words, digits, commas, full stops and a
 * parenthesised agency, then a dash with a space after it. */
static void
find_dateline(struct dg_article *a, const struct dg_line *l)
{
    const char *s = a->text;
    size_t i = l->start, words = 0;
    int paren = 0, saw_word = 0, caps = 1;

    while (i < l->end && i - l->start < 120) {
        size_t at = i;
        long cp = dg_text_next(s, l->end, &i);
        if (cp < 0)
            return;
        /* "SINGAPORE: Defence Minister ...": a place in capitals and a
         * colon */
        if (cp == ':' && saw_word && caps && !paren && words <= 3 &&
            i < l->end && s[i] == ' ') {
            size_t j = i;
            skip_hspace(s, l->end, &j);
            a->has_dateline = 1;
            a->dl_start = l->start;
            a->dl_end = j;
            return;
        }
        if (cp == '(') {
            paren++;
            continue;
        }
        if (cp == ')') {
            paren--;
            continue;
        }
        if (cp == 0x2013 || cp == 0x2014 || cp == '-') {
            /* "-" must stand alone between spaces; dashes need a space after */
            int space_before =
                at > l->start &&
                (s[at - 1] == ' ' || (unsigned char)s[at - 1] == 0xa0);
            /* "KUALA LUMPUR, March 9 (Bernama) -- ": a doubled hyphen */
            if (cp == '-' && i < l->end && s[i] == '-')
                i++;
            size_t j = i;
            long next = dg_text_next(s, l->end, &j);
            /* "AKP Phnom Penh, June 18, 2018 —Cambodian ...": a long dash
             * glued to the capital that starts the text */
            if (next < 0 ||
                (!dg_text_is_space(next) &&
                 !(cp != '-' && dg_text_is_upper(next))) ||
                !saw_word || paren)
                return;
            if (cp == '-' && !space_before)
                return;
            if (!dg_text_is_space(next))
                j = i; /* the text starts right after the dash */
            skip_hspace(s, l->end, &j);
            a->has_dateline = 1;
            a->dl_start = l->start;
            a->dl_end = j;
            return;
        }
        if (dg_text_is_space(cp) || cp == ',' || cp == '.' || cp == '/')
            continue;
        if (!dg_text_is_word(cp))
            return;
        if (!paren && !dg_text_is_upper(cp) && !(cp >= '0' && cp <= '9'))
            return;
        while (i < l->end) {
            size_t k = i;
            long c = dg_text_next(s, l->end, &k);
            if (c < 0 || !dg_text_is_word(c))
                break;
            if (!paren && dg_text_is_lower(c))
                caps = 0;
            i = k;
        }
        saw_word = 1;
        if (++words > 8)
            return;
    }
}

int
dg_article_parse(const char *text, size_t len, size_t max_bytes,
                 struct dg_article **out, struct dg_error *err)
{
    struct dg_article *a = NULL;
    int rc = -1;
    size_t i;

    *out = NULL;
    if (!text || len == 0)
        return dg_error_set(err, DG_ERR_INPUT, "empty text");
    if (len > max_bytes)
        return dg_error_set(err, DG_ERR_INPUT,
                            "text too big (%zu bytes, limit %zu)", len,
                            max_bytes);
    if (dg_text_validate(text, len, err) < 0)
        return -1;
    a = calloc(1, sizeof *a);
    if (!a)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    a->text = text;
    a->len = len;
    parse_date_line(a);

    /* split the body into lines */
    i = a->body_start;
    int blank = 1;
    while (i < len) {
        size_t start = i, end;
        while (i < len && text[i] != '\n')
            i++;
        end = i;
        if (i < len)
            i++;
        trim(text, &start, &end);
        if (end == start) {
            blank = 1;
            continue;
        }
        if (push_line(a, start, end, blank) < 0)
            goto nomem;
        blank = 0;
    }
    if (a->n_lines == 0) {
        dg_error_set(err, DG_ERR_INPUT, "article has no body text");
        goto out;
    }
    int seen_body = 0, teasers = 0;
    for (i = 0; i < a->n_lines; i++) {
        struct dg_line *l = &a->lines[i];
        int c = classify_credit(a, l);
        if (c < 0)
            goto nomem;
        if (c == 0)
            classify_line(a, l);
        if (teasers && l->kind == DG_LINE_BODY) {
            if (is_prose(a, l))
                teasers = 0;
            else
                l->kind = DG_LINE_CHROME;
        }
        if (l->kind == DG_LINE_CHROME && teaser_heading(a, l))
            teasers = 1;
        /* the dateline opens the first body line, or the line after a
         * headline ("Vietnam beat Thailand 2-1 ..." then "HÀ NỘI — ...") */
        if (l->kind == DG_LINE_BODY && seen_body < 2 && !a->has_dateline) {
            seen_body = is_prose(a, l) ? 2 : seen_body + 1;
            find_dateline(a, l);
        }
    }
    *out = a;
    a = NULL;
    rc = 0;
    goto out;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
out:
    dg_article_free(a);
    return rc;
}

void
dg_article_free(struct dg_article *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_translators; i++)
        free(a->translators[i]);
    for (size_t i = 0; i < a->n_authors; i++)
        free(a->authors[i]);
    free(a->translators);
    free(a->authors);
    free(a->lines);
    free(a);
}

const char *
dg_article_date(const struct dg_article *a)
{
    return a && a->has_date ? a->date : NULL;
}

size_t
dg_article_body_start(const struct dg_article *a)
{
    return a ? a->body_start : 0;
}

const struct dg_line *
dg_article_lines(const struct dg_article *a, size_t *n)
{
    *n = a ? a->n_lines : 0;
    return a ? a->lines : NULL;
}

int
dg_article_dateline(const struct dg_article *a, size_t *start, size_t *end)
{
    if (!a || !a->has_dateline)
        return -1;
    *start = a->dl_start;
    *end = a->dl_end;
    return 0;
}

size_t
dg_article_translator_count(const struct dg_article *a)
{
    return a ? a->n_translators : 0;
}

const char *
dg_article_translator(const struct dg_article *a, size_t i)
{
    return a && i < a->n_translators ? a->translators[i] : NULL;
}

size_t
dg_article_author_count(const struct dg_article *a)
{
    return a ? a->n_authors : 0;
}

const char *
dg_article_author(const struct dg_article *a, size_t i)
{
    return a && i < a->n_authors ? a->authors[i] : NULL;
}
