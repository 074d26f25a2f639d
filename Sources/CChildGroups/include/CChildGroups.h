#ifndef CCHILDGROUPS_H
#define CCHILDGROUPS_H
/// A fixed, lock-free table of the process groups triage's children run in. The process runner
/// registers each group while its child runs; the crash handlers (which may not take locks or
/// allocate) and the final shutdown sweep signal every group still listed.
void triage_register_child_group(int pgid);
void triage_unregister_child_group(int pgid);
/// Sends `sig` to every registered group; async-signal-safe. Returns how many groups were signalled.
int triage_signal_child_groups(int sig);
#endif
