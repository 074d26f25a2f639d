#!/usr/bin/env bash
# The soak: triage (release build) runs in a private tmux server for SOAK_SECONDS against a private lab
# under load, and every SOAK_INTERVAL seconds this script samples triage's memory, open descriptors,
# threads, descendant processes (zombies flagged) and CPU time, and times two keypresses (`?` opens the
# help, `?` closes it) from send-keys until they show on the captured screen, and the same two keys
# against a control pane (a bash loop) that shows what tmux and the machine's load alone cost.
# At the end it prints a table and a verdict and exits 0 on pass,
# 1 on fail (2: the soak could not start). docs/RELIABILITY.md, "Soak", has the criteria and results.
#
# The lab is private (its own state dir, podman socket, free ports and container names), so it never
# collides with a `scripts/lab.sh` someone else runs:
#   - podman's Docker API on a unix socket in the lab dir (runc + cgroupfs, see docs/LAB.md);
#   - PREFIX-firehose: `yes` as fast as its CPU share allows (--log-opt max-size=1m, a `timeout` bound);
#   - PREFIX-restarter: exits 1 every 10 s, restarted by the engine (on-failure with a bounded count);
#   - PREFIX-steady: a quiet container that stays up;
#   - HTTP on 127.0.0.1: "flapping" (200 and 500 alternating every SOAK_FLAP_SECONDS), "backend" (200);
#   - the Kubernetes API stand-in (context soak, watches and log follows ended every 60 s as a real
#     server does) and a second one that accepts connections and never answers (context soak-hang);
#   - a file log written 250 lines a second and rotated (renamed) every 5000 lines.
# triage follows the firehose's and the restarter's `docker logs -f`, the file log and one pod's
# `kubectl logs -f`, and polls both services, both contexts and the engine every 2 s.
#
# Usage: scripts/soak.sh          (a 10 minute run)
#   SOAK_SECONDS=60 scripts/soak.sh   a short run to check the script
#   scripts/soak.sh config            print the triage.yaml a run uses; starts nothing
# Environment (defaults in brackets):
#   SOAK_SECONDS [600]            how long triage runs under load
#   SOAK_INTERVAL [10]            seconds between samples
#   SOAK_BASELINE_AT [60]         memory growth is measured against the first sample at or after this
#                                 second (for runs shorter than twice this: a third of the run)
#   SOAK_GROWTH_PERCENT [10]      pass: last RSS under baseline RSS + this percentage
#   SOAK_FD_SLACK [16]            pass: descriptors never above the most seen up to the baseline + this
#   SOAK_CHILD_SLACK [8]          pass: descendants never above the most seen up to the baseline + this
#   SOAK_KEY_BOUND_MS [200]       pass: every keypress on screen within this
#   SOAK_KEY_GIVE_UP_MS [5000]    a keypress not on screen after this is "not answered"
#   SOAK_FIREHOSE_CPUS [0.5]      the firehose container's CPU share (the machine is shared)
#   SOAK_FLAP_SECONDS [10]        the flapping endpoint's half period
#   SOAK_RESULTS [/tmp/triage-soak-results/STAMP]   samples.tsv, summary.txt, the last screen, triage.yaml
#   TRIAGE_LAB_DIR [mktemp -d /tmp/triage-soak.XXXXXX]   the lab's state dir (the default one is removed at the end)
#   LAB_FLAP_PORT, LAB_BACKEND_PORT [free ports]          the two HTTP endpoints' ports
#   SOAK_BUILD [1]                0: use the existing .build/release/triage without building
#   SOAK_MEASURE_NICE [-10]       nice of the measuring side (this script, tmux); triage runs at 0
#
# Everything it starts is recorded by PID (or by container name) and stopped on exit, Ctrl-C included.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_INTERVAL=${SOAK_INTERVAL:-10}
SOAK_BASELINE_AT=${SOAK_BASELINE_AT:-60}
SOAK_GROWTH_PERCENT=${SOAK_GROWTH_PERCENT:-10}
SOAK_FD_SLACK=${SOAK_FD_SLACK:-16}
SOAK_CHILD_SLACK=${SOAK_CHILD_SLACK:-8}
SOAK_KEY_BOUND_MS=${SOAK_KEY_BOUND_MS:-200}
SOAK_KEY_GIVE_UP_MS=${SOAK_KEY_GIVE_UP_MS:-5000}
SOAK_FIREHOSE_CPUS=${SOAK_FIREHOSE_CPUS:-0.5}
SOAK_FLAP_SECONDS=${SOAK_FLAP_SECONDS:-10}
SOAK_BUILD=${SOAK_BUILD:-1}
SOAK_MEASURE_NICE=${SOAK_MEASURE_NICE:--10}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=${SOAK_RESULTS:-/tmp/triage-soak-results/$stamp}
if [ "$SOAK_SECONDS" -lt $(( 2 * SOAK_BASELINE_AT )) ]; then SOAK_BASELINE_AT=$(( SOAK_SECONDS / 3 )); fi

