#include "CChildGroups.h"
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_GROUPS 512
static _Atomic int child_groups[MAX_GROUPS];
/// Children that found the table full: while any runs, a child of ours may be missing from the
/// table, so no orphan sweep runs (it could not tell that child from an orphan).
static _Atomic int unlisted_children;

void triage_register_child_group(int pgid) {
    if (pgid <= 1) return;
    for (int i = 0; i < MAX_GROUPS; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&child_groups[i], &expected, pgid)) return;
    }
    atomic_fetch_add(&unlisted_children, 1);
}

void triage_unregister_child_group(int pgid) {
    if (pgid <= 1) return;
    for (int i = 0; i < MAX_GROUPS; i++) {
        int expected = pgid;
        if (atomic_compare_exchange_strong(&child_groups[i], &expected, 0)) return;
    }
    // Not in the table: it was one of the unlisted.
    int count = atomic_load(&unlisted_children);
    while (count > 0 && !atomic_compare_exchange_weak(&unlisted_children, &count, count - 1)) {}
}

int triage_signal_child_groups(int sig) {
    int count = 0;
    for (int i = 0; i < MAX_GROUPS; i++) {
        int pgid = atomic_load(&child_groups[i]);
        if (pgid > 1 && kill(-pgid, sig) == 0) count++;
    }
    return count;
}

static _Atomic int subreaper;
static _Atomic int spawns_in_flight;
static _Atomic int sweeping;

int triage_become_subreaper(void) {
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) return -1;
    atomic_store(&subreaper, 1);
    return 0;
}

// Sequentially consistent on both sides (Dekker): a spawner raises the count then looks for a sweep;
// a sweeper raises its flag then looks at the count; at least one of them sees the other.
void triage_spawn_begin(void) {
    for (;;) {
        atomic_fetch_add(&spawns_in_flight, 1);
        if (!atomic_load(&sweeping)) return;
        atomic_fetch_sub(&spawns_in_flight, 1);
        while (atomic_load(&sweeping)) sched_yield();
    }
}

void triage_spawn_end(void) { atomic_fetch_sub(&spawns_in_flight, 1); }

static int is_registered(int pid) {
    for (int i = 0; i < MAX_GROUPS; i++) {
        if (atomic_load(&child_groups[i]) == pid) return 1;
    }
    return 0;
}

/// Reads the parent and process group from /proc/PID/stat (fields 4 and 5, after the command in parentheses).
static int read_parent(int pid, int *ppid, int *pgid) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char buffer[1024];
    ssize_t n = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (n <= 0) return -1;
    buffer[n] = 0;
    char *end = strrchr(buffer, ')');
    if (!end) return -1;
    char state;
    if (sscanf(end + 1, " %c %d %d", &state, ppid, pgid) != 3) return -1;
    return 0;
}

/// Ends `pid`, a child of this process, when no registered child group is it: with the subreaper
/// set, that is an orphan re-parented here. Returns 1 when it ended one.
static int end_if_orphan(int pid, int self) {
    int ppid = 0, pgid = 0;
    if (pid <= 1 || is_registered(pid) || read_parent(pid, &ppid, &pgid) != 0 || ppid != self) return 0;
    // A `setsid` orphan leads its own group: end what it started as well.
    if (pgid == pid) kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    // Not yet dead: it stays a zombie child of ours and the next sweep reaps it.
    waitpid(pid, NULL, WNOHANG);
    return 1;
}

/// Ends the orphans among the PIDs listed in one `children` file; a number cut by the end of a
/// read is carried into the next.
static void end_orphans_listed(int fd, int self, int *found) {
    char buffer[4096];
    int pid = 0, digits = 0;
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (isdigit((unsigned char)buffer[i])) {
                pid = pid * 10 + (buffer[i] - '0');
                digits++;
            } else if (digits) {
                *found += end_if_orphan(pid, self);
                pid = 0;
                digits = 0;
            }
        }
    }
    if (digits) *found += end_if_orphan(pid, self);
}

