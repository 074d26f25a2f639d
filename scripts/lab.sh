#!/usr/bin/env bash
# A live-looking outage on this machine, for trying triage and for its end-to-end tests.
#
#   scripts/lab.sh up              start everything (idempotent), print the exports and a sample triage.yaml
#   scripts/lab.sh down            stop and remove only what the lab started (PIDs and names from its state dir)
#   scripts/lab.sh status          what runs
#   scripts/lab.sh break NAME      backend | web | crashloop | pod | hang
#   scripts/lab.sh heal NAME       undo one break
#   scripts/lab.sh env | config    print the exports / the sample triage.yaml again
#
# What `up` starts (all on loopback, nothing reachable from outside):
#   - podman's Docker-compatible API on a unix socket in the state dir (runc + cgroupfs, see
#     docs/LAB.md), with the busybox image localhost/triage-bb:latest (every applet);
#   - containers lab-web (healthcheck passing), lab-worker (busy loop), lab-crashloop (exits 2 every few
#     seconds, restart always), lab-unhealthy (healthcheck failing), lab-exited (exited 3), lab-oom (killed, 137);
#   - a health ticker: podman runs healthchecks from systemd timers, which do not exist here, so a loop
#     runs `podman healthcheck run` for the two containers that have one;
#   - HTTP on 127.0.0.1: backend :8001/health (500 after `break backend`), slow :8002/health (3 s);
#   - the Kubernetes API stand-in (scripts/kube-standin.py) on 127.0.0.1:16443 and a kubeconfig with
#     contexts `lab` and `lab-down` (a closed port).
# State dir: $TRIAGE_LAB_DIR, default /tmp/triage-lab. Ports: LAB_BACKEND_PORT, LAB_SLOW_PORT, LAB_KUBE_PORT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${TRIAGE_LAB_DIR:-/tmp/triage-lab}"
backend_port="${LAB_BACKEND_PORT:-8001}"
slow_port="${LAB_SLOW_PORT:-8002}"
kube_port="${LAB_KUBE_PORT:-16443}"
down_port=1   # nothing listens on 127.0.0.1:1: the lab-down context gets "connection refused"
image=localhost/triage-bb:latest   # our own tag: other users of localhost/bb may import a minimal rootfs
containers=(lab-web lab-worker lab-crashloop lab-unhealthy lab-exited lab-oom)

sock="$dir/podman.sock"
export CONTAINERS_CONF="$dir/containers.conf"
# Each lab keeps its containers and image in its own storage under its state dir: the containers
# have fixed names, so two labs (or a lab and the tests' own podman containers) sharing the
# machine's storage would remove or reuse each other's.
export CONTAINERS_STORAGE_CONF="$dir/storage.conf"
export DOCKER_HOST="unix://$sock"
export KUBECONFIG="$dir/kubeconfig"

die() { echo "lab: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (run scripts/setup.sh)"; }

