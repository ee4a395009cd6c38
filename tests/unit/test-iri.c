/* test-iri.c: dg_iri_check (common/iri.c) accepts absolute IRIs and
 * refuses what cannot be written between <> in N-Triples. */
#include "config.h"

#include <string.h>

#include "common/iri.h"
#include "tests/unit/tap.h"

static void
good(const char *iri)
{
    struct dg_error err = {0, ""};
    int rc = dg_iri_check(iri, &err);
    ok(rc == 0 && err.code == DG_OK, "accepts '%s'", iri);
    if (rc)
        printf("#   error: %s\n", err.msg);
}

static void
bad(const char *iri, const char *why, const char *label)
{
    struct dg_error err = {0, ""};
    int rc = dg_iri_check(iri, &err);
    ok(rc == -1 && err.code == DG_ERR_USAGE && strstr(err.msg, why),
       "refuses %s", label);
    if (!(rc == -1 && strstr(err.msg, why)))
        printf("#   rc %d, error: '%s', want '%s'\n", rc, err.msg, why);
}

int
main(void)
{
    good("https://w3id.org/diplograph/id/");
    good("http://example.org/g#frag");
    good("urn:x-diplograph:test");
    good("file:///tmp/a%20b.nt");
    good("tag:example.org,2024:x");
    good("http://example.org/H\xc3\xa0_N\xe1\xbb\x99i"); /* Hà_Nội */
    good("http://ex.org/\xf0\x9f\x98\x80");              /* U+1F600 */
    good("a+b-c.d:rest");
    good("x:");

    bad("", "empty IRI", "the empty string");
    bad("not an iri", "no scheme", "a phrase");
    bad("example.org/x", "no scheme", "no colon");
    bad("/abs/path", "no scheme", "a path");
    bad("1http://x", "no scheme", "a scheme starting with a digit");
    bad("ht tp://x", "no scheme", "a space in the scheme");
    bad(":x", "no scheme", "an empty scheme");
    bad("http://ex.org/a b", "a space", "a space");
    bad("http://ex.org/a\tb", "control", "a tab");
    bad("http://ex.org/a\x7f", "control", "DEL");
    bad("http://ex.org/\xc2\x85", "control", "a C1 control (U+0085)");
    bad("http://ex.org/<x>", "'<'", "'<'");
    bad("http://ex.org/x>", "'>'", "'>'");
    bad("http://ex.org/\"", "'\"'", "a double quote");
    bad("http://ex.org/{x}", "'{'", "'{'");
    bad("http://ex.org/a|b", "'|'", "'|'");
    bad("http://ex.org/a\\b", "'\\'", "a backslash");
    bad("http://ex.org/a^b", "'^'", "'^'");
    bad("http://ex.org/a`b", "'`'", "a backquote");
    bad("http://ex.org/%zz", "two hex digits", "a bad percent escape");
    bad("http://ex.org/%4", "two hex digits", "a short percent escape");
    bad("http://ex.org/#a#b", "more than one '#'", "two '#'");
    bad("http://ex.org/\xff", "not UTF-8", "a byte 0xff");
    bad("http://ex.org/\xc0\xaf", "not UTF-8", "an overlong '/'");
    bad("http://ex.org/\xed\xa0\x80", "not UTF-8", "a surrogate");
    bad("http://ex.org/\xe2\x82", "not UTF-8", "a cut sequence");

    struct dg_error err = {0, ""};
    ok(dg_iri_check("no scheme", NULL) == -1, "a NULL err is allowed");
    dg_iri_check("bad iri", &err);
    is_str(err.msg, "'bad iri' is not an absolute IRI: no scheme",
           "the message names the IRI and the cause");
    return tap_done();
}
