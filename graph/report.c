/* report.c: see report.h.  Calls only the dg_store and dg_render APIs. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "common/ns.h"
#include "common/output.h"
#include "graph/render.h"
#include "graph/report.h"
#include "graph/sparql/parse.h"

/* ---- files: written as common/output.h says (a temporary file renamed) */

/* opens DIR/NAME into *o; the stream, or NULL with err set */
static FILE *
out_open(struct dg_output *o, const char *dir, const char *name,
         struct dg_error *err)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
        sizeof path) {
        memset(o, 0, sizeof *o);
        dg_error_set(err, DG_ERR_IO, "cannot write '%s/%s': name too long", dir,
                     name);
        return NULL;
    }
    return dg_output_open(o, path, err);
}

static int
make_dirs(const char *path, struct dg_error *err)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return dg_error_set(err, DG_ERR_IO, "bad directory name '%s'", path);
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return dg_error_set(err, DG_ERR_IO, "cannot create '%s': %s", buf,
                                strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return dg_error_set(err, DG_ERR_IO, "cannot create '%s': %s", buf,
                            strerror(errno));
    struct stat sb;
    if (stat(buf, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return dg_error_set(err, DG_ERR_IO,
                            "cannot create '%s': not a "
                            "directory",
                            buf);
    return 0;
}

/* ---- HTML text */

static void
esc(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                fputc(' ', fp);
            else
                fputc(*s, fp);
        }
    }
}

/* an id or file name from a query file name: [A-Za-z0-9_-] kept */
static void
slug(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++)
        dst[n++] = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                           (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'
                       ? *s
                       : '-';
    dst[n] = '\0';
}

/* the anchor of a sentence IRI ".../article/KEY#sN" as "KEY-sN" into buf;
 * returns buf, or NULL when iri is not shaped like that */
static const char *
sentence_anchor(const char *iri, char *buf, size_t size)
{
    const char *a = strstr(iri, "/article/"), *h;
    if (!a || !(h = strchr(a, '#')) || h[1] != 's')
        return NULL;
    a += strlen("/article/");
    char tmp[512];
    slug(tmp, sizeof tmp, a);
    snprintf(buf, size, "%s", tmp);
    return buf;
}

/* the part of an IRI to show in a title attribute: without the base */
static const char *
short_iri(const char *iri, char *buf, size_t size)
{
    size_t bl = strlen(DG_BASE_DEFAULT);
    if (!strncmp(iri, DG_BASE_DEFAULT, bl) && iri[bl])
        return iri + bl;
    return dg_iri_shorten(iri, buf, size);
}

static const char *
local_name(const char *iri)
{
    const char *h = strrchr(iri, '#'), *s = strrchr(iri, '/');
    const char *p = h && (!s || h > s) ? h : s;
    return p && p[1] ? p + 1 : iri;
}

/* ---- the entities the page links to (each gets an entry with its id) */

struct ents {
    char **iri; /* owned, each owned */
    size_t n, cap;
    int failed; /* out of memory once: links may then go nowhere */
};

static void
ents_add(void *ctx, const char *iri)
{
    struct ents *e = ctx;
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        char **nn = realloc(e->iri, cap * sizeof *nn);
        if (!nn) {
            e->failed = 1;
            return;
        }
        e->iri = nn;
        e->cap = cap;
    }
    if (!(e->iri[e->n] = strdup(iri))) {
        e->failed = 1;
        return;
    }
    e->n++;
}

static void
ents_release(struct ents *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->iri[i]);
    free(e->iri);
    memset(e, 0, sizeof *e);
}

/* writes a term as HTML: a label, linked to its sentence or, when ents is
 * not NULL, to its entry in the page (the entity is then added to ents);
 * a literal as its value */
static void
put_term(FILE *fp, struct dg_store *st, const struct dg_term *t,
         struct ents *ents)
{
    char buf[512], anchor[512];
    if (!t->value)
        return;
    if (t->type == DG_TERM_LITERAL) {
        esc(fp, t->value);
        return;
    }
    if (t->type == DG_TERM_BLANK) {
        fputs("<i>(anonymous)</i>", fp);
        return;
    }
    const char *label = dg_store_label(st, t->value);
    const char *kind = dg_store_kind(st, t->value);
    if (kind && !strcmp(kind, "sentence") &&
        sentence_anchor(t->value, anchor, sizeof anchor)) {
        fprintf(fp, "<a href=\"#%s\">", anchor);
        esc(fp, label ? label : local_name(t->value));
        fputs("</a>", fp);
        return;
    }
    if (ents && kind && strcmp(kind, "article") != 0) {
        ents_add(ents, t->value);
        fprintf(fp, "<a href=\"#%s\" title=\"",
                dg_render_anchor(t->value, anchor, sizeof anchor));
        esc(fp, short_iri(t->value, buf, sizeof buf));
        fputs("\">", fp);
        esc(fp, label ? label : local_name(t->value));
        fputs("</a>", fp);
        return;
    }
    fputs("<span title=\"", fp);
    esc(fp, short_iri(t->value, buf, sizeof buf));
    fputs("\">", fp);
    esc(fp, label ? label : local_name(t->value));
    fputs("</span>", fp);
}

