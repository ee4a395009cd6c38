/* fuzz-html.c: libFuzzer target for the web page reader (extract/html.c):
 * any bytes as a saved web page, as `build` reads a *.html file.  The
 * text it writes must be what the extractor takes: NUL-terminated at its
 * length, well-formed UTF-8 without control characters but newlines, and
 * either empty of article or accepted by dg_text_validate. */
#include "config.h"

#include "extract/html.h"
#include "extract/text.h"
#include "tests/fuzz/fuzz-util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dg_error err = {0, ""};
    struct dg_html_stats st;
    size_t len = 0;
    /* the page is not NUL-terminated: a read past its end is a finding;
     * the first byte also picks a charset given by the caller */
    const char *charset = size && data[0] == 'L' ? "ISO-8859-1" : NULL;
    char *t =
        dg_html_to_text((const char *)data, size, charset, &len, &st, &err);
    if (!t) {
        if (!err.code || !err.msg[0])
            abort(); /* an error must say why */
        return 0;
    }
    if (strlen(t) != len || !len || t[len - 1] != '\n' || !st.main ||
        dg_text_validate(t, len, NULL) < 0) {
        fprintf(stderr, "fuzz-html: bad text (%zu bytes): '%s'\n", len, t);
        abort();
    }
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)t[i] < 0x20 && t[i] != '\n')
            abort(); /* whitespace was collapsed: only newlines remain */
    free(t);
    return 0;
}
