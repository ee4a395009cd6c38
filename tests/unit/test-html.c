/* test-html.c: saved web pages to article text (extract/html.h).  Every
 * page here is written for this test. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/html.h"
#include "tap.h"

/* the text of page, or NULL; st and err filled */
static char *
conv(const char *page, struct dg_html_stats *st, struct dg_error *err)
{
    dg_error_clear(err);
    return dg_html_to_text(page, strlen(page), NULL, NULL, st, err);
}

/* the date line the page gives, "" without one */
static void
date_is(const char *head, const char *body, const char *want, const char *from,
        const char *title)
{
    char page[2048];
    struct dg_html_stats st;
    struct dg_error err;
    snprintf(page, sizeof page,
             "<!DOCTYPE html><html><head>%s<title>T</title></head>"
             "<body>%s<p>The ministers met in Hanoi on Monday.</p></body>"
             "</html>",
             head, body);
    char *t = conv(page, &st, &err);
    char got[16] = "";
    if (t && !strncmp(t, " date ", 6))
        snprintf(got, sizeof got, "%.10s", t + 6);
    is_str(got, want, title);
    if (from)
        is_str(st.date_from, from, "  ... its source is named");
    free(t);
}

static const char article_page[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>Ministers meet in Hanoi | The Daily Example</title>\n"
    "<meta property=\"article:published_time\" "
    "content=\"2023-04-05T08:30:00+07:00\">\n"
    "<style>body { color: red }</style>\n"
    "<script>var tracking = 'Vietnam and Laos signed nothing';</script>\n"
    "</head><body>\n"
    "<header><a href=\"/\">The Daily Example</a>"
    "<nav><ul><li><a href=\"/w\">World</a></li>"
    "<li><a href=\"/s\">Sports</a></li></ul></nav></header>\n"
    "<div class=\"cookie-banner\">We use cookies to improve your visit.</div>\n"
    "<article>\n"
    "<h1>Ministers   meet in Hanoi</h1>\n"
    "<p>HANOI &mdash; Vietnam&#39;s defence minister met his Lao "
    "counterpart\n   on Tuesday &amp; discussed border security.</p>\n"
    "<figure><img src=\"x.jpg\"><figcaption>The two ministers shake hands."
    "</figcaption></figure>\n"
    "<p>The two sides agreed to hold joint exercises next year.<br>"
    "They also talked about training.</p>\n"
    "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a></div>\n"
    "<ul class=\"links\"><li><a href=\"/a\">Other story one</a></li>"
    "<li><a href=\"/b\">Other story two</a></li></ul>\n"
    "</article>\n"
    "<aside><p>Most read: a story about something else entirely.</p></aside>\n"
    "<div class=\"related-articles\"><p>Japan and Korea hold talks on "
    "trade, which is unrelated.</p></div>\n"
    "<footer><p>Copyright 2023 The Daily Example.</p></footer>\n"
    "<form action=\"/subscribe\"><input name=\"e\"><button>Sign up"
    "</button></form>\n"
    "</body></html>\n";

static const char article_text[] =
    " date 2023-04-05\n"
    "Ministers meet in Hanoi\n\n"
    "HANOI \xe2\x80\x94 Vietnam's defence minister met his Lao counterpart on "
    "Tuesday & discussed border security.\n\n"
    "The two sides agreed to hold joint exercises next year.\n\n"
    "They also talked about training.\n";

int
main(void)
{
    struct dg_html_stats st;
    struct dg_error err;
    char *t;
    size_t len = 0;

    /* ---- a whole page: title, date, main text, boilerplate left out */
    dg_error_clear(&err);
    t = dg_html_to_text(article_page, strlen(article_page), NULL, &len, &st,
                        &err);
    is_str(t, article_text, "article page: date, title, paragraphs");
    ok(t && len == strlen(t), "length given back");
    is_str(st.main, "article", "main part: <article>");
    is_str(st.date_from, "meta article:published_time", "date source named");
    ok(st.dropped >= 5, "dropped elements counted (%zu)", st.dropped);
    ok(st.boilerplate >= 3, "boilerplate elements counted (%zu)",
       st.boilerplate);
    is_int((long)st.link_lists, 1, "one list of links left out");
    ok(st.outside >= 1, "blocks outside the article counted (%zu)", st.outside);
    is_int((long)st.blocks, 3, "three blocks written");
    ok(t && !strstr(t, "cookies") && !strstr(t, "Japan") &&
           !strstr(t, "tracking") && !strstr(t, "Copyright") &&
           !strstr(t, "shake hands") && !strstr(t, "Share"),
       "no boilerplate text");
    free(t);

    /* ---- the title: og:title, else h1, else <title> */
    t = conv("<html><head><title>Page title - Site</title>"
             "<meta property=\"og:title\" content=\"The OG title\"></head>"
             "<body><h1>The heading</h1><p>Some text here.</p></body></html>",
             &st, &err);
    ok(t && !strncmp(t, "The OG title\n\n", 14), "og:title first");
    ok(t && strstr(t, "The heading"), "  ... the h1 is kept as text then");
    free(t);
    t = conv("<html><head><title>Page title - Site</title></head>"
             "<body><h1>The heading</h1><p>Some text here.</p></body></html>",
             &st, &err);
    is_str(t, "The heading\n\nSome text here.\n", "h1 next, not repeated");
    free(t);
    t = conv("<html><head><title>Page &amp; title</title></head>"
             "<body><p>Some text here.</p></body></html>",
             &st, &err);
    is_str(t, "Page & title\n\nSome text here.\n", "<title> last");
    free(t);

    /* ---- each date source */
    date_is("<meta property=\"og:published_time\" content=\"2021-01-02\">", "",
            "2021-01-02", "meta og:published_time", "og:published_time");
    date_is("<meta itemprop=\"datePublished\" content=\"2021-01-03\">", "",
            "2021-01-03", "itemprop datePublished", "meta itemprop");
    date_is("", "<span itemprop=\"datePublished\" datetime=\"2021-01-04\">",
            "2021-01-04", "itemprop datePublished", "element itemprop");
    date_is("<meta name=\"date\" content=\"2021/01/05\">", "", "2021-01-05",
            "meta date", "meta name=date (slashes)");
    date_is("<meta name=\"pubdate\" content=\"20210106\">", "", "2021-01-06",
            "pubdate", "meta pubdate (YYYYMMDD)");
    date_is("", "<time pubdate datetime=\"2021-01-07T10:00\">Jan 7</time>",
            "2021-01-07", "pubdate", "<time pubdate>");
    date_is("<meta name=\"DC.date.issued\" content=\"2021-01-08\">", "",
            "2021-01-08", "meta DC.date", "DC.date.issued");
    date_is("<meta name=\"parsely-pub-date\" content=\"2021-01-09T00:00Z\">",
            "", "2021-01-09", "meta parsely-pub-date", "parsely-pub-date");
    date_is("", "<time datetime=\"2021-01-10\">10 January</time>", "2021-01-10",
            "time", "<time datetime>");
    date_is("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\","
            " \"datePublished\" : \"2021-01-11T09:00:00Z\"}</script>",
            "", "2021-01-11", "json-ld", "JSON-LD datePublished");
    date_is("<meta property=\"article:published_time\" content=\"2022-02-02\">"
            "<meta name=\"date\" content=\"2021-01-01\">",
            "<time datetime=\"2020-03-03\">x</time>", "2022-02-02",
            "meta article:published_time", "the best source wins");
    date_is("<meta name=\"date\" content=\"2021-13-01\">", "", "", NULL,
            "month 13 is no date");
    date_is("<meta name=\"date\" content=\"yesterday\">", "", "", NULL,
            "words are no date");
    ok(1, "no date: no date line");

    /* ---- no <article>: role=main, then the densest block */
    t = conv("<html><body><div class=\"menu\">Home About</div>"
             "<div role=\"main\"><p>Main text one.</p></div>"
             "<div><p>Other.</p></div></body></html>",
             &st, &err);
    is_str(t, "Main text one.\n", "role=main");
    is_str(st.main, "main", "  ... named");
    free(t);
    t = conv("<html><body><div id=\"top\"><p>Short.</p></div>"
             "<div id=\"story\"><p>The first long paragraph of the story "
             "is here.</p><p>And a second paragraph follows it.</p></div>"
             "</body></html>",
             &st, &err);
    is_str(t,
           "The first long paragraph of the story is here.\n\n"
           "And a second paragraph follows it.\n",
           "the block with the most paragraph text");
    is_str(st.main, "density", "  ... named");
    ok(st.outside == 1, "  ... one block outside (%zu)", st.outside);
    free(t);
    /* a wrapper whose class says sidebar but holds the story is kept */
    t = conv("<html><body><div class=\"has-sidebar\"><p>The story text is "
             "this one.</p><div class=\"sidebar\"><p>Ad.</p></div></div>"
             "</body></html>",
             &st, &err);
    is_str(t, "The story text is this one.\n", "a wrapper is not boilerplate");
    free(t);
    /* lists and blockquotes are blocks */
    t = conv("<body><article><p>Intro text.</p><ul><li>First point</li>"
             "<li>Second point</li></ul><blockquote>A quote.</blockquote>"
             "<h2>Sub</h2>tail text</article></body>",
             &st, &err);
    is_str(t,
           "Intro text.\n\nFirst point\n\nSecond point\n\nA quote.\n\nSub\n\n"
           "tail text\n",
           "li, blockquote, h2 and loose text as blocks");
    free(t);

    /* ---- charsets */
    t = conv("<html><head><meta http-equiv=\"Content-Type\" "
             "content=\"text/html; charset=iso-8859-1\"></head><body>"
             "<p>Caf\xe9 in S\xe3o Paulo, \xbd price.</p></body></html>",
             &st, &err);
    is_str(t, "Caf\xc3\xa9 in S\xc3\xa3o Paulo, \xc2\xbd price.\n",
           "ISO-8859-1 page to UTF-8");
    free(t);
    t = conv("<html><body><p>Caf\xe9 au lait.</p></body></html>", &st, &err);
    is_str(t, "Caf\xc3\xa9 au lait.\n", "undeclared non-UTF-8: windows-1252");
    free(t);
    t = conv("<html><body><p>Vi\xe1\xbb\x87t Nam\xc2\xa0 and more.</p>"
             "</body></html>",
             &st, &err);
    is_str(t, "Vi\xe1\xbb\x87t Nam and more.\n",
           "undeclared UTF-8 kept, NBSP collapsed");
    free(t);
    {
        const char p[] = "<html><body><p>Caf\xe9.</p></body></html>";
        dg_error_clear(&err);
        t = dg_html_to_text(p, strlen(p), "ISO-8859-1", NULL, &st, &err);
        is_str(t, "Caf\xc3\xa9.\n", "charset given by the caller");
        free(t);
    }

    /* a declared charset the bytes break: what was read is kept, and
     * libxml2's "encoding error" does not reach stderr */
    {
        FILE *tmp = tmpfile();
        int saved = dup(STDERR_FILENO);
        fflush(stderr);
        dup2(fileno(tmp), STDERR_FILENO);
        t = conv("<html><head><meta charset=\"shift_jis\"></head><body>"
                 "<p>Good text first.</p><p>\x81\x20\xff\xfe bad</p></body>"
                 "</html>",
                 &st, &err);
        fflush(stderr);
        dup2(saved, STDERR_FILENO);
        close(saved);
        long printed =
            ftell(tmp) > 0 ? ftell(tmp) : (fseek(tmp, 0, SEEK_END), ftell(tmp));
        fclose(tmp);
        ok(t && !strncmp(t, "Good text first.", 16),
           "a broken charset keeps the text read before");
        is_int(printed, 0, "  ... and prints nothing");
        free(t);
    }

    /* ---- broken, empty, binary */
    t = conv("<html><body><p>Unclosed paragraph <b>bold <i>both</b> "
             "<p>Second &nosuch; one<div>in div",
             &st, &err);
    is_str(t, "Unclosed paragraph bold both\n\nSecond &nosuch; one\n\nin div\n",
           "broken HTML recovered");
    free(t);
    t = conv("", &st, &err);
    ok(!t && err.code == DG_ERR_INPUT && strstr(err.msg, "empty"),
       "empty input refused (%s)", err.msg);
    t = conv("<html><head><title></title></head><body>  <script>x()</script>"
             "</body></html>",
             &st, &err);
    ok(!t && err.code == DG_ERR_INPUT && strstr(err.msg, "no article text"),
       "page without text refused (%s)", err.msg);
    {
        const char bin[] = "<html>\x01\x02\0\x89PNG\r\n";
        dg_error_clear(&err);
        t = dg_html_to_text(bin, sizeof bin - 1, NULL, NULL, &st, &err);
        ok(!t && err.code == DG_ERR_INPUT && strstr(err.msg, "binary"),
           "binary refused (%s)", err.msg);
    }

    /* ---- detection */
    ok(dg_html_detect("a/b.HTML", NULL, "", 0), "detect: .HTML");
    ok(dg_html_detect("x.htm", NULL, "", 0), "detect: .htm");
    ok(dg_html_detect("x.xhtml", NULL, "", 0), "detect: .xhtml");
    ok(dg_html_detect("http://h/a.html?x=1", NULL, "", 0),
       "detect: URL with a query");
    ok(!dg_html_detect("x.txt", NULL, "plain", 5), "detect: not .txt");
    const char *doctype = "\xef\xbb\xbf  \n<!DOCTYPE HTML>";
    ok(dg_html_detect("x.txt", NULL, doctype, strlen(doctype)),
       "detect: doctype after BOM and blanks");
    ok(dg_html_detect("-", NULL, "<html lang=en>", 14), "detect: <html");
    ok(!dg_html_detect("-", NULL, "<htmlx>", 7), "detect: not <htmlx");
    ok(dg_html_detect(NULL, "text/html; charset=utf-8", "", 0),
       "detect: media type");
    ok(!dg_html_detect(NULL, "text/plain", "", 0), "detect: not text/plain");
    size_t k = 0;
    ok(dg_html_has_suffix("a.htm", &k) && k == 4, "suffix length");

    return tap_done();
}