TMUX_BIN=/usr/bin/tmux
image=localhost/triage-bb:latest   # the lab's image (busybox with every applet); imported when missing
prefix=triage-soak-$$              # every container this run creates starts with this
socket=triage-soak-$$              # the private tmux server
screen_marker="triage keys"        # the help modal's title: on screen only while help is open

die() { echo "soak: $*" >&2; exit 2; }

# The triage.yaml of the soak: both services, the engine, both contexts, and four log streams under load.
print_config() {
    cat <<EOF
refresh: 2s
services:
  - name: flapping
    url: http://127.0.0.1:$flap_port/health
    timeout: 2s
  - name: backend
    url: http://127.0.0.1:$backend_port/health
    timeout: 2s
docker:
  - host: $DOCKER_HOST
    containers: ["$prefix-*"]
kubernetes:
  - context: soak
  - context: soak-hang
logs:
  - docker: $prefix-firehose
    host: $DOCKER_HOST
  - docker: $prefix-restarter
    host: $DOCKER_HOST
  - file: $lab/app.log
  - kubectl: pod/checkout-7d9f8b6c5-x2x9q
    context: soak
    namespace: shop
EOF
}

if [ "${1:-}" = config ]; then
    # Prints the triage.yaml a run would use (ports as given, else 8003 and 8004) and starts nothing.
    lab=${TRIAGE_LAB_DIR:-/tmp/triage-soak.XXXXXX}; DOCKER_HOST="unix://$lab/podman.sock"
    flap_port=${LAB_FLAP_PORT:-8003}; backend_port=${LAB_BACKEND_PORT:-8004}
    print_config; exit 0
fi
[ $# = 0 ] || { echo "usage: $0 [config]   (environment: see the head of this file)" >&2; exit 2; }
for tool in podman docker kubectl python3 busybox curl runc; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run scripts/setup.sh)"
done
[ -x "$TMUX_BIN" ] || die "$TMUX_BIN is missing (run scripts/setup.sh)"
[ "${BASH_VERSINFO[0]}" -ge 5 ] || die "needs bash 5 (EPOCHREALTIME)"

if [ "$SOAK_BUILD" = 1 ]; then swift build -c release --product triage >&2; fi
triage_bin=$repo/.build/release/triage
[ -x "$triage_bin" ] || die "$triage_bin is missing (swift build -c release --product triage)"

if [ -n "${TRIAGE_LAB_DIR:-}" ]; then lab=$TRIAGE_LAB_DIR; mkdir -p "$lab"; else lab=$(mktemp -d /tmp/triage-soak.XXXXXX); fi
mkdir -p "$results" "$lab/home" "$lab/config" "$lab/state"
export CONTAINERS_CONF="$lab/containers.conf"
export DOCKER_HOST="unix://$lab/podman.sock"
export KUBECONFIG="$lab/kubeconfig"
printf '[containers]\ndefault_ulimits = []\n' > "$CONTAINERS_CONF"

# --- cleanup: only what this run started, by PID or by the container names it created ---------------
background_pids=()   # session leaders started with setsid: their whole group is ended
containers=()
triage_pid=
triage_tree=()
tmux_server_pid=

