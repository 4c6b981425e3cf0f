#!/usr/bin/env bash
# Local single-node Kafka (KRaft) for privacy-suite, built from Maven Central jars.
#
#   infra/kafka.sh start    start a broker (fresh data dir) and wait until it answers
#   infra/kafka.sh stop     stop the broker this script started (pid file only)
#   infra/kafka.sh status   print running/stopped (exit 0 running, 3 stopped)
#   infra/kafka.sh wait     wait until a broker answers on the port (whoever started it)
#
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_START_TIMEOUT (60),
#      KAFKA_HEAP_OPTS (-Xmx256m), PRIVACY_SUITE_CACHE, PRIVACY_SUITE_RUN_DIR.
# See infra/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

KAFKA_VERSION=4.1.1
HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx256m}"

CACHE_DIR="${PRIVACY_SUITE_CACHE:-$HOME/.cache/privacy-suite}"
LIBS="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
LIBS_POM="$SCRIPT_DIR/kafka/pom.xml"
LOG4J_CONFIG="$SCRIPT_DIR/kafka/log4j2.xml"

RUN_DIR="${PRIVACY_SUITE_RUN_DIR:-$ROOT/.run}/kafka"
DATA_DIR="$RUN_DIR/data"
PROPS="$RUN_DIR/server.properties"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi

log() { printf 'kafka: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=infra/lib/process.sh
. "$SCRIPT_DIR/lib/process.sh"

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}



# Sends a Kafka ApiVersions v0 request (correlation id 7) and checks that the
# answer echoes the correlation id: proves a Kafka broker is processing
# requests, not merely that something listens on the port.
kafka_answers() {
  local hex
  # shellcheck disable=SC2016 # $1/$2 expand in the child shell
  hex="$(timeout 5 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "\x00\x00\x00\x0f\x00\x12\x00\x00\x00\x00\x00\x07\x00\x05probe" >&3
      head -c 10 <&3 | od -An -tx1 | tr -d " \n"
    ' _ "$HOST" "$PORT" 2>/dev/null)" || return 1
  # bytes 4..7: correlation id; 8..9: error code (0, or 35 if v0 were refused)
  [[ "${hex:8:8}" == "00000007" ]]
}

# Prints the pid from our pid file if that process is alive and really is the
# broker we started from this run dir (guards against recycled pids).
our_pid() {
  local pid args
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  args="$(ps -p "$pid" -o args= 2>/dev/null)" || return 1
  [[ "$args" == *kafka.Kafka* && "$args" == *"$PROPS"* ]] || return 1
  printf '%s\n' "$pid"
}

# Removes the pid file when its process is gone or is something unrelated (a
# recycled pid). A live broker that does not match this script's settings (other
# cache dir or ports) keeps its record: it is reported, never killed.
drop_stale_pid_file() {
  local pid args
  [[ -f "$PID_FILE" ]] || return 0
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  args=""
  if [[ -n "$pid" ]]; then
    args="$(ps -p "$pid" -o args= 2>/dev/null || true)"
  fi
  if [[ "$args" != *kafka.Kafka* ]]; then
    rm -f "$PID_FILE"
    return 0
  fi
  log "ERROR: $PID_FILE names pid $pid, a broker started with other settings (PRIVACY_SUITE_CACHE, ports?); not touching it"
  return 1
}


# Fetches the broker classpath once into the shared cache. The pom's checksum is
# kept beside the jars so that a changed pom refreshes the cache.
ensure_libs() {
  local sum tmp mvn
  sum="$(cksum <"$LIBS_POM")"
  if [[ -f "$LIBS/.pom.cksum" && "$(cat "$LIBS/.pom.cksum")" == "$sum" ]]; then
    return 0
  fi
  log "fetching Kafka $KAFKA_VERSION jars into $LIBS (once)"
  mkdir -p "$(dirname "$LIBS")"
  tmp="$(mktemp -d "$(dirname "$LIBS")/libs.tmp.XXXXXX")"
  mvn="$(mvn_cmd)"
  if ! (cd "$ROOT" && "$mvn" -q -B -Dstyle.color=never -f "$LIBS_POM" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >&2); then
    rm -rf "$tmp"
    die "could not fetch the Kafka jars with $mvn"
  fi
  printf '%s\n' "$sum" >"$tmp/.pom.cksum"
  # Swap in atomically so a half-copied directory is never used.
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
}

