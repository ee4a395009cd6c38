/* sparql_check.c: see sparql_check.h.  A small lexer: it skips comments,
 * string literals and IRI references, and looks at keywords. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/sparql_check.h"

struct rule {
    const char *word;   /* keyword, matched case-insensitively */
    const char *advice; /* what to write instead */
};

static const struct rule rules[] = {
    {"VALUES", "VALUES gives wrong rows and can crash rasqal 0.9.33: use "
               "FILTER(?x = a || ?x = b) or UNION"},
    {"MINUS", "MINUS is not supported by rasqal 0.9.33: use OPTIONAL { ... } "
              "FILTER(!BOUND(?x))"},
    {"EXISTS", "EXISTS and NOT EXISTS are not supported by rasqal 0.9.33: use "
               "OPTIONAL { ... } FILTER(BOUND(?x)) or FILTER(!BOUND(?x))"},
    {"DESCRIBE", "DESCRIBE is not supported by rasqal 0.9.33: use "
                 "CONSTRUCT { <x> ?p ?o } WHERE { <x> ?p ?o }"},
    {"YEAR", "YEAR() returns nothing on rasqal 0.9.33: use "
             "SUBSTR(STR(?date), 1, 4)"},
    {"INSERT", "updates are not supported: diplograph queries are read-only"},
    {"DELETE", "updates are not supported: diplograph queries are read-only"},
    {"LOAD", "updates are not supported: diplograph queries are read-only"},
    {"CLEAR", "updates are not supported: diplograph queries are read-only"},
    {"DROP", "updates are not supported: diplograph queries are read-only"},
    {"SEPARATOR", "GROUP_CONCAT ignores SEPARATOR on rasqal 0.9.33 (it "
                  "always joins with a space): leave SEPARATOR out"},
    {"SERVICE", "federated queries (SERVICE) are not supported"},
};

struct pos {
    const char *q;
    int line, col;
};

static void
advance(struct pos *p)
{
    if (*p->q == '\n') {
        p->line++;
        p->col = 1;
    } else if ((*p->q & 0xc0) != 0x80) {
        p->col++;
    }
    p->q++;
}

static int
is_name_char(int c)
{
    return isalnum(c) || c == '_' || c == '-' || (c & 0x80);
}

int
dg_sparql_check(const char *query, struct dg_error *err)
{
    struct pos p = {query, 1, 1};
    int bind_depth = -1; /* paren depth at which a BIND( opened, or -1 */
    int depth = 0;

    while (*p.q) {
        unsigned char c = (unsigned char)*p.q;
        if (c == '#') { /* comment */
            while (*p.q && *p.q != '\n')
                advance(&p);
            continue;
        }
        if (c == '"' || c == '\'') { /* string, short or long */
            char quote = (char)c;
            int longstr = p.q[1] == quote && p.q[2] == quote;
            int n = longstr ? 3 : 1;
            for (int i = 0; i < n; i++)
                advance(&p);
            while (*p.q) {
                if (*p.q == '\\' && p.q[1]) {
                    advance(&p);
                    advance(&p);
                    continue;
                }
                if (*p.q == quote &&
                    (!longstr || (p.q[1] == quote && p.q[2] == quote))) {
                    for (int i = 0; i < n; i++)
                        advance(&p);
                    break;
                }
                if (!longstr && *p.q == '\n')
                    break;
                advance(&p);
            }
            continue;
        }
        if (c == '<') { /* IRI reference, or less-than */
            const char *e = p.q + 1;
            while (*e && !strchr("<>\"{}|^`\\ \t\r\n", *e))
                e++;
            if (*e == '>') {
                while (p.q <= e)
                    advance(&p);
                continue;
            }
        }
        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (depth == bind_depth)
                bind_depth = -1;
            depth--;
        }
        if (c == '?' || c == '$') { /* variable: skip its name */
            advance(&p);
            while (*p.q && is_name_char((unsigned char)*p.q))
                advance(&p);
            continue;
        }
        if (isalpha(c)) {
            struct pos start = p;
            char word[32];
            size_t n = 0;
            int prefixed = 0;
            while (*p.q && (is_name_char((unsigned char)*p.q) || *p.q == ':' ||
                            *p.q == '.')) {
                if (*p.q == '.' && !is_name_char((unsigned char)p.q[1]))
                    break;
                if (*p.q == ':')
                    prefixed = 1;
                if (n + 1 < sizeof word)
                    word[n++] = *p.q;
                advance(&p);
            }
            word[n] = '\0';
            if (prefixed)
                continue; /* a prefixed name such as dg:values */
            for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
                if (strcasecmp(word, rules[i].word) != 0)
                    continue;
                return dg_error_set(err, DG_ERR_QUERY, "line %d, column %d: %s",
                                    start.line, start.col, rules[i].advice);
            }
            if (!strcasecmp(word, "BIND"))
                bind_depth = depth + 1;
            if (!strcasecmp(word, "CONCAT") && bind_depth >= 0 &&
                depth >= bind_depth - 1)
                return dg_error_set(
                    err, DG_ERR_QUERY,
                    "line %d, column %d: CONCAT inside BIND returns garbage on "
                    "rasqal 0.9.33: select the parts as separate columns",
                    start.line, start.col);
            continue;
        }
        advance(&p);
    }
    return 0;
}