stop_group() {  # TERM the process group, then KILL what is left after 3 s
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    if [ -n "$triage_pid" ]; then
        # triage's own children may be in their own process groups: remember them before it goes.
        triage_tree=("$triage_pid" $(descendants "$triage_pid" | cut -d' ' -f1))
    fi
    "$TMUX_BIN" -L "$socket" kill-server 2>/dev/null
    for _ in $(seq 1 30); do
        local any=0
        for pid in "${triage_tree[@]}" $tmux_server_pid; do kill -0 "$pid" 2>/dev/null && any=1; done
        [ $any = 0 ] && break
        sleep 0.1
    done
    for pid in "${triage_tree[@]}" $tmux_server_pid; do kill -KILL "$pid" 2>/dev/null; done
    for name in "${containers[@]}"; do docker rm -f "$name" >/dev/null 2>&1; done
    local i
    for (( i = ${#background_pids[@]} - 1; i >= 0; i-- )); do stop_group "${background_pids[$i]}"; done
    # podman's storage is shared by every podman on the machine: check through it that none of ours is left.
    local left
    left=$(podman ps -a --filter "name=^$prefix-" --format '{{.Names}}' 2>/dev/null)
    if [ -n "$left" ]; then
        echo "soak: removing leftover containers: $left" >&2
        for name in $left; do podman rm -f --time 1 "$name" >/dev/null 2>&1; done
    fi
    [ -z "${TRIAGE_LAB_DIR:-}" ] && rm -rf "$lab"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "soak: interrupted" >&2; exit 130' INT TERM

start_bg() {  # start_bg NAME COMMAND...: in its own session, output to the lab dir, PID recorded
    local name=$1; shift
    setsid "$@" > "$lab/$name.log" 2>&1 < /dev/null &
    background_pids+=($!)
}

wait_for() {  # wait_for DESCRIPTION COMMAND...: up to 20 s
    local what=$1; shift
    for _ in $(seq 1 200); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    die "$what did not come up (logs in $lab)"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- the lab --------------------------------------------------------------------------------------
start_bg podman podman --runtime /usr/sbin/runc --cgroup-manager cgroupfs system service --time=0 "$DOCKER_HOST"
if ! podman image exists "$image" 2>/dev/null; then
    rootfs="$lab/rootfs"
    mkdir -p "$rootfs/bin" "$rootfs/tmp"
    cp "$(command -v busybox)" "$rootfs/bin/busybox"
    for applet in $(busybox --list); do [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"; done
    tar -C "$rootfs" -cf "$lab/bb.tar" .
    podman import -q "$lab/bb.tar" "$image" >/dev/null || podman image exists "$image" || die "podman import failed"
    rm -rf "$rootfs" "$lab/bb.tar"
fi
wait_for "the podman API service" docker version

run_container() {  # run_container SUFFIX DOCKER-RUN-ARGS...
    local name="$prefix-$1"; shift
    containers+=("$name")
    docker run -d --name "$name" --network none --log-opt max-size=1m --label "triage.soak=$$" "$@" >/dev/null
}
bound=$(( SOAK_SECONDS + 300 ))   # no container outlives the soak by more than this, even if cleanup never ran
run_container firehose --cpus "$SOAK_FIREHOSE_CPUS" "$image" \
    timeout "$bound" yes "firehose: GET /api/orders?id=4711 200 3ms upstream=10.0.0.7:8080 trace=5f1c2a"
run_container restarter --restart "on-failure:$(( bound / 10 ))" "$image" \
    sh -c 'echo "restarter: up"; sleep 10; echo "restarter: fatal: lost the queue, exiting" >&2; exit 1'
run_container steady "$image" timeout "$bound" sh -c 'while true; do echo "steady: tick"; sleep 5; done'

flap_port=${LAB_FLAP_PORT:-$(free_port)}
backend_port=${LAB_BACKEND_PORT:-$(free_port)}
start_bg flapping python3 "$repo/scripts/lab-http.py" --port "$flap_port" --flap "$SOAK_FLAP_SECONDS"
start_bg backend python3 "$repo/scripts/lab-http.py" --port "$backend_port"
python3 "$repo/scripts/kube-standin.py" write-scenario "$lab/kube-scenario.json"
start_bg kube-standin python3 "$repo/scripts/kube-standin.py" serve --scenario "$lab/kube-scenario.json" \
    --port 0 --port-file "$lab/kube.port" --watch-timeout 60
start_bg kube-hang python3 "$repo/scripts/kube-standin.py" serve --hang --port 0 --port-file "$lab/kube-hang.port"
wait_for "the Kubernetes API stand-in" test -s "$lab/kube.port"
wait_for "the hanging stand-in" test -s "$lab/kube-hang.port"
cat > "$KUBECONFIG" <<EOF
apiVersion: v1
kind: Config
current-context: soak
clusters:
- name: soak
  cluster:
    server: http://127.0.0.1:$(cat "$lab/kube.port")
- name: soak-hang
  cluster:
    server: http://127.0.0.1:$(cat "$lab/kube-hang.port")
users:
- name: soak-user
  user:
    token: soak-token
contexts:
- name: soak
  context:
    cluster: soak
    user: soak-user
- name: soak-hang
  context:
    cluster: soak-hang
    user: soak-user
EOF
# The file log: 250 lines a second, so that triage's ring for it (10,000 lines) is full within the
# first minute like the firehose's and later growth is not the ring filling; every 5000 lines it is
# renamed to app.log.1 and started again, as logrotate does, so the follower must notice and reopen.
start_bg file-writer python3 -c '
import os, sys, time
path = sys.argv[1]
n = 0
while True:
    with open(path, "a") as f:
        for _ in range(200):
            for _ in range(25):
                n += 1
                f.write("%s app: request %d handled in %d ms\n" % (time.strftime("%H:%M:%S"), n, n % 97))
            f.flush()
            time.sleep(0.1)
    os.replace(path, path + ".1")
' "$lab/app.log"
wait_for "the flapping endpoint" curl -fsS -o /dev/null "http://127.0.0.1:$flap_port/health"
wait_for "the backend" curl -fsS -o /dev/null "http://127.0.0.1:$backend_port/health"
wait_for "the stand-in through kubectl" kubectl --context soak get namespaces

print_config > "$lab/triage.yaml"
cp "$lab/triage.yaml" "$results/triage.yaml"

# --- triage in tmux -------------------------------------------------------------------------------
# The measuring side (this script, the tmux server and its clients) runs at nice SOAK_MEASURE_NICE so
# that a loaded machine does not make every capture-pane slow; triage and the control pane are put
# back to nice 0, beside the lab, so what they get is what any process gets.
measure_nice=0
if [ "$SOAK_MEASURE_NICE" != 0 ] && renice -n "$SOAK_MEASURE_NICE" -p $$ >/dev/null 2>&1; then measure_nice=$SOAK_MEASURE_NICE; fi
back_to_zero=$(( 0 - measure_nice ))
tmx() { "$TMUX_BIN" -L "$socket" "$@"; }
tmx -f /dev/null new-session -d -s soak -x 200 -y 50 -c "$lab" \
    -e "HOME=$lab/home" -e "XDG_CONFIG_HOME=$lab/config" -e "XDG_STATE_HOME=$lab/state" \
    -e "TRIAGE_STATE=$lab/state/triage" -e "DOCKER_HOST=$DOCKER_HOST" -e "KUBECONFIG=$KUBECONFIG" \
    -e "CONTAINERS_CONF=$CONTAINERS_CONF" -e "LANG=C.UTF-8" \
    "exec nice -n $back_to_zero '$triage_bin' --config '$lab/triage.yaml'"
tmx rename-window -t soak:0 triage
# The control: a bash loop in a second window of the same server that shows the same marker on a key
# and clears it on the next. Timed like triage, it is what tmux and the machine's load alone cost.
cat > "$lab/control.sh" <<'EOF'
stty -echo -icanon min 1 time 0
shown=0
printf '\033[H\033[2Jcontrol: idle\n'
while IFS= read -r -s -n1 _; do
    if [ $shown = 0 ]; then printf '\033[H\033[2Jcontrol: triage keys\n'; shown=1
    else printf '\033[H\033[2Jcontrol: idle\n'; shown=0; fi
done
EOF
tmx new-window -d -t soak -n control "exec nice -n $back_to_zero bash '$lab/control.sh'"
tmux_server_pid=$(tmx display-message -p '#{pid}')
triage_pid=$(tmx display-message -p -t soak:triage '#{pane_pid}')
[ "$(cat "/proc/$triage_pid/comm" 2>/dev/null)" = triage ] || die "the pane runs $(cat "/proc/$triage_pid/comm" 2>/dev/null), not triage"
for _ in $(seq 1 200); do
    tmx capture-pane -p -t soak:triage 2>/dev/null | grep -q "Containers" && break
    sleep 0.1
done

# --- sampling -------------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)

# descendants PID: one line per descendant, "PID STATE COMM", from a single pass over /proc.
descendants() {
    # A process may exit between the glob and the read: cat then fails, and that is no error here.
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
        {
            # The command name may hold spaces and parentheses: it ends at the last ")".
            lp = index($0, " ("); rp = 0
            for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { rp = i; break }
            pid = substr($0, 1, lp - 1); comm = substr($0, lp + 2, rp - lp - 2)
            split(substr($0, rp + 2), rest, " ")
            state[pid] = rest[1]; name[pid] = comm; kids[rest[2]] = kids[rest[2]] " " pid
        }
        END {
            queue = kids[root]
            while (queue != "") {
                n = split(queue, list, " "); queue = ""
                for (i = 1; i <= n; i++) {
                    if (list[i] == "") continue
                    print list[i], state[list[i]], name[list[i]]
                    queue = queue " " kids[list[i]]
                }
            }
        }'
}

# key_latency PANE KEY appear|vanish: ms from send-keys until the help title appears / is gone in that
# pane ("-" if not within SOAK_KEY_GIVE_UP_MS). The screen is polled with no pause between captures;
# the clock is bash 5's EPOCHREALTIME ("seconds.micros"), read without a fork.
key_latency() {
    local pane=$1 key=$2 want=$3 start elapsed screen
    start=${EPOCHREALTIME/./}
    tmx send-keys -t "$pane" -l "$key"
    while :; do
        screen=$(tmx capture-pane -p -t "$pane")
        if [ "$want" = appear ] && [[ $screen == *"$screen_marker"* ]]; then break; fi
        if [ "$want" = vanish ] && [[ $screen != *"$screen_marker"* ]]; then break; fi
        elapsed=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
        if [ "$elapsed" -ge "$SOAK_KEY_GIVE_UP_MS" ]; then echo -; return; fi
    done
    echo $(( (${EPOCHREALTIME/./} - start) / 1000 ))
}

capture_ms() {  # what one capture-pane costs right now (the floor under every latency)
    local start=${EPOCHREALTIME/./}
    tmx capture-pane -p -t soak:triage >/dev/null
    echo $(( (${EPOCHREALTIME/./} - start) / 1000 ))
}

# Nanoseconds triage's threads have spent runnable but waiting for a CPU (schedstat's second field):
# what the machine's load, not triage's own work, adds to every latency.
runq_wait_ns() { cat /proc/"$triage_pid"/task/*/schedstat 2>/dev/null | awk '{s += $2} END {printf "%.0f\n", s}'; }

samples="$results/samples.tsv"
printf 't_s\trss_kb\tfds\tthreads\tchildren\tzombies\tcpu_s\tchildren_cpu_s\tkey_open_ms\tkey_close_ms\tcapture_ms\tload1\tzombie_pids\tchild_names\tcontrol_open_ms\tcontrol_close_ms\trunq_wait_ms\trss_anon_kb\n' > "$samples"
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr), tmux $("$TMUX_BIN" -V | cut -d' ' -f2)"
echo "soak: $machine; ${SOAK_SECONDS}s, a sample every ${SOAK_INTERVAL}s; triage pid $triage_pid; results in $results" >&2

start_s=$SECONDS
died_at=
wait_before=$(runq_wait_ns)
while :; do
    t=$(( SECONDS - start_s ))
    if ! [ -r "/proc/$triage_pid/status" ] || [ "$(awk '/^State/ {print $2}' "/proc/$triage_pid/status")" = Z ]; then
        died_at=$t; break
    fi
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$triage_pid/status")
    # The anonymous part (heap, stacks) apart from mapped files (code paged in as new paths run).
    rss_anon=$(awk '/^RssAnon/ {print $2}' "/proc/$triage_pid/status")
    threads=$(awk '/^Threads/ {print $2}' "/proc/$triage_pid/status")
    fd_list=(/proc/"$triage_pid"/fd/*)
    fds=${#fd_list[@]}
    tree=$(descendants "$triage_pid")
    if [ -n "$tree" ]; then children=$(printf '%s\n' "$tree" | wc -l); else children=0; fi
    zombie_pids=$(printf '%s\n' "$tree" | awk '$2 == "Z" {printf "%s%s", sep, $1; sep = ","}')
    zombies=$(printf '%s\n' "$tree" | awk '$2 == "Z"' | wc -l)
    child_names=$(printf '%s\n' "$tree" | awk 'NF {n[$3]++} END {for (c in n) printf "%s%s:%d", (sep++ ? "," : ""), c, n[c]}')
    read -r cpu child_cpu < <(sed 's/^.*) //' "/proc/$triage_pid/stat" | awk -v t="$ticks" '{printf "%.2f %.2f\n", ($12 + $13) / t, ($14 + $15) / t}')
    cap=$(capture_ms)
    open_ms=$(key_latency soak:triage '?' appear)
    if [ "$open_ms" = - ]; then close_ms=-; else close_ms=$(key_latency soak:triage '?' vanish); fi
    control_open=$(key_latency soak:control '?' appear)
    if [ "$control_open" = - ]; then control_close=-; else control_close=$(key_latency soak:control '?' vanish); fi
    load1=$(cut -d' ' -f1 /proc/loadavg)
    wait_now=$(runq_wait_ns)
    runq_ms=$(( (wait_now - wait_before) / 1000000 )); wait_before=$wait_now
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$rss" "$fds" "$threads" "$children" "$zombies" \
        "$cpu" "$child_cpu" "$open_ms" "$close_ms" "$cap" "$load1" "${zombie_pids:--}" "${child_names:--}" \
        "$control_open" "$control_close" "$runq_ms" "$rss_anon" >> "$samples"
    printf 'soak: t=%4ss rss=%s kB fds=%s threads=%s children=%s zombies=%s cpu=%ss key=%s/%s ms control=%s/%s ms runq=%s ms load=%s\n' \
        "$t" "$rss" "$fds" "$threads" "$children" "$zombies" "$cpu" "$open_ms" "$close_ms" "$control_open" "$control_close" \
        "$runq_ms" "$load1" >&2
    [ "$t" -ge "$SOAK_SECONDS" ] && break
    next=$(( start_s + (t / SOAK_INTERVAL + 1) * SOAK_INTERVAL ))
    while [ "$SECONDS" -lt "$next" ]; do sleep 0.2; done
done
tmx capture-pane -p -t soak:triage > "$results/last-screen.txt" 2>/dev/null || true
cp "$lab/"*.log "$results/" 2>/dev/null || true

# --- verdict --------------------------------------------------------------------------------------
summary="$results/summary.txt"
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC') (started $stamp)"
    echo "machine: $machine"
    echo "run: ${SOAK_SECONDS}s, sample every ${SOAK_INTERVAL}s, baseline at ${SOAK_BASELINE_AT}s; triage $("$triage_bin" --version 2>/dev/null || echo '?') at nice $(awk '{print $19}' "/proc/$triage_pid/stat" 2>/dev/null || echo '?'), measuring at nice $measure_nice"
    awk -F'\t' -v base_at="$SOAK_BASELINE_AT" -v growth_max="$SOAK_GROWTH_PERCENT" -v fd_slack="$SOAK_FD_SLACK" \
        -v child_slack="$SOAK_CHILD_SLACK" -v key_bound="$SOAK_KEY_BOUND_MS" -v died="$died_at" '
    function pct(sorted, n, p,   i) { if (n == 0) return "-"; i = int(p * n + 0.999999); if (i < 1) i = 1; return sorted[i] }
    function sort_num(a, n,   i, j, v) { for (i = 2; i <= n; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v } }
    NR == 1 { next }
    {
        n++; t[n] = $1 + 0; rss[n] = $2 + 0; fds[n] = $3 + 0; thr[n] = $4 + 0; ch[n] = $5 + 0; z[n] = $6 + 0
        cpu[n] = $7 + 0; load[n] = $12 + 0; zp[n] = $13; anon[n] = $18 + 0
        if (base == "" && $1 >= base_at) base = n
        if ($9 == "-") unanswered++; else { lat[++nl] = $9 + 0; if ($9 + 0 > key_bound + 0) slow++ }
        if ($10 == "-") { if ($9 != "-") unanswered++ } else { lat[++nl] = $10 + 0; if ($10 + 0 > key_bound + 0) slow++ }
        cap[++nc] = $11 + 0
        # The control pane, timed the same way in the same sample: what tmux and the load alone cost.
        control_slow = 0
        if ($15 != "-" && $15 != "") { ctl[++nk] = $15 + 0; if ($15 + 0 > key_bound + 0) control_slow = 1 }
        if ($16 != "-" && $16 != "") { ctl[++nk] = $16 + 0; if ($16 + 0 > key_bound + 0) control_slow = 1 }
        if ((($9 != "-" && $9 + 0 > key_bound + 0) || ($10 != "-" && $10 + 0 > key_bound + 0)) ) { slow_samples++; if (control_slow) slow_with_control++ }
        if ($17 != "") runq[++nr] = $17 + 0
    }
    END {
        if (n == 0) { print "no samples"; print "VERDICT: FAIL (no samples)"; exit 1 }
        if (base == "") base = n
        fd_seen = 0; ch_seen = 0
        for (i = 1; i <= base; i++) { if (fds[i] > fd_seen) fd_seen = fds[i]; if (ch[i] > ch_seen) ch_seen = ch[i] }
        fd_limit = fd_seen + fd_slack; ch_limit = ch_seen + child_slack
        rss_max = 0; fd_max = 0; ch_max = 0; thr_max = 0; load_max = 0; fd_min = 1e9; ch_min = 1e9
        for (i = 1; i <= n; i++) {
            if (rss[i] > rss_max) rss_max = rss[i]
            if (thr[i] > thr_max) thr_max = thr[i]
            if (load[i] + 0 > load_max) load_max = load[i] + 0
            load_sum += load[i]
            if (i >= base) {
                if (fds[i] > fd_max) fd_max = fds[i]; if (fds[i] < fd_min) fd_min = fds[i]
                if (ch[i] > ch_max) ch_max = ch[i]; if (ch[i] < ch_min) ch_min = ch[i]
                if (fds[i] > fd_limit) fd_over++
                if (ch[i] > ch_limit) ch_over++
            }
            # A zombie is a child exited and not yet waited for: seen once it may be mid-reap, seen
            # again at the next sample (same PID) it was never reaped.
            if (i > 1 && zp[i] != "-" && zp[i - 1] != "-") {
                m = split(zp[i], now_z, ","); split(zp[i - 1], before_z, ",")
                for (a = 1; a <= m; a++) for (b in before_z) if (now_z[a] == before_z[b]) { stuck[now_z[a]] = 1 }
            }
            if (z[i] > 0) zombie_samples++
        }
        for (p in stuck) stuck_list = stuck_list (stuck_list == "" ? "" : ",") p
        growth = 100 * (rss[n] - rss[base]) / rss[base]
        sort_num(lat, nl); sort_num(cap, nc)
        printf "load average (1 min) during the run: mean %.2f, max %.2f\n", load_sum / n, load_max
        printf "samples: %d over %ds; baseline sample at %ds\n\n", n, t[n], t[base]
        printf "%-38s %-44s %s\n", "measure", "value", "result"
        ok_rss = growth < growth_max
        peak_after = 0; for (i = base; i <= n; i++) if (rss[i] > peak_after) peak_after = rss[i]
        anon_peak = 0; for (i = base; i <= n; i++) if (anon[i] > anon_peak) anon_peak = anon[i]
        printf "%-38s %-44s %s\n", "RSS (kB)", sprintf("first %d, at %ds %d, last %d, max %d", rss[1], t[base], rss[base], rss[n], rss_max), ""
        printf "%-38s %-44s %s\n", "RSS growth after the baseline", sprintf("%+.1f %% (bound %d %%)", growth, growth_max), ok_rss ? "pass" : "FAIL"
        printf "%-38s %-44s %s\n", "highest RSS after the baseline", sprintf("%+.1f %% over the baseline", 100 * (peak_after - rss[base]) / rss[base]), ""
        if (anon[base] > 0) printf "%-38s %-44s %s\n", "anonymous RSS (kB)", sprintf("at %ds %d, last %d (%+.1f %%), max %d", t[base], anon[base], anon[n], 100 * (anon[n] - anon[base]) / anon[base], anon_peak), ""
        ok_fd = fd_over == 0
        printf "%-38s %-44s %s\n", "open descriptors", sprintf("first %d, last %d, after baseline %d-%d (bound %d)", fds[1], fds[n], fd_min, fd_max, fd_limit), ok_fd ? "pass" : "FAIL"
        ok_ch = ch_over == 0
        printf "%-38s %-44s %s\n", "descendant processes", sprintf("first %d, last %d, after baseline %d-%d (bound %d)", ch[1], ch[n], ch_min, ch_max, ch_limit), ok_ch ? "pass" : "FAIL"
        ok_z = stuck_list == ""
        printf "%-38s %-44s %s\n", "zombies", sprintf("seen in %d samples; unreaped: %s", zombie_samples, stuck_list == "" ? "none" : stuck_list), ok_z ? "pass" : "FAIL"
        printf "%-38s %-44s %s\n", "threads", sprintf("first %d, last %d, max %d", thr[1], thr[n], thr_max), ""
        printf "%-38s %-44s %s\n", "CPU time (s)", sprintf("%.2f over %ds (%.1f %% of a core)", cpu[n], t[n], t[n] > 0 ? 100 * cpu[n] / t[n] : 0), ""
        ok_key = unanswered == 0 && slow == 0
        printf "%-38s %-44s %s\n", "keypress to screen (ms)", sprintf("p50 %s, p95 %s, max %s of %d (bound %d)", pct(lat, nl, 0.5), pct(lat, nl, 0.95), nl ? lat[nl] : "-", nl, key_bound), ok_key ? "pass" : "FAIL"
        printf "%-38s %-44s %s\n", "keypresses not answered / slow", sprintf("%d / %d", unanswered, slow), ""
        printf "%-38s %-44s %s\n", "one capture-pane (ms)", sprintf("p50 %s, max %s", pct(cap, nc, 0.5), cap[nc]), ""
        sort_num(ctl, nk); sort_num(runq, nr)
        printf "%-38s %-44s %s\n", "control pane keypress (ms)", sprintf("p50 %s, p95 %s, max %s of %d", pct(ctl, nk, 0.5), pct(ctl, nk, 0.95), nk ? ctl[nk] : "-", nk), ""
        printf "%-38s %-44s %s\n", "samples with a slow keypress", sprintf("%d; the control was slow too in %d", slow_samples, slow_with_control), ""
        printf "%-38s %-44s %s\n", "triage waiting for a CPU (ms/sample)", sprintf("p50 %s, p95 %s, max %s", pct(runq, nr, 0.5), pct(runq, nr, 0.95), nr ? runq[nr] : "-"), ""
        ok_alive = died == ""
        printf "%-38s %-44s %s\n", "triage alive to the end", ok_alive ? "yes" : "exited at " died "s", ok_alive ? "pass" : "FAIL"
        print ""
        if (ok_rss && ok_fd && ok_ch && ok_z && ok_key && ok_alive) { print "VERDICT: PASS"; exit 0 }
        print "VERDICT: FAIL"; exit 1
    }' "$samples"
} > "$summary" && verdict=0 || verdict=1
cat "$summary"
echo "soak: samples in $samples, summary in $summary" >&2
exit "$verdict"
