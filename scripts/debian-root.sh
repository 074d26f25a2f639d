#!/usr/bin/env bash
# Prints the path of a minimal Debian root (debootstrap --variant=minbase, plus curl for the probes)
# with no Swift in it, making it the first time. The root is cached machine-wide under
# $TRIAGE_TEST_CACHE (default /var/cache/triage-test), keyed by suite and extra packages, so CI
# pays for debootstrap once. The mirror is the one apt already uses here, never a hard-coded host.
#
#   scripts/debian-root.sh [SUITE]      default: bookworm
set -euo pipefail
suite="${1:-bookworm}"
include="curl"   # triage check's HTTP probe runs curl; nothing else is added to minbase
cache="${TRIAGE_TEST_CACHE:-/var/cache/triage-test}"
root="$cache/$suite-minbase-${include//,/-}"

if [ -x "$root/bin/sh" ] && [ -f "$root/.triage-complete" ]; then
  echo "$root"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "debian-root.sh: debootstrap and chroot need root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debian-root.sh: debootstrap is missing: run scripts/setup.sh" >&2; exit 1; }

# The first Debian mirror in apt's sources (deb822 .sources or one-line .list) that serves $suite.
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  mirror=$(awk -v suite="$suite" '
    /^$/ { if (uri != "" && hit) { print uri; exit } uri=""; hit=0; next }
    /^URIs:/ { uri=$2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) hit=1 }
    END { if (uri != "" && hit) print uri }' "$f" | head -n1)
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v suite="$suite" '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i == suite) { for (j = 2; j < i; j++) if ($j ~ /^[a-z]+:\/\//) { print $j; exit } } }' | head -n1)
fi
[ -n "$mirror" ] || { echo "debian-root.sh: no apt source serves $suite; cannot choose a mirror" >&2; exit 1; }

mkdir -p "$cache"
work="$cache/.building-$suite-$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
echo "debian-root.sh: debootstrap --variant=minbase --include=$include $suite from $mirror (once; cached in $root)" >&2
debootstrap --variant=minbase --include="$include" "$suite" "$work" "$mirror" >"$cache/debootstrap-$suite.log" 2>&1 || {
  echo "debian-root.sh: debootstrap failed; see $cache/debootstrap-$suite.log" >&2; exit 1; }
# Cached roots are shared by every run: drop the downloaded .debs, and prove no Swift is there.
rm -rf "$work/var/cache/apt/archives/"*.deb
if find "$work" -xdev \( -name 'libswiftCore*' -o -name 'swift' \) -print -quit | grep -q .; then
  echo "debian-root.sh: the root unexpectedly holds Swift" >&2; exit 1
fi
touch "$work/.triage-complete"
# A half-made root from an interrupted run goes; one another run finished meanwhile is kept.
[ -f "$root/.triage-complete" ] || rm -rf "$root"
mv -T "$work" "$root" 2>/dev/null || rm -rf "$work"
trap - EXIT
echo "$root"
