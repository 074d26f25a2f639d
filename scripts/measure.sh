#!/usr/bin/env bash
# Measures triage the way docs/PERFORMANCE.md's anchors (htop, btop, glances) were measured, so the
# figures sit side by side: each tool in a detached tmux session of 200x50 on a private tmux server,
#   - bytes/s to the terminal: `tmux pipe-pane -o 'cat >> FILE'` over the window, after a warm-up;
#   - CPU % of one core: utime+stime from /proc/PID/stat, sampled every second over the window
#     (and cutime+cstime: children triage waited for, e.g. curl for HTTP checks);
#   - RSS: VmRSS (and peak VmHWM) from /proc/PID/status at the end, and Pss and its anonymous part
#     (Pss_Anon) from /proc/PID/smaps_rollup: shared library pages counted once per sharer;
#   - wake-ups: voluntary context switches of every thread (/proc/PID/task/*/status) over the window;
#   - first frame: `triage-bench first-frame`, which polls `capture-pane -p` until the frame shows.
# Scenarios: triage with no config (host pane only), the wall on an open incident, triage with 4
# HTTP checks against a local python http.server, and htop and btop when installed (for measuring
# only: apt-get install htop btop). Everything refreshes once a second.
#
# And (issue 15 §6) the dashboard with an incident open on the built-in runbook and on a 2 MB one,
# alternately, twice.
#
# And (issue 16, `startup`) the start-up of the two builds people run: the dynamically linked release
# (`swift build -c release`) and the static one `scripts/package.sh` makes for a bastion, their first
# frames interleaved run by run with htop's and btop's (9 rounds, one start of each per round), then
# each one's memory after SECONDS with no config.
#
# Usage: scripts/measure.sh [SECONDS] [runbook|startup]   (default 60; needs tmux, python3; builds
#                                       release binaries; `runbook`/`startup`: only those scenarios)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_WINDOW=${1:-60}
ONLY=${2:-}
WARMUP=5
TMUX=/usr/bin/tmux
[ -x "$TMUX" ] || { echo "measure.sh: $TMUX is missing (scripts/setup.sh installs it)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "measure.sh: python3 is missing" >&2; exit 1; }

swift build -c release --product triage >&2
swift build -c release --product triage-bench >&2
TRIAGE=$PWD/.build/release/triage
BENCH=$PWD/.build/release/triage-bench

SCRATCH=$(mktemp -d /tmp/triage-measure.XXXXXX)
SOCKET=triage-measure-$$
SERVER_PID=
cleanup() {
    "$TMUX" -L "$SOCKET" kill-server 2>/dev/null || true
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
mkdir -p "$SCRATCH/config" "$SCRATCH/home" "$SCRATCH/www" "$SCRATCH/http"
"$TMUX" -L "$SOCKET" -f /dev/null new-session -d -s keep -x 200 -y 50 /bin/sleep 3600

TICKS=$(getconf CLK_TCK)
RESULTS="$SCRATCH/results.txt"
: > "$RESULTS"

# cpu_ticks PID -> "self children" clock ticks (fields 14+15 and 16+17 of /proc/PID/stat).
cpu_ticks() {
    # The command name (field 2) may contain spaces; cut after its closing parenthesis.
    local rest
    rest=$(sed 's/^.*) //' "/proc/$1/stat")
    set -- $rest
    # After the name, field 3 is $1, so utime (14) is ${12}, stime ${13}, cutime ${14}, cstime ${15}.
    echo "$(( ${12} + ${13} )) $(( ${14} + ${15} ))"
}

# voluntary_switches PID -> voluntary context switches summed over the process's threads now.
voluntary_switches() {
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {n += $2} END {print n + 0}'
}

# measure NAME DIR -- COMMAND...: steady-state figures for one tool.
measure() {
    local name=$1 dir=$2; shift 3
    local session=m-$name out="$SCRATCH/$name.bytes"
    "$TMUX" -L "$SOCKET" new-session -d -s "$session" -x 200 -y 50 -c "$dir" \
        -e "HOME=$SCRATCH/home" -e "XDG_CONFIG_HOME=$SCRATCH/config" -e "TRIAGE_STATE=$SCRATCH/state-$name" "$@"
    local pid
    pid=$("$TMUX" -L "$SOCKET" display-message -p -t "$session" '#{pane_pid}')
    sleep "$WARMUP"
    [ -d "/proc/$pid" ] || { echo "$name: exited during warm-up" >&2; "$TMUX" -L "$SOCKET" capture-pane -p -t "$session" >&2 || true; return 1; }
    : > "$out"
    "$TMUX" -L "$SOCKET" pipe-pane -o -t "$session" "cat >> '$out'"
    local start_self start_children now_self now_children prev_self per_second=() wakes_before wakes_after
    wakes_before=$(voluntary_switches "$pid")
    read -r start_self start_children < <(cpu_ticks "$pid")
    prev_self=$start_self
    for _ in $(seq 1 "$SECONDS_WINDOW"); do
        sleep 1
        read -r now_self now_children < <(cpu_ticks "$pid")
        per_second+=($(( now_self - prev_self )))
        prev_self=$now_self
    done
    "$TMUX" -L "$SOCKET" pipe-pane -t "$session"
    wakes_after=$(voluntary_switches "$pid")
    local bytes rss hwm pss pss_anon
    bytes=$(stat -c %s "$out")
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
    pss_anon=$(awk '/^Pss_Anon:/ {print $2}' "/proc/$pid/smaps_rollup")
    "$TMUX" -L "$SOCKET" kill-session -t "$session"
    local median_tick
    median_tick=$(printf '%s\n' "${per_second[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    awk -v name="$name" -v s="$SECONDS_WINDOW" -v t="$TICKS" -v cpu=$(( now_self - start_self )) \
        -v child=$(( now_children - start_children )) -v med="$median_tick" -v bytes="$bytes" -v rss="$rss" -v hwm="$hwm" \
        -v pss="$pss" -v anon="$pss_anon" -v wakes=$(( wakes_after - wakes_before )) 'BEGIN {
        printf "%-22s CPU %.2f %% of a core (median second %.0f %%; children %.2f %%), %.2f KB/s to the terminal, RSS %.1f MB (peak %.1f MB; Pss %.1f MB, anonymous %.1f MB), %.1f wake-ups/s\n",
            name, 100 * cpu / t / s, 100 * med / t, 100 * child / t / s, bytes / 1000 / s, rss / 1024, hwm / 1024, pss / 1024, anon / 1024, wakes / s }' | tee -a "$RESULTS"
}

first_frame() {
    local name=$1 dir=$2; shift 2
    local markers=()
    while [ "$1" != "--" ]; do markers+=(--marker "$1"); shift; done
    shift
    "$BENCH" first-frame --runs 9 --dir "$dir" --env "HOME=$SCRATCH/home" --env "XDG_CONFIG_HOME=$SCRATCH/config" \
        --env "TRIAGE_STATE=$SCRATCH/state-ff-$name" "${markers[@]}" -- "$@" | sed "s/^/$name: /" | tee -a "$RESULTS"
}

# The dashboard on an open incident whose runbook is small (the built-in one) or 2 MB (15,672 tasks,
# written by `triage-bench runbook`), alternately: an idle frame should cost the same with either.
measure_runbooks() {
    mkdir -p "$SCRATCH/runbook"
    TRIAGE_BENCH_RUNBOOK_FILE="$SCRATCH/runbook/big.md" TRIAGE_BENCH_LINT_RUNS=1 "$BENCH" runbook >/dev/null
    local round size name runbook
    for round in 1 2; do
        for size in small big; do
            name=triage-runbook-$size-$round
            runbook=()
            if [ "$size" = big ]; then runbook=(--runbook "$SCRATCH/runbook/big.md"); fi
            TRIAGE_STATE="$SCRATCH/state-$name" "$TRIAGE" incident new --title measure --severity P2 "${runbook[@]}" >/dev/null
            measure "$name" "$SCRATCH/runbook" -- "$TRIAGE" --refresh 1s
        done
    done
}

# The first frame of the dynamic and the static release beside htop and btop, interleaved: round by
# round each tool starts once, so a change in the machine's load touches all four alike.
measure_startup() {
    local tarball static_dir static round tool times
    tarball=$(scripts/package.sh | tail -n1)
    static_dir="$SCRATCH/static"
    mkdir -p "$static_dir" "$SCRATCH/noconfig"
    tar xzf "$tarball" -C "$static_dir"
    static=$(echo "$static_dir"/*/triage)
    local tools=(dynamic static)
    [ -x /usr/bin/htop ] && tools+=(htop)
    if [ -x /usr/bin/btop ]; then
        tools+=(btop)
        mkdir -p "$SCRATCH/config/btop"
        echo "update_ms = 1000" > "$SCRATCH/config/btop/btop.conf"
    fi
    for round in $(seq 1 9); do
        for tool in "${tools[@]}"; do
            local command=() markers=()
            case $tool in
                dynamic) command=("$TRIAGE" --refresh 1s); markers=(--marker triage --marker Host) ;;
                static) command=("$static" --refresh 1s); markers=(--marker triage --marker Host) ;;
                htop) command=(/usr/bin/htop -d 10); markers=(--marker "Load average") ;;
                btop) command=(/usr/bin/btop); markers=(--marker cpu --marker mem) ;;
            esac
            "$BENCH" first-frame --runs 1 --dir "$SCRATCH/noconfig" --env "HOME=$SCRATCH/home" --env "XDG_CONFIG_HOME=$SCRATCH/config" \
                --env "TRIAGE_STATE=$SCRATCH/state-ff-$tool-$round" "${markers[@]}" -- "${command[@]}" |
                sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' >> "$SCRATCH/first-frame-$tool"
        done
    done
    for tool in "${tools[@]}"; do
        times=$(sort -n "$SCRATCH/first-frame-$tool" | tr '\n' ' ')
        sort -n "$SCRATCH/first-frame-$tool" | awk -v name="$tool" -v all="$times" '{a[NR]=$1} END {
            printf "first frame %-8s median %.1f ms of %d (min %.1f, max %.1f): %s\n", name, a[int((NR+1)/2)], NR, a[1], a[NR], all }' | tee -a "$RESULTS"
    done
    measure triage-dynamic "$SCRATCH/noconfig" -- "$TRIAGE" --refresh 1s
    measure triage-static "$SCRATCH/noconfig" -- "$static" --refresh 1s
}

echo "machine: $(nproc) cores, $(uname -sr), tmux $("$TMUX" -V | cut -d' ' -f2), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')" | tee -a "$RESULTS"

if [ "$ONLY" = runbook ]; then
    measure_runbooks
    exit 0
fi
if [ "$ONLY" = startup ]; then
    measure_startup
    exit 0
fi

# 1. triage, no configuration: the host pane, refreshed every second.
mkdir -p "$SCRATCH/noconfig"
measure triage-noconfig "$SCRATCH/noconfig" -- "$TRIAGE" --refresh 1s
first_frame triage-noconfig "$SCRATCH/noconfig" triage Host -- "$TRIAGE" --refresh 1s

# 1b. the wall display on an open incident (it reads and watches the incident database).
mkdir -p "$SCRATCH/wall"
TRIAGE_STATE="$SCRATCH/state-triage-wall" "$TRIAGE" incident new --title "measure" --severity P2 >/dev/null
measure triage-wall "$SCRATCH/wall" -- "$TRIAGE" wall --refresh 1s

# 1c. the dashboard on an incident with a small and with a 2 MB runbook (issue 15 §6).
measure_runbooks

# 2. triage with four HTTP checks against a local http.server (started here, stopped by PID).
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
for i in 1 2 3 4; do echo ok > "$SCRATCH/www/health$i"; done
python3 -m http.server --bind 127.0.0.1 --directory "$SCRATCH/www" "$PORT" > "$SCRATCH/http.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$PORT/health1" >/dev/null 2>&1 && break; sleep 0.1; done
{
    echo "refresh: 1s"
    echo "services:"
    for i in 1 2 3 4; do
        echo "  - name: web-$i"
        echo "    url: http://127.0.0.1:$PORT/health$i"
    done
} > "$SCRATCH/http/triage.yaml"
measure triage-4-http "$SCRATCH/http" -- "$TRIAGE"
first_frame triage-4-http "$SCRATCH/http" triage Host web-1 -- "$TRIAGE"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

# 3. htop, when installed (for measuring only; not a triage dependency): 1 s refresh.
if [ -x /usr/bin/htop ]; then
    measure htop "$SCRATCH/home" -- /usr/bin/htop -d 10
    first_frame htop "$SCRATCH/home" "Load average" -- /usr/bin/htop -d 10
else
    echo "htop is not installed: apt-get install htop to measure it side by side" | tee -a "$RESULTS"
fi

# 4. btop, when installed, at a 1 s update (its default is 2 s; set in its config file).
if [ -x /usr/bin/btop ]; then
    mkdir -p "$SCRATCH/config/btop"
    echo "update_ms = 1000" > "$SCRATCH/config/btop/btop.conf"
    measure btop "$SCRATCH/home" -- /usr/bin/btop
    first_frame btop "$SCRATCH/home" "cpu" "mem" -- /usr/bin/btop
else
    echo "btop is not installed: apt-get install btop to measure it side by side" | tee -a "$RESULTS"
fi

echo
echo "== summary"
cat "$RESULTS"
