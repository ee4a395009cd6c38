/* html.c: saved web pages to article text (see html.h).
 *
 * Three walks over libxml2's tree: scan() measures every element (its
 * visible text, the part of it inside links, the text of its paragraphs)
 * and collects the title and date candidates; choose() decides which
 * elements are boilerplate and finds the main part; emit() writes the
 * blocks of the main part.  The measures live in an array that each
 * element's _private field indexes (the field is the application's). */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
#include "extract/html.h"
#include "extract/text.h"

/* deeper elements are not looked into (libxml2 itself stops at 256) */
#define MAX_DEPTH 1024

/* ---- a growing string with whitespace collapsing */

struct sbuf {
    char *p;
    size_t len, cap;
    int space; /* a space is pending before the next visible character */
    int nomem;
};

static void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
    if (!b->nomem && dg_buf_append(&b->p, &b->len, &b->cap, 256, s, n) < 0)
        b->nomem = 1;
}

/* Appends s with every run of spaces (Unicode ones too) and control
 * characters as one space, none at the start; soft hyphens and
 * zero-width characters are dropped. */
static void
sbuf_text(struct sbuf *b, const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        size_t at = i;
        long cp = dg_text_next(s, len, &i);
        if (cp < 0 || cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) ||
            cp == 0xFEFF)
            continue;
        if (dg_text_is_space(cp) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            b->space = 1;
            continue;
        }
        if (b->space && b->len)
            sbuf_add(b, " ", 1);
        b->space = 0;
        sbuf_add(b, s + at, i - at);
    }
}

/* the visible characters of s (no spaces): what the measures count */
static size_t
visible_len(const char *s)
{
    size_t len = strlen(s), i = 0, n = 0;
    while (i < len) {
        long cp = dg_text_next(s, len, &i);
        if (cp > 0x20 && !dg_text_is_space(cp))
            n++;
    }
    return n;
}

/* ---- element kinds */

static int
name_in(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (!strcmp((const char *)n->name, *names))
            return 1;
    return 0;
}

/* left out for their kind, with everything in them */
static const char *const dropped_names[] = {
    "script", "style",    "noscript", "nav",        "header",   "footer",
    "aside",  "iframe",   "svg",      "figcaption", "template", "button",
    "select", "textarea", "object",   "embed",      "canvas",   "audio",
    "video",  "menu",     "dialog",   "head",       "title",    NULL};

/* a block: its text is a paragraph of its own */
static const char *const block_names[] = {
    "p",          "div",     "section", "article", "main", "h1",     "h2",
    "h3",         "h4",      "h5",      "h6",      "li",   "ul",     "ol",
    "blockquote", "pre",     "table",   "tr",      "td",   "th",     "dl",
    "dt",         "dd",      "address", "figure",  "hr",   "center", "form",
    "fieldset",   "details", "summary", "body",    NULL};

/* the blocks counted as "text blocks" in the stats */
static const char *const text_block_names[] = {
    "p",  "h1", "h2",         "h3",  "h4", "h5", "h6",
    "li", "dd", "blockquote", "pre", "td", NULL};

/* what a list of links may be */
static const char *const list_names[] = {"ul",    "ol", "div", "section",
                                         "table", "p",  "dl",  NULL};

/* class and id words of boilerplate */
static const char *const boiler_words[] = {
    "nav",      "menu",       "footer",  "sidebar",    "related",   "share",
    "social",   "comment",    "cookie",  "newsletter", "advert",    "promo",
    "teaser",   "breadcrumb", "caption", "credit",     "subscribe", "popup",
    "masthead", "banner",     NULL};

/* role values of boilerplate */
static const char *const boiler_roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search", "menu",
    "dialog",     "alert",  NULL};

/* the value of attribute name of n (borrowed from the tree), or NULL */
static const char *
attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcasecmp((const char *)a->name, name)) {
            const xmlNode *t = a->children;
            return t && t->content ? (const char *)t->content : "";
        }
    return NULL;
}

static int
attr_is(const xmlNode *n, const char *name, const char *value)
{
    const char *v = attr(n, name);
    return v && !strcasecmp(v, value);
}

