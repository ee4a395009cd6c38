/* results.c: see results.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/ns.h"
#include "graph/jsonld.h"
#include "graph/results.h"

struct dg_results *
dg_results_new(int kind)
{
    struct dg_results *r = calloc(1, sizeof *r);
    if (r)
        r->kind = kind;
    return r;
}

static void
term_clear(struct dg_term *t)
{
    free(t->value);
    free(t->datatype);
    free(t->lang);
    memset(t, 0, sizeof *t);
}

void
dg_results_free(struct dg_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrows * r->nvars; i++)
        term_clear(&r->cells[i]);
    free(r->cells);
    for (size_t i = 0; i < r->nvars; i++)
        free(r->vars[i]);
    free(r->vars);
    free(r);
}

int
dg_results_add_var(struct dg_results *r, const char *name)
{
    if (r->nrows)
        return -1; /* columns are fixed once rows exist */
    char **nv = realloc(r->vars, (r->nvars + 1) * sizeof *nv);
    if (!nv)
        return -1;
    r->vars = nv;
    if (!(r->vars[r->nvars] = strdup(name)))
        return -1;
    r->nvars++;
    return 0;
}

struct dg_term *
dg_results_add_row(struct dg_results *r)
{
    if (r->nrows == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 64;
        struct dg_term *nc =
            realloc(r->cells, ncap * (r->nvars ? r->nvars : 1) * sizeof *nc);
        if (!nc)
            return NULL;
        r->cells = nc;
        r->cap = ncap;
    }
    struct dg_term *row = &r->cells[r->nrows * r->nvars];
    memset(row, 0, r->nvars * sizeof *row);
    r->nrows++;
    return row;
}

int
dg_term_set(struct dg_term *t, int type, const char *value,
            const char *datatype, const char *lang)
{
    term_clear(t);
    if (!value)
        return 0;
    t->type = type;
    t->value = strdup(value);
    t->datatype = datatype ? strdup(datatype) : NULL;
    t->lang = lang && *lang ? strdup(lang) : NULL;
    if (!t->value || (datatype && !t->datatype) || (lang && *lang && !t->lang))
        return -1;
    return 0;
}

int
dg_format_parse(const char *name)
{
    static const struct {
        const char *name;
        int fmt;
    } names[] = {{"table", DG_FMT_TABLE},   {"tsv", DG_FMT_TSV},
                 {"csv", DG_FMT_CSV},       {"json", DG_FMT_JSON},
                 {"xml", DG_FMT_XML},       {"ntriples", DG_FMT_NTRIPLES},
                 {"turtle", DG_FMT_TURTLE}, {"nquads", DG_FMT_NQUADS},
                 {"jsonld", DG_FMT_JSONLD}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].fmt;
    return -1;
}

static const char *const format_names[] = {"table",  "tsv",    "csv",
                                           "json",   "xml",    "ntriples",
                                           "turtle", "nquads", "jsonld"};

const char *
dg_format_name(int fmt)
{
    if (fmt < 0 || (size_t)fmt >= sizeof format_names / sizeof format_names[0])
        return "?";
    return format_names[fmt];
}

int
dg_format_fits(int fmt, int kind)
{
    switch (fmt) {
    case DG_FMT_TABLE: return 1;
    case DG_FMT_TSV:
    case DG_FMT_CSV:
    case DG_FMT_JSON:
    case DG_FMT_XML: return kind != DG_RESULTS_GRAPH;
    case DG_FMT_NTRIPLES:
    case DG_FMT_TURTLE:
    case DG_FMT_NQUADS:
    case DG_FMT_JSONLD: return kind == DG_RESULTS_GRAPH;
    default: return 0;
    }
}

const char *
dg_format_fitting(int kind)
{
    return kind == DG_RESULTS_GRAPH
               ? "turtle, ntriples, nquads, jsonld or table"
               : "table, tsv, csv, json or xml";
}

static const struct {
    const char *prefix;
    const char *ns;
} prefixes[] = {
    {"dg", DG_NS},        {"schema", DG_NS_SCHEMA}, {"org", DG_NS_ORG},
    {"prov", DG_NS_PROV}, {"skos", DG_NS_SKOS},     {"owl", DG_NS_OWL},
    {"xsd", DG_NS_XSD},   {"rdf", DG_NS_RDF},       {"rdfs", DG_NS_RDFS},
    {"wd", DG_NS_WD},     {"id", DG_BASE_DEFAULT},
};

