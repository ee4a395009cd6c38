/* tap.h: a minimal TAP producer for unit tests (header only).
 *
 *   ok(cond, "title %d", n);  is_str(got, want, "title");  return tap_done();
 *
 * Tests print "ok N - title" / "not ok N - title" and, at the end, "1..N";
 * tap_done() returns the process exit status (0 when every test passed). */
#ifndef DG_TAP_H
#define DG_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3))) static inline int
ok(int cond, const char *fmt, ...)
{
    va_list ap;
    tap_n++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    return cond;
}

static inline int
is_str(const char *got, const char *want, const char *title)
{
    int cond = (got && want) ? strcmp(got, want) == 0 : got == want;
    ok(cond, "%s", title);
    if (!cond)
        printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
               want ? want : "(null)");
    return cond;
}

static inline int
is_int(long got, long want, const char *title)
{
    int cond = got == want;
    ok(cond, "%s", title);
    if (!cond)
        printf("#   got:  %ld\n#   want: %ld\n", got, want);
    return cond;
}

static inline int
tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif /* DG_TAP_H */
