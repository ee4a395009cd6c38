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

/* writes a term as HTML: a label (linked when a sentence), or a value */
static void
put_term(FILE *fp, struct dg_store *st, const struct dg_term *t)
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
    ".diagram img{max-width:100%;height:auto;border:1px solid #eee}"
    ".note{color:#666;font-size:.9em}.error{color:#b00}"
    "ol.sentences li:target{background:#fff7bc}"
    "span[title]{border-bottom:1px dotted #999}";

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

static void
put_table(FILE *fp, struct dg_store *st, const struct dg_results *r)
{
    size_t shown =
        r->nrows < DG_REPORT_MAX_ROWS ? r->nrows : DG_REPORT_MAX_ROWS;
    if (r->kind == DG_RESULTS_BOOLEAN) {
        fprintf(fp, "<p>Answer: <b>%s</b></p>\n", r->boolean ? "yes" : "no");
        return;
    }
    if (r->nrows == 0) {
        fputs("<p class=\"note\">No results.</p>\n", fp);
        return;
    }
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
            put_term(fp, st, dg_results_cell(r, i, k));
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table>\n", fp);
    if (shown < r->nrows)
        fprintf(fp, "<p class=\"note\">First %zu of %zu rows.</p>\n", shown,
                r->nrows);
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

/* one query's section: title, question, diagram, table */
static int
put_query(FILE *fp, struct dg_store *st, const char *queries_dir,
          const char *out_dir, const char *name, struct dg_report_info *info,
          struct dg_error *err)
{
    char path[4096], id[256], svg[300];
    struct dg_query_header h;
    struct dg_error qerr = {0, ""};
    struct dg_results *r = NULL;
    char *text;

    slug(id, sizeof id, name);
    id[strlen(id) - 3] = '\0'; /* drop "-rq" */
    snprintf(path, sizeof path, "%s/%s", queries_dir, name);
    if (!(text = read_text(path, &qerr))) {
        note_failure(info, name, qerr.msg);
        fprintf(fp, "<section id=\"q-%s\">\n<h2>", id);
        esc(fp, name);
        fputs("</h2>\n<p class=\"error\">", fp);
        esc(fp, qerr.msg);
        fputs("</p>\n</section>\n", fp);
        return 0;
    }
    dg_query_header_parse(text, &h);
    fprintf(fp, "<section id=\"q-%s\">\n<h2>", id);
    esc(fp, h.title[0] ? h.title : name);
    fputs("</h2>\n", fp);
    if (h.question[0]) {
        fputs("<p class=\"question\">", fp);
        esc(fp, h.question);
        fputs("</p>\n", fp);
    }
    fputs("<p class=\"note\">Query <code>", fp);
    esc(fp, name);
    fputs("</code></p>\n", fp);
    if (!(r = dg_store_query(st, text, &qerr))) {
        note_failure(info, name, qerr.msg);
        fputs("<p class=\"error\">The query failed: ", fp);
        esc(fp, qerr.msg);
        fputs("</p>\n</section>\n", fp);
        free(text);
        return 0;
    }
    if (strcmp(h.engine, "none") != 0 && r->kind != DG_RESULTS_BOOLEAN &&
        r->nrows > 0) {
        struct dg_render_opts opts = {"svg", NULL, 0, &h};
        struct dg_render_info ri;
        struct dg_output of;
        FILE *sfp;
        snprintf(svg, sizeof svg, "%s.svg", id);
        if (!(sfp = out_open(&of, out_dir, svg, err)))
            goto fail;
        if (dg_render_results(st, r, &opts, sfp, &ri, &qerr) < 0) {
            if (dg_output_check(&of, err) < 0) { /* the disk, not the query */
                dg_output_abort(&of);
                goto fail;
            }
            dg_output_abort(&of);
            note_failure(info, name, qerr.msg);
            fputs("<p class=\"error\">No diagram: ", fp);
            esc(fp, qerr.msg);
            fputs("</p>\n", fp);
        } else {
            if (dg_output_commit(&of, err) < 0)
                goto fail;
            info->diagrams++;
            fprintf(fp,
                    "<figure class=\"diagram\"><a href=\"%s\"><img "
                    "src=\"%s\" alt=\"diagram: ",
                    svg, svg);
            esc(fp, h.title[0] ? h.title : name);
            fputs("\"></a><figcaption class=\"note\">", fp);
            if (ri.nodes_shown < ri.nodes_total)
                fprintf(fp, "Showing %zu of %zu nodes. ", ri.nodes_shown,
                        ri.nodes_total);
            fprintf(fp,
                    "%zu nodes, %zu edges, layout %s; open the diagram "
                    "for tooltips.</figcaption></figure>\n",
                    ri.nodes_shown, ri.edges_shown, ri.engine);
        }
    }
    put_table(fp, st, r);
    fputs("</section>\n", fp);
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
        put_term(fp, st, t);
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

static void
put_roles(FILE *fp, struct dg_store *st, const struct dg_results *roles,
          const char *action, const char *pred)
{
    const char *sep = "";
    for (size_t i = 0; roles && i < roles->nrows; i++) {
        const struct dg_term *a = dg_results_cell(roles, i, 0);
        const struct dg_term *p = dg_results_cell(roles, i, 1);
        if (!a->value || !p->value || strcmp(a->value, action) ||
            strcmp(p->value, pred))
            continue;
        fputs(sep, fp);
        put_term(fp, st, dg_results_cell(roles, i, 2));
        sep = "; ";
    }
}

static int
put_events(FILE *fp, struct dg_store *st, struct dg_error *err)
{
    struct dg_results *ev = NULL, *ac = NULL, *roles = NULL;
    int rc = -1;
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
            put_term(fp, st, dg_results_cell(ev, i, 0));
            fputs("</td><td>", fp);
            put_term(fp, st, dg_results_cell(ev, i, 1));
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
            put_roles(fp, st, roles, a, DG_NS "agent");
            fputs("</td><td>", fp);
            put_term(fp, st, dg_results_cell(ac, i, 1));
            fputs("</td><td>", fp);
            put_roles(fp, st, roles, a, DG_NS "recipient");
            fputs("</td><td>", fp);
            put_roles(fp, st, roles, a, DG_NS "item");
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
    int rc = -1;
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
        for (size_t k = 0; k < se->nrows; k++) {
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

int
dg_report_write(struct dg_store *st, const char *queries_dir,
                const char *out_dir, struct dg_report_info *info,
                struct dg_error *err)
{
    struct dg_report_info local;
    struct dg_output page = {0};
    FILE *fp = NULL;
    char **names = NULL;
    size_t n = 0;
    int rc = -1;

    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    if (make_dirs(out_dir, err) < 0 ||
        !(names = list_queries(queries_dir, &n, err)) ||
        !(fp = out_open(&page, out_dir, "index.html", err)))
        goto out;
    page_head(fp, st);
    fputs("<nav><ul>\n", fp);
    for (size_t i = 0; i < n; i++) {
        char id[256], path[4096];
        struct dg_query_header h;
        char *text;
        slug(id, sizeof id, names[i]);
        id[strlen(id) - 3] = '\0';
        snprintf(path, sizeof path, "%s/%s", queries_dir, names[i]);
        text = read_text(path, NULL);
        dg_query_header_parse(text ? text : "", &h);
        fprintf(fp, "<li><a href=\"#q-%s\">", id);
        esc(fp, h.title[0] ? h.title : names[i]);
        fputs("</a></li>\n", fp);
        free(text);
    }
    fputs("<li><a href=\"#stats\">The graph</a></li>\n"
          "<li><a href=\"#events\">Events and actions</a></li>\n"
          "<li><a href=\"#articles\">Articles and their evidence</a></li>\n"
          "</ul></nav>\n",
          fp);
    for (size_t i = 0; i < n; i++)
        if (put_query(fp, st, queries_dir, out_dir, names[i], info, err) < 0)
            goto out;
    if (put_stats(fp, st, err) < 0 || put_events(fp, st, err) < 0 ||
        put_articles(fp, st, info, err) < 0)
        goto out;
    fputs("</body>\n</html>\n", fp);
    rc = dg_output_commit(&page, err);
out:
    dg_output_abort(&page);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}