/* ---- the page */

static const char css[] =
    "body{font-family:sans-serif;margin:0 auto;max-width:70em;padding:1em;"
    "color:#222;line-height:1.4}"
    "h1{border-bottom:2px solid #2171b5}h2{margin-top:2em;"
    "border-bottom:1px solid #ccc}"
    "nav ul{columns:2}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;"
    "vertical-align:top}th{background:#eef3f8}"
    "tr:nth-child(even) td{background:#fafafa}"
    ".question{font-style:italic;color:#444}"
    ".diagram{margin:.5em 0}.diagram .svg{overflow:auto;max-height:85vh;"
    "border:1px solid #eee}"
    "details>summary{cursor:pointer;font-weight:bold}"
    "ul.entities li:target{background:#fff7bc}"
    ".note{color:#666;font-size:.9em}.error{color:#b00}"
    "ol.sentences li:target{background:#fff7bc}"
    "span[title]{border-bottom:1px dotted #999}"
    /* the long parts below the questions are laid out when scrolled to:
     * at 10,000 articles Chromium loads the page in half the time */
    "article,#events table,ul.entities{content-visibility:auto;"
    "contain-intrinsic-size:auto 30em}";

static void
page_head(FILE *fp, struct dg_store *st)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
          "<title>diplograph report</title>\n<style>",
          fp);
    fputs(css, fp);
    fputs("</style>\n</head>\n<body>\n<h1>diplograph report</h1>\n"
          "<p class=\"note\">Store <code>",
          fp);
    esc(fp, dg_store_name(st));
    fputs("</code>, diplograph " PACKAGE_VERSION ".</p>\n", fp);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the sorted *.rq names of dir; caller frees each and the array */
static char **
list_queries(const char *dir, size_t *n, struct dg_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d) {
        dg_error_set(err, DG_ERR_IO, "cannot read '%s': %s", dir,
                     strerror(errno));
        return NULL;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".rq") != 0 ||
            e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                goto nomem;
            names = nn;
        }
        if (!(names[*n] = strdup(e->d_name)))
            goto nomem;
        ++*n;
    }
    closedir(d);
    if (*n > 1)
        qsort(names, *n, sizeof *names, cmp_str);
    if (!names && !(names = calloc(1, sizeof *names))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        return NULL;
    }
    return names;
nomem:
    closedir(d);
    for (size_t i = 0; i < *n; i++)
        free(names[i]);
    free(names);
    dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    return NULL;
}

static char *
read_text(const char *path, struct dg_error *err)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long len;
    if (!fp) {
        dg_error_set(err, DG_ERR_IO, "cannot open '%s': %s", path,
                     strerror(errno));
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)len + 1)) ||
        fread(buf, 1, (size_t)len, fp) != (size_t)len) {
        dg_error_set(err, DG_ERR_IO, "cannot read '%s': %s", path,
                     strerror(errno ? errno : EIO));
        free(buf);
        fclose(fp);
        return NULL;
    }
    buf[len] = '\0';
    fclose(fp);
    return buf;
}

/* ---- tables, in the order the query gives or else sorted naturally */

/* 1 when text is a whole number or decimal (what a count or score shows) */
static int
numeric(const char *text, double *v)
{
    char *end;
    if (!*text)
        return 0;
    errno = 0;
    *v = strtod(text, &end);
    return *end == '\0' && errno == 0 && end != text;
}

/* one row of a table, with the text shown in each of its cells */
struct row_key {
    size_t row;
    size_t ncols;
    const char **text; /* ncols strings, borrowed */
};

/* column by column: unbound ("") first, two numbers as numbers, else the
 * bytes of the text; then the row's position (a stable sort) */
static int
cmp_row(const void *a, const void *b)
{
    const struct row_key *x = a, *y = b;
    for (size_t k = 0; k < x->ncols; k++) {
        const char *s = x->text[k], *t = y->text[k];
        double u, v;
        int c;
        if (numeric(s, &u) && numeric(t, &v))
            c = (u > v) - (u < v);
        else
            c = strcmp(s, t);
        if (c)
            return c;
    }
    return (x->row > y->row) - (x->row < y->row);
}

/* the text a cell shows: a label for an IRI, the value of a literal */
static const char *
cell_text(struct dg_store *st, const struct dg_term *t)
{
    const char *label;
    if (!t->value)
        return "";
    if (t->type != DG_TERM_IRI)
        return t->value;
    label = dg_store_label(st, t->value);
    return label ? label : local_name(t->value);
}

