#ifndef C_FUZZER_DRIVER_H
#define C_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, called from triage-fuzz's own `main` (SwiftPM links executables with their
/// module's entry point as `main`, so libFuzzer's `main` cannot be used). Only defined when linking
/// with -sanitize=fuzzer; the plain build never calls it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