pidfile() { echo "$dir/$1.pid"; }
alive() { local f; f="$(pidfile "$1")"; [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Starts a command in its own session (so `stop` can signal its whole group) and records its PID.
# It runs in the state dir: podman's service hands its working directory down to conmon, which
# writes an `oom` file there when a container is OOM-killed (lab-oom is), and that file belongs
# with the lab's state, not in whatever directory `lab.sh up` was started from. `exec` keeps the
# recorded PID the command's own.
start_bg() {
  local name="$1"; shift
  if alive "$name"; then return 0; fi
  (cd "$dir" && exec setsid "$@" >"$dir/$name.log" 2>&1 < /dev/null) &
  echo $! > "$(pidfile "$name")"
}

stop_bg() {
  local name="$1" f pid
  f="$(pidfile "$name")"
  [ -s "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

wait_for() {  # wait_for DESCRIPTION COMMAND...: up to 10 s
  local what="$1"; shift
  for _ in $(seq 1 100); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "$what did not come up (logs in $dir)"
}

podman_cmd() { podman --runtime /usr/sbin/runc --cgroup-manager cgroupfs "$@"; }

ensure_image() {
  podman image exists "$image" 2>/dev/null && return 0
  local root="$dir/rootfs"
  rm -rf "$root"; mkdir -p "$root/bin" "$root/tmp"
  cp "$(command -v busybox)" "$root/bin/busybox"
  for applet in $(busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  tar -C "$root" -cf "$dir/bb.tar" .
  podman import -q "$dir/bb.tar" "$image" >/dev/null
  rm -rf "$root" "$dir/bb.tar"
}

container_exists() { docker container inspect "$1" >/dev/null 2>&1; }

run_container() {  # run_container NAME DOCKER-RUN-ARGS... -- COMMAND
  local name="$1"; shift
  container_exists "$name" && return 0
  docker run -d --name "$name" --network none --log-opt max-size=1m --label triage.lab=1 "$@" >/dev/null
}

start_worker() {
  run_container lab-worker "$image" sh -c \
    'while true; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 0.3; done'
}

start_crashing_worker() {
  run_container lab-worker --restart always "$image" sh -c 'echo "worker: fatal: queue unreachable" >&2; sleep 3; exit 2'
}

start_web() {
  run_container lab-web --health-cmd 'test -f /ready' --health-interval 5s --health-retries 2 \
    "$image" sh -c 'touch /ready; while true; do echo "GET /health 200"; sleep 1; done'
}

start_containers() {
  start_web
  start_worker
  run_container lab-crashloop --restart always "$image" sh -c 'echo "starting"; sleep 4; echo "panic: config missing" >&2; exit 2'
  run_container lab-unhealthy --health-cmd 'test -f /tmp/never' --health-interval 5s --health-retries 1 \
    "$image" sh -c 'while true; do sleep 1; done'
  if ! container_exists lab-exited; then
    run_container lab-exited "$image" sh -c 'echo "migration failed" >&2; exit 3'
  fi
  if ! container_exists lab-oom; then
    run_container lab-oom --memory 16m "$image" sh -c 'sleep 1; head -c 200m /dev/zero | tail -c 100m >/dev/null'
  fi
}

# podman's healthchecks run from systemd timers; without systemd nobody runs them, so the lab does.
health_ticker() {
  start_bg health-ticker bash -c '
    while true; do
      for c in lab-web lab-unhealthy; do podman healthcheck run "$c" >/dev/null 2>&1 || true; done
      sleep 3
    done'
}

start_standin() {  # start_standin [--hang]
  start_bg kube-standin python3 "$here/kube-standin.py" serve --scenario "$dir/kube-scenario.json" \
    --port "$kube_port" --port-file "$dir/kube.port" "$@"
  wait_for "the Kubernetes API stand-in" test -s "$dir/kube.port"
}

up() {
  need podman; need docker; need kubectl; need python3; need busybox; need curl
  mkdir -p "$dir"
  [ -f "$CONTAINERS_CONF" ] || printf '[containers]\ndefault_ulimits = []\n' > "$CONTAINERS_CONF"
  # podman writes every engine's events to one file under /run/libpod unless told otherwise, so
  # each lab's `docker events` streamed the other labs' crash loops and health checks too.
  grep -q '^events_logfile_path' "$CONTAINERS_CONF" ||
    printf '[engine]\nevents_logfile_path = "%s/events.log"\n' "$dir" >> "$CONTAINERS_CONF"
  [ -f "$CONTAINERS_STORAGE_CONF" ] ||
    printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage"\nrunroot = "%s/run"\n' "$dir" "$dir" > "$CONTAINERS_STORAGE_CONF"
  ensure_image
  if ! alive podman; then
    rm -f "$sock"
    start_bg podman podman --runtime /usr/sbin/runc --cgroup-manager cgroupfs system service --time=0 "unix://$sock"
  fi
  wait_for "the podman API service" docker version
  start_containers
  health_ticker
  start_bg backend python3 "$here/lab-http.py" --port "$backend_port" --broken-file "$dir/backend.broken"
  start_bg slow python3 "$here/lab-http.py" --port "$slow_port" --delay 3
  [ -f "$dir/kube-scenario.json" ] || python3 "$here/kube-standin.py" write-scenario "$dir/kube-scenario.json"
  start_standin
  python3 "$here/kube-standin.py" kubeconfig "$KUBECONFIG" "$kube_port" "$down_port"
  wait_for "the backend" curl -fsS "http://127.0.0.1:$backend_port/health"
  echo "lab is up. State: $dir" >&2
  print_env
  echo >&2
  echo "# sample triage.yaml (also written to $dir/triage.yaml):" >&2
  print_config | tee "$dir/triage.yaml"
}

down() {
  [ -d "$dir" ] || { echo "lab: nothing to stop" >&2; return 0; }
  if alive podman; then
    for c in "${containers[@]}"; do
      docker rm -f "$c" >/dev/null 2>&1 || true
    done
  fi
  for p in health-ticker backend slow kube-standin podman; do stop_bg "$p"; done
  rm -f "$sock" "$dir/kube.port" "$dir/backend.broken" "$dir/kube-scenario.json"
  echo "lab is down" >&2
}

status() {
  for p in podman health-ticker backend slow kube-standin; do
    if alive "$p"; then echo "$p: running (pid $(cat "$(pidfile "$p")"))"; else echo "$p: stopped"; fi
  done
  [ -f "$dir/backend.broken" ] && echo "backend: broken (500)"
  grep -q -- '--hang' "/proc/$(cat "$(pidfile kube-standin)" 2>/dev/null || echo 0)/cmdline" 2>/dev/null \
    && echo "kube-standin: hanging"
  if alive podman; then docker ps -a --filter label=triage.lab=1 --format 'table {{.Names}}\t{{.Status}}'; fi
}

print_env() {
  echo "export DOCKER_HOST=$DOCKER_HOST"
  echo "export KUBECONFIG=$KUBECONFIG"
}

print_config() {
  cat <<EOF
refresh: 2s
services:
  - name: backend
    url: http://127.0.0.1:$backend_port/health
    expect_status: 200
    expect_body: ok
    timeout: 2s
  - name: slow
    url: http://127.0.0.1:$slow_port/health
    timeout: 5s
    warn_latency: 2s
docker:
  - host: $DOCKER_HOST
    containers: ["lab-*"]
kubernetes:
  - context: lab
  - context: lab-down
    namespaces: [shop]
logs:
  - docker: lab-web
    host: $DOCKER_HOST
  - docker: lab-crashloop
    host: $DOCKER_HOST
  - kubectl: payments-6b8d-crash
    context: lab
    namespace: shop
EOF
}

break_it() {
  case "${1:-}" in
    backend) touch "$dir/backend.broken" ;;
    web) docker kill lab-web >/dev/null ;;
    crashloop) docker rm -f lab-worker >/dev/null 2>&1 || true; start_crashing_worker ;;
    pod) python3 "$here/kube-standin.py" break-pod "$dir/kube-scenario.json" ;;
    hang) stop_bg kube-standin; rm -f "$dir/kube.port"; start_standin --hang ;;
    *) die "break what? backend | web | crashloop | pod | hang" ;;
  esac
  echo "lab: broke $1" >&2
}

heal_it() {
  case "${1:-}" in
    backend) rm -f "$dir/backend.broken" ;;
    web) docker start lab-web >/dev/null ;;
    crashloop) docker rm -f lab-worker >/dev/null 2>&1 || true; start_worker ;;
    pod) python3 "$here/kube-standin.py" heal-pod "$dir/kube-scenario.json" ;;
    hang) stop_bg kube-standin; rm -f "$dir/kube.port"; start_standin ;;
    *) die "heal what? backend | web | crashloop | pod | hang" ;;
  esac
  echo "lab: healed $1" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) print_env ;;
  config) print_config ;;
  break) mkdir -p "$dir"; break_it "${2:-}" ;;
  heal) mkdir -p "$dir"; heal_it "${2:-}" ;;
  *) echo "usage: $0 up|down|status|env|config|break NAME|heal NAME" >&2; exit 2 ;;
esac
