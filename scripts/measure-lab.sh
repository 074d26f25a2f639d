#!/usr/bin/env bash
# The whole lab's cost (issue 16): triage AND every process under it, against scripts/lab.sh (which
# must be up, with the same TRIAGE_LAB_DIR and ports in the environment), with htop beside it in the
# same window when htop is installed (for measuring only: apt-get install htop).
#
# triage runs in a detached 200x50 pane of a private tmux server on the lab's triage.yaml (2 s
# refresh); after a warm-up two windows follow:
#   1. CPU. A sampler walks triage's descendants every 200 ms (/proc/PID/task/*/children) and keeps
#      each process's utime+stime as last seen. A descendant alive at the end counts what it used in
#      the window; one that ended counts whole through triage's cutime+cstime, which holds every child
#      it reaped (less what it had used before the window, when it was alive at the start). That
#      counts the long-running ones (docker stats and events streams, kubectl watches, log followers)
#      while they run, which cutime alone does not, and the short ones (docker ps, curl) although
#      most start and end between two samples. The per-program split is what the samples saw: a
#      lower bound for programs that end quickly.
#   2. Process starts per minute by program (docker, kubectl, curl ...), exactly: a second triage is
#      started under `strace -f -e trace=execve` once the first has ended, and its execs are counted
#      over the same window after the same warm-up (so the tracing's cost is not in the CPU figure).
#      Without strace, the starts the sampler saw (a lower bound).
#
# Usage: scripts/measure-lab.sh [SECONDS] [wall|both]   (default 60 s per window; `wall`: `triage
#        wall` instead of the interactive dashboard; `both`: a wall beside an interactive session,
#        each measured with its own descendants in the same CPU window, and no strace window). TRIAGE_BIN overrides .build/release/triage (build it
#        first: swift build -c release --product triage).
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW=${1:-60}
MODE=${2:-interactive}
WARMUP=${MEASURE_LAB_WARMUP:-15}
TRIAGE=${TRIAGE_BIN:-$PWD/.build/release/triage}
[ -x "$TRIAGE" ] || { echo "measure-lab.sh: build first: swift build -c release --product triage" >&2; exit 1; }
command -v python3 >/dev/null || { echo "measure-lab.sh: python3 is missing" >&2; exit 1; }
eval "$(scripts/lab.sh env)"
LAB=${TRIAGE_LAB_DIR:-/tmp/triage-lab}
CONFIG=$LAB/triage.yaml
[ -f "$CONFIG" ] || { echo "measure-lab.sh: no $CONFIG: run scripts/lab.sh up first" >&2; exit 1; }
SCRATCH=$(mktemp -d /tmp/triage-measure-lab.XXXXXX)
SOCKET=triage-measure-lab-$$
cleanup() { tmux -L "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$SCRATCH"; }
trap cleanup EXIT

start() {  # start NAME COMMAND: a 200x50 pane running COMMAND; prints its PID
    local name=$1 command=$2
    tmux -L "$SOCKET" -f /dev/null new-session -d -s "$name" -x 200 -y 50 -e "HOME=$SCRATCH" -e "TERM=xterm-256color" \
        -e "LANG=C.UTF-8" -e "TRIAGE_STATE=$SCRATCH/state" -e "DOCKER_HOST=$DOCKER_HOST" -e "KUBECONFIG=$KUBECONFIG" \
        "exec $command"
    tmux -L "$SOCKET" display-message -p -t "$name" '#{pane_pid}'
}

wall=
case "$MODE" in
    wall) triage=$(start triage "$TRIAGE wall --config $CONFIG --state $SCRATCH/state") ;;
    both) triage=$(start triage "$TRIAGE --config $CONFIG")
          wall=$(start wall "$TRIAGE wall --config $CONFIG --state $SCRATCH/wall-state") ;;
    *) triage=$(start triage "$TRIAGE --config $CONFIG") ;;
