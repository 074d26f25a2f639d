#!/usr/bin/env bash
# Regenerates scripts/link-order.txt, the order in which scripts/package.sh has lld lay out the
# release binary's functions: every function a recorded run executed, first in .text, so that the
# pages start-up and the idle screen touch are few and together (the kernel maps code 64 KB around
# each fault: spread over 24 MB of text, the code a running dashboard touches kept ~18 MB resident).
#
# The record: the packaged binary (scripts/package.sh) under valgrind's callgrind, which sees every
# function that runs (a sampling profiler misses the ones that run once, which are most of start-up),
# in a private tmux server at 200x50 with no config (a fresh HOME: host pane, discovery), for SECONDS
# (default 60: start-up, the first frame and a minute of the idle screen), then quit with q. With
# CONFIG (e.g. the lab's triage.yaml, docs/LAB.md), a second run with `--config CONFIG` adds the
# functions the probes, the panes and the logs of a configured dashboard run, after the first run's.
# Within each run the functions are ordered by the instructions they executed, most first; then
# (read from the link map package.sh writes) the ones that have a section of their own come before
# the ones that share a section with others (the standard library's one object, Debian's SQLite and
# ncurses archives): lld moves a whole section to where its first named function is, so a shared
# section placed early would spread the functions that can be packed.
#
# When to run it: after a change that renames or adds much of what start-up and the idle screen run.
# A stale order still links (lld ignores names it does not find; scripts/test-package.sh fails when
# fewer than 80 % are found or when the dashboard's resident code outgrows its budget).
#
#   scripts/gen-link-order.sh [SECONDS] [CONFIG]     needs valgrind (apt-get install valgrind), tmux
#
# Then `TRIAGE_PACKAGE_FORCE=1 scripts/package.sh` links with the new order; commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
config=${2:-}
command -v valgrind >/dev/null || { echo "gen-link-order.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
[ -z "$config" ] || config=$(realpath "$config")

scripts/package.sh >/dev/null
binary=.build-release-static/release/triage
[ -x "$binary" ] || TRIAGE_PACKAGE_FORCE=1 scripts/package.sh >/dev/null

work=$(mktemp -d /tmp/triage-link-order.XXXXXX)
socket=triage-link-order-$$
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# valgrind 3.19 gives up on the DWARF 5 debug info swiftc writes: record a copy without it (the
# symbols, which are what the order names, stay).
strip --strip-debug -o "$work/triage" "$binary"

# record NAME [ARGS...]: one run under callgrind in a 200x50 pane, quit with q after $seconds.
record() {
  local name=$1; shift
  mkdir -p "$work/$name/home" "$work/$name/config"
  tmux -L "$socket" -f /dev/null new-session -d -s "$name" -x 200 -y 50 -c "$work/$name" \
    -e HOME="$work/$name/home" -e XDG_CONFIG_HOME="$work/$name/config" -e TRIAGE_STATE="$work/$name/state" \
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$name.callgrind" \
    "$work/triage" "$@"
  sleep "$seconds"
  tmux -L "$socket" send-keys -t "$name" q
  # callgrind writes its file when the program exits: up to 60 s at valgrind's pace.
  for _ in $(seq 600); do tmux -L "$socket" has-session -t "$name" 2>/dev/null || break; sleep 0.1; done
  [ -s "$work/$name.callgrind" ] || { echo "gen-link-order.sh: the $name run left no profile" >&2; exit 1; }
}
record idle
runs=("$work/idle.callgrind")
if [ -n "$config" ]; then
  record configured --config "$config"
  runs+=("$work/configured.callgrind")
fi

# The functions of the triage binary that executed at least one instruction, by their own cost,
# each run's after the runs before it; callgrind's `'N` suffix (a recursion level) is not a symbol.
python3 - "$work/triage" .build-release-static/triage.map "${runs[@]}" > "$work/link-order.txt" <<'PY'
import collections, re, sys
binary, link_map, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
# The input section of each function in .text, from lld's map (--no-demangle): after the columns
# VMA, LMA, Size and Align, an output section unindented, an input section "FILE:(NAME)" indented
# by 8, its symbols by 16.
section_of, section, in_text = {}, None, False
for line in open(link_map, errors="replace"):
    match = re.match(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+ (\s*)(\S.*)$", line.rstrip("\n"))
    if not match:
        continue
    indent, name = len(match.group(1)), match.group(2)
    if indent == 0:
        in_text = name == ".text"
    elif in_text and indent == 8:
        section = name.rsplit(":(", 1)[1][:-1] if ":(" in name else None
    elif in_text and indent == 16 and section is not None:
        section_of.setdefault(name, section)
print("# The order scripts/package.sh has lld lay out the release binary's functions in (one symbol a line).")
print("# Generated by scripts/gen-link-order.sh from %d recorded run(s); do not edit by hand." % len(runs))
seen, own, shared = set(), [], []
for path in runs:
    objects, names, owner, cost = {}, {}, {}, collections.Counter()
    current_object = current_function = None
    in_call = False
    for line in open(path, errors="replace"):
        match = re.match(r"^(c?)(ob|fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if match:
            called, kind, ident, name = match.groups()
            table = objects if kind == "ob" else names
            if name:
                table[ident] = name
            if kind == "ob" and not called:
                current_object = ident
            elif kind == "fn" and not called:
                current_function, in_call = ident, False
                owner[ident] = current_object
            continue
        if line.startswith("calls="):
            in_call = True   # the next cost line is the call's inclusive cost, not this function's
            continue
        if line[:1].isdigit() or line[:1] in "+-*":
            if in_call:
                in_call = False
            elif current_function is not None:
                fields = line.split()
                if len(fields) >= 2:
                    cost[current_function] += int(fields[1])
    for ident, spent in sorted(cost.items(), key=lambda item: -item[1]):
        if spent <= 0 or objects.get(owner.get(ident), "") != binary:
            continue
        name = re.sub(r"'\d+$", "", names[ident])
        if name not in seen and not name.startswith("0x"):
            seen.add(name)
            (own if section_of.get(name) == ".text." + name else shared).append(name)
print("\n".join(own + shared))
PY
mv "$work/link-order.txt" scripts/link-order.txt
echo "gen-link-order.sh: $(grep -vc '^#' scripts/link-order.txt) functions in scripts/link-order.txt" >&2
