/* iri.c: see iri.h */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/iri.h"

static int
is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* length of the UTF-8 sequence at s (1 to 4) and its code point, or 0
 * when it is not valid UTF-8 (overlong, surrogate, beyond U+10FFFF) */
static int
utf8_next(const unsigned char *s, long *cp)
{
    int n;
    long c;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2;
        c = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        c = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        c = s[0] & 0x07;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

static int
bad(struct dg_error *err, const char *iri, const char *why)
{
    return dg_error_set(err, DG_ERR_USAGE, "'%s' is not an absolute IRI: %s",
                        iri, why);
}

int
dg_iri_check(const char *iri, struct dg_error *err)
{
    const unsigned char *s = (const unsigned char *)iri;
    size_t i = 0;
    int hashes = 0;

    if (!iri || !*iri)
        return dg_error_set(err, DG_ERR_USAGE, "empty IRI");
    if (!is_alpha(s[0]))
        return bad(err, iri, "no scheme");
    for (i = 1; s[i] != ':'; i++)
        if (!is_alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '+' &&
            s[i] != '-' && s[i] != '.')
            return bad(err, iri, "no scheme");
    for (i++; s[i];) {
        long cp;
        int n = utf8_next(s + i, &cp);
        if (!n)
            return bad(err, iri, "not UTF-8");
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
            return bad(err, iri, "a control character");
        if (cp == ' ')
            return bad(err, iri, "a space");
        if (cp < 0x80 && strchr("<>\"{}|\\^`", (int)cp)) {
            char why[32];
            snprintf(why, sizeof why, "the character '%c'", (int)cp);
            return bad(err, iri, why);
        }
        if (cp == '%' && !(is_hex(s[i + 1]) && is_hex(s[i + 2])))
            return bad(err, iri, "'%' not followed by two hex digits");
        if (cp == '#' && ++hashes > 1)
            return bad(err, iri, "more than one '#'");
        i += (size_t)n;
    }
    return 0;
}