const char *
dg_iri_shorten(const char *iri, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i].ns);
        if (strncmp(iri, prefixes[i].ns, n) == 0 && iri[n]) {
            snprintf(buf, size, "%s:%s", prefixes[i].prefix, iri + n);
            return buf;
        }
    }
    return iri;
}

/* ---- text escaping helpers */

void
dg_json_put_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    dg_json_put_chars(fp, s);
    fputc('"', fp);
}

void
dg_json_put_chars(FILE *fp, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        case '\b': fputs("\\b", fp); break;
        case '\f': fputs("\\f", fp); break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
}

/* XML character data or attribute value; a carriage return is written
 * as a reference so that XML's line-end normalisation keeps it (XML 1.0
 * cannot carry other control characters but tab and line feed) */
static void
put_xml_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '&': fputs("&amp;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\r': fputs("&#13;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

/* RDF 1.1: a simple literal is an xsd:string; the results formats write
 * it without a datatype */
static const char *
shown_datatype(const struct dg_term *t)
{
    if (t->lang || !t->datatype || !strcmp(t->datatype, DG_NS_XSD "string"))
        return NULL;
    return t->datatype;
}

/* N-Triples form of a literal body (without quotes): ECHAR escapes for
 * quote, backslash and line ends, UCHAR for other control characters */
static void
put_nt_escaped(FILE *fp, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(fp, "\\u%04X", *p);
            else
                fputc(*p, fp);
        }
    }
}

/* an IRI between < >, with UCHAR escapes for the characters N-Triples'
 * IRIREF excludes (controls, space, <>"{}|^`\) */
static void
put_nt_iri(FILE *fp, const char *s)
{
    fputc('<', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || strchr("<>\"{}|^`\\", *p))
            fprintf(fp, "\\u%04X", *p);
        else
            fputc(*p, fp);
    }
    fputc('>', fp);
}

static int
is_label_char(unsigned char c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || (!first && c == '-');
}

/* a blank node as _:label; a store label that N-Triples would not accept
 * is written as 'x' and the hex of its bytes, the same for each use */
static void
put_nt_blank(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int ok = *p != '\0';
    for (size_t i = 0; ok && p[i]; i++)
        ok = is_label_char(p[i], i == 0);
    fputs("_:", fp);
    if (ok) {
        fputs(s, fp);
        return;
    }
    fputc('x', fp);
    for (; *p; p++)
        fprintf(fp, "%02x", *p);
}

static void
put_nt_term(FILE *fp, const struct dg_term *t)
{
    switch (t->type) {
    case DG_TERM_IRI: put_nt_iri(fp, t->value); break;
    case DG_TERM_BLANK: put_nt_blank(fp, t->value); break;
    case DG_TERM_LITERAL: {
        const char *dt = shown_datatype(t);
        fputc('"', fp);
        put_nt_escaped(fp, t->value);
        fputc('"', fp);
        if (t->lang)
            fprintf(fp, "@%s", t->lang);
        else if (dt) {
            fputs("^^", fp);
            put_nt_iri(fp, dt);
        }
        break;
    }
    default: break;
    }
}

/* the number of ASCII digits at s */
static size_t
digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* Whether lexical form s of datatype dt can be written bare in Turtle
 * (INTEGER, DECIMAL, DOUBLE, BooleanLiteral) and still mean the same */
static int
turtle_bare(const char *s, const char *dt)
{
    size_t xsd = strlen(DG_NS_XSD), a, b;
    if (!dt || strncmp(dt, DG_NS_XSD, xsd) != 0)
        return 0;
    dt += xsd;
    if (!strcmp(dt, "boolean"))
        return !strcmp(s, "true") || !strcmp(s, "false");
    if (*s == '+' || *s == '-')
        s++;
    a = digits(s);
    if (!strcmp(dt, "integer"))
        return a > 0 && s[a] == '\0';
    if (!strcmp(dt, "decimal"))
        return s[a] == '.' && (b = digits(s + a + 1)) > 0 &&
               s[a + 1 + b] == '\0';
    if (!strcmp(dt, "double")) {
        b = s[a] == '.' ? digits(s + a + 1) + 1 : 0;
        if (a + b == 0 || (a == 0 && b == 1))
            return 0;
        s += a + b;
        if (*s != 'e' && *s != 'E')
            return 0;
        s++;
        if (*s == '+' || *s == '-')
            s++;
        return (a = digits(s)) > 0 && s[a] == '\0';
    }
    return 0;
}

