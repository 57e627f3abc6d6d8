// An LD_PRELOAD interposer that makes a process's writes or fsyncs of chosen files fail, for the
// storage-fault tests (Tests/PlaybooksRuntimeTests/StorageFaultTests.swift, docs/RELIABILITY.md).
//
// Build:  cc -shared -fPIC -O1 -o storage-fault-interposer.so scripts/storage-fault-interposer.c -ldl
// Use:    LD_PRELOAD=$PWD/storage-fault-interposer.so PLAYBOOKS_FAULT_OP=fsync PLAYBOOKS_FAULT_PATH=/journal
//         PLAYBOOKS_FAULT_AFTER=12 playbooks run program.pb --store files:DIR --durability machine
//
// Variables (the interposer does nothing unless PLAYBOOKS_FAULT_OP and PLAYBOOKS_FAULT_PATH are set):
//   PLAYBOOKS_FAULT_OP     write: write/pwrite/pwrite64/writev fail with PLAYBOOKS_FAULT_ERRNO;
//                          fsync: fsync/fdatasync fail with PLAYBOOKS_FAULT_ERRNO;
//                          short: every write first writes only half of what was asked (at least
//                          one byte) and says so, as POSIX allows, and the call that continues it
//                          writes the rest; from the fault on, that continuation fails with
//                          PLAYBOOKS_FAULT_ERRNO (part of the bytes landed, then the disk failed).
//                          Only first calls count for PLAYBOOKS_FAULT_AFTER.
//   PLAYBOOKS_FAULT_PATH   a substring of the file's path (read from /proc/self/fd): only calls on
//                          such files count and fail.
//   PLAYBOOKS_FAULT_AFTER  how many matching calls succeed first (default 0).
//   PLAYBOOKS_FAULT_ERRNO  the error number (default EIO).
//   PLAYBOOKS_FAULT_LOG    a file to which one line is appended per injected fault.
//   PLAYBOOKS_FAULT_DRY_RUN  1: fail nothing (short writes stay short), log each call that would
//                          have failed: with PLAYBOOKS_FAULT_AFTER=0, how many calls a run makes.
//
// Once the fault starts it stays: every later matching call fails too, like a disk that went bad.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum fault_op { FAULT_NONE, FAULT_WRITE, FAULT_FSYNC, FAULT_SHORT };

static enum fault_op configured_op = FAULT_NONE;
static const char *configured_path = NULL;
static long configured_after = 0;
static int configured_errno = EIO;
static const char *configured_log = NULL;
static long matching_calls = 0;
static int dry_run = 0;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);

__attribute__((constructor)) static void fault_setup(void) {
    real_write = dlsym(RTLD_NEXT, "write");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_writev = dlsym(RTLD_NEXT, "writev");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    const char *op = getenv("PLAYBOOKS_FAULT_OP");
    configured_path = getenv("PLAYBOOKS_FAULT_PATH");
    if (op == NULL || configured_path == NULL || configured_path[0] == 0) return;
    if (strcmp(op, "write") == 0) configured_op = FAULT_WRITE;
    else if (strcmp(op, "fsync") == 0) configured_op = FAULT_FSYNC;
    else if (strcmp(op, "short") == 0) configured_op = FAULT_SHORT;
    else {
        fprintf(stderr, "storage-fault-interposer: unknown PLAYBOOKS_FAULT_OP '%s'\n", op);
        _exit(70);
    }
    const char *after = getenv("PLAYBOOKS_FAULT_AFTER");
    if (after != NULL) configured_after = atol(after);
    const char *number = getenv("PLAYBOOKS_FAULT_ERRNO");
    if (number != NULL) configured_errno = atoi(number);
    configured_log = getenv("PLAYBOOKS_FAULT_LOG");
    const char *dry = getenv("PLAYBOOKS_FAULT_DRY_RUN");
    dry_run = dry != NULL && strcmp(dry, "1") == 0;
}

// Whether `fd` is a file whose path contains PLAYBOOKS_FAULT_PATH.
static int fault_matches(int fd) {
    char link[64];
    char path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    if (configured_log != NULL && strstr(path, configured_log) != NULL) return 0;
    return strstr(path, configured_path) != NULL;
}