esac
htop=
if command -v htop >/dev/null; then htop=$(start htop "htop -d 20"); fi
sleep "$WARMUP"
kill -0 "$triage" 2>/dev/null || { echo "measure-lab.sh: triage ended during the warm-up" >&2; exit 1; }

sample() {  # sample PID [ANCHOR-PID]: the CPU window for one triage and its descendants
python3 - "$1" "$WINDOW" "${2:-}" <<'EOF'
import os, sys, time
root, window = int(sys.argv[1]), float(sys.argv[2])
anchor = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else None
tck = os.sysconf("SC_CLK_TCK")

def stat(pid):
    """(comm, own utime+stime, reaped children's cutime+cstime, starttime) or None once gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
    except OSError:
        return None
    fields = s[s.rindex(")") + 2:].split()
    return s[s.index("(") + 1:s.rindex(")")], int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]), int(fields[19])

def children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    found += [int(c) for c in f.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return found

def descendants():
    found, stack = [], [root]
    while stack:
        for child in children(stack.pop()):
            found.append(child)
            stack.append(child)
    return found

def sample(seen):
    """Updates seen[(pid, starttime)] = [comm, ticks at first sight, ticks now, alive] for every descendant."""
    alive = set()
    for pid in descendants():
        s = stat(pid)
        if s is None:
            continue
        key = (pid, s[3])
        alive.add(key)
        if key in seen:
            seen[key][0], seen[key][2] = s[0], s[1]
        else:
            seen[key] = [s[0], s[1], s[1], True]
    for key, entry in seen.items():
        entry[3] = key in alive

seen = {}
sample(seen)
at_start = set(seen)
root0, anchor0 = stat(root), stat(anchor) if anchor else None
deadline = time.monotonic() + window
samples = 1
while time.monotonic() < deadline:
    time.sleep(0.2)
    sample(seen)
    samples += 1
root1, anchor1 = stat(root), stat(anchor) if anchor else None
if root1 is None:
    sys.exit("triage ended during the window")

pct = lambda ticks: 100.0 * ticks / tck / window
own = root1[1] - root0[1]
reaped = root1[2] - root0[2]
live, ended_before_window, per_program, started = 0, 0, {}, {}
for key, (comm, first, last, alive) in seen.items():
    base = first if key in at_start else 0
    if alive:
        live += last - base
    elif key in at_start:
        ended_before_window += first  # in cutime whole, but spent before the window
    program = per_program.setdefault(comm, 0)
    per_program[comm] = program + (last - base)
    if key not in at_start:
        started[comm] = started.get(comm, 0) + 1
children_ticks = live + max(0, reaped - ended_before_window)
print(f"triage itself         {pct(own):6.2f} % of a core")
print(f"children, live        {pct(live):6.2f} % (descendants alive at the end of the window)")
print(f"children, ended       {pct(max(0, reaped - ended_before_window)):6.2f} % (reaped by triage: cutime+cstime)")
print(f"triage + children     {pct(own + children_ticks):6.2f} % of a core   <- the whole-lab figure")
if anchor1 and anchor0:
    print(f"htop -d 20 (beside)   {pct(anchor1[1] - anchor0[1]):6.2f} % of a core")
print(f"({samples} samples; clock tick {1000 // tck} ms; per program as sampled, a lower bound for short-lived ones:)")
for comm, ticks in sorted(per_program.items(), key=lambda kv: -kv[1]):
    print(f"  {comm:<16} cpu {pct(ticks):5.2f} %  starts seen {started.get(comm, 0)}")
with open(f"/proc/{root}/status") as f:
    rss = next(line.split()[1] for line in f if line.startswith("VmRSS"))
print(f"triage RSS {int(rss) / 1024:.1f} MB")
EOF
}

echo "== CPU over ${WINDOW}s ($MODE, after ${WARMUP}s warm-up; load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
if [ -n "$wall" ]; then
    # Both in the same window: `triage wall` probes for itself, beside an interactive session.
    sample "$triage" "$htop" > "$SCRATCH/interactive.txt" &
    sample "$wall" > "$SCRATCH/wall.txt"
    wait
    echo "-- interactive session, beside the wall"; cat "$SCRATCH/interactive.txt"
    echo "-- wall, beside the interactive session"; cat "$SCRATCH/wall.txt"
    exit 0
fi
sample "$triage" "$htop"

echo
if command -v strace >/dev/null; then
    # A second triage, started under strace (attaching to a running one is refused on some kernels),
    # after the first has ended: its execs are counted over a window after the same warm-up.
    echo "== process starts over ${WINDOW}s, by program (a second triage started under strace -f -e trace=execve)"
    tmux -L "$SOCKET" kill-session -t triage
    sleep 1
    case "$MODE" in
        wall) tracer=$(start traced "strace -f -qq -ttt -e trace=execve -e signal=none -o $SCRATCH/execve $TRIAGE wall --config $CONFIG --state $SCRATCH/state") ;;
        *) tracer=$(start traced "strace -f -qq -ttt -e trace=execve -e signal=none -o $SCRATCH/execve $TRIAGE --config $CONFIG") ;;
    esac
    sleep "$WARMUP"
    from=$(date +%s.%N)
    sleep "$WINDOW"
    to=$(date +%s.%N)
    # strace outlives the pane's hangup: end its triage, then strace itself.
    pkids=$(cat "/proc/$tracer/task/"*/children 2>/dev/null || true)
    for pid in $pkids; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 1
    kill -TERM "$tracer" 2>/dev/null || true
    # One process may exec several programs (env → prlimit → curl): it counts once, as the last one.
    python3 - "$SCRATCH/execve" "$from" "$to" <<'EOF2'
import os, re, sys
start, end = float(sys.argv[2]), float(sys.argv[3])
def label(path, argv):
    """The program, and for docker its subcommand (after --host/--context and their values)."""
    program = os.path.basename(path)
    if program != "docker":
        return program
    words = iter(argv[1:])
    for word in words:
        if word in ("--host", "-H", "--context", "-c"):
            next(words, None)
        elif not word.startswith("-"):
            return "docker " + word + (" --no-stream" if "--no-stream" in argv else "")
    return program

last, unfinished = {}, {}
for line in open(sys.argv[1], errors="replace"):
    line = line.strip()
    # strace -f splits an execve that another process interrupts into "<unfinished ...>" and
    # "<... execve resumed>" lines: without joining them the wrapper it replaced (env, prlimit)
    # was counted instead of curl.
    resumed = re.match(r'(\d+)\s+(\d+\.\d+)\s+<\.\.\. execve resumed>', line)
    if resumed:
        started = unfinished.pop(resumed.group(1), None)
        if started and line.endswith("= 0") and start <= started[0] < end:
            last[resumed.group(1)] = started[1]
        continue
    m = re.match(r'(\d+)\s+(\d+\.\d+)\s+execve\("([^"]*)", \[(.*?)\]', line)
    if not m:
        continue
    program = label(m.group(3), re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(4)))
    if line.endswith("<unfinished ...>"):
        unfinished[m.group(1)] = (float(m.group(2)), program)
    elif line.endswith("= 0") and start <= float(m.group(2)) < end:
        last[m.group(1)] = program
counts = {}
for program in last.values():
    counts[program] = counts.get(program, 0) + 1
minutes = (end - start) / 60
for program, n in sorted(counts.items(), key=lambda kv: -kv[1]):
    print(f"  {program:<26} {n:4d} starts  {n / minutes:6.1f} per minute")
print(f"  {'all':<26} {sum(counts.values()):4d} starts  {sum(counts.values()) / minutes:6.1f} per minute")
EOF2
else
    echo "== no strace: process starts are only the sampled ones above (apt-get install strace for exact counts)"
fi