/* the order to show r's rows in: r's own when ordered, else sorted by the
 * text shown, first column first.  Returns an array of nrows row numbers
 * (caller frees), or NULL when out of memory or r has no rows. */
static size_t *
row_order(struct dg_store *st, const struct dg_results *r, int ordered)
{
    size_t n = r->nrows, *order;
    struct row_key *keys = NULL;
    const char **text = NULL;

    if (!n || !(order = malloc(n * sizeof *order)))
        return NULL;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    if (ordered || r->nvars == 0)
        return order;
    if (!(keys = malloc(n * sizeof *keys)) ||
        !(text = malloc(n * r->nvars * sizeof *text))) {
        free(keys);
        return order; /* shown as the engine gave it */
    }
    for (size_t i = 0; i < n; i++) {
        keys[i].row = i;
        keys[i].ncols = r->nvars;
        keys[i].text = text + i * r->nvars;
        for (size_t k = 0; k < r->nvars; k++)
            keys[i].text[k] = cell_text(st, dg_results_cell(r, i, k));
    }
    qsort(keys, n, sizeof *keys, cmp_row);
    for (size_t i = 0; i < n; i++)
        order[i] = keys[i].row;
    free(keys);
    free(text);
    return order;
}

/* 1 when text is a SELECT whose solutions are ordered by an ORDER BY (its
 * outermost modifiers); 0 otherwise or when it does not parse */
static int
query_ordered(const char *text)
{
    struct dg_query *q = dg_sparql_parse(text, NULL, NULL);
    const struct dg_pattern *p;
    int ordered = 0;
    if (!q)
        return 0;
    if (q->form == DG_Q_SELECT) {
        for (p = q->pattern;
             p && (p->op == DG_P_SLICE || p->op == DG_P_DISTINCT ||
                   p->op == DG_P_REDUCED || p->op == DG_P_PROJECT);
             p = p->left)
            ;
        ordered = p && p->op == DG_P_ORDER;
    }
    dg_query_free(q);
    return ordered;
}

