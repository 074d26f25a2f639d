#!/usr/bin/env bash
# Sets up everything the tests drive (tmux, curl, podman, cmark-gfm, …), builds, and runs every
# test: unit tests, tests against real tools and servers on loopback, and end-to-end tests that
# drive the real binary in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export LANG="${LANG:-C.UTF-8}"
swift build --build-tests
# Serially: the suites start real servers, engines and tmux sessions, and on a 2-core machine
# running them all at once turns generous time bounds into flakes.
swift test --skip-build --no-parallel "$@"