/* 1 when a lowercased copy of v contains one of the boilerplate words */
static int
boiler_value(const char *v)
{
    char low[256];
    size_t i = 0;
    if (!v)
        return 0;
    for (; v[i] && i + 1 < sizeof low; i++)
        low[i] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32 : v[i]);
    low[i] = '\0';
    for (const char *const *w = boiler_words; *w; w++)
        if (strstr(low, *w))
            return 1;
    return 0;
}

/* elements never taken for boilerplate: they hold the article */
static int
is_marker(const xmlNode *n)
{
    static const char *const names[] = {"article", "main", "body", "html",
                                        NULL};
    return name_in(n, names) || attr_is(n, "itemprop", "articleBody") ||
           attr_is(n, "role", "main");
}

/* 1 when the element's class, id, role or hidden state says boilerplate */
static int
boiler_element(const xmlNode *n)
{
    const char *style = attr(n, "style"), *role = attr(n, "role");
    if (is_marker(n))
        return 0;
    if (!strcmp((const char *)n->name, "form"))
        return 1;
    if (attr(n, "hidden") || attr_is(n, "aria-hidden", "true"))
        return 1;
    if (style) {
        char compact[128];
        size_t o = 0;
        for (size_t i = 0; style[i] && o + 1 < sizeof compact; i++)
            if (style[i] != ' ')
                compact[o++] =
                    (char)((style[i] >= 'A' && style[i] <= 'Z') ? style[i] + 32
                                                                : style[i]);
        compact[o] = '\0';
        if (strstr(compact, "display:none") ||
            strstr(compact, "visibility:hidden"))
            return 1;
    }
    if (role)
        for (const char *const *r = boiler_roles; *r; r++)
            if (!strcasecmp(role, *r))
                return 1;
    return boiler_value(attr(n, "class")) || boiler_value(attr(n, "id"));
}

/* ---- measures */

struct info {
    size_t text;  /* visible characters, dropped elements not counted */
    size_t link;  /* of which inside <a> */
    size_t para;  /* inside <p> elements */
    size_t cpara; /* inside <p> children of this element */
    int marker;   /* holds an article marker (is_marker) */
    int boiler;   /* boiler_element() */
    int dropped;  /* left out (set by choose) */
};

struct ctx {
    struct info *info;
    size_t ninfo, capinfo;
    int nomem;
    struct dg_html_stats *st;
    /* title candidates, collapsed (owned) */
    struct sbuf og_title, h1, title;
    /* date: the best candidate so far; lower rank is better */
    int date_rank;
    char date[11];
    const char *date_from;
    /* the main part */
    const xmlNode *body, *article_body, *article, *main_el, *dense;
    size_t article_para, dense_para, main_para, body_para;
    size_t total_blocks, main_blocks;
    const char *title_text; /* the title written (borrowed) */
    struct sbuf out, line;
};

static struct info *
info_of(struct ctx *c, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    return i && i <= c->ninfo ? &c->info[i - 1] : NULL;
}

static struct info *
info_new(struct ctx *c, xmlNode *n)
{
    if (c->ninfo == c->capinfo) {
        size_t cap = c->capinfo ? 2 * c->capinfo : 256;
        struct info *v = realloc(c->info, cap * sizeof *v);
        if (!v) {
            c->nomem = 1;
            return NULL;
        }
        c->info = v;
        c->capinfo = cap;
    }
    c->info[c->ninfo] = (struct info){0, 0, 0, 0, 0, 0, 0};
    n->_private = (void *)(uintptr_t)++c->ninfo;
    return &c->info[c->ninfo - 1];
}

/* ---- dates */

static int
digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* "YYYY-MM-DD..." (or YYYY/MM/DD, YYYYMMDD) at the start of s, after
 * spaces, into out; 0, or -1 when s does not start with a date */
