#ifndef CTERMINALSHIM_H
#define CTERMINALSHIM_H
#include <stdint.h>
// Attribute values that ncurses defines as cast macros, which Swift cannot import.
uint32_t triage_attr_normal(void);
uint32_t triage_attr_bold(void);
uint32_t triage_attr_dim(void);
uint32_t triage_attr_reverse(void);
uint32_t triage_attr_underline(void);
uint32_t triage_attr_italic(void);
#endif
