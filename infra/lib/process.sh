# shellcheck shell=bash
# Shared by infra/kafka.sh, infra/keycloak.sh, infra/db.sh and ./suite: finding Maven, probing ports, and starting,
# watching and stopping the background processes they launch. Source it after defining log() and die().
# Requires ROOT (the repository root).

# The repository's wrapper pins Maven 3.9.x; a plain mvn is enough for fetching artefacts.
mvn_cmd() {
  if [[ -x "$ROOT/mvnw" ]]; then
    printf '%s\n' "$ROOT/mvnw"
  elif command -v mvn >/dev/null 2>&1; then
    printf '%s\n' mvn
  else
    die "neither $ROOT/mvnw nor mvn found; install Maven"
  fi
}

# TCP connect check with bash only (no nc on a bare machine): port_open HOST PORT.
port_open() {
  # shellcheck disable=SC2016 # $1/$2 expand in the child shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# log_tail FILE: the last lines of a log, to explain a failed start.
log_tail() {
  if [[ -f "$1" ]]; then
    log "last lines of $1:"
    tail -n 40 "$1" >&2
  fi
}

# wait_until CHECK PID TIMEOUT INTERVAL: polls the command CHECK until it succeeds, printing progress dots.
# Returns 0 when ready, 1 when PID (if given) exited first, 2 after TIMEOUT seconds. Sets WAITED (seconds).
wait_until() {
  local check="$1" pid="$2" timeout="$3" interval="$4" start status dots=0
  start="$(date +%s)"
  while :; do
    WAITED=$(($(date +%s) - start))
    if "$check"; then
      status=0
    elif [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      status=1
    elif ((WAITED >= timeout)); then
      status=2
    else
      printf '.' >&2
      dots=1
      sleep "$interval"
      continue
    fi
    if ((dots)); then printf '\n' >&2; fi
    return "$status"
  done
}

# stop_group PGID GRACE: TERM to the process group setsid made, KILL after GRACE seconds.
stop_group() {
  local pgid="$1" grace="$2" i
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for ((i = 0; i < grace; i++)); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 1
  done
  log "process group $pgid did not stop within ${grace}s; sending KILL"
  kill -KILL -- "-$pgid" 2>/dev/null || true
  sleep 1
}
