#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include "CTerminalShim.h"
uint32_t triage_attr_normal(void) { return (uint32_t)A_NORMAL; }
uint32_t triage_attr_bold(void) { return (uint32_t)A_BOLD; }
uint32_t triage_attr_dim(void) { return (uint32_t)A_DIM; }
uint32_t triage_attr_reverse(void) { return (uint32_t)A_REVERSE; }
uint32_t triage_attr_underline(void) { return (uint32_t)A_UNDERLINE; }
uint32_t triage_attr_italic(void) { return (uint32_t)A_ITALIC; }
void *triage_current_stdscr(void) { return stdscr; }

#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <string.h>
#include "CChildGroups.h"

static struct termios saved_termios;
static int have_saved_termios = 0;

void triage_restore_terminal_now(void) {
    // Leave the alternate screen, reset attributes, show the cursor, switch bracketed paste off.
    static const char seq[] = "\033[0m\033[?1049l\033[?25h\033[?2004l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, seq, sizeof(seq) - 1);
    (void)ignored;
    if (have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static const int crash_signals[] = { SIGSEGV, SIGABRT, SIGTRAP, SIGBUS, SIGILL, SIGFPE };
#define CRASH_SIGNAL_COUNT (sizeof(crash_signals) / sizeof(crash_signals[0]))
/// What handled each crash signal before ours: Swift's runtime backtracer (installed before main
/// unless SWIFT_BACKTRACE=enable=no), or SIG_DFL.
static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];
static int have_previous_actions = 0;

static void crash_handler(int sig, siginfo_t *info, void *context) {
    triage_restore_terminal_now();
    triage_signal_child_groups(SIGKILL);
    // One line in the diagnostic log (when one is open): the backtrace itself goes to stderr.
    triage_log_crash(sig);
    // Hand the crash on to the previous handler with the original siginfo and context, so Swift's
    // backtracer reports the faulting thread and address, not this handler's re-raise. It prints
    // on the now-restored terminal. It returns rather than exiting (for a fault, the instruction
    // would fault again), so the default action is re-armed and the signal raised once more.
    for (unsigned i = 0; i < CRASH_SIGNAL_COUNT && have_previous_actions; i++) {
        if (crash_signals[i] != sig) continue;
        struct sigaction previous = previous_actions[i];
        sigaction(sig, &previous, NULL);
        if (previous.sa_flags & SA_SIGINFO) {
            if (previous.sa_sigaction) previous.sa_sigaction(sig, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(sig);
        }
        break;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void triage_install_crash_restore(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_saved_termios = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = crash_handler;
    // SA_ONSTACK: where the thread has an alternate signal stack (the runtime's backtracer sets
    // one up when it installs its handlers), a stack overflow can still reach this handler.
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    // Installed once: a second call would save our own handler as the "previous" one.
    int first = !have_previous_actions;
    for (unsigned i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &sa, first ? &previous_actions[i] : NULL);
    }
    have_previous_actions = 1;
}

// Last in the file: term.h defines capability-name macros (lines, columns, …) nothing above may see.
#include <ncursesw/term.h>

int triage_terminfo_colours(const char *term) {
    int status = 0;
    // fildes -1: setupterm reads the entry only and asks no terminal for its size.
    if (setupterm(term, -1, &status) != OK || status != 1) return -1;
    int colours = tigetnum("colors");
    TERMINAL *entry = cur_term;
    set_curterm(NULL);
    del_curterm(entry);
    return colours < 0 ? 0 : colours;
}

// MARK: resize wake-up

#include <errno.h>

static struct sigaction triage_previous_winch;
static volatile sig_atomic_t triage_winch_fd = -1;

// ncurses' own SIGWINCH handler only sets a flag that its next read looks at; a thread blocked in
// poll(2) would not see it until something else woke it. Run that handler, then write a byte to the
// wake-up pipe (write(2) is async-signal-safe), whichever thread the signal landed on.
static void triage_winch_handler(int number, siginfo_t *info, void *context) {
    int saved = errno;
    if (triage_previous_winch.sa_flags & SA_SIGINFO) {
        if (triage_previous_winch.sa_sigaction) triage_previous_winch.sa_sigaction(number, info, context);
    } else if (triage_previous_winch.sa_handler != SIG_DFL && triage_previous_winch.sa_handler != SIG_IGN) {
        triage_previous_winch.sa_handler(number);
    }
    int fd = triage_winch_fd;
    if (fd >= 0) {
        char byte = 'w';
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

int triage_wake_on_resize(int fd) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = triage_winch_handler;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    triage_winch_fd = fd;
    return sigaction(SIGWINCH, &action, &triage_previous_winch);
}

void triage_stop_wake_on_resize(void) {
    triage_winch_fd = -1;
    sigaction(SIGWINCH, &triage_previous_winch, NULL);
}

// MARK: thread names

#include <sys/prctl.h>

void triage_name_this_thread(const char *name) {
    prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}
