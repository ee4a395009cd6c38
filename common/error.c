/* error.c: see error.h */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/error.h"

void
dg_error_clear(struct dg_error *err)
{
    if (!err)
        return;
    err->code = DG_OK;
    err->msg[0] = '\0';
}

int
dg_error_vset(struct dg_error *err, int code, const char *fmt, va_list ap)
{
    if (!err || err->code != DG_OK)
        return -1;
    err->code = code ? code : DG_ERR_INTERNAL;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    /* keep it to one line */
    for (char *p = err->msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return -1;
}

int
dg_error_set(struct dg_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_error_vset(err, code, fmt, ap);
    va_end(ap);
    return -1;
}

int
dg_error_force(struct dg_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return -1;
    err->code = DG_OK;
    va_start(ap, fmt);
    dg_error_vset(err, code, fmt, ap);
    va_end(ap);
    return -1;
}
