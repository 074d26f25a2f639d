#!/usr/bin/env bash
# The cost of `triage wall` alone, then of a wall and an interactive session side by side, against
# scripts/lab.sh (which must be up, with the same TRIAGE_LAB_DIR and ports in the environment).
# Each runs in a detached 200x50 pane of a private tmux server, with the lab's triage.yaml (2 s refresh).
#   - CPU % of one core: utime+stime from /proc/PID/stat over the window, after a 10 s warm-up, and
#     apart cutime+cstime: the children it waited for (curl, docker, kubectl);
#   - RSS: VmRSS from /proc/PID/status at the end of the window.
# Usage: scripts/measure-wall.sh [SECONDS]   (default 60; uses .build/release/triage, build it first)
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW=${1:-60}
WARMUP=10
TRIAGE=$PWD/.build/release/triage
[ -x "$TRIAGE" ] || { echo "measure-wall.sh: build first: swift build -c release --product triage" >&2; exit 1; }
eval "$(scripts/lab.sh env)"
LAB=${TRIAGE_LAB_DIR:-/tmp/triage-lab}
CONFIG=$LAB/triage.yaml
[ -f "$CONFIG" ] || { echo "measure-wall.sh: no $CONFIG: run scripts/lab.sh up first" >&2; exit 1; }
SCRATCH=$(mktemp -d /tmp/triage-measure-wall.XXXXXX)
SOCKET=triage-measure-wall-$$
cleanup() { tmux -L "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$SCRATCH"; }
trap cleanup EXIT
TICKS=$(getconf CLK_TCK)

# ticks PID -> "self children": utime+stime and cutime+cstime (fields 14-17 of /proc/PID/stat).
ticks() { local rest; rest=$(sed 's/^.*) //' "/proc/$1/stat"); set -- $rest; echo "$(( ${12} + ${13} )) $(( ${14} + ${15} ))"; }
start() {  # start NAME ARGS...: a pane running triage ARGS; prints its PID
    local name=$1; shift
    tmux -L "$SOCKET" -f /dev/null new-session -d -s "$name" -x 200 -y 50 -e "HOME=$SCRATCH" -e "TERM=xterm-256color" \
        -e "LANG=C.UTF-8" -e "TRIAGE_STATE=$SCRATCH/state" -e "DOCKER_HOST=$DOCKER_HOST" -e "KUBECONFIG=$KUBECONFIG" \
        "exec $TRIAGE $*"
    tmux -L "$SOCKET" display-message -p -t "$name" '#{pane_pid}'
}
window() {  # window LABEL PID...: CPU % of a core and RSS of each PID over the window
    local label=$1; shift
    local pids=("$@") before=() after=() before_kids=() after_kids=() self kids
    sleep "$WARMUP"
    for pid in "${pids[@]}"; do read -r self kids < <(ticks "$pid"); before+=("$self"); before_kids+=("$kids"); done
    sleep "$WINDOW"
    for pid in "${pids[@]}"; do read -r self kids < <(ticks "$pid"); after+=("$self"); after_kids+=("$kids"); done
    for i in "${!pids[@]}"; do
        local pid=${pids[$i]} cpu children rss name
        cpu=$(awk -v d=$(( ${after[$i]} - ${before[$i]} )) -v t="$TICKS" -v w="$WINDOW" 'BEGIN { printf "%.2f", 100 * d / t / w }')
        children=$(awk -v d=$(( ${after_kids[$i]} - ${before_kids[$i]} )) -v t="$TICKS" -v w="$WINDOW" 'BEGIN { printf "%.2f", 100 * d / t / w }')
        rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
        name=$(tr '\0' ' ' < "/proc/$pid/cmdline" | awk '{print $2 == "wall" ? "wall" : "interactive"}')
        echo "$label  $name  cpu ${cpu}% of a core (+${children}% in children)  rss ${rss} MB"
    done
}

wall=$(start wall wall --config "$CONFIG" --state "$SCRATCH/state")
window "wall alone" "$wall"
interactive=$(start interactive --config "$CONFIG")
window "side by side" "$wall" "$interactive"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); window ${WINDOW}s after ${WARMUP}s warm-up"
