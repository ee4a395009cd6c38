/* test-output.c: common/output.h: what a named output replaces, follows,
 * writes through or refuses, and that a failure leaves the old file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "common/output.h"
#include "tests/unit/tap.h"

static char dir[64];

static const char *
at(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void
put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

/* the file's content (static buffer), "" when missing */
static const char *
get(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "r");
    size_t n = 0;
    if (fp) {
        n = fread(buf, 1, sizeof buf - 1, fp);
        fclose(fp);
    }
    buf[n] = '\0';
    return buf;
}

/* files in dir, to see that no temporary file stays behind */
static int
count_files(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = -1;
        pclose(p);
    }
    return n;
}

/* opens path, writes text, commits; 0 or -1 (err filled) */
static int
write_to(const char *path, const char *text, struct dg_error *err)
{
    struct dg_output o;
    FILE *fp = dg_output_open(&o, path, err);
    if (!fp)
        return -1;
    fputs(text, fp);
    return dg_output_commit(&o, err);
}

int
main(void)
{
    struct dg_error err = {0, ""};
    struct dg_output o;
    struct stat sb;
    FILE *fp;

    snprintf(dir, sizeof dir, "%s/dg-output.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        printf("Bail out! cannot make a temporary directory\n");
        return 1;
    }

    /* a new file: 0666 & ~umask */
    mode_t old_mask = umask(027);
    ok(write_to(at("new"), "one\n", &err) == 0, "a new file is written");
    is_str(get(at("new")), "one\n", "with its content");
    ok(stat(at("new"), &sb) == 0 && (sb.st_mode & 0777) == 0640,
       "a new file has mode 0666 & ~umask (0640 under umask 027)");
    umask(old_mask);

    /* an existing file: replaced, its mode kept */
    chmod(at("new"), 0604);
    ok(write_to(at("new"), "two\n", &err) == 0, "an existing file is replaced");
    is_str(get(at("new")), "two\n", "with the new content");
    ok(stat(at("new"), &sb) == 0 && (sb.st_mode & 0777) == 0604,
       "and keeps its mode (0604)");
    is_int(count_files(), 1, "no temporary file stays behind");

    /* abort: the old content stays, the temporary file goes */
    fp = dg_output_open(&o, at("new"), &err);
    ok(fp != NULL, "open for an aborted write");
    if (fp)
        fputs("half", fp);
    is_int(count_files(), 2, "a temporary file exists while writing");
    dg_output_abort(&o);
    is_str(get(at("new")), "two\n", "abort leaves the old content");
    is_int(count_files(), 1, "abort removes the temporary file");
    dg_output_abort(&o); /* released: a second abort is harmless */
    ok(dg_output_commit(&o, &err) == 0, "commit of a released output is 0");

    /* finish with a failed writer aborts */
    fp = dg_output_open(&o, at("new"), &err);
    ok(dg_output_finish(&o, -1, &err) < 0, "finish(-1) fails");
    is_str(get(at("new")), "two\n", "and leaves the old content");

    /* a symlink: followed, still a link, its target replaced */
    put(at("target"), "target\n");
    if (symlink("target", at("link")) != 0)
        perror("symlink");
    ok(write_to(at("link"), "via link\n", &err) == 0, "a link is written");
    ok(lstat(at("link"), &sb) == 0 && S_ISLNK(sb.st_mode), "it stays a link");
    is_str(get(at("target")), "via link\n", "its target has the content");
    /* a chain of links, relative, and a dangling one */
    if (symlink("link", at("link2")) != 0 ||
        symlink("sub/../missing", at("dangling")) != 0 ||
        mkdir(at("sub"), 0777) != 0)
        perror("setup");
    ok(write_to(at("link2"), "chain\n", &err) == 0 &&
           !strcmp(get(at("target")), "chain\n"),
       "a chain of links reaches the final target");
    ok(write_to(at("dangling"), "made\n", &err) == 0 &&
           !strcmp(get(at("missing")), "made\n") &&
           lstat(at("dangling"), &sb) == 0 && S_ISLNK(sb.st_mode),
       "a dangling link gets its target created");
    if (symlink("loop", at("loop")) != 0)
        perror("symlink");
    dg_error_clear(&err);
    ok(write_to(at("loop"), "x", &err) < 0 && strstr(err.msg, "'") &&
           strstr(err.msg, strerror(ELOOP)),
       "a link loop is an error: %s", err.msg);

    /* refusals: directory, missing directory; nothing created */
    int before = count_files();
    dg_error_clear(&err);
    ok(dg_output_open(&o, at("sub"), &err) == NULL && err.code == DG_ERR_IO &&
           strstr(err.msg, strerror(EISDIR)),
       "a directory is refused: %s", err.msg);
    dg_error_clear(&err);
    ok(dg_output_open(&o, at("nodir/x"), &err) == NULL &&
           strstr(err.msg, strerror(ENOENT)) && strstr(err.msg, "nodir/x'"),
       "a missing directory is refused: %s", err.msg);
    is_int(count_files(), before, "and nothing was created");

    /* devices: written through, never replaced.  Private device nodes
     * when we may make them (root): a regression must not replace the
     * machine's /dev/null; without root, renaming over /dev is refused */
    const char *null_dev = at("null"), *full_dev = at("full");
    if (mknod(null_dev, S_IFCHR | 0666, makedev(1, 3)) != 0 ||
        mknod(full_dev, S_IFCHR | 0666, makedev(1, 7)) != 0) {
        null_dev = geteuid() != 0 ? "/dev/null" : NULL;
        full_dev = geteuid() != 0 ? "/dev/full" : NULL;
    }
    if (null_dev) {
        ok(write_to(null_dev, "x", &err) == 0 && stat(null_dev, &sb) == 0 &&
               S_ISCHR(sb.st_mode),
           "%s is written through and stays a device", null_dev);
    } else {
        ok(1, "# SKIP no private device node and running as root");
    }
    if (full_dev && access(full_dev, W_OK) == 0) {
        dg_error_clear(&err);
        fp = dg_output_open(&o, full_dev, &err);
        if (fp)
            fputs("x", fp);
        char want[300];
        snprintf(want, sizeof want, "cannot write '%s': %s", full_dev,
                 strerror(ENOSPC));
        ok(fp && dg_output_commit(&o, &err) < 0 && !strcmp(err.msg, want),
           "a write to %s fails at commit: %s", full_dev, err.msg);
        ok(stat(full_dev, &sb) == 0 && S_ISCHR(sb.st_mode), "%s stays a device",
           full_dev);
    } else {
        ok(1, "# SKIP no /dev/full device");
        ok(1, "# SKIP no /dev/full device");
    }

    /* standard output */
    ok(dg_output_open(&o, "-", &err) == stdout, "'-' is standard output");
    ok(dg_output_commit(&o, &err) == 0, "and commits (a flush)");
    ok(dg_output_open(&o, NULL, &err) == stdout, "NULL is standard output");
    dg_output_abort(&o);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return tap_done();
}