static int
parse_date(const char *s, char out[11])
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    char y[5], m[3], d[3];
    if (n >= 10 && digits(s, 4) && (s[4] == '-' || s[4] == '/') &&
        digits(s + 5, 2) && s[7] == s[4] && digits(s + 8, 2) &&
        !(n > 10 && s[10] >= '0' && s[10] <= '9')) {
        memcpy(y, s, 4), memcpy(m, s + 5, 2), memcpy(d, s + 8, 2);
    } else if (n >= 8 && digits(s, 8) && !(n > 8 && digits(s + 8, 1))) {
        memcpy(y, s, 4), memcpy(m, s + 4, 2), memcpy(d, s + 6, 2);
    } else {
        return -1;
    }
    y[4] = m[2] = d[2] = '\0';
    int year = atoi(y), month = atoi(m), day = atoi(d);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31)
        return -1;
    snprintf(out, 11, "%s-%s-%s", y, m, d);
    return 0;
}

/* the date sources, best first; the rank is the index */
enum {
    R_PUBLISHED, /* meta article:published_time */
    R_OG,        /* meta og:published_time and the like */
    R_ITEMPROP,  /* itemprop=datePublished */
    R_NAME_DATE, /* meta name=date */
    R_PUBDATE,   /* meta name=pubdate, <time pubdate> */
    R_DC,        /* meta DC.date, DC.date.issued, dcterms.date */
    R_PARSELY,   /* meta parsely-pub-date */
    R_TIME,      /* <time datetime> */
    R_JSONLD,    /* "datePublished" in JSON-LD */
    R_NONE
};

static const char *const date_from_text[] = {
    "meta article:published_time",
    "meta og:published_time",
    "itemprop datePublished",
    "meta date",
    "pubdate",
    "meta DC.date",
    "meta parsely-pub-date",
    "time",
    "json-ld",
};

static void
offer_date(struct ctx *c, int rank, const char *value)
{
    char d[11];
    if (!value || rank >= c->date_rank || parse_date(value, d) < 0)
        return;
    memcpy(c->date, d, sizeof d);
    c->date_rank = rank;
    c->date_from = date_from_text[rank];
}

static int
meta_rank(const char *key)
{
    static const struct {
        const char *key;
        int rank;
    } keys[] = {
        {"article:published_time", R_PUBLISHED},
        {"og:published_time", R_OG},
        {"og:article:published_time", R_OG},
        {"og:pubdate", R_OG},
        {"og:release_date", R_OG},
        {"datePublished", R_ITEMPROP},
        {"date", R_NAME_DATE},
        {"pubdate", R_PUBDATE},
        {"publishdate", R_PUBDATE},
        {"DC.date", R_DC},
        {"DC.date.issued", R_DC},
        {"DC.date.created", R_DC},
        {"dcterms.date", R_DC},
        {"dcterms.issued", R_DC},
        {"dcterms.created", R_DC},
        {"parsely-pub-date", R_PARSELY},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcasecmp(key, keys[i].key))
            return keys[i].rank;
    return R_NONE;
}

static void
date_from_meta(struct ctx *c, const xmlNode *n)
{
    static const char *const key_attrs[] = {"property", "name", "itemprop"};
    const char *content = attr(n, "content");
    for (size_t i = 0; content && i < 3; i++) {
        const char *key = attr(n, key_attrs[i]);
        if (key)
            offer_date(c, meta_rank(key), content);
    }
}

/* "datePublished": "2021-..." anywhere in a JSON-LD script */
static void
date_from_jsonld(struct ctx *c, const char *s)
{
    static const char key[] = "\"datePublished\"";
    for (const char *p = strstr(s, key); p; p = strstr(p + 1, key)) {
        const char *q = p + sizeof key - 1;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        if (*q++ != ':')
            continue;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        if (*q++ != '"')
            continue;
        offer_date(c, R_JSONLD, q);
        return;
    }
}

/* ---- walk 1: measures, title and date candidates */

/* the collapsed text of n into b, when b is still empty */
static void
take_text(struct sbuf *b, const xmlNode *n)
{
    if (b->len)
        return;
    xmlChar *s = xmlNodeGetContent(n);
    if (s)
        sbuf_text(b, (const char *)s);
    xmlFree(s);
    b->space = 0;
}

