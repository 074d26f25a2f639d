#!/usr/bin/env bash
# Sets up everything the tests drive (tmux, curl, podman, cmark-gfm, …), builds, and runs every
# test: the fuzzers over every parser of outside bytes (60 s each), unit tests, tests against real
# tools and servers on loopback, and end-to-end tests that drive the real binary in tmux.
#
#   scripts/test.sh                 everything (what CI runs)
#   scripts/test.sh --filter NAME   only the Swift tests matching NAME (no fuzzing)
#   scripts/test.sh --fast          the edit-test loop: pure and in-process suites only, in parallel, no
#                                   fuzzing, no tmux, engines or servers (about a minute); CI runs everything
#   TRIAGE_FUZZ_SECONDS=0           skip the fuzzers; TRIAGE_FUZZ_SECONDS=600 for a longer run
#   TRIAGE_PACKAGE_TEST=0           skip the release test (scripts/test-package.sh: the packaged binary in a Debian root without Swift)
#   TRIAGE_FUZZ_SEED=N              libFuzzer's seed (default 1: a repeatable run; scripts/fuzz.sh alone picks one at random)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export LANG="${LANG:-C.UTF-8}"

if [ "${1:-}" = "--fast" ]; then
  shift
  # Modules whose tests need no tmux, engine, stand-in or loopback server, plus the probe and log
  # suites that only parse recorded tool output. Parallel is safe here: nothing shares a port or a pane.
  fast='TriageCoreTests|TriageRunbookTests|TriageUITests|TriageConfigTests|TriageExportTests|TriageStoreTests'
  fast+='|DockerParserTests|KubeParserTests|CurlParsingTests|LineSplitterTests|IntervalGroupsTests|ContainerSortTests|CheckReportTests|LogInboxTests|OnePictureTests|OutageEntitiesTests'
  swift build --build-tests
  exec swift test --skip-build --parallel --filter "$fast" "$@"
fi

# Fuzz first, so that the Swift test summary is the last thing printed; a crash fails the run
# after the tests have run too, and its input is in fuzz-crashes/.
fuzz_status=0
fuzz_seconds="${TRIAGE_FUZZ_SECONDS:-60}"
if [ "$#" -eq 0 ] && [ "$fuzz_seconds" != 0 ]; then
  TRIAGE_FUZZ_SEED="${TRIAGE_FUZZ_SEED:-1}" scripts/fuzz.sh "$fuzz_seconds" || fuzz_status=$?
fi

# The release tarball, run where no Swift exists; its build and Debian root are cached between runs.
package_status=0
if [ "$#" -eq 0 ] && [ "${TRIAGE_PACKAGE_TEST:-1}" != 0 ]; then
  scripts/test-package.sh || package_status=$?
fi

swift build --build-tests
# Serially: the suites start real servers, engines and tmux sessions, and on a 2-core machine
# running them all at once turns generous time bounds into flakes.
test_status=0
swift test --skip-build --no-parallel "$@" || test_status=$?

if [ "$fuzz_status" -ne 0 ]; then
  echo "test.sh: the fuzzers found a crash (status $fuzz_status); see fuzz-crashes/ and .build-fuzz/fuzz-*.log" >&2
  [ "$test_status" -ne 0 ] || test_status=$fuzz_status
fi
if [ "$package_status" -ne 0 ]; then
  echo "test.sh: the packaged release failed its test (status $package_status); see scripts/test-package.sh's output above" >&2
  [ "$test_status" -ne 0 ] || test_status=$package_status
fi
exit "$test_status"