write_properties() {
  cat >"$PROPS" <<EOF
# Written by infra/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

# Single node: every internal topic has exactly one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# Fewer internal partitions than the default 50: faster first consumer group on 2 cores.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Tests want consumer groups to start at once and topics on first use.
group.initial.rebalance.delay.ms=0
num.partitions=6
auto.create.topics.enable=true
EOF
}

storage_tool() {
  "$JAVA" -Xmx128m -cp "$LIBS/*" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    kafka.tools.StorageTool "$@"
}

# Waits until the broker answers; if pid is given, fails early when it dies.
broker_answers() { port_open "$HOST" "$PORT" && kafka_answers; }

# Waits until the broker answers; if pid is given, fails early when it dies.
wait_ready() {
  local pid="${1:-}" status=0
  log "waiting for the broker on $HOST:$PORT (timeout ${START_TIMEOUT}s)"
  wait_until broker_answers "$pid" "$START_TIMEOUT" 1 || status=$?
  case "$status" in
    0) log "up on $HOST:$PORT${pid:+ (pid $pid)} after ${WAITED}s" ;;
    1) log_tail "$LOG_FILE"; rm -f "$PID_FILE"; die "the broker exited during start-up" ;;
    *) log_tail "$LOG_FILE"; [[ -n "$pid" ]] && stop_pid "$pid"; die "no answer on $HOST:$PORT within ${START_TIMEOUT}s" ;;
  esac
}

# Stops the process group we started (setsid made the broker its leader).
stop_pid() {
  stop_group "$1" 20
  rm -f "$PID_FILE"
}


cmd_start() {
  local pid cluster_id i
  if pid="$(our_pid)"; then
    if kafka_answers; then
      log "already running (pid $pid, $HOST:$PORT)"
      return 0
    fi
    log "pid $pid is starting"
    wait_ready "$pid"
    return
  fi
  if port_open "$HOST" "$PORT"; then
    if kafka_answers; then
      log "already running (not started by us) on $HOST:$PORT"
      return 0
    fi
    die "port $PORT is in use by something that is not a Kafka broker (set KAFKA_PORT)"
  fi
  drop_stale_pid_file || exit 1
  if port_open "$HOST" "$CONTROLLER_PORT"; then
    die "controller port $CONTROLLER_PORT is in use (set KAFKA_CONTROLLER_PORT)"
  fi

  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or PATH)"
  ensure_libs

  # Fresh data on every start so tests begin from an empty cluster.
  mkdir -p "$RUN_DIR"
  rm -rf "$DATA_DIR"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
  write_properties

  cluster_id="$(storage_tool random-uuid 2>>"$LOG_FILE" | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || { log_tail "$LOG_FILE"; die "StorageTool random-uuid failed"; }
  if ! storage_tool format -t "$cluster_id" -c "$PROPS" --standalone >>"$LOG_FILE" 2>&1; then
    log_tail "$LOG_FILE"
    die "formatting the storage failed"
  fi

  local -a heap_opts
  read -r -a heap_opts <<<"$HEAP_OPTS"
  # setsid: the broker leads its own process group, detached from this terminal;
  # the launcher writes its own pid, then execs java in place.
  # shellcheck disable=SC2016 # $$ and $1 expand in the child shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' kafka-launch "$PID_FILE" \
    "$JAVA" "${heap_opts[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -cp "$LIBS/*" \
    kafka.Kafka "$PROPS" >>"$LOG_FILE" 2>&1 </dev/null &

  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "the broker did not start (no pid file)"
  log "started pid $pid (log: $LOG_FILE)"
  wait_ready "$pid"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    drop_stale_pid_file || exit 1
    log "not running (nothing started by this script)"
    return 0
  fi
  log "stopping pid $pid"
  stop_pid "$pid"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(our_pid)"; then
    if kafka_answers; then
      echo "kafka: running (pid $pid, $HOST:$PORT)"
    else
      echo "kafka: starting (pid $pid, $HOST:$PORT not answering yet)"
    fi
    return 0
  fi
  if port_open "$HOST" "$PORT" && kafka_answers; then
    echo "kafka: running (not started by us, $HOST:$PORT)"
    return 0
  fi
  echo "kafka: stopped"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) wait_ready ;;
  *) usage ;;
esac