static void
metadata(struct ctx *c, const xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (!strcmp(name, "meta")) {
        date_from_meta(c, n);
        const char *p = attr(n, "property"), *content = attr(n, "content");
        if (p && content && !strcasecmp(p, "og:title") && !c->og_title.len) {
            sbuf_text(&c->og_title, content);
            c->og_title.space = 0;
        }
    } else if (!strcmp(name, "title")) {
        take_text(&c->title, n);
    } else if (!strcmp(name, "h1")) {
        take_text(&c->h1, n);
    } else if (!strcmp(name, "script") &&
               attr_is(n, "type", "application/ld+json")) {
        xmlChar *s = xmlNodeGetContent(n);
        if (s)
            date_from_jsonld(c, (const char *)s);
        xmlFree(s);
    } else if (!strcmp(name, "time")) {
        const char *dt = attr(n, "datetime");
        if (attr(n, "pubdate"))
            offer_date(c, R_PUBDATE, dt);
        offer_date(c, R_TIME, dt);
    }
    if (attr_is(n, "itemprop", "datePublished") && strcmp(name, "meta")) {
        const char *v = attr(n, "datetime");
        offer_date(c, R_ITEMPROP, v ? v : attr(n, "content"));
    }
}

/* Measures n and below; returns n's measures (zero for a dropped kind).
 * Elements of a dropped kind are still walked for the title and date. */
static struct info
scan(struct ctx *c, xmlNode *n, int depth, int in_dropped, int in_link)
{
    struct info r = {0, 0, 0, 0, 0, 0, 0};
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (!in_dropped && n->content) {
            r.text = visible_len((const char *)n->content);
            r.link = in_link ? r.text : 0;
        }
        return r;
    }
    if (n->type != XML_ELEMENT_NODE || !n->name || depth > MAX_DEPTH)
        return r;
    metadata(c, n);
    int drop = name_in(n, dropped_names);
    if (drop && !in_dropped && c->st && strcmp((const char *)n->name, "head"))
        c->st->dropped++; /* the head is never text: not worth a count */
    int link = in_link || !strcmp((const char *)n->name, "a");
    size_t cpara = 0;
    int marker = 0;
    for (xmlNode *k = n->children; k; k = k->next) {
        struct info ki = scan(c, k, depth + 1, in_dropped || drop, link);
        r.text += ki.text;
        r.link += ki.link;
        r.para += ki.para;
        marker |= ki.marker;
        if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, "p"))
            cpara += ki.text;
    }
    if (drop || in_dropped)
        return (struct info){0, 0, 0, 0, 0, 0, 0};
    if (!strcmp((const char *)n->name, "p"))
        r.para = r.text;
    r.cpara = cpara;
    r.marker = marker || is_marker(n);
    r.boiler = boiler_element(n);
    struct info *slot = info_new(c, n);
    if (slot)
        *slot = r;
    return r;
}

/* ---- walk 2: boilerplate decided, main part found */

static void
choose(struct ctx *c, const xmlNode *n, int depth)
{
    struct info *in;
    if (n->type != XML_ELEMENT_NODE || depth > MAX_DEPTH ||
        !(in = info_of(c, n)))
        return;
    /* boilerplate, unless it holds the article: a wrapper whose class
     * says "has-sidebar" around the whole page, or ASP.NET's <form> */
    if (in->boiler && !in->marker && 2 * in->para <= c->body_para) {
        in->dropped = 1;
        if (c->st)
            c->st->boilerplate++;
        return;
    }
    if (name_in(n, text_block_names) && in->text)
        c->total_blocks++;
    const char *name = (const char *)n->name;
    if (!c->article_body && attr_is(n, "itemprop", "articleBody"))
        c->article_body = n;
    if (!strcmp(name, "article") &&
        (!c->article || in->para + in->text > c->article_para)) {
        c->article = n;
        c->article_para = in->para + in->text;
    }
    if ((!strcmp(name, "main") || attr_is(n, "role", "main")) &&
        (!c->main_el || in->para > c->main_para)) {
        c->main_el = n;
        c->main_para = in->para;
    }
    if (in->cpara > c->dense_para) {
        c->dense = n;
        c->dense_para = in->cpara;
    }
    for (const xmlNode *k = n->children; k; k = k->next)
        choose(c, k, depth + 1);
}

