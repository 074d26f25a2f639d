#ifndef CCHILDGROUPS_H
#define CCHILDGROUPS_H
/// A fixed, lock-free table of the process groups triage's children run in. The process runner
/// registers each group while its child runs; the crash handlers (which may not take locks or
/// allocate) and the final shutdown sweep signal every group still listed.
void triage_register_child_group(int pgid);
void triage_unregister_child_group(int pgid);
/// Sends `sig` to every registered group; async-signal-safe. Returns how many groups were signalled.
int triage_signal_child_groups(int sig);

/// Makes this process a child subreaper (PR_SET_CHILD_SUBREAPER): what a child leaves behind when it
/// exits (a `setsid cmd &`, a double fork) is re-parented to triage instead of init, where
/// `triage_end_orphans` can end it. Returns 0, or -1 with errno. Until called, `triage_end_orphans` does nothing.
int triage_become_subreaper(void);
/// Bracket every spawn: from just before fork/exec until the new child is registered with
/// `triage_register_child_group`. A sweep never runs while a spawn is in flight, so a child not yet
/// registered is never taken for an orphan.
void triage_spawn_begin(void);
void triage_spawn_end(void);
/// KILLs (with its process group when it leads one) and reaps every child of this process that is not
/// a registered child group: with the subreaper set, those are orphans re-parented here. Returns how
/// many it found, or -1 when it did not look (a spawn in flight, another sweep running, a child the
/// full table could not list, not a subreaper).
int triage_end_orphans(void);

/// The diagnostic log's file descriptor, opened for appending (-1: no log). Set by triage's `LogFile`.
void triage_set_crash_log(int fd);
/// Appends `TIME warning crash signal=N name=SIGSEGV backtrace=stderr` to the diagnostic log, if one
/// is open; async-signal-safe (no locks, no allocation), for the crash handlers.
void triage_log_crash(int sig);
#endif
