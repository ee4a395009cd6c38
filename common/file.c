/* file.c: see file.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/file.h"

const char *
dg_file_size_text(size_t n, char *buf, size_t size)
{
    if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
        snprintf(buf, size, "%zu MiB", n / (1024 * 1024));
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, size, "%zu KiB", n / 1024);
    else
        snprintf(buf, size, "%zu byte%s", n, n == 1 ? "" : "s");
    return buf;
}

static int
errno_error(struct dg_error *err, int e)
{
    if (e == ELOOP)
        return dg_error_set(err, DG_ERR_IO, "symbolic link loop");
    return dg_error_set(err, e == ENOMEM ? DG_ERR_NOMEM : DG_ERR_IO, "%s",
                        strerror(e));
}

/* the checks of dg_file_check on a status already taken */
static int
check_stat(const struct stat *sb, size_t max_bytes, struct dg_error *err)
{
    char size[32];
    if (S_ISDIR(sb->st_mode))
        return dg_error_set(err, DG_ERR_IO, "is a directory");
    if (!S_ISREG(sb->st_mode))
        return dg_error_set(err, DG_ERR_IO, "not a regular file");
    if (max_bytes && (unsigned long long)sb->st_size > max_bytes)
        return dg_error_set(err, DG_ERR_INPUT, "larger than %s",
                            dg_file_size_text(max_bytes, size, sizeof size));
    return 0;
}

int
dg_file_check(const char *path, size_t max_bytes, struct stat *sb,
              struct dg_error *err)
{
    struct stat local;
    if (!sb)
        sb = &local;
    if (stat(path, sb) < 0)
        return errno_error(err, errno);
    return check_stat(sb, max_bytes, err);
}

FILE *
dg_file_open(const char *path, size_t max_bytes, struct dg_error *err)
{
    struct stat sb;
    FILE *fp;
    int fd, fl;

    if (!strcmp(path, "-"))
        return stdin;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
        errno_error(err, errno);
        return NULL;
    }
    if (fstat(fd, &sb) < 0) {
        errno_error(err, errno);
        goto fail;
    }
    if (check_stat(&sb, max_bytes, err) < 0)
        goto fail;
    if ((fl = fcntl(fd, F_GETFL)) < 0 ||
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 || !(fp = fdopen(fd, "rb"))) {
        errno_error(err, errno);
        goto fail;
    }
    return fp;
fail:
    close(fd);
    return NULL;
}

int
dg_file_close(FILE *fp)
{
    if (!fp || fp == stdin)
        return 0;
    return fclose(fp) == 0 ? 0 : -1;
}

char *
dg_file_read(const char *path, size_t max_bytes, int flags, size_t *len,
             struct dg_error *err)
{
    FILE *fp = dg_file_open(path, max_bytes, err);
    char *buf = NULL, size[32];
    size_t n = 0, cap = 0;

    if (!fp)
        return NULL;
    for (;;) {
        if (n == cap) {
            if (max_bytes && cap > max_bytes) {
                dg_error_set(err, DG_ERR_INPUT, "larger than %s",
                             dg_file_size_text(max_bytes, size, sizeof size));
                goto fail;
            }
            size_t ncap = cap ? 2 * cap : 65536;
            /* read at most one byte past the limit: enough to know */
            if (max_bytes && ncap > max_bytes + 1)
                ncap = max_bytes + 1;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                dg_error_set(err, DG_ERR_NOMEM, "out of memory");
                goto fail;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        errno_error(err, errno ? errno : EIO);
        goto fail;
    }
    if (max_bytes && n > max_bytes) {
        dg_error_set(err, DG_ERR_INPUT, "larger than %s",
                     dg_file_size_text(max_bytes, size, sizeof size));
        goto fail;
    }
    if (!buf && !(buf = malloc(1))) {
        dg_error_set(err, DG_ERR_NOMEM, "out of memory");
        goto fail;
    }
    buf[n] = '\0';
    if ((flags & DG_FILE_NO_NUL) && memchr(buf, '\0', n)) {
        dg_error_set(err, DG_ERR_INPUT, "contains a NUL byte at byte %zu",
                     (size_t)((char *)memchr(buf, '\0', n) - buf));
        goto fail;
    }
    dg_file_close(fp);
    *len = n;
    return buf;
fail:
    dg_file_close(fp);
    free(buf);
    return NULL;
}

void
dg_file_free_secret(char *secret)
{
    if (secret)
        explicit_bzero(secret, strlen(secret));
    free(secret);
}
