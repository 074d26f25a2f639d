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

static void crash_handler(int sig) {
    triage_restore_terminal_now();
    triage_signal_child_groups(SIGKILL);
    signal(sig, SIG_DFL);
    raise(sig);
}

void triage_install_crash_restore(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_saved_termios = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = crash_handler;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int signals[] = { SIGSEGV, SIGABRT, SIGTRAP, SIGBUS, SIGILL, SIGFPE };
    for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) sigaction(signals[i], &sa, NULL);
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