/* TSV cell per SPARQL 1.1 TSV: terms in Turtle syntax (N-Triples, with
 * integers, decimals, doubles and booleans abbreviated) */
static void
put_tsv_term(FILE *fp, const struct dg_term *t)
{
    if (t->type == DG_TERM_LITERAL && !t->lang &&
        turtle_bare(t->value, t->datatype)) {
        fputs(t->value, fp);
        return;
    }
    put_nt_term(fp, t);
}

static void
put_csv_field(FILE *fp, const char *s)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', fp);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
}

/* ---- formats */

static int
write_json(const struct dg_results *r, FILE *fp)
{
    fputs("{\n  \"head\": {", fp);
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "},\n  \"boolean\": %s\n}\n",
                r->boolean ? "true" : "false");
        return 0;
    }
    fputs(" \"vars\": [", fp);
    for (size_t i = 0; i < r->nvars; i++) {
        if (i)
            fputs(", ", fp);
        dg_json_put_string(fp, r->vars[i]);
    }
    fputs("] },\n  \"results\": {\n    \"bindings\": [", fp);
    for (size_t row = 0; row < r->nrows; row++) {
        fputs(row ? ",\n      {" : "\n      {", fp);
        int first = 1;
        for (size_t c = 0; c < r->nvars; c++) {
            const struct dg_term *t = dg_results_cell(r, row, c);
            if (t->type == DG_TERM_UNBOUND)
                continue; /* W3C: unbound variables are left out */
            fputs(first ? " " : ", ", fp);
            first = 0;
            dg_json_put_string(fp, r->vars[c]);
            fputs(": { \"type\": ", fp);
            fputs(t->type == DG_TERM_IRI     ? "\"uri\""
                  : t->type == DG_TERM_BLANK ? "\"bnode\""
                                             : "\"literal\"",
                  fp);
            fputs(", \"value\": ", fp);
            dg_json_put_string(fp, t->value);
            if (t->lang) {
                fputs(", \"xml:lang\": ", fp);
                dg_json_put_string(fp, t->lang);
            } else if (shown_datatype(t)) {
                fputs(", \"datatype\": ", fp);
                dg_json_put_string(fp, t->datatype);
            }
            fputs(" }", fp);
        }
        fputs(first ? "}" : " }", fp);
    }
    fputs(r->nrows ? "\n    ]\n  }\n}\n" : "]\n  }\n}\n", fp);
    return 0;
}

static int
write_xml(const struct dg_results *r, FILE *fp)
{
    fputs("<?xml version=\"1.0\"?>\n"
          "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
          "  <head>\n",
          fp);
    for (size_t i = 0; r->kind == DG_RESULTS_BINDINGS && i < r->nvars; i++) {
        fputs("    <variable name=\"", fp);
        put_xml_text(fp, r->vars[i]);
        fputs("\"/>\n", fp);
    }
    fputs("  </head>\n", fp);
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "  <boolean>%s</boolean>\n</sparql>\n",
                r->boolean ? "true" : "false");
        return 0;
    }
    fputs("  <results>\n", fp);
    for (size_t row = 0; row < r->nrows; row++) {
        fputs("    <result>\n", fp);
        for (size_t c = 0; c < r->nvars; c++) {
            const struct dg_term *t = dg_results_cell(r, row, c);
            if (t->type == DG_TERM_UNBOUND)
                continue;
            fputs("      <binding name=\"", fp);
            put_xml_text(fp, r->vars[c]);
            fputs("\">", fp);
            if (t->type == DG_TERM_IRI) {
                fputs("<uri>", fp);
                put_xml_text(fp, t->value);
                fputs("</uri>", fp);
            } else if (t->type == DG_TERM_BLANK) {
                fputs("<bnode>", fp);
                put_xml_text(fp, t->value);
                fputs("</bnode>", fp);
            } else {
                fputs("<literal", fp);
                if (t->lang) {
                    fputs(" xml:lang=\"", fp);
                    put_xml_text(fp, t->lang);
                    fputs("\"", fp);
                } else if (shown_datatype(t)) {
                    fputs(" datatype=\"", fp);
                    put_xml_text(fp, t->datatype);
                    fputs("\"", fp);
                }
                fputs(">", fp);
                put_xml_text(fp, t->value);
                fputs("</literal>", fp);
            }
            fputs("</binding>\n", fp);
        }
        fputs("    </result>\n", fp);
    }
    fputs("  </results>\n</sparql>\n", fp);
    return 0;
}