static void
put_table(FILE *fp, struct dg_store *st, const struct dg_results *r,
          int ordered, struct ents *ents)
{
    size_t shown =
        r->nrows < DG_REPORT_MAX_ROWS ? r->nrows : DG_REPORT_MAX_ROWS;
    size_t *order;
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "<p>Answer: <b>%s</b></p>\n", r->boolean ? "yes" : "no");
        return;
    }
    if (r->nrows == 0) {
        fputs("<p class=\"note\">No results.</p>\n", fp);
        return;
    }
    order = row_order(st, r, ordered);
    fputs("<table>\n<thead><tr>", fp);
    for (size_t k = 0; k < r->nvars; k++) {
        fputs("<th>", fp);
        esc(fp, r->vars[k]);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t i = 0; i < shown; i++) {
        fputs("<tr>", fp);
        for (size_t k = 0; k < r->nvars; k++) {
            fputs("<td>", fp);
            put_term(fp, st, dg_results_cell(r, order ? order[i] : i, k), ents);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table>\n", fp);
    free(order);
    if (shown < r->nrows)
        fprintf(fp, "<p class=\"note\">First %zu of %zu rows%s.</p>\n", shown,
                r->nrows, ordered ? "" : ", sorted by the first column");
    else
        fprintf(fp, "<p class=\"note\">%zu row%s.</p>\n", r->nrows,
                r->nrows == 1 ? "" : "s");
}

static void
note_failure(struct dg_report_info *info, const char *name, const char *msg)
{
    if (info->failed++ == 0)
        snprintf(info->first_failure, sizeof info->first_failure, "%s: %s",
                 name, msg);
}

/* ---- diagrams: one SVG file each, and the same drawing inline */

/* writes svg (the renderer's output, len bytes) into the page: from its
 * <svg> element on, without comments, every id="X" made id="PREFIX-X" and
 * every url(#X) url(#PREFIX-X), so that several diagrams in one page do
 * not share ids; links to page anchors (xlink:href="#...") are kept */
static void
put_inline_svg(FILE *fp, const char *svg, size_t len, const char *prefix)
{
    const char *p = strstr(svg, "<svg"), *end = svg + len;
    if (!p)
        return;
    while (p < end) {
        if (!strncmp(p, "<!--", 4)) {
            const char *q = strstr(p + 4, "-->");
            p = q ? q + 3 : end;
            if (p < end && *p == '\n')
                p++;
        } else if (!strncmp(p, " id=\"", 5)) {
            fprintf(fp, " id=\"%s-", prefix);
            p += 5;
        } else if (!strncmp(p, "url(#", 5)) {
            fprintf(fp, "url(#%s-", prefix);
            p += 5;
        } else {
            fputc(*p++, fp);
        }
    }
}

/* writes svg to DIR/NAME with the links to page anchors made links into
 * index.html beside it; 0 or -1 with err set */
static int
write_svg_file(const char *dir, const char *name, const char *svg, size_t len,
               struct dg_error *err)
{
    static const char link[] = "xlink:href=\"#";
    struct dg_output of;
    FILE *fp = out_open(&of, dir, name, err);
    const char *p = svg, *end = svg + len, *q;
    if (!fp)
        return -1;
    while (p < end && (q = strstr(p, link))) {
        fwrite(p, 1, (size_t)(q - p), fp);
        fputs("xlink:href=\"index.html#", fp);
        p = q + strlen(link);
    }
    fwrite(p, 1, (size_t)(end - p), fp);
    return dg_output_commit(&of, err);
}

/* where put_query writes a query's section */
struct sections {
    FILE *questions; /* the analysts' questions, first in the page */
    FILE *raw;       /* triples of one resource: collapsed, near the end */
    FILE *nav_questions, *nav_raw; /* their entries in the contents */
    struct ents ents;
};

/* the diagram of a query's results r, into fp: 0, or -1 with err set when
 * a file cannot be written (a diagram that cannot be drawn is shown as an
 * error and counted as a failure) */
static int
put_diagram(FILE *fp, struct dg_store *st, const struct dg_results *r,
            const struct dg_query_header *h, const char *name, const char *id,
            const char *out_dir, struct sections *sec,
            struct dg_report_info *info, struct dg_error *err)
{
    struct dg_render_opts opts = {"svg", NULL, 0, h, "#", ents_add, &sec->ents};
    struct dg_render_info ri;
    struct dg_error qerr = {0, ""};
    char file[300], prefix[32];
    char *svg = NULL;
    size_t len = 0;
    FILE *mfp = open_memstream(&svg, &len);
    int rc;

    if (!mfp)
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    rc = dg_render_results(st, r, &opts, mfp, &ri, &qerr);
    if (fclose(mfp) != 0 && rc == 0)
        rc = dg_error_set(&qerr, DG_ERR_NOMEM, "out of memory");
    if (rc < 0) {
        free(svg);
        if (qerr.code == DG_ERR_NOMEM)
            return dg_error_set(err, qerr.code, "%s", qerr.msg);
        note_failure(info, name, qerr.msg);
        fputs("<p class=\"error\">No diagram: ", fp);
        esc(fp, qerr.msg);
        fputs("</p>\n", fp);
        return 0;
    }
    snprintf(file, sizeof file, "%s.svg", id);
    if (write_svg_file(out_dir, file, svg, len, err) < 0) {
        free(svg);
        return -1;
    }
    info->diagrams++;
    snprintf(prefix, sizeof prefix, "d%zu", info->diagrams);
    fputs("<figure class=\"diagram\"><div class=\"svg\">\n", fp);
    put_inline_svg(fp, svg, len, prefix);
    fputs("</div><figcaption class=\"note\">", fp);
    if (ri.nodes_shown < ri.nodes_total)
        fprintf(fp, "Showing %zu of %zu nodes (the most connected). ",
                ri.nodes_shown, ri.nodes_total);
    fprintf(fp,
            "%zu nodes, %zu edges, layout %s.  Point at a node or edge for "
            "its details; a node links to its entry under Entities.  "
            "<a href=\"%s\">The diagram alone</a>.</figcaption></figure>\n",
            ri.nodes_shown, ri.edges_shown, ri.engine, file);
    free(svg);
    return 0;
}

/* one query's section: title, question, diagram, table; into
 * sec->questions, or sec->raw for triples that are not drawn */
static int
put_query(struct sections *sec, struct dg_store *st, const char *queries_dir,
          const char *out_dir, const char *name, struct dg_report_info *info,
          struct dg_error *err)
{
    char path[4096], id[256];
    struct dg_query_header h;
    struct dg_error qerr = {0, ""};
    struct dg_results *r = NULL;
    FILE *fp = sec->questions, *nav = sec->nav_questions;
    char *text;
    int raw;

    slug(id, sizeof id, name);
    id[strlen(id) - 3] = '\0'; /* drop "-rq" */
    snprintf(path, sizeof path, "%s/%s", queries_dir, name);
    if (!(text = read_text(path, &qerr))) {
        note_failure(info, name, qerr.msg);
        fprintf(nav, "<li><a href=\"#q-%s\">", id);
        esc(nav, name);
        fputs("</a></li>\n", nav);
        fprintf(fp, "<section id=\"q-%s\">\n<h2>", id);
        esc(fp, name);
        fputs("</h2>\n<p class=\"error\">", fp);
        esc(fp, qerr.msg);
        fputs("</p>\n</section>\n", fp);
        return 0;
    }
    dg_query_header_parse(text, &h);
    r = dg_store_query(st, text, &qerr);
    raw = r && r->kind == DG_RESULTS_GRAPH && !strcmp(h.engine, "none");
    if (raw) {
        fp = sec->raw;
        nav = sec->nav_raw;
    }
    fprintf(nav, "<li><a href=\"#q-%s\">", id);
    esc(nav, h.title[0] ? h.title : name);
    fputs("</a></li>\n", nav);
    fprintf(fp, "<section id=\"q-%s\">\n", id);
    if (raw)
        fputs("<details>\n<summary>", fp);
    else
        fputs("<h2>", fp);
    esc(fp, h.title[0] ? h.title : name);
    if (raw)
        fprintf(fp, " (%zu triple%s)</summary>\n", r->nrows,
                r->nrows == 1 ? "" : "s");
    else
        fputs("</h2>\n", fp);
    if (h.question[0]) {
        fputs("<p class=\"question\">", fp);
        esc(fp, h.question);
        fputs("</p>\n", fp);
    }
    fputs("<p class=\"note\">Query <code>", fp);
    esc(fp, name);
    fputs("</code></p>\n", fp);
    if (!r) {
        note_failure(info, name, qerr.msg);
        fputs("<p class=\"error\">The query failed: ", fp);
        esc(fp, qerr.msg);
        fputs("</p>\n</section>\n", fp);
        free(text);
        return 0;
    }
    if (strcmp(h.engine, "none") != 0 && r->kind != DG_RESULTS_BOOLEAN &&
        r->nrows > 0 &&
        put_diagram(fp, st, r, &h, name, id, out_dir, sec, info, err) < 0)
        goto fail;
    put_table(fp, st, r, query_ordered(text), &sec->ents);
    fputs(raw ? "</details>\n</section>\n" : "</section>\n", fp);
    info->queries++;
    dg_results_free(r);
    free(text);
    return 0;
fail:
    dg_results_free(r);
    free(text);
    return -1;
}

static int
put_stats(FILE *fp, struct dg_store *st, struct dg_error *err)
{
    struct dg_store_counts c;
    struct dg_results *r;
    if (dg_store_counts(st, &c, err) < 0 ||
        !(r = dg_store_type_counts(st, err)))
        return -1;
    fputs("<section id=\"stats\">\n<h2>The graph</h2>\n<table>\n<tbody>\n", fp);
    fprintf(fp, "<tr><th>triples</th><td>%ld</td></tr>\n", c.triples);
    fprintf(fp, "<tr><th>graphs</th><td>%ld</td></tr>\n", c.graphs);
    for (size_t i = 0; i < r->nrows; i++) {
        const struct dg_term *t = dg_results_cell(r, i, 0);
        const struct dg_term *n = dg_results_cell(r, i, 1);
        if (!t->value || !n->value)
            continue;
        fputs("<tr><th>", fp);
        put_term(fp, st, t, NULL);
        fputs("</th><td>", fp);
        esc(fp, n->value);
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody>\n</table>\n</section>\n", fp);
    dg_results_free(r);
    return 0;
}

/* writes the evidence links of rows [i, j) of r, column col */
static void
put_evidence(FILE *fp, const struct dg_results *r, size_t i, size_t j,
             size_t col)
{
    const char *sep = "";
    for (size_t k = i; k < j; k++) {
        const struct dg_term *s = dg_results_cell(r, k, col);
        char anchor[512];
        if (!s->value || !sentence_anchor(s->value, anchor, sizeof anchor))
            continue;
        fprintf(fp, "%s<a href=\"#%s\">", sep, anchor);
        esc(fp, anchor);
        fputs("</a>", fp);
        sep = ", ";
    }
}

/* the end of the group of rows starting at i with the same column 0 */
static size_t
group_end(const struct dg_results *r, size_t i)
{
    const char *v = dg_results_cell(r, i, 0)->value;
    size_t j = i + 1;
    while (j < r->nrows && v && dg_results_cell(r, j, 0)->value &&
           !strcmp(dg_results_cell(r, j, 0)->value, v))
        j++;
    return j;
}

static const char q_events[] =
    "PREFIX schema: <" DG_NS_SCHEMA "> PREFIX dg: <" DG_NS "> "
    "SELECT DISTINCT ?event ?date ?s WHERE { ?event a schema:Event . "
    "?event schema:startDate ?date . ?event dg:evidence ?s } "
    "ORDER BY ?event ?s";
static const char q_actions[] =
    "PREFIX dg: <" DG_NS "> "
    "SELECT DISTINCT ?action ?type ?s WHERE { ?action a dg:Action . "
    "?action dg:actionType ?type . ?action dg:evidence ?s } "
    "ORDER BY ?action ?s";
static const char q_roles[] =
    "PREFIX dg: <" DG_NS "> "
    "SELECT DISTINCT ?action ?p ?x WHERE { ?action a dg:Action . "
    "?action ?p ?x . FILTER(?p = dg:agent || ?p = dg:recipient || "
    "?p = dg:item) } ORDER BY ?action ?p ?x";

/* the rows of r whose column 0 is v: [*first, return value); r is
 * sorted by column 0 (ORDER BY on IRIs: their bytes), which is checked
 * once (*sorted: -1 unknown, 0 no, 1 yes); unsorted results are searched
 * row by row (then *first is 0 and every row must be tested) */
static size_t
rows_of(const struct dg_results *r, const char *v, int *sorted, size_t *first)
{
    size_t lo = 0, hi = r->nrows;
    if (*sorted < 0) {
        *sorted = 1;
        for (size_t i = 0; i < r->nrows && *sorted; i++) {
            const char *a = i ? dg_results_cell(r, i - 1, 0)->value : "";
            const char *b = dg_results_cell(r, i, 0)->value;
            *sorted = a && b && strcmp(a, b) <= 0;
        }
    }
    *first = 0;
    if (!*sorted)
        return r->nrows;
    while (lo < hi) { /* the first row >= v */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(dg_results_cell(r, mid, 0)->value, v) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    while (hi < r->nrows && !strcmp(dg_results_cell(r, hi, 0)->value, v))
        hi++;
    return hi;
}

static void
put_roles(FILE *fp, struct dg_store *st, const struct dg_results *roles,
          int *sorted, const char *action, const char *pred)
{
    const char *sep = "";
    size_t i, end;
    if (!roles || !action)
        return;
    for (end = rows_of(roles, action, sorted, &i); i < end; i++) {
        const struct dg_term *a = dg_results_cell(roles, i, 0);
        const struct dg_term *p = dg_results_cell(roles, i, 1);
        if (!a->value || !p->value || strcmp(a->value, action) ||
            strcmp(p->value, pred))
            continue;
        fputs(sep, fp);
        put_term(fp, st, dg_results_cell(roles, i, 2), NULL);
        sep = "; ";
    }
}

static int
put_events(FILE *fp, struct dg_store *st, struct dg_error *err)
{
    struct dg_results *ev = NULL, *ac = NULL, *roles = NULL;
    int rc = -1, sorted = -1;
    if (!(ev = dg_store_query(st, q_events, err)) ||
        !(ac = dg_store_query(st, q_actions, err)) ||
        !(roles = dg_store_query(st, q_roles, err)))
        goto out;
    fputs("<section id=\"events\">\n<h2>Events and actions</h2>\n", fp);
    if (ev->nrows) {
        fputs("<table>\n<thead><tr><th>event</th><th>date</th>"
              "<th>evidence</th></tr></thead>\n<tbody>\n",
              fp);
        for (size_t i = 0; i < ev->nrows;) {
            size_t j = group_end(ev, i);
            fputs("<tr><td>", fp);
            put_term(fp, st, dg_results_cell(ev, i, 0), NULL);
            fputs("</td><td>", fp);
            put_term(fp, st, dg_results_cell(ev, i, 1), NULL);
            fputs("</td><td>", fp);
            put_evidence(fp, ev, i, j, 2);
            fputs("</td></tr>\n", fp);
            i = j;
        }
        fputs("</tbody>\n</table>\n", fp);
    } else {
        fputs("<p class=\"note\">No dated events.</p>\n", fp);
    }
    if (ac->nrows) {
        fputs("<table>\n<thead><tr><th>who</th><th>action</th><th>whom</th>"
              "<th>what</th><th>evidence</th></tr></thead>\n<tbody>\n",
              fp);
        for (size_t i = 0; i < ac->nrows;) {
            size_t j = group_end(ac, i);
            const char *a = dg_results_cell(ac, i, 0)->value;
            fputs("<tr><td>", fp);
            put_roles(fp, st, roles, &sorted, a, DG_NS "agent");
            fputs("</td><td>", fp);
            put_term(fp, st, dg_results_cell(ac, i, 1), NULL);
            fputs("</td><td>", fp);
            put_roles(fp, st, roles, &sorted, a, DG_NS "recipient");
            fputs("</td><td>", fp);
            put_roles(fp, st, roles, &sorted, a, DG_NS "item");
            fputs("</td><td>", fp);
            put_evidence(fp, ac, i, j, 2);
            fputs("</td></tr>\n", fp);
            i = j;
        }
        fputs("</tbody>\n</table>\n", fp);
    } else {
        fputs("<p class=\"note\">No actions.</p>\n", fp);
    }
    fputs("</section>\n", fp);
    rc = 0;
out:
    dg_results_free(ev);
    dg_results_free(ac);
    dg_results_free(roles);
    return rc;
}

static const char q_articles[] =
    "PREFIX schema: <" DG_NS_SCHEMA "> "
    "SELECT DISTINCT ?article ?key ?date WHERE { ?article "
    "schema:identifier ?key . ?article a schema:NewsArticle . "
    "OPTIONAL { ?article schema:datePublished ?date } } ORDER BY ?key";
static const char q_sentences[] =
    "PREFIX schema: <" DG_NS_SCHEMA "> PREFIX dg: <" DG_NS "> "
    "SELECT DISTINCT ?article ?s ?i ?text WHERE { ?s dg:inArticle ?article . "
    "?s dg:index ?i . ?s schema:text ?text } ORDER BY ?article ?i";

static int
put_articles(FILE *fp, struct dg_store *st, struct dg_report_info *info,
             struct dg_error *err)
{
    struct dg_results *ar = NULL, *se = NULL;
    int rc = -1, sorted = -1;
    if (!(ar = dg_store_query(st, q_articles, err)) ||
        !(se = dg_store_query(st, q_sentences, err)))
        goto out;
    fputs("<section id=\"articles\">\n<h2>Articles and their evidence</h2>\n",
          fp);
    if (!ar->nrows)
        fputs("<p class=\"note\">No articles.</p>\n", fp);
    for (size_t i = 0; i < ar->nrows; i++) {
        const struct dg_term *a = dg_results_cell(ar, i, 0);
        const struct dg_term *key = dg_results_cell(ar, i, 1);
        const struct dg_term *date = dg_results_cell(ar, i, 2);
        char id[512];
        if (!a->value || !key->value)
            continue;
        slug(id, sizeof id, key->value);
        fprintf(fp, "<article id=\"article-%s\">\n<h3>", id);
        esc(fp, key->value);
        if (date->value) { /* articles without a date line have none */
            fputs(" <span class=\"note\">", fp);
            esc(fp, date->value);
            fputs("</span>", fp);
        }
        fputs("</h3>\n<ol class=\"sentences\">\n", fp);
        size_t k, end = rows_of(se, a->value, &sorted, &k);
        for (; k < end; k++) {
            const struct dg_term *sa = dg_results_cell(se, k, 0);
            const struct dg_term *s = dg_results_cell(se, k, 1);
            const struct dg_term *n = dg_results_cell(se, k, 2);
            const struct dg_term *t = dg_results_cell(se, k, 3);
            char anchor[512];
            if (!sa->value || strcmp(sa->value, a->value) || !s->value ||
                !sentence_anchor(s->value, anchor, sizeof anchor))
                continue;
            fprintf(fp, "<li id=\"%s\" value=\"", anchor);
            esc(fp, n->value);
            fputs("\">", fp);
            esc(fp, t->value);
            fputs("</li>\n", fp);
        }
        fputs("</ol>\n</article>\n", fp);
        info->articles++;
    }
    fputs("</section>\n", fp);
    rc = 0;
out:
    dg_results_free(ar);
    dg_results_free(se);
    return rc;
}

/* ---- the entities linked from the questions' tables and diagrams */

struct ent_key {
    const char *iri;   /* borrowed from struct ents */
    const char *label; /* borrowed from the store */
};

static int
cmp_ent(const void *a, const void *b)
{
    const struct ent_key *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    return c ? c : strcmp(x->iri, y->iri);
}

/* the most articles listed under an entity; the rest are counted */
#define ARTICLES_LISTED 10

static const char q_entity_articles[] =
    "PREFIX schema: <" DG_NS_SCHEMA "> "
    "SELECT DISTINCT ?key WHERE { GRAPH ?a { <%s> a ?class } "
    "?a schema:identifier ?key } ORDER BY ?key";

/* the articles that mention iri, as links; nothing when the query fails
 * (an IRI that cannot be written in a query, a timeout) */
static void
put_entity_articles(FILE *fp, struct dg_store *st, const char *iri)
{
    struct dg_results *r = NULL;
    size_t len = strlen(iri) + sizeof q_entity_articles;
    char *q = NULL;
    if (strpbrk(iri, "<>\"{}|^`\\ \t\n") || !(q = malloc(len)))
        return;
    snprintf(q, len, q_entity_articles, iri);
    if ((r = dg_store_query(st, q, NULL)) && r->nrows) {
        fprintf(fp, " In %zu article%s: ", r->nrows, r->nrows == 1 ? "" : "s");
        for (size_t i = 0; i < r->nrows && i < ARTICLES_LISTED; i++) {
            const struct dg_term *k = dg_results_cell(r, i, 0);
            char id[512];
            if (!k->value)
                continue;
            slug(id, sizeof id, k->value);
            fprintf(fp, "%s<a href=\"#article-%s\">", i ? ", " : "", id);
            esc(fp, k->value);
            fputs("</a>", fp);
        }
        if (r->nrows > ARTICLES_LISTED)
            fputs(", &hellip;", fp);
        fputc('.', fp);
    }
    dg_results_free(r);
    free(q);
}

static int
put_entities(FILE *fp, struct dg_store *st, struct ents *e,
             struct dg_error *err)
{
    struct ent_key *keys = NULL;
    size_t n = 0;
    if (e->n && !(keys = malloc(e->n * sizeof *keys)))
        return dg_error_set(err, DG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < e->n; i++) {
        const char *label = dg_store_label(st, e->iri[i]);
        keys[i].iri = e->iri[i];
        keys[i].label = label ? label : local_name(e->iri[i]);
    }
    if (e->n > 1)
        qsort(keys, e->n, sizeof *keys, cmp_ent);
    fputs("<section id=\"entities\">\n<h2>Entities</h2>\n"
          "<p class=\"note\">Every entity named in a table or drawn in a "
          "diagram above, by name.</p>\n<ul class=\"entities\">\n",
          fp);
    for (size_t i = 0; i < e->n; i++) {
        char anchor[DG_RENDER_ANCHOR_SIZE], buf[512];
        const char *kind = dg_store_kind(st, keys[i].iri);
        if (i && !strcmp(keys[i].iri, keys[i - 1].iri))
            continue;
        n++;
        fprintf(fp, "<li id=\"%s\"><b>",
                dg_render_anchor(keys[i].iri, anchor, sizeof anchor));
        esc(fp, keys[i].label);
        fputs("</b> <span class=\"note\">", fp);
        if (kind) {
            esc(fp, kind);
            fputs(", ", fp);
        }
        fputs("<code>", fp);
        esc(fp, short_iri(keys[i].iri, buf, sizeof buf));
        fputs("</code></span>", fp);
        put_entity_articles(fp, st, keys[i].iri);
        fputs("</li>\n", fp);
    }
    fputs("</ul>\n", fp);
    if (!n)
        fputs("<p class=\"note\">None.</p>\n", fp);
    fputs("</section>\n", fp);
    free(keys);
    return 0;
}

/* appends the bytes of a memory stream's buffer to fp */
static void
put_buffer(FILE *fp, const char *buf, size_t len)
{
    if (buf && len)
        fwrite(buf, 1, len, fp);
}

int
dg_report_write(struct dg_store *st, const char *queries_dir,
                const char *out_dir, struct dg_report_info *info,
                struct dg_error *err)
{
    struct dg_report_info local;
    struct dg_output page = {0};
    struct sections sec = {NULL, NULL, NULL, NULL, {NULL, 0, 0, 0}};
    char *buf[4] = {NULL, NULL, NULL, NULL};
    size_t len[4] = {0, 0, 0, 0};
    FILE **streams[4] = {&sec.questions, &sec.raw, &sec.nav_questions,
                         &sec.nav_raw};
    FILE *fp = NULL;
    char **names = NULL;
    size_t n = 0;
    int rc = -1;

    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    if (make_dirs(out_dir, err) < 0 ||
        !(names = list_queries(queries_dir, &n, err)))
        goto out;
    if (!(sec.questions = open_memstream(&buf[0], &len[0])) ||
        !(sec.raw = open_memstream(&buf[1], &len[1])) ||
        !(sec.nav_questions = open_memstream(&buf[2], &len[2])) ||
        !(sec.nav_raw = open_memstream(&buf[3], &len[3]))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        if (put_query(&sec, st, queries_dir, out_dir, names[i], info, err) < 0)
            goto out;
    /* the sections are complete: close the streams to read their text */
    for (size_t i = 0; i < 4; i++) {
        int bad = fclose(*streams[i]) != 0;
        *streams[i] = NULL;
        if (bad) {
            dg_error_set(err, DG_ERR_NOMEM, "out of memory");
            goto out;
        }
    }
    if (sec.ents.failed) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (!(fp = out_open(&page, out_dir, "index.html", err)))
        goto out;
    page_head(fp, st);
    fputs("<nav><ul>\n", fp);
    put_buffer(fp, buf[2], len[2]);
    fputs("<li><a href=\"#stats\">The graph</a></li>\n"
          "<li><a href=\"#events\">Events and actions</a></li>\n",
          fp);
    put_buffer(fp, buf[3], len[3]);
    fputs("<li><a href=\"#entities\">Entities</a></li>\n"
          "<li><a href=\"#articles\">Articles and their evidence</a></li>\n"
          "</ul></nav>\n",
          fp);
    put_buffer(fp, buf[0], len[0]);
    if (put_stats(fp, st, err) < 0 || put_events(fp, st, err) < 0)
        goto out;
    put_buffer(fp, buf[1], len[1]);
    if (put_entities(fp, st, &sec.ents, err) < 0 ||
        put_articles(fp, st, info, err) < 0)
        goto out;
    fputs("</body>\n</html>\n", fp);
    rc = dg_output_commit(&page, err);
out:
    if (rc < 0 && fp)
        dg_output_check(&page, err);
    dg_output_abort(&page);
    for (size_t i = 0; i < 4; i++) {
        if (*streams[i])
            fclose(*streams[i]);
        free(buf[i]);
    }
    ents_release(&sec.ents);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}
