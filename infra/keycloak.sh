#!/usr/bin/env bash
# Local Keycloak for privacy-suite: the real distribution from Maven Central,
# started in dev mode with the local/demo realm imported from
# infra/keycloak/realm-privacy.json.
#
#   infra/keycloak.sh start                   start (fresh dev database) and wait for the realm
#   infra/keycloak.sh stop                    stop the Keycloak this script started (pid file only)
#   infra/keycloak.sh status                  print running/stopped (exit 0 running, 3 stopped)
#   infra/keycloak.sh token USER PASS         print an access token (password grant, client privacy-web)
#   infra/keycloak.sh client-token ID SECRET  print an access token (client credentials grant)
#
# Env: KEYCLOAK_PORT (8180), KEYCLOAK_START_TIMEOUT (240), KEYCLOAK_HEAP_OPTS (-Xms64m -Xmx512m),
#      KEYCLOAK_ADMIN / KEYCLOAK_ADMIN_PASSWORD (admin/admin), KEYCLOAK_HOSTNAME,
#      PRIVACY_SUITE_CACHE, PRIVACY_SUITE_RUN_DIR. See infra/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

KC_VERSION=26.4.0
HOST=127.0.0.1
PORT="${KEYCLOAK_PORT:-8180}"
REALM=privacy
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-240}"
HEAP_OPTS="${KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx512m}"
# A fixed hostname keeps the token issuer the same whether a client calls
# 127.0.0.1 or localhost (dev mode otherwise derives it from each request).
PUBLIC_URL="${KEYCLOAK_HOSTNAME:-http://$HOST:$PORT}"
BASE_URL="http://$HOST:$PORT"
READY_PATH="/realms/$REALM/.well-known/openid-configuration"

CACHE_DIR="${PRIVACY_SUITE_CACHE:-$HOME/.cache/privacy-suite}"
KC_HOME="$CACHE_DIR/keycloak-$KC_VERSION"
REALM_FILE="$SCRIPT_DIR/keycloak/realm-privacy.json"
# Any pom works as a project for dependency:copy; this standalone one has no build.
FETCH_POM="$SCRIPT_DIR/kafka/pom.xml"

RUN_DIR="${PRIVACY_SUITE_RUN_DIR:-$ROOT/.run}/keycloak"
PID_FILE="$RUN_DIR/keycloak.pid"
LOG_FILE="$RUN_DIR/keycloak.log"

log() { printf 'keycloak: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=infra/lib/process.sh
. "$SCRIPT_DIR/lib/process.sh"

usage() {
  sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}



# HTTP status of GET BASE_URL$1 ("000" when nothing answers). Falls back to
# bash's /dev/tcp so start/stop/status work without curl.
http_status() {
  local path="$1" line
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL$path" || true
    return 0
  fi
  # shellcheck disable=SC2016 # $1..$3 expand in the child shell
  line="$(timeout 5 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n" "$3" "$1" "$2" >&3
      head -n 1 <&3
    ' _ "$HOST" "$PORT" "$path" 2>/dev/null)" || line=""
  line="${line#HTTP/* }"
  printf '%s\n' "${line:0:3}" | grep -E '^[0-9]{3}$' || echo 000
}

realm_ready() {
  [[ "$(http_status "$READY_PATH")" == 200 ]]
}

# Prints the pid from our pid file if that process group is alive and runs the
# cached distribution (guards against recycled pids).
our_pid() {
  local pid args
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  args="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1
  [[ "$args" == *"$KC_HOME/"* ]] || return 1
  printf '%s\n' "$pid"
}

# Removes the pid file when its process is gone or is something unrelated (a
# recycled pid). A live Keycloak that does not match this script's settings (other
# cache dir or ports) keeps its record: it is reported, never killed.
drop_stale_pid_file() {
  local pid args
  [[ -f "$PID_FILE" ]] || return 0
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  args=""
  if [[ -n "$pid" ]]; then
    args="$(ps -p "$pid" -o args= 2>/dev/null || true)"
  fi
  if [[ "$args" != *keycloak* ]]; then
    rm -f "$PID_FILE"
    return 0
  fi
  log "ERROR: $PID_FILE names pid $pid, a Keycloak started with other settings (PRIVACY_SUITE_CACHE, ports?); not touching it"
  return 1
}


# Downloads and unpacks the distribution once; it stays in the shared cache so
# the slow Quarkus re-augmentation of the first start is reused by every clone.
ensure_dist() {
  local tmp mvn zip
  [[ -f "$KC_HOME/.complete" && -x "$KC_HOME/bin/kc.sh" ]] && return 0
  log "fetching keycloak-quarkus-dist $KC_VERSION (160 MB, once) into $KC_HOME"
  mkdir -p "$CACHE_DIR"
  tmp="$(mktemp -d "$CACHE_DIR/keycloak.tmp.XXXXXX")"
  mvn="$(mvn_cmd)"
  if ! (cd "$ROOT" && "$mvn" -q -B -Dstyle.color=never -N -f "$FETCH_POM" dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
      -DoutputDirectory="$tmp" >&2); then
    rm -rf "$tmp"
    die "could not fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip with $mvn"
  fi
  zip="$tmp/keycloak-quarkus-dist-$KC_VERSION.zip"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$tmp"
  else
    # jar (always in the JDK) drops the exec bits; put them back.
    (cd "$tmp" && jar xf "$zip")
    chmod +x "$tmp/keycloak-$KC_VERSION/bin/"*.sh
  fi
  rm -f "$zip"
  [[ -x "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ]] || { rm -rf "$tmp"; die "unexpected zip layout"; }
  touch "$tmp/keycloak-$KC_VERSION/.complete"
  rm -rf "$KC_HOME"
  mv "$tmp/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$tmp"
}

wait_ready() {
  local pid="${1:-}" status=0
  log "waiting for $BASE_URL$READY_PATH (timeout ${START_TIMEOUT}s)"
  wait_until realm_ready "$pid" "$START_TIMEOUT" 2 || status=$?
  case "$status" in
    0) log "up on $BASE_URL${pid:+ (pid $pid)} after ${WAITED}s" ;;
    1) log_tail "$LOG_FILE"; rm -f "$PID_FILE"; die "Keycloak exited during start-up" ;;
    *) log_tail "$LOG_FILE"; [[ -n "$pid" ]] && stop_kc "$pid"; die "realm '$REALM' not served within ${START_TIMEOUT}s" ;;
  esac
}

