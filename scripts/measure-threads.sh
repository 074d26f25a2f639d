#!/usr/bin/env bash
# Where an idle triage's CPU goes, thread by thread: starts BINARY [ARGS...] in a private tmux server at
# 200x50 (a fresh HOME, so no config unless ARGS name one), waits 6 s, then reads every thread's CPU
# time (/proc/PID/task/TID/schedstat, nanoseconds: finer than the 10 ms ticks of /proc/PID/stat) and
# voluntary context switches (wake-ups) over SECONDS, and prints them per thread with the total and
# the resident memory. Beside `scripts/measure.sh` (which compares whole processes with htop) this
# names the thread that costs: the terminal thread, the task pool (probes, host sampler), dispatch.
#
#   scripts/measure-threads.sh SECONDS BINARY [ARGS...]     e.g. 40 .build-release-static/release/triage --refresh 1s
set -euo pipefail
seconds=$1; shift
work=$(mktemp -d /tmp/triage-measure-threads.XXXXXX)
socket=triage-measure-threads-$$
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/home"
command=$(printf '%q ' "$@")
tmux -L "$socket" new-session -d -s t -x 200 -y 50 \
  "env HOME=$work/home XDG_CONFIG_HOME=$work/home/.config TRIAGE_STATE=$work/state $command"
sleep 6
pid=$(tmux -L "$socket" list-panes -t t -F '#{pane_pid}')
snapshot() {
  for task in /proc/"$pid"/task/*; do
    echo "$(basename "$task") $(cut -d' ' -f1 "$task/schedstat") $(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status") $(tr ' ' '_' < "$task/comm")"
  done 2>/dev/null | sort
}
snapshot > "$work/before"
sleep "$seconds"
snapshot > "$work/after"
echo "load $(cut -d' ' -f1-3 /proc/loadavg), $seconds s, $*"
join "$work/before" "$work/after" | awk -v s="$seconds" '{
  cpu = ($5 - $2) / 1e9 / s * 100; wakes = ($6 - $3) / s; total += cpu; all += wakes
  printf "  %-8s %-20s CPU %.3f %% of a core, %.2f wake-ups/s\n", $1, $4, cpu, wakes
} END { printf "  all threads                   CPU %.3f %% of a core, %.2f wake-ups/s\n", total, all }'
awk '/^VmRSS/ {printf "  RSS %.1f MB\n", $2 / 1024}' "/proc/$pid/status"