/* ---- walk 3: the blocks of the main part */

static void
flush(struct ctx *c)
{
    if (c->line.len) {
        if (c->out.len)
            sbuf_add(&c->out, "\n\n", 2);
        sbuf_add(&c->out, c->line.p, c->line.len);
        if (c->st)
            c->st->blocks++;
    }
    if (c->line.nomem)
        c->out.nomem = 1;
    c->line.len = 0;
    c->line.space = 0;
}

static int
same_text(const xmlNode *n, const char *text)
{
    struct sbuf b = {NULL, 0, 0, 0, 0};
    take_text(&b, n);
    int same = b.p && !strcmp(b.p, text);
    free(b.p);
    return same;
}

static void
emit(struct ctx *c, const xmlNode *n, const xmlNode *root, int depth)
{
    struct info *in;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            sbuf_text(&c->line, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE || depth > MAX_DEPTH ||
        !(in = info_of(c, n)) || in->dropped)
        return;
    const char *name = (const char *)n->name;
    if (!strcmp(name, "br")) {
        flush(c);
        return;
    }
    if (n != root && name_in(n, list_names) && in->text &&
        10 * in->link >= 6 * in->text &&
        (strcmp(name, "p") || in->text < 200)) {
        if (c->st)
            c->st->link_lists++;
        return;
    }
    if (name_in(n, text_block_names) && in->text)
        c->main_blocks++;
    if (!strcmp(name, "h1") && c->title_text && same_text(n, c->title_text))
        return; /* the title, written already */
    int block = name_in(n, block_names);
    if (block)
        flush(c);
    for (const xmlNode *k = n->children; k; k = k->next)
        emit(c, k, root, depth + 1);
    if (block)
        flush(c);
}

/* ---- detection */

int
dg_html_has_suffix(const char *path, size_t *suffix_len)
{
    static const char *const sfx[] = {".html", ".htm", ".xhtml"};
    size_t n = path ? strcspn(path, "?#") : 0;
    /* only a URL has a query: a file name keeps its '?' and '#' */
    if (path && path[n] && !strstr(path, "://"))
        n = strlen(path);
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(sfx[i]);
        if (n > k && !strncasecmp(path + n - k, sfx[i], k)) {
            if (suffix_len)
                *suffix_len = k;
            return 1;
        }
    }
    return 0;
}

int
dg_html_detect(const char *name, const char *ctype, const char *bytes,
               size_t len)
{
    if (ctype) {
        size_t n = strcspn(ctype, "; ");
        if ((n == 9 && !strncasecmp(ctype, "text/html", 9)) ||
            (n == 21 && !strncasecmp(ctype, "application/xhtml+xml", 21)))
            return 1;
    }
    if (name && dg_html_has_suffix(name, NULL))
        return 1;
    size_t i = 0;
    if (len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' ||
                       bytes[i] == '\n' || bytes[i] == '\r'))
        i++;
    return (len - i >= 14 && !strncasecmp(bytes + i, "<!doctype html", 14)) ||
           (len - i >= 5 && !strncasecmp(bytes + i, "<html", 5) &&
            (len - i == 5 || strchr(" \t\r\n>", bytes[i + 5])));
}

/* ---- the conversion */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void
init_libxml(void)
{
    xmlInitParser();
}

/* libxml2's handlers of the errors no parser context catches (a charset
 * conversion that fails prints "encoding error" on stderr): nothing is
 * printed by a library */
static void
silent(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

static void
silent_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* 1 when s[0..len) is UTF-8 */
static int
is_utf8(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len)
        if (dg_text_next(s, len, &i) < 0)
            return 0;
    return 1;
}

/* 1 when the first 4 KiB of the page declare a charset */
static int
declares_charset(const char *html, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 7 <= n; i++)
        if (!strncasecmp(html + i, "charset", 7))
            return 1;
    return 0;
}