static int
write_tsv(const struct dg_results *r, FILE *fp)
{
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "%s\n", r->boolean ? "true" : "false");
        return 0;
    }
    for (size_t i = 0; i < r->nvars; i++)
        fprintf(fp, "%s?%s", i ? "\t" : "", r->vars[i]);
    fputc('\n', fp);
    for (size_t row = 0; row < r->nrows; row++) {
        for (size_t c = 0; c < r->nvars; c++) {
            if (c)
                fputc('\t', fp);
            put_tsv_term(fp, dg_results_cell(r, row, c));
        }
        fputc('\n', fp);
    }
    return 0;
}

static int
write_csv(const struct dg_results *r, FILE *fp)
{
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "%s\r\n", r->boolean ? "true" : "false");
        return 0;
    }
    for (size_t i = 0; i < r->nvars; i++) {
        if (i)
            fputc(',', fp);
        put_csv_field(fp, r->vars[i]);
    }
    fputs("\r\n", fp);
    for (size_t row = 0; row < r->nrows; row++) {
        for (size_t c = 0; c < r->nvars; c++) {
            const struct dg_term *t = dg_results_cell(r, row, c);
            if (c)
                fputc(',', fp);
            if (t->type == DG_TERM_BLANK) {
                put_nt_blank(fp, t->value); /* never needs quotes */
            } else if (t->value) {
                put_csv_field(fp, t->value);
            }
        }
        fputs("\r\n", fp);
    }
    return 0;
}

static int
write_ntriples(const struct dg_results *r, FILE *fp)
{
    for (size_t row = 0; row < r->nrows; row++) {
        for (size_t c = 0; c < 3; c++) {
            put_nt_term(fp, dg_results_cell(r, row, c));
            fputc(' ', fp);
        }
        fputs(".\n", fp);
    }
    return 0;
}

static int
cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int
same_term(const struct dg_term *a, const struct dg_term *b)
{
    return a->type == b->type && !cmp_str0(a->value, b->value) &&
           !cmp_str0(a->datatype, b->datatype) && !cmp_str0(a->lang, b->lang);
}

/* Turtle: the N-Triples terms, with the predicates of one subject joined
 * by ';' and the objects of one predicate by ',' when rows are adjacent */
static int
write_turtle(const struct dg_results *r, FILE *fp)
{
    for (size_t row = 0; row < r->nrows; row++) {
        const struct dg_term *t = dg_results_cell(r, row, 0);
        const struct dg_term *prev = row ? dg_results_cell(r, row - 1, 0) : 0;
        if (prev && same_term(&prev[0], &t[0]) && same_term(&prev[1], &t[1])) {
            fputs(" ,\n        ", fp);
        } else if (prev && same_term(&prev[0], &t[0])) {
            fputs(" ;\n    ", fp);
            put_nt_term(fp, &t[1]);
            fputc(' ', fp);
        } else {
            if (prev)
                fputs(" .\n", fp);
            put_nt_term(fp, &t[0]);
            fputc(' ', fp);
            put_nt_term(fp, &t[1]);
            fputc(' ', fp);
        }
        put_nt_term(fp, &t[2]);
    }
    if (r->nrows)
        fputs(" .\n", fp);
    return 0;
}

/* display width of a UTF-8 string in terminal columns */
static size_t
text_width(const char *s)
{
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    while (len > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, len, &cp);
        if (n <= 0) {
            n = 1;
            cp = '?';
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
        len -= n;
    }
    return w;
}

#define TABLE_MAX_CELL 60

/* the text shown in a table cell: label for IRIs, value for literals,
 * cut to TABLE_MAX_CELL columns (at a character boundary) */
