#!/usr/bin/env bash
# Start or stop a Docker engine for the tests.
#   engine.sh start  - start dockerd only when no engine answers; install Debian's docker.io if missing
#   engine.sh stop   - stop the dockerd this script started (never one it found running)
set -euo pipefail

SOCK=${DOCKWRIGHT_ENGINE_SOCK:-/var/run/docker.sock}
STATE_DIR=${DOCKWRIGHT_ENGINE_STATE:-"$(cd "$(dirname "$0")/.." && pwd)/.engine"}
PID_FILE="$STATE_DIR/dockerd.pid"
LOG_FILE="$STATE_DIR/dockerd.log"

ping_engine() { curl -sf --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

install_engine() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  # The static build is the one with every applet the test images link (httpd among them).
  local applets=""
  [ -x /bin/busybox ] && applets=$(/bin/busybox --list 2>/dev/null || true)
  grep -qx httpd <<<"$applets" || missing+=(busybox-static)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  # A real registry on 127.0.0.1 for the pull tests, and htpasswd -B for its bcrypt password file.
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "engine.sh: installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

start() {
  install_engine
  if ping_engine; then
    echo "engine.sh: an engine already answers on $SOCK; leaving it alone"
    return 0
  fi
  mkdir -p "$STATE_DIR"
  # vfs is the storage driver that works in these sandboxes; --dns keeps container name lookups on the machine.
  nohup dockerd --storage-driver=vfs --dns 127.0.0.1 --host "unix://$SOCK" >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + 60))
  until ping_engine; do
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "engine.sh: dockerd exited during start-up; its log:" >&2
      tail -30 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "engine.sh: dockerd did not answer /_ping within 60 s; its log:" >&2
      tail -30 "$LOG_FILE" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "engine.sh: dockerd started (pid $(cat "$PID_FILE")), log in $LOG_FILE"
}

stop() {
  if [ ! -f "$PID_FILE" ]; then
    echo "engine.sh: no engine started by this script; nothing to stop"
    return 0
  fi
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.2
    done
  fi
  rm -f "$PID_FILE"
  echo "engine.sh: dockerd (pid $pid) stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
