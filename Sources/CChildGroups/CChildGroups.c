#include "CChildGroups.h"
#include <signal.h>
#include <stdatomic.h>

#define MAX_GROUPS 512
static _Atomic int child_groups[MAX_GROUPS];

void triage_register_child_group(int pgid) {
    if (pgid <= 1) return;
    for (int i = 0; i < MAX_GROUPS; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&child_groups[i], &expected, pgid)) return;
    }
}

void triage_unregister_child_group(int pgid) {
    for (int i = 0; i < MAX_GROUPS; i++) {
        int expected = pgid;
        if (atomic_compare_exchange_strong(&child_groups[i], &expected, 0)) return;
    }
}

int triage_signal_child_groups(int sig) {
    int count = 0;
    for (int i = 0; i < MAX_GROUPS; i++) {
        int pgid = atomic_load(&child_groups[i]);
        if (pgid > 1 && kill(-pgid, sig) == 0) count++;
    }
    return count;
}
