#define _XOPEN_SOURCE 700
#include "CWidth.h"
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>

int triage_wcwidth(uint32_t scalar) { return wcwidth((wchar_t)scalar); }

static int codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int triage_ensure_utf8_locale(void) {
    setlocale(LC_ALL, "");
    if (codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") && codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.utf8") && codeset_is_utf8()) return 1;
    return 0;
}
