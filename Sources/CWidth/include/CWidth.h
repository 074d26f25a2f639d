#ifndef CWIDTH_H
#define CWIDTH_H
#include <stdint.h>

/// wcwidth(3) for one scalar: -1 non-printable, 0 combining, 1 or 2 columns. Depends on LC_CTYPE.
int triage_wcwidth(uint32_t scalar);

/// Makes LC_CTYPE a UTF-8 locale: the user's when it is UTF-8, else C.UTF-8. Returns 1 when UTF-8 is in force.
int triage_ensure_utf8_locale(void);

#endif