/* ---- ORDER BY keys */

/* Copies query into out (same length) with comments, strings and IRI
 * references blanked out, so keywords can be found by plain scanning. */
static void
blank_out(const char *q, char *out)
{
    size_t i = 0, n = strlen(q);
    memcpy(out, q, n + 1);
    while (i < n) {
        char c = q[i];
        if (c == '#') {
            while (i < n && q[i] != '\n')
                out[i++] = ' ';
        } else if (c == '"' || c == '\'') {
            int longstr = i + 2 < n && q[i + 1] == c && q[i + 2] == c;
            size_t k = i + (longstr ? 3 : 1);
            while (k < n) {
                if (q[k] == '\\' && k + 1 < n) {
                    k += 2;
                    continue;
                }
                if (q[k] == c &&
                    (!longstr || (k + 2 < n && q[k + 1] == c && q[k + 2] == c)))
                    break;
                k++;
            }
            k = k < n ? k + (longstr ? 3 : 1) : n;
            if (k > n)
                k = n;
            memset(out + i, ' ', k - i);
            i = k;
        } else if (c == '<') {
            size_t k = i + 1;
            while (k < n && !strchr("<>\"{}|^`\\ \t\r\n", q[k]))
                k++;
            if (k < n && q[k] == '>') {
                memset(out + i, ' ', k + 1 - i);
                i = k + 1;
            } else {
                i++;
            }
        } else {
            i++;
        }
    }
}

static const char *
skip_space(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

static int
word_at(const char *p, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0 && !is_name_char((unsigned char)p[n]);
}

/* reads ?var or $var at p into key; returns the end or NULL */
static const char *
read_var(const char *p, struct dg_order_key *key)
{
    if (*p != '?' && *p != '$')
        return NULL;
    p++;
    size_t n = 0;
    while (is_name_char((unsigned char)p[n]) && p[n] != '-')
        n++;
    if (n == 0 || n >= sizeof key->var)
        return NULL;
    memcpy(key->var, p, n);
    key->var[n] = '\0';
    return p + n;
}

size_t
dg_sparql_order_keys(const char *query, struct dg_order_key *keys, size_t max)
{
    size_t n = strlen(query), count = 0;
    char *clean = malloc(n + 1);
    const char *order = NULL;
    int depth = 0;
    if (!clean)
        return 0;
    blank_out(query, clean);
    for (const char *p = clean; *p; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}')
            depth--;
        else if (depth == 0 &&
                 (p == clean || !is_name_char((unsigned char)p[-1])) &&
                 word_at(p, "ORDER") && word_at(skip_space(p + 5), "BY"))
            order = skip_space(skip_space(p + 5) + 2);
    }
    for (const char *p = order; p && *p && count < max;) {
        p = skip_space(p);
        if (!*p || word_at(p, "LIMIT") || word_at(p, "OFFSET"))
            break;
        struct dg_order_key k = {"", 0};
        const char *e = read_var(p, &k);
        if (!e && (word_at(p, "ASC") || word_at(p, "DESC"))) {
            k.desc = word_at(p, "DESC");
            const char *q = skip_space(p + (k.desc ? 4 : 3));
            if (*q == '(' && (e = read_var(skip_space(q + 1), &k))) {
                e = skip_space(e);
                e = *e == ')' ? e + 1 : NULL;
            } else {
                e = NULL;
            }
        }
        if (!e) { /* an expression: leave the engine's order alone */
            count = 0;
            break;
        }
        keys[count++] = k;
        p = e;
    }
    free(clean);
    return count;
}
