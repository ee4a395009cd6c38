/* lex.c: the SPARQL 1.1 lexer; see lex.h. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "graph/sparql/lex.h"

/* ---- UTF-8 --------------------------------------------------------- */

/* Decodes the character at s; *n gets its length in bytes (1 for an
 * invalid byte, decoded as 0xFFFD). */
static uint32_t
utf8_get(const char *s, int *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *n = 1;
        return u[0];
    }
    int len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
    if (!len || u[0] >= 0xF8) {
        *n = 1;
        return 0xFFFD;
    }
    uint32_t c = u[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *n = 1;
            return 0xFFFD;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *n = len;
    return c;
}

static size_t
utf8_put(char *d, uint32_t c)
{
    if (c < 0x80) {
        d[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ---- character classes (19.8, productions 164-170) ----------------- */

static int
pn_chars_base(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) ||
           (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
           (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
           (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
           (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
           (c >= 0xFDF0 && c <= 0xFFFD && c != 0xFFFD) ||
           (c >= 0x10000 && c <= 0xEFFFF);
}

static int
pn_chars_u(uint32_t c)
{
    return pn_chars_base(c) || c == '_';
}

static int
pn_chars(uint32_t c)
{
    return pn_chars_u(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

static int
varname_char(uint32_t c)
{
    return pn_chars_u(c) || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ---- buffers ------------------------------------------------------- */

struct buf {
    char *s;
    size_t n, cap;
};

static int
buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns)
            return -1;
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

static char *
dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* ---- the lexer ----------------------------------------------------- */

int
dg_lex_init(struct dg_lex *lx, const char *text, struct dg_error *err)
{
    size_t n = strlen(text);
    memset(lx, 0, sizeof *lx);
    /* the query must be UTF-8: say where it is not */
    {
        int line = 1, col = 1;
        for (size_t i = 0; i < n;) {
            utf8proc_int32_t c;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                 (utf8proc_ssize_t)(n - i), &c);
            if (k < 0)
                return dg_error_set(err, DG_ERR_QUERY,
                                    "line %d, column %d: the query is not "
                                    "valid UTF-8",
                                    line, col);
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i += (size_t)k;
        }
    }
    lx->text = malloc(n + 1);
    if (!lx->text)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    /* \uXXXX and \UXXXXXXXX anywhere in the text (19.2) */
    char *d = lx->text;
    int line = 1, col = 1;
    for (size_t i = 0; i < n;) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80)
            col++;
        if (text[i] == '\\' && (text[i + 1] == 'u' || text[i + 1] == 'U')) {
            int k = text[i + 1] == 'u' ? 4 : 8, j;
            uint32_t c = 0;
            for (j = 0; j < k; j++) {
                int h = hexval((unsigned char)text[i + 2 + j]);
                if (h < 0)
                    break;
                c = c * 16 + (uint32_t)h;
            }
            if (j == k && (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) {
                free(lx->text);
                lx->text = NULL;
                return dg_error_set(err, DG_ERR_QUERY,
                                    "line %d, column %d: bad code point "
                                    "escape '%.*s'",
                                    line, col - 1, k + 2, text + i);
            }
            if (j == k && c != 0) {
                d += utf8_put(d, c);
                i += 2 + (size_t)k;
                continue;
            }
        }
        *d++ = text[i++];
    }
    *d = '\0';
    lx->p = lx->text;
    lx->line = 1;
    lx->col = 1;
    return 0;
}

void
dg_lex_release(struct dg_lex *lx)
{
    free(lx->text);
    lx->text = NULL;
}

void
dg_token_clear(struct dg_token *t)
{
    free(t->val);
    free(t->val2);
    memset(t, 0, sizeof *t);
}

/* advances over n bytes of one line (no newline), counting characters */
static void
adv(struct dg_lex *lx, size_t n)
{
    const char *end = lx->p + n;
    while (lx->p < end) {
        unsigned char c = (unsigned char)*lx->p;
        if (c == '\n') {
            lx->line++;
            lx->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            lx->col++;
        }
        lx->p++;
    }
}

static int
lex_error(struct dg_lex *lx, struct dg_error *err, int line, int col,
          const char *what)
{
    (void)lx;
    return dg_error_set(err, DG_ERR_QUERY, "line %d, column %d: %s", line, col,
                        what);
}

static void
skip_space(struct dg_lex *lx)
{
    for (;;) {
        char c = *lx->p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            adv(lx, 1);
        else if (c == '#') {
            while (*lx->p && *lx->p != '\n')
                adv(lx, 1);
        } else
            break;
    }
}

/* length of PN_PREFIX at s (0 if none): PN_CHARS_BASE ((PN_CHARS|.)*
 * PN_CHARS)? */
static size_t
scan_prefix(const char *s)
{
    int n;
    uint32_t c = utf8_get(s, &n);
    if (!pn_chars_base(c))
        return 0;
    size_t i = (size_t)n, last = i;
    for (;;) {
        c = utf8_get(s + i, &n);
        if (pn_chars(c)) {
            i += (size_t)n;
            last = i;
        } else if (c == '.') {
            i += 1;
        } else
            break;
    }
    return last;
}

static int
local_esc(int c)
{
    return c && strchr("_~.-!$&'()*+,;=/?#@%", c) != NULL;
}

/* scans PN_LOCAL at s; decoded into b; returns its raw length (0: none,
 * (size_t)-1: out of memory) */
static size_t
scan_local(const char *s, struct buf *b)
{
    size_t i = 0, last = 0, blast = 0;
    for (;;) {
        int n;
        uint32_t c = utf8_get(s + i, &n);
        int first = i == 0;
        if (c == '%' && hexval((unsigned char)s[i + 1]) >= 0 &&
            hexval((unsigned char)s[i + 2]) >= 0) {
            if (buf_add(b, s + i, 3))
                return (size_t)-1;
            i += 3;
        } else if (c == '\\' && local_esc((unsigned char)s[i + 1])) {
            if (buf_add(b, s + i + 1, 1))
                return (size_t)-1;
            i += 2;
        } else if (pn_chars_u(c) || c == ':' || is_digit((int)c) ||
                   (!first && pn_chars(c))) {
            if (buf_add(b, s + i, (size_t)n))
                return (size_t)-1;
            i += (size_t)n;
        } else if (c == '.' && !first) {
            if (buf_add(b, ".", 1))
                return (size_t)-1;
            i += 1;
            continue; /* a trailing dot is not part of the name */
        } else
            break;
        last = i;
        blast = b->n;
    }
    b->n = blast;
    if (b->s)
        b->s[b->n] = '\0';
    return last;
}

static int
lex_string(struct dg_lex *lx, struct dg_token *t, struct dg_error *err)
{
    char q = *lx->p;
    int longq = lx->p[1] == q && lx->p[2] == q;
    const char *s = lx->p + (longq ? 3 : 1);
    struct buf b = {0};
    for (;;) {
        char c = *s;
        if (!c) {
            free(b.s);
            return lex_error(lx, err, t->line, t->col, "unterminated string");
        }
        if (c == q) {
            if (!longq) {
                s++;
                break;
            }
            if (s[1] == q && s[2] == q) {
                /* """a"""" : the closing quotes are the last three */
                while (s[3] == q) {
                    if (buf_add(&b, s, 1))
                        goto nomem;
                    s++;
                }
                s += 3;
                break;
            }
        }
        if (!longq && (c == '\n' || c == '\r')) {
            free(b.s);
            return lex_error(lx, err, t->line, t->col,
                             "end of line in a string");
        }
        if (c == '\\') {
            const char *e = NULL;
            switch (s[1]) {
            case 't': e = "\t"; break;
            case 'b': e = "\b"; break;
            case 'n': e = "\n"; break;
            case 'r': e = "\r"; break;
            case 'f': e = "\f"; break;
            case '"': e = "\""; break;
            case '\'': e = "'"; break;
            case '\\': e = "\\"; break;
            default: break;
            }
            if (!e) {
                free(b.s);
                return lex_error(lx, err, t->line, t->col,
                                 "bad escape sequence in a string");
            }
            if (buf_add(&b, e, 1))
                goto nomem;
            s += 2;
            continue;
        }
        if (buf_add(&b, s, 1))
            goto nomem;
        s++;
    }
    if (!b.s && buf_add(&b, "", 0))
        goto nomem;
    t->type = DG_T_STRING;
    t->val = b.s;
    t->vlen = b.n;
    adv(lx, (size_t)(s - lx->p));
    return 0;
nomem:
    free(b.s);
    return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
}

/* numbers: INTEGER, DECIMAL, DOUBLE, with an optional sign */
static size_t
scan_number(const char *s, int *type)
{
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    size_t d0 = i;
    while (is_digit(s[i]))
        i++;
    size_t nint = i - d0, nfrac = 0;
    int dot = 0;
    if (s[i] == '.' && (is_digit(s[i + 1]) ||
                        (nint && (s[i + 1] == 'e' || s[i + 1] == 'E')))) {
        dot = 1;
        i++;
        while (is_digit(s[i])) {
            i++;
            nfrac++;
        }
    }
    if (!nint && !nfrac)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (is_digit(s[j])) {
            while (is_digit(s[j]))
                j++;
            *type = DG_T_DOUBLE;
            return j;
        }
    }
    *type = dot ? DG_T_DECIMAL : DG_T_INTEGER;
    return i;
}

int
dg_lex_next(struct dg_lex *lx, struct dg_token *t, struct dg_error *err)
{
    dg_token_clear(t);
    skip_space(lx);
    t->start = lx->p;
    t->line = lx->line;
    t->col = lx->col;
    const char *s = lx->p;
    char c = *s;
    size_t n = 0;
    int type = DG_T_EOF;

    if (!c) {
        t->type = DG_T_EOF;
        return 0;
    }
    if (c == '"' || c == '\'') {
        if (lex_string(lx, t, err))
            return -1;
        t->len = (size_t)(lx->p - t->start);
        return 0;
    }
    if (c == '<') {
        /* IRIREF, else '<' or '<=' */
        size_t i = 1;
        for (;;) {
            unsigned char u = (unsigned char)s[i];
            if (u == '>' || u <= 0x20 || strchr("<\"{}|^`\\", u))
                break;
            i++;
        }
        if (s[i] == '>') {
            t->type = DG_T_IRIREF;
            t->val = dup_n(s + 1, i - 1);
            if (!t->val)
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            t->vlen = i - 1;
            n = i + 1;
            goto done;
        }
        type = s[1] == '=' ? DG_T_LE : DG_T_LT;
        n = s[1] == '=' ? 2 : 1;
        goto punct;
    }
    if (c == '?' || c == '$') {
        int k;
        uint32_t u = utf8_get(s + 1, &k);
        if (varname_char(u) && !(u == 0xB7 || (u >= 0x300 && u <= 0x36F) ||
                                 (u >= 0x203F && u <= 0x2040))) {
            size_t i = 1;
            while (varname_char(u = utf8_get(s + i, &k)))
                i += (size_t)k;
            t->type = DG_T_VAR;
            t->val = dup_n(s + 1, i - 1);
            if (!t->val)
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            t->vlen = i - 1;
            n = i;
            goto done;
        }
        if (c == '$')
            return lex_error(lx, err, t->line, t->col,
                             "'$' not followed by a variable name");
        type = DG_T_QUESTION;
        n = 1;
        goto punct;
    }
    if (c == '@') {
        size_t i = 1;
        while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
            i++;
        if (i == 1)
            return lex_error(lx, err, t->line, t->col,
                             "'@' not followed by a language tag");
        while (s[i] == '-' &&
               ((s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
                (s[i + 1] >= 'A' && s[i + 1] <= 'Z') || is_digit(s[i + 1]))) {
            i++;
            while ((s[i] >= 'a' && s[i] <= 'z') ||
                   (s[i] >= 'A' && s[i] <= 'Z') || is_digit(s[i]))
                i++;
        }
        t->type = DG_T_LANGTAG;
        t->val = dup_n(s + 1, i - 1);
        if (!t->val)
            return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        t->vlen = i - 1;
        n = i;
        goto done;
    }
    if (c == '_' && s[1] == ':') {
        int k;
        uint32_t u = utf8_get(s + 2, &k);
        if (!pn_chars_u(u) && !is_digit((int)u))
            return lex_error(lx, err, t->line, t->col, "bad blank node label");
        size_t i = 2 + (size_t)k, last = i;
        for (;;) {
            u = utf8_get(s + i, &k);
            if (pn_chars(u)) {
                i += (size_t)k;
                last = i;
            } else if (u == '.')
                i++;
            else
                break;
        }
        t->type = DG_T_BLANK;
        t->val = dup_n(s + 2, last - 2);
        if (!t->val)
            return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        t->vlen = last - 2;
        n = last;
        goto done;
    }
    if (is_digit(c) ||
        ((c == '.' || c == '+' || c == '-') &&
         (is_digit(s[1]) || (s[1] == '.' && is_digit(s[2]) && c != '.')))) {
        n = scan_number(s, &type);
        if (n) {
            t->type = type;
            t->val = dup_n(s, n);
            if (!t->val)
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            t->vlen = n;
            goto done;
        }
    }
    if (c == '(' || c == '[') {
        size_t i = 1;
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
            i++;
        if (s[i] == (c == '(' ? ')' : ']')) {
            /* NIL or ANON may span lines: count them */
            t->type = c == '(' ? DG_T_NIL : DG_T_ANON;
            n = i + 1;
            goto done;
        }
    }
    {
        /* prefixed names and bare words */
        size_t pl = scan_prefix(s);
        if (s[pl] == ':') {
            struct buf b = {0};
            size_t ll = scan_local(s + pl + 1, &b);
            if (ll == (size_t)-1) {
                free(b.s);
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            }
            t->val = dup_n(s, pl);
            if (!t->val) {
                free(b.s);
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            }
            t->vlen = pl;
            if (ll) {
                t->type = DG_T_PNAME_LN;
                t->val2 = b.s;
            } else {
                t->type = DG_T_PNAME_NS;
                free(b.s);
            }
            n = pl + 1 + ll;
            goto done;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            size_t i = 0;
            while ((s[i] >= 'a' && s[i] <= 'z') ||
                   (s[i] >= 'A' && s[i] <= 'Z') || is_digit(s[i]) ||
                   s[i] == '_')
                i++;
            t->type = DG_T_NAME;
            t->val = dup_n(s, i);
            if (!t->val)
                return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            t->vlen = i;
            n = i;
            goto done;
        }
    }
    switch (c) {
    case '{':
        type = DG_T_LBRACE;
        n = 1;
        break;
    case '}':
        type = DG_T_RBRACE;
        n = 1;
        break;
    case '(':
        type = DG_T_LPAREN;
        n = 1;
        break;
    case ')':
        type = DG_T_RPAREN;
        n = 1;
        break;
    case '[':
        type = DG_T_LBRACKET;
        n = 1;
        break;
    case ']':
        type = DG_T_RBRACKET;
        n = 1;
        break;
    case '.':
        type = DG_T_DOT;
        n = 1;
        break;
    case ',':
        type = DG_T_COMMA;
        n = 1;
        break;
    case ';':
        type = DG_T_SEMI;
        n = 1;
        break;
    case '/':
        type = DG_T_SLASH;
        n = 1;
        break;
    case '*':
        type = DG_T_STAR;
        n = 1;
        break;
    case '+':
        type = DG_T_PLUS;
        n = 1;
        break;
    case '-':
        type = DG_T_MINUS;
        n = 1;
        break;
    case '^':
        type = s[1] == '^' ? DG_T_DCARET : DG_T_CARET;
        n = s[1] == '^' ? 2 : 1;
        break;
    case '!':
        type = s[1] == '=' ? DG_T_NE : DG_T_BANG;
        n = s[1] == '=' ? 2 : 1;
        break;
    case '=':
        type = DG_T_EQ;
        n = 1;
        break;
    case '>':
        type = s[1] == '=' ? DG_T_GE : DG_T_GT;
        n = s[1] == '=' ? 2 : 1;
        break;
    case '&':
        if (s[1] == '&') {
            type = DG_T_AND;
            n = 2;
        }
        break;
    case '|':
        type = s[1] == '|' ? DG_T_OR : DG_T_PIPE;
        n = s[1] == '|' ? 2 : 1;
        break;
    default: break;
    }
    if (!n) {
        char msg[64];
        int k;
        utf8_get(s, &k);
        snprintf(msg, sizeof msg, "unexpected character '%.*s'", k, s);
        return lex_error(lx, err, t->line, t->col, msg);
    }
punct:
    t->type = type;
done:
    t->len = n;
    adv(lx, n);
    return 0;
}

const char *
dg_token_describe(const struct dg_token *t, char *buf, size_t n)
{
    if (t->type == DG_T_EOF) {
        snprintf(buf, n, "end of query");
        return buf;
    }
    size_t len = t->len;
    const char *nl = memchr(t->start, '\n', len);
    if (nl)
        len = (size_t)(nl - t->start);
    if (len > 40)
        snprintf(buf, n, "'%.37s...'", t->start);
    else
        snprintf(buf, n, "'%.*s'", (int)len, t->start);
    return buf;
}