char *
dg_html_to_text(const char *html, size_t len, const char *charset,
                size_t *out_len, struct dg_html_stats *st, struct dg_error *err)
{
    struct ctx c;
    htmlDocPtr doc = NULL;
    char *result = NULL;

    memset(&c, 0, sizeof c);
    c.st = st;
    c.date_rank = R_NONE;
    if (st)
        *st = (struct dg_html_stats){0, 0, 0, 0, 0, "body", NULL};
    if (len > INT32_MAX) {
        dg_error_set(err, DG_ERR_INPUT, "page too large");
        goto out;
    }
    if (len == 0 || memchr(html, '\0', len)) {
        dg_error_set(err, DG_ERR_INPUT,
                     len ? "binary data (a NUL byte), not HTML" : "empty page");
        goto out;
    }
    if (!charset && !declares_charset(html, len))
        charset = is_utf8(html, len) ? "UTF-8" : "windows-1252";
    pthread_once(&init_once, init_libxml);
    /* this thread's handlers, put back after the parse: Redland's RDF/XML
     * parser (raptor) has its own */
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
    doc = htmlReadMemory(html, (int)len, NULL, charset,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    xmlNode *top = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!top) {
        dg_error_set(err, DG_ERR_INPUT, "not an HTML page");
        goto out;
    }
    scan(&c, top, 0, 0, 0);
    if (c.nomem)
        goto nomem;
    for (xmlNode *k = top; k && !c.body; k = k->children)
        if (k->type == XML_ELEMENT_NODE &&
            !strcmp((const char *)k->name, "body"))
            c.body = k;
    if (!c.body && top->children) /* a fragment without <body> */
        for (xmlNode *k = top->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE &&
                !strcmp((const char *)k->name, "body"))
                c.body = k;
    if (!c.body)
        c.body = top;
    struct info *bi = info_of(&c, c.body);
    c.body_para = bi ? bi->para : 0;
    choose(&c, c.body, 0);

    const xmlNode *root = c.body;
    const char *how = "body";
    if (c.article_body)
        root = c.article_body, how = "articleBody";
    else if (c.article && c.article_para)
        root = c.article, how = "article";
    else if (c.main_el)
        root = c.main_el, how = "main";
    else if (c.dense)
        root = c.dense, how = "density";
    if (st) {
        st->main = how;
        st->date_from = c.date_from;
    }

    if (c.date_rank < R_NONE) {
        sbuf_add(&c.out, " date ", 6);
        sbuf_add(&c.out, c.date, 10);
        sbuf_add(&c.out, "\n", 1);
    }
    size_t head = c.out.len;
    const struct sbuf *t = c.og_title.len ? &c.og_title
                           : c.h1.len     ? &c.h1
                                          : &c.title;
    if (t->len) {
        sbuf_add(&c.out, t->p, t->len);
        c.title_text = t->p;
    }
    size_t before = c.out.len;
    emit(&c, root, root, 0);
    flush(&c);
    if (c.out.nomem || c.line.nomem || c.og_title.nomem || c.h1.nomem ||
        c.title.nomem)
        goto nomem;
    if (st)
        st->outside =
            c.total_blocks > c.main_blocks ? c.total_blocks - c.main_blocks : 0;
    if (c.out.len == before && before == head) {
        dg_error_set(err, DG_ERR_INPUT, "no article text in the page");
        goto out;
    }
    sbuf_add(&c.out, "\n", 1);
    if (c.out.nomem)
        goto nomem;
    result = c.out.p;
    c.out.p = NULL;
    if (out_len)
        *out_len = c.out.len;
    goto out;
nomem:
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
out:
    if (doc)
        xmlFreeDoc(doc);
    free(c.info);
    free(c.out.p);
    free(c.line.p);
    free(c.og_title.p);
    free(c.h1.p);
    free(c.title.p);
    return result;
}

int
dg_html_article(char **text, size_t *len, const char *name, const char *ctype,
                const char *charset, int *is_html, struct dg_html_stats *st,
                struct dg_error *err)
{
    if (is_html)
        *is_html = 0;
    if (!dg_html_detect(name, ctype, *text, *len))
        return 0;
    if (is_html)
        *is_html = 1;
    size_t n = 0;
    char *t = dg_html_to_text(*text, *len, charset, &n, st, err);
    if (!t)
        return -1;
    free(*text);
    *text = t;
    *len = n;
    return 0;
}
