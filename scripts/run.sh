#!/usr/bin/env bash
# Sets up triage's system dependencies, builds the release a bastion gets and starts the dashboard.
# Any arguments go to triage: scripts/run.sh --theme light, scripts/run.sh check --json, …
#
# The build is scripts/package.sh's (the Swift runtime, Foundation, ncursesw, SQLite and cmark-gfm
# linked into one executable; reused while the sources are unchanged), not the dynamically linked
# `swift build -c release`: it needs about half the CPU to its first frame (30-35 ms against 56-62 ms)
# and keeps 6 MB less resident (30.5 MB against 37.1 MB), docs/PERFORMANCE.md (i) round three.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/package.sh >/dev/null
binary=.build-release-static/release/triage
# A tarball reused from TRIAGE_PACKAGE_CACHE comes without the build it was made from.
[ -x "$binary" ] || TRIAGE_PACKAGE_FORCE=1 scripts/package.sh >/dev/null
exec "$binary" "$@"