static void
cell_text(const struct dg_term *t, dg_label_fn label, void *ctx, char *buf,
          size_t size)
{
    const char *s = "";
    char tmp[512];
    if (t->type == DG_TERM_IRI) {
        s = label ? label(ctx, t->value) : NULL;
        if (!s)
            s = dg_iri_shorten(t->value, tmp, sizeof tmp);
    } else if (t->type == DG_TERM_BLANK) {
        snprintf(tmp, sizeof tmp, "_:%s", t->value);
        s = tmp;
    } else if (t->value) {
        s = t->value;
    }
    /* copy, replacing control characters, cutting long cells */
    size_t o = 0, w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    while (len > 0 && o + 8 < size) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, len, &cp);
        if (n <= 0)
            break;
        if (w + 1 >= TABLE_MAX_CELL && len > n) {
            memcpy(buf + o, "\xe2\x80\xa6", 3); /* ellipsis */
            o += 3;
            break;
        }
        if (cp < 0x20) {
            buf[o++] = ' ';
        } else {
            memcpy(buf + o, p, (size_t)n);
            o += (size_t)n;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
        len -= n;
    }
    buf[o] = '\0';
}

static int
write_table(const struct dg_results *r, FILE *fp, dg_label_fn label, void *ctx)
{
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "%s\n", r->boolean ? "yes" : "no");
        return 0;
    }
    size_t *width = calloc(r->nvars ? r->nvars : 1, sizeof *width);
    char buf[TABLE_MAX_CELL * 4 + 16];
    if (!width)
        return -1;
    for (size_t c = 0; c < r->nvars; c++)
        width[c] = text_width(r->vars[c]);
    for (size_t row = 0; row < r->nrows; row++)
        for (size_t c = 0; c < r->nvars; c++) {
            cell_text(dg_results_cell(r, row, c), label, ctx, buf, sizeof buf);
            size_t w = text_width(buf);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t c = 0; c < r->nvars; c++) {
        fprintf(fp, "%s%s", c ? "  " : "", r->vars[c]);
        if (c + 1 < r->nvars)
            for (size_t k = text_width(r->vars[c]); k < width[c]; k++)
                fputc(' ', fp);
    }
    fputc('\n', fp);
    for (size_t c = 0; c < r->nvars; c++) {
        fputs(c ? "  " : "", fp);
        for (size_t k = 0; k < width[c]; k++)
            fputc('-', fp);
    }
    fputc('\n', fp);
    for (size_t row = 0; row < r->nrows; row++) {
        for (size_t c = 0; c < r->nvars; c++) {
            cell_text(dg_results_cell(r, row, c), label, ctx, buf, sizeof buf);
            fprintf(fp, "%s%s", c ? "  " : "", buf);
            if (c + 1 < r->nvars)
                for (size_t k = text_width(buf); k < width[c]; k++)
                    fputc(' ', fp);
        }
        fputc('\n', fp);
    }
    fprintf(fp, "(%zu row%s)\n", r->nrows, r->nrows == 1 ? "" : "s");
    free(width);
    return 0;
}

int
dg_results_write(const struct dg_results *r, int fmt, FILE *fp,
                 dg_label_fn label, void *label_ctx, struct dg_error *err)
{
    int rc, graph = r->kind == DG_RESULTS_GRAPH;
    if (fmt < DG_FMT_TABLE || fmt > DG_FMT_JSONLD)
        return dg_error_set(err, DG_ERR_USAGE, "unknown output format");
    if (graph && r->nvars != 3)
        return dg_error_set(err, DG_ERR_INTERNAL,
                            "a graph result needs 3 columns");
    if (!dg_format_fits(fmt, r->kind))
        return dg_error_set(err, DG_ERR_USAGE,
                            "format '%s' does not fit a %s result: use -f %s",
                            format_names[fmt],
                            graph ? "CONSTRUCT or DESCRIBE" : "SELECT or ASK",
                            dg_format_fitting(r->kind));
    switch (fmt) {
    case DG_FMT_TABLE: rc = write_table(r, fp, label, label_ctx); break;
    case DG_FMT_TSV: rc = write_tsv(r, fp); break;
    case DG_FMT_CSV: rc = write_csv(r, fp); break;
    case DG_FMT_JSON: rc = write_json(r, fp); break;
    case DG_FMT_XML: rc = write_xml(r, fp); break;
    case DG_FMT_NTRIPLES:
    case DG_FMT_NQUADS: rc = write_ntriples(r, fp); break;
    case DG_FMT_JSONLD: return dg_jsonld_write(r, fp, err);
    default: rc = write_turtle(r, fp); break;
    }
    if (rc < 0)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    if (ferror(fp))
        return dg_error_set(err, DG_ERR_IO, "cannot write results");
    return 0;
}
