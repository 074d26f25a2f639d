#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "CTerminalShim.h"

int triage_open_pty(int width, int height, int *master, int *slave) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0) { close(m); return -1; }
    const char *name = ptsname(m);
    if (name == NULL) { close(m); return -1; }
    int s = open(name, O_RDWR | O_NOCTTY);
    if (s < 0) { close(m); return -1; }
    struct winsize size = { .ws_row = (unsigned short)height, .ws_col = (unsigned short)width };
    if (ioctl(s, TIOCSWINSZ, &size) != 0) { close(s); close(m); return -1; }
    *master = m;
    *slave = s;
    return 0;
}