static void fault_log(const char *call, int fd) {
    if (configured_log == NULL) return;
    int log = open(configured_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) return;
    char path[4096] = "?";
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n > 0) path[n] = 0;
    char line[4200];
    int length = snprintf(line, sizeof line, "%s %s errno=%d\n", call, path, configured_errno);
    if (length > 0) real_write(log, line, (size_t)length < sizeof line ? (size_t)length : sizeof line - 1);
    close(log);
}

// For a call of kind `op` on `fd`: 1 when it must fail now (the fault has started), else 0. In a
// dry run nothing fails: each call that would have failed is logged.
static int fault_due(enum fault_op op, int fd) {
    if (configured_op != op || !fault_matches(fd)) return 0;
    long index = __atomic_fetch_add(&matching_calls, 1, __ATOMIC_SEQ_CST);
    if (index < configured_after) return 0;
    if (dry_run) {
        fault_log("would-fail", fd);
        return 0;
    }
    return 1;
}

// Short writes: the first call of each write writes half of its bytes (at least one) and returns
// that; the call that continues it (the next write on the same descriptor from the same thread)
// writes the rest, or, once the fault has started, fails. Only first calls are counted.
static __thread int continuing_fd = -1;
static __thread int continuing_fails = 0;

static ssize_t fault_short(const char *call, int fd, size_t count, ssize_t (*perform)(size_t, void *), void *context) {
    if (configured_op != FAULT_SHORT || !fault_matches(fd)) return perform(count, context);
    if (continuing_fd == fd) {
        continuing_fd = -1;
        if (continuing_fails) {
            fault_log(call, fd);
            errno = configured_errno;
            return -1;
        }
        return perform(count, context);
    }
    long index = __atomic_fetch_add(&matching_calls, 1, __ATOMIC_SEQ_CST);
    int due = index >= configured_after;
    if (due && dry_run) fault_log("would-fail", fd);
    ssize_t written = perform(count > 1 ? count / 2 : count, context);
    if (written > 0 && (size_t)written < count) {
        continuing_fd = fd;
        continuing_fails = due && !dry_run;
    }
    return written;
}

struct write_context { int fd; const void *buffer; off64_t offset; int positioned; };

static ssize_t perform_write(size_t count, void *raw) {
    struct write_context *c = raw;
    if (!c->positioned) return real_write(c->fd, c->buffer, count);
    return real_pwrite64(c->fd, c->buffer, count, c->offset);
}

ssize_t write(int fd, const void *buffer, size_t count) {
    if (fault_due(FAULT_WRITE, fd)) {
        fault_log("write", fd);
        errno = configured_errno;
        return -1;
    }
    struct write_context context = {fd, buffer, 0, 0};
    return fault_short("write", fd, count, perform_write, &context);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off64_t offset) {
    if (fault_due(FAULT_WRITE, fd)) {
        fault_log("pwrite64", fd);
        errno = configured_errno;
        return -1;
    }
    struct write_context context = {fd, buffer, offset, 1};
    return fault_short("pwrite64", fd, count, perform_write, &context);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    if (fault_due(FAULT_WRITE, fd)) {
        fault_log("pwrite", fd);
        errno = configured_errno;
        return -1;
    }
    struct write_context context = {fd, buffer, offset, 1};
    return fault_short("pwrite", fd, count, perform_write, &context);
}

ssize_t writev(int fd, const struct iovec *vector, int count) {
    if (fault_due(FAULT_WRITE, fd)) {
        fault_log("writev", fd);
        errno = configured_errno;
        return -1;
    }
    return real_writev(fd, vector, count);
}

int fsync(int fd) {
    if (fault_due(FAULT_FSYNC, fd)) {
        fault_log("fsync", fd);
        errno = configured_errno;
        return -1;
    }
    return real_fsync(fd);
}

int fdatasync(int fd) {
    if (fault_due(FAULT_FSYNC, fd)) {
        fault_log("fdatasync", fd);
        errno = configured_errno;
        return -1;
    }
    return real_fdatasync(fd);
}
