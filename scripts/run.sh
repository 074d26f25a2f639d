#!/usr/bin/env bash
# Sets up triage's system dependencies, builds a release binary and starts the dashboard.
# Any arguments go to triage: scripts/run.sh --theme light, scripts/run.sh check --json, …
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product triage >&2
exec .build/release/triage "$@"
