/* sparql_check.c: see sparql_check.h.  A small lexer: it skips comments,
 * string literals and IRI references, and looks at keywords. */
#include "config.h"

#include <ctype.h>
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
