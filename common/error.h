/* error.h: the error record every library function fills on failure.
 *
 * Library code never prints or exits: it returns -1 (or NULL) and fills a
 * caller-supplied struct dg_error.  Only the CLI prints the message.  Every
 * err argument may be NULL (the error is then dropped).  Messages follow
 * git's style: lowercase, no final full stop, subjects quoted as '%s'. */
#ifndef DG_ERROR_H
#define DG_ERROR_H

#include <stdarg.h>

enum dg_err_code {
    DG_OK = 0,
    DG_ERR_IO,     /* file or directory cannot be read or written */
    DG_ERR_INPUT,  /* bad input: not UTF-8, empty, binary, too big */
    DG_ERR_USAGE,  /* bad argument or option value */
    DG_ERR_STORE,  /* store missing, unopenable or failing */
    DG_ERR_QUERY,  /* query syntax error or unsupported feature */
    DG_ERR_RENDER, /* diagram layout or rendering failed */
    DG_ERR_NOMEM,
    DG_ERR_INTERNAL
};

struct dg_error {
    int code;       /* enum dg_err_code; DG_OK when no error */
    char msg[1024]; /* one line, no trailing newline */
};

/* Clears err (code DG_OK, empty message).  err may be NULL. */
void dg_error_clear(struct dg_error *err);

/* Fills err (if not NULL and not already set) and returns -1, so that
 * callers can write `return dg_error_set(err, DG_ERR_IO, "...", ...)`.
 * The first error wins: a later call does not overwrite a set error, since
 * the first failure is the cause. */
int dg_error_set(struct dg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int dg_error_vset(struct dg_error *err, int code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Overwrites err even when already set (for wrapping a lower error with
 * more context).  Returns -1. */
int dg_error_force(struct dg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* DG_ERROR_H */
