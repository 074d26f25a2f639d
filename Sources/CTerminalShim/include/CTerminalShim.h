#ifndef CTERMINALSHIM_H
#define CTERMINALSHIM_H
#include <stdint.h>
// malloc_trim, which Swift's Glibc module does not import (StartupMemoryRelease).
#include <malloc.h>
// Attribute values that ncurses defines as cast macros, which Swift cannot import.
uint32_t triage_attr_normal(void);
uint32_t triage_attr_bold(void);
uint32_t triage_attr_dim(void);
uint32_t triage_attr_reverse(void);
uint32_t triage_attr_underline(void);
uint32_t triage_attr_italic(void);

/// The current screen's stdscr (a WINDOW *), after newterm/set_term; Swift 6 cannot read the global.
void *triage_current_stdscr(void);
/// Opens a pseudo-terminal pair (posix_openpt, which Swift's Glibc module hides) sized width x height.
/// Returns 0 and both descriptors, or -1 with errno set. For the benchmark, which counts the bytes
/// the terminal layer writes.
int triage_open_pty(int width, int height, int *master, int *slave);
#endif

/// Saves the terminal modes of stdin now (call before initscr) and installs handlers for
/// SIGSEGV, SIGABRT, SIGTRAP, SIGBUS, SIGILL and SIGFPE that restore them (cursor shown, normal
/// screen, bracketed paste off, saved termios) with async-signal-safe calls only, kill registered child process groups,
/// then hand the signal to the handler installed before (Swift's runtime backtracer, which prints
/// the crashed thread's backtrace) and re-raise it so the process still dies with it (and dumps
/// core if configured).
void triage_install_crash_restore(void);

/// Restores the saved termios and cursor directly; used by the crash handlers, safe to call once more.
void triage_restore_terminal_now(void);

/// The `colors` capability of terminfo's entry for `term` (0 when it has none), or -1 when terminfo
/// has no such entry. Reads the entry only: no terminal is set up and nothing is written.
int triage_terminfo_colours(const char *term);

/// Makes SIGWINCH also write a byte to `fd` (the terminal thread's wake-up pipe), after running the
/// handler installed before (ncurses', which makes its next read report KEY_RESIZE). Call after
/// curses started. Returns 0, or -1 with errno set.
int triage_wake_on_resize(int fd);
/// Puts the SIGWINCH handler back as it was before triage_wake_on_resize and stops writing to the fd.
void triage_stop_wake_on_resize(void);

/// Names the calling thread (at most 15 bytes show) for top -H, htop and /proc/PID/task/TID/comm;
/// Foundation's Thread.name does not reach the kernel on Linux.
void triage_name_this_thread(const char *name);
