/* fuzz-util.h: what the libFuzzer targets of tests/fuzz share (header
 * only): the entry points' prototypes, a NUL-terminated copy of an input,
 * a scratch directory removed at exit, and /dev/null for writers. */
#ifndef DG_FUZZ_UTIL_H
#define DG_FUZZ_UTIL_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data[0..size); caller frees.  Aborts when out
 * of memory (the fuzzer reports it). */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* The path of a source file: DG_SRCDIR (the build's source tree) + rel. */
static inline const char *
fuzz_src_path(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", DG_SRCDIR, rel);
    return buf;
}

static char fuzz_dir[4096];

/* Removes the tree at path (files and directories, no links followed);
 * 0, or -1 when something stays. */
static inline int
fuzz_rm_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) < 0)
        return -1;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char sub[4096];
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            fuzz_rm_tree(sub);
        }
        if (d)
            closedir(d);
    }
    return remove(path);
}

static inline void
fuzz_rm_dir(void)
{
    if (fuzz_dir[0])
        fuzz_rm_tree(fuzz_dir);
}

/* A new scratch directory under $TMPDIR (or /tmp), removed at exit (not
 * after a crash: then it stays, as dg-fuzz-XXXXXX).  Aborts on failure. */
static inline const char *
fuzz_scratch_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/dg-fuzz-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(fuzz_rm_dir);
    return fuzz_dir;
}

/* /dev/null opened for writing once; aborts on failure. */
static inline FILE *
fuzz_devnull(void)
{
    static FILE *fp;
    if (!fp && !(fp = fopen("/dev/null", "w"))) {
        perror("fuzz: /dev/null");
        abort();
    }
    return fp;
}

#endif /* DG_FUZZ_UTIL_H */
