/* output.c: see output.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/output.h"

/* links followed before giving up, as the kernel's own limit */
#define MAX_LINKS 40

static char *
dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static void
release(struct dg_output *o)
{
    free(o->name);
    free(o->final);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

static int
fail(struct dg_output *o, struct dg_error *err, int e)
{
    if (e == ENOMEM)
        dg_error_force(err, DG_ERR_NOMEM, "out of memory");
    else if (o->name)
        dg_error_force(err, DG_ERR_IO, "cannot write '%s': %s", o->name,
                       strerror(e ? e : EIO));
    else
        dg_error_force(err, DG_ERR_IO, "cannot write standard output: %s",
                       strerror(e ? e : EIO));
    return -1;
}

/* names the kernel resolves itself (/proc/self/fd/1 may be "pipe:[N]") */
static int
is_magic(const char *p)
{
    return !strncmp(p, "/proc/", 6) || !strncmp(p, "/dev/fd/", 8);
}

/* the target of link p (a new string), relative targets made relative to
 * p's directory; NULL with errno set */
static char *
follow(const char *p)
{
    size_t cap = 256;
    char *buf = NULL, *next;
    ssize_t n;
    for (;;) {
        free(buf);
        if (!(buf = malloc(cap)))
            return NULL;
        if ((n = readlink(p, buf, cap)) < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < cap)
            break;
        cap *= 2;
    }
    buf[n] = '\0';
    const char *slash = strrchr(p, '/');
    size_t dl = buf[0] == '/' || !slash ? 0 : (size_t)(slash - p) + 1;
    if (!(next = malloc(dl + (size_t)n + 1))) {
        free(buf);
        return NULL;
    }
    memcpy(next, p, dl);
    memcpy(next + dl, buf, (size_t)n + 1);
    free(buf);
    return next;
}

/* Resolves o->name: sets o->final, or leaves it NULL when the name must
 * be written straight through; fills *sb and returns 1 when final exists,
 * 0 when not, -1 with errno set on failure. */
static int
resolve(struct dg_output *o, struct stat *sb)
{
    char *cur = dup_str(o->name), *next;
    if (!cur)
        return -1;
    for (int hops = 0;; hops++) {
        if (is_magic(cur)) {
            free(cur);
            return stat(o->name, sb) == 0 ? 1 : -1;
        }
        if (lstat(cur, sb) != 0) {
            if (errno != ENOENT) {
                free(cur);
                return -1;
            }
            o->final = cur;
            return 0;
        }
        if (!S_ISLNK(sb->st_mode)) {
            o->final = cur;
            return 1;
        }
        if (hops == MAX_LINKS) {
            free(cur);
            errno = ELOOP;
            return -1;
        }
        next = follow(cur);
        free(cur);
        if (!(cur = next))
            return -1;
    }
}

/* creates o->final's temporary file, mode 0666 & ~umask; fd or -1 */
static int
make_temp(struct dg_output *o)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned counter;
    struct timespec ts;
    size_t n = strlen(o->final);
    if (!(o->tmp = malloc(n + 11)))
        return -1;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
                 ((uint64_t)getpid() << 40);
    for (int tries = 0; tries < 100; tries++) {
        x += 0x9e3779b97f4a7c15u * (++counter);
        uint64_t r = x;
        memcpy(o->tmp, o->final, n);
        memcpy(o->tmp + n, ".tmp", 4);
        for (int i = 0; i < 6; i++, r /= 36)
            o->tmp[n + 4 + i] = digits[r % 36];
        o->tmp[n + 10] = '\0';
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

FILE *
dg_output_open(struct dg_output *o, const char *path, struct dg_error *err)
{
    struct stat sb;
    int fd = -1, exists;

    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->fp = stdout;
        return o->fp;
    }
    if (!(o->name = dup_str(path))) {
        fail(o, err, ENOMEM);
        goto out;
    }
    if ((exists = resolve(o, &sb)) < 0) {
        fail(o, err, errno);
        goto out;
    }
    if (exists && S_ISDIR(sb.st_mode)) {
        fail(o, err, EISDIR);
        goto out;
    }
    if (!o->final || (exists && !S_ISREG(sb.st_mode))) {
        /* a device, FIFO, socket or /dev/stdout: as `>` would */
        free(o->final);
        o->final = NULL;
        fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
    } else {
        if (exists) {
            /* `>` refuses a file it may not write: so do we */
            if (faccessat(AT_FDCWD, o->final, W_OK, AT_EACCESS) != 0) {
                fail(o, err, errno);
                goto out;
            }
            o->existed = 1;
            o->mode = sb.st_mode & 07777;
            o->uid = sb.st_uid;
            o->gid = sb.st_gid;
        }
        if ((fd = make_temp(o)) >= 0 && o->existed) {
            /* chown first: it may clear set-id bits that chmod restores;
             * only root may give a file away, so its failure is fine */
            if (fchown(fd, o->uid, o->gid) != 0 && errno != EPERM)
                goto fd_failed;
            if (fchmod(fd, o->mode) != 0)
                goto fd_failed;
        }
    }
    if (fd < 0) {
        fail(o, err, errno);
        goto out;
    }
    if ((o->fp = fdopen(fd, "w")))
        return o->fp;
fd_failed:
    fail(o, err, errno);
    close(fd);
out:
    if (o->tmp && fd >= 0)
        unlink(o->tmp);
    release(o);
    return NULL;
}

int
dg_output_check(struct dg_output *o, struct dg_error *err)
{
    int e = errno;
    if (!o->fp || !ferror(o->fp))
        return 0;
    return fail(o, err, e);
}

int
dg_output_commit(struct dg_output *o, struct dg_error *err)
{
    int e = errno, bad = 0;
    if (!o->fp) {
        release(o);
        return 0;
    }
    if (fflush(o->fp) != 0) {
        e = errno;
        bad = 1;
    } else if (ferror(o->fp)) {
        bad = 1; /* an earlier write failed: errno is likely its cause */
    }
    if (o->fp == stdout && !o->name) {
        if (bad)
            fail(o, err, e);
        release(o);
        return bad ? -1 : 0;
    }
    if (!bad && o->tmp && fsync(fileno(o->fp)) != 0) {
        e = errno;
        bad = 1;
    }
    if (fclose(o->fp) != 0 && !bad) {
        e = errno;
        bad = 1;
    }
    o->fp = NULL;
    if (!bad && o->tmp && rename(o->tmp, o->final) != 0) {
        e = errno;
        bad = 1;
    }
    if (bad) {
        fail(o, err, e);
        if (o->tmp)
            unlink(o->tmp);
    }
    release(o);
    return bad ? -1 : 0;
}

void
dg_output_abort(struct dg_output *o)
{
    if (o->fp && o->name) {
        fclose(o->fp);
        if (o->tmp)
            unlink(o->tmp);
    }
    release(o);
}

int
dg_output_finish(struct dg_output *o, int rc, struct dg_error *err)
{
    if (rc >= 0)
        return dg_output_commit(o, err);
    dg_output_check(o, err);
    dg_output_abort(o);
    return -1;
}
