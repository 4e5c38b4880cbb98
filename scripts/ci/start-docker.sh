#!/usr/bin/env bash
# Makes a Docker engine answer on this machine: installs docker.io (and busybox-static, for the test images)
# with apt when dockerd is missing, starts dockerd in the background when nothing answers on its socket,
# and waits until it does. Also installs docker-registry and htpasswd (a loopback registry for the pull tests).
# Idempotent: when the engine already answers it only says so.
set -euo pipefail

SOCKET=/var/run/docker.sock
LOG=/var/log/dagger-wf-dockerd.log
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 || ! command -v busybox >/dev/null 2>&1; then
  echo "start-docker: installing docker.io and busybox-static with apt" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static >/dev/null
fi
# The image-pull test serves the test image from a registry on loopback (no other registry is reachable).
if ! command -v docker-registry >/dev/null 2>&1; then
  echo "start-docker: installing docker-registry with apt" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
fi
# The private-registry tests give it htpasswd users: bcrypt hashes made with apache2-utils' htpasswd -B.
if ! command -v htpasswd >/dev/null 2>&1; then
  echo "start-docker: installing apache2-utils (htpasswd) with apt" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2-utils >/dev/null
fi

if answers; then
  echo "start-docker: engine $(docker version --format '{{.Server.Version}}') answers" >&2
  exit 0
fi
if [ -n "${DOCKER_HOST:-}" ]; then
  echo "start-docker: DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local engine" >&2
  exit 1
fi

if ! pgrep -x dockerd >/dev/null; then
  # A socket or pid file left by an engine that was killed (a previous session) would stop dockerd from starting.
  as_root rm -f "$SOCKET" /var/run/docker.pid
  echo "start-docker: starting dockerd (log: $LOG)" >&2
  as_root sh -c "nohup dockerd >>'$LOG' 2>&1 </dev/null &"
fi

for _ in $(seq 1 120); do
  if answers; then
    echo "start-docker: engine $(docker version --format '{{.Server.Version}}') answers" >&2
    exit 0
  fi
  sleep 0.5
done
echo "start-docker: dockerd did not answer on $SOCKET within 60 s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
exit 1
