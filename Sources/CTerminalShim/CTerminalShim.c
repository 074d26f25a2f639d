#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include "CTerminalShim.h"
uint32_t triage_attr_normal(void) { return (uint32_t)A_NORMAL; }
uint32_t triage_attr_bold(void) { return (uint32_t)A_BOLD; }
uint32_t triage_attr_dim(void) { return (uint32_t)A_DIM; }
uint32_t triage_attr_reverse(void) { return (uint32_t)A_REVERSE; }
uint32_t triage_attr_underline(void) { return (uint32_t)A_UNDERLINE; }
uint32_t triage_attr_italic(void) { return (uint32_t)A_ITALIC; }
