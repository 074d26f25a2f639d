#!/usr/bin/env bash
# Installs what triage needs on a fresh Debian machine with Swift: system libraries it links,
# and the real tools its tests drive (tmux, curl, podman + runc for a Docker-compatible engine).
# Idempotent: a second run installs nothing.
set -euo pipefail

packages=(
  libncurses-dev            # the terminal layer links ncursesw
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # the runbook parser (CommonMark + task lists)
  libsqlite3-dev            # GRDB's SQLite
  pkg-config
  tmux                      # end-to-end tests and the wall display
  curl                      # HTTP and Prometheus probes
  coreutils util-linux      # env --ignore-signal and prlimit cap HTTP bodies (essential; listed for minimal images)
  openssl                   # TLS-only checks (s_client); makes the certificates for the HTTPS and TLS tests
  dnsutils                  # dig, behind DNS checks
  netcat-openbsd            # nc -z, behind TCP connect checks
  dnsmasq-base              # a DNS server the DNS-check tests start on loopback (the binary only, no system service)
  python3                   # loopback test servers (HTTP, Kubernetes API stand-in)
  prometheus                # a real Prometheus the query tests start on loopback with their own data dir
  prometheus-alertmanager   # a real Alertmanager the alert tests start on loopback (own storage dir, gossip off)
  podman runc busybox-static  # a real container engine behind the docker CLI, for tests and the lab
  debootstrap               # a minimal Debian root without Swift, where scripts/test-package.sh runs the release
  openssh-client            # ssh, which the docker CLI runs for ssh:// hosts and contexts; ssh-keygen for the tests' keys
  openssh-server            # /usr/sbin/sshd, which the DockerSSH tests start on loopback ports with their own config (no system service)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # The package may start a system sshd on port 22; the tests need none, so one installed here is stopped.
  if [[ " ${missing[*]} " == *" openssh-server "* ]] && command -v systemctl >/dev/null 2>&1; then
    $sudo systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
  fi
fi

# podman refuses every container here unless the default ulimits are emptied ("setrlimit
# RLIMIT_NOFILE: Operation not permitted"; docs/LAB.md).
if command -v podman >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  conf=/etc/containers/containers.conf
  if ! grep -q 'default_ulimits = \[\]' "$conf" 2>/dev/null; then
    mkdir -p /etc/containers
    printf '[containers]\ndefault_ulimits = []\n' > "$conf"
  fi
fi
