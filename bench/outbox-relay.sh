#!/usr/bin/env bash
# Benchmark of issue 18's goal 4: the outbox relay publishes at least 0.5x the records/s of a raw Kafka producer
# (acks=all, idempotent) on the same broker. Runs bench/outbox-relay (a Quarkus command-mode application) against the
# broker on KAFKA_BOOTSTRAP_SERVERS and a database of its own (privacy_bench_relay) on the local MariaDB/MySQL; both
# variants send the same CloudEvents to the topic bench.outbox-relay, a warm-up pass then a measured one.
# See bench/outbox-relay/README.md.
#
# Needs MariaDB/MySQL on 3306 (infra/db.sh ensure starts a local one) and Kafka on 9092 (started with infra/kafka.sh
# when nothing answers, and stopped again afterwards; ./suite up leaves one running).
# Env: BENCH_RECORDS (20000 per variant and pass), KAFKA_BOOTSTRAP_SERVERS (127.0.0.1:9092),
#      PRIVACY_EVENTS_RELAY_BATCH_SIZE (the library's default, 500).
# The last line is machine-readable: RESULT outbox-relay raw=<records/s> relay=<records/s> ratio=<x.xx>
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR=bench/outbox-relay/target/quarkus-app/quarkus-run.jar
LOG="${TMPDIR:-/tmp}/outbox-relay-bench.log"
OUT="$(mktemp)"

# shellcheck source=lib.sh
source bench/lib.sh

started_kafka=0
cleanup() {
  rm -f "$OUT"
  if ((started_kafka)); then infra/kafka.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

infra/db.sh ensure >/dev/null
if ! infra/kafka.sh status >/dev/null 2>&1; then
  say "no broker on 9092: starting one with infra/kafka.sh (./suite up would too)"
  infra/kafka.sh start >/dev/null
  started_kafka=1
fi
[[ -f "$JAR" ]] || ./mvnw -q -DskipTests package -pl bench/outbox-relay -am

say "load before: $(load_average); log in $LOG"
# stdout: the table; stderr: the log, whose progress lines (bench: ...) are shown as they come.
if ! java -Xmx512m -jar "$JAR" "$@" >"$OUT" 2> >(tee "$LOG" | grep --line-buffered '^bench:' >&2); then
  cat "$OUT"
  say "the benchmark failed; last lines of $LOG:"
  tail -n 20 "$LOG" >&2
  exit 1
fi
echo
# From the table's header on: Liquibase writes its first migration's summary to stdout before it.
sed -n '/^variant /,$p' "$OUT" | grep -v '^RESULT '
say "load after: $(load_average)"
grep '^RESULT outbox-relay ' "$OUT" | tail -n 1