/// This process's children as each of its threads' `/proc/self/task/TID/children` lists them (a
/// child belongs to the thread that started it; an orphan to the one the kernel re-parented it to):
/// a dozen small reads, where walking /proc read every process's stat on the machine, hundreds on a
/// busy bastion, at every sweep. Returns -1 when the kernel has no such files (CONFIG_PROC_CHILDREN).
static int end_orphans_of_threads(int self) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)syscall(SYS_gettid));
    if (access(path, R_OK) != 0) return -1;
    DIR *tasks = opendir("/proc/self/task");
    if (!tasks) return -1;
    int found = 0;
    struct dirent *entry;
    while ((entry = readdir(tasks)) != NULL) {
        if (!isdigit((unsigned char)entry->d_name[0])) continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/children", entry->d_name);
        // A thread that ended meanwhile handed its children to another: the next sweep sees them.
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        end_orphans_listed(fd, self, &found);
        close(fd);
    }
    closedir(tasks);
    return found;
}

/// Every process on the machine whose parent is this one: the fallback without `children` files.
static int end_orphans_in_proc(int self) {
    int found = 0;
    DIR *proc = opendir("/proc");
    if (!proc) return 0;
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        if (!isdigit((unsigned char)entry->d_name[0])) continue;
        found += end_if_orphan(atoi(entry->d_name), self);
    }
    closedir(proc);
    return found;
}

int triage_end_orphans(void) {
    if (!atomic_load(&subreaper)) return -1;
    int expected = 0;
    if (!atomic_compare_exchange_strong(&sweeping, &expected, 1)) return -1;
    if (atomic_load(&spawns_in_flight) > 0 || atomic_load(&unlisted_children) > 0) {
        atomic_store(&sweeping, 0);
        return -1;
    }
    int self = getpid();
    int found = end_orphans_of_threads(self);
    if (found < 0) found = end_orphans_in_proc(self);
    atomic_store(&sweeping, 0);
    return found;
}

// MARK: The crash line of the diagnostic log

#include <execinfo.h>
#include <stdatomic.h>
#include <time.h>

static _Atomic int crash_log_fd = -1;

void triage_set_crash_log(int fd) {
    // backtrace() loads its unwinder (libgcc_s) on first use, which must not happen inside a
    // signal handler: one call now, while it is safe.
    if (fd >= 0) {
        void *warm[1];
        (void)backtrace(warm, 1);
    }
    atomic_store(&crash_log_fd, fd);
}

/// Writes `value` as `width` decimal digits at `out`.
static char *put_digits(char *out, long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGTRAP: return "SIGTRAP";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    default: return "signal";
    }
}

void triage_log_crash(int sig) {
    int fd = atomic_load(&crash_log_fd);
    if (fd < 0) return;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    // Civil date from days since 1970 (Howard Hinnant's algorithm): gmtime_r is not async-signal-safe.
    long seconds = (long)now.tv_sec, days = seconds / 86400, rest = seconds % 86400;
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2);
    char line[128];
    char *p = line;
    p = put_digits(p, year, 4); *p++ = '-'; p = put_digits(p, month, 2); *p++ = '-'; p = put_digits(p, day, 2);
    *p++ = 'T'; p = put_digits(p, rest / 3600, 2); *p++ = ':'; p = put_digits(p, rest / 60 % 60, 2); *p++ = ':';
    p = put_digits(p, rest % 60, 2); *p++ = '.'; p = put_digits(p, now.tv_nsec / 1000000, 3); *p++ = 'Z';
    static const char middle[] = " warning crash signal=";
    memcpy(p, middle, sizeof(middle) - 1); p += sizeof(middle) - 1;
    p = put_digits(p, sig, sig >= 10 ? 2 : 1);
    static const char named[] = " name=";
    memcpy(p, named, sizeof(named) - 1); p += sizeof(named) - 1;
    const char *name = signal_name(sig);
    size_t length = strlen(name);
    memcpy(p, name, length); p += length;
    // The frames as glibc sees them (binary, symbol, offset), one "    at" line each under the
    // event's line; Swift's own symbolicated backtrace follows on stderr.
    void *frames[64];
    int count = backtrace(frames, 64);
    static const char tail[] = " backtrace=stderr frames=";
    memcpy(p, tail, sizeof(tail) - 1); p += sizeof(tail) - 1;
    p = put_digits(p, count, count >= 10 ? 2 : 1);
    *p++ = '\n';
    ssize_t ignored = write(fd, line, (size_t)(p - line));
    for (int i = 0; i < count; i++) {
        ignored = write(fd, "    at ", 7);
        backtrace_symbols_fd(&frames[i], 1, fd);
    }
    (void)ignored;
}