# kc.sh runs java as a child, so stop the whole process group setsid created.
stop_kc() {
  stop_group "$1" 30
  rm -f "$PID_FILE"
}


cmd_start() {
  local pid other i
  if pid="$(our_pid)"; then
    if realm_ready; then
      log "already running (pid $pid, $BASE_URL)"
      return 0
    fi
    log "pid $pid is starting"
    wait_ready "$pid"
    return
  fi
  if port_open "$HOST" "$PORT"; then
    if realm_ready; then
      log "already running (not started by us) on $BASE_URL"
      return 0
    fi
    die "port $PORT is in use by something that does not serve realm '$REALM' (set KEYCLOAK_PORT)"
  fi
  drop_stale_pid_file || exit 1
  command -v java >/dev/null 2>&1 || [[ -x "${JAVA_HOME:-}/bin/java" ]] || die "java not found"

  ensure_dist

  # The dist (and its data/) is shared by all clones: never wipe the database
  # of a Keycloak that another checkout is running from it.
  # shellcheck disable=SC2009 # fixed-string match on a path; pgrep -f wants a regex
  other="$(ps -eo pid=,args= | grep -F -- "$KC_HOME/" | grep -v -F -- "grep" | head -n 1 || true)"
  if [[ -n "$other" ]]; then
    read -r other _ <<<"$other"
    die "another Keycloak runs from $KC_HOME (pid $other); stop it first"
  fi

  # Fresh H2 dev database on every start, so the imported realm is always current.
  mkdir -p "$RUN_DIR"
  rm -rf "$KC_HOME/data"
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/realm-$REALM.json"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"

  # setsid: kc.sh leads a new process group (it forks java), detached from this
  # terminal; the launcher writes its own pid, then execs kc.sh in place.
  # JAVA_OPTS is dropped: if set, kc.sh would ignore the heap settings below.
  # shellcheck disable=SC2016 # $$ and $1 expand in the child shell
  env -u JAVA_OPTS \
    KC_BOOTSTRAP_ADMIN_USERNAME="${KEYCLOAK_ADMIN:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}" \
    JAVA_OPTS_KC_HEAP="$HEAP_OPTS" \
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' kc-launch "$PID_FILE" \
    "$KC_HOME/bin/kc.sh" start-dev --http-port "$PORT" --http-host "$HOST" \
    --hostname "$PUBLIC_URL" --import-realm >>"$LOG_FILE" 2>&1 </dev/null &

  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "Keycloak did not start (no pid file)"
  log "started process group $pid (log: $LOG_FILE)"
  wait_ready "$pid"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    drop_stale_pid_file || exit 1
    log "not running (nothing started by this script)"
    return 0
  fi
  log "stopping process group $pid"
  stop_kc "$pid"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(our_pid)"; then
    if realm_ready; then
      echo "keycloak: running (pid $pid, $BASE_URL, realm $REALM)"
    else
      echo "keycloak: starting (pid $pid, realm $REALM not served yet)"
    fi
    return 0
  fi
  if port_open "$HOST" "$PORT" && realm_ready; then
    echo "keycloak: running (not started by us, $BASE_URL, realm $REALM)"
    return 0
  fi
  echo "keycloak: stopped"
  return 3
}

# Posts a token request and prints access_token; the error body goes to stderr.
request_token() {
  local resp code body token
  command -v curl >/dev/null 2>&1 || die "curl is required for tokens (apt-get install curl)"
  resp="$(curl -sS --max-time 20 -w '\n%{http_code}' \
    "$BASE_URL/realms/$REALM/protocol/openid-connect/token" "$@")" \
    || die "no answer from $BASE_URL (is Keycloak running? infra/keycloak.sh start)"
  code="${resp##*$'\n'}"
  body="${resp%$'\n'*}"
  token="$(printf '%s' "$body" | grep -o '"access_token" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' || true)"
  if [[ "$code" != 200 || -z "$token" ]]; then
    log "token request failed (HTTP $code): $body"
    exit 1
  fi
  printf '%s\n' "$token"
}

cmd_token() {
  [[ $# -eq 2 ]] || usage
  request_token -d grant_type=password -d client_id=privacy-web -d scope=openid \
    --data-urlencode "username=$1" --data-urlencode "password=$2"
}

cmd_client_token() {
  [[ $# -eq 2 ]] || usage
  request_token -d grant_type=client_credentials \
    --data-urlencode "client_id=$1" --data-urlencode "client_secret=$2"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  token) shift; cmd_token "$@" ;;
  client-token) shift; cmd_client_token "$@" ;;
  *) usage ;;
esac
